// reportgen serve: put each finding listed in #findings beside the field it
// concerns, after the page loads and after every htmx swap. A finding names
// its YAML path ("measures[2].points[1].text"); where the form has no field
// of that path, the nearest group holding it ("measures[2]") takes it.
(function () {
  "use strict";
  var LAST = /(\.[^.\[\]]+|\[\d+\])$/;
  function slotFor(path) {
    while (path) {
      var slot = document.querySelector('ul.slot[data-slot="' + CSS.escape(path) + '"]');
      if (slot) { return slot; }
      var shorter = path.replace(LAST, "");
      if (shorter === path) { return null; }
      path = shorter;
    }
    return null;
  }
  function place() {
    document.querySelectorAll("ul.slot").forEach(function (slot) { slot.replaceChildren(); });
    document.querySelectorAll("#findings li[data-slot]").forEach(function (item) {
      var slot = slotFor(item.getAttribute("data-slot"));
      if (slot) { slot.appendChild(item.cloneNode(true)); }
    });
  }
  document.addEventListener("DOMContentLoaded", place);
  document.addEventListener("htmx:afterSettle", place);
})();
