/* Admin: give the language tabs of private-use codes a readable name (the browser knows no name for de-x-ls),
   and modeltranslation's language switch a label. The tabs are built by another script whose timing varies,
   so this watches the form until they exist. */
(function () {
  "use strict";
  var NAMES = { "de-x_ls": "Leichte Sprache", "de-x-ls": "Leichte Sprache" };

  function improve() {
    document.querySelectorAll(".ui-tabs-nav a").forEach(function (link) {
      var name = NAMES[link.textContent.trim().toLowerCase()];
      if (name) {
        link.textContent = name;
      }
    });
    var mainSwitch = document.getElementById("modeltranslation-main-switch");
    if (mainSwitch && !mainSwitch.getAttribute("aria-label")) {
      mainSwitch.setAttribute("aria-label",
        document.documentElement.lang === "de" ? "Sprache aller Felder" : "Language of all fields");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    improve();
    new MutationObserver(improve).observe(document.body, { childList: true, subtree: true });
  });
})();
