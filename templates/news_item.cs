<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/news">Новости</a></nav>
<article class="news">
  <h1><?cs var:Item.title ?></h1>
  <p class="muted"><time><?cs var:mskdate(Item.ts) ?></time></p>
  <p class="lead"><strong><?cs var:Item.summary ?></strong></p>
  <div class="text"><?cs var:Item.body ?></div>
</article>
<?cs include:"footer.cs" ?>
