<?cs include:"header.cs" ?>
<?cs def:action_name(a) ?><?cs if:a == "create" ?>создана<?cs elif:a == "submit" ?>подана<?cs elif:a == "resubmit" ?>подана повторно<?cs elif:a == "withdraw" ?>отозвана заявителем<?cs elif:a == "admit" ?>допущена<?cs elif:a == "return" ?>возвращена на доработку<?cs elif:a == "reject" ?>отклонена<?cs else ?><?cs var:a ?><?cs /if ?><?cs /def ?>
<?cs def:decision_name(d) ?><?cs if:d == "admit" ?>допущена к экспертизе<?cs elif:d == "return" ?>возвращена на доработку<?cs elif:d == "reject" ?>отклонена<?cs else ?><?cs var:d ?><?cs /if ?><?cs /def ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> › <a href="/staff/applications">Реестр заявок</a> › Заявка <?cs var:App.number ?></p>
<h1><?cs if:Sections.card.title ?><?cs var:Sections.card.title ?><?cs elif:App.title ?><?cs var:App.title ?><?cs else ?>Заявка № <?cs var:App.id ?><?cs /if ?></h1>
<p class="meta"><?cs var:App.number ?> · Конкурс «<?cs var:App.comp_title ?>» · <?cs var:App.org ?> · Статус: <strong id="status"><?cs call:app_status(App.status) ?></strong><?cs if:App.submitted_ts ?> · подана <?cs var:msk(App.submitted_ts) ?> (МСК)<?cs /if ?></p>
<?cs if:App.status == "returned" ?>
<?cs if:App.overdue == 1 ?><p class="form-error" id="overdue">Срок доработки истёк <?cs var:msk(App.return_due_ts) ?> (МСК): заявка не подана повторно, и подать её повторно уже нельзя.</p>
<?cs else ?><p class="notice" id="return-due">Возвращена на доработку; заявитель может подать её повторно до <?cs var:msk(App.return_due_ts) ?> (МСК).</p><?cs /if ?>
<?cs /if ?>
<?cs if:Decided ?><div class="notice" role="status"><p>Решение сохранено. <?cs if:Mailed > 0 ?>Писем представителям организации: <?cs var:Mailed ?>.<?cs else ?>У организации нет представителей на платформе — письмо не отправлено; сообщите о решении иначе.<?cs /if ?></p></div><?cs /if ?>
<?cs if:Noted ?><div class="notice" role="status"><p>Заметка добавлена.</p></div><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p>
<?cs if:Refused && Query.comment ?><p>Ваш комментарий (не сохранён, его можно скопировать):</p><p class="text" id="refused-comment"><?cs var:Query.comment ?></p><?cs /if ?>
<?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже. Введённое сохранено в форме.</p><?cs /if ?>
<nav aria-label="Разделы страницы"><ul class="tabs">
  <li><a href="#check">Проверка</a></li><li><a href="#content">Содержание заявки</a></li><li><a href="#org">Организация</a></li>
  <li><a href="#receipts">Расписки</a></li><li><a href="#history">История</a></li><li><a href="#notes">Заметки сотрудников</a></li>
</ul></nav>

<section id="check" aria-labelledby="check-h">
<h2 id="check-h">Проверка на соответствие требованиям</h2>
<?cs if:Shown.receipt ?>
<p>Проверка и решение относятся к последней поданной версии: <a href="/staff/applications/<?cs var:App.id ?>">открыть её</a>.</p>
<?cs else ?>
<?cs if:subcount(Checklist) == 0 ?><p>У конкурса нет перечня требований для проверки.</p><?cs /if ?>
<?cs if:MayDecide && (App.status == "submitted" || App.overdue == 1) ?>
<form method="post" action="/staff/applications/<?cs var:App.id ?>/decision" class="form wide" novalidate>
  <?cs call:csrf_field() ?>
  <input type="hidden" name="status" value="<?cs var:Query.status ?>">
  <input type="hidden" name="version" value="<?cs var:Query.version ?>">
<?cs /if ?>
  <?cs if:subcount(Checklist) > 0 ?>
  <fieldset class="rows"<?cs if:Form.Error.items ?> aria-describedby="err-items"<?cs /if ?>>
    <legend>Требования<?cs if:MayDecide && (App.status == "submitted" || App.overdue == 1) ?>: отметьте невыполненные<?cs /if ?></legend>
    <ol class="checklist" id="checklist">
    <?cs each:i = Checklist ?><li id="item-<?cs var:i.id ?>">
      <?cs if:MayDecide && (App.status == "submitted" || App.overdue == 1) ?><input type="checkbox" id="items-<?cs var:i.id ?>" name="items" value="<?cs var:i.id ?>"<?cs if:i.ticked ?> checked<?cs /if ?>> <label for="items-<?cs var:i.id ?>" class="inline-label"><?cs var:i.text ?></label><?cs else ?><?cs var:i.text ?><?cs /if ?>
      <?cs if:i.rule_title ?><p class="hint finding finding-<?cs var:i.found ?>">Автоматическая проверка (<?cs var:i.rule_title ?>): <strong><?cs var:i.found_text ?></strong></p><?cs /if ?>
    </li><?cs /each ?>
    </ol>
    <?cs call:field_error("items") ?>
  </fieldset>
  <?cs /if ?>
<?cs if:MayDecide && (App.status == "submitted" || App.overdue == 1) ?>
  <fieldset class="rows"<?cs if:Form.Error.decision ?> aria-describedby="err-decision"<?cs /if ?>>
    <legend>Решение</legend>
    <?cs if:App.status == "submitted" ?>
    <p><input type="radio" id="decision-admit" name="decision" value="admit"<?cs if:Query.decision == "admit" ?> checked<?cs /if ?>> <label for="decision-admit" class="inline-label">Допустить к экспертизе</label></p>
    <p><input type="radio" id="decision-return" name="decision" value="return"<?cs if:Query.decision == "return" ?> checked<?cs /if ?>> <label for="decision-return" class="inline-label">Вернуть на доработку — укажите, что исправить, и срок</label></p>
    <?cs else ?>
    <p>Срок доработки истёк, заявка повторно не подана: её можно только отклонить.</p>
    <?cs /if ?>
    <p><input type="radio" id="decision-reject" name="decision" value="reject"<?cs if:Query.decision == "reject" ?> checked<?cs /if ?>> <label for="decision-reject" class="inline-label">Отклонить — не соответствует требованиям</label></p>
    <?cs call:field_error("decision") ?>
  </fieldset>
  <div class="field">
    <label for="comment">Комментарий для заявителя</label>
    <textarea id="comment" name="comment" rows="5" maxlength="5000" aria-describedby="hint-comment<?cs if:Form.Error.comment ?> err-comment<?cs /if ?>"<?cs if:Form.Error.comment ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.comment ?></textarea>
    <p class="hint" id="hint-comment">Обязателен при возврате и отклонении; уйдёт заявителю в письме и будет виден на странице заявки.</p>
    <?cs call:field_error("comment") ?>
  </div>
  <?cs if:App.status == "submitted" ?><div class="field">
    <label for="due_date">Срок повторной подачи (при возврате), дата и время МСК</label>
    <input id="due_date" name="due_date" type="date" size="12" value="<?cs var:Query.due_date ?>"<?cs call:error_attrs("due_date") ?>>
    <input id="due_time" name="due_time" type="time" size="6" aria-label="Время (МСК)" value="<?cs if:Query.due_time ?><?cs var:Query.due_time ?><?cs else ?>23:59<?cs /if ?>">
    <?cs call:field_error("due_date") ?>
  </div><?cs /if ?>
  <button type="submit">Принять решение</button>
</form>
<?cs /if ?>
<?cs /if ?>
<?cs if:subcount(Decisions) > 0 ?>
<h3>Решения по проверке</h3>
<ol class="history" id="decisions">
<?cs each:d = Decisions ?><li><time><?cs var:msk(d.ts) ?></time> — <?cs var:d.who ?>: <strong><?cs call:decision_name(d.decision) ?></strong><?cs if:d.due_ts ?>, срок повторной подачи <?cs var:msk(d.due_ts) ?> (МСК)<?cs /if ?>
  <?cs if:subcount(d.Items) > 0 ?><ul><?cs each:t = d.Items ?><li><?cs var:t ?></li><?cs /each ?></ul><?cs /if ?>
  <?cs if:d.comment ?><p class="text"><?cs var:d.comment ?></p><?cs /if ?></li>
<?cs /each ?>
</ol>
<?cs /if ?>
</section>

<section id="content" aria-labelledby="content-h">
<h2 id="content-h">Заявка, как она подана</h2>
<?cs if:Shown.receipt ?><p class="notice">Показана версия по расписке от <?cs var:msk(Shown.ts) ?> (МСК), SHA-256 <code><?cs var:Shown.sha256 ?></code>.</p>
<?cs elif:App.receipt_sha256 ?><p class="hint">Последняя расписка: <?cs var:App.number ?>, <?cs var:msk(App.submitted_ts) ?> (МСК), SHA-256 <code id="frozen-sha"><?cs var:App.receipt_sha256 ?></code>.</p><?cs /if ?>
<?cs if:NoFrozen ?><p>Содержание этой заявки не зафиксировано: она внесена в систему без электронной подачи.</p>
<?cs else ?><?cs include:"app_whole.cs" ?><?cs /if ?>
</section>

<section id="org" aria-labelledby="org-h">
<h2 id="org-h">Организация сейчас (профиль)</h2>
<dl class="card-data">
  <dt>Наименование</dt><dd><?cs var:OrgNow.full_name ?></dd>
  <dt>ИНН / ОГРН / КПП</dt><dd><?cs var:OrgNow.inn ?> / <?cs var:OrgNow.ogrn ?> / <?cs var:OrgNow.kpp ?></dd>
  <dt>Дата государственной регистрации</dt><dd id="org-registered"><?cs if:OrgNow.registered_on ?><?cs var:rudate(OrgNow.registered_on) ?><?cs else ?>не указана<?cs /if ?></dd>
  <dt>Руководитель</dt><dd><?cs var:OrgNow.head_name ?></dd>
  <dt>Контакты</dt><dd><?cs var:OrgNow.phone ?>, <?cs var:OrgNow.email ?></dd>
  <dt>Представители</dt><dd><ul><?cs each:m = Members ?><li><?cs var:m.name ?> (<?cs var:m.email ?>)</li><?cs /each ?></ul></dd>
</dl>
</section>

<section id="receipts" aria-labelledby="receipts-h">
<h2 id="receipts-h">Расписки</h2>
<?cs if:subcount(Receipts) == 0 ?><p>Расписок нет.</p><?cs else ?>
<div class="scroll-x"><table><thead><tr><th scope="col">Номер</th><th scope="col">Подана (МСК)</th><th scope="col">SHA-256</th><th scope="col"><span class="sr">Версия</span></th></tr></thead><tbody>
<?cs each:x = Receipts ?><tr><td><?cs var:x.number ?></td><td><?cs var:msk(x.ts) ?></td><td><code><?cs var:x.sha256 ?></code></td><td><?cs if:x.id == Shown.receipt ?>показана<?cs else ?><a href="/staff/applications/<?cs var:App.id ?>?receipt=<?cs var:x.id ?>#content">открыть эту версию</a><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
</section>

<section id="history" aria-labelledby="history-h">
<h2 id="history-h">История</h2>
<?cs if:subcount(History) == 0 ?><p>Записей нет.</p><?cs /if ?>
<ol class="history">
<?cs each:h = History ?><li><time><?cs var:msk(h.ts) ?></time> — <?cs call:action_name(h.action) ?><?cs if:h.from_state ?> (<?cs call:app_status(h.from_state) ?> → <?cs call:app_status(h.to_state) ?>)<?cs /if ?><?cs if:h.who ?>, <?cs var:h.who ?><?cs /if ?><?cs if:h.reason ?>: <?cs var:h.reason ?><?cs /if ?></li><?cs /each ?>
</ol>
</section>

<section id="notes" aria-labelledby="notes-h">
<h2 id="notes-h">Заметки сотрудников</h2>
<p class="hint">Внутренние: заявитель их не видит.</p>
<?cs if:subcount(Notes) == 0 ?><p>Заметок пока нет.</p><?cs /if ?>
<?cs each:n = Notes ?><div class="comment"><p class="meta"><?cs var:n.who ?>, <?cs var:msk(n.ts) ?></p><p class="text"><?cs var:n.body ?></p></div><?cs /each ?>
<?cs if:MayDecide ?><form method="post" action="/staff/applications/<?cs var:App.id ?>/notes" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="note">Новая заметка</label>
    <textarea id="note" name="note" rows="4" maxlength="5000"<?cs call:error_attrs("note") ?>><?cs var:Query.note ?></textarea>
    <?cs call:field_error("note") ?>
  </div>
  <button type="submit">Добавить заметку</button>
</form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
