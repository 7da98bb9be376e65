<?cs include:"header.cs" ?>
<p class="crumbs"><a href="/commission">Конкурсная комиссия</a> › <a href="/commission/<?cs var:Comp.id ?>">Рейтинг</a> › Протокол</p>
<article class="protocol print-all" id="protocol">
<h1>Протокол заседания конкурсной комиссии № <?cs var:Decision.protocol_number ?></h1>
<p>Конкурс «<?cs var:Comp.title ?>»</p>
<p>Дата заседания: <strong id="decided-on"><?cs var:Decision.date ?></strong></p>

<h2>Присутствовали члены комиссии</h2>
<ol id="members"><?cs each:m = Decision.Members ?><li><?cs var:m ?></li><?cs /each ?></ol>

<h2>Повестка дня</h2>
<p>Об определении победителей конкурса «<?cs var:Comp.title ?>» и размеров грантов по результатам независимой экспертизы заявок.</p>

<h2>Рейтинг заявок по итогам экспертизы</h2>
<div class="scroll-x"><table id="protocol-ranking">
<thead><tr><th scope="col">Место</th><th scope="col">Номер</th><th scope="col">Проект</th><th scope="col">Организация</th><th scope="col">Балл</th><th scope="col">Запрошено</th></tr></thead>
<tbody>
<?cs each:p = Ranking ?><tr><td><?cs var:p.place ?></td><td><?cs var:p.number ?></td><td><?cs var:p.title ?></td><td><?cs var:p.org ?></td><td class="num"><?cs var:p.score_text ?></td><td class="num"><?cs var:rub(p.requested_kopecks) ?></td></tr><?cs /each ?>
</tbody></table></div>

<h2>Решили: признать победителями конкурса и предоставить гранты</h2>
<div class="scroll-x"><table id="protocol-winners">
<thead><tr><th scope="col">Номер</th><th scope="col">Проект</th><th scope="col">Организация</th><th scope="col">Грант</th></tr></thead>
<tbody>
<?cs each:p = Winners ?><tr><td><?cs var:p.number ?></td><td><?cs var:p.title ?></td><td><?cs var:p.org ?></td><td class="num"><?cs var:rub(p.granted_kopecks) ?></td></tr><?cs /each ?>
</tbody>
<tfoot><tr><th scope="row">Итого</th><td>победителей: <?cs var:Totals.winners ?></td><td></td><td class="num" id="protocol-total"><?cs var:rub(Totals.granted) ?></td></tr></tfoot>
</table></div>
<p>Фонд конкурса: <?cs var:rub(Comp.fund_kopecks) ?>. Распределено: <?cs var:rub(Totals.granted) ?>. Остаток: <?cs var:rub(Totals.remains) ?>.</p>

<div class="signatures">
<p>Председатель комиссии <span class="sign-line"></span> / <span class="sign-line"></span></p>
<p>Секретарь комиссии <span class="sign-line"></span> / <?cs if:Decision.recorder ?><?cs var:Decision.recorder ?><?cs else ?><span class="sign-line"></span><?cs /if ?></p>
</div>
</article>
<p class="no-print">Страница готова к печати (Ctrl+P) · <a href="/commission/<?cs var:Comp.id ?>/protocol.pdf">Скачать PDF</a></p>
<?cs include:"footer.cs" ?>
