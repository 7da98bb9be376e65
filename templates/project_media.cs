<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/projects/<?cs var:Project.id ?>"><?cs var:Project.title ?></a> › Фото и материалы</nav>
<h1>Фото и материалы проекта</h1>
<p>Всё, что вы добавите здесь, сразу видно всем на <a href="/projects/<?cs var:Project.id ?>">странице проекта</a>.
  Фотографии публикуются без метаданных (в том числе без координат съёмки), уменьшенными до размера страницы.</p>
<?cs if:Done == "photo" ?><div class="notice" role="status"><p>Фотография добавлена и уже видна на странице проекта.</p></div>
<?cs elif:Done == "handout" ?><div class="notice" role="status"><p>Материал добавлен и уже доступен для скачивания на странице проекта.</p></div>
<?cs elif:Done == "deleted" ?><div class="notice" role="status"><p>Файл удалён со страницы проекта.</p></div><?cs /if ?>
<?cs call:field_error("delete") ?>
<h2>Фотографии</h2>
<?cs set:photos = 0 ?><?cs set:handouts = 0 ?>
<ul class="media-list">
<?cs each:m = Media ?><?cs if:m.kind == "photo" ?><?cs set:photos = photos + 1 ?>
  <li class="media-item"><img src="/media/<?cs var:m.id ?>/thumb" alt="<?cs var:m.title ?>" width="<?cs var:m.thumb_width ?>" height="<?cs var:m.thumb_height ?>" class="media-thumb">
    <span class="media-title"><?cs var:m.title ?></span>
    <form method="post" action="/projects/<?cs var:Project.id ?>/media" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="delete" value="<?cs var:m.id ?>"><button type="submit" class="secondary">Удалить<span class="sr"> фото «<?cs var:m.title ?>»</span></button></form></li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs if:photos == 0 ?><p class="muted">Фотографий пока нет.</p><?cs /if ?>
<h2>Раздаточные материалы</h2>
<ul class="media-list">
<?cs each:m = Media ?><?cs if:m.kind == "handout" ?><?cs set:handouts = handouts + 1 ?>
  <li class="media-item"><a href="/media/<?cs var:m.id ?>"><?cs var:m.title ?></a> (PDF, <?cs var:bytes(m.size) ?>)
    <form method="post" action="/projects/<?cs var:Project.id ?>/media" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="delete" value="<?cs var:m.id ?>"><button type="submit" class="secondary">Удалить<span class="sr"> материал «<?cs var:m.title ?>»</span></button></form></li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs if:handouts == 0 ?><p class="muted">Материалов пока нет.</p><?cs /if ?>

<h2 id="add">Добавить файл</h2>
<form method="post" action="/projects/<?cs var:Project.id ?>/media" class="form" enctype="multipart/form-data" novalidate aria-labelledby="add">
  <?cs call:csrf_field() ?>
  <fieldset<?cs if:Form.Error.kind ?> aria-describedby="err-kind"<?cs /if ?>>
    <legend>Что вы загружаете</legend>
    <p><input type="radio" id="kind-photo" name="kind" value="photo"<?cs if:Query.kind != "handout" ?> checked<?cs /if ?>> <label for="kind-photo" class="inline-label">Фотографию (JPEG, PNG или WebP, до <?cs var:bytes(Limit.Photo) ?>)</label></p>
    <p><input type="radio" id="kind-handout" name="kind" value="handout"<?cs if:Query.kind == "handout" ?> checked<?cs /if ?>> <label for="kind-handout" class="inline-label">Раздаточный материал (PDF, до <?cs var:bytes(Limit.Handout) ?>)</label></p>
    <?cs call:field_error("kind") ?>
  </fieldset>
  <div class="field">
    <label for="file">Файл</label>
    <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby="hint-file"<?cs call:error_attrs("file") ?>>
    <p class="hint" id="hint-file">У проекта может быть не больше <?cs var:Limit.Count ?> файлов. Тип файла определяется по содержимому.</p>
    <?cs call:field_error("file") ?>
  </div>
  <div class="field">
    <label for="title">Подпись к фото или название материала</label>
    <input id="title" name="title" type="text" maxlength="300" value="<?cs var:Query.title ?>" aria-describedby="hint-title"<?cs call:error_attrs("title") ?>>
    <p class="hint" id="hint-title">Для фотографии обязательна: что на ней происходит (её слышат незрячие посетители). Для материала — если пусто, возьмём имя файла.</p>
    <?cs call:field_error("title") ?>
  </div>
  <button type="submit">Загрузить</button>
</form>
<?cs include:"footer.cs" ?>
