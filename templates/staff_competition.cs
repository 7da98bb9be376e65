<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<?cs if:Created ?><div class="notice" role="status"><p>Черновик конкурса создан. Заполните настройки, затем критерии, документы и чек-лист.</p></div><?cs /if ?>
<?cs if:Moved ?><div class="notice" role="status"><p>Конкурс переведён на этап «<?cs call:stage_name(Comp.stage) ?>».</p></div><?cs /if ?>
<?cs if:?Extended ?><div class="notice" role="status"><p>Приём заявок продлён. Писем организациям с черновиками: <?cs var:Extended ?>.</p></div><?cs /if ?>

<section aria-labelledby="stage-h" class="card">
<h2 id="stage-h">Этап конкурса</h2>
<p>Сейчас: <strong><?cs call:stage_name(Comp.stage) ?></strong>.</p>
<?cs if:Form.Error.stage ?><p class="form-error" id="err-stage" role="alert"><?cs var:Form.Error.stage ?></p><?cs /if ?>
<?cs if:Next.stage ?>
<?cs if:Next.refusal && !Form.Error.stage ?><p class="hint">На этап «<?cs call:stage_name(Next.stage) ?>» пока нельзя. <?cs var:Next.refusal ?></p><?cs /if ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/stage" class="inline">
  <?cs call:csrf_field() ?><input type="hidden" name="to" value="<?cs var:Next.stage ?>">
  <button type="submit"<?cs if:Next.refusal ?> class="secondary"<?cs /if ?>>Перевести на этап «<?cs call:stage_name(Next.stage) ?>»</button>
</form>
<?cs else ?><p>Конкурс завершён.</p><?cs /if ?>
<?cs if:Comp.stage == "intake" ?>
<h3>Продлить приём заявок</h3>
<p class="hint">Новый срок и причина попадут в журнал действий; письмо получат представители всех организаций, у которых есть черновик заявки на этот конкурс.</p>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/stage" class="form narrow" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="extend">
  <?cs call:text_field("new_closes_at", "Новое окончание приёма (МСК)", "datetime-local", 19, 1, "Дата и время по Москве, позже нынешнего срока") ?>
  <div class="field">
    <label for="reason">Причина продления <span aria-hidden="true">*</span></label>
    <textarea id="reason" name="reason" rows="3" maxlength="1000"<?cs call:error_attrs("reason") ?>><?cs var:Query.reason ?></textarea>
    <?cs call:field_error("reason") ?>
  </div>
  <button type="submit">Продлить приём</button>
</form>
<?cs /if ?>
</section>

<h2>Настройки</h2>
<?cs if:!Edit.settings ?><p class="notice">На этапе «<?cs call:stage_name(Comp.stage) ?>» настройки конкурса больше не меняются.</p><?cs /if ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>" class="form wide" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("title", "Название конкурса", "text", 300, 1, "") ?>
  <div class="field">
    <label for="description">Описание <span aria-hidden="true">*</span></label>
    <textarea id="description" name="description" rows="12" maxlength="15000" aria-describedby="hint-description<?cs if:Form.Error.description ?> err-description<?cs /if ?>"<?cs if:Form.Error.description ?> aria-invalid="true"<?cs /if ?>><?cs var:Query.description ?></textarea>
    <p class="hint" id="hint-description">Разметка Markdown: **жирный**, *курсив*, списки «- », ссылки [текст](https://…), заголовки «## ». HTML не выводится. Как это выглядит — на странице «Предпросмотр».</p>
    <?cs call:field_error("description") ?>
  </div>
  <fieldset class="rows"<?cs if:Form.Error.directions ?> aria-describedby="err-directions"<?cs /if ?>>
    <legend>Направления <span aria-hidden="true">*</span></legend>
    <?cs each:d = Directions ?><p><input type="checkbox" id="dir-<?cs var:d.id ?>" name="dir.<?cs var:d.id ?>" value="1"<?cs if:Query.dir[d.id] == "1" ?> checked<?cs /if ?>> <label class="inline-label" for="dir-<?cs var:d.id ?>"><?cs var:d.name ?></label></p><?cs /each ?>
    <?cs call:field_error("directions") ?>
  </fieldset>
  <?cs call:text_field("fund", "Фонд конкурса, ₽", "text", 40, 1, "Например: 12 000 000 или 1 234 567,89") ?>
  <?cs call:text_field("min_grant", "Минимальный грант, ₽", "text", 40, 1, "") ?>
  <?cs call:text_field("max_grant", "Максимальный грант, ₽", "text", 40, 1, "") ?>
  <?cs call:text_field("cofin", "Обязательное софинансирование, % от стоимости проекта", "text", 8, 1, "От 0 до 100, например: 10 или 12,5") ?>
  <?cs if:Edit.window ?>
  <?cs call:text_field("opens_at", "Начало приёма заявок (МСК)", "datetime-local", 19, 1, "Дата и время по Москве") ?>
  <?cs call:text_field("closes_at", "Окончание приёма заявок (МСК)", "datetime-local", 19, 1, "Дата и время по Москве; заявки принимаются до этого момента") ?>
  <?cs else ?>
  <p>Приём заявок: <?cs var:msk(Comp.opens_ts) ?> — <?cs var:msk(Comp.closes_ts) ?> (МСК).<?cs if:Comp.stage == "intake" ?> Срок меняется продлением приёма (выше).<?cs /if ?></p>
  <?cs /if ?>
  <?cs call:text_field("impl_start", "Начало реализации проектов", "date", 10, 1, "") ?>
  <?cs call:text_field("impl_end", "Окончание реализации проектов", "date", 10, 1, "") ?>
  <h3>Ограничения заявки</h3>
  <?cs call:text_field("apps_per_org", "Заявок от одной организации", "number", 2, 1, "От 1 до 10") ?>
  <?cs call:text_field("title_max", "Название проекта, символов не больше", "number", 3, 1, "От 10 до 300") ?>
  <?cs call:text_field("summary_max", "Краткое описание, символов не больше", "number", 5, 1, "От 100 до 5000") ?>
  <?cs call:text_field("problem_max", "Описание проблемы, символов не больше", "number", 5, 1, "От 100 до 15000") ?>
  <?cs call:text_field("max_months", "Срок проекта, месяцев не больше", "number", 2, 1, "От 1 до 36") ?>
  <fieldset class="rows" aria-describedby="hint-docs">
    <legend>Обязательные документы</legend>
    <p class="hint" id="hint-docs">Без них заявку не подать: при подаче заявителю называются недостающие.</p>
    <?cs each:k = DocKinds ?><p><input type="checkbox" id="doc-<?cs var:k.id ?>" name="doc.<?cs var:k.id ?>" value="1"<?cs if:Query.doc[k.id] == "1" ?> checked<?cs /if ?>> <label class="inline-label" for="doc-<?cs var:k.id ?>"><?cs var:k.name ?></label></p><?cs /each ?>
  </fieldset>
  <h3>Экспертиза</h3>
  <?cs call:text_field("experts_per_app", "Экспертов на заявку", "number", 2, 1, "От 1 до 10") ?>
  <?cs call:text_field("divergence", "Порог расхождения оценок, баллов", "number", 3, 1, "Если оценки экспертов расходятся больше, назначается ещё один эксперт. От 1 до 100") ?>
  <div class="field">
    <input type="checkbox" id="blind_review" name="blind_review" value="1"<?cs if:Query.blind_review == "1" ?> checked<?cs /if ?><?cs call:error_attrs("blind_review") ?>> <label class="inline-label" for="blind_review">Слепая экспертиза: эксперты не видят организацию</label>
    <?cs call:field_error("blind_review") ?>
  </div>
  <?cs if:Edit.settings ?><button type="submit">Сохранить настройки</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
