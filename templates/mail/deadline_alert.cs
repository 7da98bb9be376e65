Subject: Приём заявок закрывается через <?cs var:Item.left ?>: <?cs var:Item.title ?>

Приём заявок на конкурс «<?cs var:Item.title ?>» закрывается <?cs var:msk(Item.closes_ts) ?> (МСК), через <?cs var:Item.left ?>.

Подано заявок: <?cs var:Item.submitted ?>
Черновиков, ещё не поданных: <?cs var:Item.drafts ?>

<?cs var:Site.URL ?>/competitions/<?cs var:Item.id ?>
