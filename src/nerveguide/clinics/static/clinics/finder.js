// "Brug min position": fills the hidden lat/lon fields from the browser and submits the search.
// Progressive enhancement only: without JavaScript the button stays hidden and postcode/town works.
(function () {
  "use strict";
  var button = document.getElementById("use-position");
  var form = document.getElementById("finder-form");
  if (!button || !form || !("geolocation" in navigator)) return;
  var status = document.getElementById("geo-status");
  var where = form.elements["hvor"];
  button.hidden = false;
  // A typed place wins over an earlier position.
  where.addEventListener("input", function () {
    form.elements["lat"].value = "";
    form.elements["lon"].value = "";
  });
  button.addEventListener("click", function () {
    status.textContent = "Finder din position …";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements["lat"].value = position.coords.latitude.toFixed(5);
      form.elements["lon"].value = position.coords.longitude.toFixed(5);
      where.value = "";
      status.textContent = "Position fundet.";
      form.submit();
    }, function () {
      status.textContent = "Vi fik ikke din position. Skriv et postnummer eller en by i stedet.";
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
