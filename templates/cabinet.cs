<?cs include:"header.cs" ?>
<h1><?cs var:Page.Title ?></h1>
<p class="who">Вы вошли как <strong><?cs var:User.Name ?></strong> (<?cs var:User.Email ?>). <a href="/account">Учётная запись</a></p>
<nav aria-label="Роли"><ul class="roles">
<?cs each:r = Roles ?><li><a href="/cabinet/<?cs var:r.name ?>"<?cs if:r.name == Role ?> aria-current="page"<?cs /if ?>><?cs var:r.title ?></a></li><?cs /each ?>
</ul></nav>

<?cs if:Role == "applicant" ?>
  <h2>Организации</h2>
  <?cs if:subcount(Orgs) == 0 ?><p>Профиль организации ещё не заполнен.</p><?cs /if ?>
  <ul><?cs each:o = Orgs ?><li><?cs var:o.short_name ?> (ИНН <?cs var:o.inn ?>)</li><?cs /each ?></ul>
  <nav aria-label="Заявки и организация"><ul class="actions">
    <li><a href="/my">Мои заявки с историей</a></li>
    <li><a href="/org">Профиль организации</a></li>
  </ul></nav>
  <h2>Заявки</h2>
  <?cs if:subcount(MyProjects) == 0 ?><p>Заявок пока нет. Откройте <a href="/">конкурс с открытым приёмом</a> и нажмите «Подать заявку».</p><?cs /if ?>
  <ul class="apps"><?cs each:p = MyProjects ?><li><a href="/applications/<?cs var:p.id ?>">Заявка <?cs var:p.number ?><?cs if:p.title ?> «<?cs var:p.title ?>»<?cs /if ?></a> — <strong><?cs call:app_status(p.status) ?></strong>, конкурс «<?cs var:p.competition ?>»<?cs if:p.listed == 1 ?> · <a href="/projects/<?cs var:p.id ?>">на выставке проектов</a><?cs /if ?></li><?cs /each ?></ul>
<?cs elif:Role == "staff" ?>
  <nav aria-label="Работа с конкурсом"><ul class="actions">
    <li><a href="/staff/applications">Реестр заявок</a></li>
    <li><a href="/staff/competitions">Конкурсы</a></li>
    <li><a href="/staff/experts">Эксперты</a></li>
    <li><a href="/commission">Рейтинг и решения комиссии</a></li>
    <li><a href="/staff/ideas">Идеи и предложения</a></li>
    <li><a href="/staff/events">Мероприятия</a></li>
    <li><a href="/staff/news">Новости</a></li>
    <li><a href="/staff/comments">Комментарии на модерации (<?cs var:Counts.pending_comments ?>)</a></li>
    <li><a href="/staff/centres">Ресурсные центры и запросы на консультацию</a></li>
    <li><a href="/staff/audit">Журнал действий</a></li>
  </ul></nav>
  <ul>
    <li>Новых идей и предложений: <?cs var:Counts.new_ideas ?></li>
    <li>Комментариев на модерации: <?cs var:Counts.pending_comments ?></li>
    <li>Недоставленных писем: <?cs var:Counts.failed_mail ?></li>
  </ul>
  <h2>Последние идеи и предложения</h2>
  <?cs if:subcount(Ideas) == 0 ?><p>Новых предложений нет.</p><?cs /if ?>
  <?cs each:i = Ideas ?>
  <div class="comment"><p class="meta">№ <?cs var:i.id ?>, <?cs var:i.name ?><?cs if:i.municipality ?>, <?cs var:i.municipality ?><?cs /if ?>, <?cs var:msk(i.ts) ?></p><p class="text"><?cs var:i.body ?></p></div>
  <?cs /each ?>
<?cs elif:Role == "expert" ?>
  <nav aria-label="Экспертиза"><ul class="actions">
    <li><a href="/expert">Мои заявки на экспертизе</a></li>
    <li><a href="/expert/profile">Профиль эксперта</a></li>
  </ul></nav>
  <h2>Конкурсы, в которых вы эксперт</h2>
  <?cs if:subcount(Review) == 0 ?><p>Вам пока не назначены заявки. Заполните профиль эксперта: направления и организации, с которыми вы связаны, — по ним назначаются заявки и исключается конфликт интересов.</p><?cs /if ?>
  <ul><?cs each:c = Review ?><li><a href="/expert"><?cs var:c.title ?></a> — <?cs call:stage_name(c.stage) ?>: к оценке — <?cs var:c.todo ?>, оценено — <?cs var:c.done ?><?cs if:c.due_ts && c.stage == "review" ?>; срок экспертизы — <?cs var:msk(c.due_ts) ?> (МСК)<?cs /if ?></li><?cs /each ?></ul>
<?cs elif:Role == "secretary" ?>
  <nav aria-label="Работа комиссии"><ul class="actions">
    <li><a href="/commission">Конкурсы у комиссии</a></li>
  </ul></nav>
  <h2>Конкурсы на экспертизе и у комиссии</h2>
  <?cs if:subcount(Review) == 0 ?><p>Сейчас нет конкурсов на этапе экспертизы или работы комиссии.</p><?cs /if ?>
  <ul><?cs each:c = Review ?><li><a href="/commission/<?cs var:c.id ?>"><?cs var:c.title ?></a> — <?cs call:stage_name(c.stage) ?></li><?cs /each ?></ul>
<?cs elif:Role == "admin" ?>
  <p><a href="/admin/users">Управление пользователями и ролями</a></p>
  <h2>Пользователи</h2>
  <table><thead><tr><th scope="col">№</th><th scope="col">Эл. почта</th><th scope="col">Имя</th><th scope="col">Роли</th></tr></thead><tbody>
  <?cs each:u = Users ?><tr><td><?cs var:u.id ?></td><td><?cs var:u.email ?></td><td><?cs var:u.name ?></td><td><?cs var:u.roles ?></td></tr><?cs /each ?>
  </tbody></table>
<?cs else ?>
  <p>У вашей учётной записи пока нет ролей. Если вы представляете НКО или работаете в конкурсе, обратитесь к администратору платформы.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
