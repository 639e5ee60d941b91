// Save a long good-practice draft in the background, so that nobody loses their text.
// Works on forms marked data-autosave; without JavaScript the "Save draft" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var dirty = false;
  var saving = false;
  var INTERVAL = 20000;

  function say(text) { if (status) { status.textContent = text; } }

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });

  function save() {
    if (!dirty || saving) { return; }
    saving = true;
    dirty = false;
    var data = new FormData(form);
    data.delete("submit");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      say(result.body.message || "");
      if (!result.ok) { dirty = true; }
    }).catch(function () {
      dirty = true;
      say(status ? status.getAttribute("data-offline") : "");
    }).then(function () { saving = false; });
  }

  window.setInterval(save, INTERVAL);
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
