<?cs include:"header.cs" ?>
<h1><?cs if:Search.Active ?>Поиск проектов<?cs else ?>Выставка проектов<?cs /if ?></h1>
<form class="filters" method="get" action="/projects" role="search" aria-label="Поиск и фильтры">
  <label class="q">Слова из названия, описания или названия организации
    <input type="search" name="q" maxlength="200" value="<?cs var:Search.Q ?>">
  </label>
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
  <button type="submit"><?cs if:Search.Active ?>Найти<?cs else ?>Показать<?cs /if ?></button>
</form>

<?cs if:Search.Cut ?><div class="notice" role="status"><p>Запрос длиннее 200 знаков: искали по первым 200.</p></div><?cs /if ?>
<?cs if:Search.NoWords ?><div class="notice" role="status"><p>В запросе нет слов для поиска — показаны все проекты. Введите слово из названия проекта, его описания или названия организации.</p></div><?cs /if ?>
<p class="muted" id="found"><?cs if:Search.Active ?>Найдено по запросу «<?cs var:Search.Q ?>»<?cs else ?>Найдено проектов<?cs /if ?>: <?cs var:Pager.Total ?></p>
<?cs if:subcount(Projects) == 0 && Search.Active ?>
<div class="empty">
  <p>По запросу «<?cs var:Search.Q ?>» проектов не нашлось<?cs if:Filter.municipality || Filter.direction || Filter.competition || Filter.status ?> с выбранными фильтрами<?cs /if ?>. Попробуйте:</p>
  <ul>
    <li>проверить, нет ли в словах опечатки;</li>
    <li>оставить меньше слов или взять слово покороче — «школ» найдёт и «школа», и «школьников»;</li>
    <?cs if:Filter.municipality || Filter.direction || Filter.competition || Filter.status ?><li><a href="/projects?q=<?cs var:url_escape(Search.Q) ?>">искать без фильтров</a>;</li><?cs /if ?>
    <li><a href="/projects">посмотреть все проекты выставки</a>.</li>
  </ul>
</div>
<?cs elif:subcount(Projects) == 0 ?>
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
