/* Autosave for the application's sections: a few seconds after typing
 * stops, the form is saved as a draft exactly as the "Save" button would
 * (same URL, same CSRF token, same version check). Pages work without it. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-autosave]");
  Array.prototype.forEach.call(forms, function (form) {
    var timer = null, busy = false;
    var status = document.createElement("p");
    status.className = "hint autosave";
    status.setAttribute("role", "status");
    form.insertBefore(status, form.querySelector("button[type=submit]"));

    function save() {
      if (busy) { timer = setTimeout(save, 1000); return; }
      busy = true;
      status.textContent = "Сохраняем черновик…";
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (r) { return r.text().then(function (t) { return { r: r, t: t }; }); })
        .then(function (x) {
          if (x.r.status === 409) {
            status.textContent = "Не сохранено: раздел изменён в другой вкладке или приём заявок закрыт. Обновите страницу.";
            return;
          }
          /* the session ended (the save was sent to the login page), or the
           * server refused or failed: nothing was saved, and the text stays
           * in the form — say so instead of "saved" */
          if (new URL(x.r.url).pathname === "/login") {
            status.textContent = "Не сохранено: сеанс завершён. Скопируйте текст, войдите снова в другой вкладке и нажмите «Сохранить».";
            return;
          }
          if (!x.r.ok && x.r.status !== 400) {
            status.textContent = "Не сохранено (ошибка " + x.r.status + "). Нажмите «Сохранить» или попробуйте позже.";
            return;
          }
          var doc = new DOMParser().parseFromString(x.t, "text/html");
          var v = doc.querySelector("input[name=version]");
          if (v) { form.querySelector("input[name=version]").value = v.value; }
          status.textContent = "Черновик сохранён в " + new Date().toLocaleTimeString("ru-RU");
        })
        .catch(function () { status.textContent = "Нет связи с сервером — черновик не сохранён, нажмите «Сохранить»."; })
        .then(function () { busy = false; });
    }

    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 2500);
    });
  });
})();
