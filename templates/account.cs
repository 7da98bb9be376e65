<?cs include:"header.cs" ?>
<h1>Учётная запись</h1>
<p class="who">Вы вошли как <strong><?cs var:User.Name ?></strong> (<?cs var:User.Email ?>).</p>
<?cs if:Done == "password" ?><div class="notice" role="status"><p>Пароль изменён. На других устройствах выполнен выход.</p></div>
<?cs elif:Done == "email_sent" ?><div class="notice" role="status"><p>Мы отправили ссылку на новый адрес. Адрес изменится, когда вы перейдёте по ней.</p></div>
<?cs elif:Done == "email" ?><div class="notice" role="status"><p>Адрес электронной почты изменён. На прежний адрес отправлено уведомление, на других устройствах выполнен выход.</p></div>
<?cs elif:Done == "sessions" ?><div class="notice" role="status"><p>Выполнен выход на всех других устройствах.</p></div>
<?cs elif:Done == "alerts" ?><div class="notice" role="status"><p>Настройки оповещений сохранены.</p></div><?cs /if ?>

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

<?cs if:subcount(Alerts) > 0 ?>
<h2 id="alerts">Оповещения по электронной почте</h2>
<p>Для каждого события выберите, как о нём сообщать: письмом сразу, одной строкой в ежедневной сводке (одно письмо в день) или не сообщать.</p>
<?cs if:Form.Error.alerts ?><p class="form-error" role="alert"><?cs var:Form.Error.alerts ?></p><?cs /if ?>
<form method="post" action="/account/alerts" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <?cs each:k = Alerts ?><?cs set:f = "alert_" + k.name ?>
  <fieldset class="rows"<?cs if:Form.Error[f] ?> aria-describedby="err-<?cs var:f ?>"<?cs /if ?>>
    <legend><?cs var:k.title ?></legend>
    <input type="radio" id="<?cs var:f ?>-now" name="<?cs var:f ?>" value="now"<?cs if:Query[f] == "now" ?> checked<?cs /if ?>> <label class="inline-label" for="<?cs var:f ?>-now">сразу</label>
    <input type="radio" id="<?cs var:f ?>-daily" name="<?cs var:f ?>" value="daily"<?cs if:Query[f] == "daily" ?> checked<?cs /if ?>> <label class="inline-label" for="<?cs var:f ?>-daily">в ежедневной сводке</label>
    <input type="radio" id="<?cs var:f ?>-off" name="<?cs var:f ?>" value="off"<?cs if:Query[f] == "off" ?> checked<?cs /if ?>> <label class="inline-label" for="<?cs var:f ?>-off">не получать</label>
    <?cs call:field_error(f) ?>
  </fieldset>
  <?cs /each ?>
  <button type="submit">Сохранить настройки оповещений</button>
</form>
<?cs /if ?>

<h2>Активные сеансы</h2>
<table><thead><tr><th scope="col">Вход</th><th scope="col">Действует до</th><th scope="col">IP-адрес</th><th scope="col"></th></tr></thead><tbody>
<?cs each:s = Sessions ?><tr><td><?cs var:msk(s.created_ts) ?></td><td><?cs var:msk(s.expires_ts) ?></td><td><?cs var:s.ip ?></td><td><?cs if:s.current == 1 ?>этот сеанс<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/account"><?cs call:csrf_field() ?><input type="hidden" name="action" value="logout_others"><button type="submit" class="secondary">Выйти на всех других устройствах</button></form>
<?cs include:"footer.cs" ?>
