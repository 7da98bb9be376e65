<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/admin">Администрирование</a></p>
<h1>Пользователи</h1>
<p><a class="button" href="/admin/users/invite">Пригласить сотрудника, эксперта или секретаря</a></p>
<form class="filters" method="get" action="/admin/users" role="search" aria-label="Поиск пользователей">
  <label for="q">Эл. почта или имя
    <input id="q" name="q" type="search" maxlength="100" value="<?cs var:Query.q ?>"<?cs call:error_attrs("q") ?>>
  </label>
  <label>Роль
    <select name="role">
      <option value="">Любая</option>
      <?cs each:o = Roles ?><option value="<?cs var:o.name ?>"<?cs if:Filter.role == o.name ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?>
    </select>
  </label>
  <button type="submit">Найти</button>
</form>
<?cs call:field_error("q") ?>
<p class="muted" id="found">Найдено: <?cs var:Pager.Total ?></p>
<?cs if:subcount(Users) == 0 ?>
<p>Никого не нашлось. <a href="/admin/users">Показать всех</a></p>
<?cs else ?>
<ul class="list">
<?cs each:u = Users ?>
  <li class="item">
    <h2><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.email ?></a></h2>
    <p class="meta"><?cs var:u.name ?> · <?cs if:u.role_labels ?><?cs var:u.role_labels ?><?cs else ?>нет ролей<?cs /if ?> · <?cs if:u.disabled == 1 ?><strong>заблокирован</strong><?cs elif:u.invited == 1 ?>приглашён, пароль не задан<?cs elif:u.confirmed == 0 ?>адрес не подтверждён<?cs else ?>активен<?cs /if ?></p>
  </li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs call:pager() ?>
<?cs include:"footer.cs" ?>
