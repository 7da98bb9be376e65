Subject: Заявка <?cs var:Number ?> отклонена по итогам проверки

Здравствуйте, <?cs var:Name ?>!

Заявка организации «<?cs var:Org ?>» на конкурс «<?cs var:Competition ?>» не соответствует требованиям конкурса и отклонена.

Номер заявки: <?cs var:Number ?>
Проект: <?cs var:Title ?>
<?cs if:subcount(Items) > 0 ?>
Не выполнены требования:
<?cs each:i = Items ?>- <?cs var:i ?>
<?cs /each ?><?cs /if ?>
Комментарий сотрудника:
<?cs var:Comment ?>

Заявка: <?cs var:Link ?>
