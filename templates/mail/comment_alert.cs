Subject: Новый комментарий № <?cs var:Comment.Id ?> к проекту «<?cs var:Comment.Project ?>»

На сайте «<?cs var:Site.Name ?>» оставлен комментарий к проекту. На странице проекта он появится, когда его одобрит сотрудник.

Проект: <?cs var:Comment.Project ?>
<?cs var:Site.URL ?>/projects/<?cs var:Comment.ProjectId ?>
Автор: <?cs var:Comment.Name ?> <<?cs var:Comment.Email ?>>

<?cs var:Comment.Body ?>

Одобрить или отклонить: <?cs var:Site.URL ?>/staff/comments?project=<?cs var:Comment.ProjectId ?>
