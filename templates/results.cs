<?cs include:"header.cs" ?>
<h1>Итоги конкурсов</h1>
<?cs if:subcount(Comps) == 0 ?>
<p>Итоги конкурсов ещё не опубликованы.</p>
<?cs else ?>
<div class="scroll-x"><table id="results"><thead><tr><th scope="col">Конкурс</th><th scope="col">Итоги опубликованы</th><th scope="col">Победителей</th><th scope="col">Сумма грантов</th></tr></thead><tbody>
<?cs each:c = Comps ?><tr><td><a href="/results/<?cs var:c.id ?>"><?cs var:c.title ?></a></td><td><?cs var:mskdate(c.published_ts) ?></td><td><?cs var:c.winners ?></td><td><?cs var:rub(c.granted_kopecks) ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<p>Итоги каждого конкурса доступны и как открытые данные — CSV и JSON: <a href="/results/data">описание форматов</a>.</p>
<?cs include:"footer.cs" ?>
