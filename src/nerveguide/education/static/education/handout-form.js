// Progressive enhancement for the handout builder; the form works without it.
// - live count of chosen exercises with a warning above five
// - named templates in this browser's localStorage and a share link; both carry only the
//   non-personal choices (never goals, ladder, work notes or advice)
(function () {
  "use strict";
  var form = document.getElementById("handout-form");
  if (!form) return;
  var MAX = 5;
  var PERSONAL = ["goals", "ladder", "work_notes", "advice", "csrfmiddlewaretoken", "submitted"];
  var KEY = "nerveguide.handoutTemplates";

  var count = document.getElementById("exercise-count");
  function updateCount() {
    var n = form.querySelectorAll('input[name="exercises"]:checked').length;
    var text = "Du har valgt " + n + (n === 1 ? " øvelse." : " øvelser.");
    if (n > MAX) text += " Vælg højst " + MAX + ": patienter holder bedre fast i få øvelser end i mange.";
    count.textContent = text;
    count.classList.toggle("exercise-count--warning", n > MAX);
  }
  form.addEventListener("change", function (e) {
    if (e.target.name === "exercises") updateCount();
  });
  updateCount();

  // Only the chosen region's exercises are shown; one already ticked for the other region stays
  // visible with a warning (the server refuses the mismatch too, with the same advice).
  var regionNote = document.getElementById("exercise-region-note");
  function filterByRegion() {
    var region = form.querySelector('input[name="region"]:checked');
    if (!region) return;
    var mismatched = [];
    form.querySelectorAll(".exercise-choice").forEach(function (choice) {
      var fits = (choice.getAttribute("data-regions") || "").split(" ").indexOf(region.value) !== -1;
      var box = choice.querySelector('input[name="exercises"]');
      choice.hidden = !fits && !box.checked;
      choice.classList.toggle("exercise-choice--mismatch", !fits && box.checked);
      if (!fits && box.checked) mismatched.push(choice.querySelector(".exercise-choice__name").textContent.trim().split("(")[0].trim());
    });
    regionNote.hidden = !mismatched.length;
    regionNote.textContent = mismatched.length
      ? "Passer ikke til det valgte område: " + mismatched.join(", ") + ". Fjern flueben, eller vælg det andet område."
      : "";
  }
  form.addEventListener("change", function (e) {
    if (e.target.name === "region" || e.target.name === "exercises") filterByRegion();
  });
  filterByRegion();

  function shareQuery() {
    var data = new FormData(form);
    var chosen = data.getAll("exercises");
    var params = new URLSearchParams();
    data.forEach(function (value, name) {
      if (PERSONAL.indexOf(name) !== -1 || value === "") return;
      var dose = /^dose-(.+)-[a-z]+$/.exec(name);
      if (dose && chosen.indexOf(dose[1]) === -1) return; // dosage of an exercise not chosen
      params.append(name, value);
    });
    return params.toString();
  }

  var box = document.getElementById("handout-templates");
  var storage;
  try { storage = window.localStorage; storage.getItem(KEY); } catch (err) { storage = null; }
  box.hidden = false;
  var nameInput = document.getElementById("template-name");
  var list = document.getElementById("template-list");
  var status = document.getElementById("template-status");
  var link = document.getElementById("share-link");

  function load() {
    try { return JSON.parse(storage.getItem(KEY) || "{}"); } catch (err) { return {}; }
  }
  function fill() {
    var saved = load();
    list.textContent = "";
    Object.keys(saved).sort().forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      list.appendChild(option);
    });
    list.disabled = !list.options.length;
  }
  if (!storage) {
    document.getElementById("template-save").disabled = true;
    status.textContent = "Din browser tillader ikke at gemme skabeloner. Delelinket virker stadig.";
  } else {
    fill();
  }
  document.getElementById("template-save").addEventListener("click", function () {
    var name = nameInput.value.trim();
    if (!name) { status.textContent = "Skriv et navn til skabelonen."; nameInput.focus(); return; }
    var saved = load();
    saved[name] = shareQuery();
    storage.setItem(KEY, JSON.stringify(saved));
    fill();
    list.value = name;
    status.textContent = "Skabelonen \"" + name + "\" er gemt i denne browser.";
  });
  document.getElementById("template-use").addEventListener("click", function () {
    var saved = storage ? load() : {};
    if (list.value && saved[list.value] !== undefined) window.location.search = saved[list.value];
  });
  document.getElementById("template-delete").addEventListener("click", function () {
    var saved = load();
    if (!list.value) return;
    delete saved[list.value];
    storage.setItem(KEY, JSON.stringify(saved));
    fill();
    status.textContent = "Skabelonen er slettet.";
  });
  document.getElementById("share-make").addEventListener("click", function () {
    link.value = window.location.origin + window.location.pathname + "?" + shareQuery();
    link.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(link.value).then(function () {
        status.textContent = "Linket er kopieret. Det indeholder ikke mål eller noter.";
      }, function () { status.textContent = "Kopiér linket fra feltet."; });
    } else {
      status.textContent = "Kopiér linket fra feltet.";
    }
  });
})();
