<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> — <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/site.css">
<link rel="alternate" type="application/atom+xml" title="Новости — <?cs var:Site.Name ?>" href="/news.atom">
<?cs if:Page.Description ?><meta name="description" content="<?cs var:Page.Description ?>"><?cs /if ?>
<?cs if:Page.OG.Title ?>
<meta property="og:type" content="<?cs alt:Page.OG.Type ?>website<?cs /alt ?>">
<meta property="og:site_name" content="<?cs var:Site.Name ?>">
<meta property="og:title" content="<?cs var:Page.OG.Title ?>">
<?cs if:Page.OG.Description ?><meta property="og:description" content="<?cs var:Page.OG.Description ?>"><?cs /if ?>
<?cs if:Page.OG.Path ?><meta property="og:url" content="<?cs var:Site.URL ?><?cs var:Page.OG.Path ?>"><?cs /if ?>
<?cs if:Page.OG.Image ?><meta property="og:image" content="<?cs var:Site.URL ?><?cs var:Page.OG.Image ?>"><?cs /if ?>
<?cs /if ?>
</head>
<body>
<a class="skip" href="#main">Перейти к содержанию</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/"><?cs var:Site.Name ?></a>
    <form class="search" method="get" action="/projects" role="search">
      <label for="site-q" class="sr">Поиск проектов</label>
      <input type="search" id="site-q" name="q" maxlength="200" placeholder="Поиск проектов" value="<?cs var:Search.Q ?>">
      <button type="submit">Найти</button>
    </form>
    <nav aria-label="Личное меню">
      <ul>
        <?cs if:User.Role.applicant ?>
        <li><a href="/my"<?cs if:Page.Nav == "my" ?> aria-current="page"<?cs /if ?>>Мои заявки</a></li>
        <li><a href="/org"<?cs if:Page.Nav == "org" ?> aria-current="page"<?cs /if ?>>Организация</a></li>
        <?cs /if ?>
        <?cs if:User.Role.expert ?>
        <li><a href="/expert"<?cs if:Page.Nav == "expert" ?> aria-current="page"<?cs /if ?>>Экспертиза</a></li>
        <?cs /if ?>
        <?cs if:User.Role.secretary ?>
        <li><a href="/commission"<?cs if:Page.Nav == "commission" ?> aria-current="page"<?cs /if ?>>Комиссия</a></li>
        <?cs /if ?>
        <?cs if:User.Role.staff ?>
        <li><a href="/staff/competitions"<?cs if:Page.Nav == "staff" ?> aria-current="page"<?cs /if ?>>Конкурсы и заявки</a></li>
        <?cs /if ?>
        <?cs if:User.Id ?>
        <li><a href="/cabinet"<?cs if:Page.Nav == "cabinet" ?> aria-current="page"<?cs /if ?>>Личный кабинет</a></li>
        <li><form class="inline" method="post" action="/logout"><?cs call:csrf_field() ?><button type="submit" class="link">Выйти</button></form></li>
        <?cs else ?>
        <li><a href="/login"<?cs if:Page.Nav == "login" ?> aria-current="page"<?cs /if ?>>Войти</a></li>
        <li><a href="/register">Регистрация</a></li>
        <?cs /if ?>
      </ul>
    </nav>
  </div>
  <nav class="sections" aria-label="Разделы сайта">
    <ul class="wrap">
      <li><a href="/competitions"<?cs if:Page.Nav == "competitions" ?> aria-current="page"<?cs /if ?>>Конкурсы</a></li>
      <li><a href="/projects"<?cs if:Page.Nav == "projects" ?> aria-current="page"<?cs /if ?>>Выставка проектов</a></li>
      <li><a href="/results"<?cs if:Page.Nav == "results" ?> aria-current="page"<?cs /if ?>>Итоги</a></li>
      <li><a href="/stats"<?cs if:Page.Nav == "stats" ?> aria-current="page"<?cs /if ?>>Статистика</a></li>
      <li><a href="/news"<?cs if:Page.Nav == "news" ?> aria-current="page"<?cs /if ?>>Новости</a></li>
      <li><a href="/events"<?cs if:Page.Nav == "events" ?> aria-current="page"<?cs /if ?>>Мероприятия</a></li>
      <li><a href="/centres"<?cs if:Page.Nav == "centres" ?> aria-current="page"<?cs /if ?>>Ресурсные центры</a></li>
      <li><a href="/ideas"<?cs if:Page.Nav == "ideas" ?> aria-current="page"<?cs /if ?>>Идеи и предложения</a></li>
      <li><a href="/help"<?cs if:Page.Nav == "help" ?> aria-current="page"<?cs /if ?>>Помощь</a></li>
    </ul>
  </nav>
  </div>
</header>
<main id="main" class="wrap">
