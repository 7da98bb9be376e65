<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<h2>Чек-лист проверки заявок</h2>
<p class="hint">Пункты, по которым сотрудник проверяет поданную заявку перед допуском к экспертизе. Автоматическое правило показывает рядом с пунктом, что нашла система; решение всё равно за сотрудником.</p>
<?cs if:!Edit.checklist ?><p class="notice">На этапе «<?cs call:stage_name(Comp.stage) ?>» чек-лист больше не меняется.</p><?cs /if ?>
<?cs def:rule_select(row, idp, current) ?><select id="<?cs var:idp ?>-rule" name="rule"<?cs call:rowattrs(row, "rule") ?>><?cs each:u = Rules ?><option value="<?cs var:u.id ?>"<?cs if:u.id == current ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs /each ?></select><?cs /def ?>
<?cs if:subcount(Items) == 0 ?><p>Пунктов пока нет.</p><?cs /if ?>
<?cs each:i = Items ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/checklist" class="form wide" novalidate>
  <fieldset class="rows"><legend>Пункт <?cs var:name(i) + 1 ?></legend>
  <?cs call:csrf_field() ?><input type="hidden" name="item" value="<?cs var:i.id ?>">
  <div class="field"><label for="i<?cs var:i.id ?>-text">Текст</label>
    <input id="i<?cs var:i.id ?>-text" name="text" type="text" maxlength="500" value="<?cs call:rowval(i.id, "text", i.text) ?>"<?cs call:rowattrs(i.id, "text") ?>><?cs call:rowerr(i.id, "text") ?></div>
  <div class="field"><label for="i<?cs var:i.id ?>-rule">Автоматическое правило</label>
    <?cs if:Form.Row == i.id ?><?cs call:rule_select(i.id, "i" + i.id, Query.rule) ?><?cs else ?><?cs call:rule_select(i.id, "i" + i.id, i.rule) ?><?cs /if ?><?cs call:rowerr(i.id, "rule") ?></div>
  <div class="field"><label for="i<?cs var:i.id ?>-param">N месяцев (для правила о сроке регистрации)</label>
    <input id="i<?cs var:i.id ?>-param" name="param" type="number" maxlength="3" value="<?cs call:rowval(i.id, "param", i.param) ?>"<?cs call:rowattrs(i.id, "param") ?>><?cs call:rowerr(i.id, "param") ?></div>
  <?cs if:Edit.checklist ?>
  <button type="submit" name="action" value="save">Сохранить</button>
  <button type="submit" name="action" value="up" class="secondary"<?cs if:name(i) == 0 ?> disabled<?cs /if ?>>Выше</button>
  <button type="submit" name="action" value="down" class="secondary"<?cs if:name(i) + 1 == subcount(Items) ?> disabled<?cs /if ?>>Ниже</button>
  <button type="submit" name="action" value="delete" class="secondary">Удалить</button>
  <?cs /if ?>
  </fieldset>
</form>
<?cs /each ?>
<?cs if:Edit.checklist ?>
<h3>Добавить пункт</h3>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/checklist" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
  <div class="field"><label for="new-text">Текст <span aria-hidden="true">*</span></label>
    <input id="new-text" name="text" type="text" maxlength="500" value="<?cs call:rowval("new", "text", "") ?>"<?cs call:rowattrs("new", "text") ?>><?cs call:rowerr("new", "text") ?></div>
  <div class="field"><label for="new-rule">Автоматическое правило</label>
    <?cs if:Form.Row == "new" ?><?cs call:rule_select("new", "new", Query.rule) ?><?cs else ?><?cs call:rule_select("new", "new", "none") ?><?cs /if ?><?cs call:rowerr("new", "rule") ?></div>
  <div class="field"><label for="new-param">N месяцев (для правила о сроке регистрации)</label>
    <input id="new-param" name="param" type="number" maxlength="3" value="<?cs call:rowval("new", "param", "") ?>"<?cs call:rowattrs("new", "param") ?>><?cs call:rowerr("new", "param") ?></div>
  <button type="submit">Добавить пункт</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
