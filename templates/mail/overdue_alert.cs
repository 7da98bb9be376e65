Subject: Истёк срок доработки заявки <?cs var:Item.number ?>

Истёк срок доработки заявки <?cs var:Item.number ?>: <?cs var:msk(Item.due_ts) ?> (МСК). Организация не подала её повторно.

Конкурс: <?cs var:Item.competition ?>
Организация: <?cs var:Item.org ?>
Проект: <?cs var:Item.title ?>

<?cs var:Site.URL ?>/applications/<?cs var:Item.id ?>
