Subject: Оценки экспертов расходятся: заявка <?cs var:Item.number ?>

Оценки экспертов по заявке <?cs var:Item.number ?> расходятся больше порога конкурса (<?cs var:Item.divergence ?> баллов из 100).
<?cs if:Item.made ?>Назначен ещё один эксперт; когда он оценит заявку, она будет считаться оценённой.<?cs else ?>Свободного эксперта без конфликта интересов в пуле конкурса нет: добавьте эксперта в пул и назначьте его вручную.<?cs /if ?>

Конкурс: <?cs var:Item.competition ?>
Проект: <?cs var:Item.title ?>

<?cs var:Site.URL ?>/staff/competitions/<?cs var:Item.competition_id ?>/review
