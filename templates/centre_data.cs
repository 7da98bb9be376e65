<?cs # A resource centre's contacts and services (centres.cs, centre.cs): c holds
     the resource_centres row. The website is staff's text checked on save
     (gf_web_address: http or https only). ?>
<?cs def:centre_data(c) ?>
      <dl class="card-data centre-data">
        <?cs if:c.address ?><dt>Адрес</dt><dd><?cs var:c.address ?></dd><?cs /if ?>
        <?cs if:c.phone ?><dt>Телефон</dt><dd><a href="tel:<?cs var:c.phone ?>"><?cs var:c.phone ?></a></dd><?cs /if ?>
        <?cs if:c.email ?><dt>Эл. почта</dt><dd><a href="mailto:<?cs var:c.email ?>"><?cs var:c.email ?></a></dd><?cs /if ?>
        <?cs if:c.hours ?><dt>Часы работы</dt><dd><?cs var:c.hours ?></dd><?cs /if ?>
        <?cs if:c.services ?><dt>Услуги</dt><dd class="text"><?cs var:c.services ?></dd><?cs /if ?>
        <?cs if:c.website ?><dt>Сайт</dt><dd><a href="<?cs var:c.website ?>" rel="noopener"><?cs var:c.website ?></a></dd><?cs /if ?>
      </dl><?cs /def ?>
