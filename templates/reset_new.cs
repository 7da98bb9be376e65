<?cs include:"header.cs" ?>
<h1>Новый пароль</h1>
<?cs if:Form.Error.form ?>
<p class="form-error" role="alert"><?cs var:Form.Error.form ?></p>
<?cs elif:Valid ?>
<form method="post" action="/reset/new" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>">
  <div class="field"><label for="password">Новый пароль <span aria-hidden="true">*</span></label>
    <input id="password" name="password" type="password" minlength="12" maxlength="200" required autocomplete="new-password" aria-describedby="password-hint"<?cs call:error_attrs("password") ?>><span class="hint" id="password-hint">Не короче 12 символов; лучше несколько слов, которые легко запомнить.</span><?cs call:field_error("password") ?></div>
  <div class="field"><label for="password2">Новый пароль ещё раз <span aria-hidden="true">*</span></label>
    <input id="password2" name="password2" type="password" maxlength="200" required autocomplete="new-password"<?cs call:error_attrs("password2") ?>><?cs call:field_error("password2") ?></div>
  <button type="submit">Сменить пароль</button>
</form>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована или устарела. <a href="/reset">Запросить новую</a>.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
