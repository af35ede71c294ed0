"""Android's Back with the phone's drawer open (an outsider's trial, session 43): it closes the
drawer and keeps the reader's place, as Back does for every surface laid over a page; the
drawer closed any other way leaves no entry behind, nor does a link followed from it. Over
http and from file:// (the USB copy) at 390 px, the sample site."""

from __future__ import annotations

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve
from test_browser import PAGES as SAMPLE

PAGES = {**SAMPLE, "about": "gioi-thieu/"}  # in the site's nav: its headings are in the drawer

pytestmark = pytest.mark.browser

WIDTH = 390
DRAWER = "document.getElementById('__drawer').checked"
CLOSED = f"() => !{DRAWER}"
# The current entry's place in the tab's history, as the browser's Back counts it
# (history.length counts the entries ahead too, which the next page drops).
FLAVOURS = ["http", "file"]


def address(sample_server, sample_sites, flavour: str, name: str) -> str:
    """A sample page's address: served, or the offline copy's file."""
    if flavour == "http":
        return sample_server + PAGES[name]
    path = PAGES[name].rstrip("/")  # the offline build's pages are files: tin-tuc/x.html
    return (sample_sites[1] / (path + ".html" if path else "index.html")).resolve().as_uri()


def place(page) -> int:
    """Where the tab is in its history (DevTools' navigation history, current index)."""
    devtools = page.context.new_cdp_session(page)
    try:
        return devtools.send("Page.getNavigationHistory")["currentIndex"]
    finally:
        devtools.detach()


def close_and_land(page, close) -> None:
    """`close()` closes the drawer; returns once the history.back() it makes has landed and
    bantin.js has handled its popstate (a listener added after bantin.js's runs after it). A
    fixed 200 ms was not always enough under load (a full run, session 44)."""
    page.evaluate("() => { window.btLanded = false; "
                  "addEventListener('popstate', () => { window.btLanded = true; }, { once: true }); }")
    close()
    page.wait_for_function(CLOSED)
    page.wait_for_function("() => window.btLanded === true")
    # and its slide out is over, as a reader's next tap would be: opened again during it, the
    # page was found at the top
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def open_drawer(page) -> None:
    page.locator("[data-bt-menu]").click()
    page.wait_for_function(f"() => {DRAWER}")
    page.wait_for_timeout(300)  # its slide in


def drawer_link(page):
    """A visible link of the drawer to another page than the home page and this one."""
    links = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link:visible")
    for n in range(links.count()):
        href = links.nth(n).get_attribute("href") or ""
        if href not in ("", ".", "./", "..", "../", "index.html") and "#" not in href and "tin-tuc" not in href:
            return links.nth(n)
    raise AssertionError("no link to another page in the drawer")


@pytest.fixture
def tab(reading_tab):
    """The module's kept tab (conftest `reading_tab`) at 390 × 780: (page, errors)."""
    page, errors = reading_tab.open()
    page.set_viewport_size({"width": WIDTH, "height": 780})
    yield page, errors
    reading_tab.reset()


def start(page, sample_server, sample_sites, flavour: str, name: str = "article") -> tuple[str, str]:
    """The home page, then a page scrolled down: Back from that page is the home page."""
    home, article = (address(sample_server, sample_sites, flavour, n) for n in ("home", name))
    page.goto(home, wait_until="networkidle")
    page.goto(article, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, 900)")
    page.wait_for_function("() => scrollY === 900")
    return home, article


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_back_closes_the_open_drawer_and_keeps_the_reader_on_the_page(tab, sample_server, sample_sites, flavour):
    page, errors = tab
    home, article = start(page, sample_server, sample_sites, flavour)
    before = place(page)
    open_drawer(page)
    page.go_back()
    page.wait_for_function(CLOSED)
    assert page.url == article
    assert page.evaluate("scrollY") == 900
    assert place(page) == before
    assert page.locator("[data-bt-menu]").get_attribute("aria-expanded") == "false"
    # By keyboard too (Enter on the menu button), and Back again leaves: the previous page.
    page.locator("[data-bt-menu]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => {DRAWER}")
    page.go_back()
    page.wait_for_function(CLOSED)
    assert (page.url, place(page)) == (article, before)
    page.go_back(wait_until="networkidle")
    assert page.url == home
    assert not errors


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_drawer_closed_without_back_leaves_no_entry(tab, sample_server, sample_sites, flavour):
    """Closed by a tap beside it (the overlay), by the menu button, by Escape, by Tab out: one Back
    then leaves the page, as before the drawer was opened, and the reader stays where they were."""
    page, errors = tab
    home, article = start(page, sample_server, sample_sites, flavour)
    before = place(page)
    closings = [lambda: page.mouse.click(WIDTH - 10, 400),  # the overlay, beside the drawer
                lambda: page.locator("[data-bt-menu]").dispatch_event("click"),  # covered: a screen reader's press
                lambda: page.keyboard.press("Escape")]
    for close in closings:
        open_drawer(page)
        close_and_land(page, close)
        assert place(page) == before
        assert page.evaluate("scrollY") == 900
    open_drawer(page)  # last: focus scrolls the page to the link
    close_and_land(page, lambda: page.locator(".md-content a[href]").first.focus())  # Tab out (test_phones_browser)
    assert place(page) == before
    page.go_back(wait_until="networkidle")
    assert page.url == home
    assert not errors


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_link_followed_from_the_drawer_leaves_no_entry_behind(tab, sample_server, sample_sites, flavour):
    """Back from the page a drawer link opened returns to the first page in one press, the
    drawer closed; Back once more is the page before."""
    page, errors = tab
    home, article = start(page, sample_server, sample_sites, flavour)
    before = place(page)
    open_drawer(page)
    link = drawer_link(page)
    with page.expect_navigation(wait_until="networkidle"):
        link.click()
    assert page.url != article
    assert place(page) == before + 1  # in the drawer's entry's place
    page.go_back(wait_until="networkidle")
    assert page.url == article
    assert not page.evaluate(DRAWER)
    page.go_back(wait_until="networkidle")
    assert page.url == home
    assert not errors


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_heading_of_the_page_from_the_drawer_is_one_entry_back_returns_from(tab, sample_server, sample_sites, flavour):
    """The drawer's "Mục lục" (this page's headings): the link takes the drawer's entry, the
    drawer closes; Back returns to where the reader was, Back again to the page before."""
    page, errors = tab
    home, article = start(page, sample_server, sample_sites, flavour, "about")
    before = place(page)
    open_drawer(page)
    page.locator(".md-nav--primary button[data-bt-open=__toc]").click()
    link = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link:visible").nth(1)
    link.wait_for()
    fragment = link.get_attribute("href")
    link.click()
    page.wait_for_url("**" + fragment)
    page.wait_for_function(CLOSED)
    page.wait_for_timeout(200)
    assert place(page) == before + 1
    page.go_back()
    page.wait_for_url(article)
    page.wait_for_function("() => scrollY === 900")
    assert not page.evaluate(DRAWER)
    page.go_back(wait_until="networkidle")
    assert page.url == home
    assert not errors


def test_back_on_the_search_page_keeps_its_results(tab, sample_server):
    """The search page searched again on every popstate: Back that closed the drawer showed its
    first 10 results where the reader had shown 20, at the top."""
    page, errors = tab
    page.goto(sample_server, wait_until="networkidle")
    page.goto(sample_server + PAGES["search"] + "?q=hoa%20giai", wait_until="networkidle")
    results = page.locator("[data-bantin-results] > li")
    page.locator("[data-bantin-more]").click()  # waits for it to show
    page.wait_for_function("() => document.querySelectorAll('[data-bantin-results] > li').length > 10")
    shown = results.count()
    assert shown > 10, shown
    page.evaluate("window.scrollTo(0, 1500)")
    page.wait_for_function("() => scrollY === 1500")
    before = place(page)
    open_drawer(page)
    page.go_back()
    page.wait_for_function(CLOSED)
    page.wait_for_timeout(500)  # a new search, if one started
    assert results.count() == shown
    assert page.evaluate("scrollY") == 1500
    assert place(page) == before
    assert not errors


def test_a_wide_screen_adds_no_entry(tab, sample_server):
    page, errors = tab
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(sample_server + PAGES["article"], wait_until="networkidle")
    before = page.evaluate("history.length")
    page.evaluate("document.getElementById('__drawer').click()")
    assert page.evaluate(DRAWER)
    assert page.evaluate("history.length") == before and page.evaluate("history.state") is None
    assert not errors


def test_back_forward_cache_brings_the_page_back_with_the_drawer_closed(chromium, sample_server):
    """Playwright's Chromium keeps no page in its back-forward cache (a switch it adds); a
    browser of its own without that switch does, as a phone's does."""
    article = sample_server + PAGES["article"]
    browser = chromium.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    try:
        page = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 780}).new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(sample_server, wait_until="networkidle")
        page.goto(article, wait_until="networkidle")
        before = place(page)
        page.evaluate("addEventListener('pageshow', e => { window.btKept = e.persisted; })")
        # A link from the drawer, then Back: the page as it was, the drawer closed.
        open_drawer(page)
        with page.expect_navigation(wait_until="networkidle"):
            drawer_link(page).click()
        page.go_back(wait_until="commit")
        page.wait_for_function("() => window.btKept === true")  # from the cache, not loaded again
        page.wait_for_function(CLOSED)
        assert place(page) == before
        # Gone by the address bar with the drawer open: back, the drawer closed and its
        # entry taken away (one more Back is the home page).
        page.evaluate("window.btKept = null")
        open_drawer(page)
        page.goto(sample_server + PAGES["documents"], wait_until="networkidle")
        page.go_back(wait_until="commit")
        page.wait_for_function("() => window.btKept === true")
        page.wait_for_function(CLOSED)
        page.wait_for_function("() => !history.state")
        assert (page.url, place(page)) == (article, before)
        page.go_back(wait_until="commit")
        page.wait_for_url(sample_server, wait_until="commit")
        assert not errors
    finally:
        browser.close()



def test_the_search_page_left_with_the_drawer_open_keeps_its_mark(tab, sample_server):
    """The search page keeps its list in its history entry when the reader leaves (`remember`,
    on pagehide): that replaced the drawer's entry's mark, so a reader who left by the address
    bar with the drawer open came back to an entry nothing took away, and needed one more Back
    to leave the search page (a hostile review, session 43). Loaded again, not from the cache."""
    page, errors = tab
    page.goto(sample_server, wait_until="networkidle")
    page.goto(sample_server + PAGES["search"] + "?q=hoa%20giai", wait_until="networkidle")
    page.locator("[data-bantin-results] > li").first.wait_for()
    before = place(page)
    open_drawer(page)
    page.goto(sample_server + PAGES["documents"], wait_until="networkidle")
    page.go_back(wait_until="networkidle")
    page.wait_for_function("() => !(history.state && history.state.bantinDrawer)")
    page.wait_for_timeout(200)  # history.back() lands
    assert place(page) == before
    assert not page.evaluate(DRAWER)
    page.go_back(wait_until="networkidle")
    assert page.url == sample_server
    assert not errors
