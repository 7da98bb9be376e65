<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a></p>
<h1>Ресурсные центры НКО</h1>
<p><a class="button" href="/staff/centres/new">Добавить центр</a> · <a href="/centres">Каталог центров на сайте</a></p>
<?cs if:subcount(Centres) == 0 ?>
<p>Ресурсных центров пока нет.</p>
<?cs else ?>
<div class="scroll-x"><table id="centres"><thead><tr><th scope="col">Центр</th><th scope="col">Муниципальное образование</th><th scope="col">Эл. почта</th><th scope="col">На сайте</th><th scope="col">Запросы на консультацию</th></tr></thead><tbody>
<?cs each:c = Centres ?><tr id="centre-<?cs var:c.id ?>">
  <td><a href="/staff/centres/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
  <td><?cs var:c.municipality ?></td>
  <td><?cs if:c.email ?><?cs var:c.email ?><?cs else ?>нет — форма запроса не показывается<?cs /if ?></td>
  <td><?cs if:c.active == 1 ?>показан<?cs else ?>скрыт<?cs /if ?></td>
  <td><a href="/staff/centres/<?cs var:c.id ?>/requests">всего <?cs var:c.requests ?>, новых <?cs var:c.new_requests ?><span class="sr">: <?cs var:c.name ?></span></a></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
