Subject: Напоминание: «<?cs var:Event.title ?>» — <?cs var:msk(Event.starts_ts) ?> (МСК)

Здравствуйте!

Напоминаем: вы зарегистрированы на мероприятие «<?cs var:Event.title ?>» (<?cs var:Event.kind_title ?>).

Когда: <?cs if:mskdate(Event.starts_ts) == mskdate(Event.ends_ts) ?><?cs var:mskdate(Event.starts_ts) ?>, <?cs var:string.slice(msk(Event.starts_ts), 11, 16) ?>–<?cs var:string.slice(msk(Event.ends_ts), 11, 16) ?><?cs else ?><?cs var:msk(Event.starts_ts) ?> — <?cs var:msk(Event.ends_ts) ?><?cs /if ?> (МСК)
<?cs if:Event.place ?>Где: <?cs var:Event.place ?>
<?cs /if ?><?cs if:Event.online_url ?>Ссылка на трансляцию: <?cs var:Event.online_url ?>
<?cs /if ?>
Страница мероприятия: <?cs var:Site.URL ?>/events/<?cs var:Event.id ?>

Если не сможете прийти, отмените регистрацию по ссылке из письма о регистрации<?cs if:Event.contact ?> или сообщите организатору: <?cs var:Event.contact ?><?cs /if ?>.
