<?cs set:Page.Title = "Команда проекта" ?><?cs include:"header.cs" ?>
<h1>Команда проекта</h1>
<p class="help-link"><a href="/help/apply#team">Справка: как описать команду</a></p>
<?cs include:"app_nav.cs" ?>
<?cs call:readonly_notice() ?>
<?cs call:section_form("team", 1) ?>
  <?cs if:!Form.ReadOnly ?><p class="hint">Первым укажите руководителя проекта. Чтобы добавить ещё людей, сохраните раздел — появятся новые пустые строки.</p><?cs /if ?>
  <fieldset class="rows"><legend>Участники</legend>
    <?cs call:field_error("m") ?>
    <?cs def:member_row(i) ?><div class="row"><?cs call:row_input("m", i, "name", "ФИО", "text", Max.m.name) ?><?cs call:row_input("m", i, "role", "Роль в проекте", "text", Max.m.role) ?><?cs call:row_input("m", i, "experience", "Опыт", "text", Max.m.experience) ?><?cs call:row_delete("m", i) ?></div>
    <?cs /def ?>
    <?cs if:Form.Rows > 0 ?><?cs loop:i = 0, #Form.Rows - 1, 1 ?><?cs call:member_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs if:Form.NewRows > 0 ?><?cs loop:i = #Form.Rows, #Form.Rows + #Form.NewRows - 1, 1 ?><?cs call:member_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs call:rows_full() ?>
  </fieldset>
<?cs call:section_form_end("Сохранить") ?>
<?cs include:"footer.cs" ?>
