<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<h2>Критерии оценки</h2>
<p>Критериев: <?cs var:subcount(Criteria) ?>, сумма весов: <strong><?cs var:dec(WeightSum) ?></strong>. Рейтинг заявки — Σ (средний балл × вес); критерий с весом 0 не оценивается.</p>
<?cs if:!Edit.criteria ?><p class="notice">На этапе «<?cs call:stage_name(Comp.stage) ?>» критерии больше не меняются.</p><?cs /if ?>
<?cs each:c = Criteria ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/criteria" class="form wide" novalidate>
  <fieldset class="rows"><legend>Критерий <?cs var:name(c) + 1 ?></legend>
  <?cs call:csrf_field() ?><input type="hidden" name="crit" value="<?cs var:c.id ?>">
  <div class="field"><label for="c<?cs var:c.id ?>-name">Название</label>
    <input id="c<?cs var:c.id ?>-name" name="name" type="text" maxlength="300" value="<?cs call:rowval(c.id, "name", c.name) ?>"<?cs call:rowattrs(c.id, "name") ?>><?cs call:rowerr(c.id, "name") ?></div>
  <div class="field"><label for="c<?cs var:c.id ?>-description">Описание</label>
    <textarea id="c<?cs var:c.id ?>-description" name="description" rows="2" maxlength="2000"<?cs call:rowattrs(c.id, "description") ?>><?cs call:rowval(c.id, "description", c.description) ?></textarea><?cs call:rowerr(c.id, "description") ?></div>
  <div class="field"><label for="c<?cs var:c.id ?>-max_score">Максимальный балл</label>
    <input id="c<?cs var:c.id ?>-max_score" name="max_score" type="number" maxlength="3" value="<?cs call:rowval(c.id, "max_score", c.max_score) ?>"<?cs call:rowattrs(c.id, "max_score") ?>><?cs call:rowerr(c.id, "max_score") ?></div>
  <div class="field"><label for="c<?cs var:c.id ?>-weight">Вес</label>
    <input id="c<?cs var:c.id ?>-weight" name="weight" type="text" maxlength="6" value="<?cs call:rowval(c.id, "weight", c.weight_text) ?>"<?cs call:rowattrs(c.id, "weight") ?>><?cs call:rowerr(c.id, "weight") ?></div>
  <?cs if:Edit.criteria ?>
  <button type="submit" name="action" value="save">Сохранить</button>
  <button type="submit" name="action" value="up" class="secondary"<?cs if:name(c) == 0 ?> disabled<?cs /if ?>>Выше</button>
  <button type="submit" name="action" value="down" class="secondary"<?cs if:name(c) + 1 == subcount(Criteria) ?> disabled<?cs /if ?>>Ниже</button>
  <button type="submit" name="action" value="delete" class="secondary">Удалить</button>
  <?cs /if ?>
  </fieldset>
</form>
<?cs /each ?>
<?cs if:Edit.criteria ?>
<h3>Добавить критерий</h3>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/criteria" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
  <div class="field"><label for="new-name">Название <span aria-hidden="true">*</span></label>
    <input id="new-name" name="name" type="text" maxlength="300" value="<?cs call:rowval("new", "name", "") ?>"<?cs call:rowattrs("new", "name") ?>><?cs call:rowerr("new", "name") ?></div>
  <div class="field"><label for="new-description">Описание</label>
    <textarea id="new-description" name="description" rows="2" maxlength="2000"<?cs call:rowattrs("new", "description") ?>><?cs call:rowval("new", "description", "") ?></textarea><?cs call:rowerr("new", "description") ?></div>
  <div class="field"><label for="new-max_score">Максимальный балл <span aria-hidden="true">*</span></label>
    <input id="new-max_score" name="max_score" type="number" maxlength="3" value="<?cs call:rowval("new", "max_score", "10") ?>"<?cs call:rowattrs("new", "max_score") ?>><?cs call:rowerr("new", "max_score") ?></div>
  <div class="field"><label for="new-weight">Вес <span aria-hidden="true">*</span></label>
    <input id="new-weight" name="weight" type="text" maxlength="6" value="<?cs call:rowval("new", "weight", "1") ?>"<?cs call:rowattrs("new", "weight") ?>><?cs call:rowerr("new", "weight") ?></div>
  <button type="submit">Добавить критерий</button>
</form>
<h3>Готовый набор</h3>
<p class="hint">Десять критериев Фонда президентских грантов, каждый от 0 до 10 баллов; веса зависят от запрашиваемой суммы и в сумме дают 10, так что рейтинг — до 100 баллов. Загрузка заменяет нынешние критерии.</p>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/criteria" class="inline">
  <?cs call:csrf_field() ?>
  <button type="submit" name="action" value="preset_small">Загрузить критерии Фонда президентских грантов (до 1 млн ₽)</button>
  <button type="submit" name="action" value="preset_large" class="secondary">Загрузить критерии Фонда президентских грантов (1–5 млн ₽)</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
