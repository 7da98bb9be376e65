<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/admin">Администрирование</a> · <a href="/admin/users">Пользователи</a></p>
<h1>Пригласить пользователя</h1>
<p>На адрес придёт письмо со ссылкой: по ней человек укажет своё имя и задаст пароль. Если у адреса уже есть учётная запись, роль будет добавлена к ней.</p>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p>
<?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/admin/users/invite" class="form narrow" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("email", "Эл. почта", "email", 254, 1, "") ?>
  <?cs call:text_field("name", "Фамилия, имя, отчество", "text", 200, 1, "Человек сможет исправить имя, когда задаст пароль.") ?>
  <fieldset class="rows"<?cs if:Form.Error.role ?> aria-describedby="err-role"<?cs /if ?>><legend>Роль <span aria-hidden="true">*</span></legend>
  <?cs each:o = Invitable ?><div class="field"><input type="radio" id="role-<?cs var:o.name ?>" name="role" value="<?cs var:o.name ?>"<?cs if:Query.role == o.name ?> checked<?cs /if ?>> <label for="role-<?cs var:o.name ?>"><?cs var:o.label ?></label></div>
  <?cs /each ?><?cs call:field_error("role") ?></fieldset>
  <button type="submit">Пригласить</button>
</form>
<?cs include:"footer.cs" ?>
