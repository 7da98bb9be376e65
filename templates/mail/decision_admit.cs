Subject: Заявка <?cs var:Number ?> допущена к экспертизе

Здравствуйте, <?cs var:Name ?>!

Заявка организации «<?cs var:Org ?>» на конкурс «<?cs var:Competition ?>» прошла проверку на соответствие требованиям и допущена к экспертизе.

Номер заявки: <?cs var:Number ?>
Проект: <?cs var:Title ?>
<?cs if:Comment ?>
Комментарий сотрудника:
<?cs var:Comment ?>
<?cs /if ?>
Заявка: <?cs var:Link ?>
