<?cs include:"header.cs" ?>
<h1>Выход</h1>
<p>Вы вошли как <?cs var:User.Name ?> (<?cs var:User.Email ?>).</p>
<form method="post" action="/logout"><?cs call:csrf_field() ?><button type="submit">Выйти</button></form>
<?cs include:"footer.cs" ?>
