<?cs include:"header.cs" ?>
<h1>Приглашение в организацию</h1>
<?cs if:Valid ?>
<p>Вас пригласили представлять организацию «<?cs var:Org.short_name ?>».</p>
<form method="post" action="/org/join"><?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>"><button type="submit">Присоединиться</button></form>
<?cs elif:WrongUser ?>
<p class="form-error" role="alert">Приглашение отправлено на другой адрес. Войдите с той учётной записью, на адрес которой пришло письмо.</p>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована или устарела.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
