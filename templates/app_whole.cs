<?cs # The whole application, read-only: Org.* (the organization), Sections.* (the
     sections as stored, or as frozen at submission), with the lists Directions,
     Municipalities and Categories for their names. Used by the applicant's
     page (application.cs), the staff's (staff_app.cs) and the expert's
     (expert_app.cs). Blind: a blind review, no organization section (the
     program leaves Org out and renames team members and files); FileLink:
     where attachments are downloaded (default /files/). ?>
<section class="print-all">
<?cs if:Blind ?><h2>Организация</h2>
<p class="hint" id="org-hidden">Слепая экспертиза: сведения об организации скрыты.</p><?cs else ?><h2>Организация</h2>
<dl class="card-data">
  <dt>Наименование</dt><dd><?cs var:Org.full_name ?></dd>
  <dt>ИНН / ОГРН / КПП</dt><dd><?cs var:Org.inn ?> / <?cs var:Org.ogrn ?> / <?cs var:Org.kpp ?></dd>
  <?cs if:Org.registered_on ?><dt>Дата государственной регистрации</dt><dd><?cs var:rudate(Org.registered_on) ?></dd><?cs /if ?>
  <dt>Адрес</dt><dd><?cs var:Org.address ?><?cs if:Org.municipality ?> (муниципальное образование: <?cs var:Org.municipality ?>)<?cs /if ?></dd>
  <dt>Руководитель</dt><dd><?cs var:Org.head_name ?>, <?cs var:Org.head_position ?></dd>
  <dt>Контакты</dt><dd><?cs var:Org.phone ?>, <?cs var:Org.email ?></dd>
</dl><?cs /if ?>
<h2>Карточка проекта</h2>
<dl class="card-data">
  <dt>Направление</dt><dd><?cs each:d = Directions ?><?cs if:d.id == Sections.card.direction ?><?cs var:d.name ?><?cs /if ?><?cs /each ?></dd>
  <dt>Муниципальное образование</dt><dd><?cs each:m = Municipalities ?><?cs if:m.id == Sections.card.municipality ?><?cs var:m.name ?><?cs /if ?><?cs /each ?></dd>
  <dt>Сроки</dt><dd><?cs var:rudate(Sections.card.starts_on) ?> — <?cs var:rudate(Sections.card.ends_on) ?></dd>
  <dt>Краткое описание</dt><dd class="text"><?cs var:Sections.card.summary ?></dd>
  <dt>Проблема</dt><dd class="text"><?cs var:Sections.card.problem ?></dd>
  <dt>Целевые группы</dt><dd class="text"><?cs var:Sections.card.target_groups ?></dd>
  <dt>Цель</dt><dd class="text"><?cs var:Sections.card.goal ?></dd>
  <dt>Задачи</dt><dd class="text"><?cs var:Sections.card.tasks ?></dd>
  <dt>Качественные результаты</dt><dd class="text"><?cs var:Sections.card.qual_results ?></dd>
  <dt>География</dt><dd class="text"><?cs var:Sections.card.geography ?></dd>
</dl>
<h3>Количественные результаты</h3>
<div class="scroll-x"><table><thead><tr><th scope="col">Показатель</th><th scope="col">Единица</th><th scope="col">Значение</th></tr></thead><tbody>
<?cs each:i = Sections.card.ind ?><tr><td><?cs var:i.name ?></td><td><?cs var:i.unit ?></td><td><?cs var:i.target ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2>Команда</h2>
<div class="scroll-x"><table><thead><tr><th scope="col">ФИО</th><th scope="col">Роль</th><th scope="col">Опыт</th></tr></thead><tbody>
<?cs each:m = Sections.team.m ?><tr><td><?cs var:m.name ?></td><td><?cs var:m.role ?></td><td><?cs var:m.experience ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2>Календарный план</h2>
<div class="scroll-x"><table><thead><tr><th scope="col">Задача</th><th scope="col">Мероприятие</th><th scope="col">Сроки</th><th scope="col">Результат</th></tr></thead><tbody>
<?cs each:e = Sections.plan.e ?><tr><td><?cs var:e.task ?></td><td><?cs var:e.title ?></td><td><?cs var:rudate(e.starts_on) ?> — <?cs var:rudate(e.ends_on) ?></td><td><?cs var:e.result ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2>Бюджет</h2>
<?cs # lines grouped by category, a subtotal under each (grant/form.c keeps Totals.cat.<code>; content frozen before it has none) ?>
<?cs def:whole_line(b) ?><tr><td><?cs var:b.name ?></td><td><?cs var:amount(b.price) ?></td><td><?cs var:b.qty ?></td><td><?cs var:rub(b.total_k) ?></td><td><?cs var:amount(b.cofin) ?></td><td><?cs var:rub(b.requested_k) ?></td><td class="text"><?cs var:b.comment ?></td></tr><?cs /def ?>
<div class="scroll-x"><table id="whole-budget"><thead><tr><th scope="col">Расход</th><th scope="col">Цена</th><th scope="col">Кол-во</th><th scope="col">Сумма</th><th scope="col">Софинансирование</th><th scope="col">Запрошено</th><th scope="col">Комментарий</th></tr></thead><tbody>
<?cs each:c = Categories ?><?cs set:seen = 0 ?><?cs each:b = Sections.budget.b ?><?cs if:b.cat == c.id ?><?cs if:!seen ?><tr class="group"><th scope="rowgroup" colspan="7"><?cs var:c.id ?>. <?cs var:c.name ?></th></tr><?cs set:seen = 1 ?><?cs /if ?><?cs call:whole_line(b) ?><?cs /if ?><?cs /each ?>
<?cs if:seen && Sections.budget.Totals.cat[c.id].total ?><tr class="subtotal"><th scope="row">Итого по статье</th><td></td><td></td><td><?cs var:rub(Sections.budget.Totals.cat[c.id].total) ?></td><td><?cs var:rub(Sections.budget.Totals.cat[c.id].cofin) ?></td><td><?cs var:rub(Sections.budget.Totals.cat[c.id].requested) ?></td><td></td></tr><?cs /if ?><?cs /each ?>
<?cs set:seen = 0 ?><?cs each:b = Sections.budget.b ?><?cs set:known = 0 ?><?cs each:c = Categories ?><?cs if:c.id == b.cat ?><?cs set:known = 1 ?><?cs /if ?><?cs /each ?><?cs if:!known ?><?cs if:!seen ?><tr class="group"><th scope="rowgroup" colspan="7">Статья не выбрана</th></tr><?cs set:seen = 1 ?><?cs /if ?><?cs call:whole_line(b) ?><?cs /if ?><?cs /each ?>
</tbody></table></div>
<?cs if:Sections.budget.Totals.total ?><p>Всего: <?cs var:rub(Sections.budget.Totals.total) ?>; софинансирование: <?cs var:rub(Sections.budget.Totals.cofin) ?>; запрашивается: <strong><?cs var:rub(Sections.budget.Totals.requested) ?></strong></p><?cs /if ?>
<h2>Вложения</h2>
<?cs if:subcount(Sections.files.a) == 0 ?><p>Нет.</p><?cs /if ?>
<ul class="wrap-any"><?cs each:f = Sections.files.a ?><li><?cs var:f.kind ?>: <a href="<?cs if:FileLink ?><?cs var:FileLink ?><?cs else ?>/files/<?cs /if ?><?cs var:f.id ?>"><?cs var:f.orig_name ?></a> (SHA-256 <code><?cs var:f.sha256 ?></code>)</li><?cs /each ?></ul>
<h2>Согласия</h2>
<ul><li>Обработка персональных данных: <?cs if:Sections.consent.pd == "1" ?>да<?cs else ?>нет<?cs /if ?></li><li>Публикация на выставке проектов: <?cs if:Sections.consent.publish == "1" ?>да<?cs else ?>нет<?cs /if ?></li></ul>
</section>
