<?cs set:Page.Title = "Бюджет проекта" ?><?cs include:"header.cs" ?>
<h1>Бюджет проекта</h1>
<p class="help-link"><a href="/help/apply#budget">Справка: как заполнить бюджет</a></p>
<?cs include:"app_nav.cs" ?>
<?cs call:readonly_notice() ?>
<p class="hint">Грант: от <?cs var:rub(App.min_grant_kopecks) ?> до <?cs var:rub(App.max_grant_kopecks) ?><?cs if:App.cofin_min_pct > 0 ?>; софинансирование — не меньше <?cs var:dec(App.cofin_min_pct) ?>&nbsp;% расходов<?cs /if ?>.<?cs if:!Form.ReadOnly ?> Суммы — в рублях, например 15 000, 1500,50 или 150 000 руб. Строки группируются по статьям после сохранения.<?cs /if ?></p>
<?cs call:section_form("budget", 1) ?>
  <fieldset class="rows"><legend>Статьи расходов</legend>
    <?cs call:field_error("b") ?>
    <?cs def:budget_row(i) ?><div class="row">
      <?cs if:!Form.ReadOnly ?><div class="cell"><label><span>Статья</span><select name="b.<?cs var:i ?>.cat"<?cs if:Form.Error.b[i].cat ?> aria-invalid="true" aria-describedby="err-b-<?cs var:i ?>-cat"<?cs /if ?>><option value="">—</option><?cs each:c = Categories ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Query.b[i].cat ?> selected<?cs /if ?>><?cs var:c.id ?>. <?cs var:c.name ?></option><?cs /each ?></select></label><?cs if:Form.Error.b[i].cat ?><p class="field-error" id="err-b-<?cs var:i ?>-cat"><?cs var:Form.Error.b[i].cat ?></p><?cs /if ?></div><?cs /if ?>
      <?cs call:row_input("b", i, "name", "Наименование расхода", "text", Max.b.name) ?><?cs call:row_input("b", i, "price", "Цена единицы, ₽", "money", "") ?><?cs call:row_input("b", i, "qty", "Количество", "text", "") ?><?cs call:row_input("b", i, "cofin", "Софинансирование, ₽", "money", "") ?><?cs call:row_input("b", i, "comment", "Комментарий", "text", Max.b.comment) ?>
      <?cs if:Query.b[i].total_k ?><div class="cell line-sum"><span class="label">Сумма по строке</span> <span class="value"><?cs var:rub(Query.b[i].total_k) ?></span></div><?cs /if ?><?cs call:row_delete("b", i) ?>
    </div>
    <?cs /def ?>
    <?cs # one subtotal per category (grant/form.c computes Totals.cat.<code>) ?>
    <?cs def:subtotal(g, title) ?><p class="subtotal">Итого по статье «<?cs var:title ?>»: <strong><?cs var:rub(g.total) ?></strong><?cs if:g.cofin > 0 ?>, софинансирование <?cs var:rub(g.cofin) ?>, запрашивается <?cs var:rub(g.requested) ?><?cs /if ?><?cs if:g.uncounted > 0 ?>; не учтено строк с нераспознанной суммой: <?cs var:g.uncounted ?><?cs /if ?>.</p><?cs /def ?>
    <?cs if:Form.Rows > 0 ?>
    <?cs each:c = Categories ?><?cs set:seen = 0 ?>
      <?cs loop:i = 0, #Form.Rows - 1, 1 ?><?cs if:Query.b[i].cat == c.id ?><?cs if:!seen ?><h3 class="group"><?cs var:c.id ?>. <?cs var:c.name ?></h3><?cs set:seen = 1 ?><?cs /if ?><?cs call:budget_row(i) ?><?cs /if ?><?cs /loop ?>
      <?cs if:seen ?><?cs call:subtotal(Query.Totals.cat[c.id], c.id + ". " + c.name) ?><?cs /if ?>
    <?cs /each ?>
    <?cs set:seen = 0 ?>
    <?cs loop:i = 0, #Form.Rows - 1, 1 ?><?cs set:known = 0 ?><?cs each:c = Categories ?><?cs if:c.id == Query.b[i].cat ?><?cs set:known = 1 ?><?cs /if ?><?cs /each ?><?cs if:!known ?><?cs if:!seen ?><h3 class="group">Статья не выбрана</h3><?cs set:seen = 1 ?><?cs /if ?><?cs call:budget_row(i) ?><?cs /if ?><?cs /loop ?>
    <?cs /if ?>
    <?cs if:Form.NewRows > 0 ?><h3 class="group">Новые строки</h3><?cs loop:i = #Form.Rows, #Form.Rows + #Form.NewRows - 1, 1 ?><?cs call:budget_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs call:rows_full() ?>
  </fieldset>
  <?cs if:Query.Totals.total > 0 || Query.Totals.uncounted > 0 ?>
  <dl class="card-data totals" id="totals">
    <dt>Общая сумма расходов</dt><dd><?cs var:rub(Query.Totals.total) ?></dd>
    <dt>Софинансирование</dt><dd><?cs var:rub(Query.Totals.cofin) ?></dd>
    <dt>Запрашиваемая сумма гранта</dt><dd><strong><?cs var:rub(Query.Totals.requested) ?></strong></dd>
    <?cs if:Query.Totals.uncounted > 0 ?><dt>Не учтено строк</dt><dd><?cs var:Query.Totals.uncounted ?> — их суммы не распознаны</dd><?cs /if ?>
  </dl>
  <?cs /if ?>
  <?cs call:field_error("total") ?>
<?cs call:section_form_end("Сохранить и пересчитать") ?>
<?cs include:"footer.cs" ?>
