</main>
<footer class="site">
  <div class="wrap">
    <p><?cs var:Site.Name ?>. Все этапы конкурса — в электронной форме.</p>
    <p>Время на сайте — московское.</p>
  </div>
</footer>
<script src="/static/autosave.js" defer></script>
</body>
</html>
