<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a></p>
<h1>Новости</h1>
<?cs if:Done == "deleted" ?><div class="notice" role="status"><p>Новость удалена.</p></div><?cs /if ?>
<p><a class="button" href="/staff/news/new">Написать новость</a></p>
<?cs if:subcount(News) == 0 ?>
<p>Новостей пока нет.</p>
<?cs else ?>
<div class="scroll-x"><table class="news-list">
<thead><tr><th scope="col">Заголовок</th><th scope="col">Состояние</th><th scope="col">Публикация (МСК)</th><th scope="col">Изменена</th></tr></thead>
<tbody>
<?cs each:n = News ?>
<tr class="state-<?cs var:n.state ?>">
  <td><a href="/staff/news/<?cs var:n.id ?>"><?cs var:n.title ?></a></td>
  <td><?cs var:n.state_label ?></td>
  <td><?cs if:n.ts ?><?cs var:msk(n.ts) ?><?cs else ?>—<?cs /if ?></td>
  <td><?cs if:n.updated_ts ?><?cs var:msk(n.updated_ts) ?><?cs else ?>—<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
