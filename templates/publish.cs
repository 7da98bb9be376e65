<?cs include:"header.cs" ?>
<?cs include:"staff_competition_nav.cs" ?>
<h2>Публикация итогов</h2>
<?cs if:Published ?><div class="notice" role="status"><p>Итоги опубликованы. Писем с итогами заявителям: <?cs var:Mailed ?>.</p></div><?cs /if ?>
<?cs if:Comp.published_ts ?>
<p>Итоги опубликованы <?cs var:msk(Comp.published_ts) ?> (МСК)<?cs if:Publisher.name ?>, опубликовал(а): <?cs var:Publisher.name ?><?cs /if ?>.</p>
<ul>
  <li><a href="/results/<?cs var:Comp.id ?>">Итоги конкурса на сайте</a></li>
  <li>Открытые данные: <a href="/results/<?cs var:Comp.id ?>.csv">CSV</a>, <a href="/results/<?cs var:Comp.id ?>.json">JSON</a> (<a href="/results/data">описание форматов</a>)</li>
</ul>
<?cs /if ?>
<h3>Решение комиссии</h3>
<?cs if:Decided ?>
<p>Решение комиссии от <?cs var:Decision.decided_on ?>, протокол № <?cs var:Decision.protocol_number ?> (записано <?cs var:msk(Decision.recorded_ts) ?> МСК). <a href="/commission/<?cs var:Comp.id ?>/protocol">Протокол</a></p>
<?cs else ?>
<p>Решение комиссии ещё не записано: его записывает секретарь комиссии (дата, номер протокола, присутствовавшие члены).</p>
<?cs /if ?>
<?cs if:!Comp.published_ts ?>
<h3>Что сделает публикация</h3>
<ul>
  <li>Станут победителями (заявок): <strong><?cs var:Plan.winners ?></strong>, на сумму <strong><?cs var:rub(Plan.granted) ?></strong> (фонд конкурса <?cs var:rub(Comp.fund_kopecks) ?>); победители, согласившиеся на публикацию, появятся на выставке проектов со статусом «Победитель» и суммой гранта.</li>
  <li>Не прошли отбор: <strong><?cs var:Plan.others ?></strong>; они остаются на выставке участниками конкурса, если были на ней.</li>
  <li>Писем с итогом, баллами и комментариями экспертов (без имён экспертов) получат представители организаций: <strong><?cs var:Plan.mails.n ?></strong>.<?cs if:Plan.unmailed.n > 0 ?> У организаций <strong><?cs var:Plan.unmailed.n ?></strong> заявок нет пользователей на платформе: письмо с итогом им не уйдёт — сообщите итог по контактам организации.<?cs /if ?></li>
  <li>Конкурс перейдёт на этап «Итоги подведены»; откроются страница итогов и открытые данные.</li>
</ul>
<?cs /if ?>
<?cs if:subcount(Apps) > 0 ?>
<div class="scroll-x"><table><thead><tr><th scope="col">Заявка</th><th scope="col">Проект</th><th scope="col">Организация</th><th scope="col">Балл</th><th scope="col">Решение</th><th scope="col">Грант</th></tr></thead><tbody>
<?cs each:a = Apps ?><tr><td><a href="/staff/applications/<?cs var:a.id ?>"><?cs var:a.number ?></a></td><td><?cs var:a.title ?></td><td><?cs var:a.org_name ?></td><td><?cs if:a.score_text ?><?cs var:a.score_text ?><?cs else ?>не оценена<?cs /if ?></td>
<td><?cs if:a.status == "scored" ?><?cs if:a.winner == 1 ?>Победитель (отметка комиссии)<?cs else ?>Не прошла отбор (отметка комиссии)<?cs /if ?><?cs else ?><?cs call:app_status(a.status) ?><?cs /if ?></td>
<td><?cs if:a.status == "scored" && a.winner == 1 ?><?cs var:rub(a.marked_kopecks) ?><?cs elif:a.granted_kopecks ?><?cs var:rub(a.granted_kopecks) ?><?cs else ?>—<?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs if:Refusal ?>
<p class="notice" id="refusal"><?cs var:Refusal ?></p>
<?cs elif:MayPublish ?>
<form method="post" action="/staff/competitions/<?cs var:Comp.id ?>/publish" class="form">
  <?cs call:csrf_field() ?>
  <p>Публикация необратима: статусы заявок изменятся, письма уйдут заявителям сразу.</p>
  <button type="submit">Опубликовать итоги</button>
</form>
<?cs else ?>
<p class="hint">Опубликовать итоги может сотрудник; администратор видит эту страницу только для чтения.</p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
