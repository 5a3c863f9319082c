(function () {
  "use strict";
  // Clicking or focusing a sentence lights up the sentences it is linked to (its source,
  // or the rewrite's sentences that use it). The page reads the same without this script.
  function clear(root) {
    root.querySelectorAll(".sent.active, .sent.linked").forEach(function (el) {
      el.classList.remove("active", "linked");
    });
  }
  function select(sentence) {
    var root = sentence.closest(".report") || document;
    clear(root);
    sentence.classList.add("active");
    (sentence.getAttribute("data-links") || "").split(" ").forEach(function (id) {
      var other = id ? document.getElementById(id) : null;
      if (other) { other.classList.add("linked"); }
    });
  }
  function step(sentence, by) {
    var all = Array.prototype.slice.call(
      (sentence.closest(".report") || document).querySelectorAll(".sent.der"));
    var next = all[all.indexOf(sentence) + by];
    if (next) { next.focus(); }
  }
  function onKey(event) {
    var sentence = event.target.closest ? event.target.closest(".sent") : null;
    if (!sentence || event.target !== sentence || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "j") { step(sentence, 1); }
    else if (event.key === "ArrowUp" || event.key === "k") { step(sentence, -1); }
    else if (event.key === "Escape") { clear(sentence.closest(".report") || document); return; }
    else { return; }
    event.preventDefault();
  }
  function fromHash() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target && target.classList.contains("sent")) { target.focus({ preventScroll: true }); }
  }
  function start() {
    document.querySelectorAll(".report .sent").forEach(function (sentence) {
      sentence.addEventListener("focus", function () { select(sentence); });
      sentence.addEventListener("click", function () { select(sentence); });
    });
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", fromHash);
    document.documentElement.classList.add("js");
    fromHash();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
