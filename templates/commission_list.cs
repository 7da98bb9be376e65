<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet">Личный кабинет</a> › Конкурсная комиссия</p>
<h1>Конкурсная комиссия</h1>
<p>Конкурсы на этапах экспертизы, работы комиссии и подведённых итогов.</p>
<?cs if:subcount(Comps) == 0 ?><p>Сейчас нет конкурсов на этапе экспертизы или работы комиссии.</p><?cs else ?>
<div class="scroll-x"><table id="competitions">
<caption class="sr">Конкурсы: этап, заявки на экспертизе, оценённые, отмеченные победители</caption>
<thead><tr><th scope="col">Конкурс</th><th scope="col">Этап</th><th scope="col">На экспертизе</th><th scope="col">Оценены</th><th scope="col">Отмечено победителей</th><th scope="col">Решение</th><th scope="col"><span class="sr">Ссылки</span></th></tr></thead>
<tbody>
<?cs each:c = Comps ?><tr id="comp-<?cs var:c.id ?>">
<td><a href="/commission/<?cs var:c.id ?>"><?cs var:c.title ?></a></td>
<td><?cs call:stage_name(c.stage) ?></td>
<td><?cs var:c.admitted ?></td><td><?cs var:c.scored ?></td><td><?cs var:c.winners ?></td>
<td><?cs if:c.decided == 1 ?>записано<?cs else ?>нет<?cs /if ?></td>
<td><a href="/commission/<?cs var:c.id ?>">Рейтинг</a><?cs if:c.decided == 1 ?> · <a href="/commission/<?cs var:c.id ?>/protocol">Протокол</a> · <a href="/commission/<?cs var:c.id ?>/protocol.pdf">PDF</a><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
