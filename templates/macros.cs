<?cs # macros.cs — repeated pieces of markup: one place for each. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs /def ?>

<?cs # An input with its label, hint and error; value comes back from Query. ?>
<?cs def:field_error(fname) ?><?cs if:Form.Error[fname] ?><p class="field-error" id="err-<?cs var:fname ?>" role="alert"><?cs var:Form.Error[fname] ?></p><?cs /if ?><?cs /def ?>

<?cs def:error_attrs(fname) ?><?cs if:Form.Error[fname] ?> aria-invalid="true" aria-describedby="err-<?cs var:fname ?>"<?cs /if ?><?cs /def ?>

<?cs def:exhibit_badge(status) ?><?cs if:status == "winner" ?><span class="badge badge-winner">Победитель</span><?cs elif:status == "completed" ?><span class="badge badge-completed">Реализован</span><?cs else ?><span class="badge badge-applicant">Участник конкурса</span><?cs /if ?><?cs /def ?>

<?cs def:stage_name(stage) ?><?cs if:stage == "announced" ?>Объявлен<?cs elif:stage == "intake" ?>Приём заявок<?cs elif:stage == "review" ?>Экспертиза<?cs elif:stage == "commission" ?>Работа комиссии<?cs elif:stage == "results" ?>Итоги подведены<?cs elif:stage == "reporting" ?>Отчётность<?cs elif:stage == "closed" ?>Завершён<?cs else ?>Черновик<?cs /if ?><?cs /def ?>

<?cs # Pager: links keep the filters (Pager.Base ends with ? or &). ?>
<?cs def:pager() ?><?cs if:Pager.Pages > 1 ?>
<nav class="pager" aria-label="Страницы">
<?cs if:Pager.Page > 1 ?><a href="<?cs var:Pager.Base ?>page=<?cs var:Pager.Page - 1 ?>" rel="prev">← Назад</a><?cs /if ?>
<?cs each:p = Pager.Links ?><?cs if:p == Pager.Page ?><span aria-current="page"><?cs var:p ?></span><?cs elif:p == 0 ?><span class="gap">…</span><?cs else ?><a href="<?cs var:Pager.Base ?>page=<?cs var:p ?>"><?cs var:p ?></a><?cs /if ?> <?cs /each ?>
<?cs if:Pager.Page < Pager.Pages ?><a href="<?cs var:Pager.Base ?>page=<?cs var:Pager.Page + 1 ?>" rel="next">Вперёд →</a><?cs /if ?>
</nav><?cs /if ?><?cs /def ?>

<?cs # A one-line text input bound to Query.<fname>, with label, hint and error. ?>
<?cs def:text_field(fname, label, type, max, req, hint) ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <input id="<?cs var:fname ?>" name="<?cs var:fname ?>" type="<?cs var:type ?>" maxlength="<?cs var:max ?>"<?cs if:req ?> required<?cs /if ?> value="<?cs var:Query[fname] ?>"<?cs if:hint || Form.Error[fname] ?> aria-describedby="<?cs if:hint ?>hint-<?cs var:fname ?><?cs if:Form.Error[fname] ?> <?cs /if ?><?cs /if ?><?cs if:Form.Error[fname] ?>err-<?cs var:fname ?><?cs /if ?>"<?cs /if ?><?cs if:Form.Error[fname] ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:hint ?><p class="hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(fname) ?>
</div><?cs /def ?>

<?cs def:app_status(s) ?><?cs if:s == "draft" ?>Черновик<?cs elif:s == "submitted" ?>Подана<?cs elif:s == "returned" ?>Возвращена на доработку<?cs elif:s == "admitted" ?>Допущена к экспертизе<?cs elif:s == "rejected" ?>Отклонена<?cs elif:s == "scored" ?>Оценена<?cs elif:s == "winner" ?>Победитель<?cs elif:s == "not_winner" ?>Не прошла отбор<?cs elif:s == "in_progress" ?>Реализуется<?cs elif:s == "completed" ?>Завершена<?cs elif:s == "withdrawn" ?>Отозвана<?cs else ?><?cs var:s ?><?cs /if ?><?cs /def ?>

<?cs # Input inside a repeated row: name "<rows>.<i>.<f>", value from Query. ?>
<?cs def:row_input(rows, i, f, label, type, max) ?><div class="cell"><label><span><?cs var:label ?></span><input name="<?cs var:rows ?>.<?cs var:i ?>.<?cs var:f ?>" type="<?cs var:type ?>" maxlength="<?cs var:max ?>" value="<?cs var:Query[rows][i][f] ?>"<?cs if:Form.Error[rows][i][f] ?> aria-invalid="true" aria-describedby="err-<?cs var:rows ?>-<?cs var:i ?>-<?cs var:f ?>"<?cs /if ?><?cs if:!App.editable ?> readonly<?cs /if ?>></label><?cs if:Form.Error[rows][i][f] ?><p class="field-error" id="err-<?cs var:rows ?>-<?cs var:i ?>-<?cs var:f ?>"><?cs var:Form.Error[rows][i][f] ?></p><?cs /if ?></div><?cs /def ?>

<?cs def:area_field(fname, label, rows, max, req, hint) ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <textarea id="<?cs var:fname ?>" name="<?cs var:fname ?>" rows="<?cs var:rows ?>" maxlength="<?cs var:max ?>"<?cs if:hint || Form.Error[fname] ?> aria-describedby="<?cs if:hint ?>hint-<?cs var:fname ?><?cs if:Form.Error[fname] ?> <?cs /if ?><?cs /if ?><?cs if:Form.Error[fname] ?>err-<?cs var:fname ?><?cs /if ?>"<?cs /if ?><?cs if:Form.Error[fname] ?> aria-invalid="true"<?cs /if ?><?cs if:!App.editable ?> readonly<?cs /if ?>><?cs var:Query[fname] ?></textarea>
  <?cs if:hint ?><p class="hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(fname) ?>
</div><?cs /def ?>

<?cs # A select over a list of {id, name} bound to Query.<fname>; empty: the first option's text. ?>
<?cs def:select_field(fname, label, list, req, empty) ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <select id="<?cs var:fname ?>" name="<?cs var:fname ?>"<?cs if:req ?> required<?cs /if ?><?cs call:error_attrs(fname) ?>>
    <option value=""><?cs var:empty ?></option>
    <?cs each:o = list ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Query[fname] ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
  </select>
  <?cs call:field_error(fname) ?>
</div><?cs /def ?>
