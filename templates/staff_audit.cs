<?cs include:"header.cs" ?>
<?cs # from → to: application statuses and competition stages by their Russian names ?>
<?cs def:audit_state(type, action, s) ?><?cs if:type == "project" ?><?cs call:app_status(s) ?><?cs elif:type == "competition" && (action == "stage" || action == "create") ?><?cs call:stage_name(s) ?><?cs else ?><?cs var:s ?><?cs /if ?><?cs /def ?>
<p class="crumbs"><a href="/cabinet">Личный кабинет</a></p>
<h1>Журнал действий</h1>
<p class="muted">Каждый переход, решение и изменение настроек: кто, когда, что было и что стало, почему. Записи журнала нельзя изменить или удалить; их целостность проверяет команда <code>gf-audit verify</code>.</p>
<form class="filters" method="get" action="/staff/audit" aria-label="Фильтры журнала">
  <div class="field"><label for="f-type">Тип объекта</label>
    <select id="f-type" name="type"<?cs call:error_attrs("type") ?>>
      <option value="">Все</option>
      <?cs each:o = Objects ?><option value="<?cs var:o.name ?>"<?cs if:o.name == Query.type ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
      <?cs if:Filter.OtherType ?><option value="<?cs var:Filter.OtherType ?>" selected><?cs var:Filter.OtherType ?></option><?cs /if ?>
    </select><?cs call:field_error("type") ?></div>
  <div class="field"><label for="f-object">Номер объекта</label>
    <input id="f-object" name="object" inputmode="numeric" maxlength="20" value="<?cs var:Query.object ?>"<?cs call:error_attrs("object") ?>><?cs call:field_error("object") ?></div>
  <div class="field"><label for="f-action">Действие</label>
    <select id="f-action" name="action"<?cs call:error_attrs("action") ?>>
      <option value="">Все</option>
      <?cs each:o = Actions ?><option value="<?cs var:o.name ?>"<?cs if:o.name == Query.action ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
      <?cs if:Filter.OtherAction ?><option value="<?cs var:Filter.OtherAction ?>" selected><?cs var:Filter.OtherAction ?></option><?cs /if ?>
    </select><?cs call:field_error("action") ?></div>
  <div class="field"><label for="f-user">Пользователь (эл. почта)</label>
    <input id="f-user" name="user" type="email" maxlength="254" value="<?cs var:Query.user ?>"<?cs call:error_attrs("user") ?>><?cs call:field_error("user") ?></div>
  <div class="field"><label for="f-from">С (МСК)</label>
    <input id="f-from" name="from" type="date" value="<?cs var:Query.from ?>"<?cs call:error_attrs("from") ?>><?cs call:field_error("from") ?></div>
  <div class="field"><label for="f-to">По (МСК, включительно)</label>
    <input id="f-to" name="to" type="date" value="<?cs var:Query.to ?>"<?cs call:error_attrs("to") ?>><?cs call:field_error("to") ?></div>
  <div class="field"><button type="submit">Показать</button></div>
</form>

<?cs if:Form.HasErrors ?>
<p class="form-error" role="alert">Проверьте условия отбора: ошибки указаны рядом с полями.</p>
<?cs elif:subcount(Entries) == 0 ?>
<p>Записей по выбранным условиям нет. <a href="/staff/audit">Сбросить фильтры</a></p>
<?cs else ?>
<div class="scroll-x"><table class="audit">
  <caption class="muted">Сначала новые<?cs if:Pager.Newest ?> (продолжение)<?cs /if ?>; показано записей: <?cs var:Shown ?></caption>
  <thead><tr><th scope="col">№</th><th scope="col">Когда (МСК)</th><th scope="col">Кто</th><th scope="col">Объект</th><th scope="col">Действие</th><th scope="col">Было → стало</th><th scope="col">Причина</th></tr></thead>
  <tbody>
  <?cs each:e = Entries ?>
  <tr id="entry-<?cs var:e.id ?>">
    <td><?cs var:e.id ?></td>
    <td><time datetime="<?cs var:e.at ?>Z"><?cs var:msk(e.ts) ?></time></td>
    <td><?cs if:e.user_id ?><?cs var:e.user_name ?><br><span class="muted"><?cs var:e.user_email ?></span><?cs else ?><span class="muted">система</span><?cs /if ?><?cs if:e.ip ?><br><span class="muted">IP <?cs var:e.ip ?></span><?cs /if ?></td>
    <td><?cs if:e.object_title ?><?cs var:e.object_title ?><?cs else ?><?cs var:e.object_type ?><?cs /if ?>
      <?cs if:e.object_type == "project" ?><a href="/staff/applications/<?cs var:e.object_id ?>">№ <?cs var:e.object_id ?></a><?cs elif:e.object_type == "competition" ?><a href="/staff/competitions/<?cs var:e.object_id ?>">№ <?cs var:e.object_id ?></a><?cs else ?>№ <?cs var:e.object_id ?><?cs /if ?></td>
    <td><?cs if:e.action_title ?><?cs var:e.action_title ?><?cs else ?><?cs var:e.action ?><?cs /if ?></td>
    <td><?cs if:e.from_state ?><?cs call:audit_state(e.object_type, e.action, e.from_state) ?><?cs /if ?><?cs if:e.from_state || e.to_state ?> → <?cs /if ?><?cs if:e.to_state ?><?cs call:audit_state(e.object_type, e.action, e.to_state) ?><?cs /if ?></td>
    <td class="text"><?cs var:e.reason ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs if:Pager.Older || Pager.Newest ?>
<nav class="pager" aria-label="Страницы журнала">
<?cs if:Pager.Newest ?><a href="<?cs var:Pager.Newest ?>">← К новым записям</a><?cs /if ?>
<?cs if:Pager.Older ?><a href="<?cs var:Pager.Older ?>" rel="next">Более ранние записи →</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs include:"footer.cs" ?>
