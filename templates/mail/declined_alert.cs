Subject: Отказ эксперта от заявки <?cs var:Item.number ?>: конфликт интересов

Эксперт <?cs var:Expert.name ?> заявляет о конфликте интересов и отказывается от заявки <?cs var:Item.number ?>. Назначьте другого эксперта.

Конкурс: <?cs var:Item.competition ?>
Проект: <?cs var:Item.title ?>
Причина, названная экспертом:
<?cs var:Item.reason ?>

<?cs var:Site.URL ?>/staff/competitions/<?cs var:Item.competition_id ?>/review
