# robots.txt — made by the sitemap program: the private areas stay out of
# search engines; the sitemap's address is the site's own (Site.URL).
User-agent: *
Disallow: /staff
Disallow: /admin
Disallow: /expert
Disallow: /commission
Disallow: /cabinet
Disallow: /account
Disallow: /applications
Disallow: /my
Disallow: /org
Allow: /org/logo/
Disallow: /files
Disallow: /login
Disallow: /logout
Disallow: /register
Disallow: /reset

Sitemap: <?cs var:Site.URL ?>/sitemap.xml
