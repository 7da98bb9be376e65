<?cs include:"header.cs" ?>
<?cs # staff_apps.cs — the registry of applications (cgi-bin/staff_apps.c). Links are
     /staff/applications? + Base.Filters + Base.Status + Base.Sort, each empty or ending with &. ?>
<?cs def:reg_status(s) ?><?cs if:s == "overdue" ?>Доработка просрочена<?cs else ?><?cs call:app_status(s) ?><?cs /if ?><?cs /def ?>
<?cs def:sort_th(key, label) ?><th scope="col"<?cs if:Sort.key == key ?> aria-sort="<?cs if:Sort.dir == "asc" ?>ascending<?cs else ?>descending<?cs /if ?>"<?cs /if ?>><a href="/staff/applications?<?cs var:Base.Filters ?><?cs var:Base.Status ?><?cs var:Sort.Link[key] ?>"><?cs var:label ?><?cs if:Sort.key == key ?> <span aria-hidden="true"><?cs if:Sort.dir == "asc" ?>↑<?cs else ?>↓<?cs /if ?></span><?cs /if ?></a></th><?cs /def ?>
<h1>Реестр заявок</h1>
<form class="filters" method="get" action="/staff/applications" aria-label="Фильтры">
  <label>Конкурс
    <select name="competition">
      <option value="">Все</option>
      <?cs # options rendered (escaped) by list_options.cs, once per process and selection ?><?cs uvar:Filter.Options.competition ?>
    </select>
  </label>
  <label>Статус
    <select name="status">
      <option value="">Все</option>
      <?cs each:st = StatusList ?><option value="<?cs var:st ?>"<?cs if:Filter.status == st ?> selected<?cs /if ?>><?cs call:reg_status(st) ?></option><?cs /each ?>
    </select>
  </label>
  <label>Направление
    <select name="direction">
      <option value="">Все</option>
      <?cs uvar:Filter.Options.direction ?>
    </select>
  </label>
  <label>Муниципальное образование
    <select name="municipality">
      <option value="">Все</option>
      <?cs uvar:Filter.Options.municipality ?>
    </select>
  </label>
  <?cs # inside a label only phrasing content: hints and errors are spans ?>
  <label>Подана с
    <input name="from" type="date" value="<?cs var:Query.from ?>"<?cs call:error_attrs("from") ?>>
    <?cs if:Form.Error.from ?><span class="field-error" id="err-from" role="alert"><?cs var:Form.Error.from ?></span><?cs /if ?>
  </label>
  <label>Подана по
    <input name="to" type="date" value="<?cs var:Query.to ?>"<?cs call:error_attrs("to") ?>>
    <?cs if:Form.Error.to ?><span class="field-error" id="err-to" role="alert"><?cs var:Form.Error.to ?></span><?cs /if ?>
  </label>
  <label>Поиск
    <input name="q" type="search" maxlength="100" value="<?cs var:Query.q ?>" aria-describedby="hint-q<?cs if:Form.Error.q ?> err-q<?cs /if ?>"<?cs if:Form.Error.q ?> aria-invalid="true"<?cs /if ?>>
    <span class="hint" id="hint-q">Номер или ИНН — точно, название проекта или организации — по части</span>
    <?cs if:Form.Error.q ?><span class="field-error" id="err-q" role="alert"><?cs var:Form.Error.q ?></span><?cs /if ?>
  </label>
  <?cs if:Base.Sort ?><input type="hidden" name="sort" value="<?cs var:Sort.key ?>"><input type="hidden" name="dir" value="<?cs var:Sort.dir ?>"><?cs /if ?>
  <button type="submit">Показать</button>
  <a href="/staff/applications">Сбросить фильтры</a>
</form>

<nav aria-label="Заявки по статусам"><ul class="counts" id="counts">
  <li><a href="/staff/applications?<?cs var:Base.Filters ?><?cs var:Base.Sort ?>"<?cs if:!Filter.status ?> aria-current="true"<?cs /if ?>>Все: <span class="n" data-status=""><?cs var:TotalAll ?></span></a></li>
  <?cs each:c = Counts ?><li><a href="/staff/applications?<?cs var:Base.Filters ?>status=<?cs var:c.status ?>&amp;<?cs var:Base.Sort ?>"<?cs if:Filter.status == c.status ?> aria-current="true"<?cs /if ?>><?cs call:reg_status(c.status) ?>: <span class="n" data-status="<?cs var:c.status ?>"><?cs var:c.n ?></span></a></li>
  <?cs /each ?>
</ul></nav>

<?cs if:Export.TooMany ?><p class="form-error" role="alert" id="too-many">В выборке <?cs var:Export.TooMany ?> заявок, а выгрузить за один раз можно не больше <?cs var:Export.Max ?>. Уточните фильтры и выгрузите по частям.</p><?cs /if ?>
<p class="muted" id="found">Найдено заявок: <?cs var:Total ?>.
  Выгрузить: <a href="/staff/applications.csv?<?cs var:Base.Filters ?><?cs var:Base.Status ?><?cs var:Base.Sort ?>" download>CSV для Excel</a>,
  <a href="/staff/applications.xlsx?<?cs var:Base.Filters ?><?cs var:Base.Status ?><?cs var:Base.Sort ?>" download>Excel (XLSX)</a></p>

<?cs if:subcount(Apps) == 0 ?>
<p>По выбранным условиям заявок нет.</p>
<?cs else ?>
<div class="scroll-x" role="region" aria-label="Заявки" tabindex="0"><table class="registry">
<caption class="sr">Заявки, страница <?cs var:Pager.Page ?> из <?cs var:Pager.Pages ?></caption>
<thead><tr>
  <?cs call:sort_th("number", "Номер") ?>
  <?cs call:sort_th("title", "Проект") ?>
  <?cs call:sort_th("org", "Организация") ?>
  <th scope="col">Муниципальное образование</th>
  <th scope="col">Направление</th>
  <?cs call:sort_th("amount", "Запрошено") ?>
  <?cs call:sort_th("submitted", "Подана (МСК)") ?>
  <?cs call:sort_th("status", "Статус") ?>
</tr></thead>
<tbody>
<?cs each:a = Apps ?><tr data-id="<?cs var:a.id ?>">
  <td><a href="/staff/applications/<?cs var:a.id ?>"><?cs var:a.number ?></a></td>
  <td><a href="/staff/applications/<?cs var:a.id ?>"><?cs var:a.title ?></a></td>
  <td><?cs var:a.org ?><br><span class="muted">ИНН <?cs var:a.inn ?></span></td>
  <td><?cs var:a.municipality ?></td>
  <td><?cs var:a.direction ?></td>
  <td><?cs var:rub(a.requested) ?></td>
  <td><?cs var:msk(a.submitted_ts) ?></td>
  <td><?cs call:reg_status(a.status) ?></td>
</tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?>
<?cs call:pager() ?>
<?cs include:"footer.cs" ?>
