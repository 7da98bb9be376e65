<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/results">Итоги конкурсов</a> › <?cs var:Comp.title ?></p>
<h1>Итоги: <?cs var:Comp.title ?></h1>
<p><?cs if:Comp.protocol_number ?>Решение конкурсной комиссии от <?cs var:Comp.decision_day ?>, протокол № <?cs var:Comp.protocol_number ?>. <?cs /if ?>Итоги опубликованы <?cs var:msk(Comp.published_ts) ?> (МСК).</p>
<p>Победителей: <strong id="winners-count"><?cs var:Total.winners ?></strong>, сумма грантов: <strong><?cs var:rub(Total.granted) ?></strong> (фонд конкурса <?cs var:rub(Comp.fund_kopecks) ?>).</p>
<?cs if:subcount(Winners) == 0 ?>
<p>Победителей нет.</p>
<?cs else ?>
<div class="scroll-x"><table id="winners"><caption>Победители конкурса по итоговому баллу</caption><thead><tr><th scope="col">№ заявки</th><th scope="col">Организация</th><th scope="col">ИНН</th><th scope="col">Муниципальное образование</th><th scope="col">Направление</th><th scope="col">Проект</th><th scope="col">Сумма гранта</th><th scope="col">Балл</th></tr></thead><tbody>
<?cs each:w = Winners ?><tr data-project="<?cs var:w.id ?>"><td><?cs var:w.number ?></td><td><?cs var:w.organization ?></td><td><?cs var:w.inn ?></td><td><?cs var:w.municipality ?></td><td><?cs var:w.direction ?></td><td><?cs if:w.listed == 1 ?><a href="/projects/<?cs var:w.id ?>"><?cs var:w.title ?></a><?cs else ?><?cs var:w.title ?><?cs /if ?></td><td><?cs var:rub(w.granted_kopecks) ?></td><td><?cs var:w.score_text ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<p>Открытые данные: <a href="/results/<?cs var:Comp.id ?>.csv">CSV</a> · <a href="/results/<?cs var:Comp.id ?>.json">JSON</a> (<a href="/results/data">описание форматов</a>). <a href="/competitions/<?cs var:Comp.id ?>">Страница конкурса</a></p>
<?cs include:"footer.cs" ?>
