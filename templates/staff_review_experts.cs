<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> › <a href="/staff/competitions">Конкурсы</a> › Эксперты</p>
<h1>Эксперты</h1>
<p class="hint">Все пользователи с ролью «Эксперт». В пул конкурса их добавляют на вкладке «Эксперты и оценки» конкурса; эксперта приглашает администратор.</p>
<form method="get" action="/staff/experts" class="filters">
  <label>Направление
    <select name="direction">
      <option value="">Все</option>
      <?cs uvar:Filter.Options.direction ?>
    </select>
  </label>
  <button type="submit">Показать</button>
</form>
<?cs if:subcount(Experts) == 0 ?><p id="no-experts">Экспертов не найдено.</p><?cs else ?>
<div class="scroll-x"><table id="experts"><thead><tr><th scope="col">Эксперт</th><th scope="col">Направления</th><th scope="col">Организации (ИНН)</th><th scope="col">Конкурсы</th><th scope="col">В работе</th><th scope="col">Оценок отправлено</th></tr></thead><tbody>
<?cs each:e = Experts ?><tr id="expert-<?cs var:e.id ?>">
  <td><?cs var:e.name ?><br><span class="hint"><?cs var:e.email ?></span><?cs if:e.disabled == 1 ?> <strong>заблокирован</strong><?cs /if ?></td>
  <td><?cs each:d = e.Dirs ?><?cs if:name(d) > 0 ?>, <?cs /if ?><?cs var:d.name ?><?cs /each ?></td>
  <td><?cs if:subcount(e.Orgs) > 0 ?><ul><?cs each:o = e.Orgs ?><li><?cs var:o.inn ?> — <?cs var:o.name ?><?cs if:o.relation ?> (<?cs var:o.relation ?>)<?cs /if ?></li><?cs /each ?></ul><?cs /if ?></td>
  <td><?cs if:subcount(e.Comps) > 0 ?><ul><?cs each:c = e.Comps ?><li><a href="/staff/competitions/<?cs var:c.id ?>/review"><?cs var:c.title ?></a> (<?cs call:stage_name(c.stage) ?>)</li><?cs /each ?></ul><?cs /if ?></td>
  <td class="load"><?cs var:e.load_n ?></td><td class="submitted"><?cs var:e.submitted_n ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
