<?cs include:"header.cs" ?>
<h1>Мои заявки</h1>
<?cs if:subcount(Apps) == 0 ?><p>Заявок пока нет. Откройте <a href="/">конкурс с открытым приёмом</a> и нажмите «Подать заявку».</p><?cs /if ?>
<?cs each:a = Apps ?>
<article class="item">
  <h2><a href="/applications/<?cs var:a.id ?>"><?cs if:a.title ?><?cs var:a.title ?><?cs else ?>Заявка <?cs var:a.number ?> (без названия)<?cs /if ?></a></h2>
  <p class="meta">Заявка <?cs var:a.number ?> · Конкурс «<?cs var:a.competition ?>» · приём до <?cs var:msk(a.closes_ts) ?> (МСК)</p>
  <p>Статус: <strong><?cs call:app_status(a.status) ?></strong><?cs if:a.submitted_ts ?> · подача <?cs var:msk(a.submitted_ts) ?> (МСК)<?cs /if ?></p>
  <?cs if:a.listed == 1 ?><p>На выставке: <a href="/projects/<?cs var:a.id ?>">страница проекта</a> · <a href="/projects/<?cs var:a.id ?>/media">фото и материалы проекта</a></p><?cs /if ?>
  <details><summary>История</summary><ol class="history">
    <?cs each:h = History[a.id] ?><li><time><?cs var:msk(h.ts) ?></time> — <?cs if:h.from_state ?><?cs call:app_status(h.from_state) ?> → <?cs /if ?><?cs call:app_status(h.to_state) ?><?cs if:h.reason ?>: <?cs var:h.reason ?><?cs /if ?></li><?cs /each ?>
  </ol></details>
</article>
<?cs /each ?>
<?cs include:"footer.cs" ?>
