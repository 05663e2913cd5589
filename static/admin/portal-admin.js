/* Admin: give the language tabs of private-use codes a readable name (the browser knows no name for de-x-ls). */
(function () {
  "use strict";
  var NAMES = { "de-x_ls": "Leichte Sprache", "de-x-ls": "Leichte Sprache" };
  window.addEventListener("load", function () {
    document.querySelectorAll(".ui-tabs-nav a").forEach(function (link) {
      var text = link.textContent.trim();
      if (NAMES[text]) {
        link.textContent = NAMES[text];
      }
    });
  });
})();
