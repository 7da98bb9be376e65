<?cs # The head of every application page: title, status, deadline, section tabs. ?>
<?cs # the way back: the NGO to its applications, staff reading someone else's to the registry ?>
<p class="crumbs"><?cs if:!App.mine && (User.Role.staff || User.Role.admin) ?><a href="/staff/applications">Реестр заявок</a><?cs else ?><a href="/my">Мои заявки</a><?cs /if ?> › <a href="/applications/<?cs var:App.id ?>">Заявка <?cs var:App.number ?></a></p>
<p class="meta">Конкурс «<?cs var:App.comp_title ?>» · <?cs var:App.org ?> · Статус: <strong><?cs call:app_status(App.status) ?></strong> · Приём заявок до <time><?cs var:msk(App.closes_ts) ?></time> (МСК)</p>
<nav aria-label="Разделы заявки"><ol class="tabs">
<?cs each:t = Nav ?><li><a href="/applications/<?cs var:App.id ?>/<?cs var:t.name ?>"<?cs if:Section == t.name ?> aria-current="page"<?cs /if ?>><?cs var:t.title ?><?cs if:t.state == "valid" ?> <span class="ok" aria-label="заполнен">✓</span><?cs elif:t.state == "saved" ?> <span class="warn" aria-label="есть замечания">!</span><?cs /if ?></a></li>
<?cs /each ?>
<li><a href="/applications/<?cs var:App.id ?>">Вся заявка и подача</a></li>
</ol></nav>
<?cs # a status inside a sentence: its name quoted, as it is written in the status line ?>
<?cs # a section read as text says it itself (macros.cs readonly_notice), at more length ?>
<?cs if:!App.editable && App.mine && !Form.ReadOnly ?><p class="notice">Заявку сейчас изменить нельзя<?cs if:App.status != "draft" ?>: её статус — «<?cs call:app_status(App.status) ?>»<?cs else ?>: приём заявок закрыт<?cs /if ?>.</p><?cs /if ?>
<?cs if:Saved ?><div class="notice" role="status"><p>Раздел сохранён.</p></div><?cs /if ?>
<?cs if:DraftSaved ?><p class="form-error" role="alert">Черновик сохранён, но в разделе есть ошибки — они отмечены ниже.</p><?cs elif:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors ?><p class="form-error" role="alert">В разделе есть ошибки или незаполненные поля — они отмечены ниже.</p><?cs /if ?>
