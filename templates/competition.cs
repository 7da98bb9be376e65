<?cs include:"header.cs" ?>
<?cs if:Preview ?><div class="notice" role="status"><p><strong>Предпросмотр:</strong> так страницу конкурса увидят посетители. <a href="/staff/competitions/<?cs var:Comp.id ?>">Вернуться к настройкам</a></p></div><?cs /if ?>
<?cs if:Comp.stage == "draft" ?><div class="notice" role="status"><p><strong>Черновик.</strong> Конкурс ещё не объявлен: страницу видят только сотрудники.<?cs if:Staff ?> <a href="/staff/competitions/<?cs var:Comp.id ?>">Редактировать конкурс</a><?cs /if ?></p></div>
<?cs elif:Staff && !Preview ?><p class="hint"><a href="/staff/competitions/<?cs var:Comp.id ?>">Редактировать конкурс</a></p><?cs /if ?>
<h1><?cs var:Comp.title ?></h1>
<p><?cs call:stage_name(Comp.stage) ?></p>
<?cs if:Comp.published_ts ?><p class="card" id="results-link"><a href="/results/<?cs var:Comp.id ?>">Итоги конкурса</a>: победители, суммы грантов и баллы (опубликованы <?cs var:mskdate(Comp.published_ts) ?>).</p><?cs /if ?>
<?cs if:Comp.open ?>
<div class="card deadline-box">
  <p class="deadline">Приём заявок до <time><?cs var:msk(Comp.closes_ts) ?></time> (МСК) — осталось <?cs var:Comp.days_left ?> дн. <?cs var:Comp.hours_left ?> ч.</p>
  <p><a class="button" href="/applications/new?competition=<?cs var:Comp.id ?>">Подать заявку</a></p>
</div>
<?cs /if ?>
<?cs # description_html is cmark's output (grant/competition.c, gr_markdown): raw HTML and
     unsafe links are left out by cmark and every text is escaped by it, so it is written raw ?>
<div class="text markdown"><?cs uvar:Comp.description_html ?></div>
<dl class="card-data">
  <dt>Приём заявок</dt><dd><?cs var:msk(Comp.opens_ts) ?> — <?cs var:msk(Comp.closes_ts) ?> (МСК)</dd>
  <?cs if:Comp.impl_start_ts ?><dt>Период реализации проектов</dt><dd><?cs var:mskdate(Comp.impl_start_ts) ?> — <?cs var:mskdate(Comp.impl_end_ts) ?></dd><?cs /if ?>
  <dt>Фонд конкурса</dt><dd><?cs var:rub(Comp.fund_kopecks) ?></dd>
  <dt>Размер гранта</dt><dd>от <?cs var:rub(Comp.min_grant_kopecks) ?> до <?cs var:rub(Comp.max_grant_kopecks) ?></dd>
  <?cs if:Comp.cofin_min_pct > 0 ?><dt>Софинансирование</dt><dd>не меньше <?cs var:dec(Comp.cofin_min_pct) ?>&nbsp;%</dd><?cs /if ?>
</dl>
<?cs if:subcount(Documents) > 0 ?>
<h2>Документы конкурса</h2>
<ul class="documents"><?cs each:d = Documents ?><li><a href="/documents/<?cs var:d.id ?>"><?cs var:d.title ?></a> (<?cs if:d.mime == "application/pdf" ?>PDF<?cs else ?>DOCX<?cs /if ?>, <?cs var:bytes(d.size) ?>)</li><?cs /each ?></ul>
<?cs /if ?>
<h2>Направления</h2>
<ul><?cs each:d = Directions ?><li><a href="/projects?competition=<?cs var:Comp.id ?>&amp;direction=<?cs var:d.id ?>"><?cs var:d.name ?></a></li><?cs /each ?></ul>
<?cs if:subcount(Criteria) > 0 ?>
<h2>Критерии оценки</h2>
<table><thead><tr><th scope="col">Критерий</th><th scope="col">Баллы</th><th scope="col">Вес</th></tr></thead><tbody>
<?cs each:c = Criteria ?><tr><td><?cs var:c.name ?></td><td>0–<?cs var:c.max_score ?></td><td><?cs var:dec(c.weight) ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<p><a href="/projects?competition=<?cs var:Comp.id ?>">Проекты конкурса на выставке</a></p>
<?cs include:"footer.cs" ?>
