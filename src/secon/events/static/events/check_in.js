// The check-in desk, better with JavaScript: results appear while typing, a check-in happens
// without reloading the page (the confirmation is announced, the phone vibrates briefly) and the
// search text is selected, ready for the next name or scan. Without JavaScript the same forms
// work as ordinary GET and POST requests.
(function () {
  "use strict";
  var root = document.querySelector("[data-check-in]");
  if (!root || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
  var search = root.querySelector("form[data-check-in-search]");
  var input = search.querySelector("input[name=q]");
  var REGIONS = ["check-in-status", "check-in-results"];
  var timer = null;
  var latest = 0;

  function address(form) {
    var url = new URL(form.getAttribute("action") || window.location.pathname, window.location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    return url;
  }

  // Fill the status and results of this page with those of a freshly rendered one (the regions
  // themselves stay, so that a screen reader announces the new status).
  function swap(html, regions) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    regions.forEach(function (id) {
      var now = document.getElementById(id);
      var next = fresh.getElementById(id);
      if (!now || !next) { return; }
      now.replaceChildren.apply(now, Array.prototype.map.call(next.childNodes, function (node) {
        return document.importNode(node, true);
      }));
    });
  }

  function load(url, regions) {
    var ticket = ++latest;
    return fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      })
      .then(function (page) {
        if (ticket !== latest) { return; }  // an older answer arriving after a newer one
        swap(page.html, regions);
        window.history.replaceState(null, "", page.url);
      });
  }

  function find() {
    window.clearTimeout(timer);
    load(address(search), ["check-in-results"]).catch(function () { search.submit(); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(find, 300);
  });
  search.addEventListener("change", function (event) {
    if (event.target.name === "day") { find(); }
  });
  search.addEventListener("submit", function (event) {
    event.preventDefault();
    find();
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-check-in-action]")) { return; }
    event.preventDefault();
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    // The server answers with a redirect to the same search: its page holds the confirmation.
    fetch(form.action || window.location.href, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      })
      .then(function (page) {
        latest++;
        swap(page.html, REGIONS);
        window.history.replaceState(null, "", page.url);
        if (navigator.vibrate) { navigator.vibrate(60); }
        input.focus();
        input.select();
      })
      .catch(function () { form.submit(); });
  });
})();
