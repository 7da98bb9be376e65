<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<?cs each:f = Files ?><sitemap><loc><?cs var:Site.URL ?>/sitemap/<?cs var:f ?>.xml</loc></sitemap>
<?cs /each ?></sitemapindex>
