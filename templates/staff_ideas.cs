<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a></p>
<h1>Идеи и предложения</h1>
<form class="filters" method="get" action="/staff/ideas" aria-label="Фильтры">
  <label>Статус
    <select name="status">
      <option value="">Все</option>
      <?cs each:s = Statuses ?><option value="<?cs var:s.name ?>"<?cs if:Filter.status == s.name ?> selected<?cs /if ?>><?cs var:s.label ?><?cs each:b = ByStatus ?><?cs if:b.status == s.name ?> (<?cs var:b.n ?>)<?cs /if ?><?cs /each ?></option><?cs /each ?>
    </select>
  </label>
  <label>Муниципальное образование
    <select name="municipality">
      <option value="">Все</option>
      <?cs # options rendered (escaped) by list_options.cs ?><?cs uvar:Filter.Options.municipality ?>
    </select>
  </label>
  <button type="submit">Показать</button>
</form>
<p class="muted" id="found">Найдено: <?cs var:Pager.Total ?> · <a href="/staff/ideas.csv?<?cs var:Filter.Query ?>">Скачать списком для Excel (CSV)</a></p>
<?cs if:subcount(Ideas) == 0 ?>
<p>По выбранным условиям предложений нет. <a href="/staff/ideas">Сбросить фильтры</a></p>
<?cs else ?>
<ul class="list">
<?cs each:i = Ideas ?>
  <li class="item">
    <h2><a href="/staff/ideas/<?cs var:i.id ?>">Предложение № <?cs var:i.id ?></a> <span class="badge badge-applicant"><?cs var:i.status_label ?></span></h2>
    <p class="meta"><?cs var:msk(i.ts) ?> · <?cs var:i.name ?> &lt;<a href="mailto:<?cs var:i.email ?>"><?cs var:i.email ?></a>&gt;<?cs if:i.municipality ?> · <?cs var:i.municipality ?><?cs /if ?><?cs if:i.replies > 0 ?> · ответов: <?cs var:i.replies ?><?cs /if ?></p>
    <p class="text"><?cs var:i.body ?><?cs if:i.cut == 1 ?>… <a href="/staff/ideas/<?cs var:i.id ?>">читать полностью</a><?cs /if ?></p>
  </li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs call:pager() ?>
<?cs include:"footer.cs" ?>
