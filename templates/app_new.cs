<?cs include:"header.cs" ?>
<h1>Новая заявка</h1>
<p>Конкурс «<?cs var:Comp.title ?>». Приём заявок до <?cs var:msk(Comp.closes_ts) ?> (МСК).</p>
<?cs if:Problem == "no_org" ?>
<p class="form-error" role="alert">Сначала заполните <a href="/org">профиль организации</a> — его данные войдут в заявку.</p>
<?cs elif:Problem == "closed" ?>
<p class="form-error" role="alert">Приём заявок на этот конкурс сейчас закрыт.</p>
<?cs elif:Problem == "limit" ?>
<p class="form-error" role="alert">Ваша организация уже подала заявку на этот конкурс: <?cs each:e = Existing ?><a href="/applications/<?cs var:e.id ?>">заявка <?cs var:e.number ?></a> <?cs /each ?></p>
<?cs else ?>
<p>Заявка будет подана от организации «<?cs var:Org.short_name ?>». Черновик сохраняется при каждом сохранении раздела — ничего не потеряется.</p>
<form method="post" action="/applications/new?competition=<?cs var:Comp.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="competition" value="<?cs var:Comp.id ?>"><button type="submit">Начать заполнение заявки</button></form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
