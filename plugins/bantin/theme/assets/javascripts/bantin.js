/* Reading aids, read-aloud, print and copy-link. Progressive enhancement: controls a browser may
   lack are hidden in the HTML and shown here only when the browser can do what it offers. Print
   and copy work wherever scripts run: they are in the HTML at their final size, hidden by CSS
   only under `.no-js` (main.html switches it in the head), so showing them moves nothing. */
(function () {
  "use strict";
  var root = document.documentElement;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };

  function setFont(level) {
    level = Math.max(-1, Math.min(3, level));
    root.setAttribute("data-bt-font", String(level));
    store.set("bt-font", String(level));
  }

  function setContrast(on) {
    if (on) { root.setAttribute("data-bt-contrast", "on"); } else { root.removeAttribute("data-bt-contrast"); }
    store.set("bt-contrast", on ? "on" : "off");
    document.querySelectorAll("[data-bt-contrast]").forEach(function (b) {
      if (b.tagName === "BUTTON") { b.setAttribute("aria-pressed", on ? "true" : "false"); }
    });
  }

  function initAids() {
    document.querySelectorAll("[data-bt-aids]").forEach(function (box) { box.hidden = false; });
    document.querySelectorAll("[data-bt-font]").forEach(function (button) {
      if (button.tagName !== "BUTTON") { return; }
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-bt-font"), 10);
        var now = parseInt(root.getAttribute("data-bt-font") || "0", 10);
        setFont(step === 0 ? 0 : now + step);
      });
    });
    document.querySelectorAll("button[data-bt-contrast]").forEach(function (button) {
      button.setAttribute("aria-pressed", root.getAttribute("data-bt-contrast") === "on" ? "true" : "false");
      button.addEventListener("click", function () { setContrast(root.getAttribute("data-bt-contrast") !== "on"); });
    });
  }

  /* Read aloud with a Vietnamese voice, preferring one that works offline (localService). */
  function vietnameseVoice() {
    var voices = window.speechSynthesis.getVoices().filter(function (v) { return /^vi\b/i.test(v.lang); });
    var local = voices.filter(function (v) { return v.localService; });
    return local[0] || voices[0] || null;
  }

  function initListen() {
    var button = document.querySelector("[data-bt-listen]");
    var status = document.querySelector("[data-bt-listen-status]");
    var body = document.querySelector(".bt-body");
    if (!button || !body || !("speechSynthesis" in window)) { return; }
    function offer() {
      var voice = vietnameseVoice();
      button.hidden = !voice;
      if (voice && !voice.localService && status) {
        status.textContent = "Giọng đọc tiếng Việt của trình duyệt cần kết nối Internet.";
      }
    }
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking) { synth.cancel(); button.textContent = "Nghe đọc bài"; return; }
      var heading = document.querySelector(".md-content h1");
      var utterance = new SpeechSynthesisUtterance((heading ? heading.textContent + ". " : "") + body.innerText);
      utterance.lang = "vi-VN";
      utterance.voice = vietnameseVoice();
      utterance.onend = function () { button.textContent = "Nghe đọc bài"; };
      synth.speak(utterance);
      button.textContent = "Dừng đọc";
    });
  }

  function initPrint() {
    document.querySelectorAll("[data-bt-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function initCopy() {
    var link = document.querySelector("[data-bt-copy]");
    var button = document.querySelector("[data-bt-copy-button]");
    var status = document.querySelector("[data-bt-copy-status]");
    if (!link || !button) { return; }
    button.addEventListener("click", function () {
      var text = link.getAttribute("data-bt-copy");
      function done() { if (status) { status.textContent = "Đã sao chép: " + text; } }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    });
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function init() { initAids(); initListen(); initPrint(); initCopy(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
