<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> · <a href="/staff/news">Новости</a> · <a href="/staff/news/<?cs var:Item.id ?>">Правка</a></p>
<h1><?cs var:Page.Title ?></h1>
<?cs if:Confirm == "delete" ?>
<p>Удалить новость «<?cs var:Item.title ?>» вместе с картинкой? Вернуть её будет нельзя.</p>
<?cs else ?>
<p>Снять новость «<?cs var:Item.title ?>» с публикации? Она станет черновиком: на сайте и в ленте её не будет, пока вы не укажете время публикации снова.</p>
<?cs /if ?>
<form method="post" action="/staff/news/<?cs var:Item.id ?>/<?cs var:Confirm ?>" class="form">
  <?cs call:csrf_field() ?>
  <button type="submit"<?cs if:Confirm == "delete" ?> class="danger"<?cs /if ?>><?cs if:Confirm == "delete" ?>Удалить навсегда<?cs else ?>Снять с публикации<?cs /if ?></button>
  <a href="/staff/news/<?cs var:Item.id ?>">Отмена</a>
</form>
<?cs include:"footer.cs" ?>
