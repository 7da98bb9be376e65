<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> · <a href="/staff/news">Новости</a></p>
<h1><?cs if:Item.id ?>Новость: правка<?cs else ?>Новая публикация<?cs /if ?></h1>
<?cs if:Done == "saved" ?><div class="notice" role="status"><p>Новость сохранена<?cs if:Item.state == "published" ?> и опубликована: <a href="/news/<?cs var:Item.id ?>">посмотреть на сайте</a><?cs elif:Item.state == "scheduled" ?>; она появится на сайте <?cs var:msk(Item.ts) ?> (МСК)<?cs else ?> как черновик<?cs /if ?>.</p></div>
<?cs elif:Done == "unpublished" ?><div class="notice" role="status"><p>Новость снята с публикации и стала черновиком.</p></div><?cs /if ?>
<?cs if:Item.id ?><p>Состояние: <strong><?cs var:Item.state_label ?></strong><?cs if:Item.ts ?>, публикация <?cs var:msk(Item.ts) ?> (МСК)<?cs /if ?>.</p><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert">Новость не сохранена: исправьте отмеченные поля.</p><?cs /if ?>

<?cs if:Preview.on ?>
<section class="preview" aria-labelledby="preview-h">
  <h2 id="preview-h">Предпросмотр</h2>
  <p class="hint">Так новость будет выглядеть на сайте. Она ещё не сохранена.</p>
  <article class="news">
    <p class="preview-title"><strong><?cs var:Query.title ?></strong></p>
    <p class="muted"><?cs if:Preview.when > 0 ?><time><?cs var:mskdate(Preview.when) ?></time><?cs else ?>Черновик: время публикации не указано<?cs /if ?></p>
    <p class="lead"><strong><?cs var:Query.summary ?></strong></p>
    <?cs if:Upload.id ?><figure class="news-image"><img src="/staff/news/upload/<?cs var:Upload.id ?>" alt="<?cs var:Query.image_alt ?>"></figure>
    <?cs elif:Item.has_image == 1 && Query.remove_image != "1" ?><figure class="news-image"><img src="/news/<?cs var:Item.id ?>/image" alt="<?cs var:Query.image_alt ?>"></figure><?cs /if ?>
    <?cs # rendered by gr_markdown (cmark, safe) ?>
    <div class="text markdown"><?cs uvar:Preview.html ?></div>
  </article>
</section>
<?cs /if ?>

<form method="post" action="/staff/news/<?cs if:Item.id ?><?cs var:Item.id ?><?cs else ?>new<?cs /if ?>" class="form wide" enctype="multipart/form-data" novalidate>
  <?cs call:csrf_field() ?>
  <input type="hidden" name="pending_image" value="<?cs var:Query.pending_image ?>">
  <?cs call:text_field("title", "Заголовок", "text", 300, 1, "") ?>
  <?cs call:area_field("summary", "Анонс", 3, 1000, 1, "Одно-два предложения: показываются в списке новостей и в ленте") ?>
  <?cs call:area_field("body", "Текст (Markdown)", 16, 100000, 1, "Абзацы разделяйте пустой строкой. ## Подзаголовок, **жирный**, *курсив*, [ссылка](https://…), списки строками «- пункт». HTML-код не выводится.") ?>
  <?cs call:text_field("publish_at", "Публикация (МСК)", "datetime-local", 19, 0, "Дата и время по Москве. Пусто — черновик; время в будущем — новость появится сама в это время; текущее время или раньше — сразу.") ?>
  <div class="field">
    <label for="image">Картинка</label>
    <?cs if:Query.pending_image ?><p class="hint">Выбрана картинка (видна в предпросмотре); она сохранится вместе с новостью. Можно выбрать другую.</p>
    <?cs elif:Item.has_image == 1 ?><p><img src="/news/<?cs var:Item.id ?>/image" alt="Текущая картинка" class="news-thumb"></p>
    <p><input id="remove_image" name="remove_image" type="checkbox" value="1"<?cs if:Query.remove_image == "1" ?> checked<?cs /if ?>> <label for="remove_image" class="inline-label">Удалить картинку</label></p><?cs /if ?>
    <input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="hint-image<?cs if:Form.Error.image ?> err-image<?cs /if ?>"<?cs if:Form.Error.image ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="hint-image">JPEG, PNG или WebP, до <?cs var:bytes(Limit.Image) ?>.</p>
    <?cs call:field_error("image") ?>
  </div>
  <?cs call:text_field("image_alt", "Описание картинки", "text", 300, 0, "Для незрячих читателей: что на картинке. Обязательно, если картинка есть.") ?>
  <div class="actions">
    <button type="submit" name="action" value="preview" class="secondary">Предпросмотр</button>
    <button type="submit" name="action" value="save">Сохранить</button>
  </div>
</form>
<?cs if:Item.id ?>
<p class="actions">
  <?cs if:Item.state != "draft" ?><a class="button secondary" href="/staff/news/<?cs var:Item.id ?>/unpublish">Снять с публикации</a><?cs /if ?>
  <a class="button secondary" href="/staff/news/<?cs var:Item.id ?>/delete">Удалить</a>
</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
