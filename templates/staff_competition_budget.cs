<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<h2>Статьи бюджета</h2>
<p class="hint">Статьи, по которым заявитель расписывает бюджет проекта. Статьи, которых нет в списке, в заявке выбрать нельзя.</p>
<?cs if:!Edit.budget ?><p class="notice">На этапе «<?cs call:stage_name(Comp.stage) ?>» статьи бюджета больше не меняются: по ним уже заполняют заявки.</p><?cs /if ?>
<?cs each:c = Cats ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/budget" class="form wide" novalidate>
  <fieldset class="rows"><legend>Статья <?cs var:c.code ?></legend>
  <?cs call:csrf_field() ?><input type="hidden" name="cat" value="<?cs var:c.id ?>">
  <div class="field"><label for="k<?cs var:c.id ?>-code">Номер</label>
    <input id="k<?cs var:c.id ?>-code" name="code" type="number" maxlength="2" value="<?cs call:rowval(c.id, "code", c.code) ?>"<?cs call:rowattrs(c.id, "code") ?>><?cs call:rowerr(c.id, "code") ?></div>
  <div class="field"><label for="k<?cs var:c.id ?>-name">Название</label>
    <input id="k<?cs var:c.id ?>-name" name="name" type="text" maxlength="200" value="<?cs call:rowval(c.id, "name", c.name) ?>"<?cs call:rowattrs(c.id, "name") ?>><?cs call:rowerr(c.id, "name") ?></div>
  <?cs if:Edit.budget ?>
  <button type="submit" name="action" value="save">Сохранить</button>
  <button type="submit" name="action" value="delete" class="secondary">Удалить</button>
  <?cs /if ?>
  </fieldset>
</form>
<?cs /each ?>
<?cs if:Edit.budget ?>
<h3>Добавить статью</h3>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/budget" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
  <div class="field"><label for="new-code">Номер <span aria-hidden="true">*</span></label>
    <input id="new-code" name="code" type="number" maxlength="2" value="<?cs call:rowval("new", "code", "") ?>"<?cs call:rowattrs("new", "code") ?>><?cs call:rowerr("new", "code") ?></div>
  <div class="field"><label for="new-name">Название <span aria-hidden="true">*</span></label>
    <input id="new-name" name="name" type="text" maxlength="200" value="<?cs call:rowval("new", "name", "") ?>"<?cs call:rowattrs("new", "name") ?>><?cs call:rowerr("new", "name") ?></div>
  <button type="submit">Добавить статью</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
