<?cs set:Page.Title = "Согласия" ?><?cs include:"header.cs" ?>
<h1>Согласия</h1>
<?cs include:"app_nav.cs" ?>
<form method="post" action="/applications/<?cs var:App.id ?>/consent" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section.consent.version ?>">
  <div class="field">
    <input id="pd" name="pd" type="checkbox" value="1"<?cs if:Query.pd == "1" ?> checked<?cs /if ?><?cs call:error_attrs("pd") ?><?cs if:!App.editable ?> disabled<?cs /if ?>>
    <label for="pd">Согласие на обработку персональных данных членов команды и руководителя организации в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» получено <span aria-hidden="true">*</span></label>
    <?cs call:field_error("pd") ?>
  </div>
  <div class="field">
    <input id="publish" name="publish" type="checkbox" value="1"<?cs if:Query.publish == "1" ?> checked<?cs /if ?><?cs if:!App.editable ?> disabled<?cs /if ?>>
    <label for="publish">Согласны на публикацию проекта на выставке проектов после допуска заявки к конкурсу</label>
  </div>
  <?cs if:App.editable ?><button type="submit">Сохранить</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
