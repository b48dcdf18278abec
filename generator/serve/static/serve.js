// reportgen serve: put each finding listed in #findings beside the field it
// concerns (its data-slot), after the page loads and after every htmx swap.
(function () {
  "use strict";
  function place() {
    document.querySelectorAll("ul.slot").forEach(function (slot) { slot.replaceChildren(); });
    document.querySelectorAll("#findings li[data-slot]").forEach(function (item) {
      var name = item.getAttribute("data-slot");
      if (!name) { return; }
      var slot = document.querySelector('ul.slot[data-slot="' + CSS.escape(name) + '"]');
      if (slot) { slot.appendChild(item.cloneNode(true)); }
    });
  }
  document.addEventListener("DOMContentLoaded", place);
  document.addEventListener("htmx:afterSettle", place);
  document.addEventListener("htmx:oobAfterSwap", place);
})();
