<?cs include:"header.cs" ?>
<h1><?cs if:Sections.card.title ?><?cs var:Sections.card.title ?><?cs else ?>Заявка <?cs var:App.number ?><?cs /if ?></h1>
<p class="help-link"><a href="/help/apply#submit">Справка: как подать заявку и получить квитанцию</a></p>
<?cs set:Section = "all" ?><?cs include:"app_nav.cs" ?>
<?cs if:Withdrawn && App.status == "draft" ?><div class="notice" role="status"><p><strong>Заявка отозвана</strong> и снова стала черновиком. Чтобы участвовать в конкурсе, подайте её снова до <?cs var:msk(App.closes_ts) ?> (МСК). Письмо об отзыве отправлено представителям организации.</p></div><?cs /if ?>
<?cs def:missing_list(what) ?><?cs if:Problems > 0 ?>
  <p><?cs var:what ?></p>
  <ul class="missing"><?cs each:m = Missing ?><li><a href="/applications/<?cs var:App.id ?>/<?cs var:m.section ?>"><?cs var:m.title ?></a><?cs if:m.field ?> — <?cs var:m.field ?><?cs /if ?>: <?cs var:m.message ?></li><?cs /each ?></ul>
<?cs /if ?><?cs /def ?>
<?cs def:decision_items(id) ?><?cs if:subcount(Decision.Items) > 0 ?><ul id="<?cs var:id ?>"><?cs each:i = Decision.Items ?><li><?cs var:i.text ?></li><?cs /each ?></ul><?cs /if ?><?cs /def ?>
<?cs if:App.status == "returned" ?>
<section aria-labelledby="return-h" class="submit-box">
  <h2 id="return-h">Заявка возвращена на доработку</h2>
  <?cs if:App.open ?>
  <p>Исправьте заявку и подайте её повторно до <strong><time id="return-due"><?cs var:msk(App.return_due_ts) ?></time></strong> (МСК). После этого срока подать её повторно будет нельзя.</p>
  <?cs else ?>
  <p class="form-error" id="return-overdue">Срок доработки истёк <?cs var:msk(App.return_due_ts) ?> (МСК): повторно подать заявку нельзя.</p>
  <?cs /if ?>
  <?cs if:subcount(Decision.Items) > 0 ?><p>Что нужно исправить:</p><?cs call:decision_items("return-items") ?><?cs /if ?>
  <?cs if:Decision.comment ?><p>Комментарий сотрудника:</p><p class="text" id="return-comment"><?cs var:Decision.comment ?></p><?cs /if ?>
  <?cs if:App.editable ?>
  <?cs call:missing_list("Чтобы подать заявку повторно, осталось исправить:") ?>
  <form method="post" action="/applications/<?cs var:App.id ?>/submit"><?cs call:csrf_field() ?><button type="submit"<?cs if:Problems > 0 ?> aria-describedby="return-h"<?cs /if ?>>Подать заявку повторно</button></form>
  <p class="hint">Номер заявки сохранится; вы получите новую расписку с новым временем и контрольной суммой, прежние расписки остаются в истории.</p>
  <?cs /if ?>
</section>
<?cs elif:App.status == "rejected" ?>
<section aria-labelledby="reject-h" class="submit-box">
  <h2 id="reject-h">Заявка отклонена по итогам проверки</h2>
  <?cs if:subcount(Decision.Items) > 0 ?><p>Не выполнены требования:</p><?cs call:decision_items("reject-items") ?><?cs /if ?>
  <?cs if:Decision.comment ?><p>Комментарий сотрудника:</p><p class="text" id="reject-comment"><?cs var:Decision.comment ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:App.receipt_sha256 ?>
<section class="receipt" aria-labelledby="receipt-h">
  <h2 id="receipt-h">Расписка о подаче заявки</h2>
  <?cs if:Submitted ?><p role="status"><strong>Заявка подана.</strong> Расписка отправлена на вашу электронную почту.</p><?cs /if ?>
  <dl class="card-data">
    <dt>Номер заявки</dt><dd><strong id="receipt-number"><?cs var:App.number ?></strong></dd>
    <dt>Подана</dt><dd><time id="receipt-time"><?cs var:msk(App.submitted_ts) ?></time> (МСК, по часам сервера)</dd>
    <dt>Контрольная сумма SHA-256</dt><dd><code id="receipt-sha"><?cs var:App.receipt_sha256 ?></code></dd>
  </dl>
  <?cs if:App.editable == 0 && App.status == "submitted" && App.intake_open && App.mine ?>
  <p><a class="button secondary" href="/applications/<?cs var:App.id ?>/withdraw">Отозвать заявку…</a></p>
  <p class="hint">Отозванную заявку можно исправить, но участвовать в конкурсе она будет, только если её подать снова до окончания приёма — <?cs var:msk(App.closes_ts) ?> (МСК).</p>
  <?cs /if ?>
  <?cs if:subcount(Receipts) > 1 ?>
  <h3>Все расписки по заявке</h3>
  <?cs # one row per submission, oldest first: which one stands now ?>
  <div class="scroll-x"><table id="receipts"><thead><tr><th scope="col">Подача</th><th scope="col">Подана (МСК)</th><th scope="col">Расписка</th><th scope="col">SHA-256</th></tr></thead><tbody>
  <?cs set:k = 0 ?><?cs each:x = Receipts ?><?cs set:k = k + 1 ?><tr><td><?cs var:k ?>-я</td><td><?cs var:msk(x.ts) ?></td><td><?cs if:!last(x) ?>заменена следующей подачей<?cs elif:App.status == "draft" ?>заявка отозвана<?cs else ?><strong>действует</strong><?cs /if ?></td><td><code><?cs var:x.sha256 ?></code></td></tr><?cs /each ?>
  </tbody></table></div>
  <?cs /if ?>
</section>
<?cs elif:App.status == "draft" ?>
<section aria-labelledby="submit-h" class="submit-box">
  <h2 id="submit-h">Подача заявки</h2>
  <?cs call:missing_list("Чтобы подать заявку, осталось заполнить:") ?>
  <?cs if:App.editable ?>
  <form method="post" action="/applications/<?cs var:App.id ?>/submit"><?cs call:csrf_field() ?><button type="submit"<?cs if:Problems > 0 ?> aria-describedby="submit-h"<?cs /if ?>>Подать заявку</button></form>
  <p class="hint">После подачи содержание заявки фиксируется; приём заявок заканчивается <?cs var:msk(App.closes_ts) ?> (МСК).</p>
  <?cs /if ?>
  <?cs if:subcount(Checklist) > 0 ?>
  <h3 id="checklist-h">Что проверят при допуске к конкурсу</h3>
  <p class="hint">Заявку, которая не соответствует этим требованиям, могут вернуть на доработку или отклонить. Проверьте профиль организации и вложения до подачи.</p>
  <ul id="checklist"><?cs each:c = Checklist ?><li><?cs var:c.text ?></li><?cs /each ?></ul>
  <?cs /if ?>
</section>
<?cs /if ?>

<?cs include:"app_whole.cs" ?>
<?cs include:"footer.cs" ?>
