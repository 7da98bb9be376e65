<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> · <a href="/staff/ideas">Идеи и предложения</a></p>
<h1>Предложение № <?cs var:Idea.id ?></h1>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p>
<?cs elif:Done == "reply" ?><div class="notice" role="status"><p>Ответ отправлен автору по электронной почте.</p></div>
<?cs elif:Done == "read" ?><div class="notice" role="status"><p>Предложение отмечено как прочитанное.</p></div>
<?cs elif:Done == "spam" ?><div class="notice" role="status"><p>Предложение отмечено как спам.</p></div>
<?cs elif:Done == "unspam" ?><div class="notice" role="status"><p>Отметка «Спам» снята.</p></div><?cs /if ?>
<dl class="card-data">
  <dt>Статус</dt><dd><strong><?cs var:Idea.status_label ?></strong></dd>
  <dt>Получено</dt><dd><?cs var:msk(Idea.ts) ?> (МСК)</dd>
  <dt>Автор</dt><dd><?cs var:Idea.name ?></dd>
  <dt>Эл. почта</dt><dd><a href="mailto:<?cs var:Idea.email ?>"><?cs var:Idea.email ?></a></dd>
  <dt>Муниципальное образование</dt><dd><?cs if:Idea.municipality ?><?cs var:Idea.municipality ?><?cs else ?>не указано<?cs /if ?></dd>
</dl>
<h2>Текст</h2>
<p class="text"><?cs var:Idea.body ?></p>

<?cs if:Can.read || Can.spam || Can.unspam ?>
<div class="actions">
<?cs if:Can.read ?><form class="inline" method="post" action="/staff/ideas/<?cs var:Idea.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="read"><input type="hidden" name="seen" value="<?cs var:Idea.status ?>"><button type="submit" class="secondary">Прочитано</button></form><?cs /if ?>
<?cs if:Can.spam ?><form class="inline" method="post" action="/staff/ideas/<?cs var:Idea.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="spam"><input type="hidden" name="seen" value="<?cs var:Idea.status ?>"><button type="submit" class="secondary">Спам</button></form><?cs /if ?>
<?cs if:Can.unspam ?><form class="inline" method="post" action="/staff/ideas/<?cs var:Idea.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="unspam"><input type="hidden" name="seen" value="<?cs var:Idea.status ?>"><button type="submit" class="secondary">Не спам</button></form><?cs /if ?>
</div>
<?cs /if ?>

<h2>Ответы</h2>
<?cs if:subcount(Replies) == 0 ?><p>Ответов пока нет.</p><?cs /if ?>
<?cs each:p = Replies ?>
<div class="comment"><p class="meta"><?cs var:msk(p.ts) ?> · <?cs var:p.author ?></p><p class="text"><?cs var:p.body ?></p></div>
<?cs /each ?>

<?cs if:Idea.status != "spam" ?>
<h2>Ответить автору</h2>
<form method="post" action="/staff/ideas/<?cs var:Idea.id ?>" class="form" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="reply"><input type="hidden" name="replies" value="<?cs var:subcount(Replies) ?>">
  <div class="field">
    <label for="body">Текст ответа <span aria-hidden="true">*</span></label>
    <textarea id="body" name="body" rows="8" maxlength="5000" required aria-describedby="hint-body<?cs if:Form.Error.body ?> err-body<?cs /if ?>"<?cs if:Form.Error.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.body ?></textarea>
    <p class="hint" id="hint-body">Уйдёт письмом на адрес <?cs var:Idea.email ?> вместе с текстом предложения; до 5000 символов.</p>
    <?cs call:field_error("body") ?>
  </div>
  <button type="submit">Отправить ответ</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
