<?cs include:"header.cs" ?>
<h1>Профиль организации</h1>
<p class="help-link"><a href="/help/apply#profile">Справка: как заполнить профиль организации</a></p>
<?cs if:Welcome ?><div class="notice" role="status"><p><strong>Адрес подтверждён, добро пожаловать!</strong> Заполните профиль организации — он понадобится для подачи заявки.</p></div><?cs /if ?>
<?cs if:Saved ?><div class="notice" role="status"><p>Профиль сохранён. <a href="/">Выбрать конкурс и подать заявку</a></p></div><?cs /if ?>
<?cs if:Joined ?><div class="notice" role="status"><p>Вы присоединились к организации.</p></div><?cs /if ?>
<?cs if:Outcome == "partly" ?><p class="form-error" role="alert">Сохранено всё, кроме полей, отмеченных ниже: в них осталось то, что вы ввели, — исправьте и сохраните ещё раз.</p>
<?cs elif:Outcome == "none" ?><p class="form-error" role="alert">Профиль не сохранён: исправьте поля, отмеченные ниже, и сохраните ещё раз. Введённое осталось в форме.</p><?cs /if ?>
<form method="post" action="/org" class="form" enctype="multipart/form-data" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("full_name", "Полное наименование", "text", 500, 1, "Как в уставе, например: Автономная некоммерческая организация «Добрые руки»") ?>
  <?cs call:text_field("short_name", "Сокращённое наименование", "text", 200, 1, "") ?>
  <?cs call:text_field("legal_form", "Организационно-правовая форма", "text", 200, 1, "") ?>
  <?cs call:text_field("inn", "ИНН", "text", 10, 1, "10 цифр") ?>
  <?cs call:text_field("ogrn", "ОГРН", "text", 13, 1, "13 цифр") ?>
  <?cs call:text_field("registered_on", "Дата государственной регистрации (из записи ОГРН)", "date", 10, 0, "Как в выписке из ЕГРЮЛ. По ней проверяется, сколько организация существует.") ?>
  <?cs call:text_field("kpp", "КПП", "text", 9, 1, "9 знаков") ?>
  <?cs call:text_field("address", "Юридический адрес", "text", 500, 1, "") ?>
  <?cs call:select_field("municipality", "Муниципальное образование", Municipalities, 1, "Выберите") ?>
  <?cs call:text_field("head_name", "Руководитель: фамилия, имя, отчество", "text", 200, 1, "") ?>
  <?cs call:text_field("head_position", "Должность руководителя", "text", 200, 1, "") ?>
  <?cs call:text_field("phone", "Телефон организации", "tel", 40, 1, "") ?>
  <?cs call:text_field("email", "Электронная почта организации", "email", 254, 1, "") ?>
  <?cs call:text_field("website", "Сайт", "url", 300, 0, "Например: ngo-kuban.ru") ?>
  <div class="field">
    <label for="description">Кратко о деятельности</label>
    <textarea id="description" name="description" rows="5" maxlength="2000"<?cs call:error_attrs("description") ?>><?cs var:Query.description ?></textarea>
    <?cs call:field_error("description") ?>
  </div>
  <div class="field">
    <label for="logo">Логотип</label>
    <?cs if:Stored.has_logo == 1 ?><p><img src="/org/logo/<?cs var:OrgId ?>" alt="Текущий логотип" class="logo"></p>
    <p><input id="remove_logo" name="remove_logo" type="checkbox" value="1"> <label for="remove_logo" class="inline-label">Удалить логотип</label></p><?cs /if ?>
    <input id="logo" name="logo" type="file" accept="image/png,image/jpeg" aria-describedby="hint-logo"<?cs call:error_attrs("logo") ?>>
    <p class="hint" id="hint-logo">PNG или JPEG, до <?cs var:bytes(Limit.Logo) ?>. Показывается на страницах проектов организации.</p>
    <?cs call:field_error("logo") ?>
  </div>
  <button type="submit">Сохранить профиль</button>
</form>

<?cs if:OrgId ?>
<h2>Представители организации</h2>
<ul><?cs each:m = Members ?><li><?cs var:m.name ?> (<?cs var:m.email ?>)</li><?cs /each ?></ul>
<?cs if:Invited ?><div class="notice" role="status"><p>Приглашение отправлено на адрес <?cs var:Invited ?>.</p></div><?cs /if ?>
<form method="post" action="/org" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="invite">
  <?cs call:text_field("invite_email", "Пригласить коллегу: электронная почта", "email", 254, 1, "Коллега получит ссылку и после входа присоединится к организации.") ?>
  <button type="submit">Пригласить</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
