<?cs include:"header.cs" ?>
<h1>Письмо для подтверждения</h1>
<?cs if:Sent ?>
<div class="notice" role="status"><p>Если адрес зарегистрирован и ещё не подтверждён, мы отправили на него новую ссылку. Она действует 2 дня. Если письма нет, проверьте папку «Спам». Если адрес уже подтверждён, просто <a href="/login">войдите</a>.</p></div>
<?cs else ?>
<p>Укажите адрес, с которым вы регистрировались, — пришлём новую ссылку для подтверждения.</p>
<form method="post" action="/register/resend" class="form narrow" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("email", "Электронная почта", "email", 254, 1, "") ?>
  <button type="submit">Отправить письмо ещё раз</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
