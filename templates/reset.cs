<?cs include:"header.cs" ?>
<h1>Восстановление пароля</h1>
<?cs if:Sent ?>
<div class="notice" role="status"><p>Если адрес зарегистрирован, мы отправили на него ссылку для смены пароля. Она действует 2 часа.</p></div>
<?cs else ?>
<p>Укажите адрес, с которым вы регистрировались, — пришлём ссылку для смены пароля.</p>
<form method="post" action="/reset" class="form narrow" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("email", "Электронная почта", "email", 254, 1, "") ?>
  <button type="submit">Прислать ссылку</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
