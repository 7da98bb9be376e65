<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/staff">Кабинет сотрудника</a></p>
<h1>Комментарии к проектам</h1>
<ul class="counts" aria-label="Комментарии по статусам">
<?cs each:s = Statuses ?><li><a href="/staff/comments?status=<?cs var:s.name ?><?cs if:Filter.project ?>&amp;project=<?cs var:Filter.project ?><?cs /if ?>"<?cs if:Filter.status == s.name ?> aria-current="page"<?cs /if ?>><?cs var:s.label ?></a>: <span class="n-<?cs var:s.name ?>"><?cs set:cnt = 0 ?><?cs each:b = ByStatus ?><?cs if:b.status == s.name ?><?cs set:cnt = b.n ?><?cs /if ?><?cs /each ?><?cs var:cnt ?></span></li><?cs /each ?>
</ul>
<form class="filters" method="get" action="/staff/comments" aria-label="Фильтры">
  <label>Статус
    <select name="status">
      <?cs each:s = Statuses ?><option value="<?cs var:s.name ?>"<?cs if:Filter.status == s.name ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?>
      <option value="all"<?cs if:Filter.status == "all" ?> selected<?cs /if ?>>Все</option>
    </select>
  </label>
  <label>Проект (номер на выставке)
    <input name="project" inputmode="numeric" maxlength="20" size="8" value="<?cs if:Filter.project ?><?cs var:Filter.project ?><?cs /if ?>">
  </label>
  <button type="submit">Показать</button>
</form>
<?cs if:Filter.Project.id ?><p>Проект: <a href="/projects/<?cs var:Filter.Project.id ?>"><?cs var:Filter.Project.title ?></a><?cs if:Filter.Project.listed != 1 ?> (снят с выставки)<?cs /if ?> · <a href="/staff/comments?status=<?cs var:Filter.status ?>">все проекты</a></p><?cs /if ?>
<?cs if:Filter.Missing ?><p class="form-error">Проекта № <?cs var:Filter.Missing ?> нет. <a href="/staff/comments?status=<?cs var:Filter.status ?>">Все проекты</a></p><?cs /if ?>
<?cs if:Done.label ?><div class="notice" role="status"><p><?cs var:Done.label ?> комментариев: <?cs var:Done.n ?>.<?cs if:Done.skipped > 0 ?> Не изменено: <?cs var:Done.skipped ?> — их статус уже другой (решение принял другой сотрудник или оно уже такое).<?cs /if ?></p></div><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert"><?cs var:Form.Error.form ?></p><?cs /if ?>
<p class="muted" id="found">Найдено: <?cs var:Pager.Total ?></p>
<?cs if:subcount(Comments) == 0 ?>
<p>По выбранным условиям комментариев нет.<?cs if:Filter.status != "pending" || Filter.project ?> <a href="/staff/comments">Очередь на проверку</a><?cs /if ?></p>
<?cs else ?>
<form method="post" action="/staff/comments" class="moderation">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="status" value="<?cs var:Filter.status ?>">
  <?cs if:Filter.project ?><input type="hidden" name="project" value="<?cs var:Filter.project ?>"><?cs /if ?>
  <ul class="list">
  <?cs each:c = Comments ?>
    <li class="item comment-mod" id="comment-<?cs var:c.id ?>">
      <input type="hidden" name="seen.<?cs var:c.id ?>" value="<?cs var:c.status ?>">
      <p class="meta">
        <input type="checkbox" name="ids" value="<?cs var:c.id ?>" id="pick-<?cs var:c.id ?>"<?cs if:Query.ids == c.id ?> checked<?cs /if ?><?cs each:t = Query.ids ?><?cs if:t == c.id ?> checked<?cs /if ?><?cs /each ?>>
        <label for="pick-<?cs var:c.id ?>">№ <?cs var:c.id ?>, <?cs var:msk(c.ts) ?> (МСК)</label>
        <span class="badge badge-applicant"><?cs var:c.status_label ?></span>
      </p>
      <p class="meta">К проекту <a href="/projects/<?cs var:c.project_id ?>"><?cs var:c.project ?></a> · <a href="/staff/comments?status=<?cs var:Filter.status ?>&amp;project=<?cs var:c.project_id ?>">все комментарии к нему</a></p>
      <p class="meta">Автор: <span class="author"><?cs var:c.author_name ?></span> &lt;<a href="mailto:<?cs var:c.email ?>"><?cs var:c.email ?></a>&gt;</p>
      <p class="text"><?cs var:c.body ?></p>
      <?cs if:c.decider ?><p class="muted">Решение: <?cs var:c.decider ?>, <?cs var:msk(c.decided_ts) ?> (МСК)</p><?cs /if ?>
      <p class="actions">
        <?cs if:c.status != "approved" ?><button type="submit" name="approve" value="<?cs var:c.id ?>" aria-label="Одобрить комментарий № <?cs var:c.id ?>">Одобрить</button><?cs /if ?>
        <?cs if:c.status != "rejected" ?><button type="submit" name="reject" value="<?cs var:c.id ?>" class="secondary" aria-label="Отклонить комментарий № <?cs var:c.id ?>">Отклонить</button><?cs /if ?>
      </p>
    </li>
  <?cs /each ?>
  </ul>
  <p class="bulk">Отмеченные (не больше <?cs var:BulkMax ?> за раз):
    <button type="submit" name="bulk" value="approve">Одобрить отмеченные</button>
    <button type="submit" name="bulk" value="reject" class="secondary">Отклонить отмеченные</button>
  </p>
</form>
<?cs /if ?>
<?cs call:pager() ?>
<?cs include:"footer.cs" ?>
