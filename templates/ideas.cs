<?cs include:"header.cs" ?>
<h1>Идеи и предложения</h1>
<?cs if:Sent ?>
<div class="notice" role="status">
  <p><strong>Спасибо! Ваше предложение отправлено.</strong> Сотрудники департамента получили его и рассмотрят. Копия предложения с его номером придёт на указанный адрес электронной почты.</p>
  <p><a href="/ideas">Отправить ещё одно</a> · <a href="/">На главную</a></p>
</div>
<?cs else ?>
<p>Предложите идею по развитию некоммерческого сектора Кубани или по работе конкурса. Обязательные поля помечены <span aria-hidden="true">*</span><span class="sr">звёздочкой</span>.</p>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/ideas" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="name">Ваше имя <span aria-hidden="true">*</span></label>
    <input id="name" name="name" maxlength="100" required autocomplete="name" value="<?cs var:Query.name ?>"<?cs call:error_attrs("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="email">Электронная почта <span aria-hidden="true">*</span></label>
    <input id="email" name="email" type="email" maxlength="254" required autocomplete="email" value="<?cs var:Query.email ?>"<?cs call:error_attrs("email") ?>>
    <p class="hint">Не публикуется. Нужна, чтобы ответить вам.</p>
    <?cs call:field_error("email") ?>
  </div>
  <?cs call:select_field("municipality", "Муниципальное образование", Municipalities, 0, "Не указано") ?>
  <div class="field">
    <label for="body">Идея или предложение <span aria-hidden="true">*</span></label>
    <textarea id="body" name="body" rows="8" maxlength="5000" required<?cs call:error_attrs("body") ?>><?cs var:Query.body ?></textarea>
    <p class="hint">До 5&nbsp;000 символов.</p>
    <?cs call:field_error("body") ?>
  </div>
  <div class="field hp" aria-hidden="true">
    <label for="website">Не заполняйте это поле</label>
    <input id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <div class="field">
    <input id="consent" name="consent" type="checkbox" value="1" required<?cs if:Query.consent == "1" ?> checked<?cs /if ?><?cs call:error_attrs("consent") ?>>
    <label for="consent">Я согласен(на) на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» для рассмотрения обращения <span aria-hidden="true">*</span></label>
    <?cs call:field_error("consent") ?>
  </div>
  <div class="field">
    <input type="hidden" name="captcha_token" value="<?cs var:Captcha.Token ?>">
    <label for="captcha">Решите пример: <?cs var:Captcha.A ?> + <?cs var:Captcha.B ?> = <span aria-hidden="true">*</span></label>
    <input id="captcha" name="captcha" inputmode="numeric" maxlength="3" size="3" required autocomplete="off"<?cs call:error_attrs("captcha") ?>>
    <?cs call:field_error("captcha") ?>
  </div>
  <button type="submit">Отправить</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
