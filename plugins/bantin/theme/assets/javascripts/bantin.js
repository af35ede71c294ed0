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

  var FONT_NAMES = { "-1": "nhỏ", "0": "mặc định", "1": "lớn", "2": "lớn hơn", "3": "lớn nhất" };

  function setFont(level) {
    level = Math.max(-1, Math.min(3, level));
    root.setAttribute("data-bt-font", String(level));
    store.set("bt-font", String(level));
    showFont(level);
  }

  /** The panel says the size now; A+ at the largest and A- at the smallest say they can go no
      further (aria-disabled: a disabled button would drop the keyboard's focus). */
  function showFont(level) {
    document.querySelectorAll("[data-bt-font-now]").forEach(function (e) { e.textContent = FONT_NAMES[String(level)]; });
    document.querySelectorAll("button[data-bt-font]").forEach(function (b) {
      var step = parseInt(b.getAttribute("data-bt-font"), 10);
      var end = (step > 0 && level >= 3) || (step < 0 && level <= -1);
      if (end) { b.setAttribute("aria-disabled", "true"); } else { b.removeAttribute("aria-disabled"); }
    });
  }

  function setContrast(on) {
    if (on) { root.setAttribute("data-bt-contrast", "on"); } else { root.removeAttribute("data-bt-contrast"); }
    store.set("bt-contrast", on ? "on" : "off");
    document.querySelectorAll("[data-bt-contrast]").forEach(function (b) {
      if (b.tagName === "BUTTON") { b.setAttribute("aria-pressed", on ? "true" : "false"); }
    });
  }

  /* --- Reading aids: one "Aa" disclosure button opening the font and contrast panel --- */
  function initAids() {
    document.querySelectorAll("[data-bt-aids]").forEach(function (box) {
      box.setAttribute("data-bt-ready", "");
      var toggle = box.querySelector("[data-bt-aids-toggle]");
      var panel = box.querySelector(".bt-aids__panel");
      if (!toggle || !panel) { return; }
      function show(open, refocus) {
        panel.hidden = !open;
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) { panel.querySelector("button").focus(); } else if (refocus) { toggle.focus(); }
      }
      toggle.addEventListener("click", function () { show(panel.hidden, false); });
      /* tapped before this script came (main.html's head script kept it): answered now */
      if (root.hasAttribute("data-bt-aids-asked")) { root.removeAttribute("data-bt-aids-asked"); show(true, false); }
      box.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); e.stopPropagation(); show(false, true); }
      });
      document.addEventListener("click", function (e) { if (!panel.hidden && !box.contains(e.target)) { show(false, false); } });
      box.addEventListener("focusout", function (e) {
        if (!panel.hidden && e.relatedTarget && !box.contains(e.relatedTarget)) { show(false, false); }
      });
    });
    document.querySelectorAll("[data-bt-font]").forEach(function (button) {
      if (button.tagName !== "BUTTON") { return; }
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-bt-font"), 10);
        var now = parseInt(root.getAttribute("data-bt-font") || "0", 10);
        setFont(step === 0 ? 0 : now + step);
      });
    });
    var stored = parseInt(root.getAttribute("data-bt-font") || "0", 10);
    showFont(FONT_NAMES[String(stored)] ? stored : 0);
    document.querySelectorAll("button[data-bt-contrast]").forEach(function (button) {
      button.setAttribute("aria-pressed", root.getAttribute("data-bt-contrast") === "on" ? "true" : "false");
      button.addEventListener("click", function () { setContrast(root.getAttribute("data-bt-contrast") !== "on"); });
    });
  }

  /* --- Menu: a focusable button for Material's drawer (its <label> takes no focus) ----- */
  function initMenu() {
    var drawer = document.getElementById("__drawer");
    var label = document.querySelector("[data-bt-menu-label]");
    var button = document.querySelector("[data-bt-menu]");
    var nav = document.querySelector(".md-sidebar--primary");
    if (!drawer || !label || !button) { return; }
    label.hidden = true;
    button.hidden = false;
    var wasOpen = drawer.checked, gone = null;
    function sync() {
      button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      button.setAttribute("aria-label", drawer.checked ? "Đóng danh mục trang" : "Danh mục trang");
      /* Closed, the drawer slides out for 0.25 s with its links still in the Tab order: a quick
         Shift+Tab after Tab had left it landed on one sliding off screen (the keyboard trial,
         session 46). Out of the Tab order (inert) until it has gone; not while the focus is in
         it (Escape, Back: they move it to the button), which inert would drop to the page. */
      if (nav && "inert" in nav && wasOpen && !drawer.checked && !nav.contains(document.activeElement)) {
        nav.inert = true;
        clearTimeout(gone);
        gone = setTimeout(function () { nav.inert = false; }, 300);
      } else if (nav && drawer.checked) { clearTimeout(gone); nav.inert = false; }
      wasOpen = drawer.checked;
    }
    button.addEventListener("click", function () {
      drawer.click();  /* Material follows the checkbox's change event */
      sync();
      if (drawer.checked && nav) {
        setTimeout(function () {  /* the first link the reader sees (an open section hides its parent's) */
          var links = Array.prototype.filter.call(nav.querySelectorAll("a[href]"), function (a) {
            return a.getClientRects().length && getComputedStyle(a).visibility === "visible";
          });
          if (drawer.checked && links.length) { focusInDrawer(links[0], nav); }
        }, 50);
      }
    });
    drawer.addEventListener("change", sync);
    /* Sections in the drawer by keyboard: Material opens one on Enter but leaves focus on its
       label, which the open level covers (hidden by bantin.css), and its "back" title takes
       no focus. Focus follows the level that opens or closes; the back title (a section's,
       the table of contents') is the button nav-item.html and toc.html print beside it. */
    if (nav) {
      nav.querySelectorAll('label.md-nav__link[for][tabindex]:not([tabindex=""])').forEach(initOpener);
      nav.querySelectorAll("button[data-bt-back]").forEach(initBack);
      nav.addEventListener("change", function (e) {
        var toggle = e.target, item = toggle.parentNode;
        if (!toggle.classList.contains("md-nav__toggle") || !item.contains(document.activeElement)) { return; }
        var open = toggle.checked;
        var target = open ? item.querySelector(":scope > .md-nav a[href]")
          : item.querySelector('[data-bt-open="' + toggle.id + '"]') || item.querySelector("label.md-nav__link");
        /* only if the level is still as it was: closed again within the 50 ms, an open's move
           took focus into the closed level, where Space and Enter did nothing (session 33) */
        if (target) { setTimeout(function () { if (toggle.checked === open) { focusInDrawer(target, nav); } }, 50); }
      });
    }
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer.checked) { drawer.click(); button.focus(); }
    });
    /* Tab past the drawer's last link (or Shift+Tab before its first) went on to the page under
       it, focus out of sight: leaving the drawer closes it, as leaving the "Aa" panel does. */
    document.addEventListener("focusin", function (e) {
      if (drawer.checked && nav && !nav.contains(e.target)) { drawer.click(); }
    });
    initDrawerHistory(drawer, function () {
      if (nav && nav.contains(document.activeElement)) { button.focus(); }  /* as Escape does */
    });
    sync();
  }

  /* --- Back closes the phone's open drawer (an outsider's trial, session 43): Android's Back
     left the page, where the reader expects it to close the drawer as it closes every other
     surface laid over a page. Opening the drawer below 76.25em, by any means (a change of the
     checkbox), adds one history entry of the same address, its state marked; Back onto the
     entry before closes the drawer, and the browser puts back that entry's scroll. Closing it
     any other way (overlay, menu button, Escape, Tab out) takes the entry away again, so the
     next Back leaves the page in one press. A link followed while it is open goes once the
     entry is gone: Back from the next page comes here in one press. A link to this page's own
     heading (the drawer's "Mục lục") replaces the entry (location.replace): it is the entry
     Back leaves, as such a link is on a wide screen. Wide screens, and Material's instant
     navigation (which keeps its own history), add nothing. --- */
  var DRAWER_MARK = "bantinDrawer";
  function drawerMarked(state) { return !!(state && state[DRAWER_MARK]); }

  function instantNavigation() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).features.indexOf("navigation.instant") >= 0; } catch (e) { return false; }
  }

  function initDrawerHistory(drawer, onBack) {
    if (!window.history || typeof history.pushState !== "function" || !window.matchMedia || instantNavigation()) { return; }
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    var ours = false;      /* the current entry is the one this opening added */
    var leaving = false;   /* our history.back() is on its way; its popstate is not the reader's */
    function add() {
      var state = {};
      state[DRAWER_MARK] = true;
      try { history.pushState(state, "", location.href); ours = true; } catch (e) { /* refused: Back leaves, as before */ }
    }
    var next = null;       /* the page a link leads to, once the entry is gone */
    function takeAway(then) {
      ours = false; leaving = true; next = then || null;
      history.back();
      if (next) {  /* a browser whose back() brings no popstate must not leave a tapped link dead */
        setTimeout(function () { if (leaving && next) { var to = next; next = null; leaving = false; location.href = to; } }, 1500);
      }
    }
    function closeQuietly() { ours = false; if (drawer.checked) { drawer.click(); } }
    drawer.addEventListener("change", function () {
      if (drawer.checked && !ours && !leaving && narrow.matches) { add(); } else if (!drawer.checked && ours) { takeAway(null); }
    });
    window.addEventListener("popstate", function (e) {
      if (leaving) {  /* ours: a link to follow, or opened again before it arrived (an entry now) */
        leaving = false;
        if (next) { location.href = next; next = null; } else if (drawer.checked && narrow.matches) { add(); }
      } else if (ours && !drawerMarked(e.state)) {  /* the reader's Back */
        closeQuietly();
        onBack();
      } else if (!ours && drawerMarked(e.state) && narrow.matches) {  /* Forward onto an opening: the entry means open */
        ours = true;
        if (!drawer.checked) { drawer.click(); }
      }
    });
    /* A link followed while the drawer's entry is the current one: no entry of it behind. */
    document.addEventListener("click", function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
      if (!ours || !a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey ||
          (a.target && a.target !== "_self") || a.hasAttribute("download") || typeof a.href !== "string") { return; }
      var to = new URL(a.href, location.href);
      if (!/^(https?|file):$/.test(to.protocol)) { return; }
      var here = to.protocol === location.protocol && to.host === location.host &&
        to.pathname === location.pathname && to.search === location.search;
      e.preventDefault();
      if (here) {  /* no page load closes the drawer: Material waits 125 ms, or never for the heading in the address */
        ours = false;
        location.replace(to.href);
        closeQuietly();
      } else {  /* another page once the entry is gone: location.replace kept this page out of the back-forward cache */
        takeAway(to.href);
      }
    });
    /* Back to this page from the back-forward cache, or a reload: the drawer closed, and an
       entry of an opening left behind (the reader went away by the address bar) taken away. */
    window.addEventListener("pageshow", function (e) {
      if (!e.persisted) { return; }
      var stale = ours || drawerMarked(history.state);
      closeQuietly();
      if (stale) { leaving = true; history.back(); }
    });
    if (drawerMarked(history.state)) { leaving = true; history.back(); }
    /* A tablet turned to a wide screen hides the drawer: one open out of sight has no entry. */
    var onWidth = function () {
      if (!narrow.matches && ours && !window.matchMedia("print").matches) { drawer.click(); }
    };
    if (narrow.addEventListener) { narrow.addEventListener("change", onWidth); }
  }

  /* Focus a link or button of the drawer without sliding the drawer sideways. On a slow phone
     the 50 ms timer fires while the new level is still off to the right; focus() then scrolls
     the drawer's scroll box (overflow hidden sideways, yet scrollable by focus) to bring it in
     view, and when the slide ends every level sits 242 px to the left: a blank drawer (seen at
     Chrome's 10× CPU slowdown, and as a flaky test under load, session 42). Up and down
     scrolling stays the browser's; any sideways scroll between the control and the drawer is
     undone. */
  function focusInDrawer(control, nav) {
    control.focus();
    for (var box = control.parentElement; box && nav.contains(box); box = box.parentElement) {
      if (box.scrollLeft) { box.scrollLeft = 0; }
    }
  }

  /* A level's opener ("Chuyên mục", a page's table of contents) as a button in place of
     Material's label, which a screen reader read as plain text, with no open state, and
     which Space did not open (session 32). The button goes before the label, whose
     neighbours Material's styles read ([for=__toc] + a), and clicks it, so Material's script
     still marks the group open; it says open or closed as its checkbox changes, and again
     when Back brings the page from the browser's cache with its boxes as they were (no
     change event then). Only labels Material lets take focus: a section laid out open on a
     wide screen (navigation.sections, `tabindex=""`) is a heading, not a control. With
     navigation.indexes the label beside the section's own page holds only an arrow: the
     button is named for the section. Without script the label stays. */
  function initOpener(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " bt-nav-open";
    button.setAttribute("data-bt-open", toggle.id);
    Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
    var page = label.previousElementSibling;
    if (!label.textContent.trim() && page && page.tagName === "A") {
      button.setAttribute("aria-label", "Các trang trong mục " + page.textContent.replace(/\s+/g, " ").trim());
    } else if (label.querySelector(".bt-sr")) {  /* "Giới thiệu , mục lục": the space inside the title's span */
      button.setAttribute("aria-label", label.textContent.replace(/\s+/g, " ").replace(/ ,/g, ",").trim());
    }
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    button.addEventListener("click", function () { label.click(); });
    toggle.addEventListener("change", sync);
    window.addEventListener("pageshow", sync);
    sync();
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
  }

  /* A level's "back" title as a button in place of Material's label (a label takes no focus,
     and axe refuses role=button on one): a click unticks the level's checkbox, as the label
     did, and Material's styles slide the level out. Without script the label stays. */
  function initBack(back) {
    var toggle = document.getElementById(back.getAttribute("data-bt-back"));
    var label = back.previousElementSibling;
    if (!toggle || !label || label.tagName !== "LABEL") { return; }
    back.addEventListener("click", function () { if (toggle.checked) { toggle.click(); } });
    label.hidden = true;
    back.hidden = false;
  }

  /* Read aloud with a Vietnamese voice, preferring one that works offline (localService). */
  function vietnameseVoice() {
    var voices = window.speechSynthesis.getVoices().filter(function (v) { return /^vi\b/i.test(v.lang); });
    var local = voices.filter(function (v) { return v.localService; });
    return local[0] || voices[0] || null;
  }

  /* Without a Vietnamese voice the button stays and, when pressed, says why nothing is read
     and where this device installs one (voices often arrive late, so it asks again then). */
  function missingVoiceHelp() {
    var ua = navigator.userAgent || "";
    var where = /Android/i.test(ua) ? "Trên Android: Cài đặt > Chuyển văn bản thành giọng nói (trong Hỗ trợ tiếp cận hoặc Quản lý chung), chọn Google và tải giọng Tiếng Việt."
      : /iPhone|iPad|iPod/i.test(ua) ? "Trên iPhone, iPad: Cài đặt > Trợ năng > Nội dung được đọc > Giọng nói > Tiếng Việt."
      : /Windows/i.test(ua) ? "Trên Windows: Cài đặt > Thời gian và ngôn ngữ > Giọng nói > Thêm giọng nói > Tiếng Việt (giọng An), rồi mở lại trình duyệt; hoặc dùng trình duyệt Edge."
      : /Macintosh/i.test(ua) ? "Trên máy Mac: Cài đặt hệ thống > Trợ năng > Nội dung được đọc > Giọng hệ thống > Tiếng Việt (giọng Linh)."
      : "Hãy cài giọng đọc Tiếng Việt trong phần giọng nói của máy, hoặc mở trang bằng Chrome trên điện thoại Android.";
    return "Máy này chưa có giọng đọc tiếng Việt nên chưa thể đọc bài. " + where;
  }

  function initListen() {
    var button = document.querySelector("[data-bt-listen]");
    var status = document.querySelector("[data-bt-listen-status]");
    var body = document.querySelector(".bt-body");
    if (!button || !body || !("speechSynthesis" in window)) { return; }
    function offer() {
      var voice = vietnameseVoice();
      if (status) {
        status.textContent = voice && !voice.localService ? "Giọng đọc tiếng Việt của trình duyệt cần kết nối Internet." : "";
      }
    }
    button.hidden = false;
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking) { synth.cancel(); button.textContent = "Nghe đọc bài"; offer(); return; }
      var voice = vietnameseVoice();
      if (!voice) { if (status) { status.textContent = missingVoiceHelp(); } return; }
      var heading = document.querySelector(".md-content h1");
      var utterance = new SpeechSynthesisUtterance((heading ? heading.textContent + ". " : "") + body.innerText);
      utterance.lang = "vi-VN";
      utterance.voice = voice;
      utterance.onend = function () { button.textContent = "Nghe đọc bài"; offer(); };  /* back to what it said before: an online voice's note */
      /* A voice that fails (a network voice offline, the engine busy) ended nothing: the
         button stayed on "Dừng đọc" with no word why (a screen-reader trial, session 29). */
      utterance.onerror = function (e) {
        button.textContent = "Nghe đọc bài";
        if (status && e && e.error !== "canceled" && e.error !== "interrupted") {
          status.textContent = "Không đọc được bài: giọng đọc của máy báo lỗi" +
            (voice.localService ? "." : " (giọng này cần kết nối Internet).") + " Bấm “Nghe đọc bài” để thử lại.";
        }
      };
      synth.speak(utterance);
      button.textContent = "Dừng đọc";
      if (status) { status.textContent = "Đang đọc bài. Bấm “Dừng đọc” để dừng."; }
    });
  }

  function initPrint() {
    document.querySelectorAll("[data-bt-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* --- Print (issue 15): the printout's header says when it was printed: a law may change
     after a sheet is handed out. The build stamps no date (output stays byte-identical). */
  function initPrintDate() {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    function stamp() {
      var now = new Date();
      document.querySelectorAll("[data-bt-print-date]").forEach(function (line) {
        line.lastElementChild.textContent = two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear();
        line.hidden = false;
      });
    }
    stamp();
    window.addEventListener("beforeprint", stamp);  /* a tab left open overnight prints today's date */
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

  /* --- "Chia sẻ": the phone's own share sheet (Zalo, Facebook, Messenger…), where the browser
     has one; a trainer had only "Sao chép liên kết" (a trainer's trial, session 28). A
     question is shared by its short link, any other page by its public address. --- */
  function initShare() {
    var button = document.querySelector("[data-bt-share]");
    // From files (a USB copy) the address is file:///…, no use to anyone else: no button.
    if (!button || typeof navigator.share !== "function" || location.protocol === "file:") { return; }
    var short = document.querySelector("[data-bt-copy]");
    var canonical = document.querySelector("link[rel=canonical]");
    var heading = document.querySelector(".md-content h1");
    var data = {
      title: heading ? heading.textContent.trim() : document.title,
      url: short ? short.getAttribute("data-bt-copy") : canonical ? canonical.href : location.href
    };
    if (typeof navigator.canShare === "function" && !navigator.canShare(data)) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(data).catch(function () { /* closed without sharing: nothing to say */ });
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

  /* --- The online site opened from file:// (a trainer copied its folder; the offline build,
     `bantin build --offline`, links files instead): its links name folders ("tin-tuc/"), which
     a browser shows there as a list of files. A folder link or a search form sent there goes
     to the folder's index.html. Its href is changed before the browser follows it, so a new
     tab and a copied link get it too. Material's keys N/. and P/, follow the head's
     link[rel=next|prev] (no click to catch): those are changed at once. The redirect pages
     (short links, `aliases:`) do it themselves (templates/redirect.html). Over http nothing
     changes. --- */
  function folderIndex(url) {
    if (url.protocol !== "file:" || url.pathname.slice(-1) !== "/") { return null; }
    url.pathname += "index.html";
    return url.href;
  }

  function initFileFolders() {
    if (location.protocol !== "file:") { return; }
    document.querySelectorAll("link[rel=next][href], link[rel=prev][href]").forEach(function (link) {
      var href = folderIndex(new URL(link.href));
      if (href) { link.href = href; }
    });
    function fix(e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
      var href = a && typeof a.href === "string" && folderIndex(new URL(a.href));  /* not an SVG link */
      if (href) { a.href = href; }
    }
    ["mousedown", "click", "auxclick", "contextmenu", "focusin"].forEach(function (type) {
      document.addEventListener(type, fix, true);
    });
    document.addEventListener("submit", function (e) {
      var form = e.target, action = form && (form.method || "get").toLowerCase() === "get" && folderIndex(new URL(form.action));
      if (action) { form.action = action; }
    }, true);
  }
  initFileFolders();  /* at once: a click may come before the page has loaded */

  /* --- A search result opened at its words (bantin-search.js `atPhrase`: a text fragment,
     `#:~:text=…`). The browser goes to the first place on the page that has the words, and a
     heading's words come first in the contents beside the text or in the phone's «Mục lục»,
     which Chromium opened instead of scrolling to the answer (a trial, session 56). Only when
     the page was opened so (the navigation's own address keeps the fragment, `location` does
     not), the menus and contents are set aside (`inert`: not searched, not clicked) while the
     browser looks for the words, after the page is read. They come back at the first of: the
     browser's scroll to the words, the reader's first touch, click or key, ASIDE_MS after the
     page was read, or its load (a picture slow on 3G held them 12 s; review, session 56). --- */
  var ASIDE_MS = 1500;
  function asideForWords() {
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    if (!entries.length || String(entries[0].name).indexOf(":~:text=") < 0) return;
    var aside = Array.prototype.filter.call(
      document.querySelectorAll(".md-header, .md-tabs, .md-sidebar, .bt-toc-phone"), function (el) { return !el.inert; });
    if (!aside.length) return;
    aside.forEach(function (el) { el.inert = true; });
    // The page's own scroll only (not captured: Material scrolls the contents' own box), the
    // reader's input wherever it lands (captured: an inert element passes it to its parent).
    var done = false, ends = [["scroll", false], ["load", false], ["pointerdown", true], ["touchstart", true],
                              ["keydown", true]];
    function back() {
      if (done) return;
      done = true;
      ends.forEach(function (end) { window.removeEventListener(end[0], later, end[1]); });
      aside.forEach(function (el) { el.inert = false; });
    }
    function later() { requestAnimationFrame(function () { requestAnimationFrame(back); }); }
    ends.forEach(function (end) { window.addEventListener(end[0], later, end[1]); });
    function read() { setTimeout(back, ASIDE_MS); }
    if (document.readyState === "complete") { later(); }
    else if (document.readyState === "interactive") { read(); }
    else { document.addEventListener("DOMContentLoaded", read); }
  }
  asideForWords();  /* at once, before the page has loaded: the browser looks for the words then */

  /* --- Not found (404.html): an address read from paper or a slide and typed as seen,
     "/Q/HOA-GIAI-O-CO-SO" or "/tin-tuc/Phổ biến", is not ours on a host that tells capitals
     apart (GitHub Pages, nginx). Our addresses are small letters without marks, words joined
     by "-": the page tries the address written so, and goes there if the host has it. Only
     below the site's root (a project site's "/Ten-Kho/" is the host's), only on this site. --- */
  var SLUG_MAX = 80;  /* content/fields.py: an address made from a title is cut there, at a "-" */
  function slugStep(text) {
    var slug = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""), cut;
    if (slug.length <= SLUG_MAX) { return slug; }
    cut = slug.lastIndexOf("-", SLUG_MAX);
    return slug.slice(0, cut >= SLUG_MAX / 2 ? cut : SLUG_MAX).replace(/^-+|-+$/g, "");
  }
  function ourSpelling(text) {
    /* Step by step as python-slugify makes them: anything but a-z, 0-9 is one "-" (a "." too:
       «TP. Vinh» is tp-vinh), none at either end («Phổ biến, giáo dục» → pho-bien-giao-duc),
       and a long title cut as its address was. Only a file's name keeps its dots
       (feed.xml, sitemap.xml.gz, Mau-don.PDF). */
    var steps = text.replace(/^\/+/, "").split("/");
    return steps.map(function (step, i) {
      var file = i === steps.length - 1 && /^[^.].*\.[A-Za-z0-9]{1,5}$/.test(step);
      return file ? step.split(".").map(slugStep).join(".") : slugStep(step);
    }).join("/");
  }

  /* The dead address's own words in the page's search box, ready to send: an address is made
     from its title («/q/ho-tro-kinh-phi-cho-hoa-giai-o-co-so/»), and the search reads words
     without marks (a province's second-year trial, session 53: a removed question's printed
     code met an empty box). Its last step that has letters, without a file's ending; not the
     first of several (a section: «q», «tin-tuc») nor a page's own word («ban-in», «trang»). */
  function offerWords(rest) {
    var box = document.getElementById("bt-404-q"), steps = rest.replace(/^\/+|\/+$/g, "").split("/"), words = "";
    for (var i = steps.length - 1; i >= (steps.length > 1 ? 1 : 0) && !words; i--) {
      var step = steps[i].replace(/\.[A-Za-z0-9]{1,5}$/, "");
      if (/[^\W\d_]/.test(step) && !/^(index|default|trang|ban-in)$/i.test(step)) {
        words = step.replace(/[-_+.\s]+/g, " ").trim().slice(0, 120);
      }
    }
    if (box && words && !box.value) { box.value = words; }
  }

  function initLost() {
    var mark = document.querySelector("[data-bt-lost]"), root, rest, spelled, target;
    if (!mark || location.protocol === "file:" || !window.fetch || !"".normalize) { return; }
    root = new URL(mark.getAttribute("data-bt-lost"), location.href);
    if (root.origin !== location.origin || location.pathname.indexOf(root.pathname) !== 0) { return; }
    try { rest = decodeURIComponent(location.pathname.slice(root.pathname.length)); } catch (e) { return; }
    offerWords(rest);
    spelled = ourSpelling(rest);
    if (spelled === rest) { return; }
    /* Our addresses have no "." or ".." step and no empty one: "..//evil.example" resolved to
       the path "//evil.example", which location.replace read as another host (hostile review,
       session 29, on a host that serves its 404 page with status 200). */
    if (/(^|\/)\.{0,2}\//.test(spelled) || /(^|\/)\.\.?$/.test(spelled)) { return; }
    target = new URL(encodeURI(spelled), root);
    if (target.origin !== location.origin || target.pathname.indexOf(root.pathname) !== 0) { return; }
    fetch(target.href, {method: "HEAD"}).then(function (answer) {
      if (answer.ok) { location.replace(target.origin + target.pathname + location.search + location.hash); }
    }, function () {});
  }

  /* --- The wide screen's category column (partials/bantin-side.html) is rendered once for
     every page of a position, so it cannot mark the page's own category: it is marked here,
     from the category the page names (its header's link, else its breadcrumb's). A reader who
     came from a shared link saw nothing say which section they were in (a reader's trial,
     session 51). Without script the column is as before. --- */
  function initSide() {
    var links = document.querySelectorAll(".bt-side__list a[href]");
    if (!links.length) { return; }
    var named = document.querySelectorAll(".bt-header__category a[href], .bt-breadcrumb a[href]");
    for (var i = 0; i < named.length; i++) {
      for (var k = 0; k < links.length; k++) {
        if (links[k].href === named[i].href) { links[k].setAttribute("aria-current", "true"); return; }
      }
    }
  }

  function init() { initLost(); initAids(); initMenu(); initListen(); initPrint(); initPrintDate(); initCopy(); initShare(); initSide(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
