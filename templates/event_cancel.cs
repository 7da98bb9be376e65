<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/events">Мероприятия</a></nav>
<h1>Отмена регистрации</h1>
<?cs if:Cancelled ?>
<div class="notice" role="status"><p><strong>Регистрация отменена.</strong> Место освободилось для других участников. Спасибо, что предупредили!</p></div>
<p><a href="/events">Все мероприятия</a></p>
<?cs elif:Valid ?>
<p>Отменить вашу регистрацию на мероприятие «<a href="/events/<?cs var:Reg.event_id ?>"><?cs var:Reg.title ?></a>», <?cs var:msk(Reg.starts_ts) ?> (МСК)?</p>
<form method="post" action="/events/cancel" class="form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="token" value="<?cs var:Query.token ?>">
  <button type="submit">Отменить регистрацию</button>
</form>
<?cs else ?>
<p class="form-error" role="alert">Ссылка недействительна: регистрация уже отменена, мероприятие уже началось или ссылка скопирована не полностью.</p>
<p><a href="/events">Все мероприятия</a></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
