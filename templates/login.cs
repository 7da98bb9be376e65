<?cs include:"header.cs" ?>
<h1>Вход</h1>
<?cs if:Query.reset == "1" ?><div class="notice" role="status"><p>Пароль изменён. Войдите с новым паролем.</p></div><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs /if ?>
<?cs if:Unconfirmed && Query.email ?>
<form method="post" action="/register/resend" class="form narrow">
  <?cs call:csrf_field() ?><input type="hidden" name="email" value="<?cs var:Query.email ?>">
  <p>Зарегистрировались, но письма для подтверждения нет или ссылка устарела? Пришлём новую на <strong><?cs var:Query.email ?></strong>.</p>
  <button type="submit" class="secondary">Отправить письмо ещё раз</button>
</form>
<?cs /if ?>
<form method="post" action="/login" class="form narrow">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="next" value="<?cs var:Next ?>">
  <div class="field">
    <label for="email">Электронная почта</label>
    <input id="email" name="email" type="email" maxlength="254" required autocomplete="username" value="<?cs var:Query.email ?>"<?cs call:error_attrs("email") ?>>
    <?cs call:field_error("email") ?>
  </div>
  <div class="field">
    <label for="password">Пароль</label>
    <input id="password" name="password" type="password" maxlength="1024" required autocomplete="current-password"<?cs call:error_attrs("password") ?>>
    <?cs call:field_error("password") ?>
  </div>
  <button type="submit">Войти</button>
</form>
<p><a href="/reset">Забыли пароль?</a> · <a href="/register">Регистрация</a></p>
<?cs include:"footer.cs" ?>
