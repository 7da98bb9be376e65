Subject: Заявка <?cs var:Receipt.number ?> подана повторно после доработки

Заявка <?cs var:Receipt.number ?> на конкурс «<?cs var:Competition ?>» исправлена и подана повторно.
Организация: <?cs var:Org ?>
Проект: <?cs var:Title ?>
Время повторной подачи: <?cs var:msk(Receipt.submitted_ts) ?> (МСК)
Контрольная сумма (SHA-256): <?cs var:Receipt.receipt_sha256 ?>

Проверка заявки: <?cs var:StaffLink ?>
