// Keep the quorum on the running page up to date (check-ins arrive from other devices).
(function () {
  "use strict";
  var box = document.getElementById("quorum");
  if (!box || !window.fetch) { return; }
  var text = document.getElementById("quorum-text");
  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (text.textContent !== data.text) { text.textContent = data.text; }
        box.classList.toggle("quorum-box--ok", data.quorate);
        box.classList.toggle("quorum-box--missing", !data.quorate);
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 10000);
})();
