<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a> › Конкурсы</p>
<h1>Конкурсы</h1>
<p><a class="button" href="/staff/competitions/new">Новый конкурс</a></p>
<?cs if:subcount(Comps) == 0 ?><p>Конкурсов пока нет.</p><?cs else ?>
<div class="scroll-x"><table>
<caption class="sr">Конкурсы: этап, сроки приёма и заявки по статусам</caption>
<thead><tr><th scope="col">Конкурс</th><th scope="col">Этап</th><th scope="col">Приём заявок (МСК)</th><th scope="col">Всего заявок</th><th scope="col">Черновики</th><th scope="col">На проверке</th><th scope="col">На доработке</th><th scope="col">Допущены</th><th scope="col">Отклонены</th><th scope="col">Победители</th><th scope="col">Не прошли</th><th scope="col">Отозваны</th></tr></thead>
<tbody>
<?cs each:c = Comps ?><tr>
<td><a href="/staff/competitions/<?cs var:c.id ?>"><?cs var:c.title ?></a></td>
<td><?cs call:stage_name(c.stage) ?></td>
<td><?cs var:msk(c.opens_ts) ?> — <?cs var:msk(c.closes_ts) ?></td>
<td><?cs var:c.total ?></td><td><?cs var:c.drafts ?></td><td><?cs var:c.submitted ?></td><td><?cs var:c.returned ?></td><td><?cs var:c.admitted ?></td><td><?cs var:c.rejected ?></td><td><?cs var:c.winners ?></td><td><?cs var:c.not_winners ?></td><td><?cs var:c.withdrawn ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
