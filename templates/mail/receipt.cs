Subject: Заявка <?cs var:Receipt.number ?> подана<?cs if:Resubmitted ?> повторно<?cs /if ?>

Здравствуйте, <?cs var:Name ?>!

Заявка организации «<?cs var:Org ?>» на конкурс «<?cs var:Competition ?>» подана<?cs if:Resubmitted ?> повторно после доработки. Прежние расписки остаются действительными как история заявки<?cs /if ?>.

Расписка
Номер заявки: <?cs var:Receipt.number ?>
Время подачи: <?cs var:msk(Receipt.submitted_ts) ?> (МСК, по часам сервера)
Проект: <?cs var:Title ?>
Контрольная сумма содержания (SHA-256): <?cs var:Receipt.receipt_sha256 ?>

Заявка: <?cs var:Link ?>
