"""The hostile-content site in Chromium (issue 12): no payload an editor wrote may run, over
http and from file:// (offline flavour), on any page type; search results show titles as text."""

from __future__ import annotations

import pytest

from browser import serve
from hostile import IMG, PAYLOADS, SCRIPT, hostile_sites  # noqa: F401

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

PAGES = {
    "home": "",
    "article": "tin-tuc/doc-1/",
    "category": "chuyen-muc/hoa-giai/",
    "tag": "the/the-img-src-x-onerror-alert-1/",
    "year": "luu-tru/2024/",
    "handbook": "hoi-dap/so-tay/",
    "question": "hoi-dap/so-tay/cau-mot/",
    "print": "hoi-dap/so-tay/ban-in/",
    "guide": "huong-dan/huong-dan-doc/",
    "documents": "van-ban/",
    "document": "van-ban/31-2024-qh15/",
    "page": "gioi-thieu-script-alert-1-script/",
    "search": "tim-kiem/?q=onerror",
    "404": "khong-co/trang-nay/",
}


@pytest.fixture(scope="module")
def hostile_server(hostile_sites):
    url, stop = serve(hostile_sites[0])
    yield url
    stop()


@pytest.fixture(scope="module")
def tab(chromium):
    """One tab for the module's tests, recording every script dialog (alert, confirm, prompt)
    and dismissing it. A browser context per test cost each of the 32 tests 0.2-0.3 s of
    set-up and a first visit without the browser's cache."""
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


@pytest.fixture
def watched(tab):
    """The module's tab on a blank page, no dialog recorded yet: the last test's page is gone,
    and every visit waits until its page has settled, so none of its dialogs comes late."""
    tab.goto("about:blank")
    tab.dialogs = []
    return tab


# What a payload could still be waiting for once the page has loaded, all of it visible from
# the page: a short link's redirect (meta refresh) still to leave for its target, search
# results still coming from the index (the search page is aria-busy until they are on it),
# a picture still loading or failing (its onerror not yet run). A lazy picture the browser
# has not asked for (no currentSrc) never loads while nobody scrolls: nothing to wait for.
SETTLED = """() => document.readyState === "complete"
    && !document.querySelector("meta[http-equiv=refresh]")
    && !document.querySelector("[aria-busy=true]")
    && Array.from(document.images).every(i => i.complete || (i.loading === "lazy" && !i.currentSrc))"""
# Then one more turn of the page's event loop, for the events of what just finished (a broken
# picture's error event is a task queued once it is complete): still settled after it, or wait again.
STILL_SETTLED = f"""() => new Promise(done => setTimeout(() => requestAnimationFrame(() => done(({SETTLED})())), 0))"""


def visit(page, url: str) -> None:
    """Open url and wait until nothing on it can still run: every script dialog a payload
    could open has been opened (and recorded) by then. A dialog stops the page's scripts
    until the `watched` handler answers it, so the page's own waiting cannot end before it.
    A redirect page is visited through to its target, which is then waited for alike."""
    page.goto(url, wait_until="load")
    for _ in range(50):
        page.wait_for_function(SETTLED)
        if page.evaluate(STILL_SETTLED):
            return
    raise AssertionError(f"{url} never settled: a picture or the search kept loading")


def offline_file(site, path: str):
    path = path.split("?")[0]
    if path == PAGES["404"]:
        return site / "404.html"
    return site / ((path.rstrip("/") or "index") + ".html")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_script_dialog_over_http(watched, hostile_server, name):
    visit(watched, hostile_server + PAGES[name])
    assert watched.dialogs == []
    if name not in ("search", "404"):
        assert watched.locator("h1").first.inner_text().strip()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_script_dialog_from_file_url(watched, hostile_sites, name):
    query = "?q=onerror" if name == "search" else ""
    visit(watched, offline_file(hostile_sites[1], PAGES[name]).as_uri() + query)
    assert watched.dialogs == []


def test_no_script_dialog_on_any_page_of_either_flavour(watched, hostile_server, hostile_sites):
    """Every page the build wrote, redirect pages included, in both flavours."""
    web, offline = hostile_sites
    for path in sorted(web.rglob("*.html")):
        rel = path.relative_to(web).as_posix()
        visit(watched, hostile_server + rel.removesuffix("index.html"))
    for path in sorted(offline.rglob("*.html")):
        visit(watched, path.as_uri())
    assert watched.dialogs == []


@pytest.mark.parametrize("flavour", ["web", "offline"])
def test_search_results_show_hostile_titles_as_text(watched, hostile_server, hostile_sites, flavour):
    url = (hostile_server + "tim-kiem/" if flavour == "web" else (hostile_sites[1] / "tim-kiem.html").as_uri())
    visit(watched, url + "?q=tin")
    results = watched.locator("[data-bantin-results] li")
    results.first.wait_for(timeout=10_000)
    titles = watched.locator("[data-bantin-results] .bantin-search-result__title").all_inner_texts()
    assert any(f"Tin 1 {IMG}" in t for t in titles) and any(SCRIPT in t for t in titles)
    inside = watched.locator("[data-bantin-results] img, [data-bantin-results] svg, [data-bantin-results] script")
    assert inside.count() == 0
    box = watched.locator("#bantin-search-q")
    box.fill("onerror")
    watched.locator("#bantin-search-q-list li").first.wait_for(timeout=10_000)
    assert watched.locator("#bantin-search-q-list img, #bantin-search-q-list svg").count() == 0
    assert any(IMG in t for t in watched.locator("#bantin-search-q-list li").all_inner_texts())
    assert watched.dialogs == []


def test_payload_titles_read_as_written(watched, hostile_server):
    for n, payload in enumerate(PAYLOADS):
        visit(watched, hostile_server + f"tin-tuc/doc-{n}/")
        assert watched.locator("h1").first.inner_text() == f"Tin {n} {payload}"
        assert watched.title().startswith(f"Tin {n} {payload} - ")
    assert watched.dialogs == []
