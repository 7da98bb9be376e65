<?cs include:"header.cs" ?>
<h1>Мероприятия</h1>
<p>Встречи, семинары и вебинары для некоммерческих организаций Кубани. Время везде московское (МСК).</p>
<h2 id="upcoming">Предстоящие</h2>
<?cs if:subcount(Upcoming) == 0 ?><p>Предстоящих мероприятий пока нет. Следите за <a href="/news">новостями</a>.</p><?cs else ?>
<ul class="list events" aria-labelledby="upcoming">
<?cs each:e = Upcoming ?>
  <li class="item">
    <h3><a href="/events/<?cs var:e.id ?>"><?cs var:e.title ?></a></h3>
    <p class="meta"><span class="badge badge-applicant"><?cs var:e.kind_title ?></span><time><?cs var:msk(e.starts_ts) ?></time> (МСК) · <?cs if:e.place ?><?cs var:e.place ?><?cs else ?>онлайн<?cs /if ?></p>
    <p class="seats"><?cs if:e.registration_open == 0 ?>Регистрация закрыта.<?cs elif:e.seats == 0 ?>Регистрация открыта, число мест не ограничено.<?cs elif:e.seats_left == 0 ?><strong>Мест больше нет.</strong><?cs else ?>Осталось мест: <strong><?cs var:e.seats_left ?></strong> из <?cs var:e.seats ?>.<?cs /if ?></p>
  </li>
<?cs /each ?>
</ul><?cs /if ?>
<h2 id="past">Прошедшие</h2>
<?cs if:subcount(Past) == 0 ?><p>Прошедших мероприятий нет.</p><?cs else ?>
<ul class="list events" aria-labelledby="past">
<?cs each:e = Past ?>
  <li class="item">
    <h3><a href="/events/<?cs var:e.id ?>"><?cs var:e.title ?></a></h3>
    <p class="meta"><span class="badge badge-applicant"><?cs var:e.kind_title ?></span><time><?cs var:msk(e.starts_ts) ?></time> (МСК) · <?cs if:e.place ?><?cs var:e.place ?><?cs else ?>онлайн<?cs /if ?><?cs if:e.has_followup == 1 ?> · <a href="/events/<?cs var:e.id ?>#followup">итоги и материалы</a><?cs /if ?></p>
  </li>
<?cs /each ?>
</ul><?cs /if ?>
<?cs include:"footer.cs" ?>
