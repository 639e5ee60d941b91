// Draw the partner map from the JSON embedded in the page; the table beside it says the same.
// When the tile server cannot be reached (offline, blocked), the map keeps a plain background
// with a latitude/longitude grid and the markers, and says why there is no background map.
(function () {
  "use strict";
  var element = document.getElementById("map");
  var data = document.getElementById("map-markers");
  if (!element || !data || typeof L === "undefined") { return; }
  var markers = JSON.parse(data.textContent);
  if (!markers.length) { return; }
  element.classList.add("map__canvas--active");
  var map = L.map(element, { scrollWheelZoom: false });
  var tiles = null;
  if (element.dataset.tiles) {
    tiles = L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 });
    tiles.addTo(map);
  }

  function drawGrid() {
    var lines = L.layerGroup();
    var style = { color: "#9fb3c8", weight: 1, opacity: 0.7, interactive: false };
    var zoom = map.getZoom();
    var step = zoom >= 6 ? 1 : (zoom >= 4 ? 2 : 5);
    for (var lat = -80; lat <= 80; lat += step) { lines.addLayer(L.polyline([[lat, -180], [lat, 180]], style)); }
    for (var lon = -180; lon <= 180; lon += step) { lines.addLayer(L.polyline([[-85, lon], [85, lon]], style)); }
    lines.addTo(map);
  }

  function goOffline() {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    element.classList.add("map__canvas--offline");
    drawGrid();
    var note = document.createElement("p");
    note.className = "map__offline-note";
    note.textContent = element.dataset.offline;
    element.parentNode.insertBefore(note, element.nextSibling);
  }

  // The marker images by their URLs from the page: Leaflet's own guess reads them from its CSS,
  // which fails once the static files carry hashed names (ManifestStaticFilesStorage).
  var icon = L.icon({
    iconUrl: element.dataset.icon,
    iconRetinaUrl: element.dataset.iconRetina,
    shadowUrl: element.dataset.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    tooltipAnchor: [16, -28],
    shadowSize: [41, 41]
  });
  var bounds = [];
  markers.forEach(function (marker) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.label;
    popup.appendChild(link);
    var pin = L.marker([marker.lat, marker.lon], { icon: icon, title: marker.label, alt: marker.label }).addTo(map).bindPopup(popup);
    if (marker.code && markers.length > 1) {
      // The partner's number beside its pin, so the map reads with the table below it.
      pin.bindTooltip(marker.code, { permanent: true, direction: "right", offset: [8, -20], className: "map__label" });
    }
    bounds.push([marker.lat, marker.lon]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 6);
  } else {
    // Room above each point for the marker's pin (41 px high).
    map.fitBounds(bounds, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: 9 });
  }
  if (tiles) {
    tiles.once("tileerror", goOffline);
  } else {
    goOffline();
  }
})();
