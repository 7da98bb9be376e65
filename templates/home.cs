<?cs include:"header.cs" ?>
<section class="hero">
  <h1>Конкурс грантов для некоммерческих организаций Кубани</h1>
  <p>Все этапы конкурса — от объявления до отчёта — в электронной форме: подача заявок, экспертиза, решение комиссии и итоги. И выставка проектов, которые уже меняют жизнь в муниципальных образованиях края.</p>
</section>

<section aria-labelledby="open-h">
  <h2 id="open-h">Идёт приём заявок</h2>
  <?cs if:subcount(Open) == 0 ?>
  <p>Сейчас нет конкурсов с открытым приёмом заявок.</p>
  <?cs else ?>
  <ul class="cards">
  <?cs each:c = Open ?>
    <li class="card">
      <h3><a href="/competitions/<?cs var:c.id ?>"><?cs var:c.title ?></a></h3>
      <p>Гранты от <?cs var:rub(c.min_grant_kopecks) ?> до <?cs var:rub(c.max_grant_kopecks) ?></p>
      <p class="deadline">Приём заявок до <time><?cs var:msk(c.closes_ts) ?></time> (МСК) — осталось <?cs var:left(c.to_close) ?></p>
      <p><a class="button" href="/applications/new?competition=<?cs var:c.id ?>">Подать заявку</a></p>
      <p><a href="/projects?competition=<?cs var:c.id ?>">Заявки конкурса на выставке</a></p>
    </li>
  <?cs /each ?>
  </ul>
  <?cs /if ?>
  <?cs if:subcount(Announced) > 0 ?>
  <h3>Скоро</h3>
  <ul>
  <?cs each:c = Announced ?><li><?cs var:c.title ?> — приём заявок с <?cs var:mskdate(c.opens_ts) ?></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <p><a href="/competitions">Все конкурсы: сроки, документы, завершённые</a> · <a href="/centres">Бесплатные консультации в ресурсных центрах НКО</a></p>
</section>

<section aria-labelledby="news-h">
  <h2 id="news-h">Новости</h2>
  <?cs each:n = News ?>
  <article class="news">
    <h3><a href="/news/<?cs var:n.id ?>"><?cs var:n.title ?></a></h3>
    <p class="muted"><time><?cs var:mskdate(n.ts) ?></time></p>
    <p><?cs var:n.summary ?></p>
  </article>
  <?cs /each ?>
  <p><a href="/news">Все новости</a></p>
</section>

<section aria-labelledby="proj-h">
  <h2 id="proj-h">Выставка проектов</h2>
  <ul class="cards">
  <?cs each:p = Projects ?>
    <li class="card">
      <h3><a href="/projects/<?cs var:p.id ?>"><?cs var:p.title ?></a></h3>
      <p><?cs var:p.org ?> · <?cs var:p.municipality ?></p>
      <?cs call:exhibit_badge(p.exhibit) ?>
    </li>
  <?cs /each ?>
  </ul>
  <p><a href="/projects">Все проекты</a> · <a href="/ideas">Предложить идею</a></p>
</section>
<?cs include:"footer.cs" ?>
