/* Directory map: nothing is requested from the tile server until the visitor clicks "Karte laden"; the
   markers (same filters as the page) are fetched from our own server at the same moment. Leaflet itself is
   served from our own static files. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-load-map]");
    var container = document.getElementById("directory-map");
    if (!button || !container || typeof L === "undefined") {
      return;
    }
    button.addEventListener("click", function () {
      container.hidden = false;
      document.querySelector("[data-map-consent]").hidden = true;
      var map = L.map(container, { scrollWheelZoom: false }).setView([52.55, 10.62], 10);
      L.tileLayer(container.dataset.tileUrl, {
        maxZoom: 18,
        attribution: container.dataset.attribution
      }).addTo(map);
      fetch(container.dataset.markersUrl, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { addMarkers(map, data.url, data.markers); });
      container.focus();
    });
  });

  /* markers: [name, slug, latitude, longitude]; url: a detail page's address with SLUG for the slug */
  function addMarkers(map, url, markers) {
    var bounds = [];
    markers.forEach(function (marker) {
      var name = marker[0];
      var position = [marker[2], marker[3]];
      var link = document.createElement("a");
      link.href = url.replace("SLUG", marker[1]);
      link.textContent = name;
      L.marker(position, { title: name, alt: name })
        .addTo(map)
        .bindPopup(link);
      bounds.push(position);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }
  }
})();
