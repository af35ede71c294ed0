"""A search result whose match is far into a long page opens the page there (bantin-search.js,
`phraseAt`; session 55's trial: a citizen who searched a document a guide asks for landed at
the top of a 3,000-word guide). The link carries a text fragment (`#:~:text=`) of the words
around the match; a match near the top, or a browser without text fragments, opens the page at
its top as before. Built with the plugin, so the page's text is the one the index was made of.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from browser import serve
from search_support.browser import box_shows, wait_results
from sitekit import article, build, write_site

FILLER = [
    "Công dân đến Bộ phận Một cửa của Ủy ban nhân dân cấp xã trong giờ làm việc buổi sáng hoặc buổi chiều.",
    "Cán bộ tiếp nhận kiểm tra thông tin, hướng dẫn bổ sung nếu thiếu, rồi ghi vào sổ theo dõi.",
    "Trường hợp nộp trực tuyến, người dân đăng nhập bằng tài khoản định danh điện tử mức độ hai.",
    "Kết quả được trả trong ngày làm việc, hoặc ngày hôm sau nếu nộp sau ba giờ chiều.",
]
DEEP = "Người đi đăng ký mang theo giấy chứng sinh do bệnh viện cấp cho trẻ."
LOST = "Mất giấy khai sinh bản chính thì xin cấp lại ở đâu"  # a heading the contents list too
EARLIER = "Nhớ mang theo giấy chứng sinh khi đi."  # the same three words, earlier: not where the match is
ABROAD = "Trẻ sinh ra ở nước ngoài về nước cư trú"  # a section past what the result's record keeps of the text
ABROAD_LEAD = "Cha mẹ nộp thêm giấy tờ chứng minh trẻ đã nhập cảnh, kèm bản dịch có chứng thực."
GUIDE = ("## 1. Nơi nộp\n\n" + "\n\n".join(" ".join(FILLER[(n + k) % 4] for k in range(4)) for n in range(2))
         + "\n\n" + EARLIER + "\n\n" + "\n\n".join(" ".join(FILLER[(n + k) % 4] for k in range(4)) for n in range(3))
         + "\n\n## 2. Giấy tờ\n\n" + DEEP + f"\n\n## 3. {LOST}\n\nNgười dân liên hệ nơi đã đăng ký lần đầu.\n\n"
         + "\n\n".join(" ".join(FILLER) for _ in range(6)) + f"\n\n## 4. {ABROAD}\n\n{ABROAD_LEAD}\n")
FILES = {
    "huong-dan/khai-sinh.md": article("Hướng dẫn thủ tục khai sinh", category="cai-cach-hanh-chinh", body=GUIDE),
    "tin-tuc/ngan.md": article("Bệnh viện cấp giấy chứng sinh điện tử", body="Giấy chứng sinh do bệnh viện cấp nay "
                               "được gửi thẳng tới Ủy ban nhân dân cấp xã.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("phrase"), FILES)
    build(root)
    url, stop = serve(root / "site")
    yield url
    stop()


def result_links(page) -> dict[str, str]:
    links = page.locator("[data-bantin-results] .bantin-search-result__title a")
    return {link.inner_text(): link.get_attribute("href") for link in links.all()}


@pytest.mark.browser
def test_a_match_deep_in_a_guide_opens_the_guide_at_it(page, site):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + "tim-kiem/?q=" + quote("giấy chứng sinh bệnh viện"))
    wait_results(page)
    links = result_links(page)
    guide, news = links["Hướng dẫn thủ tục khai sinh"], links["Bệnh viện cấp giấy chứng sinh điện tử"]
    assert "#" not in news  # its match is at its top: the page opens as before
    address, directive = guide.split("#:~:text=")
    assert address == "../huong-dan/huong-dan-thu-tuc-khai-sinh/"
    phrase = unquote(directive)
    assert "giấy chứng sinh" in phrase and phrase in DEEP and "-" not in directive
    page.locator("[data-bantin-results] a", has_text="Hướng dẫn thủ tục khai sinh").click()
    page.wait_for_load_state()
    page.wait_for_function("() => scrollY > 0")  # the browser scrolls to the words once laid out
    seen = page.evaluate("""(words) => {
        const p = [...document.querySelectorAll('.bt-body p')].find((e) => e.textContent.includes(words));
        const box = p.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
    }""", "giấy chứng sinh do bệnh viện")
    assert seen  # the paragraph with the words is on the screen, not the guide's first lines
    page.go_back()
    wait_results(page)
    assert result_links(page)["Hướng dẫn thủ tục khai sinh"] == guide  # the same link: Back finds it again


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_a_heading_s_words_open_the_heading_not_the_contents_listing_it(page, site, width):
    """The contents (the sidebar from 60em, «Mục lục» on a phone) list every heading before the
    text: the browser went to the first place with the words, and opened the phone's «Mục lục»
    there instead of scrolling (a trial, session 56). bantin.js sets them aside while it looks."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + "tim-kiem/?q=" + quote("mất giấy khai sinh bản chính"))
    wait_results(page)
    assert "#:~:text=" in result_links(page)["Hướng dẫn thủ tục khai sinh"]
    page.locator("[data-bantin-results] a", has_text="Hướng dẫn thủ tục khai sinh").click()
    page.wait_for_load_state("load")
    page.wait_for_function("() => scrollY > 0")
    place = page.evaluate("""() => {
        const h = [...document.querySelectorAll('.bt-body h2')].find((e) => e.textContent.includes('Mất giấy khai sinh'));
        const box = h.getBoundingClientRect();
        return [box.top >= 0 && box.bottom <= innerHeight, !!document.querySelector('details.bt-toc-phone[open]')];
    }""")
    assert place == [True, False]  # the heading on the screen, the phone's contents left closed
    page.wait_for_function("() => ![...document.querySelectorAll('.md-sidebar, .bt-toc-phone')].some((e) => e.inert)")


@pytest.mark.browser
def test_a_section_past_the_records_text_opens_at_its_heading(page, site):
    """The record keeps a text's first 4,000 characters for the snippet; a later section is
    there by its heading, id and first words (search/snippets.py). Found by those, the result
    shows them and opens the page at the heading, an id every browser goes to; the header box's
    option opens the same place (session 56's trial: section 9.2 opened at the guide's top)."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + "tim-kiem/?q=" + quote("trẻ sinh ra ở nước ngoài"))
    wait_results(page)
    guide = result_links(page)["Hướng dẫn thủ tục khai sinh"]
    assert guide == "../huong-dan/huong-dan-thu-tuc-khai-sinh/#4-tre-sinh-ra-o-nuoc-ngoai-ve-nuoc-cu-tru"
    snippet = page.locator("[data-bantin-results] li", has_text="Hướng dẫn thủ tục khai sinh").locator(
        ".bantin-search-result__snippet").inner_text()
    assert snippet.startswith(f"4. {ABROAD} — Cha mẹ") and "nhập cảnh" in snippet
    page.locator("[data-bantin-results] a", has_text="Hướng dẫn thủ tục khai sinh").click()
    page.wait_for_load_state()
    assert page.evaluate("""(words) => {
        const h = [...document.querySelectorAll('.bt-body h2')].find((e) => e.textContent.includes(words));
        const box = h.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && scrollY > 0;
    }""", ABROAD)
    page.set_viewport_size({"width": 1280, "height": 800})  # the header box, open on a computer's screen
    page.goto(site)
    page.fill("#bantin-search-q", "trẻ sinh ra ở nước ngoài")
    box_shows(page, "Hướng dẫn thủ tục khai sinh")
    option = page.locator("#bantin-search-q-list [role=option]", has_text="Hướng dẫn thủ tục khai sinh")
    assert option.get_attribute("data-href").endswith("huong-dan-thu-tuc-khai-sinh/#4-tre-sinh-ra-o-nuoc-ngoai-ve-nuoc-cu-tru")


@pytest.mark.browser
def test_a_choice_in_the_header_box_survives_a_later_list_that_moves_its_place(page, site):
    """The box's options open their pages where the words are, so a longer query can move an
    option's place (`#:~:text=theo giấy chứng sinh do` → `giấy chứng sinh do`). A choice made
    with the arrows is kept by the page's address alone: it was lost, and Enter opened the search
    page (a review, session 58)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site)
    page.fill("#bantin-search-q", "giấy chứng")
    box_shows(page, "")
    guide = page.locator("#bantin-search-q-list [role=option]", has_text="Hướng dẫn thủ tục khai sinh")
    guide.wait_for()
    before = guide.get_attribute("data-href")
    steps = page.evaluate("() => [...document.querySelectorAll('#bantin-search-q-list [role=option]')]"
                          ".findIndex((o) => o.textContent.includes('Hướng dẫn thủ tục khai sinh'))")
    for _ in range(steps + 1):
        page.keyboard.press("ArrowDown")
    assert guide.get_attribute("aria-selected") == "true"
    page.evaluate("() => { document.getElementById('bantin-search-q').value = 'giấy chứng sinh';"
                  " document.querySelector('[data-bantin-search=box]').__bantin.run(); }")  # the late list
    page.wait_for_function("(h) => { const o = [...document.querySelectorAll('#bantin-search-q-list [role=option]')]"
                           ".find((e) => e.textContent.includes('Hướng dẫn thủ tục khai sinh'));"
                           " return o && o.getAttribute('data-href') !== h; }", arg=before)
    active = page.evaluate("() => { const b = document.getElementById('bantin-search-q');"
                           " const o = document.getElementById(b.getAttribute('aria-activedescendant'));"
                           " return o && o.getAttribute('aria-selected') === 'true' && o.textContent; }")
    assert active and "Hướng dẫn thủ tục khai sinh" in active
    page.keyboard.press("Enter")
    page.wait_for_url("**/huong-dan/huong-dan-thu-tuc-khai-sinh/**")


@pytest.mark.browser
@pytest.mark.parametrize("flavour", ["http", "file"])
def test_the_sample_guide_s_later_section_opens_at_its_heading(page, sample_server, sample_sites, flavour):
    """The repository's sample, as built and as the offline copy opened from file:// (a trainer's
    USB stick): «7. Một số lưu ý» is past what the khai sinh guide's record keeps of its text; a
    question on late registration opens the guide at that heading, on a phone."""
    page.set_viewport_size({"width": 390, "height": 800})
    start = sample_server + "tim-kiem/" if flavour == "http" else (sample_sites[1] / "tim-kiem.html").as_uri()
    page.goto(start + "?q=" + quote("đăng ký muộn có bị phạt không"))
    wait_results(page)
    guide = page.locator("[data-bantin-results] .bantin-search-result__title a", has_text="Hướng dẫn thủ tục đăng ký khai sinh")
    assert guide.get_attribute("href").endswith("#7-mot-so-luu-y")
    guide.click()
    page.wait_for_load_state()
    assert page.evaluate("""() => {
        const h = [...document.querySelectorAll('.bt-body h2')].find((e) => e.textContent.includes('Một số lưu ý'));
        const box = h.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && scrollY > 0;
    }""")
