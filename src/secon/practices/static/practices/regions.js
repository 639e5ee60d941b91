// Narrow the NUTS region list to the chosen country (1,464 regions otherwise). Without JavaScript the
// regions stay grouped by country and the server accepts only a region of the chosen country.
(function () {
  "use strict";
  var regions = document.querySelectorAll("select[data-country-field]");
  Array.prototype.forEach.call(regions, function (region) {
    var country = region.form && region.form.elements[region.getAttribute("data-country-field")];
    if (!country) { return; }
    var groups = Array.prototype.slice.call(region.querySelectorAll("optgroup"));

    function narrow() {
      var chosen = country.selectedIndex > 0 ? country.options[country.selectedIndex].text : "";
      var keep = region.value;
      groups.forEach(function (group) { if (group.parentNode) { region.removeChild(group); } });
      groups.forEach(function (group) {
        if (!chosen || group.label === chosen) { region.appendChild(group); }
      });
      region.value = keep;
      if (region.value !== keep) { region.selectedIndex = 0; }
    }

    country.addEventListener("change", narrow);
    narrow();
  });
})();
