<?cs set:Page.Title = "Карточка проекта" ?><?cs include:"header.cs" ?>
<h1>Карточка проекта</h1>
<p class="help-link"><a href="/help/apply#card">Справка: как заполнить карточку проекта</a></p>
<?cs include:"app_nav.cs" ?>
<?cs call:readonly_notice() ?>
<?cs call:section_form("card", 1) ?>
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
  <fieldset class="rows"><legend>Количественные результаты<?cs if:!Form.ReadOnly ?> <span aria-hidden="true">*</span><?cs /if ?></legend>
    <?cs call:field_error("ind") ?>
    <?cs def:ind_row(i) ?><div class="row"><?cs call:row_input("ind", i, "name", "Показатель", "text", Max.ind.name) ?><?cs call:row_input("ind", i, "unit", "Единица", "text", Max.ind.unit) ?><?cs call:row_input("ind", i, "target", "Значение", "text", "") ?><?cs call:row_delete("ind", i) ?></div>
    <?cs /def ?>
    <?cs if:Form.Rows > 0 ?><?cs loop:i = 0, #Form.Rows - 1, 1 ?><?cs call:ind_row(i) ?><?cs /loop ?><?cs /if ?>
    <?cs if:Form.NewRows > 0 ?><?cs loop:i = #Form.Rows, #Form.Rows + #Form.NewRows - 1, 1 ?><?cs call:ind_row(i) ?><?cs /loop ?><?cs /if ?>
  </fieldset>
  <?cs call:area_field("qual_results", "Качественные результаты и как они будут измерены", 4, Max.qual_results, 1, "Не длиннее " + Max.qual_results + " символов") ?>
  <?cs call:area_field("geography", "География проекта", 2, Max.geography, 0, "Не длиннее " + Max.geography + " символов") ?>
<?cs call:section_form_end("Сохранить") ?>
<?cs include:"footer.cs" ?>
