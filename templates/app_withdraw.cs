<?cs include:"header.cs" ?>
<h1>Отозвать заявку?</h1>
<?cs include:"app_nav.cs" ?>
<section aria-labelledby="withdraw-h" class="submit-box">
  <h2 id="withdraw-h">Что произойдёт</h2>
  <ul>
    <li>Заявка <strong><?cs var:App.number ?></strong> перестанет быть поданной и снова станет черновиком: её можно будет исправить.</li>
    <li>Чтобы участвовать в конкурсе, её нужно <strong>подать снова до <time id="withdraw-deadline"><?cs var:msk(App.closes_ts) ?></time> (МСК)</strong>, когда заканчивается приём заявок. Заявка, не поданная к этому сроку, рассматриваться не будет.</li>
    <li>Расписка о подаче <?cs var:msk(App.submitted_ts) ?> (МСК) останется в истории заявки, но заявка больше не будет считаться поданной; при новой подаче вы получите новую расписку.</li>
    <li>Письмо об отзыве получат все представители организации «<?cs var:App.org ?>».</li>
  </ul>
  <form method="post" action="/applications/<?cs var:App.id ?>/withdraw"><?cs call:csrf_field() ?><button type="submit">Отозвать заявку</button> <a href="/applications/<?cs var:App.id ?>">Не отзывать</a></form>
</section>
<?cs include:"footer.cs" ?>
