<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> › <a href="/staff/centres">Ресурсные центры</a></p>
<h1><?cs if:Centre.id ?><?cs var:Centre.name ?><?cs else ?>Новый ресурсный центр<?cs /if ?></h1>
<?cs if:Centre.id ?><p><a href="/staff/centres/<?cs var:Centre.id ?>/requests">Запросы на консультацию (<?cs var:Requests.n ?>)</a><?cs if:Centre.active == 1 ?> · <a href="/centres/<?cs var:Centre.id ?>">Страница центра на сайте</a><?cs /if ?></p><?cs /if ?>
<?cs if:Saved ?><div class="notice" role="status"><p>Сохранено.</p></div><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже: ничего не сохранено.</p><?cs /if ?>
<form method="post" action="<?cs if:Centre.id ?>/staff/centres/<?cs var:Centre.id ?><?cs else ?>/staff/centres/new<?cs /if ?>" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:select_field("municipality", "Муниципальное образование", Municipalities, 1, "Выберите") ?>
  <?cs call:text_field("name", "Название", "text", 300, 1, "") ?>
  <?cs call:text_field("address", "Адрес", "text", 500, 1, "Город или станица, улица, дом, кабинет.") ?>
  <?cs call:text_field("phone", "Телефон", "tel", 40, 0, "") ?>
  <?cs call:text_field("email", "Электронная почта", "email", 254, 0, "На неё приходят запросы на консультацию; без неё форма запроса на сайте не показывается.") ?>
  <?cs call:text_field("hours", "Часы работы", "text", 300, 0, "Например: пн–пт 9:00–18:00, обед 13:00–14:00.") ?>
  <?cs call:area_field("services", "Услуги", 5, 2000, 0, "Какие консультации и помощь даёт центр.") ?>
  <?cs call:text_field("website", "Сайт", "text", 300, 0, "") ?>
  <div class="field">
    <input id="active" name="active" type="checkbox" value="1"<?cs if:Query.active == "1" ?> checked<?cs /if ?>>
    <label for="active">Показывать центр на сайте</label>
  </div>
  <button type="submit"><?cs if:Centre.id ?>Сохранить<?cs else ?>Добавить центр<?cs /if ?></button>
</form>
<?cs include:"footer.cs" ?>
