<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/admin">Администрирование</a> · <a href="/admin/users">Пользователи</a></p>
<h1><?cs var:Account.name ?></h1>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p>
<?cs elif:Done == "roles" ?><div class="notice" role="status"><p>Роли изменены.</p></div>
<?cs elif:Done == "same" ?><div class="notice" role="status"><p>Роли не изменились.</p></div>
<?cs elif:Done == "blocked" ?><div class="notice" role="status"><p>Пользователь заблокирован, все его сеансы завершены.</p></div>
<?cs elif:Done == "unblocked" ?><div class="notice" role="status"><p>Пользователь разблокирован.</p></div>
<?cs elif:Done == "resent" ?><div class="notice" role="status"><p>Письмо отправлено ещё раз.</p></div>
<?cs elif:Done == "invited" ?><div class="notice" role="status"><p>Приглашение отправлено. Пользователь войдёт, когда задаст пароль по ссылке из письма.</p></div>
<?cs elif:Done == "role_added" ?><div class="notice" role="status"><p>У этого адреса уже была учётная запись: роль добавлена к ней, пользователю отправлено письмо.</p></div><?cs /if ?>
<dl class="card-data">
  <dt>Эл. почта</dt><dd><?cs var:Account.email ?></dd>
  <dt>Телефон</dt><dd><?cs if:Account.phone ?><?cs var:Account.phone ?><?cs else ?>не указан<?cs /if ?></dd>
  <dt>Зарегистрирован</dt><dd><?cs var:msk(Account.ts) ?> (МСК)</dd>
  <dt>Роли</dt><dd><?cs if:Account.role_labels ?><?cs var:Account.role_labels ?><?cs else ?>нет<?cs /if ?></dd>
  <dt>Состояние</dt><dd><?cs if:Account.disabled == 1 ?><strong>заблокирован</strong><?cs elif:Account.invited == 1 ?>приглашён, пароль ещё не задан<?cs elif:Account.confirmed == 0 ?>адрес не подтверждён<?cs else ?>активен<?cs /if ?></dd>
  <dt>Активных сеансов</dt><dd><?cs var:Sessions.n ?></dd>
</dl>

<h2>Роли</h2>
<form method="post" action="/admin/users/<?cs var:Account.id ?>" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="roles"><input type="hidden" name="had" value="<?cs var:Account.roles ?>">
  <fieldset class="rows"><legend>Что может этот пользователь</legend>
  <?cs each:o = Roles ?><div class="field"><input type="checkbox" id="role_<?cs var:o.name ?>" name="role_<?cs var:o.name ?>" value="1"<?cs if:o.has ?> checked<?cs /if ?>> <label for="role_<?cs var:o.name ?>"><?cs var:o.label ?></label></div>
  <?cs /each ?></fieldset>
  <button type="submit">Сохранить роли</button>
</form>

<?cs if:Account.confirmed == 0 && Account.disabled == 0 ?>
<h2><?cs if:Account.invited == 1 ?>Приглашение<?cs else ?>Подтверждение адреса<?cs /if ?></h2>
<p><?cs if:Account.invited == 1 ?>Пользователь ещё не задал пароль по ссылке из приглашения.<?cs else ?>Пользователь ещё не подтвердил адрес электронной почты.<?cs /if ?></p>
<form method="post" action="/admin/users/<?cs var:Account.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="resend"><button type="submit" class="secondary"><?cs if:Account.invited == 1 ?>Отправить приглашение ещё раз<?cs else ?>Отправить письмо для подтверждения ещё раз<?cs /if ?></button></form>
<?cs /if ?>

<h2>Блокировка</h2>
<?cs if:Account.disabled == 1 ?>
<p>Пользователь заблокирован: он не может войти.</p>
<form method="post" action="/admin/users/<?cs var:Account.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="unblock"><button type="submit">Разблокировать</button></form>
<?cs elif:Self ?>
<p>Это ваша учётная запись: заблокировать её нельзя.</p>
<?cs else ?>
<form method="post" action="/admin/users/<?cs var:Account.id ?>" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="block">
  <?cs call:text_field("reason", "Причина (для журнала)", "text", 500, 0, "Заблокированный пользователь не сможет войти; все его сеансы завершатся сразу.") ?>
  <button type="submit" class="secondary">Заблокировать</button>
</form>
<?cs /if ?>

<h2>История</h2>
<?cs if:subcount(History) == 0 ?><p>Изменений пока не было.</p><?cs else ?>
<table><thead><tr><th scope="col">Когда (МСК)</th><th scope="col">Кто</th><th scope="col">Что</th></tr></thead><tbody>
<?cs each:h = History ?><tr><td><?cs var:msk(h.ts) ?></td><td><?cs if:h.who ?><?cs var:h.who ?><?cs else ?>—<?cs /if ?></td><td><?cs
  if:h.action == "role_grant" ?>назначена роль «<?cs var:h.to_label ?>»<?cs
  elif:h.action == "role_revoke" ?>снята роль «<?cs var:h.to_label ?>»<?cs
  elif:h.action == "invite" ?>приглашён с ролью «<?cs var:h.to_label ?>»<?cs
  elif:h.action == "invite_resend" ?>приглашение отправлено ещё раз<?cs
  elif:h.action == "confirm_resend" ?>письмо для подтверждения отправлено ещё раз<?cs
  elif:h.action == "welcome" ?>задал пароль по приглашению<?cs
  elif:h.action == "block" ?>заблокирован<?cs
  elif:h.action == "unblock" ?>разблокирован<?cs
  elif:h.action == "settings" ?>настройки оповещений: <?cs var:h.reason ?> <?cs var:h.from_state ?> → <?cs var:h.to_state ?><?cs
  else ?><?cs var:h.action ?><?cs /if ?><?cs if:h.reason && h.action != "settings" ?> (<?cs var:h.reason ?>)<?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
