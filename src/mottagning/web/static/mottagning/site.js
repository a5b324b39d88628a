/* mottagning: the little the pages need beyond HTML and CSS. Everything works without it. */
(function () {
  "use strict";

  /* WCAG 1.4.10 (reflow): a table wider than the screen scrolls inside its own region,
     named by its caption, instead of the whole page scrolling sideways. The region takes
     keyboard focus only while it actually scrolls, so wide screens get no extra tab stops. */
  function labelOf(table, index) {
    var caption = table.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    if (!text) {
      var heading = table.closest("section, main");
      var h = heading ? heading.querySelector("h2, h1") : null;
      text = h ? h.textContent.trim() : "";
    }
    if (text) {
      return text;
    }
    return (document.documentElement.lang === "en" ? "Table " : "Tabell ") + (index + 1);
  }

  function wrapTables() {
    var tables = document.querySelectorAll("main table");
    tables.forEach(function (table, index) {
      if (table.parentElement && table.parentElement.classList.contains("table-scroll")) {
        return;
      }
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", labelOf(table, index));
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    });
    updateFocusable();
  }

  function updateFocusable() {
    document.querySelectorAll(".table-scroll").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }

  /* After a failed submit, focus goes to the error summary so a screen reader reads the
     errors first and a keyboard user starts from the list of links to the fields. */
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  function ready() {
    wrapTables();
    focusErrorSummary();
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(updateFocusable, 100);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
