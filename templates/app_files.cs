<?cs include:"header.cs" ?>
<h1>Вложения</h1>
<p class="help-link"><a href="/help/apply#files">Справка: какие документы приложить</a></p>
<?cs include:"app_nav.cs" ?>
<?cs if:subcount(Required) > 0 ?>
<div id="required-docs"><p>Обязательные документы — без них заявку не подать:</p>
<ul><?cs each:d = Required ?><li>«<?cs var:d.kind ?>» — <?cs if:d.attached ?>приложен <span class="ok" aria-hidden="true">✓</span><?cs else ?><strong>не приложен</strong><?cs /if ?></li><?cs /each ?></ul></div>
<?cs /if ?>
<p class="hint">Устав, письма поддержки, презентация проекта. Форматы — PDF, JPEG, PNG; файл до <?cs var:bytes(Limit.File) ?>, все вложения вместе — до <?cs var:bytes(Limit.All) ?> и не больше <?cs var:Limit.Count ?> файлов.</p>
<?cs if:subcount(Files) == 0 ?><p>Файлов пока нет.</p><?cs else ?>
<table class="files"><thead><tr><th scope="col">Документ</th><th scope="col">Файл</th><?cs if:App.editable ?><th scope="col"><span class="sr">Действия</span></th><?cs /if ?></tr></thead><tbody>
<?cs each:f = Files ?><tr><td><?cs var:f.kind ?></td><td class="wrap-any"><a href="/files/<?cs var:f.id ?>"><?cs var:f.orig_name ?></a> <small class="nowrap">(<?cs var:bytes(f.size) ?>)</small></td>
<?cs if:App.editable ?><td><form method="post" action="/applications/<?cs var:App.id ?>/files"><?cs call:csrf_field() ?><input type="hidden" name="action" value="delete"><input type="hidden" name="att" value="<?cs var:f.id ?>"><button type="submit" class="secondary">Удалить</button></form></td><?cs /if ?></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:App.editable ?>
<form method="post" action="/applications/<?cs var:App.id ?>/files" enctype="multipart/form-data" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <div class="field">
    <label for="kind">Документ <span aria-hidden="true">*</span></label>
    <select id="kind" name="kind"<?cs call:error_attrs("kind") ?>><option value="">Выберите</option><?cs each:k = Kinds ?><option<?cs if:k == Query.kind ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
    <?cs call:field_error("kind") ?>
  </div>
  <div class="field">
    <label for="file">Файл <span aria-hidden="true">*</span></label>
    <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"<?cs call:error_attrs("file") ?>>
    <?cs call:field_error("file") ?>
  </div>
  <button type="submit">Приложить</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
