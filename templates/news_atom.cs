<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <id><?cs var:Site.URL ?>/news</id>
  <title>Новости — <?cs var:Site.Name ?></title>
  <updated><?cs var:FeedUpdated ?></updated>
  <author><name><?cs var:Site.Name ?></name></author>
  <link rel="self" type="application/atom+xml" href="<?cs var:Site.URL ?>/news.atom"/>
  <link rel="alternate" type="text/html" href="<?cs var:Site.URL ?>/news"/>
<?cs each:e = Feed ?>
  <entry>
    <id><?cs var:Site.URL ?>/news/<?cs var:e.id ?></id>
    <title><?cs var:e.title ?></title>
    <published><?cs var:e.published ?></published>
    <updated><?cs var:e.updated ?></updated>
    <link rel="alternate" type="text/html" href="<?cs var:Site.URL ?>/news/<?cs var:e.id ?>"/>
    <summary><?cs var:e.summary ?></summary>
    <content type="html"><?cs var:e.html ?></content>
  </entry>
<?cs /each ?>
</feed>
