/* Meeting times in the viewer's own time zone (the browser's), beside the meeting's.
   Progressive enhancement: without JavaScript the page shows the time in UTC, named as such. */
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  var lang = document.documentElement.lang || undefined;
  var clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
  var day = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone };
  var longDay = { day: "numeric", month: "long", year: "numeric", timeZone: zone };

  function isoDay(d) {
    var parts = new Intl.DateTimeFormat("en-CA", day).formatToParts(d);
    var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }
  function abbreviation(d) {
    var opts = { timeZone: zone, timeZoneName: "short" };
    var parts = new Intl.DateTimeFormat(lang, opts).formatToParts(d);
    var found = parts.filter(function (p) { return p.type === "timeZoneName"; })[0];
    return found ? found.value : zone;
  }
  function time(d) { return new Intl.DateTimeFormat(lang, clock).format(d); }
  function date(d) { return new Intl.DateTimeFormat(lang, longDay).format(d); }

  document.querySelectorAll("[data-hub-viewer-time]").forEach(function (el) {
    if (zone === el.getAttribute("data-meeting-zone")) {
      el.textContent = "";
      return;
    }
    var start = new Date(el.getAttribute("data-start"));
    if (isNaN(start.getTime())) {
      return;
    }
    var text = time(start);
    if (isoDay(start) !== el.getAttribute("data-meeting-date")) {
      text = date(start) + ", " + text;
    }
    var endValue = el.getAttribute("data-end");
    if (endValue) {
      var end = new Date(endValue);
      text += "–" + (isoDay(end) !== isoDay(start) ? date(end) + ", " : "") + time(end);
    }
    el.textContent = " · " + text + " " + el.getAttribute("data-label") + " (" + abbreviation(start) + ")";
  });
})();
