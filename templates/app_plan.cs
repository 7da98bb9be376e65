<?cs set:Page.Title = "Календарный план" ?><?cs include:"header.cs" ?>
<h1>Календарный план</h1>
<?cs include:"app_nav.cs" ?>
<?cs if:!Card.tasks ?><p class="form-error">Сначала перечислите задачи проекта в разделе <a href="/applications/<?cs var:App.id ?>/card">«Карточка проекта»</a>.</p><?cs /if ?>
<?cs if:Card.starts_on ?><p class="hint">Сроки проекта: с <?cs var:Card.starts_on ?> по <?cs var:Card.ends_on ?>. Для каждой задачи — хотя бы одно мероприятие.</p><?cs /if ?>
<form method="post" action="/applications/<?cs var:App.id ?>/plan" class="form wide" novalidate data-autosave>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section.plan.version ?>">
  <fieldset class="rows"><legend>Мероприятия</legend>
    <?cs call:field_error("e") ?>
    <?cs def:event_row(i) ?><div class="row">
      <div class="cell"><label><span>Задача</span><select name="e.<?cs var:i ?>.task"<?cs if:Form.Error.e[i].task ?> aria-invalid="true"<?cs /if ?>><option value="">—</option><?cs each:tk = Tasks ?><option value="<?cs var:name(tk) ?>"<?cs if:name(tk) == Query.e[i].task ?> selected<?cs /if ?>><?cs var:name(tk) ?>. <?cs var:tk ?></option><?cs /each ?></select></label><?cs if:Form.Error.e[i].task ?><p class="field-error"><?cs var:Form.Error.e[i].task ?></p><?cs /if ?></div>
      <?cs call:row_input("e", i, "title", "Мероприятие", "text", Max.e.title) ?><?cs call:row_input("e", i, "starts_on", "Начало", "date", Max.e.starts_on) ?><?cs call:row_input("e", i, "ends_on", "Окончание", "date", Max.e.ends_on) ?><?cs call:row_input("e", i, "result", "Ожидаемый результат", "text", Max.e.result) ?>
    </div><?cs /def ?>
    <?cs set:n = 0 ?><?cs each:x = Query.e ?><?cs call:event_row(n) ?><?cs set:n = #n + 1 ?><?cs /each ?>
    <?cs if:App.editable ?><?cs loop:k = 0, 2, 1 ?><?cs call:event_row(#n + #k) ?><?cs /loop ?><?cs /if ?>
  </fieldset>
  <?cs if:App.editable ?><button type="submit">Сохранить</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
