Subject: Ответ на ваше предложение (№ <?cs var:Idea.id ?>)

Здравствуйте, <?cs var:Idea.name ?>!

Вы отправили предложение через сайт «<?cs var:Site.Name ?>» <?cs var:mskdate(Idea.ts) ?>. Ответ департамента:

<?cs var:Reply ?>

<?cs var:Staff ?>

---
Ваше предложение № <?cs var:Idea.id ?>:

<?cs var:Idea.body ?>

---
Это письмо отправлено автоматически, отвечать на него не нужно. Новое предложение можно отправить на сайте: <?cs var:Site.URL ?>/ideas
