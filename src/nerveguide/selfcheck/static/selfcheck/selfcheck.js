// Progressive enhancement only: the self-check works fully without this file.
// Shows a "print" button on the result page.
(function () {
  "use strict";
  var button = document.querySelector(".js-print");
  if (!button || !window.print) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
