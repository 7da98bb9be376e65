Subject: Запрос на консультацию <?cs var:Request.Number ?>

Здравствуйте!

Через сайт «<?cs var:Site.Name ?>» в ресурсный центр «<?cs var:Centre.Name ?>» поступил запрос на консультацию.

Номер запроса: <?cs var:Request.Number ?>
Имя: <?cs var:Request.Name ?>
Организация: <?cs if:Request.Organization ?><?cs var:Request.Organization ?><?cs else ?>не указана<?cs /if ?>
Электронная почта: <?cs if:Request.Email ?><?cs var:Request.Email ?><?cs else ?>не указана<?cs /if ?>
Телефон: <?cs if:Request.Phone ?><?cs var:Request.Phone ?><?cs else ?>не указан<?cs /if ?>

Вопрос:
<?cs var:Request.Question ?>

Ответьте заявителю по указанным контактам и назовите номер запроса. Заявитель дал согласие на обработку персональных данных для ответа на запрос; не передавайте их третьим лицам.
---
Письмо отправлено автоматически со страницы центра <?cs var:Site.URL ?>/centres/<?cs var:Centre.Id ?>
