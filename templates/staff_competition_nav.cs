<?cs # The head of every page of the competition editor: title, stage, tabs, messages. ?>
<p class="crumbs"><a href="/staff/competitions">Конкурсы</a> › <?cs var:Comp.title ?></p>
<h1><?cs var:Comp.title ?></h1>
<p class="meta">Этап: <strong><?cs call:stage_name(Comp.stage) ?></strong> · Приём заявок <?cs var:msk(Comp.opens_ts) ?> — <?cs var:msk(Comp.closes_ts) ?> (МСК)</p>
<nav aria-label="Разделы конкурса"><ul class="tabs">
<li><a href="/staff/competitions/<?cs var:Comp.id ?>"<?cs if:Tab == "settings" ?> aria-current="page"<?cs /if ?>>Настройки и этап</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/criteria"<?cs if:Tab == "criteria" ?> aria-current="page"<?cs /if ?>>Критерии оценки</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/checklist"<?cs if:Tab == "checklist" ?> aria-current="page"<?cs /if ?>>Чек-лист проверки</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/documents"<?cs if:Tab == "documents" ?> aria-current="page"<?cs /if ?>>Документы</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/budget"<?cs if:Tab == "budget" ?> aria-current="page"<?cs /if ?>>Статьи бюджета</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/review"<?cs if:Tab == "review" ?> aria-current="page"<?cs /if ?>>Эксперты и оценки</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/publish"<?cs if:Tab == "publish" ?> aria-current="page"<?cs /if ?>>Публикация итогов</a></li>
<li><a href="/staff/competitions/<?cs var:Comp.id ?>/preview">Предпросмотр</a></li>
</ul></nav>
<?cs if:Saved ?><div class="notice" role="status"><p>Изменения сохранены.</p></div><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs elif:Form.HasErrors && !Form.Error.stage ?><p class="form-error" role="alert">Проверьте поля, отмеченные ниже. Ничего не сохранено.</p><?cs /if ?>
<?cs # The posted value of a row's field when the form of that row came back with errors, else the stored one. ?>
<?cs def:rowval(row, fname, stored) ?><?cs if:Form.Row == row ?><?cs var:Query[fname] ?><?cs else ?><?cs var:stored ?><?cs /if ?><?cs /def ?>
<?cs def:rowerr(row, fname) ?><?cs if:Form.Row == row ?><?cs call:field_error(fname) ?><?cs /if ?><?cs /def ?>
<?cs def:rowattrs(row, fname) ?><?cs if:Form.Row == row ?><?cs call:error_attrs(fname) ?><?cs /if ?><?cs /def ?>
