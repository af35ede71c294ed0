"""Zero layout shift and a fast first view (issue 15, deliverable 4).

Nothing a reader is looking at may move while the page finishes loading: controls scripts
enable are in the HTML at their final size, the search page fills reserved space, figures
have their height before their photo arrives. Measured as Lighthouse does (layout-shift
entries without recent input, summed) on each page type, on a phone and a desktop screen.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from bantin.site.images import rewrite_images

LIMIT = 0.01
PAGES = {
    "home": "",
    "article": "tin-tuc/pho-bien-luat-dat-dai-nam-2024-cho-can-bo-co-so/",
    "category": "chuyen-muc/hoa-giai-o-co-so/",
    "guide": "huong-dan/huong-dan-thu-tuc-dang-ky-khai-sinh/",
    "handbook": "hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/",
    "question": "hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/hoa-giai-o-co-so-la-gi/",
    "search": "tim-kiem/?q=" + quote("hòa giải"),
    "404": "khong-co-trang-nay/",
}
# Installed before any script of the page; `buffered` also reports shifts before it ran.
OBSERVE = """window.__btShifts = [];
window.__btRecord = function (entries) {
  entries.forEach(function (e) {
    if (!e.hadRecentInput) window.__btShifts.push({value: e.value, sources: e.sources.map(function (s) {
      return s.node ? s.node.nodeName + "." + (s.node.className || "") : "?"; })});
  });
};
window.__btObserver = new PerformanceObserver(function (list) { window.__btRecord(list.getEntries()); });
window.__btObserver.observe({type: "layout-shift", buffered: true});"""
# What could still move the page once it has loaded: a picture on screen or near it still
# arriving (a lazy one the browser never asked for, no currentSrc, cannot), the search page
# filling its results (aria-busy until they are on it), a font still loading.
SETTLED = """() => document.readyState === "complete" && document.fonts.status === "loaded"
    && !document.querySelector("[aria-busy=true]")
    && Array.from(document.images).every(i => i.complete || (i.loading === "lazy" && !i.currentSrc))"""
# Then two frames: the second begins after the first was laid out and painted, when its
# shifts are entries; takeRecords() hands over those the observer has not been called with yet.
FLUSHED = """() => new Promise(function (done) {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    window.__btRecord(window.__btObserver.takeRecords());
    done(window.__btShifts);
  }); });
})"""


class FakeResizer:
    def get(self, rel):
        return None


def test_the_first_image_of_the_article_loads_at_once_the_others_lazily():
    html = ('<header><img src="logo.png"></header><article class="md-content__inner">'
            '<figure><img src="top.jpg" loading="lazy"></figure><p><img src="body.jpg"></p></article>')
    out = rewrite_images(html, lambda src: src, FakeResizer(), str)
    logo, top, body = out.split("<img ")[1:]
    assert 'loading="lazy"' in logo and "fetchpriority" not in logo
    assert 'loading="eager"' in top and 'fetchpriority="high"' in top
    assert 'loading="lazy"' in body and "fetchpriority" not in body
    # A page without an article (Material's shell always has one) changes nothing else.
    assert 'loading="lazy"' in rewrite_images('<img src="a.jpg">', lambda src: src, FakeResizer(), str)


def shifts(page) -> list:
    page.wait_for_function(SETTLED)
    return page.evaluate(FLUSHED)


@pytest.mark.browser
def test_no_page_type_moves_while_it_loads(chromium, sample_server):
    pytest.importorskip("playwright.sync_api")
    failures = []
    for width, height in ((390, 844), (1280, 800)):
        context = chromium.new_context(locale="vi-VN", viewport={"width": width, "height": height})
        context.add_init_script(OBSERVE)
        errors = []
        for name, path in PAGES.items():
            # A tab each: a page opened in the tab of the one before is held back from the screen
            # until it is ready (Chromium's paint holding) and showed none of the shifts below.
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = page.goto(sample_server + path, wait_until="load")
            assert response.status == (404 if name == "404" else 200), name
            if name == "search":
                # Results come from the index after load; then a query typed into the page.
                page.wait_for_function("() => document.querySelectorAll('[data-bantin-results] li').length > 0")
                page.fill("#bantin-page-q", "khai sinh")
                page.wait_for_function("() => /khai sinh/.test(document.querySelector('.bantin-search-page [data-bantin-status]').textContent)")
            if name == "article":
                first = page.locator("article img").first
                assert first.get_attribute("loading") != "lazy" and first.get_attribute("fetchpriority") == "high"
                assert first.evaluate("i => i.complete && i.naturalWidth > 0")
            found = shifts(page)
            total = sum(s["value"] for s in found)
            if total > LIMIT:
                failures.append((width, name, round(total, 4), found))
            page.close()
        context.close()
        assert errors == []
    assert failures == []
