<?cs include:"header.cs" ?>
<nav class="crumbs" aria-label="Навигация"><a href="/projects">Выставка проектов</a> › <a href="/projects/<?cs var:Project.id ?>"><?cs var:Project.title ?></a></nav>
<h1>Комментарий к проекту «<?cs var:Project.title ?>»</h1>
<?cs include:"comment_form.cs" ?>
<p><a href="/projects/<?cs var:Project.id ?>#comments">Вернуться к проекту</a></p>
<?cs include:"footer.cs" ?>
