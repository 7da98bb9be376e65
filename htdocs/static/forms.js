/* The application form's small helpers; the pages work without them.
 * - A counter under every text field with a limit (data-max): "1 234 / 2 000",
 *   marked when over. The browser never cuts a text (no maxlength): the
 *   server refuses one that is too long and says by how much.
 * - A row whose «Удалить строку» box is ticked is shown struck out until
 *   the save removes it. */
(function () {
  "use strict";
  function fmt(n) { return n.toLocaleString("ru-RU"); }
  /* characters as the server counts them: code points, a line break one */
  function length(s) { return Array.from(s).length; }

  Array.prototype.forEach.call(document.querySelectorAll("[data-max]"), function (field) {
    var max = parseInt(field.getAttribute("data-max"), 10);
    if (!(max > 0)) { return; }
    var counter = document.createElement("span");
    counter.className = "counter";
    counter.id = "count-" + (field.id || field.name.replace(/\./g, "-"));
    field.parentNode.insertBefore(counter, field.nextSibling);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var n = length(field.value);
      counter.textContent = fmt(n) + " / " + fmt(max) +
        (n > max ? " — на " + fmt(n - max) + " больше, чем можно: сократите текст" : "");
      counter.classList.toggle("over", n > max);
    }
    field.addEventListener("input", update);
    update();
  });

  Array.prototype.forEach.call(document.querySelectorAll('input[type=checkbox][name$=".del"]'), function (box) {
    var row = box.closest(".row");
    if (!row) { return; }
    function update() { row.classList.toggle("deleting", box.checked); }
    box.addEventListener("change", update);
    update();
  });
})();
