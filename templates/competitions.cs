<?cs include:"header.cs" ?>
<?cs # One competition's card: dates in Moscow time, money, documents; what
     differs by group (countdown, «Подать заявку», results) is passed in. ?>
<?cs def:comp_docs(c) ?><?cs if:subcount(Docs[c.id]) > 0 ?>
      <h4>Документы конкурса</h4>
      <ul class="documents"><?cs each:d = Docs[c.id] ?><li><a href="/documents/<?cs var:d.id ?>"><?cs var:d.title ?></a> (<?cs if:d.mime == "application/pdf" ?>PDF<?cs else ?>DOCX<?cs /if ?>, <?cs var:bytes(d.size) ?>)</li><?cs /each ?></ul><?cs /if ?><?cs /def ?>
<?cs def:comp_data(c) ?>
      <dl class="card-data">
        <dt>Приём заявок</dt><dd><time><?cs var:msk(c.opens_ts) ?></time> — <time><?cs var:msk(c.closes_ts) ?></time> (МСК)</dd>
        <?cs if:c.fund_kopecks > 0 ?><dt>Фонд конкурса</dt><dd><?cs var:rub(c.fund_kopecks) ?></dd><?cs /if ?>
        <?cs if:c.max_grant_kopecks > 0 ?><dt>Размер гранта</dt><dd>от <?cs var:rub(c.min_grant_kopecks) ?> до <?cs var:rub(c.max_grant_kopecks) ?></dd><?cs /if ?>
      </dl><?cs /def ?>
<h1>Конкурсы</h1>
<p>Конкурсы грантов для некоммерческих организаций Кубани. Время везде московское (МСК). Подготовиться к заявке помогут <a href="/centres">ресурсные центры НКО</a>.</p>
<nav aria-label="Разделы страницы"><ul class="inline-list">
  <li><a href="#open-h">Идёт приём заявок (<?cs var:subcount(Open) ?>)</a></li>
  <li><a href="#upcoming-h">Скоро (<?cs var:subcount(Upcoming) ?>)</a></li>
  <li><a href="#past-h">Завершённые (<?cs var:subcount(Past) ?>)</a></li>
</ul></nav>

<section aria-labelledby="open-h" id="open">
  <h2 id="open-h">Идёт приём заявок</h2>
  <?cs if:subcount(Open) == 0 ?><p>Сейчас нет конкурсов с открытым приёмом заявок.</p><?cs /if ?>
  <ul class="cards comp-list">
  <?cs each:c = Open ?>
    <li class="card" id="comp-<?cs var:c.id ?>">
      <h3><a href="/competitions/<?cs var:c.id ?>"><?cs var:c.title ?></a></h3>
      <p class="countdown deadline">До окончания приёма заявок осталось <?cs var:left(c.to_close) ?></p>
      <?cs call:comp_data(c) ?>
      <?cs call:comp_docs(c) ?>
      <p><a class="button" href="/applications/new?competition=<?cs var:c.id ?>">Подать заявку<span class="sr"> на конкурс «<?cs var:c.title ?>»</span></a></p>
    </li>
  <?cs /each ?>
  </ul>
</section>

<section aria-labelledby="upcoming-h" id="upcoming">
  <h2 id="upcoming-h">Скоро</h2>
  <?cs if:subcount(Upcoming) == 0 ?><p>Новых конкурсов пока не объявлено.</p><?cs /if ?>
  <ul class="cards comp-list">
  <?cs each:c = Upcoming ?>
    <li class="card" id="comp-<?cs var:c.id ?>">
      <h3><a href="/competitions/<?cs var:c.id ?>"><?cs var:c.title ?></a></h3>
      <p class="countdown"><?cs if:c.to_open > 0 ?>До начала приёма заявок <?cs var:left(c.to_open) ?><?cs else ?>Дата начала приёма заявок уточняется<?cs /if ?></p>
      <?cs call:comp_data(c) ?>
      <?cs call:comp_docs(c) ?>
    </li>
  <?cs /each ?>
  </ul>
</section>

<section aria-labelledby="past-h" id="past">
  <h2 id="past-h">Завершённые</h2>
  <?cs if:subcount(Past) == 0 ?><p>Завершённых конкурсов пока нет.</p><?cs /if ?>
  <ul class="cards comp-list">
  <?cs each:c = Past ?>
    <li class="card" id="comp-<?cs var:c.id ?>">
      <h3><a href="/competitions/<?cs var:c.id ?>"><?cs var:c.title ?></a></h3>
      <p>Приём заявок завершён<?cs if:c.stage != "intake" ?>. Этап: <?cs call:stage_name(c.stage) ?><?cs /if ?>.<?cs if:c.published_ts ?> <a href="/results/<?cs var:c.id ?>">Итоги конкурса<span class="sr"> «<?cs var:c.title ?>»</span></a><?cs /if ?></p>
      <?cs call:comp_data(c) ?>
      <?cs call:comp_docs(c) ?>
    </li>
  <?cs /each ?>
  </ul>
</section>
<?cs include:"footer.cs" ?>
