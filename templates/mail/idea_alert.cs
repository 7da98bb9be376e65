Subject: Новое предложение № <?cs var:Idea.Id ?> от <?cs var:Idea.Name ?>

На сайте «<?cs var:Site.Name ?>» оставлено новое предложение.

Номер: <?cs var:Idea.Id ?>
Автор: <?cs var:Idea.Name ?> <<?cs var:Idea.Email ?>>
Муниципальное образование: <?cs if:Idea.Municipality ?><?cs var:Idea.Municipality ?><?cs else ?>не указано<?cs /if ?>

<?cs var:Idea.Body ?>

Открыть: <?cs var:Site.URL ?>/staff/ideas/<?cs var:Idea.Id ?>
