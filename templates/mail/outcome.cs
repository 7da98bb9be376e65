Subject: Итоги конкурса «<?cs var:Competition ?>»: заявка <?cs var:Number ?> — <?cs if:Winner ?>победитель<?cs else ?>не прошла отбор<?cs /if ?>

Здравствуйте, <?cs var:Name ?>!

Комиссия подвела итоги конкурса «<?cs var:Competition ?>».

Номер заявки: <?cs var:Number ?>
Проект: <?cs var:Title ?>
Организация: <?cs var:Org ?>
<?cs if:Winner ?>
Поздравляем: проект стал победителем конкурса. Размер гранта: <?cs var:rub(Granted) ?>.
<?cs else ?>
К сожалению, проект не прошёл отбор: комиссия не включила его в число победителей.
<?cs /if ?>
Итоговый балл заявки: <?cs var:Score ?> из 100 (среднее оценок экспертов).

Оценки экспертов. Эксперты оценивали заявку независимо друг от друга; их имена не раскрываются.
<?cs each:e = Experts ?>
Эксперт <?cs var:e.n ?> — итог <?cs var:dec(e.total) ?> из 100
<?cs each:c = e.Scores ?>- <?cs var:c.name ?>: <?cs var:c.score ?> из <?cs var:c.max_score ?><?cs if:c.comment ?>
  Комментарий: <?cs var:c.comment ?><?cs /if ?>
<?cs /each ?><?cs if:e.overall_comment ?>Общий комментарий эксперта: <?cs var:e.overall_comment ?>
<?cs /if ?><?cs /each ?>
Итоги конкурса: <?cs var:ResultsLink ?>
Заявка: <?cs var:Link ?>
