<?cs include:"header.cs" ?>
<?cs if:Help.Page != "index" ?><nav class="crumbs" aria-label="Навигация"><a href="/help">Помощь</a></nav><?cs /if ?>
<article class="help">
  <h1><?cs var:Help.Title ?></h1>
  <?cs if:subcount(Toc) > 1 ?>
  <nav class="toc" aria-labelledby="toc-h">
    <h2 id="toc-h" class="toc-title">Содержание</h2>
    <ol>
    <?cs each:t = Toc ?><li><a href="#<?cs var:t.id ?>"><?cs var:t.title ?></a></li>
    <?cs /each ?><li><a href="#contacts">Куда обращаться</a></li>
    </ol>
  </nav>
  <?cs /if ?>
  <?cs # a file of templates/help/ rendered by gr_markdown (cmark, safe), anchors added by help.c ?>
  <div class="text markdown"><?cs uvar:Help.html ?></div>
  <section class="contacts" aria-labelledby="contacts">
    <h2 id="contacts">Куда обращаться</h2>
    <?cs if:Operator.Name ?>
    <p>Оператор конкурса: <strong><?cs var:Operator.Name ?></strong></p>
    <ul>
      <?cs if:Operator.Address ?><li>Адрес: <?cs var:Operator.Address ?></li><?cs /if ?>
      <?cs if:Operator.Phone ?><li>Телефон: <a href="tel:<?cs var:Operator.Phone ?>"><?cs var:Operator.Phone ?></a></li><?cs /if ?>
      <?cs if:Operator.Email ?><li>Эл. почта: <a href="mailto:<?cs var:Operator.Email ?>"><?cs var:Operator.Email ?></a></li><?cs /if ?>
      <?cs if:Operator.Hours ?><li>Часы работы: <?cs var:Operator.Hours ?></li><?cs /if ?>
    </ul>
    <?cs /if ?>
    <p>Бесплатные консультации по заявке дают <a href="/centres">ресурсные центры НКО</a> — они есть в каждом муниципальном образовании края: выберите свой и задайте вопрос через форму на его странице.</p>
    <p>Идею или предложение по работе конкурса можно отправить через форму <a href="/ideas">«Идеи и предложения»</a>.</p>
  </section>
</article>
<?cs include:"footer.cs" ?>
