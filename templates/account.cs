<?cs include:"header.cs" ?>
<h1>Учётная запись</h1>
<p class="who">Вы вошли как <strong><?cs var:User.Name ?></strong> (<?cs var:User.Email ?>).</p>
<?cs if:Done == "password" ?><div class="notice" role="status"><p>Пароль изменён. На других устройствах выполнен выход.</p></div>
<?cs elif:Done == "email_sent" ?><div class="notice" role="status"><p>Мы отправили ссылку на новый адрес. Адрес изменится, когда вы перейдёте по ней.</p></div>
<?cs elif:Done == "email" ?><div class="notice" role="status"><p>Адрес электронной почты изменён.</p></div>
<?cs elif:Done == "sessions" ?><div class="notice" role="status"><p>Выполнен выход на всех других устройствах.</p></div><?cs /if ?>

<h2>Смена пароля</h2>
<form method="post" action="/account" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="password">
  <div class="field"><label for="current_password">Текущий пароль</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password"<?cs call:error_attrs("current_password") ?>><?cs call:field_error("current_password") ?></div>
  <div class="field"><label for="new_password">Новый пароль</label>
    <input id="new_password" name="new_password" type="password" minlength="12" autocomplete="new-password"<?cs call:error_attrs("new_password") ?>><?cs call:field_error("new_password") ?></div>
  <div class="field"><label for="new_password2">Новый пароль ещё раз</label>
    <input id="new_password2" name="new_password2" type="password" autocomplete="new-password"<?cs call:error_attrs("new_password2") ?>><?cs call:field_error("new_password2") ?></div>
  <button type="submit">Сменить пароль</button>
</form>

<h2>Смена адреса электронной почты</h2>
<form method="post" action="/account" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="email">
  <?cs call:text_field("new_email", "Новый адрес", "email", 254, 1, "") ?>
  <div class="field"><label for="email_password">Текущий пароль</label>
    <input id="email_password" name="email_password" type="password" autocomplete="current-password"<?cs call:error_attrs("email_password") ?>><?cs call:field_error("email_password") ?></div>
  <button type="submit">Прислать ссылку на новый адрес</button>
</form>

<h2>Активные сеансы</h2>
<table><thead><tr><th scope="col">Вход</th><th scope="col">Действует до</th><th scope="col">IP-адрес</th><th scope="col"></th></tr></thead><tbody>
<?cs each:s = Sessions ?><tr><td><?cs var:msk(s.created_ts) ?></td><td><?cs var:msk(s.expires_ts) ?></td><td><?cs var:s.ip ?></td><td><?cs if:s.current == 1 ?>этот сеанс<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/account"><?cs call:csrf_field() ?><input type="hidden" name="action" value="logout_others"><button type="submit" class="secondary">Выйти на всех других устройствах</button></form>
<?cs include:"footer.cs" ?>
