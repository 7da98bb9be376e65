<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/projects">Выставка проектов</a> › <a href="/projects?municipality=<?cs var:Project.municipality_id ?>"><?cs var:Project.municipality ?></a></nav>
<article class="project">
  <h1><?cs var:Project.title ?></h1>
  <p><?cs call:exhibit_badge(Project.exhibit) ?></p>
  <dl class="card-data">
    <dt>Организация</dt><dd><?cs var:Project.org ?></dd>
    <dt>Муниципальное образование</dt><dd><?cs var:Project.municipality ?></dd>
    <dt>Направление</dt><dd><a href="/projects?direction=<?cs var:Project.direction_id ?>"><?cs var:Project.direction ?></a></dd>
    <dt>Конкурс</dt><dd><a href="/projects?competition=<?cs var:Project.competition_id ?>"><?cs var:Project.competition ?></a></dd>
    <?cs if:Project.number ?><dt>Номер заявки</dt><dd><?cs var:Project.number ?></dd><?cs /if ?>
    <dt>Запрошено</dt><dd><?cs var:rub(Project.requested_kopecks) ?></dd>
    <?cs if:Project.cofin_kopecks > 0 ?><dt>Софинансирование</dt><dd><?cs var:rub(Project.cofin_kopecks) ?></dd><?cs /if ?>
    <?cs if:Project.granted_kopecks ?><dt>Размер гранта</dt><dd><?cs var:rub(Project.granted_kopecks) ?></dd><?cs /if ?>
    <?cs if:Project.starts_ts ?><dt>Сроки</dt><dd><?cs var:mskdate(Project.starts_ts) ?> — <?cs var:mskdate(Project.ends_ts) ?></dd><?cs /if ?>
  </dl>
  <h2>Кратко о проекте</h2>
  <p class="text"><?cs var:Project.summary ?></p>
  <?cs if:Project.problem ?><h2>Проблема</h2><p class="text"><?cs var:Project.problem ?></p><?cs /if ?>
  <?cs if:Project.goal ?><h2>Цель</h2><p class="text"><?cs var:Project.goal ?></p><?cs /if ?>
  <?cs if:Project.results ?><h2>Результаты</h2><p class="text"><?cs var:Project.results ?></p><?cs /if ?>
  <?cs if:subcount(Media) > 0 ?><?cs set:photos = 0 ?><?cs set:handouts = 0 ?><?cs each:m = Media ?><?cs if:m.kind == "photo" ?><?cs set:photos = photos + 1 ?><?cs else ?><?cs set:handouts = handouts + 1 ?><?cs /if ?><?cs /each ?>
  <?cs if:photos > 0 ?><h2>Фотографии</h2>
  <ul class="gallery">
  <?cs each:m = Media ?><?cs if:m.kind == "photo" ?><li><figure><a href="/media/<?cs var:m.id ?>"><img src="/media/<?cs var:m.id ?>/thumb" alt="<?cs var:m.title ?>" width="<?cs var:m.thumb_width ?>" height="<?cs var:m.thumb_height ?>" loading="lazy"></a><figcaption><?cs var:m.title ?></figcaption></figure></li>
  <?cs /if ?><?cs /each ?></ul><?cs /if ?>
  <?cs if:handouts > 0 ?><h2>Материалы проекта</h2>
  <ul class="handouts">
  <?cs each:m = Media ?><?cs if:m.kind == "handout" ?><li><a href="/media/<?cs var:m.id ?>" download><?cs var:m.title ?></a> <span class="muted">(PDF, <?cs var:bytes(m.size) ?>)</span></li>
  <?cs /if ?><?cs /each ?></ul><?cs /if ?>
  <?cs /if ?>
  <h2>Контакты организации</h2>
  <?cs if:Project.org_has_logo == 1 ?><p><img src="/org/logo/<?cs var:Project.org_id ?>" alt="Логотип: <?cs var:Project.org ?>" class="logo"></p><?cs /if ?>
  <p><?cs var:Project.org_full ?></p>
  <ul>
    <?cs if:Project.org_phone ?><li>Телефон: <?cs var:Project.org_phone ?></li><?cs /if ?>
    <?cs if:Project.org_email ?><li>Эл. почта: <?cs var:Project.org_email ?></li><?cs /if ?>
  </ul>
  <?cs if:subcount(Others) > 0 ?><h2>Другие проекты организации</h2>
  <ul class="org-projects">
  <?cs each:o = Others ?><li><a href="/projects/<?cs var:o.id ?>"><?cs var:o.title ?></a> <?cs call:exhibit_badge(o.exhibit) ?></li>
  <?cs /each ?></ul><?cs /if ?>
</article>
<?cs include:"project_comments.cs" ?>
<?cs include:"footer.cs" ?>
