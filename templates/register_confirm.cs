<?cs include:"header.cs" ?>
<h1>Подтверждение адреса</h1>
<?cs if:Valid ?>
<p>Остался один шаг: подтвердите адрес электронной почты.</p>
<form method="post" action="/register/confirm"><?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>"><button type="submit">Подтвердить адрес</button></form>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована или устарела (ссылка действует 48 часов).</p>
<p>Если вы уже подтвердили адрес, просто <a href="/login">войдите</a>.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
