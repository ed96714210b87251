// Taskforce Hub behaviours, attached through data- attributes (no inline scripts: strict CSP).
(function () {
  "use strict";
  function focusErrorSummary() {
    var el = document.querySelector("[data-hub-focus]");
    if (el) { el.focus(); }
  }
  document.addEventListener("DOMContentLoaded", focusErrorSummary);
})();
