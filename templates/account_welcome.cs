<?cs include:"header.cs" ?>
<h1>Добро пожаловать</h1>
<?cs if:Valid ?>
<?cs if:Invited.email ?><p>Учётная запись: <strong><?cs var:Invited.email ?></strong>. Укажите, как к вам обращаться, и задайте пароль — после этого вы сразу войдёте на платформу.</p><?cs /if ?>
<form method="post" action="/account/welcome" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="token" value="<?cs var:Token ?>">
  <?cs call:text_field("name", "Фамилия, имя, отчество", "text", 200, 1, "") ?>
  <div class="field"><label for="password">Пароль <span aria-hidden="true">*</span></label>
    <input id="password" name="password" type="password" minlength="12" maxlength="200" required autocomplete="new-password" aria-describedby="hint-password<?cs if:Form.Error.password ?> err-password<?cs /if ?>"<?cs if:Form.Error.password ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="hint-password">Не короче 12 символов.</p><?cs call:field_error("password") ?></div>
  <div class="field"><label for="password2">Пароль ещё раз <span aria-hidden="true">*</span></label>
    <input id="password2" name="password2" type="password" maxlength="200" required autocomplete="new-password"<?cs call:error_attrs("password2") ?>><?cs call:field_error("password2") ?></div>
  <button type="submit">Сохранить и войти</button>
</form>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: она уже использована или устарела.</p>
<p>Если вы уже задали пароль, просто <a href="/login">войдите</a>. Если ссылка устарела, попросите администратора прислать приглашение ещё раз или <a href="/reset">восстановите пароль</a> по адресу, на который пришло приглашение.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
