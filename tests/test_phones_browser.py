"""Phones first (issue 15): the site name whole at 360 px, reading aids behind one "Aa" button
used by keyboard, Tab never on a hidden link (skip link, then menu, then content), "Mục lục" on
phones only, and high contrast that hides no button. One page load per viewport and page kind,
several checks on each."""

from __future__ import annotations

import re

import pytest

from test_browser import AXE, PAGES

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

LONG_NAME = "Bản tin Pháp luật tỉnh Bà Rịa - Vũng Tàu"

# The focused element, and whether a reader can see it: rendered (not display/visibility hidden)
# and inside the viewport's width (the closed drawer is off screen to the left).
FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  return {label: (e.getAttribute('aria-label') || e.textContent || '').trim(),
          visible: e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.right > 0 && r.left < innerWidth,
          drawer: !!e.closest('.md-sidebar--primary'), content: !!e.closest('.md-content')};
}"""


@pytest.fixture
def phone(reading_tab):
    """`phone(width)`: the module's one tab (conftest `reading_tab`) `width` × 780 px, as
    (tab, page, errors). `tab.close()` empties it of what the test left (text size, contrast,
    listeners, width), as closing a context of its own did, so a second `phone()` in a test
    starts without the first one's settings; at the test's end that is done whatever happened."""
    opened = []

    class Closing:
        def close(self) -> None:
            if opened and opened[-1]:
                reading_tab.reset()
                opened[-1] = False

    def open_tab(width: int):
        Closing().close()
        page, errors = reading_tab.open()
        opened.append(True)
        page.set_viewport_size({"width": width, "height": 780})
        return Closing(), page, errors

    yield open_tab
    Closing().close()


def name_fits(page) -> bool:
    return page.evaluate("""() => {
      const e = document.querySelector('.md-header__topic:first-child .md-ellipsis');
      return e.checkVisibility() && e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1;
    }""")


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_home_at_360_px_by_keyboard(phone, sample_server):
    context, page, errors = phone(360)
    page.goto(sample_server + PAGES["home"], wait_until="networkidle")

    # The site name, and a long province's, whole in the header (two lines at most).
    assert name_fits(page)
    page.evaluate(f"document.querySelector('.md-header__topic:first-child .md-ellipsis').textContent = {LONG_NAME!r}")
    assert name_fits(page)

    # Tab from the top: the skip link, the menu button, then the header's tools and the content;
    # never a link of the closed drawer, never anything the reader cannot see.
    steps = [tab(page) for _ in range(8)]
    assert steps[0]["label"] == "Bỏ qua đến nội dung"
    assert steps[1]["label"] == "Danh mục trang"
    assert all(step["visible"] and not step["drawer"] for step in steps), steps
    assert any(step["content"] for step in steps), steps

    # The menu opens by keyboard, focus goes into the drawer, Escape closes it and returns.
    menu = page.locator("[data-bt-menu]")
    menu.focus()
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    # Visible once the drawer has slid in (0.25 s): read at once, under load it was still off
    # screen (twice in session 22); it must get there within the wait.
    page.wait_for_function(f"() => ({FOCUSED})().visible", timeout=5000)
    # In the drawer, Tab skips the links of closed sections; Enter opens one, focus follows.
    drawer = [tab(page) for _ in range(3)]
    assert all(step["visible"] and step["drawer"] for step in drawer), drawer
    assert drawer[-1]["label"] == "Chuyên mục"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-nav[data-md-level=\"1\"]')")
    page.wait_for_function(f"() => ({FOCUSED})().visible", timeout=5000)  # after its slide, too
    page.keyboard.press("Escape")
    assert not page.locator("#__drawer").is_checked()
    assert page.evaluate("document.activeElement.hasAttribute('data-bt-menu')"), page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("Space")
    assert page.locator("#__drawer").is_checked()
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)  # the drawer's slide out; no late focus lands in it
    assert not page.evaluate(FOCUSED)["drawer"]

    # Reading aids from the "Aa" button: Enter opens, Tab moves, Space presses, Escape closes.
    toggle = page.locator("[data-bt-aids-toggle]")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#bt-aids-panel").is_visible()
    assert page.evaluate(FOCUSED)["label"] == "A- giảm cỡ chữ"
    assert tab(page)["label"] == "A cỡ chữ mặc định"
    assert tab(page)["label"] == "A+ tăng cỡ chữ"
    page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("data-bt-font") == "1"
    assert tab(page)["label"] == "Độ tương phản cao"
    page.keyboard.press("Space")
    assert page.locator("html").get_attribute("data-bt-contrast") == "on"
    page.keyboard.press("Escape")
    assert page.locator("#bt-aids-panel").is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-bt-aids-toggle')")
    assert name_fits(page)  # the larger font does not touch the header

    # The skip link leads into the content. Last: Material closes the drawer 125 ms after a
    # change of address, which would race the menu's checks above.
    page.locator(".bt-skip").focus()
    page.keyboard.press("Enter")
    # The address reaches Playwright as an event: under a loaded CI it lagged the key (session 26).
    page.wait_for_url("**#bt-noi-dung", timeout=10_000)
    assert tab(page)["content"]
    context.close()
    assert not errors


def contrast_violations(page) -> list:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # a script element would be refused by the page's policy
    return page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}}))
        .violations.map(v => v.nodes.slice(0, 3).map(n => n.target.join(' ')))""")


@pytest.mark.parametrize("name", ["guide", "question"])
def test_phone_table_of_contents_and_high_contrast(phone, sample_server, name):
    context, page, errors = phone(390)
    page.goto(sample_server)
    page.evaluate("localStorage.setItem('bt-contrast', 'on')")
    page.goto(sample_server + PAGES[name], wait_until="networkidle")
    assert page.locator("html").get_attribute("data-bt-contrast") == "on"
    assert page.locator("a.md-skip").evaluate_all("es => es.filter(e => e.checkVisibility()).length") == 1
    if name == "guide":
        toc = page.locator(".bt-toc-phone")
        assert toc.is_visible()
        toc.locator("summary").click()
        links = toc.locator("a")
        sidebar = page.locator(".md-sidebar--secondary .md-nav__link")
        assert links.count() == sidebar.count() >= 5
        assert links.nth(1).get_attribute("href") == sidebar.nth(1).get_attribute("href")
    # Every control readable in high contrast, the reading aids' panel open too.
    buttons = page.locator(".md-content .md-button:visible")
    assert buttons.count() >= 1
    for n in range(buttons.count()):
        colours = buttons.nth(n).evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert colours[0] != colours[1], colours
    page.locator("[data-bt-aids-toggle]").click()
    assert contrast_violations(page) == []
    context.close()
    assert not errors


@pytest.mark.shared_context
def test_desktop_keeps_the_sidebar_table_of_contents(page, sample_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(sample_server + PAGES["guide"], wait_until="networkidle")
    expect(page.locator(".bt-toc-phone")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary .md-nav__link").first).to_be_visible()
    expect(page.locator("[data-bt-menu]")).to_be_hidden()
    expect(page.locator("[data-bt-aids-toggle]")).to_be_visible()
    assert name_fits(page)
    steps = [tab(page) for _ in range(3)]
    assert steps[0]["label"] == "Bỏ qua đến nội dung"
    assert all(step["visible"] for step in steps), steps


def landmark_violations(page) -> list:
    """axe's landmark rules (best practice, beyond the WCAG tags of test_browser): two navs
    both named "Chuyên mục" failed landmark-unique."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'rule', values:
        ['landmark-unique', 'landmark-one-main', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo']}}))
        .violations.map(v => v.id)""")


def test_the_desktop_left_column_lists_the_categories_and_phones_do_not(chromium, sample_server, sample_sites):
    """The wide screen's left column held one link (session 22): it lists the categories, each
    leading to its page; from an article, in the site's order; not in the phone drawer."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(sample_server + PAGES["article"], wait_until="networkidle")
    side = page.locator(".md-sidebar--primary .bt-side")
    assert side.is_visible() and side.get_attribute("aria-label") == "Các chuyên mục"
    box = side.bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert box["x"] + box["width"] <= content["x"], (box, content)  # beside the text, not over it
    assert landmark_violations(page) == []
    links = side.locator(".bt-side__list a")
    assert links.count() == 7 and links.first.inner_text() == "Phổ biến, giáo dục pháp luật"
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:  # relative, to a page that is there
        assert href.startswith("../../chuyen-muc/"), href
        assert (sample_sites[0] / "chuyen-muc" / href.split("chuyen-muc/")[1] / "index.html").is_file()
    # Keyboard focus is a yellow ring inside a dark one, never the red that read as an error.
    links.first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = links.first.evaluate("e => { const s = getComputedStyle(e); return [s.outlineColor, s.outlineWidth, s.boxShadow] }")
    assert ring[0] == "rgb(255, 191, 71)" and ring[1] == "3px" and "rgb(11, 12, 12)" in ring[2], ring
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()") == "#1d5fb0"
    # Also on a link in the text, where Material's own rule is more specific (a hostile review).
    text_link = page.locator(".md-content .md-typeset p a").first
    text_link.focus()
    ring = text_link.evaluate("e => { const s = getComputedStyle(e); return [s.outlineColor, s.outlineOffset] }")
    assert ring == ["rgb(255, 191, 71)", "0px"], ring
    # The skip link's landing point, an empty span as tall as the page, shows no ring.
    page.keyboard.press("Shift+Tab")
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    landing = page.evaluate("(() => { const e = document.activeElement, s = getComputedStyle(e);"
                            " return [e.id, s.outlineStyle, s.boxShadow] })()")
    assert landing == ["bt-noi-dung", "none", "none"], landing
    links = side.locator(".bt-side__list a")
    with page.expect_navigation():
        links.nth(1).click()
    assert page.locator("h1").inner_text() == "Hòa giải ở cơ sở"
    # In the "Chuyên mục" section Material's nav lists them already: once, not twice (axe's
    # landmark-unique failed there), and the tab opens the categories index, not the first one.
    assert page.locator(".bt-side").is_hidden()
    assert page.locator(".md-sidebar--primary .md-nav__link", has_text="Cải cách hành chính").first.is_visible()
    assert page.locator(".md-tabs__link", has_text="Chuyên mục").get_attribute("href") == "../"
    # The section's first link, the index, is not named as the section again (session 23).
    section_links = page.locator(".md-sidebar--primary .md-nav--primary .md-nav__item--active .md-nav__list .md-nav__link")
    assert section_links.first.inner_text().strip() == "Tất cả chuyên mục", section_links.all_inner_texts()
    assert landmark_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 780})
    assert side.is_hidden() or page.locator(".bt-side").is_hidden()
    context.close()


def test_the_desktop_left_column_marks_the_page_s_own_category(chromium, sample_server, sample_sites):
    """An article, a handbook's question: its category in the column is marked (a bar, an
    underline, `aria-current`), none on the home page; over http and from a file. Nothing said which
    section a reader from a shared link was in (a reader's trial, session 51)."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    marked = ".md-sidebar--primary .bt-side__list a[aria-current]"
    try:
        for base, path, expected in ((sample_server, PAGES["article"], "Phổ biến, giáo dục pháp luật"),
                                     (sample_server, PAGES["question"], "Hòa giải ở cơ sở"),
                                     (sample_server, PAGES["home"], None),
                                     (sample_sites[1].as_uri() + "/", PAGES["article"].rstrip("/") + ".html",
                                      "Phổ biến, giáo dục pháp luật")):
            page.goto(base + path, wait_until="load")
            page.wait_for_function("() => document.readyState === 'complete'")
            found = page.locator(marked)
            assert found.count() == (0 if expected is None else 1), (path, found.all_inner_texts())
            if expected:
                assert found.inner_text() == expected and found.is_visible()
                style = found.evaluate("e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.boxShadow] }")
                assert style[0] == "underline" and style[1] != "none", style  # not colour alone
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "chuyen-muc/hoa-giai-o-co-so/", PAGES["article"], PAGES["question"],
                                  "tim-kiem/", "404.html", PAGES["guide"]])
def test_every_page_kind_starts_with_one_skip_link_to_its_content(sample_sites, path):
    """Static: the skip link is the page's first link or control and its target exists (Material's
    own, printed on pages with headings, is hidden by bantin.css)."""
    import re

    html = (sample_sites[0] / (path + "index.html" if not path.endswith(".html") else path)).read_text("utf-8")
    body = re.sub(r'<div data-md-component="skip">.*?</div>', "", html[html.index("<body"):], flags=re.S)
    first = re.search(r'<(a|button|input(?![^>]*class="md-toggle")|select|textarea|summary)\b[^>]*>', body)
    assert 'class="md-skip bt-skip"' in first.group(0) and 'href="#bt-noi-dung"' in first.group(0), first.group(0)
    assert body.count('id="bt-noi-dung"') == 1
    assert body.count("Bỏ qua đến nội dung") == 1


@pytest.mark.parametrize("path", ["", "tin-tuc/", PAGES["question"], "404.html"])
def test_every_page_leads_to_the_legal_documents_index(sample_sites, path):
    """/van-ban/ was reachable only from a document page's breadcrumb (a reader's review,
    session 20): the footer links it from every page, and the page is there."""
    import posixpath
    import re

    html = (sample_sites[0] / (path + "index.html" if not path.endswith(".html") else path)).read_text("utf-8")
    footer = html[html.index('class="bt-footer__links"'):]
    link = re.search(r'<a href="([^"]*)">Văn bản pháp luật</a>', footer).group(1)
    target = posixpath.normpath(posixpath.join(path if path.endswith("/") else "", link)).lstrip("/")
    assert (sample_sites[0] / target / "index.html").is_file(), link


# --- Fingers (a reader's review, session 18) ------------------------------------------------------

SMALL_TARGETS = """(selectors) => selectors.flatMap(s => [...document.querySelectorAll(s)]
  .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.closest('.md-sidebar'))
  .map(e => [s, e.getBoundingClientRect()])
  .filter(([s, r]) => r.height < 44 || r.width < 44)
  .map(([s, r]) => `${s} ${Math.round(r.width)}x${Math.round(r.height)}`))"""
TARGETS = {
    "article": [".md-header__button.md-icon", ".bt-tools .md-button", ".bt-header__category a", ".bt-tags a",
                ".bt-footer__links a", ".bt-pages a"],
    "question": [".bt-breadcrumb a", ".bt-short", ".bt-qnav a"],
    "home": [".bt-section-title a", ".bt-more a"],  # "Xem tất cả (n) →" (a reader's trial, session 28)
    # «Bản in cả sổ tay» 35 px and «Mục lục»'s links 37 px (an outsider's trial, session 45)
    "handbook": [".bt-handout .md-button", ".bt-toc-phone li a"],
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_what_a_citizen_taps_is_at_least_44_px_on_a_touch_phone(chromium, sample_server, name):
    """They were 17 to 40 px (section headings, header buttons, "In trang", tags, footer links).
    A card is one target: a tap on its date opens it (the title's link covers the card)."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 780}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        page.goto(sample_server + PAGES[name], wait_until="networkidle")
        page.evaluate("() => document.querySelectorAll('details.bt-toc-phone').forEach(d => { d.open = true; })")
        assert page.evaluate(SMALL_TARGETS, TARGETS[name]) == []
        hit = page.evaluate("""() => {
          const s = [...document.querySelectorAll('.bt-card .bt-card__meta time')].find(e => e.checkVisibility());
          if (!s) return null;
          s.scrollIntoView({block: 'center'});
          const r = s.getBoundingClientRect();
          return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).closest('a')?.className;
        }""")
        assert hit == ("bt-card__title" if name != "question" else None)  # a question page lists no cards
        inner = page.evaluate("""() => {  // the category link inside a card still opens the category
          const a = [...document.querySelectorAll('.bt-card .bt-card__meta a')].find(e => e.checkVisibility());
          if (!a) return null;
          a.scrollIntoView({block: 'center'});
          const r = a.getBoundingClientRect();  // and it is 24 px tall at least (WCAG 2.5.8; it was 15, session 51)
          const edge = document.elementFromPoint(r.left + r.width / 2, r.top + 1).closest('a') === a;
          return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).closest('a') === a
            && edge && r.height >= 24;
        }""")
        assert inner in (True, None) and (inner or name == "question")
    finally:
        context.close()


def test_the_drawer_names_the_site_whole_and_search_opens_ready_to_type(phone, sample_server):
    """"Bản tin Pháp luật tỉnh Sô…" in the menu; the search icon opened a page whose box needed a
    second tap before the keyboard came up."""
    context, page, errors = phone(360)
    try:
        page.goto(sample_server + PAGES["home"], wait_until="networkidle")
        page.locator("button.bt-menu").click()
        title = page.locator(".md-nav--primary > .md-nav__title[for=__drawer]")
        title.wait_for()
        # The first line's tone marks (the hook of "Bản") clear the logo (a reader's review:
        # the logo covered it, "Bản" read "Ban"). Glyph tops: a range over the name's text.
        clear = page.evaluate("""() => {
          const t = document.querySelector('.md-nav--primary > .md-nav__title[for=__drawer]');
          const logo = t.querySelector('.md-logo img, .md-logo svg').getBoundingClientRect();
          const r = document.createRange(); r.selectNodeContents(t.lastChild);
          return r.getClientRects()[0].top - logo.bottom; }""")
        assert clear >= 4, clear
        page.evaluate(f"document.querySelector('.md-nav--primary > .md-nav__title').lastChild.textContent = {LONG_NAME!r}")
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth && getComputedStyle(e).whiteSpace === 'normal'")
        assert LONG_NAME in title.inner_text()
        page.goto(sample_server + PAGES["home"], wait_until="networkidle")
        page.locator(".bantin-search__page-link").click()  # the header's search icon
        page.wait_for_url("**/tim-kiem/**")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'bantin-page-q'")
        page.goto(sample_server + PAGES["search"], wait_until="networkidle")
        assert page.evaluate("document.activeElement.id") != "bantin-page-q"  # a screen reader starts at the heading
        page.goto(sample_server + PAGES["search"] + "?q=hoa+giai", wait_until="networkidle")
        assert page.evaluate("document.activeElement.id") != "bantin-page-q"  # a list to read: no keyboard over it
        assert errors == []
    finally:
        context.close()


def test_feeds_are_explained_where_the_footer_leads(sample_sites):
    """"Tin mới (RSS/Atom)" opened raw XML for a citizen (session 22): the footer and each
    category lead to a section of the categories index that says what a feed is for and gives
    each feed's address to copy, linked to the file."""
    import posixpath
    import re

    root = sample_sites[0]
    home = (root / "index.html").read_text("utf-8")
    footer = home[home.index('class="bt-footer__links"'):]
    assert "RSS" not in footer
    assert re.search(r'<a href="chuyen-muc/#theo-doi">Theo dõi tin mới</a>', footer)
    category = (root / "chuyen-muc/hoa-giai-o-co-so/index.html").read_text("utf-8")
    assert '<a href="../#theo-doi">Theo dõi chuyên mục</a>' in category
    assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]* – Hòa giải ở cơ sở" '
                     r'href="feed.xml">', category)
    index = (root / "chuyen-muc/index.html").read_text("utf-8")
    section = index[index.index('<h2 id="theo-doi">'):index.index("</section>")]
    feeds = re.findall(r'<li>([^<:]+): <a href="([^"]+)">([^<]+)</a></li>', section)
    assert [f[0] for f in feeds][:2] == ["Tất cả bài mới", "Phổ biến, giáo dục pháp luật"] and len(feeds) == 8
    for _, href, address in feeds:
        target = posixpath.normpath(posixpath.join("chuyen-muc", href))
        assert (root / target).read_bytes().startswith(b"<?xml"), href
        assert address.endswith("/" + target), (address, target)


def test_the_offline_copy_links_each_feed_to_its_public_address(sample_sites):
    """The section asks readers to copy a feed's address into an app. In the USB copy the link
    went to the copy's own feed.xml under the public address as its text: copied by its link
    (a long press, «Sao chép địa chỉ liên kết») it was a file:///… path no app can follow, and
    tapped it showed the stick's raw XML (outsider trial, session 47). The copy links the
    public address it shows, as its QR codes and copied short links do."""
    import re

    index = (sample_sites[1] / "chuyen-muc.html").read_text("utf-8")
    section = index[index.index('<h2 id="theo-doi">'):index.index("</section>", index.index('<h2 id="theo-doi">'))]
    feeds = re.findall(r'<li>([^<:]+): <a href="([^"]+)">([^<]+)</a></li>', section)
    assert len(feeds) == 8 and feeds[0][0] == "Tất cả bài mới"
    for _, href, address in feeds:
        assert href == address and address.startswith("https://bantin.example.org/"), (href, address)
        assert address.endswith("feed.xml"), address


# The lines a text node's piece is drawn on (a Range's line boxes), for the first text that holds it.
LINES_OF = """(piece) => {
  const walk = document.createTreeWalker(document.querySelector('.bt-docinfo'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    const at = node.data.indexOf(piece);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + piece.length);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  }
  return -1;
}"""


def test_a_law_s_number_stays_whole_in_the_document_box_at_the_largest_text(phone, sample_server):
    """A citizen on a 360 px phone at the largest «Aa» size, on Luật Đất đai 2024's page: the
    box's «Thay thế» read «Luật số 45/2013/Q» / «H13: …», the number cut in two (outsider
    trial, session 47): the labels' column took its widest label whole and left the values a
    strip that broke words anywhere. The number a reader copies or reads out stays on one line."""
    for width, level in ((360, "3"), (320, "3"), (360, "0")):
        context, page, errors = phone(width)
        page.goto(sample_server)
        page.evaluate(f"localStorage.setItem('bt-font', '{level}')")
        page.goto(sample_server + PAGES["document"], wait_until="networkidle")
        for number in ("45/2013/QH13", "Quốc hội"):
            assert page.evaluate(LINES_OF, number) == 1, (width, level, number)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == []
        context.close()


def test_a_law_s_number_in_the_text_stays_on_one_line(phone, sample_server):
    """The handbook's lead on a 360 px phone ended a line with «Nghị định số 15/2014/NĐ-» and
    began the next with «CP.» (the offline copy's trial, session 47): a number the build links
    to its document's page is one line, at the normal and the largest «Aa» size, and the page
    does not grow sideways for it."""
    for width, level in ((360, "0"), (320, "3")):
        context, page, errors = phone(width)
        page.goto(sample_server)
        page.evaluate(f"localStorage.setItem('bt-font', '{level}')")
        page.goto(sample_server + PAGES["handbook"], wait_until="networkidle")
        lines = page.evaluate("""() => [...document.querySelectorAll('.md-content a.vanban')]
          .filter(a => a.checkVisibility()).map(a => [a.textContent,
            new Set([...a.getClientRects()].map(r => Math.round(r.top))).size])""")
        assert len(lines) >= 2 and all(n == 1 for _, n in lines), (width, level, lines)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == []
        context.close()


def test_a_joint_circular_s_long_number_in_the_text_wraps_rather_than_widen_the_page(phone, tmp_path):
    """A joint circular's number runs to 40 and 50 characters («02/2023/TTLT-VKSNDTC-TANDTC-
    BCA-BQP-BTP»). Kept on one line (`nowrap`, session 47, for «15/2014/NĐ-CP») it ran past a
    320 px phone's edge, the page scrolled sideways and its end was cut (hostile review,
    session 47). A number that fits a line is moved whole to the next; one longer than a line
    breaks inside, within the column. The same holds for a number the build has no page for
    (not linked, boxed by `span.vanban-so`, session 48)."""
    from browser import serve
    from sitekit import article, build, write_site

    long_ones = ("02/2023/TTLT-VKSNDTC-TANDTC-BCA-BQP-BTP", "01/2014/NQLT-TANDTC-VKSNDTC-BTP-BCA-BQP-BTC-BNNPTNT")
    body = ("Theo Thông tư liên tịch số 02/2023/TTLT-VKSNDTC-TANDTC-BCA-BQP-BTP ngày 10/5/2023 và Nghị quyết "
            "liên tịch số 01/2014/NQLT-TANDTC-VKSNDTC-BTP-BCA-BQP-BTC-BNNPTNT ngày 2/3/2014, cùng Nghị định "
            "số 15/2014/NĐ-CP ngày 27/2/2014, hòa giải viên được hỗ trợ.\n")
    # The same lengths on a page no listed item cites them from: no document page, so no link,
    # only the box that keeps each number whole (session 48).
    unlinked = body.replace("02/2023", "05/2023").replace("01/2014", "03/2014").replace("15/2014", "16/2014")
    root = write_site(tmp_path / "s", {"tin-tuc/lien-tich.md": article("Văn bản liên tịch", body=body),
                                       "trang/gioi-thieu.md": "---\ntitle: Giới thiệu\ndate: 2024-01-01\n---\n" + unlinked})
    build(root)
    url, stop = serve(root / "site")
    pages = {"tin-tuc/van-ban-lien-tich/": ("a.vanban", long_ones, "15/2014/NĐ-CP"),
             "gioi-thieu/": ("span.vanban-so", tuple(n.replace("02/", "05/").replace("01/", "03/") for n in long_ones),
                             "16/2014/NĐ-CP")}
    try:
        for width, level in ((320, "0"), (320, "3"), (360, "0")):
            context, page, errors = phone(width)
            page.goto(url)
            page.evaluate(f"localStorage.setItem('bt-font', '{level}')")
            for address, (selector, long_numbers, short) in pages.items():
                page.goto(url + address, wait_until="networkidle")
                found = page.evaluate("""s => [...document.querySelectorAll('.md-content ' + s)].map(a => {
                  const r = a.getBoundingClientRect(), box = a.closest('p').getBoundingClientRect();
                  return [a.textContent, r.right <= box.right + 1, new Set([...a.getClientRects()].map(q => Math.round(q.top))).size];
                })""", selector)
                assert sorted(t for t, _, _ in found) == sorted(long_numbers + (short,)), found
                assert all(inside for _, inside, _ in found), (width, level, address, found)
                assert all(lines == 1 for text, _, lines in found if text == short), (width, level, address, found)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, level, address)
                # Where the line ends depends on the font: narrow its paragraph pixel by pixel, so
                # that some width puts a line's end inside the short number, and count its lines.
                cut = page.evaluate("""([s, short]) => {
                  const a = [...document.querySelectorAll('.md-content ' + s)].find(e => e.textContent === short);
                  const p = a.closest('p'), cuts = [];
                  for (let w = 120; w <= 320; w++) {
                    p.style.width = w + 'px';
                    if (new Set([...a.getClientRects()].map(q => Math.round(q.top))).size > 1) cuts.push(w);
                  }
                  p.style.width = '';
                  return cuts;
                }""", [selector, short])
                assert cut == [], (width, level, address, short, cut)
            assert errors == []
            context.close()
    finally:
        stop()


def test_the_largest_text_on_a_360_px_phone_keeps_the_search_field_and_cards_readable(phone, sample_server):
    """At the largest "Aa" size the field showed "cho toi", the filters cut "Tất cả" and a card's
    text ran two words a line beside its picture (a reader's review, session 22). At the normal
    size the button stays beside the field and the text beside the picture."""
    for width, level, large in ((360, "0", False), (360, "3", True), (320, "0", False)):  # 320: a second review
        context, page, errors = phone(width)
        page.goto(sample_server)
        page.evaluate(f"localStorage.setItem('bt-font', '{level}')")
        page.goto(sample_server + "tim-kiem/?q=hoa+giai", wait_until="networkidle")
        form = page.locator(".bantin-search-page__query").bounding_box()
        field = page.locator(".bantin-search-page__input").bounding_box()
        button = page.locator(".bantin-search-page__query .md-button").bounding_box()
        assert (field["width"] >= 0.9 * form["width"]) is large, (level, field, form)
        assert (button["y"] >= field["y"] + field["height"]) is large  # under the field, or beside it
        for select in page.locator(".bantin-search-filters select").all():
            box = select.bounding_box()
            assert box["width"] >= 80 + 40 * large, (level, box)  # room for "Tất cả" and the arrow
        page.goto(sample_server + "tin-tuc/", wait_until="networkidle")
        card = page.locator(".bt-card--thumb").first
        picture, text = card.locator(".bt-card__thumb img").bounding_box(), card.locator(".bt-card__body").bounding_box()
        assert (text["y"] >= picture["y"] + picture["height"]) is large, (level, picture, text)
        assert text["width"] >= (0.9 * card.bounding_box()["width"] if large else 150)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
        assert not errors


def test_a_question_page_shows_its_handbooks_dates_on_screen(sample_sites):
    """On screen a single question showed no date, only "Câu hỏi 8/11" (a reader's review,
    session 22); the printout's head had them. The handbook's date and update, as on an article."""
    import re

    html = (sample_sites[0] / PAGES["question"] / "index.html").read_text("utf-8")
    meta = re.search(r'<h1[^>]*>.*?</h1>\s*<p class="bt-header__meta">(.*?)</p>', html, re.S)
    assert meta, html[html.find("<h1"):][:400]
    text = " ".join(re.sub(r"<[^>]+>", " ", meta.group(1)).split())
    # the handbook's, said to be (a question added later printed as of the handbook's first day; session 54)
    assert re.fullmatch(r"Sổ tay đăng Thứ \w+, \d\d/\d\d/\d{4} · Cập nhật \d\d/\d\d/\d{4}", text), text
    # Its neighbours say what they are, one a row ("Về sổ tay ← Tổ hòa giải …" read as one link).
    nav = html[html.index('class="bt-pages bt-qnav bt-qnav--question"'):]
    nav = nav[:nav.index("</nav>")]
    labels = [" ".join(re.sub(r"<[^>]+>", "", a).split()) for a in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]
    assert labels[0].startswith("Câu sau: ") and labels[0].endswith("&nbsp;→")  # the first question: no "Câu trước"
    assert labels[-1] == "Về sổ tay «Hỏi - Đáp về hòa giải ở cơ sở»"


LINE_ENDS = """e => { const r = document.createRange(), ends = [];
  const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); let top = null, prev = null, t;
  while ((t = walk.nextNode())) for (let i = 0; i < t.length; i++) { r.setStart(t, i); r.setEnd(t, i + 1);
    const y = r.getClientRects()[0]?.top; if (top !== null && y > top + 2) ends.push(prev); top = y; prev = t.data[i]; }
  return ends; }"""  # the last character of each line of `e` but its last
LINE_BREAKS = LINE_ENDS.replace("ends.push(prev)", "ends.push([prev, t.data[i]])")  # and the next line's first


def test_short_addresses_wrap_at_their_hyphens_and_are_not_code_boxes(phone, sample_server):
    """Under the QR code "hoi-dap-ve" broke as "hoi-dap-v / e" (it now breaks before a hyphen,
    session 45), and a handbook's short links were
    grey code boxes a citizen read as noise (a reader's review, session 22); at the largest text
    on 320 px the handbook's broke inside "bantin.example.org" (session 23)."""
    for width, level in ((360, "0"), (320, "3")):  # also the largest text on a small phone (a second review)
        context, page, errors = phone(width)
        page.goto(sample_server)
        page.evaluate(f"localStorage.setItem('bt-font', '{level}')")
        page.goto(sample_server + PAGES["question"], wait_until="networkidle")
        caption = page.locator(".bt-qr-figure figcaption a.bt-short")
        assert caption.get_attribute("data-bt-copy") == caption.inner_text()  # <wbr> adds no character
        lines = caption.evaluate(LINE_BREAKS)
        # after a slash, or before a hyphen (never after one: session 45, a trainer typing it)
        assert lines and all(last in "/." or first == "-" for last, first in lines), (width, level, lines)
        page.goto(sample_server + PAGES["handbook"], wait_until="networkidle")
        shorts = page.locator("code.bt-short")
        assert re.fullmatch(r"https://bantin\.example\.org/q/[a-z0-9-]+/", shorts.first.inner_text())
        ends = [ch for i in range(shorts.count()) for ch in shorts.nth(i).evaluate(LINE_ENDS)]
        assert all(ch in "/-" for ch in ends), (width, level, ends)
        if level == "3":
            assert ends, "at the largest text some short link should need two lines"
        context.close()
        assert not errors
    context, page, errors = phone(360)
    page.goto(sample_server + PAGES["handbook"], wait_until="networkidle")
    short = page.locator("code.bt-short").first
    style = short.evaluate("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.whiteSpace] }")
    assert style == ["rgba(0, 0, 0, 0)", "normal"], style
    context.close()
    assert not errors


def test_the_text_size_panel_says_the_size_and_where_it_ends(phone, sample_server):
    """After three taps A+ did nothing and said nothing (a reader's review, session 22)."""
    context, page, errors = phone(360)
    page.goto(sample_server + PAGES["article"], wait_until="networkidle")
    page.locator("[data-bt-aids-toggle]").click()
    now = page.locator("[data-bt-font-now]")
    bigger, smaller = page.locator("button[data-bt-font='1']"), page.locator("button[data-bt-font='-1']")
    assert now.inner_text() == "mặc định"
    # a screen reader hears the whole line, «Cỡ chữ: lớn», not a bare «lớn» (keyboard trial, session 46)
    live = now.locator("xpath=ancestor-or-self::*[@aria-live][1]")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("aria-atomic") == "true"
    assert live.inner_text().startswith("Cỡ chữ:")
    said = []
    for _ in range(4):
        bigger.click(force=True)  # the fourth: a tap on the end, which stays there
        said.append(now.inner_text())
    assert said == ["lớn", "lớn hơn", "lớn nhất", "lớn nhất"]
    assert bigger.get_attribute("aria-disabled") == "true" and smaller.get_attribute("aria-disabled") is None
    page.reload(wait_until="networkidle")  # remembered, and said again on the next page
    page.locator("[data-bt-aids-toggle]").click()
    assert now.inner_text() == "lớn nhất" and bigger.get_attribute("aria-disabled") == "true"
    page.locator("button[data-bt-font='0']").click()
    smaller.click()
    assert now.inner_text() == "nhỏ" and smaller.get_attribute("aria-disabled") == "true" and bigger.get_attribute("aria-disabled") is None
    context.close()
    assert not errors


def test_a_table_reads_row_by_row_on_a_phone_and_stays_a_table_on_a_computer(phone, sample_server):
    """A reader's review (session 23): the birth registration guide's table of papers, at the
    largest text on 360 px, put one word a line (eight lines a cell). On a phone each row is
    a box and each cell shows its column's name above it; wide, and printed, it is a table."""
    context, page, errors = phone(360)
    page.goto(sample_server)
    page.evaluate("localStorage.setItem('bt-font', '3')")
    page.goto(sample_server + PAGES["guide"], wait_until="networkidle")
    cell = page.locator("table[data-bt-stack] tbody td").nth(3)  # the second row's first cell
    shown = cell.evaluate("""e => ({display: getComputedStyle(e).display, label: getComputedStyle(e, '::before').content,
        width: e.getBoundingClientRect().width, text: e.textContent})""")
    assert shown["display"] == "block" and shown["label"] == '"Giấy tờ"', shown
    assert shown["width"] > 250, shown  # the whole width of the phone, not a third of it
    # at the text's size: the most practical part of the guide was its smallest text (session 34)
    sizes = page.evaluate("""() => [document.querySelector('table[data-bt-stack] tbody td'),
        document.querySelector('.bt-body > p')].map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes[0] == sizes[1], sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing scrolls sideways
    assert contrast_violations(page) == []
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => (await axe.run(document.querySelector('table'), {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa']}})).violations.map(v => v.id)""")
    assert found == []
    page.set_viewport_size({"width": 1280, "height": 800})
    assert cell.evaluate("e => getComputedStyle(e).display") == "table-cell"
    page.set_viewport_size({"width": 360, "height": 780})
    page.emulate_media(media="print")
    assert cell.evaluate("e => getComputedStyle(e).display") == "table-cell"
    context.close()
    assert not errors


def test_the_home_page_asks_for_a_question_on_the_first_phone_screen(chromium, sample_server):
    """A citizen with a question lands on the home page; the header's search is an icon, and
    the first screen offered no field (a reader's trial, session 28). The home page's form is
    on the first screen of a 360 px phone and leads to the search page's results."""
    from search_support.browser import wait_results

    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        page.goto(sample_server + PAGES["home"], wait_until="networkidle")
        field = page.get_by_label("Tìm bài, câu hỏi, văn bản")
        box = field.bounding_box()
        assert box["y"] + box["height"] <= 740 and box["height"] >= 44, box
        field.fill("hoa giai o co so")
        field.press("Enter")
        page.wait_for_url("**/tim-kiem/?q=hoa+giai+o+co+so")
        wait_results(page)
        assert page.locator(".bantin-search-result").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "article", "question", "category"])
def test_a_phone_s_first_screen_starts_under_the_header_without_a_blank_band(phone, sample_server, name):
    """Material's gap under a desktop's tabs left 50 px blank under the header of a 360 px
    phone and of a 1024 px tablet, and a question's title kept Material's 35 px under a page's
    h1 before its dates (the reader's trial, session 51): now 28 px, and a question's title as
    an article's."""
    tab, page, errors = phone(360 if name != "category" else 1024)  # a tablet has no tabs either
    page.goto(sample_server + PAGES[name], wait_until="load")
    gaps = page.evaluate("""() => {
      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
      const first = [...document.querySelectorAll('.md-content__inner > *')]
        .find(e => e.getBoundingClientRect().height > 0).getBoundingClientRect().top;
      const h1 = document.querySelector('.md-content h1'), next = h1.nextElementSibling;
      return {band: first - header, title: next ? next.getBoundingClientRect().top - h1.getBoundingClientRect().bottom : 0};
    }""")
    assert 16 <= gaps["band"] <= 32, gaps
    if name in ("article", "question"):
        assert gaps["title"] <= 16, gaps
    assert errors == []


def test_a_question_in_the_address_brings_the_first_results_up_on_a_phone(chromium, sample_server):
    """The help for typing a question pushed the first result to 490 px of a 740 px screen (a
    reader's trial, session 28): opened with ?q=, a phone leaves it out (from before the first
    paint: nothing moves); opened empty, it is there."""
    from search_support.browser import wait_results

    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        page.goto(sample_server + "tim-kiem/?q=hoa+giai")
        wait_results(page)
        first = page.locator(".bantin-search-result").first.bounding_box()
        assert first["y"] < 420 and not page.locator("#bantin-page-help").is_visible(), first
        page.goto(sample_server + "tim-kiem/")
        assert page.locator("#bantin-page-help").is_visible()
    finally:
        context.close()


def test_the_home_forms_example_is_whole_on_a_320_px_phone(phone, sample_server):
    """At 320 px the example in the home page's field was cut ("…đất đ", a hostile review,
    session 28): it fits the field's text box, and the field and button stay 44 px."""
    context, page, errors = phone(320)
    try:
        page.goto(sample_server + PAGES["home"], wait_until="networkidle")
        room = page.evaluate("""() => {
          const e = document.getElementById('bt-home-q'), s = getComputedStyle(e);
          const c = document.createElement('canvas').getContext('2d');
          c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          return {text: c.measureText(e.placeholder).width,
                  box: e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)};
        }""")
        assert 0 < room["text"] <= room["box"], room
        for target in (page.locator("#bt-home-q"), page.locator(".bt-home-search button")):
            assert target.bounding_box()["height"] >= 44
        assert not errors
    finally:
        context.close()


def test_back_to_top_waits_in_the_corner_not_over_the_line_being_read(chromium, sample_server):
    """Material's "Lên đầu trang" came as a pill across the middle of the screen's top when the
    reader scrolled up, over the line they read (a reader's trial, session 28): it is a 44 px
    round button in the bottom corner, still named for screen readers, and it still works."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 390, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        page.goto(sample_server + "hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/", wait_until="networkidle")
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -300)
        button = page.get_by_role("button", name="Lên đầu trang")
        button.wait_for(state="visible")
        button.element_handle().wait_for_element_state("stable")  # Material's transition over (a fixed 300 ms before)
        box = button.bounding_box()
        assert box["width"] == box["height"] == 44, box
        assert box["x"] + box["width"] >= 390 - 24 and box["y"] + box["height"] >= 740 - 24, box
        button.click()
        page.wait_for_function("() => scrollY === 0")
    finally:
        context.close()


def test_a_quick_shift_tab_after_leaving_the_drawer_stays_out_of_it(phone, sample_server):
    """Tab past the drawer's last link closes it; it slides out for 0.25 s, and a quick
    Shift+Tab then landed on that link, sliding off screen at x = -236 (the keyboard trial,
    session 46). The closing drawer is out of the Tab order until it has gone, and back in it
    when it opens again."""
    context, page, errors = phone(360)
    try:
        page.goto(sample_server + PAGES["category"], wait_until="networkidle")
        page.locator("[data-bt-menu]").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => ({FOCUSED})().visible && ({FOCUSED})().drawer", timeout=5000)
        for _ in range(40):
            page.keyboard.press("Tab")
            if not page.evaluate(FOCUSED)["drawer"]:
                break
        page.keyboard.press("Shift+Tab")  # at once, while it slides out
        assert not page.evaluate(FOCUSED)["drawer"], page.evaluate(FOCUSED)
        page.wait_for_timeout(400)
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert") is False
        page.locator("[data-bt-menu]").focus()
        page.keyboard.press("Enter")  # open again: its links take the focus as before
        page.wait_for_function(f"() => ({FOCUSED})().visible && ({FOCUSED})().drawer", timeout=5000)
        assert errors == []
    finally:
        context.close()


def test_tab_out_of_the_open_drawer_closes_it_and_focus_stays_in_sight(phone, sample_server):
    """A keyboard or switch user (or TalkBack swiping on) who went past the drawer's last link
    landed on the page's links under the still-open drawer: focus where nobody could see it,
    behind the menu (a screen-reader and low-vision trial, session 29). Shift+Tab from its
    first link went to the header's buttons, covered the same way. Leaving the drawer now
    closes it, as leaving the "Aa" panel closes that."""
    context, page, errors = phone(360)
    try:
        page.goto(sample_server + PAGES["category"], wait_until="networkidle")
        covered = """() => {
          const e = document.activeElement, r = e.getBoundingClientRect();
          const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !(at && (at === e || e.contains(at)));
        }"""
        for key, count in (("Tab", 40), ("Shift+Tab", 3)):
            page.locator("[data-bt-menu]").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
            page.wait_for_function(f"() => ({FOCUSED})().visible", timeout=5000)  # slid in
            for _ in range(count):
                page.keyboard.press(key)
                if not page.evaluate(FOCUSED)["drawer"]:
                    break
            assert not page.evaluate(FOCUSED)["drawer"], key
            assert not page.locator("#__drawer").is_checked(), key
            assert page.locator("[data-bt-menu]").get_attribute("aria-expanded") == "false"
            page.wait_for_timeout(400)  # the drawer's slide out
            assert not page.evaluate(covered), (key, page.evaluate(FOCUSED))
        assert errors == []
    finally:
        context.close()


@pytest.mark.shared_context
def test_the_header_names_the_site_once_to_a_screen_reader(page, sample_server):
    """The logo link is named for the site; the header's title then said it again, and the
    page's title before its h1 (a screen-reader trial, session 29). Seen, not heard."""
    page.goto(sample_server + PAGES["question"], wait_until="networkidle")
    heard = page.locator("header.md-header").aria_snapshot()
    assert heard.count("Bản tin Pháp luật tỉnh Sông Lam") == 1, heard
    assert "Hòa giải ở cơ sở là gì" not in heard, heard
    assert page.locator(".md-header__title").is_visible()  # still seen


@pytest.mark.shared_context
@pytest.mark.parametrize("name", ["home", "article", "question"])
def test_links_are_read_by_their_words_not_their_arrows(page, sample_server, name):
    """«Bài sau: … →», «← Câu trước: …», «Xem tất cả (4) →»: a screen reader read the arrows
    out ("mũi tên phải") in every link name (the keyboard trial, session 46). The arrows stay on
    screen, beside the words, outside the names."""
    import re

    page.goto(sample_server + PAGES[name], wait_until="networkidle")
    seen = page.evaluate("() => [...document.querySelectorAll('a')].filter(a => a.checkVisibility()"
                         " && /[←→]/.test(a.innerText)).map(a => a.innerText)")
    assert seen, "the page shows no link with an arrow any more"
    assert page.get_by_role("link", name=re.compile("[←→]")).count() == 0
    words = page.get_by_role("link", name=re.compile(r"^(Xem tất cả|Bài (sau|trước):|Câu (sau|trước):)"))
    assert words.count() >= 1
    # each arrow is held to its word by a no-break space: never alone at a line's start or end
    assert all(s.startswith("←\u00a0") or s.endswith("\u00a0→") for s in seen), seen


@pytest.mark.shared_context
@pytest.mark.parametrize("name", ["home", "article", "handbook", "question", "documents", "search"])
def test_a_wide_screen_has_no_navigation_landmark_of_one_link_or_none(page, sample_server, name):
    """Under the tabs, Material's lifted nav held the section's own link alone or nothing: a
    landmark a screen reader announces as a menu (session 29's trial). The "Chuyên mục"
    section keeps it (it lists the categories there: the test above); phones keep their drawer."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(sample_server + PAGES[name], wait_until="networkidle")
    navs = page.evaluate("""() => [...document.querySelectorAll('nav')].filter(n => n.checkVisibility())
      .map(n => [n.getAttribute('aria-label') || n.className,
                 [...n.querySelectorAll('a, button, input')].filter(a => a.checkVisibility()).length])""")
    assert [n for n in navs if n[1] == 0] == [], navs
    assert not page.locator(".md-nav--primary").is_visible(), navs  # was "Tin tức" alone, or nothing
    if name == "handbook":  # a heading with sub-headings was a landmark of its own, inside "Mục lục"
        assert page.locator(".md-nav--secondary nav").count() == 0
        assert page.locator(".md-nav--secondary .md-nav .md-nav__link", has_text="Tổ trưởng").is_visible()
    if name != "home":  # the home page has no left column
        assert page.locator(".md-sidebar--primary .bt-side").is_visible()  # the categories stay there
    page.set_viewport_size({"width": 390, "height": 780})
    page.locator("[data-bt-menu]").click()
    page.locator(".md-nav--primary .md-nav__link", has_text="Tin tức").first.wait_for(state="visible", timeout=5000)


def drawer_axe_violations(page) -> list:
    """axe's WCAG A/AA and best-practice rules on the page with the drawer open, each failing
    node (until session 32 the back title of an open level failed two: docs/decisions.md)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Colours read mid-transition (a link's focus colour fades in over 125 ms) failed contrast
    # on a loaded machine (session 43's last run): axe reads the page once nothing moves.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')", timeout=10_000)
    return page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations
        .flatMap(v => v.nodes.map(n => [v.id, n.target.join(' ')]))""")


def test_the_drawer_s_categories_are_a_group_reached_by_keyboard_and_by_tap(phone, chromium, sample_server):
    """The drawer's "Chuyên mục" was a navigation landmark inside the drawer's own (Material's
    nav-item.html): a screen reader's landmark list named the menu twice. It is a group named
    "Chuyên mục" (partials/nav-item.html), and opens by keyboard and by touch as before. Its
    opener was Material's label, read as plain text, which Space did not open: it is a button
    that says whether it is open (session 33)."""
    context, page, errors = phone(360)
    page.goto(sample_server + PAGES["home"], wait_until="networkidle")
    page.locator("[data-bt-menu]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED})().drawer && ({FOCUSED})().visible", timeout=5000)
    steps = [page.evaluate(FOCUSED)]
    while steps[-1]["label"] != "Chuyên mục" and len(steps) < 6:
        steps.append(tab(page))
    assert steps[-1]["label"] == "Chuyên mục", steps
    section = page.locator('.md-nav--primary [aria-labelledby="__nav_3_label"]')
    assert section.get_attribute("role") == "group" and section.get_attribute("aria-expanded") == "false"
    assert page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('aria-expanded')]") \
        == ["BUTTON", "false"]
    assert '- button "Chuyên mục"' in page.locator(".md-sidebar--primary").aria_snapshot()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.activeElement.closest('[role=group][data-md-level=\"1\"]')")
    page.wait_for_function(f"() => ({FOCUSED})().visible", timeout=5000)  # after its slide
    assert page.evaluate(FOCUSED)["label"] == "Tất cả chuyên mục"
    steps = [tab(page) for _ in range(2)]
    assert [s["label"] for s in steps] == ["Phổ biến, giáo dục pháp luật", "Hòa giải ở cơ sở"], steps
    assert all(s["visible"] and s["drawer"] for s in steps), steps
    # What a screen reader gets: one navigation landmark in the drawer, the section a named group.
    tree = page.locator(".md-sidebar--primary").aria_snapshot()
    assert tree.count("- navigation") == 1 and '- group "Chuyên mục"' in tree, tree
    assert drawer_axe_violations(page) == []
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Hòa giải ở cơ sở"
    context.close()
    assert not errors

    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_server + PAGES["article"], wait_until="networkidle")
    page.locator("[data-bt-menu]").tap()
    label = page.locator(".md-nav--primary button[data-bt-open=__nav_3]")
    label.wait_for(state="visible", timeout=5000)
    label.tap()
    assert page.locator("#__nav_3").is_checked()  # (Material updates aria-expanded from 76.25em only: test_landmarks)
    page.wait_for_function("() => [...document.querySelectorAll('.md-nav--primary [role=group] a')].some(a =>"
                           " a.textContent.includes('Trợ giúp pháp lý') && a.getBoundingClientRect().left >= 0"
                           " && getComputedStyle(a).visibility === 'visible')", timeout=5000)  # slid in
    with page.expect_navigation():
        page.locator(".md-nav--primary [role=group] a.md-nav__link", has_text="Trợ giúp pháp lý").tap()
    assert page.locator("h1").inner_text() == "Trợ giúp pháp lý"
    context.close()
    assert not errors


# The drawer level a reader sees: what its visible links, labels and buttons say (a closed level
# waits off to the right, an open one covers its parent's list, hidden: bantin.css).
DRAWER_LEVEL = """() => [...document.querySelectorAll('.md-sidebar--primary :is(a[href], label[tabindex], button)')]
  .filter(e => { const r = e.getBoundingClientRect();
    return e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.left >= 0 && r.right <= innerWidth; })
  .map(e => e.textContent.replace(/\\s+/g, ' ').trim())"""
FIRST = {"root": "Trang chủ", "section": "Tất cả chuyên mục", "toc": "Trang này dành cho ai?"}


def wait_for_level(page, level: str) -> list:
    """Wait until exactly `level` shows, its slide and fade over (axe measured the colours of a
    half-faded level), and return what it shows. When it runs out, the message says what was
    still moving: session 42 read there a level slid out of sight by focus (bantin.js
    `focusInDrawer`), a bug that showed only under load."""
    others = [text for name, text in FIRST.items() if name != level]
    try:
        page.wait_for_function("([first, others]) => { const seen = (" + DRAWER_LEVEL + ")();"
                               " return seen.includes(first) && !others.some(o => seen.includes(o))"
                               " && !document.querySelector('.md-sidebar--primary').getAnimations({subtree: true}).length; }",
                               arg=[FIRST[level], others], timeout=25000)
    except Exception as error:  # what showed instead, which levels were ticked, what still moved
        ticked = page.evaluate("[...document.querySelectorAll('.md-sidebar--primary .md-nav__toggle:checked')].map(t => t.id)")
        where = page.evaluate("[location.pathname, document.getElementById('__drawer').checked,"
                              " document.activeElement.outerHTML.slice(0, 120)]")
        moving = page.evaluate("document.querySelector('.md-sidebar--primary').getAnimations({subtree: true})"
                               ".map(a => [a.transitionProperty || a.animationName, a.playState, a.currentTime,"
                               " a.effect && a.effect.target && a.effect.target.className])")
        raise AssertionError(f"not {level}: {page.evaluate(DRAWER_LEVEL)}, ticked {ticked}, "
                             f"(page, drawer open, focus) {where}, still moving {moving}") from error
    return page.evaluate(DRAWER_LEVEL)


def focused_control(page) -> dict:
    return page.evaluate(f"""() => ({{...({FOCUSED})(), tag: document.activeElement.tagName,
        back: document.activeElement.getAttribute('data-bt-back')}})""")


def test_the_drawer_s_levels_by_keyboard_and_screen_reader_there_and_back(phone, sample_server):
    """Into "Chuyên mục" and back, into the page's table of contents and back, on a 360 px
    phone by keyboard: the back title of an open level was a label made role=button (axe:
    aria-allowed-role; grey on grey, 3.9:1), the table of contents' opener took no focus, and
    its back arrow (a div) did nothing. Each back title is now a real button, "Đóng …", that
    returns to the level before with focus on what opened it; axe finds nothing at any level."""
    context, page, errors = phone(360)
    page.goto(sample_server + "gioi-thieu/", wait_until="networkidle")
    page.locator("[data-bt-menu]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED})().drawer && ({FOCUSED})().visible", timeout=5000)
    wait_for_level(page, "root")
    assert drawer_axe_violations(page) == []

    # Into the section and back.
    steps = [page.evaluate(FOCUSED)]
    while steps[-1]["label"] != "Chuyên mục" and len(steps) < 6:
        steps.append(tab(page))
    opener = page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('data-bt-open')]")
    assert steps[-1]["label"] == "Chuyên mục" and opener == ["BUTTON", "__nav_3"], (steps, opener)
    page.keyboard.press("Enter")
    wait_for_level(page, "section")
    page.wait_for_function(f"() => ({FOCUSED})().label === 'Tất cả chuyên mục' && ({FOCUSED})().visible", timeout=5000)
    assert drawer_axe_violations(page) == []
    tree = page.locator(".md-sidebar--primary").aria_snapshot()
    assert '- button "Đóng Chuyên mục"' in tree, tree
    page.keyboard.press("Shift+Tab")
    back = focused_control(page)
    assert (back["tag"], back["back"], back["visible"]) == ("BUTTON", "__nav_3", True), back
    page.keyboard.press("Enter")
    wait_for_level(page, "root")
    assert not page.locator("#__nav_3").is_checked()
    page.wait_for_function(f"() => ({FOCUSED})().label === 'Chuyên mục' && ({FOCUSED})().visible", timeout=5000)

    # The page's table of contents: its opener takes focus, its back arrow leads back.
    steps = [page.evaluate(FOCUSED)]
    while "Giới thiệu" not in steps[-1]["label"] and len(steps) < 12:
        steps.append(tab(page))
    assert page.evaluate("document.activeElement.getAttribute('data-bt-open')") == "__toc", steps
    assert steps[-1]["label"].endswith(", mục lục") and steps[-1]["visible"], steps  # what it opens, said
    assert '- button "Giới thiệu, mục lục"' in page.locator(".md-sidebar--primary").aria_snapshot()  # no " ,"
    page.keyboard.press("Enter")
    wait_for_level(page, "toc")
    page.wait_for_function(f"() => ({FOCUSED})().label === 'Trang này dành cho ai?' && ({FOCUSED})().visible",
                           timeout=5000)
    assert drawer_axe_violations(page) == []
    tree = page.locator(".md-sidebar--primary").aria_snapshot()
    assert '- group "Mục lục"' in tree and '- button "Đóng Mục lục"' in tree, tree
    page.keyboard.press("Shift+Tab")
    back = focused_control(page)
    assert (back["tag"], back["back"], back["visible"]) == ("BUTTON", "__toc", True), back
    page.keyboard.press("Space")
    assert wait_for_level(page, "root")
    assert not page.locator("#__toc").is_checked()
    page.wait_for_function(f"() => document.activeElement.getAttribute('data-bt-open') === '__toc' && ({FOCUSED})().visible",
                           timeout=5000)
    assert drawer_axe_violations(page) == []
    context.close()
    assert not errors


def test_a_drawer_level_opened_by_keyboard_on_a_slow_phone_is_not_slid_out_of_sight(chromium, sample_server):
    """On a slow phone (Chrome's CPU slowdown, 10×) "Chuyên mục" opened by keyboard showed a
    blank drawer: focus moved into the new level while it was still off to the right, the
    browser scrolled the drawer sideways to reach it, and once the slide ended every level sat
    off screen (bantin.js `focusInDrawer`, session 42). The level shows, focus on its first link."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_server + "gioi-thieu/", wait_until="networkidle")
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 10})
    page.locator("[data-bt-menu]").focus()
    page.keyboard.press("Enter")
    wait_for_level(page, "root")
    page.locator(".md-nav--primary button[data-bt-open=__nav_3]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED})().label === 'Tất cả chuyên mục'", timeout=15000)
    assert "Tất cả chuyên mục" in wait_for_level(page, "section")
    assert page.evaluate("document.querySelector('.md-sidebar__scrollwrap').scrollLeft") == 0
    context.close()
    assert not errors


def test_the_table_of_contents_back_arrow_in_the_drawer_by_tap_in_high_contrast(chromium, sample_server):
    """A reader's thumb on the arrow of the drawer's "Mục lục" went nowhere (a div); with high
    contrast on, the white title sat on a grey band (#aaa, 2.3:1). The arrow leads back to the
    menu, and axe finds nothing at either level in high contrast."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_server)
    page.evaluate("localStorage.setItem('bt-contrast', 'on')")
    page.goto(sample_server + "gioi-thieu/", wait_until="networkidle")
    assert page.locator("html").get_attribute("data-bt-contrast") == "on"
    page.locator("[data-bt-menu]").tap()
    wait_for_level(page, "root")
    page.locator(".md-nav--primary button[data-bt-open=__toc]").tap()
    wait_for_level(page, "toc")
    assert drawer_axe_violations(page) == []
    page.locator(".md-nav--primary .md-nav--secondary > .md-nav__title:visible .md-nav__icon").tap()
    wait_for_level(page, "root")
    assert not page.locator("#__toc").is_checked()
    page.locator(".md-nav--primary button[data-bt-open=__nav_3]").tap()
    wait_for_level(page, "section")
    assert drawer_axe_violations(page) == []
    page.locator('.md-nav--primary [aria-labelledby="__nav_3_label"] > .md-nav__title:visible').tap()
    wait_for_level(page, "root")
    context.close()
    assert not errors


def test_an_opener_says_open_when_back_brings_its_level_open(phone, sample_server):
    """Back restores the page with its level's checkbox ticked and no change event: the opener
    said "collapsed" over its open level (hostile review, session 33)."""
    context, page, errors = phone(360)
    page.goto(sample_server + "gioi-thieu/", wait_until="networkidle")
    page.locator("[data-bt-menu]").click()
    opener = page.locator("button[data-bt-open=__nav_3]")
    opener.click()
    page.wait_for_function("() => document.getElementById('__nav_3').checked")
    with page.expect_navigation():
        page.locator("[aria-labelledby=__nav_3_label] a", has_text="Hòa giải ở cơ sở").click()
    page.go_back(wait_until="networkidle")
    state = page.evaluate("() => [document.getElementById('__nav_3').checked,"
                          " document.querySelector('[data-bt-open=__nav_3]').getAttribute('aria-expanded')]")
    assert state in ([True, "true"], [False, "false"]), state
    context.close()
    assert not errors
