// Keyboard navigation of the legal provision matrix (hub/legal/templates/legal/compare/matrix.html,
// table[data-legal-matrix]): the table's cells and row headers take focus one at a time (roving tabindex); the arrow
// keys move between them, Home and End go to the start and end of the row, Ctrl+Home and Ctrl+End to
// the first and last cell. Without scripts the table stays readable and its region scrolls by keyboard.
(function () {
  "use strict";
  function init(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var grid = rows.map(function (tr) {
      return Array.prototype.slice.call(tr.querySelectorAll("th[scope=row], td"));
    }).filter(function (r) { return r.length; });
    if (!grid.length) { return; }
    grid.forEach(function (r) { r.forEach(function (c) { c.tabIndex = -1; }); });
    grid[0][0].tabIndex = 0;
    function move(from, row, col) {
      row = Math.max(0, Math.min(grid.length - 1, row));
      col = Math.max(0, Math.min(grid[row].length - 1, col));
      var to = grid[row][col];
      from.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
    }
    table.addEventListener("keydown", function (event) {
      var cell = event.target;
      var row = -1;
      var col = -1;
      for (var i = 0; i < grid.length && row < 0; i++) {
        col = grid[i].indexOf(cell);
        if (col >= 0) { row = i; }
      }
      if (row < 0) { return; }
      var keys = {
        ArrowUp: [row - 1, col],
        ArrowDown: [row + 1, col],
        ArrowLeft: [row, col - 1],
        ArrowRight: [row, col + 1],
        Home: event.ctrlKey ? [0, 0] : [row, 0],
        End: event.ctrlKey ? [grid.length - 1, grid[grid.length - 1].length - 1] : [row, grid[row].length - 1],
        PageUp: [row - 10, col],
        PageDown: [row + 10, col]
      };
      var target = keys[event.key];
      if (!target) { return; }
      event.preventDefault();
      move(cell, target[0], target[1]);
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-legal-matrix]"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
