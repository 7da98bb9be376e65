Subject: Напоминание: экспертиза заявок до <?cs var:msk(Item.due_ts) ?> (МСК)

Здравствуйте, <?cs var:Item.name ?>!

Срок экспертизы по конкурсу «<?cs var:Item.title ?>» истекает <?cs var:msk(Item.due_ts) ?> (МСК).
Заявок, которые ещё ждут вашей оценки: <?cs var:Item.left_n ?>.

Ваши заявки: <?cs var:Site.URL ?>/expert
