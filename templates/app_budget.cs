<?cs set:Page.Title = "Бюджет проекта" ?><?cs include:"header.cs" ?>
<h1>Бюджет проекта</h1>
<?cs include:"app_nav.cs" ?>
<p class="hint">Грант: от <?cs var:rub(App.min_grant_kopecks) ?> до <?cs var:rub(App.max_grant_kopecks) ?><?cs if:App.cofin_min_pct > 0 ?>; софинансирование — не меньше <?cs var:App.cofin_min_pct ?>% расходов<?cs /if ?>. Суммы — в рублях, например 15 000 или 1500,50.</p>
<form method="post" action="/applications/<?cs var:App.id ?>/budget" class="form wide" novalidate data-autosave>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section.budget.version ?>">
  <fieldset class="rows"><legend>Статьи расходов</legend>
    <?cs call:field_error("b") ?>
    <?cs def:budget_row(i) ?><div class="row">
      <div class="cell"><label><span>Статья</span><select name="b.<?cs var:i ?>.cat"<?cs if:Form.Error.b[i].cat ?> aria-invalid="true"<?cs /if ?>><option value="">—</option><?cs each:c = Categories ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Query.b[i].cat ?> selected<?cs /if ?>><?cs var:c.id ?>. <?cs var:c.name ?></option><?cs /each ?></select></label><?cs if:Form.Error.b[i].cat ?><p class="field-error"><?cs var:Form.Error.b[i].cat ?></p><?cs /if ?></div>
      <?cs call:row_input("b", i, "name", "Наименование расхода", "text", Max.b.name) ?><?cs call:row_input("b", i, "price", "Цена единицы, ₽", "text", Max.b.price) ?><?cs call:row_input("b", i, "qty", "Количество", "text", Max.b.qty) ?><?cs call:row_input("b", i, "cofin", "Софинансирование, ₽", "text", Max.b.cofin) ?><?cs call:row_input("b", i, "comment", "Комментарий", "text", Max.b.comment) ?>
      <?cs if:Query.b[i].total_k ?><p class="meta">Итого по статье: <?cs var:rub(Query.b[i].total_k) ?>, запрашивается: <?cs var:rub(Query.b[i].requested_k) ?></p><?cs /if ?>
    </div><?cs /def ?>
    <?cs set:n = 0 ?><?cs each:x = Query.b ?><?cs call:budget_row(n) ?><?cs set:n = #n + 1 ?><?cs /each ?>
    <?cs if:App.editable ?><?cs loop:k = 0, 2, 1 ?><?cs call:budget_row(#n + #k) ?><?cs /loop ?><?cs /if ?>
  </fieldset>
  <?cs if:Query.Totals.total ?>
  <dl class="card-data totals" id="totals">
    <dt>Общая сумма расходов</dt><dd><?cs var:rub(Query.Totals.total) ?></dd>
    <dt>Софинансирование</dt><dd><?cs var:rub(Query.Totals.cofin) ?></dd>
    <dt>Запрашиваемая сумма гранта</dt><dd><strong><?cs var:rub(Query.Totals.requested) ?></strong></dd>
  </dl>
  <?cs /if ?>
  <?cs call:field_error("total") ?>
  <?cs if:App.editable ?><button type="submit">Сохранить и пересчитать</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
