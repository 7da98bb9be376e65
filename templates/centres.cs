<?cs include:"header.cs" ?>
<?cs include:"centre_data.cs" ?>
<h1>Ресурсные центры НКО</h1>
<p>Ресурсные центры бесплатно консультируют некоммерческие организации и инициативные группы: регистрация НКО, подготовка заявки на конкурс, бюджет проекта, отчётность. Выберите центр своего муниципального образования и запишитесь на консультацию.</p>
<form method="get" action="/centres" class="filters">
  <div class="field">
    <label for="municipality">Муниципальное образование</label>
    <select id="municipality" name="municipality">
      <option value="">Все муниципальные образования</option>
      <?cs each:m = Munis ?><option value="<?cs var:m.id ?>"<?cs if:m.id == Filter.municipality ?> selected<?cs /if ?>><?cs var:m.name ?></option><?cs /each ?>
    </select>
  </div>
  <button type="submit">Показать</button>
</form>
<?cs if:Filter.municipality ?><p><a href="/centres">Показать центры всех муниципальных образований</a></p><?cs /if ?>
<?cs if:subcount(Groups) == 0 ?><p>Ресурсные центры пока не добавлены.</p><?cs /if ?>
<?cs each:g = Groups ?>
<section aria-labelledby="muni-<?cs var:g.id ?>" class="centre-group">
  <h2 id="muni-<?cs var:g.id ?>"><?cs var:g.name ?></h2>
  <ul class="cards centre-list">
  <?cs each:c = g.Centres ?>
    <li class="card" id="centre-<?cs var:c.id ?>">
      <h3><a href="/centres/<?cs var:c.id ?>"><?cs var:c.name ?></a></h3>
      <?cs call:centre_data(c) ?>
      <?cs if:c.email ?><p><a class="button" href="/centres/<?cs var:c.id ?>#request">Записаться на консультацию<span class="sr"> в центр «<?cs var:c.name ?>»</span></a></p><?cs /if ?>
    </li>
  <?cs /each ?>
  </ul>
</section>
<?cs /each ?>
<p>Нет центра в вашем районе? Обратитесь в любой из центров: многие консультации проходят по телефону и видеосвязи. Предложить открыть центр можно через форму <a href="/ideas">«Идеи и предложения»</a>.</p>
<?cs include:"footer.cs" ?>
