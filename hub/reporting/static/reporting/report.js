// The report page's sections save with htmx (each form also posts without JavaScript). htmx may not
// add its inline indicator styles (the Content-Security-Policy allows no inline style); after a
// section is swapped in, focus goes to its error summary or its "saved" notice.
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  window.htmx.config.includeIndicatorStyles = false;
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var section = target && target.id ? document.getElementById(target.id) : null;
    if (!section) {
      return;
    }
    var focus = section.querySelector("[data-hub-focus]") || section.querySelector("[role=status]");
    if (focus) {
      focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  });
})();
