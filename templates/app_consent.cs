<?cs set:Page.Title = "Согласия" ?><?cs include:"header.cs" ?>
<h1>Согласия</h1>
<p class="help-link"><a href="/help/apply#consent">Справка: какие согласия нужны</a></p>
<?cs include:"app_nav.cs" ?>
<?cs call:readonly_notice() ?>
<?cs call:section_form("consent", 0) ?>
  <?cs if:Form.ReadOnly ?>
  <dl class="card-data">
    <dt>Согласие на обработку персональных данных членов команды и руководителя организации (152-ФЗ)</dt><dd id="pd"><?cs if:Query.pd == "1" ?>получено<?cs else ?>не отмечено<?cs /if ?></dd>
    <dt>Согласие на публикацию проекта на выставке проектов</dt><dd id="publish"><?cs if:Query.publish == "1" ?>да<?cs else ?>нет<?cs /if ?></dd>
  </dl>
  <?cs else ?>
  <div class="field">
    <input id="pd" name="pd" type="checkbox" value="1"<?cs if:Query.pd == "1" ?> checked<?cs /if ?><?cs call:error_attrs("pd") ?>>
    <label for="pd">Согласие на обработку персональных данных членов команды и руководителя организации в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» получено <span aria-hidden="true">*</span></label>
    <?cs call:field_error("pd") ?>
  </div>
  <div class="field">
    <input id="publish" name="publish" type="checkbox" value="1"<?cs if:Query.publish == "1" ?> checked<?cs /if ?><?cs call:error_attrs("publish") ?>>
    <label for="publish">Согласны на публикацию проекта на выставке проектов после допуска заявки к конкурсу</label>
    <?cs call:field_error("publish") ?>
  </div>
  <?cs /if ?>
<?cs call:section_form_end("Сохранить") ?>
<?cs include:"footer.cs" ?>
