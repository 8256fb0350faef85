// Progressive enhancement only: the self-check works fully without this file.
//
// 1. Each step is kept in the browser's history, so the phone's Back button returns to the
//    previous question instead of a "Confirm Form Resubmission" page. The form is still posted
//    to the server (which computes the next step and stores nothing); the page that comes back
//    is shown in place and remembered in this tab's history state only (issue 18).
// 2. Shows a "print" button on the result page.
(function () {
  "use strict";

  // The step URL comes from the URLconf, through the script tag's data-step-url.
  var script = document.currentScript;
  var STEP_PATH = script && script.getAttribute("data-step-url");
  var steps = 0;

  function shown() {
    // a counter on <body> that changes with every step shown (tests wait on it)
    steps += 1;
    document.body.setAttribute("data-selfcheck-step", String(steps));
  }

  function setUpPrint() {
    var button = document.querySelector(".js-print");
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function show(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var main = document.querySelector("main");
    var next = parsed.querySelector("main");
    if (!main || !next) {
      document.open();
      document.write(html);
      document.close();
      return;
    }
    main.innerHTML = next.innerHTML;
    document.title = parsed.title;
    setUpPrint();
    shown();
    var focus = main.querySelector("h1:not(.visually-hidden), legend, h2");
    if (focus) {
      focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
    window.scrollTo(0, 0);
  }

  function isStepForm(form) {
    if (!form || form.method.toLowerCase() !== "post") return false;
    try {
      return !!STEP_PATH && new URL(form.action, window.location.href).pathname === STEP_PATH;
    } catch (error) {
      return false;
    }
  }

  if (!window.fetch || !window.history || !window.history.pushState || !window.DOMParser || !window.FormData) {
    setUpPrint();
    return;
  }

  document.documentElement.setAttribute("data-selfcheck-js", "history");

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!isStepForm(form)) return;
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var main = document.querySelector("main");
    if (main) main.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        // remember the page we leave (with the answers as chosen), then show the next one
        var current = document.querySelector("main");
        window.history.replaceState({ selfcheck: true, main: current ? current.innerHTML : null, title: document.title }, "");
        show(html);
        var shown = document.querySelector("main");
        window.history.pushState({ selfcheck: true, main: shown ? shown.innerHTML : null, title: document.title }, "");
      })
      .catch(function () {
        if (main) main.removeAttribute("aria-busy");
        // the network failed: fall back to the plain POST flow, with the button that was pressed
        if (submitter && submitter.name) {
          var pressed = document.createElement("input");
          pressed.type = "hidden";
          pressed.name = submitter.name;
          pressed.value = submitter.value;
          form.appendChild(pressed);
        }
        form.submit();
      });
  });

  window.addEventListener("popstate", function (event) {
    var state = event.state;
    if (!state || !state.selfcheck || state.main === null) return;
    var main = document.querySelector("main");
    if (!main) return;
    main.innerHTML = state.main;
    document.title = state.title;
    setUpPrint();
    shown();
    var focus = main.querySelector("h1:not(.visually-hidden), legend, h2");
    if (focus) {
      focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  });

  setUpPrint();
})();
