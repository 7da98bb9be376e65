<?cs # A project's approved comments (oldest first, Pager.* over them) and the
     form for a new one; included at the end of project.cs. Only the name and
     the date are shown: never an author's e-mail. ?>
<section class="comments" id="comments" aria-labelledby="comments-title">
  <h2 id="comments-title">Комментарии<?cs if:Project.comments_approved > 0 ?> (<?cs var:Project.comments_approved ?>)<?cs /if ?></h2>
  <?cs if:CommentSent ?><div class="notice" role="status"><p><strong>Спасибо! Ваш комментарий появится после проверки.</strong></p></div><?cs /if ?>
  <?cs if:subcount(Comments) == 0 ?><p class="muted">Комментариев пока нет.</p><?cs /if ?>
  <?cs each:c = Comments ?>
  <div class="comment"><p class="meta"><span class="author"><?cs var:c.author_name ?></span>, <?cs var:mskdate(c.ts) ?></p><p class="text"><?cs var:c.body ?></p></div>
  <?cs /each ?>
  <?cs call:pager() ?>
  <h3 id="comment-form-title">Оставить комментарий</h3>
  <?cs include:"comment_form.cs" ?>
</section>
