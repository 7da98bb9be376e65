<?cs include:"header.cs" ?>
<?cs include:"centre_data.cs" ?>
<p class="crumbs"><a href="/centres">Ресурсные центры НКО</a> › <a href="/centres?municipality=<?cs var:Centre.muni ?>"><?cs var:Centre.municipality ?></a></p>
<h1><?cs var:Centre.name ?></h1>
<?cs call:centre_data(Centre) ?>
<?cs if:Sent.Shown ?>
<div class="notice" role="status" id="sent">
  <?cs if:Sent.Number ?>
  <p><strong>Запрос на консультацию отправлен. Его номер — <span class="request-number"><?cs var:Sent.Number ?></span>.</strong></p>
  <p>Ваш вопрос передан: «<?cs var:Centre.name ?>». Вам ответят по указанным контактам. Если будете обращаться в центр по этому вопросу, назовите номер.<?cs if:Sent.Copy ?> Копия с номером запроса придёт на указанный адрес электронной почты.<?cs /if ?></p>
  <?cs else ?>
  <p><strong>Запрос на консультацию отправлен.</strong></p>
  <?cs /if ?>
  <p><a href="/centres/<?cs var:Centre.id ?>">Задать ещё один вопрос</a> · <a href="/centres">Все ресурсные центры</a></p>
</div>
<?cs elif:!Centre.email ?>
<p>Этот центр пока не принимает запросы через сайт: позвоните по телефону<?cs if:!Centre.phone ?> или приходите по адресу<?cs /if ?>, указанному выше.</p>
<?cs else ?>
<section aria-labelledby="request-h" id="request">
<h2 id="request-h">Записаться на консультацию</h2>
<p>Консультация бесплатная. Опишите вопрос — специалист центра свяжется с вами по электронной почте или телефону. Обязательные поля помечены <span aria-hidden="true">*</span><span class="sr">звёздочкой</span>.</p>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/centres/<?cs var:Centre.id ?>#request" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="name">Ваше имя <span aria-hidden="true">*</span></label>
    <input id="name" name="name" maxlength="100" required autocomplete="name" value="<?cs var:Query.name ?>"<?cs call:error_attrs("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="organization">Организация</label>
    <input id="organization" name="organization" maxlength="300" autocomplete="organization" value="<?cs var:Query.organization ?>"<?cs call:error_attrs("organization") ?>>
    <p class="hint">Если вы представляете НКО или инициативную группу.</p>
    <?cs call:field_error("organization") ?>
  </div>
  <fieldset>
    <legend>Как с вами связаться <span aria-hidden="true">*</span><span class="sr">(адрес электронной почты или телефон, хотя бы одно)</span></legend>
    <p class="hint" id="hint-contact">Укажите адрес электронной почты, телефон или оба. Они не публикуются: их получит только центр.</p>
    <div class="field">
      <label for="email">Электронная почта</label>
      <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="<?cs var:Query.email ?>"<?cs call:error_attrs("email") ?>>
      <?cs call:field_error("email") ?>
    </div>
    <div class="field">
      <label for="phone">Телефон</label>
      <input id="phone" name="phone" type="tel" maxlength="40" autocomplete="tel" value="<?cs var:Query.phone ?>"<?cs call:error_attrs("phone") ?>>
      <?cs call:field_error("phone") ?>
    </div>
  </fieldset>
  <div class="field">
    <label for="question">Ваш вопрос <span aria-hidden="true">*</span></label>
    <textarea id="question" name="question" rows="7" maxlength="3000" required<?cs call:error_attrs("question") ?>><?cs var:Query.question ?></textarea>
    <p class="hint">До 3&nbsp;000 символов.</p>
    <?cs call:field_error("question") ?>
  </div>
  <div class="field hp" aria-hidden="true">
    <label for="website">Не заполняйте это поле</label>
    <input id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <div class="field">
    <input id="consent" name="consent" type="checkbox" value="1" required<?cs if:Query.consent == "1" ?> checked<?cs /if ?><?cs call:error_attrs("consent") ?>>
    <label for="consent">Я согласен(на) на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» для ответа на запрос <span aria-hidden="true">*</span></label>
    <?cs call:field_error("consent") ?>
  </div>
  <div class="field">
    <input type="hidden" name="captcha_token" value="<?cs var:Captcha.Token ?>">
    <label for="captcha">Решите пример: <?cs var:Captcha.A ?> + <?cs var:Captcha.B ?> = <span aria-hidden="true">*</span></label>
    <input id="captcha" name="captcha" inputmode="numeric" maxlength="3" size="3" required autocomplete="off"<?cs call:error_attrs("captcha") ?>>
    <?cs call:field_error("captcha") ?>
  </div>
  <button type="submit">Отправить запрос</button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
