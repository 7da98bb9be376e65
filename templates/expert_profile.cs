<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/expert">Кабинет эксперта</a> › <a href="/expert">Экспертиза заявок</a> › Профиль</p>
<h1>Профиль эксперта</h1>
<?cs if:Saved ?><div class="notice" role="status"><p>Профиль сохранён.</p></div><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Профиль не сохранён: проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/expert/profile" class="form wide" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="about">О себе: образование, опыт</label>
    <textarea id="about" name="about" rows="8" maxlength="<?cs var:Max.about ?>" aria-describedby="hint-about<?cs if:Form.Error.about ?> err-about<?cs /if ?>"<?cs if:Form.Error.about ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.about ?></textarea>
    <p class="hint" id="hint-about">До <?cs var:Max.about ?> знаков.</p>
    <?cs call:field_error("about") ?>
  </div>
  <fieldset class="rows"<?cs if:Form.Error.dir ?> aria-describedby="err-dir"<?cs /if ?>>
    <legend>Направления, в которых вы эксперт</legend>
    <p class="hint">Заявки этих направлений назначаются вам в первую очередь.</p>
    <?cs each:d = Directions ?><p><input type="checkbox" id="dir-<?cs var:d.id ?>" name="dir" value="<?cs var:d.id ?>"<?cs if:d.checked ?> checked<?cs /if ?>> <label for="dir-<?cs var:d.id ?>" class="inline-label"><?cs var:d.name ?></label></p>
    <?cs /each ?>
    <?cs call:field_error("dir") ?>
  </fieldset>
  <fieldset class="rows" id="orgs"<?cs if:Form.Error.orgs ?> aria-describedby="err-orgs"<?cs /if ?>>
    <legend>Организации, в которых вы состоите или работали</legend>
    <p class="hint">Заявки организаций с этими ИНН вам не назначаются (конфликт интересов). Не больше <?cs var:Max.orgs ?> строк; чтобы добавить ещё, сохраните профиль — появятся новые пустые строки.</p>
    <?cs call:field_error("orgs") ?>
    <?cs each:o = Rows ?><div class="row">
      <div class="cell"><label><span>ИНН</span><input name="o.<?cs var:name(o) ?>.inn" type="text" inputmode="numeric" maxlength="12" value="<?cs var:o.inn ?>"<?cs if:Form.Error.o[name(o)].inn ?> aria-invalid="true" aria-describedby="err-o-<?cs var:name(o) ?>-inn"<?cs /if ?>></label><?cs if:Form.Error.o[name(o)].inn ?><p class="field-error" id="err-o-<?cs var:name(o) ?>-inn"><?cs var:Form.Error.o[name(o)].inn ?></p><?cs /if ?></div>
      <div class="cell"><label><span>Наименование</span><input name="o.<?cs var:name(o) ?>.name" type="text" maxlength="300" value="<?cs var:o.name ?>"<?cs if:Form.Error.o[name(o)].name ?> aria-invalid="true" aria-describedby="err-o-<?cs var:name(o) ?>-name"<?cs /if ?>></label><?cs if:Form.Error.o[name(o)].name ?><p class="field-error" id="err-o-<?cs var:name(o) ?>-name"><?cs var:Form.Error.o[name(o)].name ?></p><?cs /if ?></div>
      <div class="cell"><label><span>Связь с организацией</span><input name="o.<?cs var:name(o) ?>.relation" type="text" maxlength="200" value="<?cs var:o.relation ?>"<?cs if:Form.Error.o[name(o)].relation ?> aria-invalid="true" aria-describedby="err-o-<?cs var:name(o) ?>-relation"<?cs /if ?>></label><?cs if:Form.Error.o[name(o)].relation ?><p class="field-error" id="err-o-<?cs var:name(o) ?>-relation"><?cs var:Form.Error.o[name(o)].relation ?></p><?cs /if ?></div>
      <div class="cell"><label><input type="checkbox" name="o.<?cs var:name(o) ?>.del" value="1"> Удалить</label></div>
    </div><?cs /each ?>
    <?cs loop:k = 0, 1, 1 ?><div class="row">
      <div class="cell"><label><span>ИНН</span><input name="o.<?cs var:#RowCount + #k ?>.inn" type="text" inputmode="numeric" maxlength="12" value=""></label></div>
      <div class="cell"><label><span>Наименование</span><input name="o.<?cs var:#RowCount + #k ?>.name" type="text" maxlength="300" value=""></label></div>
      <div class="cell"><label><span>Связь с организацией</span><input name="o.<?cs var:#RowCount + #k ?>.relation" type="text" maxlength="200" value="" placeholder="например, член правления, 2019–2023"></label></div>
    </div><?cs /loop ?>
  </fieldset>
  <button type="submit">Сохранить профиль</button>
</form>
<section aria-labelledby="comps-h">
<h2 id="comps-h">Конкурсы, в экспертизе которых вы участвуете</h2>
<?cs if:subcount(Comps) == 0 ?><p>Вас пока не включили в состав экспертов ни одного конкурса.</p><?cs else ?>
<div class="scroll-x"><table id="comps"><thead><tr><th scope="col">Конкурс</th><th scope="col">Этап</th><th scope="col">Срок экспертизы (МСК)</th><th scope="col">Назначено заявок</th><th scope="col">Оценено</th></tr></thead><tbody>
<?cs each:c = Comps ?><tr><td><?cs var:c.title ?></td><td><?cs call:stage_name(c.stage) ?></td><td><?cs if:c.due_ts ?><?cs var:msk(c.due_ts) ?><?cs /if ?></td><td><?cs var:c.assigned_n ?></td><td><?cs var:c.submitted_n ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
