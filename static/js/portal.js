/* Small improvements on top of pages that work without JavaScript. No inline code: the CSP forbids it. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // GOV.UK pattern: after a failed submit, move focus to the error summary so it is read out first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
    // Close the language menu with Escape and return focus to its button.
    document.querySelectorAll("details.language-switcher").forEach(function (details) {
      details.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && details.open) {
          details.open = false;
          details.querySelector("summary").focus();
        }
      });
    });
    // Tables of the partner area become one card per row on a phone (CSS, table.stack[data-labelled]): each cell
    // shows its column's heading, taken from the table head. The roles keep the table's meaning for screen
    // readers that drop it when rows are no longer laid out as a table (WebKit).
    document.querySelectorAll("table.stack").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.setAttribute("role", "table");
      table.querySelectorAll("thead, tbody").forEach(function (group) { group.setAttribute("role", "rowgroup"); });
      table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("role", "columnheader"); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.setAttribute("role", "row");
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          cell.setAttribute("data-label", headings[index] || "");
        });
      });
      table.querySelector("thead tr").setAttribute("role", "row");
      table.setAttribute("data-labelled", "");
    });
  });
})();
