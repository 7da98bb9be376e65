<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> — <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip" href="#main">Перейти к содержанию</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/"><?cs var:Site.Name ?></a>
    <nav aria-label="Основное меню">
      <ul>
        <li><a href="/projects"<?cs if:Page.Nav == "projects" ?> aria-current="page"<?cs /if ?>>Выставка проектов</a></li>
        <li><a href="/results"<?cs if:Page.Nav == "results" ?> aria-current="page"<?cs /if ?>>Итоги</a></li>
        <li><a href="/news"<?cs if:Page.Nav == "news" ?> aria-current="page"<?cs /if ?>>Новости</a></li>
        <li><a href="/ideas"<?cs if:Page.Nav == "ideas" ?> aria-current="page"<?cs /if ?>>Идеи и предложения</a></li>
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
</header>
<main id="main" class="wrap">
