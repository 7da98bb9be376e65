<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a></p>
<h1>Мероприятия</h1>
<p><a href="/staff/events/new">Новое мероприятие</a> · <a href="/events">Как видят посетители</a></p>
<?cs if:subcount(Events) == 0 ?><p>Мероприятий пока нет.</p><?cs else ?>
<div class="scroll-x"><table>
  <caption class="sr">Все мероприятия, сначала поздние</caption>
  <thead><tr><th scope="col">Мероприятие</th><th scope="col">Начало (МСК)</th><th scope="col">Место</th><th scope="col">Зарегистрировано</th><th scope="col">Регистрация</th></tr></thead>
  <tbody>
  <?cs each:e = Events ?>
  <tr>
    <td><a href="/staff/events/<?cs var:e.id ?>"><?cs var:e.title ?></a> <span class="muted"><?cs var:e.kind_title ?></span></td>
    <td><?cs var:msk(e.starts_ts) ?></td>
    <td><?cs if:e.place ?><?cs var:e.place ?><?cs else ?>онлайн<?cs /if ?></td>
    <td><?cs var:e.registered ?><?cs if:e.seats > 0 ?> из <?cs var:e.seats ?><?cs /if ?></td>
    <td><?cs if:e.past == 1 ?>прошло<?cs elif:e.registration_open == 1 ?>открыта<?cs else ?>закрыта<?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table></div><?cs /if ?>
<?cs include:"footer.cs" ?>
