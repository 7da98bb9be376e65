<?cs # The comment form of a project (Project.id): under the project's comments
     (project_comments.cs) and, with its errors, on comment.cs. The text has no
     maxlength: forms.js counts it, the server refuses a longer one and says by
     how much. ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Комментарий не отправлен: проверьте поля, отмеченные ниже.</p><?cs /if ?>
<form method="post" action="/projects/<?cs var:Project.id ?>/comment" class="form comment-form" id="comment-form" novalidate>
  <?cs call:csrf_field() ?>
  <p class="hint">Комментарий появится на странице проекта после проверки. Обязательные поля помечены <span aria-hidden="true">*</span><span class="sr">звёздочкой</span>.</p>
  <div class="field">
    <label for="c-name">Ваше имя <span aria-hidden="true">*</span></label>
    <input id="c-name" name="name" maxlength="100" required autocomplete="name" value="<?cs var:Query.name ?>"<?cs if:Form.Error.name ?> aria-invalid="true" aria-describedby="err-name"<?cs /if ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="c-email">Электронная почта <span aria-hidden="true">*</span></label>
    <input id="c-email" name="email" type="email" maxlength="254" required autocomplete="email" value="<?cs var:Query.email ?>" aria-describedby="hint-c-email<?cs if:Form.Error.email ?> err-email<?cs /if ?>"<?cs if:Form.Error.email ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="hint-c-email">Не публикуется и никому не показывается: нужна, только если модератору понадобится связаться с вами.</p>
    <?cs call:field_error("email") ?>
  </div>
  <div class="field">
    <label for="c-body">Комментарий <span aria-hidden="true">*</span></label>
    <textarea id="c-body" name="body" rows="6" required data-max="<?cs var:CommentForm.Max ?>" aria-describedby="hint-c-body<?cs if:Form.Error.body ?> err-body<?cs /if ?>"<?cs if:Form.Error.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.body ?></textarea>
    <p class="hint" id="hint-c-body">До <?cs var:num(CommentForm.Max) ?> символов.</p>
    <?cs call:field_error("body") ?>
  </div>
  <div class="field hp" aria-hidden="true">
    <label for="c-website">Не заполняйте это поле</label>
    <input id="c-website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <div class="field">
    <input id="c-consent" name="consent" type="checkbox" value="1" required<?cs if:Query.consent == "1" ?> checked<?cs /if ?><?cs if:Form.Error.consent ?> aria-invalid="true" aria-describedby="err-consent"<?cs /if ?>>
    <label for="c-consent">Я согласен(на) на обработку моих персональных данных (имени и адреса электронной почты) в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» для публикации комментария <span aria-hidden="true">*</span></label>
    <?cs call:field_error("consent") ?>
  </div>
  <div class="field">
    <input type="hidden" name="captcha_token" value="<?cs var:Captcha.Token ?>">
    <label for="c-captcha">Решите пример: <?cs var:Captcha.A ?> + <?cs var:Captcha.B ?> = <span aria-hidden="true">*</span></label>
    <input id="c-captcha" name="captcha" inputmode="numeric" maxlength="3" size="3" required autocomplete="off"<?cs if:Form.Error.captcha ?> aria-invalid="true" aria-describedby="err-captcha"<?cs /if ?>>
    <?cs call:field_error("captcha") ?>
  </div>
  <button type="submit">Отправить комментарий</button>
</form>
<script src="/static/forms.js" defer></script>
