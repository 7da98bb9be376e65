<?cs set:Page.Title = "Карточка проекта" ?><?cs include:"header.cs" ?>
<h1>Карточка проекта</h1>
<?cs include:"app_nav.cs" ?>
<form method="post" action="/applications/<?cs var:App.id ?>/card" class="form wide" novalidate data-autosave>
  <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:Section.card.version ?>">
  <?cs call:text_field("title", "Название проекта", "text", Max.title, 1, "Не длиннее " + Max.title + " символов") ?>
  <?cs call:select_field("direction", "Направление", Directions, 1, "Выберите") ?>
  <?cs call:select_field("municipality", "Основное муниципальное образование", Municipalities, 1, "Выберите") ?>
  <?cs call:text_field("starts_on", "Дата начала", "date", 10, 1, "В период реализации конкурса") ?>
  <?cs call:text_field("ends_on", "Дата окончания", "date", 10, 1, "Не более " + App.max_months + " месяцев") ?>
  <?cs call:area_field("summary", "Краткое описание", 4, Max.summary, 1, "Не длиннее " + Max.summary + " символов") ?>
  <?cs call:area_field("problem", "Описание проблемы и обоснование значимости", 8, Max.problem, 1, "Не длиннее " + Max.problem + " символов") ?>
  <?cs call:area_field("target_groups", "Целевые группы", 3, Max.target_groups, 1, "Не длиннее " + Max.target_groups + " символов") ?>
  <?cs call:area_field("goal", "Цель проекта", 2, Max.goal, 1, "Не длиннее " + Max.goal + " символов") ?>
  <?cs call:area_field("tasks", "Задачи проекта", 5, Max.tasks, 1, "Каждая задача — с новой строки, не больше " + Max.tasks_count + ", всего не длиннее " + Max.tasks + " символов. Мероприятия календарного плана привязываются к ним.") ?>
  <fieldset class="rows"><legend>Количественные результаты <span aria-hidden="true">*</span></legend>
    <?cs call:field_error("ind") ?>
    <?cs set:n = 0 ?><?cs each:x = Query.ind ?>
    <div class="row"><?cs call:row_input("ind", n, "name", "Показатель", "text", Max.ind.name) ?><?cs call:row_input("ind", n, "unit", "Единица", "text", Max.ind.unit) ?><?cs call:row_input("ind", n, "target", "Значение", "text", Max.ind.target) ?></div>
    <?cs set:n = #n + 1 ?><?cs /each ?>
    <?cs if:App.editable ?><?cs loop:k = 0, 1, 1 ?><div class="row"><?cs call:row_input("ind", #n + #k, "name", "Показатель", "text", Max.ind.name) ?><?cs call:row_input("ind", #n + #k, "unit", "Единица", "text", Max.ind.unit) ?><?cs call:row_input("ind", #n + #k, "target", "Значение", "text", Max.ind.target) ?></div><?cs /loop ?><?cs /if ?>
  </fieldset>
  <?cs call:area_field("qual_results", "Качественные результаты и как они будут измерены", 4, Max.qual_results, 1, "Не длиннее " + Max.qual_results + " символов") ?>
  <?cs call:area_field("geography", "География проекта", 2, Max.geography, 0, "Не длиннее " + Max.geography + " символов") ?>
  <?cs if:App.editable ?><button type="submit">Сохранить</button><?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
