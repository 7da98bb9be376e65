<?cs set:Page.Title = "Календарный план" ?><?cs include:"header.cs" ?>
<h1>Календарный план</h1>
<p class="help-link"><a href="/help/apply#plan">Справка: как составить календарный план</a></p>
<?cs include:"app_nav.cs" ?>
<?cs call:readonly_notice() ?>
<?cs if:!Card.tasks ?><p class="form-error">Сначала перечислите задачи проекта в разделе <a href="/applications/<?cs var:App.id ?>/card">«Карточка проекта»</a>.</p><?cs /if ?>
<?cs if:Card.starts_on ?><p class="hint">Сроки проекта: с <?cs var:rudate(Card.starts_on) ?> по <?cs var:rudate(Card.ends_on) ?>. Для каждой задачи — хотя бы одно мероприятие.</p><?cs /if ?>
<?cs call:section_form("plan", 1) ?>
  <fieldset class="rows"><legend>Мероприятия</legend>
    <?cs call:field_error("e") ?>
    <?cs def:event_row(i) ?><div class="row">
      <?cs if:Form.ReadOnly ?><div class="cell"><span class="label">Задача</span> <span class="value"><?cs var:Query.e[i].task ?>.<?cs each:tk = Tasks ?><?cs if:name(tk) == Query.e[i].task ?> <?cs var:tk ?><?cs /if ?><?cs /each ?></span></div><?cs else ?><div class="cell"><label><span>Задача</span><select name="e.<?cs var:i ?>.task"<?cs if:Form.Error.e[i].task ?> aria-invalid="true"<?cs /if ?>><option value="">—</option><?cs each:tk = Tasks ?><option value="<?cs var:name(tk) ?>"<?cs if:name(tk) == Query.e[i].task ?> selected<?cs /if ?>><?cs var:name(tk) ?>. <?cs var:tk ?></option><?cs /each ?></select></label><?cs if:Form.Error.e[i].task ?><p class="field-error"><?cs var:Form.Error.e[i].task ?></p><?cs /if ?></div><?cs /if ?>
      <?cs call:row_input("e", i, "title", "Мероприятие", "text", Max.e.title) ?><?cs call:row_input("e", i, "starts_on", "Начало", "date", "") ?><?cs call:row_input("e", i, "ends_on", "Окончание", "date", "") ?><?cs call:row_input("e", i, "result", "Ожидаемый результат", "text", Max.e.result) ?><?cs call:row_delete("e", i) ?>
    </div>
    <?cs /def ?>
    <?cs if:Form.Rows > 0 ?><?cs loop:i = 0, #Form.Rows - 1, 1 ?><?cs call:event_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs if:Form.NewRows > 0 ?><?cs loop:i = #Form.Rows, #Form.Rows + #Form.NewRows - 1, 1 ?><?cs call:event_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs call:rows_full() ?>
  </fieldset>
<?cs call:section_form_end("Сохранить") ?>
<?cs include:"footer.cs" ?>
