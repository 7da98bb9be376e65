<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<?cs def:origin_name(o) ?><?cs if:o == "auto" ?>автоматически<?cs elif:o == "manual" ?>вручную<?cs elif:o == "divergence" ?>расхождение оценок<?cs else ?><?cs var:o ?><?cs /if ?><?cs /def ?>
<?cs def:assign_state(x) ?><?cs if:x.state == "assigned" ?><?cs if:x.saved == 1 ?>оценивает, черновик сохранён<?cs elif:x.declared == 1 ?>оценивает<?cs else ?>назначение, не открыто<?cs /if ?><?cs elif:x.state == "submitted" ?>оценка отправлена<?cs elif:x.state == "declined" ?>отказ: конфликт интересов<?cs elif:x.state == "removed" ?>снят с заявки<?cs else ?><?cs var:x.state ?><?cs /if ?><?cs /def ?>
<?cs def:numbers(list) ?><?cs each:n = list ?><?cs if:name(n) > 0 ?>, <?cs /if ?><?cs var:n ?><?cs /each ?><?cs /def ?>
<?cs if:?Auto ?><div class="notice" role="status" id="auto-summary"><p>Назначено автоматически: <?cs var:Auto ?>.<?cs if:subcount(Lacking) > 0 ?> Не хватило экспертов для заявок: <?cs call:numbers(Lacking) ?> — расширьте пул или назначьте вручную.<?cs else ?> Экспертов хватило всем допущенным заявкам.<?cs /if ?></p></div><?cs /if ?>

<nav aria-label="Разделы страницы"><p>Перейти: <a href="#apps">Заявки и эксперты</a> · <a href="#pool">Пул экспертов</a> · <a href="#due">Срок экспертизы</a></p></nav>
<section id="progress" aria-labelledby="progress-h">
<h2 id="progress-h">Ход экспертизы</h2>
<dl class="card-data">
  <dt>Допущено к экспертизе, не оценено</dt><dd id="count-admitted"><?cs var:Counts.admitted ?></dd>
  <dt>Оценено</dt><dd id="count-scored"><?cs var:Counts.scored ?></dd>
  <dt>Экспертов на заявку</dt><dd><?cs var:Comp.experts_per_app ?>; порог расхождения оценок — <?cs var:Comp.divergence ?> баллов из 100<?cs if:Comp.blind_review == 1 ?>; слепая экспертиза<?cs /if ?></dd>
  <dt>Назначения</dt><dd id="states">оценивают: <?cs var:States.assigned ?>, оценки отправлены: <?cs var:States.submitted ?>, отказы: <?cs var:States.declined ?>, сняты: <?cs var:States.removed ?></dd>
  <dt>Не хватает экспертов</dt><dd id="lacking"><?cs if:subcount(Lacking) > 0 ?><?cs call:numbers(Lacking) ?><?cs else ?>нет<?cs /if ?></dd>
  <dt>Оценки расходятся больше порога</dt><dd id="diverging"><?cs if:subcount(Diverging) > 0 ?><?cs call:numbers(Diverging) ?><?cs else ?>нет<?cs /if ?></dd>
  <dt>Нужна замена отказавшегося эксперта</dt><dd id="replace"><?cs if:subcount(Replace) > 0 ?><?cs call:numbers(Replace) ?><?cs else ?>нет<?cs /if ?></dd>
</dl>
<?cs if:Edit.assign ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/auto" class="inline">
  <?cs call:csrf_field() ?>
  <button type="submit">Назначить экспертов автоматически</button>
</form>
<p class="hint">Каждой допущенной заявке — столько экспертов из пула, сколько ей не хватает до <?cs var:Comp.experts_per_app ?>: сначала эксперты её направления, затем наименее загруженные. Эксперт, в профиле которого указана организация-заявитель (по ИНН), или её представитель не назначается никогда.</p>
<?cs elif:Comp.stage != "review" ?><p class="notice">Назначать экспертов можно на этапе «Экспертиза»; сейчас этап «<?cs call:stage_name(Comp.stage) ?>».</p><?cs /if ?>
</section>

<section id="due" aria-labelledby="due-h">
<h2 id="due-h">Срок экспертизы</h2>
<p>Сейчас: <strong id="due-now"><?cs if:Comp.review_due_ts ?><?cs var:msk(Comp.review_due_ts) ?> (МСК)<?cs else ?>не задан<?cs /if ?></strong>. Перед сроком экспертам уходят напоминания.</p>
<?cs if:Edit.pool ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/due" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="review_due">Срок экспертизы, дата и время по Москве</label>
    <input id="review_due" name="review_due" type="datetime-local" maxlength="40" value="<?cs var:Query.review_due ?>"<?cs call:error_attrs("review_due") ?>>
    <?cs call:field_error("review_due") ?>
  </div>
  <button type="submit">Сохранить срок</button>
</form>
<?cs /if ?>
</section>

<section id="pool" aria-labelledby="pool-h">
<h2 id="pool-h">Пул экспертов конкурса</h2>
<?cs if:subcount(Pool) == 0 ?><p>В пуле пока нет экспертов.</p><?cs else ?>
<div class="scroll-x"><table id="pool-table"><thead><tr><th scope="col">Эксперт</th><th scope="col">Направления</th><th scope="col">Организации (ИНН)</th><th scope="col">Оценивает</th><th scope="col">Оценки отправлены</th><th scope="col">Отказы</th><?cs if:Edit.pool ?><th scope="col"><span class="sr">Действия</span></th><?cs /if ?></tr></thead><tbody>
<?cs each:e = Pool ?><tr id="expert-<?cs var:e.id ?>">
  <td><?cs var:e.name ?><br><span class="hint"><?cs var:e.email ?></span><?cs if:e.disabled == 1 ?> <strong>заблокирован</strong><?cs elif:e.not_expert == 1 ?> <strong>больше не эксперт</strong><?cs /if ?></td>
  <td><?cs each:d = e.Dirs ?><?cs if:name(d) > 0 ?>, <?cs /if ?><?cs var:d.name ?><?cs /each ?></td>
  <td><?cs if:subcount(e.Orgs) > 0 ?><ul><?cs each:o = e.Orgs ?><li><?cs var:o.inn ?> — <?cs var:o.name ?><?cs if:o.relation ?> (<?cs var:o.relation ?>)<?cs /if ?></li><?cs /each ?></ul><?cs /if ?></td>
  <td class="load-assigned"><?cs var:e.n_assigned ?></td><td class="load-submitted"><?cs var:e.n_submitted ?></td><td class="load-declined"><?cs var:e.n_declined ?></td>
  <?cs if:Edit.pool ?><td><form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/pool" class="inline">
    <?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="expert" value="<?cs var:e.id ?>">
    <button type="submit" class="secondary">Убрать из пула</button>
  </form></td><?cs /if ?>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs if:Edit.pool ?>
<?cs if:subcount(Candidates) == 0 ?><p class="hint">Добавить некого: все незаблокированные эксперты уже в пуле. Эксперта приглашает администратор.</p><?cs else ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/pool" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
  <div class="field">
    <label for="pool-expert">Добавить эксперта в пул</label>
    <select id="pool-expert" name="expert"<?cs call:error_attrs("expert") ?>>
      <option value="">Выберите эксперта</option>
      <?cs each:c = Candidates ?><option value="<?cs var:c.id ?>"><?cs var:c.name ?> (<?cs var:c.email ?>)</option><?cs /each ?>
    </select>
    <?cs call:field_error("expert") ?>
  </div>
  <button type="submit">Добавить</button>
</form>
<?cs /if ?>
<p class="hint">Убрать эксперта из пула можно, пока у него нет назначений в этом конкурсе. Все эксперты платформы: <a href="/staff/experts">список экспертов</a>.</p>
<?cs /if ?>
</section>

<section id="apps" aria-labelledby="apps-h">
<h2 id="apps-h">Заявки и эксперты</h2>
<?cs if:subcount(Apps) == 0 ?><p>Допущенных к экспертизе заявок нет.</p><?cs /if ?>
<?cs each:a = Apps ?>
<article class="card" id="app-<?cs var:a.id ?>">
  <h3><a href="/staff/applications/<?cs var:a.id ?>"><?cs var:a.number ?></a> — <?cs var:a.title ?></h3>
  <p class="meta"><?cs var:a.org ?> (ИНН <?cs var:a.inn ?>) · <?cs var:a.direction ?> · <?cs call:app_status(a.status) ?><?cs if:a.score ?>, балл <?cs var:dec(a.score) ?><?cs /if ?></p>
  <?cs if:a.lacking ?><p class="form-error lacking">Не хватает экспертов: <?cs var:a.lacking ?>.<?cs if:a.replace ?> Отказ эксперта — назначьте замену.<?cs /if ?></p><?cs /if ?>
  <?cs if:a.diverges ?><p class="notice diverges">Оценки расходятся больше чем на <?cs var:Comp.divergence ?> баллов.</p><?cs /if ?>
  <?cs if:subcount(a.As) == 0 ?><p>Эксперты не назначены.</p><?cs else ?>
  <div class="scroll-x"><table class="assignments"><thead><tr><th scope="col">Эксперт</th><th scope="col">Как назначен</th><th scope="col">Состояние</th><th scope="col">Итог (из 100)</th><?cs if:Edit.assign ?><th scope="col"><span class="sr">Действия</span></th><?cs /if ?></tr></thead><tbody>
  <?cs each:x = a.As ?><tr class="assignment state-<?cs var:x.state ?>" data-expert="<?cs var:x.expert_id ?>">
    <td><?cs var:x.expert ?></td><td><?cs call:origin_name(x.origin) ?></td>
    <td><?cs call:assign_state(x) ?><?cs if:x.decline_reason ?>: <?cs var:x.decline_reason ?><?cs /if ?></td>
    <td><?cs if:x.state == "submitted" ?><?cs var:dec(x.total) ?><?cs /if ?></td>
    <?cs if:Edit.assign ?><td><?cs if:x.state == "assigned" ?><form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/assign" class="inline">
      <?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="project" value="<?cs var:a.id ?>"><input type="hidden" name="expert" value="<?cs var:x.expert_id ?>">
      <button type="submit" class="secondary"><?cs if:x.saved == 1 ?>Снять (черновик оценки пропадёт)<?cs else ?>Снять<?cs /if ?></button>
    </form><?cs /if ?></td><?cs /if ?>
  </tr><?cs /each ?>
  </tbody></table></div>
  <?cs /if ?>
  <?cs if:Edit.assign && subcount(a.Choices) == 0 && subcount(Pool) > 0 ?><p class="hint">Все эксперты пула уже назначены на эту заявку или отказались от неё: добавьте эксперта в пул.</p><?cs /if ?>
  <?cs if:Edit.assign && subcount(a.Choices) > 0 ?>
  <form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/review/assign" class="inline">
    <?cs call:csrf_field() ?><input type="hidden" name="action" value="add"><input type="hidden" name="project" value="<?cs var:a.id ?>">
    <label for="add-<?cs var:a.id ?>">Назначить эксперта</label>
    <select id="add-<?cs var:a.id ?>" name="expert">
      <option value="">— выберите эксперта —</option>
      <?cs each:e = a.Choices ?><option value="<?cs var:e.id ?>"<?cs if:e.conflict == 1 ?> disabled<?cs /if ?>><?cs var:e.name ?> (оценивает: <?cs var:e.n_assigned ?>)<?cs if:e.conflict == 1 ?> — конфликт интересов<?cs /if ?></option><?cs /each ?>
    </select>
    <button type="submit">Назначить</button>
  </form>
  <?cs /if ?>
</article>
<?cs /each ?>
</section>
<?cs include:"footer.cs" ?>
