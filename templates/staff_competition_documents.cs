<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<h2>Документы конкурса</h2>
<p class="hint">Положение о конкурсе, формы и шаблоны. Форматы — PDF или DOCX (тип определяется по содержимому файла), до <?cs var:bytes(Limit.File) ?>, не больше <?cs var:Limit.Count ?> документов. Документы видны на странице конкурса, когда он объявлен.</p>
<?cs if:subcount(Docs) == 0 ?><p>Документов пока нет. Без документов приём заявок не открыть.</p><?cs else ?>
<div class="scroll-x"><table><thead><tr><th scope="col">Документ</th><th scope="col">Файл</th><th scope="col">Размер</th><th scope="col">SHA-256</th><th scope="col"><span class="sr">Действия</span></th></tr></thead><tbody>
<?cs each:d = Docs ?><tr><td><?cs var:d.title ?></td><td><a href="/documents/<?cs var:d.id ?>"><?cs var:d.orig_name ?></a></td><td><?cs var:bytes(d.size) ?></td><td><code><?cs var:d.sha256 ?></code></td>
<td><?cs if:Edit.doc_delete ?><form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/documents"><?cs call:csrf_field() ?><input type="hidden" name="action" value="delete"><input type="hidden" name="doc" value="<?cs var:d.id ?>"><button type="submit" class="secondary">Удалить</button></form><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs if:Edit.documents ?>
<h3>Загрузить документ</h3>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/documents" enctype="multipart/form-data" class="form" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("title", "Название документа", "text", 200, 1, "Например: Положение о конкурсе") ?>
  <div class="field">
    <label for="file">Файл <span aria-hidden="true">*</span></label>
    <input id="file" name="file" type="file" accept="application/pdf,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx"<?cs call:error_attrs("file") ?>>
    <?cs call:field_error("file") ?>
  </div>
  <button type="submit">Загрузить</button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
