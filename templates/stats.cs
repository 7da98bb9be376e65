<?cs include:"header.cs" ?>
<h1>Статистика конкурсов</h1>
<form class="filters" method="get" action="/stats" aria-label="Фильтры статистики">
  <label>Год
    <select name="year">
      <option value="">Все годы</option>
      <?cs each:y = Years ?><option value="<?cs var:y.year ?>"<?cs if:Filter.year == y.year ?> selected<?cs /if ?>><?cs var:y.year ?></option><?cs /each ?>
    </select>
  </label>
  <label>Конкурс
    <select name="competition">
      <option value="">Все конкурсы</option>
      <?cs # options rendered (escaped) by list_options.cs ?><?cs uvar:Filter.Options.competition ?>
    </select>
  </label>
  <button type="submit">Показать</button>
</form>
<p class="stats-total" id="totals">Подано заявок: <strong><?cs var:Stats.Total.apps ?></strong>,
  победителей: <strong><?cs var:Stats.Total.winners ?></strong>,
  сумма грантов: <strong><?cs var:Stats.Total.granted ?></strong>.</p>
<p class="muted">Заявки — поданные на конкурс (без черновиков и отозванных); победители — проекты,
  получившие грант; сумма — гранты победителей. Год — год начала приёма заявок конкурса.</p>
<?cs def:stats_section(id, heading, col, s) ?>
<section class="stats-section" aria-labelledby="h-<?cs var:id ?>">
  <h2 id="h-<?cs var:id ?>"><?cs var:heading ?></h2>
  <?cs if:subcount(s.Rows) == 0 ?><p>По выбранным условиям заявок нет.</p><?cs else ?>
  <div class="stats-charts">
    <?cs # drawn by svg.c, every string in it XML-escaped; on a phone a chart keeps a readable
       size and scrolls sideways in its own box, the page does not ?>
    <figure class="chart-box"><figcaption>Поданные заявки</figcaption>
      <div class="scroll-x" role="region" aria-label="<?cs var:heading ?>: поданные заявки, диаграмма" tabindex="0"><?cs uvar:s.Chart.apps ?></div></figure>
    <figure class="chart-box"><figcaption>Сумма грантов победителей</figcaption>
      <div class="scroll-x" role="region" aria-label="<?cs var:heading ?>: сумма грантов, диаграмма" tabindex="0"><?cs uvar:s.Chart.granted ?></div></figure>
  </div>
    <div class="scroll-x" role="region" aria-label="<?cs var:heading ?>: таблица" tabindex="0"><table class="stats-table" id="table-<?cs var:id ?>">
      <caption><?cs var:heading ?>: таблица</caption>
      <thead><tr><th scope="col"><?cs var:col ?></th><th scope="col" class="num">Заявки</th><th scope="col" class="num">Победители</th><th scope="col" class="num">Сумма грантов</th></tr></thead>
      <tbody>
      <?cs each:row = s.Rows ?><tr data-id="<?cs var:row.id ?>"><th scope="row"><?cs var:row.label ?></th><td class="num" data-n="<?cs var:row.apps ?>"><?cs var:row.apps_text ?></td><td class="num" data-n="<?cs var:row.winners ?>"><?cs var:row.winners_text ?></td><td class="num" data-n="<?cs var:row.granted ?>"><?cs var:row.granted_text ?></td></tr>
      <?cs /each ?></tbody>
    </table></div>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs call:stats_section("muni", "По муниципальным образованиям", "Муниципальное образование", Stats.muni) ?>
<?cs call:stats_section("dir", "По направлениям", "Направление", Stats.dir) ?>
<?cs call:stats_section("year", "По годам", "Год", Stats.year) ?>
<?cs include:"footer.cs" ?>
