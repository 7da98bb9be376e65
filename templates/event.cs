<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/events">Мероприятия</a></nav>
<article class="event">
  <h1><?cs var:Event.title ?></h1>
  <dl class="card-data event-facts">
    <dt>Вид</dt><dd><?cs var:Event.kind_title ?></dd>
    <dt>Когда</dt><dd><?cs if:mskdate(Event.starts_ts) == mskdate(Event.ends_ts) ?><time><?cs var:mskdate(Event.starts_ts) ?>, <?cs var:string.slice(msk(Event.starts_ts), 11, 16) ?></time>–<time><?cs var:string.slice(msk(Event.ends_ts), 11, 16) ?></time><?cs else ?><time><?cs var:msk(Event.starts_ts) ?></time> — <time><?cs var:msk(Event.ends_ts) ?></time><?cs /if ?> (МСК)</dd>
    <dt>Где</dt><dd><?cs if:Event.place ?><?cs var:Event.place ?><?cs else ?>Онлайн. Ссылку на трансляцию мы пришлём в письме после регистрации.<?cs /if ?></dd>
    <?cs if:Event.upcoming == 1 ?><dt>Места</dt><dd><?cs if:Event.seats == 0 ?>Без ограничения<?cs elif:Event.seats_left == 0 ?>Мест больше нет<?cs else ?>Осталось <?cs var:Event.seats_left ?> из <?cs var:Event.seats ?><?cs /if ?></dd><?cs /if ?>
    <?cs if:Event.contact ?><dt>Организатор</dt><dd><?cs var:Event.contact ?></dd><?cs /if ?>
  </dl>
  <p><a href="/events/<?cs var:Event.id ?>.ics" download>Добавить в календарь (файл .ics)</a></p>
  <div class="text markdown"><?cs uvar:Event.description_html ?></div>
  <?cs if:Event.past == 1 && Event.followup_html ?>
  <section id="followup" aria-labelledby="followup-h">
    <h2 id="followup-h">Итоги и материалы</h2>
    <div class="text markdown"><?cs uvar:Event.followup_html ?></div>
  </section>
  <?cs /if ?>
</article>
<?cs if:Event.upcoming == 1 ?>
<section id="register" aria-labelledby="register-h">
  <h2 id="register-h">Регистрация</h2>
  <?cs if:Registered ?>
  <div class="notice" role="status"><p><strong>Вы зарегистрированы.</strong> Письмо с подтверждением и файлом для календаря отправлено на указанный адрес электронной почты. В письме есть ссылка, по которой можно отменить регистрацию. Накануне мы напомним о мероприятии.</p></div>
  <?cs elif:Event.registration_open == 0 ?>
  <p<?cs if:Form.Error.form ?> class="form-error" role="alert"<?cs /if ?>>Регистрация на это мероприятие закрыта.</p>
  <?cs elif:Event.seats > 0 && Event.seats_left == 0 ?>
  <p class="form-error" role="<?cs if:Form.Error.form ?>alert<?cs else ?>status<?cs /if ?>"><strong>Мест больше нет.</strong> Все места на мероприятие заняты.</p>
  <?cs else ?>
  <?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже.</p><?cs /if ?>
  <p>Обязательные поля помечены <span aria-hidden="true">*</span><span class="sr">звёздочкой</span>.</p>
  <form method="post" action="/events/<?cs var:Event.id ?>" class="form" novalidate>
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="name">Ваше имя <span aria-hidden="true">*</span></label>
      <input id="name" name="name" maxlength="100" required autocomplete="name" value="<?cs var:Query.name ?>"<?cs call:error_attrs("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="field">
      <label for="organization">Организация</label>
      <input id="organization" name="organization" maxlength="300" autocomplete="organization" value="<?cs var:Query.organization ?>"<?cs call:error_attrs("organization") ?>>
      <?cs call:field_error("organization") ?>
    </div>
    <div class="field">
      <label for="email">Электронная почта <span aria-hidden="true">*</span></label>
      <input id="email" name="email" type="email" maxlength="254" required autocomplete="email" value="<?cs var:Query.email ?>"<?cs call:error_attrs("email") ?>>
      <p class="hint">Не публикуется. На неё придут подтверждение и напоминание.</p>
      <?cs call:field_error("email") ?>
    </div>
    <div class="field hp" aria-hidden="true">
      <label for="website">Не заполняйте это поле</label>
      <input id="website" name="website" tabindex="-1" autocomplete="off">
    </div>
    <div class="field">
      <input id="consent" name="consent" type="checkbox" value="1" required<?cs if:Query.consent == "1" ?> checked<?cs /if ?><?cs call:error_attrs("consent") ?>>
      <label for="consent">Я согласен(на) на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» для регистрации на мероприятие <span aria-hidden="true">*</span></label>
      <?cs call:field_error("consent") ?>
    </div>
    <div class="field">
      <input type="hidden" name="captcha_token" value="<?cs var:Captcha.Token ?>">
      <label for="captcha">Решите пример: <?cs var:Captcha.A ?> + <?cs var:Captcha.B ?> = <span aria-hidden="true">*</span></label>
      <input id="captcha" name="captcha" inputmode="numeric" maxlength="3" size="3" required autocomplete="off"<?cs call:error_attrs("captcha") ?>>
      <?cs call:field_error("captcha") ?>
    </div>
    <button type="submit">Зарегистрироваться</button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
