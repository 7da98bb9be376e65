<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<?cs each:u = Urls ?><url><loc><?cs var:Site.URL ?><?cs var:u.path ?></loc></url>
<?cs /each ?><?cs each:u = Rows ?><url><loc><?cs var:Site.URL ?><?cs var:Prefix ?><?cs var:u.id ?></loc><?cs if:u.lastmod ?><lastmod><?cs var:u.lastmod ?></lastmod><?cs /if ?></url>
<?cs /each ?></urlset>
