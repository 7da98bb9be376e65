<?cs include:"header.cs" ?>
<h1>Подтверждение нового адреса</h1>
<?cs if:Valid ?>
<p>Новый адрес: <strong><?cs var:Token.email ?></strong>.</p>
<form method="post" action="/account/email"><?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>"><button type="submit">Подтвердить новый адрес</button></form>
<?cs elif:Taken ?>
<p class="form-error" role="alert">Этот адрес уже занят другой учётной записью.</p>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована, устарела или выдана для другой учётной записи.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
