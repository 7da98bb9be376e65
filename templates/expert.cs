<?cs include:"header.cs" ?>
<?cs def:assignment_state(a) ?><?cs if:a.state == "submitted" ?>оценка отправлена<?cs elif:a.state == "declined" ?>отказ: конфликт интересов<?cs elif:a.saved == 1 ?>черновик оценки сохранён<?cs else ?>новая<?cs /if ?><?cs /def ?>
<p class="crumbs"><a href="/cabinet/expert">Кабинет эксперта</a> › Экспертиза заявок</p>
<h1>Экспертиза заявок</h1>
<p><a href="/expert/profile">Мой профиль эксперта</a>: направления, в которых я эксперт, и организации, с которыми я связан.</p>
<?cs if:subcount(Groups) == 0 ?><p id="none">Вам пока не назначено ни одной заявки.</p><?cs /if ?>
<?cs each:g = Groups ?>
<section class="expert-comp" aria-labelledby="comp-<?cs var:g.comp_id ?>">
<h2 id="comp-<?cs var:g.comp_id ?>"><?cs var:g.comp_title ?></h2>
<p class="meta">Этап: <?cs call:stage_name(g.stage) ?><?cs if:g.due_ts ?> · срок экспертизы: <strong><?cs var:msk(g.due_ts) ?></strong> (МСК)<?cs /if ?></p>
<div class="scroll-x"><table><thead><tr><th scope="col">Номер</th><th scope="col">Проект</th><th scope="col">Направление</th><th scope="col">Состояние</th></tr></thead><tbody>
<?cs each:a = g.Apps ?><tr id="app-<?cs var:a.project_id ?>"><td><?cs var:a.number ?></td><td><a href="/expert/applications/<?cs var:a.project_id ?>"><?cs var:a.title ?></a></td><td><?cs var:a.direction ?></td><td class="state"><?cs call:assignment_state(a) ?><?cs if:a.state == "submitted" ?> (<?cs var:dec(a.total) ?> из 100)<?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
</section>
<?cs /each ?>
<?cs include:"footer.cs" ?>
