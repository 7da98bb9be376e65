<?cs set:Page.Title = "Команда проекта" ?><?cs include:"header.cs" ?>
<h1>Команда проекта</h1>
<?cs include:"app_nav.cs" ?>
<form method="post" action="/applications/<?cs var:App.id ?>/team" class="form wide" novalidate data-autosave>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section.team.version ?>">
  <p class="hint">Первым укажите руководителя проекта. Чтобы добавить ещё людей, сохраните раздел — появятся новые пустые строки.</p>
  <fieldset class="rows"><legend>Участники</legend>
    <?cs call:field_error("m") ?>
    <?cs set:n = 0 ?><?cs each:x = Query.m ?>
    <div class="row"><?cs call:row_input("m", n, "name", "ФИО", "text", Max.m.name) ?><?cs call:row_input("m", n, "role", "Роль в проекте", "text", Max.m.role) ?><?cs call:row_input("m", n, "experience", "Опыт", "text", Max.m.experience) ?></div>
    <?cs set:n = #n + 1 ?><?cs /each ?>
    <?cs if:App.editable ?><?cs loop:k = 0, 2, 1 ?><div class="row"><?cs call:row_input("m", #n + #k, "name", "ФИО", "text", Max.m.name) ?><?cs call:row_input("m", #n + #k, "role", "Роль в проекте", "text", Max.m.role) ?><?cs call:row_input("m", #n + #k, "experience", "Опыт", "text", Max.m.experience) ?></div><?cs /loop ?><?cs /if ?>
  </fieldset>
  <?cs if:App.editable ?><button type="submit">Сохранить</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
