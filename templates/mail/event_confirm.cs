Subject: Регистрация на мероприятие «<?cs var:Event.title ?>»

Здравствуйте!

Вы зарегистрированы на мероприятие «<?cs var:Event.title ?>» (<?cs var:Event.kind_title ?>).

Когда: <?cs if:mskdate(Event.starts_ts) == mskdate(Event.ends_ts) ?><?cs var:mskdate(Event.starts_ts) ?>, <?cs var:string.slice(msk(Event.starts_ts), 11, 16) ?>–<?cs var:string.slice(msk(Event.ends_ts), 11, 16) ?><?cs else ?><?cs var:msk(Event.starts_ts) ?> — <?cs var:msk(Event.ends_ts) ?><?cs /if ?> (МСК)
<?cs if:Event.place ?>Где: <?cs var:Event.place ?>
<?cs /if ?><?cs if:Event.online_url ?>Ссылка на трансляцию: <?cs var:Event.online_url ?>
<?cs /if ?><?cs if:Event.contact ?>Организатор: <?cs var:Event.contact ?>
<?cs /if ?>
Страница мероприятия: <?cs var:Site.URL ?>/events/<?cs var:Event.id ?>
Во вложении — файл для календаря (.ics). Накануне мы напомним о мероприятии.

Если не сможете прийти, отмените регистрацию, чтобы место досталось другим:
<?cs var:Cancel ?>

Письмо отправлено, потому что этот адрес указали при регистрации на сайте «<?cs var:Site.Name ?>». Если вы не регистрировались, просто отмените регистрацию по ссылке выше.
