<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet">Личный кабинет</a> › <a href="/commission">Конкурсная комиссия</a> › Рейтинг</p>
<h1>Рейтинг заявок</h1>
<p class="meta">Конкурс «<?cs var:Comp.title ?>» · Этап: <strong id="stage"><?cs call:stage_name(Comp.stage) ?></strong></p>
<?cs if:Saved ?><div class="notice" role="status"><p>Отметки сохранены.</p></div><?cs /if ?>
<?cs if:JustDecided ?><div class="notice" role="status"><p>Решение комиссии записано. Отметки победителей больше не меняются.</p></div><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert" id="form-error"><?cs var:Form.Error.form ?></p><?cs /if ?>
<?cs if:Decided ?>
<section id="decision" aria-labelledby="decision-h">
<h2 id="decision-h">Решение комиссии</h2>
<p>Протокол № <strong><?cs var:Decision.protocol_number ?></strong> от <?cs var:Decision.date ?>; записано <?cs var:msk(Decision.recorded_ts) ?> (МСК)<?cs if:Decision.recorder ?>, <?cs var:Decision.recorder ?><?cs /if ?>.</p>
<p><a href="/commission/<?cs var:Comp.id ?>/protocol">Протокол для печати</a> · <a href="/commission/<?cs var:Comp.id ?>/protocol.pdf">Протокол в PDF</a></p>
<?cs if:MayPublish ?><p><a class="button" id="publish" href="/staff/competitions/<?cs var:Comp.id ?>/publish">Опубликовать итоги</a></p><?cs /if ?>
</section>
<?cs /if ?>

<section id="totals" aria-labelledby="totals-h">
<h2 id="totals-h">Суммы</h2>
<dl class="card-data">
  <dt>Запрошено всеми заявками рейтинга</dt><dd id="total-requested"><?cs var:rub(Totals.requested) ?></dd>
  <dt>Гранты отмеченным победителям (<?cs var:Totals.winners ?>)</dt><dd id="total-granted"><?cs var:rub(Totals.granted) ?></dd>
  <dt>Фонд конкурса</dt><dd id="fund"><?cs var:rub(Comp.fund_kopecks) ?></dd>
  <dt>Остаток фонда</dt><dd id="remains"><?cs var:rub(Totals.remains) ?></dd>
  <?cs if:Comp.min_grant_kopecks > 0 || Comp.max_grant_kopecks > 0 ?><dt>Размер гранта</dt><dd><?cs if:Comp.min_grant_kopecks > 0 ?>от <?cs var:rub(Comp.min_grant_kopecks) ?> <?cs /if ?><?cs if:Comp.max_grant_kopecks > 0 ?>до <?cs var:rub(Comp.max_grant_kopecks) ?><?cs /if ?></dd><?cs /if ?>
</dl>
</section>

<section id="ranking" aria-labelledby="ranking-h">
<h2 id="ranking-h">Рейтинг по итогам экспертизы</h2>
<p class="hint">Балл — среднее итоговых оценок экспертов по 100-балльной шкале (с весами критериев). При равенстве баллов выше заявка, поданная раньше.</p>
<?cs if:subcount(Ranking) == 0 ?><p>Оценённых заявок пока нет.</p><?cs else ?>
<?cs if:MayMark ?>
<form method="post" action="/commission/<?cs var:Comp.id ?>/marks" class="form wide" novalidate>
  <?cs call:csrf_field() ?>
<?cs /if ?>
<div class="scroll-x"><table id="ranking-table">
<caption class="sr">Рейтинг заявок</caption>
<thead><tr><th scope="col">Место</th><th scope="col">Заявка</th><th scope="col">Балл</th><th scope="col">Запрошено</th><th scope="col">Грант</th></tr></thead>
<tbody>
<?cs each:p = Ranking ?><tr id="row-<?cs var:p.id ?>" data-id="<?cs var:p.id ?>">
<td><?cs var:p.place ?></td>
<td><strong><?cs var:p.title ?></strong><br><span class="meta"><?cs var:p.number ?> · <?cs var:p.org ?> · <?cs var:p.municipality ?> · <?cs var:p.direction ?></span></td>
<td class="num"><?cs var:p.score_text ?></td>
<td class="num"><?cs var:rub(p.requested_kopecks) ?></td>
<td class="grant"><?cs if:MayMark ?>
  <input type="checkbox" id="winner-<?cs var:p.id ?>" name="winner.<?cs var:p.id ?>" value="1"<?cs if:p.form_winner ?> checked<?cs /if ?>> <label for="winner-<?cs var:p.id ?>" class="inline-label">победитель</label><br>
  <label for="granted-<?cs var:p.id ?>" class="sr">Сумма гранта, ₽</label>
  <input id="granted-<?cs var:p.id ?>" name="granted.<?cs var:p.id ?>" type="text" inputmode="decimal" size="14" maxlength="30" value="<?cs var:p.form_amount ?>"<?cs if:Form.Error.granted[p.id] ?> aria-invalid="true" aria-describedby="err-granted-<?cs var:p.id ?>"<?cs /if ?>> ₽
  <?cs if:Form.Error.granted[p.id] ?><p class="field-error" id="err-granted-<?cs var:p.id ?>" role="alert"><?cs var:Form.Error.granted[p.id] ?></p><?cs /if ?>
<?cs elif:p.winner == 1 ?><strong>победитель</strong>, <?cs var:rub(p.granted_kopecks) ?><?cs else ?>—<?cs /if ?></td>
</tr>
<tr class="details"><td></td><td colspan="4"><details><summary>Оценки экспертов (<?cs var:subcount(p.Experts) ?>)</summary>
<?cs each:e = p.Experts ?><div class="expert-score">
<h3><?cs var:e.name ?>: <?cs var:e.total_text ?> из 100</h3>
<?cs if:subcount(e.Scores) > 0 ?><div class="scroll-x"><table><thead><tr><th scope="col">Критерий</th><th scope="col">Оценка</th><th scope="col">Комментарий</th></tr></thead><tbody>
<?cs each:s = e.Scores ?><tr><td><?cs var:s.name ?></td><td class="num"><?cs var:s.score ?> из <?cs var:s.max_score ?></td><td class="text"><?cs var:s.comment ?></td></tr><?cs /each ?>
</tbody></table></div><?cs /if ?>
<?cs if:e.overall_comment ?><p><strong>Общий комментарий:</strong></p><p class="text"><?cs var:e.overall_comment ?></p><?cs /if ?>
</div><?cs /each ?>
</details></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs if:MayMark ?>
  <p class="hint">Отметьте победителей и укажите сумму гранта в рублях (не больше запрошенной, в пределах размера гранта конкурса); сумма грантов — в пределах фонда.</p>
  <button type="submit">Сохранить отметки</button>
</form>
<?cs /if ?>
<?cs /if ?>
</section>

<?cs if:subcount(Pending) > 0 ?>
<section id="pending" aria-labelledby="pending-h">
<h2 id="pending-h">Ещё на экспертизе</h2>
<ul>
<?cs each:p = Pending ?><li id="pending-<?cs var:p.id ?>"><?cs var:p.number ?> — <?cs var:p.title ?> (<?cs var:p.org ?>): оценок <?cs var:p.done ?> из <?cs var:p.assigned ?></li><?cs /each ?>
</ul>
</section>
<?cs /if ?>

<?cs if:MayMark ?>
<section id="decide" aria-labelledby="decide-h">
<h2 id="decide-h">Записать решение комиссии</h2>
<p id="decide-summary">В решение войдут <strong>сохранённые</strong> отметки: победителей — <strong><?cs var:Totals.winners ?></strong><?cs if:Totals.winners > 0 ?> (<?cs each:p = Ranking ?><?cs if:p.winner == 1 ?><span class="nowrap"><?cs var:p.number ?></span> <?cs /if ?><?cs /each ?>)<?cs /if ?>, сумма грантов — <strong><?cs var:rub(Totals.granted) ?></strong>.</p>
<p class="hint">Если вы меняли отметки в таблице выше, сначала нажмите «Сохранить отметки»: несохранённые изменения в решение не попадут. После записи решения отметки не меняются.</p>
<form method="post" action="/commission/<?cs var:Comp.id ?>/decision" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="marks_version" value="<?cs var:Totals.marks_version ?>">
  <?cs call:text_field("decided_on", "Дата заседания", "date", 10, 1, "") ?>
  <?cs call:text_field("protocol_number", "Номер протокола", "text", 50, 1, "") ?>
  <div class="field">
    <label for="members">Присутствовавшие члены комиссии <span aria-hidden="true">*</span></label>
    <textarea id="members" name="members" rows="6" maxlength="10000" aria-describedby="hint-members<?cs if:Form.Error.members ?> err-members<?cs /if ?>"<?cs if:Form.Error.members ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.members ?></textarea>
    <p class="hint" id="hint-members">По одному в строке: фамилия, имя, отчество, должность.</p>
    <?cs call:field_error("members") ?>
  </div>
  <button type="submit">Записать решение</button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
