<?cs include:"header.cs" ?>
<h1>Новости</h1>
<?cs each:n = News ?>
<article class="news item">
  <h2><a href="/news/<?cs var:n.id ?>"><?cs var:n.title ?></a></h2>
  <p class="muted"><time><?cs var:mskdate(n.ts) ?></time></p>
  <p><?cs var:n.summary ?></p>
</article>
<?cs /each ?>
<?cs include:"footer.cs" ?>
