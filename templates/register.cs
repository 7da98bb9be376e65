<?cs include:"header.cs" ?>
<h1>Регистрация</h1>
<p class="help-link"><a href="/help/apply#register">Справка: как зарегистрироваться</a></p>
<?cs if:Sent ?>
<div class="notice" role="status">
  <p><strong>Почти готово.</strong> Мы отправили письмо на указанный адрес. Перейдите по ссылке из него в течение 2 дней и введите пароль — после этого вход будет открыт.</p>
  <p>Письма нет? Проверьте папку «Спам» или <a href="/register/resend">отправьте его ещё раз</a>.</p>
</div>
<?cs else ?>
<p>Регистрация для представителей некоммерческих организаций. Уже есть учётная запись? <a href="/login">Войдите</a>.</p>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/register" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("email", "Электронная почта", "email", 254, 1, "На этот адрес придёт ссылка для подтверждения.") ?>
  <div class="field">
    <label for="password">Пароль <span aria-hidden="true">*</span></label>
    <input id="password" name="password" type="password" minlength="12" maxlength="200" required autocomplete="new-password" aria-describedby="password-hint"<?cs call:error_attrs("password") ?>>
    <p class="hint" id="password-hint">Не короче 12 символов. Удобно взять несколько слов подряд.</p>
    <?cs call:field_error("password") ?>
  </div>
  <div class="field">
    <label for="password2">Пароль ещё раз <span aria-hidden="true">*</span></label>
    <input id="password2" name="password2" type="password" maxlength="200" required autocomplete="new-password"<?cs call:error_attrs("password2") ?>>
    <?cs call:field_error("password2") ?>
  </div>
  <?cs call:text_field("name", "Фамилия, имя, отчество", "text", 200, 1, "") ?>
  <?cs call:text_field("phone", "Телефон", "tel", 40, 0, "") ?>
  <div class="field">
    <input id="consent" name="consent" type="checkbox" value="1" required<?cs if:Query.consent == "1" ?> checked<?cs /if ?><?cs call:error_attrs("consent") ?>>
    <label for="consent">Я даю согласие на обработку моих персональных данных <span aria-hidden="true">*</span></label>
    <details class="hint"><summary>Текст согласия</summary>
      <p>В соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» я даю согласие организатору конкурса на обработку моих персональных данных (фамилия, имя, отчество, адрес электронной почты, номер телефона) в целях регистрации на платформе, подачи и рассмотрения заявок на участие в конкурсе и направления уведомлений. Согласие действует до его отзыва, который я могу направить организатору в письменной форме.</p>
    </details>
    <?cs call:field_error("consent") ?>
  </div>
  <button type="submit">Зарегистрироваться</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
