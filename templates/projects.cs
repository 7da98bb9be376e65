<?cs include:"header.cs" ?>
<h1>Выставка проектов</h1>
<form class="filters" method="get" action="/projects" aria-label="Фильтры">
  <label>Муниципальное образование
    <select name="municipality">
      <option value="">Все</option>
      <?cs # options rendered (escaped) by list_options.cs, once per process and selection ?><?cs uvar:Filter.Options.municipality ?>
    </select>
  </label>
  <label>Направление
    <select name="direction">
      <option value="">Все</option>
      <?cs uvar:Filter.Options.direction ?>
    </select>
  </label>
  <label>Конкурс
    <select name="competition">
      <option value="">Все</option>
      <?cs uvar:Filter.Options.competition ?>
    </select>
  </label>
  <label>Статус
    <select name="status">
      <option value="">Все</option>
      <option value="applicant"<?cs if:Filter.status == "applicant" ?> selected<?cs /if ?>>Участники конкурса</option>
      <option value="winner"<?cs if:Filter.status == "winner" ?> selected<?cs /if ?>>Победители</option>
      <option value="completed"<?cs if:Filter.status == "completed" ?> selected<?cs /if ?>>Реализованные</option>
    </select>
  </label>
  <button type="submit">Показать</button>
</form>

<p class="muted" id="found">Найдено проектов: <?cs var:Pager.Total ?></p>
<?cs if:subcount(Projects) == 0 ?>
<p>По выбранным условиям проектов нет. <a href="/projects">Сбросить фильтры</a></p>
<?cs else ?>
<ul class="list">
<?cs each:p = Projects ?>
  <li class="item">
    <h2><a href="/projects/<?cs var:p.id ?>"><?cs var:p.title ?></a></h2>
    <p class="meta"><?cs var:p.org ?> · <?cs var:p.municipality ?> · <?cs var:p.direction ?></p>
    <p><?cs var:p.summary ?></p>
    <p><?cs call:exhibit_badge(p.exhibit) ?><?cs if:p.granted_kopecks ?> Грант: <?cs var:rub(p.granted_kopecks) ?><?cs else ?> Запрошено: <?cs var:rub(p.requested_kopecks) ?><?cs /if ?></p>
  </li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs call:pager() ?>
<?cs include:"footer.cs" ?>
