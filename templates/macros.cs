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

<?cs # Text fields in a form with Form.Counters set (the application's sections)
     carry their limit as data-max (htdocs/static/forms.js shows a counter) and no
     maxlength: the browser never cuts a pasted text short, the server refuses it
     with its length. With Form.ReadOnly set they show their value as text. A date
     that is not one (31.02.2027) comes back in a text input: type=date would show
     it blank. ?>
<?cs def:input_type(type, v) ?><?cs if:type == "date" && v && !(string.length(v) == 10 && string.slice(v, 4, 5) == "-" && string.slice(v, 7, 8) == "-") ?>type="text" placeholder="дд.мм.гггг"<?cs elif:type == "money" ?>type="text" inputmode="decimal"<?cs else ?>type="<?cs var:type ?>"<?cs /if ?><?cs /def ?>

<?cs def:length_attr(type, max) ?><?cs if:max && type != "date" ?><?cs if:Form.Counters ?> data-max="<?cs var:max ?>"<?cs else ?> maxlength="<?cs var:max ?>"<?cs /if ?><?cs elif:max && !Form.Counters ?> maxlength="<?cs var:max ?>"<?cs /if ?><?cs /def ?>

<?cs # A value shown as text: a date as people read it, an amount as the site prints money, "—" for nothing. ?>
<?cs def:value_text(type, v) ?><?cs if:!v ?>—<?cs elif:type == "date" ?><?cs var:rudate(v) ?><?cs elif:type == "money" ?><?cs var:amount(v) ?><?cs else ?><?cs var:v ?><?cs /if ?><?cs /def ?>

<?cs # A one-line text input bound to Query.<fname>, with label, hint and error. ?>
<?cs def:text_field(fname, label, type, max, req, hint) ?><?cs if:Form.ReadOnly ?><div class="field">
  <span class="label"><?cs var:label ?></span>
  <p class="value" id="<?cs var:fname ?>"><?cs call:value_text(type, Query[fname]) ?></p>
</div><?cs else ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <input id="<?cs var:fname ?>" name="<?cs var:fname ?>" <?cs call:input_type(type, Query[fname]) ?><?cs call:length_attr(type, max) ?><?cs if:req ?> required<?cs /if ?> value="<?cs var:Query[fname] ?>"<?cs if:hint || Form.Error[fname] ?> aria-describedby="<?cs if:hint ?>hint-<?cs var:fname ?><?cs if:Form.Error[fname] ?> <?cs /if ?><?cs /if ?><?cs if:Form.Error[fname] ?>err-<?cs var:fname ?><?cs /if ?>"<?cs /if ?><?cs if:Form.Error[fname] ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:hint ?><p class="hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(fname) ?>
</div><?cs /if ?><?cs /def ?>

<?cs def:app_status(s) ?><?cs if:s == "draft" ?>Черновик<?cs elif:s == "submitted" ?>Подана<?cs elif:s == "returned" ?>Возвращена на доработку<?cs elif:s == "admitted" ?>Допущена к экспертизе<?cs elif:s == "rejected" ?>Отклонена<?cs elif:s == "scored" ?>Оценена<?cs elif:s == "winner" ?>Победитель<?cs elif:s == "not_winner" ?>Не прошла отбор<?cs elif:s == "in_progress" ?>Реализуется<?cs elif:s == "completed" ?>Завершена<?cs elif:s == "withdrawn" ?>Отозвана<?cs else ?><?cs var:s ?><?cs /if ?><?cs /def ?>

<?cs # Input inside a repeated row: name "<rows>.<i>.<f>", value from Query. ?>
<?cs def:row_input(rows, i, f, label, type, max) ?><?cs if:Form.ReadOnly ?><div class="cell"><span class="label"><?cs var:label ?></span> <span class="value"><?cs call:value_text(type, Query[rows][i][f]) ?></span></div><?cs else ?><div class="cell"><label><span><?cs var:label ?></span><input name="<?cs var:rows ?>.<?cs var:i ?>.<?cs var:f ?>" <?cs call:input_type(type, Query[rows][i][f]) ?><?cs call:length_attr(type, max) ?> value="<?cs var:Query[rows][i][f] ?>"<?cs if:Form.Error[rows][i][f] ?> aria-invalid="true" aria-describedby="err-<?cs var:rows ?>-<?cs var:i ?>-<?cs var:f ?>"<?cs /if ?>></label><?cs if:Form.Error[rows][i][f] ?><p class="field-error" id="err-<?cs var:rows ?>-<?cs var:i ?>-<?cs var:f ?>"><?cs var:Form.Error[rows][i][f] ?></p><?cs /if ?></div><?cs /if ?><?cs /def ?>

<?cs # The box that deletes a stored row of a list on save (no JavaScript
     needed); rows offered blank (i >= Form.Rows) have nothing to delete. ?>
<?cs def:row_delete(rows, i) ?><?cs if:!Form.ReadOnly && #i < #Form.Rows ?><div class="cell row-del"><input id="del-<?cs var:rows ?>-<?cs var:i ?>" name="<?cs var:rows ?>.<?cs var:i ?>.del" type="checkbox" value="1"><label for="del-<?cs var:rows ?>-<?cs var:i ?>">Удалить строку</label></div><?cs /if ?><?cs /def ?>

<?cs # Under a list that has as many rows as it may: no blank rows, and why. ?>
<?cs def:rows_full() ?><?cs if:!Form.ReadOnly && Form.Rows > 0 && Form.NewRows == 0 ?><p class="hint">В списке наибольшее возможное число строк — <?cs var:Form.Rows ?>: чтобы добавить строку, удалите другую.</p><?cs /if ?><?cs /def ?>

<?cs # The textarea of a long text: as text_field, read-only shown as text. ?>
<?cs def:area_field(fname, label, rows, max, req, hint) ?><?cs if:Form.ReadOnly ?><div class="field">
  <span class="label"><?cs var:label ?></span>
  <div class="value text" id="<?cs var:fname ?>"><?cs call:value_text("text", Query[fname]) ?></div>
</div><?cs else ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <textarea id="<?cs var:fname ?>" name="<?cs var:fname ?>" rows="<?cs var:rows ?>"<?cs call:length_attr("text", max) ?><?cs if:hint || Form.Error[fname] ?> aria-describedby="<?cs if:hint ?>hint-<?cs var:fname ?><?cs if:Form.Error[fname] ?> <?cs /if ?><?cs /if ?><?cs if:Form.Error[fname] ?>err-<?cs var:fname ?><?cs /if ?>"<?cs /if ?><?cs if:Form.Error[fname] ?> aria-invalid="true"<?cs /if ?>><?cs var:Query[fname] ?></textarea>
  <?cs if:hint ?><p class="hint" id="hint-<?cs var:fname ?>"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(fname) ?>
</div><?cs /if ?><?cs /def ?>

<?cs # A select over a list of {id, name} bound to Query.<fname>; empty: the first option's text. ?>
<?cs def:select_field(fname, label, list, req, empty) ?><?cs if:Form.ReadOnly ?><div class="field">
  <span class="label"><?cs var:label ?></span>
  <p class="value" id="<?cs var:fname ?>"><?cs set:shown = 0 ?><?cs each:o = list ?><?cs if:o.id == Query[fname] ?><?cs var:o.name ?><?cs set:shown = 1 ?><?cs /if ?><?cs /each ?><?cs if:!shown ?>—<?cs /if ?></p>
</div><?cs else ?><div class="field">
  <label for="<?cs var:fname ?>"><?cs var:label ?><?cs if:req ?> <span aria-hidden="true">*</span><?cs /if ?></label>
  <select id="<?cs var:fname ?>" name="<?cs var:fname ?>"<?cs if:req ?> required<?cs /if ?><?cs call:error_attrs(fname) ?>>
    <option value=""><?cs var:empty ?></option>
    <?cs each:o = list ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Query[fname] ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
  </select>
  <?cs call:field_error(fname) ?>
</div><?cs /if ?><?cs /def ?>

<?cs # ---- the application's section pages (app_section.c) ---------------------- ?>

<?cs # The section's form around its fields; read-only: a plain block. ?>
<?cs def:section_form(name, autosave) ?><?cs if:Form.ReadOnly ?><div class="form wide read-only"><?cs else ?><form method="post" action="/applications/<?cs var:App.id ?>/<?cs var:name ?>" class="form wide" novalidate<?cs if:autosave ?> data-autosave<?cs /if ?>>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section[name].version ?>"><?cs /if ?><?cs /def ?>
<?cs def:section_form_end(button) ?><?cs if:Form.ReadOnly ?></div><?cs else ?><button type="submit"><?cs var:button ?></button>
</form><?cs /if ?>
<script src="/static/forms.js" defer></script><?cs /def ?>

<?cs # Why a section reads as text, and what the organization can do. ?>
<?cs def:readonly_notice() ?><?cs if:Form.ReadOnly ?><div class="notice readonly" id="readonly-notice"><p><?cs if:!App.mine ?>Вы просматриваете заявку организации: изменить её может только сама организация.<?cs elif:App.status == "submitted" && App.intake_open ?>Заявка подана, поэтому разделы показаны только для чтения. Чтобы исправить заявку, отзовите её на странице <a href="/applications/<?cs var:App.id ?>">«Вся заявка и подача»</a>, внесите изменения и подайте снова до <?cs var:msk(App.closes_ts) ?> (МСК).<?cs elif:App.status == "submitted" ?>Заявка подана, приём заявок завершён: изменить её нельзя. Если заявку вернут на доработку, вам придёт письмо, и её можно будет исправить.<?cs elif:App.status == "returned" ?>Срок доработки истёк <?cs var:msk(App.return_due_ts) ?> (МСК): изменить заявку больше нельзя.<?cs elif:App.status == "draft" ?>Приём заявок по конкурсу сейчас закрыт: черновик нельзя изменить и подать.<?cs else ?>Заявка на рассмотрении (статус «<?cs call:app_status(App.status) ?>»): её содержание зафиксировано при подаче и не меняется.<?cs /if ?></p></div><?cs /if ?><?cs /def ?>
