<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/news">Новости</a></nav>
<article class="news">
  <h1><?cs var:Item.title ?></h1>
  <p class="muted"><time><?cs var:mskdate(Item.ts) ?></time></p>
  <p class="lead"><strong><?cs var:Item.summary ?></strong></p>
  <?cs if:Item.has_image == 1 ?><figure class="news-image"><img src="/news/<?cs var:Item.id ?>/image" alt="<?cs var:Item.image_alt ?>"></figure><?cs /if ?>
  <?cs # the body's Markdown rendered by gr_markdown (cmark, safe: no raw HTML, no script links) ?>
  <div class="text markdown"><?cs uvar:Item.body_html ?></div>
</article>
<?cs include:"footer.cs" ?>
