<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> · <a href="/staff/events">Мероприятия</a></p>
<h1><?cs if:Event.id ?><?cs var:Event.title ?><?cs else ?>Новое мероприятие<?cs /if ?></h1>
<?cs if:Saved ?><div class="notice" role="status"><p>Сохранено.</p></div><?cs /if ?>
<?cs if:Event.id ?><p><a href="/events/<?cs var:Event.id ?>">Страница мероприятия</a></p><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="<?cs if:Event.id ?>/staff/events/<?cs var:Event.id ?><?cs else ?>/staff/events/new<?cs /if ?>" class="form wide" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("title", "Название", "text", 300, 1, "") ?>
  <?cs call:select_field("kind", "Вид мероприятия", Kinds, 1, "Выберите") ?>
  <?cs call:text_field("starts_at", "Начало (МСК)", "datetime-local", 19, 1, "Дата и время по Москве") ?>
  <?cs call:text_field("ends_at", "Окончание (МСК)", "datetime-local", 19, 1, "Дата и время по Москве") ?>
  <?cs call:text_field("place", "Адрес", "text", 500, 0, "Пусто — мероприятие только онлайн") ?>
  <?cs call:text_field("online_url", "Ссылка на трансляцию", "text", 500, 0, "Её получат только зарегистрированные участники — в письмах") ?>
  <?cs call:text_field("contact", "Контакт организатора", "text", 300, 0, "Телефон или электронная почта: показывается на странице и в письмах") ?>
  <?cs call:text_field("seats", "Число мест", "text", 6, 0, "Пусто — без ограничения") ?>
  <div class="field">
    <input id="registration_open" name="registration_open" type="checkbox" value="1"<?cs if:Query.registration_open == "1" ?> checked<?cs /if ?>>
    <label for="registration_open">Регистрация открыта</label>
  </div>
  <?cs call:area_field("description", "Описание (Markdown)", 10, 20000, 1, "") ?>
  <?cs call:area_field("followup", "Итоги и материалы (Markdown)", 10, 20000, 0, "Показываются на странице после мероприятия") ?>
  <button type="submit">Сохранить</button>
</form>
<?cs if:Event.id ?>
<h2 id="people">Зарегистрировались: <?cs var:subcount(People) ?><?cs if:Event.seats > 0 ?> из <?cs var:Event.seats ?><?cs /if ?></h2>
<p><a href="/staff/events/<?cs var:Event.id ?>/registrations.csv">Скачать списком для Excel (CSV)</a></p>
<?cs if:subcount(People) > 0 ?>
<div class="scroll-x"><table aria-labelledby="people">
  <thead><tr><th scope="col">№</th><th scope="col">Дата (МСК)</th><th scope="col">Имя</th><th scope="col">Организация</th><th scope="col">Эл. почта</th><th scope="col">Напоминание</th></tr></thead>
  <tbody>
  <?cs each:p = People ?>
  <tr><td><?cs var:p.id ?></td><td><?cs var:msk(p.ts) ?></td><td><?cs var:p.name ?></td><td><?cs var:p.organization ?></td><td><a href="mailto:<?cs var:p.email ?>"><?cs var:p.email ?></a></td><td><?cs if:p.reminded == 1 ?>отправлено<?cs else ?>—<?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
