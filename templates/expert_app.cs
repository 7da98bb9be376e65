<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cabinet/expert">Кабинет эксперта</a> › <a href="/expert">Экспертиза заявок</a> › Заявка <?cs var:A.number ?></p>
<h1><?cs if:A.title ?><?cs var:A.title ?><?cs else ?>Заявка <?cs var:A.number ?><?cs /if ?></h1>
<dl class="card-data" id="about-app">
  <dt>Конкурс</dt><dd><?cs var:A.comp_title ?></dd>
  <dt>Номер заявки</dt><dd><?cs var:A.number ?></dd>
  <dt>Направление</dt><dd><?cs var:A.direction ?></dd>
  <?cs if:!Blind ?><dt>Организация</dt><dd id="org"><?cs var:AppOrg.full_name ?><?cs if:AppOrg.short_name ?> (<?cs var:AppOrg.short_name ?>)<?cs /if ?>, ИНН <?cs var:AppOrg.inn ?></dd><?cs /if ?>
  <?cs if:A.due_ts ?><dt>Срок экспертизы</dt><dd><?cs var:msk(A.due_ts) ?> (МСК)</dd><?cs /if ?>
</dl>
<?cs if:Blind ?><p class="notice" id="blind">Слепая экспертиза: наименование, ИНН, ОГРН, КПП, адрес, руководитель и контакты организации, имена членов команды и имена файлов скрыты. Тексты заявителя (описания, задачи, комментарии в бюджете) и содержимое приложенных файлов показаны так, как их подготовил заявитель: если организация назвала себя в них (например, в уставе), это не скрыто.</p><?cs /if ?>
<?cs if:Form.Error.form ?><p class="form-error" role="alert" id="form-error"><?cs var:Form.Error.form ?></p>
<?cs elif:Form.HasErrors ?><p class="form-error" role="alert">Ничего не сохранено: проверьте поля, отмеченные ниже. Введённое осталось в форме.</p><?cs /if ?>
<?cs if:!Open && Step != "declined" && Step != "submitted" ?><p class="notice" id="closed">Конкурс сейчас не на этапе экспертизы («<?cs call:stage_name(A.stage) ?>»): заявку можно только просмотреть, оценки не принимаются.</p><?cs /if ?>

<?cs if:Step == "declined" ?>
<section id="declined" aria-labelledby="declined-h">
<h2 id="declined-h">Вы отказались от этой заявки</h2>
<p>Вы заявили о конфликте интересов <?cs var:msk(A.declined_ts) ?> (МСК). Заявка передана сотрудникам для назначения другого эксперта.</p>
<p>Причина:</p><p class="text" id="reason"><?cs var:A.decline_reason ?></p>
</section>

<?cs elif:Step == "declare" ?>
<section id="declare" aria-labelledby="declare-h">
<h2 id="declare-h">Декларация об отсутствии конфликта интересов</h2>
<p>Прежде чем открыть заявку, подтвердите, что у вас нет конфликта интересов: вы не состоите и не состояли в этой организации, не связаны с её руководителем и командой, не получите выгоды от её победы. Если конфликт есть, заявите о нём — заявку передадут другому эксперту.</p>
<?cs if:Open ?>
<form method="post" action="/expert/applications/<?cs var:A.project_id ?>/declare" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="declare">
  <div class="field">
    <p><input type="checkbox" id="confirm" name="confirm" value="1"<?cs call:error_attrs("confirm") ?>> <label for="confirm" class="inline-label">Подтверждаю отсутствие конфликта интересов</label></p>
    <?cs call:field_error("confirm") ?>
  </div>
  <button type="submit">Подтвердить и открыть заявку</button>
</form>
<form method="post" action="/expert/applications/<?cs var:A.project_id ?>/declare" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="decline">
  <h3>Заявить о конфликте интересов</h3>
  <div class="field">
    <label for="reason">В чём конфликт интересов <span aria-hidden="true">*</span></label>
    <textarea id="reason" name="reason" rows="4" maxlength="2000"<?cs call:error_attrs("reason") ?>><?cs var:Query.reason ?></textarea>
    <?cs call:field_error("reason") ?>
  </div>
  <button type="submit" class="secondary">Заявить о конфликте и отказаться от заявки</button>
</form>
<?cs /if ?>
</section>

<?cs else ?>
<section id="content" aria-labelledby="content-h">
<h2 id="content-h">Заявка, как она подана</h2>
<p><a href="#scoring">Перейти к оценке ↓</a></p>
<?cs if:NoFrozen ?><p>Содержание этой заявки не зафиксировано: она внесена в систему без электронной подачи.</p>
<?cs else ?><?cs include:"app_whole.cs" ?><?cs /if ?>
</section>

<section id="scoring" aria-labelledby="scoring-h">
<h2 id="scoring-h">Оценка</h2>
<?cs if:Saved ?><div class="notice" role="status"><p>Черновик оценки сохранён.</p></div><?cs /if ?>
<?cs if:Done && Step == "submitted" ?><div class="notice" role="status"><p>Оценка отправлена. <a href="/expert">К списку заявок</a></p></div><?cs /if ?>
<?cs if:Form.HasErrors && !Form.Error.form && !Form.Error.reason ?><p class="form-error">Ничего не сохранено: исправьте поля, отмеченные ниже.</p><?cs /if ?>
<?cs if:Step == "submitted" ?>
<p id="total">Оценка отправлена <?cs var:msk(A.submitted_ts) ?> (МСК). Итоговый балл: <strong><?cs var:dec(A.total) ?></strong> из 100.</p>
<div class="scroll-x"><table id="scores"><thead><tr><th scope="col">Критерий</th><th scope="col">Вес</th><th scope="col">Оценка</th><th scope="col">Комментарий</th></tr></thead><tbody>
<?cs each:c = Crit ?><tr><td><?cs var:c.name ?></td><td><?cs var:dec(c.weight) ?></td><td><?cs if:c.scored ?><?cs var:c.v_score ?> из <?cs var:c.max_score ?><?cs else ?>не оценивается<?cs /if ?></td><td class="text"><?cs var:c.v_comment ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<h3>Обоснование общей оценки</h3>
<p class="text" id="overall"><?cs var:Query.overall ?></p>
<?cs else ?>
<p class="hint">Итоговый балл — по 100-балльной шкале: 100 × Σ(оценка × вес) / Σ(максимум × вес) по критериям с весом больше нуля. Черновик можно сохранять сколько угодно раз; отправить оценку можно один раз — после этого она не меняется.</p>
<?cs if:Preview ?><p id="preview">Итоговый балл по этим оценкам: <strong><?cs var:Preview ?></strong> из 100.</p><?cs /if ?>
<?cs if:Open ?><form method="post" action="/expert/applications/<?cs var:A.project_id ?>/scores" class="form wide" novalidate><?cs call:csrf_field() ?><?cs /if ?>
<?cs each:c = Crit ?>
  <fieldset class="rows" id="crit-<?cs var:c.id ?>"><legend><?cs var:name(c) + 1 ?>. <?cs var:c.name ?> (вес <?cs var:dec(c.weight) ?>)</legend>
  <?cs if:c.description ?><p class="hint"><?cs var:c.description ?></p><?cs /if ?>
  <?cs if:!c.scored ?><p>Критерий не оценивается (вес 0).</p><?cs else ?>
  <div class="field"><label for="score_<?cs var:c.id ?>">Оценка, от 0 до <?cs var:c.max_score ?></label>
    <select id="score_<?cs var:c.id ?>" name="score_<?cs var:c.id ?>"<?cs if:c.err_score ?> aria-invalid="true" aria-describedby="err-score_<?cs var:c.id ?>"<?cs /if ?><?cs if:!Open ?> disabled<?cs /if ?>>
      <option value="">—</option>
      <?cs loop:k = 0, c.max_score, 1 ?><option value="<?cs var:k ?>"<?cs if:c.sel == k ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /loop ?>
    </select>
    <?cs if:c.err_score ?><p class="field-error" id="err-score_<?cs var:c.id ?>" role="alert"><?cs var:c.err_score ?></p><?cs /if ?></div>
  <div class="field"><label for="comment_<?cs var:c.id ?>">Комментарий к оценке</label>
    <textarea id="comment_<?cs var:c.id ?>" name="comment_<?cs var:c.id ?>" rows="3" maxlength="2000"<?cs if:c.err_comment ?> aria-invalid="true" aria-describedby="err-comment_<?cs var:c.id ?>"<?cs /if ?><?cs if:!Open ?> readonly<?cs /if ?>><?cs var:c.v_comment ?></textarea>
    <?cs if:c.err_comment ?><p class="field-error" id="err-comment_<?cs var:c.id ?>" role="alert"><?cs var:c.err_comment ?></p><?cs /if ?></div>
  <?cs /if ?>
  </fieldset>
<?cs /each ?>
  <div class="field"><label for="overall">Обоснование общей оценки</label>
    <textarea id="overall" name="overall" rows="6" maxlength="5000" aria-describedby="hint-overall<?cs if:Form.Error.overall ?> err-overall<?cs /if ?>"<?cs if:Form.Error.overall ?> aria-invalid="true"<?cs /if ?><?cs if:!Open ?> readonly<?cs /if ?>><?cs var:Query.overall ?></textarea>
    <p class="hint" id="hint-overall">Обязательно при отправке, до 5000 знаков: чем заявка сильна и чем слаба.</p>
    <?cs call:field_error("overall") ?></div>
<?cs if:Open ?>
  <button type="submit" name="action" value="save" class="secondary">Сохранить черновик</button>
  <button type="submit" name="action" value="submit">Отправить оценку</button>
</form>
<details id="late-conflict"<?cs if:Form.Error.reason ?> open<?cs /if ?>><summary>Обнаружили конфликт интересов?</summary>
<form method="post" action="/expert/applications/<?cs var:A.project_id ?>/declare" class="form wide" novalidate>
  <?cs call:csrf_field() ?><input type="hidden" name="action" value="decline">
  <div class="field">
    <label for="reason">В чём конфликт интересов <span aria-hidden="true">*</span></label>
    <textarea id="reason" name="reason" rows="3" maxlength="2000"<?cs call:error_attrs("reason") ?>><?cs var:Query.reason ?></textarea>
    <?cs call:field_error("reason") ?>
  </div>
  <button type="submit" class="secondary">Заявить о конфликте и отказаться от заявки</button>
</form></details>
<?cs /if ?>
<?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
