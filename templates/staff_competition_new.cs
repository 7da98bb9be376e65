<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/staff/competitions">Конкурсы</a> › Новый конкурс</p>
<h1>Новый конкурс</h1>
<p class="hint">Конкурс создаётся черновиком: его видят только сотрудники. Остальные настройки, критерии, документы и чек-лист — на следующих страницах; девять статей бюджета Фонда президентских грантов добавляются сразу (их можно изменить).</p>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Проверьте поле, отмеченное ниже.</p><?cs /if ?>
<form method="post" action="/staff/competitions/new" class="form narrow" novalidate>
  <?cs call:csrf_field() ?>
  <?cs call:text_field("title", "Название конкурса", "text", 300, 1, "Например: Гранты губернатора Кубани — 2027, первый поток") ?>
  <button type="submit">Создать черновик</button>
</form>
<?cs include:"footer.cs" ?>
