<?cs if:Error.Status == 404 ?><?cs set:Page.Title = "Страница не найдена" ?>
<?cs elif:Error.Status == 400 ?><?cs set:Page.Title = "Неверный запрос" ?>
<?cs elif:Error.Status == 403 ?><?cs set:Page.Title = "Доступ запрещён" ?>
<?cs elif:Error.Status == 413 ?><?cs set:Page.Title = "Слишком большой запрос" ?>
<?cs elif:Error.Status == 503 ?><?cs set:Page.Title = "Сервис временно недоступен" ?>
<?cs else ?><?cs set:Page.Title = "Ошибка на сервере" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<h1><?cs var:Page.Title ?></h1>
<?cs if:Error.Status == 404 ?>
<p>Такой страницы нет. Возможно, адрес набран с ошибкой или страница удалена.</p>
<?cs elif:Error.Status == 400 ?>
<p>Запрос не удалось разобрать. Вернитесь назад и попробуйте ещё раз.</p>
<?cs elif:Error.Status == 403 ?>
<p>У вас нет доступа к этой странице, или форма устарела. Обновите страницу и отправьте форму ещё раз.</p>
<?cs elif:Error.Status == 413 ?>
<p>Отправлено слишком много данных. Сократите текст или уменьшите размер файлов и попробуйте снова.</p>
<?cs elif:Error.Status == 503 ?>
<p>Сервис временно недоступен. Ваши данные не потеряны — попробуйте ещё раз через несколько секунд.</p>
<?cs else ?>
<p>Что-то пошло не так. Мы уже знаем об ошибке. Попробуйте ещё раз позже.</p>
<?cs /if ?>
<?cs if:Error.Id ?><p class="muted">Код ошибки: <code><?cs var:Error.Id ?></code> — назовите его, если будете обращаться в поддержку.</p><?cs /if ?>
<p><a href="/">На главную</a></p>
<?cs include:"footer.cs" ?>
