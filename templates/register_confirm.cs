<?cs include:"header.cs" ?>
<h1>Подтверждение адреса</h1>
<?cs if:Valid ?>
<p>Остался один шаг: введите пароль, который вы задали при регистрации, — адрес будет подтверждён и вход открыт.</p>
<form method="post" action="/register/confirm" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>">
  <div class="field"><label for="password">Пароль</label>
    <input id="password" name="password" type="password" maxlength="1024" required autocomplete="current-password"<?cs call:error_attrs("password") ?>><?cs call:field_error("password") ?></div>
  <button type="submit">Подтвердить адрес</button>
</form>
<p>Не помните пароль? <a href="/reset">Задайте новый</a> — это тоже подтвердит адрес. Не регистрировались? Ничего не делайте: без пароля учётная запись не откроется.</p>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована или устарела (ссылка действует 2 дня).</p>
<p>Если вы уже подтвердили адрес, просто <a href="/login">войдите</a>. Если нет — <a href="/register/resend">пришлём новую ссылку</a>.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
