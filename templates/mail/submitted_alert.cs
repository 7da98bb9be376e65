Subject: Новая заявка <?cs var:Receipt.number ?>

Подана заявка <?cs var:Receipt.number ?> на конкурс «<?cs var:Competition ?>».
Организация: <?cs var:Org ?>
Проект: <?cs var:Title ?>
Время подачи: <?cs var:msk(Receipt.submitted_ts) ?> (МСК)

<?cs var:Link ?>
