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
  });
})();
