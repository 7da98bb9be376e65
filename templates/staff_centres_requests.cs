<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> › <a href="/staff/centres">Ресурсные центры</a> › <a href="/staff/centres/<?cs var:Centre.id ?>"><?cs var:Centre.name ?></a></p>
<h1>Запросы на консультацию</h1>
<p><?cs var:Centre.name ?>. Запросы приходят на адрес центра<?cs if:Centre.email ?> <?cs var:Centre.email ?><?cs /if ?>; здесь их можно отметить отвеченными. Всего: <?cs var:Requests.n ?>.</p>
<?cs if:Done ?><div class="notice" role="status"><p>Отметка сохранена.</p></div><?cs /if ?>
<?cs if:Conflict.number ?><p class="form-error" role="alert">Запрос <?cs var:Conflict.number ?> уже изменил другой сотрудник: сейчас он <?cs if:Conflict.status == "answered" ?>отмечен отвеченным<?cs else ?>ждёт ответа<?cs /if ?>. Отметка не изменена.</p><?cs /if ?>
<?cs if:subcount(Reqs) == 0 ?>
<p>Запросов пока нет.</p>
<?cs else ?>
<ul class="list">
<?cs each:q = Reqs ?>
  <li class="item" id="req-<?cs var:q.id ?>">
    <h2><?cs var:q.number ?> <span class="badge <?cs if:q.status == "answered" ?>badge-completed<?cs else ?>badge-applicant<?cs /if ?>"><?cs if:q.status == "answered" ?>Отвечен<?cs else ?>Новый<?cs /if ?></span></h2>
    <p class="meta"><?cs var:msk(q.ts) ?> (МСК) · <?cs var:q.name ?><?cs if:q.organization ?>, <?cs var:q.organization ?><?cs /if ?><?cs if:q.email ?> · <a href="mailto:<?cs var:q.email ?>"><?cs var:q.email ?></a><?cs /if ?><?cs if:q.phone ?> · <?cs var:q.phone ?><?cs /if ?></p>
    <p class="text"><?cs var:q.question ?></p>
    <?cs if:q.status == "answered" ?><p class="meta">Отмечен отвеченным <?cs var:msk(q.answered_ts) ?> (МСК)<?cs if:q.answered_by ?>, <?cs var:q.answered_by ?><?cs /if ?></p><?cs /if ?>
    <form method="post" action="/staff/centres/<?cs var:Centre.id ?>/requests">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="request" value="<?cs var:q.id ?>">
      <input type="hidden" name="was" value="<?cs var:q.status ?>">
      <?cs if:q.status == "answered" ?><input type="hidden" name="status" value="new"><button type="submit" class="secondary">Вернуть в ожидающие ответа<span class="sr"> <?cs var:q.number ?></span></button>
      <?cs else ?><input type="hidden" name="status" value="answered"><button type="submit">Отметить отвеченным<span class="sr"> <?cs var:q.number ?></span></button><?cs /if ?>
    </form>
  </li>
<?cs /each ?>
</ul>
<?cs call:pager() ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
