Subject: Напоминание: «<?cs var:Event.title ?>» — <?cs var:msk(Event.starts_ts) ?> (МСК)

Здравствуйте!

Напоминаем: вы зарегистрированы на мероприятие «<?cs var:Event.title ?>» (<?cs var:Event.kind_title ?>).

Когда: <?cs var:msk(Event.starts_ts) ?> — <?cs var:msk(Event.ends_ts) ?> (МСК)
<?cs if:Event.place ?>Где: <?cs var:Event.place ?>
<?cs /if ?><?cs if:Event.online_url ?>Ссылка на трансляцию: <?cs var:Event.online_url ?>
<?cs /if ?>
Страница мероприятия: <?cs var:Site.URL ?>/events/<?cs var:Event.id ?>

Если не сможете прийти, отмените регистрацию по ссылке из письма о регистрации<?cs if:Event.contact ?> или сообщите организатору: <?cs var:Event.contact ?><?cs /if ?>.
