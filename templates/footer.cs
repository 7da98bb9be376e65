</main>
<footer class="site">
  <div class="wrap">
    <p><?cs var:Site.Name ?>. Все этапы конкурса — в электронной форме.</p>
    <p>Время на сайте — московское.</p>
    <p><a href="/help">Как подать заявку</a> · <a href="/centres">Консультации в ресурсных центрах</a> · <a href="/news.atom">Лента новостей (Atom)</a> · <a href="/sitemap.xml">Карта сайта</a></p>
  </div>
</footer>
<script src="/static/autosave.js" defer></script>
</body>
</html>
