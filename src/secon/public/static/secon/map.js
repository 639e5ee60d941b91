// Draw the partner map from the JSON embedded in the page; the table beside it says the same.
(function () {
  "use strict";
  var element = document.getElementById("map");
  var data = document.getElementById("map-markers");
  if (!element || !data || typeof L === "undefined") { return; }
  var markers = JSON.parse(data.textContent);
  if (!markers.length) { return; }
  element.classList.add("map__canvas--active");
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [];
  markers.forEach(function (marker) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.label;
    popup.appendChild(link);
    L.marker([marker.lat, marker.lon], { title: marker.label, alt: marker.label }).addTo(map).bindPopup(popup);
    bounds.push([marker.lat, marker.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 9); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
})();
