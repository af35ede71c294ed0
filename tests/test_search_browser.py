"""Search in Chromium: the search page and the header box on a throwaway site (search_support.site),
served over http and opened from file:// (the offline flavour)."""

from __future__ import annotations

import functools
import re
import http.server
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from bantin.search.reader import load_search_index
from bantin.search.writer import build_search_index, order_docs
from browser import SiteHandler, serve
from search_support.browser import (box_shows, result_hrefs, result_titles, search_files_arrived, type_query,
                                    wait_results)
from search_support.samples import EXPECTED_FIRST, HOA_GIAI_ITEMS, SAMPLE_DOCS
from search_support.corpus import mixed_docs
from search_support.site import build_search_site

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build_search_site(tmp_path_factory.mktemp("search-site"))
    url, stop = serve(built.root)
    yield built, url
    stop()


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    return build_search_site(tmp_path_factory.mktemp("search-offline"), offline=True)


STATUS = "[data-bantin-search=page] [data-bantin-status]"


def open_search(page, site, query=""):
    built, url = site
    page.goto(url + built.search_page + (f"?q={query}" if query else ""))
    wait_results(page)


@pytest.mark.shared_context
@pytest.mark.parametrize("query", ["phap luat", "dat dai", "dieu 5", "nghi dinh 42", "432/QD-UBND"])
def test_typing_shows_the_expected_item_first(page, site, query):
    open_search(page, site)
    type_query(page, query)
    assert result_hrefs(page)[0] == "../" + EXPECTED_FIRST[query]
    assert parse_qs(urlparse(page.url).query)["q"] == [query]  # the list can be shared


@pytest.mark.shared_context
def test_typing_hoa_giai_shows_hoa_giai_items_first(page, site):
    open_search(page, site)
    type_query(page, "hoa giai")
    hrefs = result_hrefs(page)
    assert {h.removeprefix("../") for h in hrefs[: len(HOA_GIAI_ITEMS)]} == HOA_GIAI_ITEMS


@pytest.mark.shared_context
def test_page_lists_what_the_python_mirror_ranks(page, site):
    built, _ = site
    index = load_search_index(built.root / "assets" / "search")
    for query in ["hòa giải", "phap luat", "căn cứ pháp lý"]:
        open_search(page, site, query)
        assert [h.removeprefix("../") for h in result_hrefs(page)] == index.urls(query, 10)


QUESTIONS = ["cho tôi hỏi về pháp luật đất đai và hòa giải ở cơ sở", "so do bi mat thi xin cap lai o dau",
             "cty nợ bhxh rồi tôi đuổi việc có được không"]


@pytest.mark.shared_context
def test_a_questions_first_page_is_looked_at_again_as_in_python(page, site):
    """The page orders a question's first ten as SearchIndex.page_hits does (search/recheck.py),
    which differs from the ranking's order on at least one of these questions."""
    built, _ = site
    index = load_search_index(built.root / "assets" / "search")
    reordered = 0
    for query in QUESTIONS:
        open_search(page, site, query)
        assert [h.removeprefix("../") for h in result_hrefs(page)] == index.urls(query, 10), query
        reordered += index.urls(query, 10) != [index.doc(h.id)["u"] for h in index.search(query).hits[:10]]
    assert reordered


@pytest.mark.shared_context
def test_the_header_box_shows_the_first_of_a_questions_page(page, site):
    built, url = site
    index = load_search_index(built.root / "assets" / "search")
    query = QUESTIONS[2]
    expected = [index.doc(h.id)["t"] for h in index.page_hits(query)[:6]]
    page.goto(url)
    page.fill("#bantin-search-q", query)
    box_shows(page, expected[0])
    titles = page.eval_on_selector_all("#bantin-search-q-list [role=option] .bantin-search-option__title",
                                       "els => els.map(e => e.textContent)")
    assert titles == expected


class _SlowDocuments(SiteHandler):
    """Result documents arrive late, those of the question's unfiltered first page first."""

    first: set[str] = set()

    def do_GET(self):
        if "/search/d/" in self.path:
            time.sleep(0.3 if self.path.split("?")[0].rsplit("/", 1)[-1] in self.first else 1.5)
        return super().do_GET()


def test_a_filter_chosen_while_the_first_page_loads_shows_the_filtered_page_once(page, tmp_path):
    """The old first page's texts arrived after the filter was chosen and were put in front of
    the filtered list: "Xem thêm" then listed other kinds, or items twice (session 21)."""
    docs = list(SAMPLE_DOCS) + [replace(SAMPLE_DOCS[0], url=f"tin-tuc/bai-{n}/", title=f"Hòa giải ở cơ sở bài {n}",
                                        text="hòa giải viên " * n) for n in range(1, 15)]
    built = build_search_site(tmp_path, docs)
    question = "tổ hòa giải ở cơ sở có bao nhiêu hòa giải viên"
    index = load_search_index(tmp_path / "assets" / "search")
    first = {index.doc_file(h.id).rsplit("/", 1)[-1] for h in index.search(question).hits[:10]}
    handler = type("Slow", (_SlowDocuments,), {"first": first})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{built.search_page}?q={question}", wait_until="commit")
        page.wait_for_selector("select[name=loai] option[value=hoi-dap]", state="attached")
        page.select_option("select[name=loai]", "hoi-dap")
        expected = [index.doc(h.id)["u"] for h in index.page_hits(question, kind="hoi-dap")]
        page.wait_for_function("(n) => document.querySelectorAll('[data-bantin-results] .bantin-search-result__title a')"
                               ".length === n && !document.querySelector('[data-bantin-search=page]')"
                               ".hasAttribute('aria-busy')", arg=len(expected), timeout=10_000)
        search_files_arrived(page)  # the unfiltered page's late texts too
        assert [h.removeprefix("../") for h in result_hrefs(page)] == expected
        assert page.eval_on_selector("[data-bantin-more]", "e => e.hidden")
    finally:
        server.shutdown()


class _LateDocuments(SiteHandler):
    late = False

    def do_GET(self):
        if "/search/d/" in self.path and type(self).late:
            time.sleep(1.0)
        return super().do_GET()


def test_more_clicked_while_a_filtered_first_page_loads_adds_its_page(page, tmp_path):
    """The old list's "Xem thêm", clicked while the filtered list's first page loads, adds the
    next page of the filtered list: it was dropped while counted (review, session 21)."""
    article = next(d for d in SAMPLE_DOCS if d.kind == "article")
    questions = [replace(article, url=f"hoi-dap/c-{n}/", kind="qa", title=f"Hòa giải câu {n}", text="hòa giải " * n)
                 for n in range(1, 6)]  # high in the list: the filtered first page needs other texts
    docs = list(SAMPLE_DOCS) + questions + [replace(article, url=f"tin-tuc/bai-{n}/", title=f"Hòa giải ở cơ sở bài {n}",
                                                    text="hòa giải viên " * n) for n in range(1, 31)]
    built = build_search_site(tmp_path, docs)
    handler = type("Late", (_LateDocuments,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{built.search_page}?q=hòa giải")
        wait_results(page)
        assert not page.eval_on_selector("[data-bantin-more]", "e => e.hidden")
        handler.late = True
        page.select_option("select[name=loai]", "tin-bai")
        page.wait_for_timeout(100)
        page.click("[data-bantin-more]")
        page.wait_for_function("() => document.querySelectorAll('[data-bantin-results] .bantin-search-result__title a')"
                               ".length >= 20", timeout=10_000)
        search_files_arrived(page)  # the old list's late texts too
        hrefs = result_hrefs(page)
        assert len(hrefs) == 20 and len(set(hrefs)) == 20
        assert all(h.startswith("../tin-tuc/") for h in hrefs)
    finally:
        server.shutdown()


def test_a_page_open_across_a_build_searches_the_new_index(page, tmp_path):
    """The engine holds the manifest it read; after a build, a term shard of the new index
    carries another layout id: the engine fetches the manifest again and asks once more,
    so results are the new index's, never the old bounds read into the new shards."""
    built = build_search_site(tmp_path / "site", SAMPLE_DOCS[1:])
    url, stop = serve(built.root)
    try:
        page.goto(url + built.search_page + "?q=dat dai")
        wait_results(page)
        build_search_index(SAMPLE_DOCS, built.root / "assets" / "search")  # a build with one item more
        index = load_search_index(built.root / "assets" / "search")
        for query in ("hòa giải", "căn cứ pháp lý", "cho tôi hỏi thủ tục hòa giải ở cơ sở như thế nào"):
            type_query(page, query)
            for _ in range(30):  # typed, then as the address asks once the reader pauses (settle)
                if [h.removeprefix("../") for h in result_hrefs(page)] == index.urls(query, 10):
                    break
                page.wait_for_timeout(100)
            assert [h.removeprefix("../") for h in result_hrefs(page)] == index.urls(query, 10), query
    finally:
        stop()


@pytest.mark.shared_context
def test_result_shows_type_category_date_and_highlighted_snippet(page, site):
    open_search(page, site, "dieu 5")
    first = page.locator(".bantin-search-result").first
    meta = first.locator(".bantin-search-result__meta").inner_text()
    assert "Hỏi - Đáp" in meta and "Hòa giải ở cơ sở" in meta and "01/06/2024" in meta
    assert "Sổ tay hỏi đáp về hòa giải ở cơ sở" in meta  # the handbook of the question
    # Heard as one line, the parts ran together: «Hỏi - Đáp Sổ tay hỏi đáp về hòa giải ở cơ sở
    # Hòa giải ở cơ sở 01/06/2024», no telling where the handbook's title ends (a screen-reader
    # trial, session 29). Separated as a card's line is.
    spoken = " ".join(first.locator(".bantin-search-result__meta").text_content().split())
    assert spoken == "Hỏi - Đáp · Sổ tay hỏi đáp về hòa giải ở cơ sở · Hòa giải ở cơ sở · 01/06/2024", spoken
    marks = first.locator(".bantin-search-result__snippet mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"điều", "5"}
    assert first.locator(".bantin-search-result__title mark").all_inner_texts() == ["Điều", "5"]
    status = page.locator(STATUS).inner_text()
    assert status.endswith("kết quả cho «dieu 5»")


@pytest.mark.shared_context
def test_the_snippet_shows_the_number_asked_for(page, sample_server):
    """«nghị định 42» showed «Nghị định số 61/2018 … bổ sung bởi Nghị …» for an article that
    cites Nghị định số 42/2022/NĐ-CP further on (a repeat tied with the number)."""
    page.goto(sample_server + "tim-kiem/?q=" + quote("nghị định 42"))
    wait_results(page)
    results = page.locator(".bantin-search-result")
    assert "Nghị định số 42/2022/NĐ-CP" in results.first.locator(".bantin-search-result__title").inner_text()
    article = results.filter(has_text="Kiểm tra công tác cải cách hành chính")  # the decree's own page first (session 35)
    snippet = article.locator(".bantin-search-result__snippet")
    assert "Nghị định số 42/2022/NĐ-CP" in snippet.inner_text()
    assert {m.lower() for m in snippet.locator("mark").all_inner_texts()} >= {"nghị", "định", "42"}


@pytest.mark.shared_context
def test_a_question_marks_its_words_only_beside_each_other(page, sample_server):
    """«… co duoc tra thu lao khong» marked "thủ" in "tuân thủ" and "lao" in "lao động", and the
    snippet missed the line on pay (a reader's review, session 22): a question's words are
    marked where two stand together as in the question, so the snippet shows «thù lao»."""
    page.goto(sample_server + "tim-kiem/?q=" + quote("cho toi hoi hoa giai vien co duoc tra thu lao khong"))
    wait_results(page)
    results = page.locator(".bantin-search-result")
    marked = [m.lower() for m in results.locator("mark").all_inner_texts()]
    assert "thù" in marked and "lao" in marked and "thủ" not in marked
    first = results.first.locator(".bantin-search-result__snippet")
    assert "thù lao" in first.inner_text()
    for snippet in results.locator(".bantin-search-result__snippet").all():  # never a word alone
        html = snippet.inner_html()
        for lone in re.findall(r"(?<!</mark> )<mark>[^<]+</mark>(?! <mark>)", html):
            raise AssertionError(f"a lone mark: {lone} in {html}")



@pytest.mark.shared_context
def test_a_question_without_marks_marks_what_it_marks_with_them(page, sample_server):
    """A reader typed a whole question without marks: «… hoa giai o co so» marked "hòa giải ở sở"
    but not "cơ" of «cơ sở», while the same question with marks marked it (a reader's trial,
    session 42): folded, "co" is the question word "có". A question word is marked where it
    stands beside its neighbour as in the question, as the index looked the pair up."""
    def title_marks(query):
        page.goto(sample_server + "tim-kiem/?q=" + quote(query))
        wait_results(page)
        first = page.locator(".bantin-search-result").first
        return first.locator("a").first.inner_text(), [m.lower() for m in first.locator("mark").all_inner_texts()]

    marked = title_marks("Những mâu thuẫn, tranh chấp nào được hòa giải ở cơ sở?")
    unmarked = title_marks("nhung mau thuan, tranh chap nao duoc hoa giai o co so?")
    assert marked[0] == unmarked[0] == "Những mâu thuẫn, tranh chấp nào được hòa giải ở cơ sở?"
    assert "cơ" in unmarked[1] and "sở" in unmarked[1]
    assert unmarked[1] == marked[1]

@pytest.mark.shared_context
def test_the_laws_words_a_citizens_word_looked_up_are_marked_together(page, sample_server):
    """«bao lâu» looks up the law's «thời hạn» (terms.SYNONYMS, session 49): the item that came
    first for it marks «thời hạn» in its snippet, as a pair, so the reader sees why; «thời» is
    never marked alone."""
    page.goto(sample_server + "tim-kiem/?q=" + quote("khai sinh trong bao lâu"))
    wait_results(page)
    snippets = page.locator(".bantin-search-result__snippet")
    html = " ".join(snippets.nth(i).inner_html() for i in range(min(3, snippets.count())))
    assert re.search(r"<mark>thời</mark> <mark>hạn</mark>", html), html
    assert not re.search(r"<mark>thời</mark>(?! <mark>hạn)", html), html


@pytest.mark.shared_context
def test_a_citizens_word_typed_without_marks_is_never_marked_by_halves(page, sample_server):
    """«so do»: its «do» folds like the question word «đó», so «so» was a word alone and every
    «sở», «số» of the first results was marked by itself (seen on the sample at 360 px,
    session 49). A citizen's word is marked whole or not at all."""
    page.goto(sample_server + "tim-kiem/?q=" + quote("so do"))
    wait_results(page)
    for result in page.locator(".bantin-search-result").all()[:5]:
        html = result.inner_html()
        lone = re.findall(r"(?<!</mark> )<mark>(?:sở|số|sổ|so)</mark>(?! <mark>)", html, flags=re.I)
        assert not lone, html


APART = "các từ này"  # «không bài nào có các từ này đứng liền nhau», or «trong các bài có đủ mọi từ, các từ này không …» when items with some follow
IN_PART = "không có bài nào chứa đủ mọi từ; hiện các bài chứa một phần"
FOLDED = "không có bài nào có đúng các chữ như đã gõ dấu; hiện các bài có các chữ ấy khi bỏ dấu"
SHORT_APART = "đứng liền nhau như đã gõ: các bài dưới đây có thể không trả lời câu hỏi"  # a short question (session 44)


@pytest.mark.parametrize("query, note", [
    ("luat phap", APART), ("hoa giai vien", None), ("dieu 5", None),
    # «nghỉ phép» is a citizen's word (terms.SYNONYMS): since session 48 a short question, ranked,
    # and the sample has nothing on annual leave, which the status says, with marks or without.
    ("nghi phep nam", SHORT_APART), ("nghỉ phép năm", SHORT_APART),
    # A second review: a number's parts stand together across "/" and "-"; two question words
    # together ("là gì") are not the words asked for. Since session 44 «… là gì» is a short
    # question, ranked: nothing holds «nghỉ phép», which the status says, with marks or without.
    ("107/2021/NĐ-CP", None), ("15/2014/ND-CP", None), ("nghi phep la gi", SHORT_APART),
    ("nghỉ phép là gì", SHORT_APART), ("hòa giải viên là ai", None), ("tổ hòa giải mấy người", None),
    # Typed with marks, the words are required as typed (session 28): nothing has «di chúc» as
    # typed, and the folded matches say they are only that («đi … tổ chức» was listed as if it
    # matched); nothing has «đất đai khủng long» even folded.
    ("di chúc", FOLDED), ("đất đai khủng long", IN_PART),
    # «lí», «kí» where the site writes «lý», «ký» are the same words (outsiders' trial, session 34:
    # both said «không có bài nào chứa đủ mọi từ»), with their marks or without
    ("lí lịch tư pháp", None), ("đăng kí khai sinh", None), ("kĩ năng hòa giải", None), ("dang ki khai sinh", None),
])
@pytest.mark.shared_context
def test_the_status_says_when_no_result_has_the_words_together(page, sample_server, query, note):
    """«nghi phep nam» listed «được phép … năm 2016» as if it answered; the sample site has
    nothing on annual leave (a reader's review, session 22)."""
    page.goto(sample_server + "tim-kiem/?q=" + quote(query))
    wait_results(page)
    status = page.locator(STATUS).inner_text()
    for said in (APART, IN_PART, FOLDED, SHORT_APART):
        assert (said in status) is (said == note), status


def test_no_words_apart_note_while_a_word_is_typed_or_for_a_text_read_in_part(page, sample_server, tmp_path):
    """Typing «hoa gia» said the words stood apart, above results that all held «hòa giải»; and a
    long article, of which the page reads only the first 4,000 characters, could not be judged
    (a second review, session 22)."""
    from sitekit import article, build, write_site

    filler = "Nội dung dài về công tác phổ biến pháp luật ở cơ sở trong năm qua. " * 80  # 5,000+ characters
    root = write_site(tmp_path / "s", {
        "tin-tuc/dai.md": article("Bài dài", body=f"Chim bay qua cánh đồng. {filler}\n\nĐây là chim cánh cụt.\n"),
    })
    build(root)
    url, stop = serve(root / "site")
    try:
        page.goto(url + "tim-kiem/?q=chim+canh+cut")
        wait_results(page)
        assert "Bài dài" in page.locator(".bantin-search-result").first.inner_text()
        assert "đứng liền nhau" not in page.locator(STATUS).inner_text()  # together after the cut
    finally:
        stop()
    page.goto(sample_server + "tim-kiem/")
    field = page.locator("#bantin-page-q")
    field.click()
    field.press_sequentially("hoa gia", delay=60)
    page.wait_for_function("() => /kết quả cho «hoa gia»/.test(document.querySelector('.bantin-search-page__status').textContent)")
    page.wait_for_timeout(300)
    assert "đứng liền nhau" not in page.locator(STATUS).inner_text()


@pytest.mark.shared_context
def test_a_question_marks_a_word_alone_among_question_words(page, sample_server):
    """«tôi muốn hỏi về hòa giải ạ» kept its marks, but «… về đất ạ» marked nothing: a content
    word between question words only is marked alone (a second review, session 22)."""
    page.goto(sample_server + "tim-kiem/?q=" + quote("cho tôi hỏi về khai sinh thì sao ạ"))
    wait_results(page)
    marked = {m.lower() for m in page.locator(".bantin-search-result mark").all_inner_texts()}
    assert {"khai", "sinh"} <= marked
    page.goto(sample_server + "tim-kiem/?q=" + quote("cho tôi hỏi về VNeID với ạ"))
    wait_results(page)
    assert "vneid" in {m.lower() for m in page.locator(".bantin-search-result mark").all_inner_texts()}


@pytest.mark.shared_context
def test_a_printed_list_keeps_each_result_on_one_sheet_without_the_controls(page, site):
    open_search(page, site, "hoa giai")
    page.emulate_media(media="print")
    results = page.locator(".bantin-search-result")
    assert results.count() >= 5 and results.first.is_visible()
    breaks = results.evaluate_all("rs => rs.map(r => getComputedStyle(r).breakInside)")
    assert set(breaks) == {"avoid"}, breaks
    for hidden in ("#bantin-page-q", "#bantin-page-help", ".bantin-search", ".bantin-search-filters label"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert "kết quả cho «hoa giai»" in page.locator(STATUS).inner_text()  # what was asked
    page.emulate_media(media="screen")
    page.get_by_label("Loại").select_option("hoi-dap")
    page.emulate_media(media="print")
    labels = page.locator(".bantin-search-filters label")
    assert [labels.nth(i).is_visible() for i in range(3)] == [True, False, False]  # what was chosen
    assert page.locator(".bantin-search-filters legend").is_hidden()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def _print_note(page) -> str:
    return page.evaluate("""() => { const l = document.querySelector('[data-bantin-results]');
        const c = getComputedStyle(l, '::after').content; return c === 'none' ? '' : JSON.parse(c); }""")


def test_a_printed_list_says_when_it_holds_only_part_of_the_results(page, tmp_path):
    built = build_search_site(tmp_path / "site", mixed_docs(60))
    with opened(page, built, "hoa giai"):
        page.emulate_media(media="print")
        total = page.locator(STATUS).inner_text().split(" kết quả")[0]
        assert int(total.replace(".", "")) > 20
        assert _print_note(page) == (f"Bản in có 10 trong {total} kết quả. "
                                     "Muốn in thêm, bấm “Xem thêm kết quả” trước khi in.")
        page.emulate_media(media="screen")
        assert _print_note(page) == ""  # paper only
        while page.locator("[data-bantin-more]").is_visible():
            shown = page.locator(".bantin-search-result").count()
            page.locator("[data-bantin-more]").click()
            # each click's results arrive (200 ms was not always enough with two test processes)
            page.wait_for_function(f"() => document.querySelectorAll('.bantin-search-result').length > {shown}")
        page.emulate_media(media="print")
        assert _print_note(page) == ""  # the whole list is on paper


@pytest.mark.shared_context
def test_words_typed_with_marks_are_highlighted_by_their_marks(page, site):
    open_search(page, site, "hòa giải mâu thuẫn")  # finds "Cách hóa giải mâu thuẫn …" (folded)
    titles = page.locator(".bantin-search-result__title")
    distractor = [t for t in titles.all() if "hóa giải" in t.inner_text()]
    assert distractor and distractor[0].locator("mark").all_inner_texts() == ["giải", "mâu", "thuẫn"]
    open_search(page, site, "hoa giai mau thuan")  # typed without marks: every reading
    distractor = [t for t in titles.all() if "hóa giải" in t.inner_text()]
    assert distractor[0].locator("mark").all_inner_texts() == ["hóa", "giải", "mâu", "thuẫn"]


@pytest.mark.shared_context
def test_filters_and_the_hint_to_drop_them(page, site):
    open_search(page, site, "hoa giai")
    page.select_option("select[name=loai]", "hoi-dap")
    wait_results(page)
    assert all(h.startswith("../hoi-dap/") for h in result_hrefs(page))
    assert "loai=hoi-dap" in page.url
    assert page.locator("select[name=nam] option[value='2021']").is_disabled()  # no handbook of 2021
    built, url = site  # reached from an address (a link kept from another search): no result
    page.goto(url + built.search_page + "?q=hoa+giai&loai=hoi-dap&nam=2021")
    wait_results(page)
    assert result_hrefs(page) == []
    assert page.input_value("select[name=nam]") == "2021"
    assert not page.locator("select[name=nam] option[value='2021']").is_disabled()  # the chosen one stays
    assert "Không tìm thấy kết quả cho «hoa giai» với bộ lọc đã chọn." in page.locator(STATUS).inner_text()
    page.get_by_role("button", name="Thử bỏ bộ lọc").click()
    wait_results(page)
    assert len(result_hrefs(page)) > len(HOA_GIAI_ITEMS)
    assert page.evaluate("document.activeElement.closest('.bantin-search-result') !== null")


@pytest.mark.shared_context
def test_filter_options_show_counts(page, site):
    open_search(page, site, "hoa giai")
    labels = page.locator("select[name=loai] option").all_inner_texts()
    assert "Hỏi - Đáp (4)" in labels and "Tin bài (2)" in labels
    # An option that would leave nothing is greyed and cannot be chosen; the others can.
    years = page.locator("select[name=nam] option").evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.textContent, o.disabled])")
    assert years and all(disabled == text.endswith("(0)") for text, disabled in years), years
    assert any(disabled for _, disabled in years) and any(not disabled for _, disabled in years), years
    page.fill("#bantin-page-q", "")  # the query cleared: nothing counted, nothing greyed
    page.wait_for_function("() => [...document.querySelectorAll('select[name=nam] option')].every(o => !o.disabled)")
    assert not any(o.endswith(")") for o in page.locator("select[name=nam] option").all_inner_texts()[1:])


@pytest.mark.shared_context
def test_filters_come_from_the_url(page, site):
    built, url = site
    page.goto(url + built.search_page + "?q=hoa+giai&loai=tin-bai&chuyen-muc=hoa-giai-o-co-so")
    wait_results(page)
    assert result_hrefs(page) == ["../tin-tuc/hoa-giai-vien-gioi/"]
    assert page.input_value("select[name=chuyen-muc]") == "hoa-giai-o-co-so"


@pytest.mark.shared_context
def test_no_results_gives_a_hint(page, site):
    open_search(page, site, "qwerty zxcv")
    assert "Không tìm thấy kết quả cho «qwerty zxcv»." in page.locator(STATUS).inner_text()
    assert "gõ không dấu" in page.locator("[data-bantin-hint]").inner_text()


def test_a_file_that_failed_to_load_is_fetched_again_when_the_reader_searches_again(page, site):
    """A dropped request (a slow line, or the early start's during the page's own load) used
    to stay cached as failed: every later search on the page failed until a reload. The line
    here fails until the page has said so, then comes back."""
    built, url = site
    failed = []

    def drop_while_down(route):
        if line_down:
            failed.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    line_down = True
    page.route("**/assets/search/u/**", drop_while_down)
    open_search(page, site, "dat dai")
    assert failed and page.locator(STATUS).inner_text().startswith("Không tải được dữ liệu tìm kiếm")
    line_down = False
    page.locator("[data-bantin-search=page] form button[type=submit]").click()
    wait_results(page)
    assert result_hrefs(page)[0] == "../" + EXPECTED_FIRST["dat dai"]


@pytest.mark.shared_context
def test_a_pasted_page_in_the_address_is_quoted_short_in_the_status_line(page, site):
    open_search(page, site, "qwerty%20zxcv" + "%20a" * 600 + "%20hoa%20giai" * 4_000)  # 50 KB
    status = page.locator(STATUS).inner_text()
    assert status.startswith("Không tìm thấy kết quả cho «qwerty zxcv a a") and "…»" in status
    assert len(status) < 200


def dat_dai_typed_in_the_header_box(page, url):
    """The header box of the home page with «dat dai» typed key by key and its list shown."""
    page.goto(url)
    box = page.locator("#bantin-search-q")
    box.focus()
    box.type("dat dai", delay=20)
    box_shows(page, "Luật Đất đai")
    return box


@pytest.mark.shared_context
def test_header_box_by_keyboard(page, site):
    _, url = site
    box = dat_dai_typed_in_the_header_box(page, url)
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator("#bantin-search-q-list [role=option]")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url(url + EXPECTED_FIRST["dat dai"])  # not expect_navigation: the box's own replaceState (SearchBox.keep) is one too


@pytest.mark.shared_context
def test_a_choice_made_with_the_arrows_survives_a_later_list(page, site):
    """A list for the words typed a moment before may arrive between ArrowDown and Enter (a
    slow phone; this suite on a busy machine): the option chosen stays chosen when the new
    list still has it, and Enter opens it, not the search page."""
    _, url = site
    dat_dai_typed_in_the_header_box(page, url)
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.getElementById(document.getElementById('bantin-search-q')"
                           ".getAttribute('aria-activedescendant')).getAttribute('data-href')")
    page.evaluate("document.querySelector('[data-bantin-search=box]').__bantin.run()")  # the late list
    page.wait_for_function("(h) => { const b = document.getElementById('bantin-search-q');"
                           " const o = document.getElementById(b.getAttribute('aria-activedescendant'));"
                           " return o && o.getAttribute('data-href') === h && o.getAttribute('aria-selected') === 'true'; }",
                           arg=chosen)
    page.keyboard.press("Enter")
    page.wait_for_url(url + EXPECTED_FIRST["dat dai"])  # not expect_navigation: the box's own replaceState (SearchBox.keep) is one too


@pytest.mark.shared_context
def test_header_box_enter_without_choice_opens_the_search_page(page, site):
    built, url = site
    page.goto(url + EXPECTED_FIRST["dat dai"])
    page.fill("#bantin-search-q", "phap luat")
    # the box's list shown: its script has the box (an Enter before it, in a loaded clean-clone
    # run, went nowhere, session 53)
    page.wait_for_selector("#bantin-search-q-list [role=option]")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "tim-kiem/?q=phap+luat")  # not expect_navigation: the box's own replaceState (SearchBox.keep) is one too
    wait_results(page)
    assert result_hrefs(page)[0] == "../" + EXPECTED_FIRST["phap luat"]


@pytest.mark.parametrize("typed", ["cho tôi hỏi về pháp luật đất đai và hòa giải ở cơ sở", "ban ha"])
def test_header_box_loads_the_search_pages_first_results_once_the_reader_pauses(page, site, typed):
    """Once the reader stops typing, the box loads the documents of the first page of the
    search page that Enter opens (issue 16). That page ranks without a prefix: for a question
    the same list as the box (10 where the box shows 6), for a few words typed ("ban ha") its
    own."""
    built, url = site
    index = load_search_index(built.root / "assets" / "search")
    expected = index.search(typed).hits[:10]
    assert expected
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.fill("#bantin-search-q", typed)  # at once: no list for a part of it loads other documents
    page.wait_for_selector("#bantin-search-q-list [role=option]")
    wanted = {index.doc_file(h.id) for h in expected}
    page.wait_for_function("""(wanted) => wanted.every(k => performance.getEntriesByType('resource')
        .some(e => e.name.split('?')[0].endsWith('/assets/search/' + k)))""", arg=sorted(wanted), timeout=5_000)
    docs = {u.split("/assets/search/")[1].split("?")[0] for u in requested if "/assets/search/d/" in u}
    assert wanted <= docs


@pytest.mark.shared_context
def test_header_box_promises_the_count_the_search_page_shows(page, site):
    """«hoa giai la gi» in the box: "Xem tất cả 13 kết quả" (its last word a prefix of «giới»),
    then a search page of 1 (a screen-reader trial, session 29). Once the reader pauses, the
    link says the count of the page it opens. (Since session 44 «… la gi» asks, a question
    ranked alike whether typed or not; «hoa giai la th» is the case at hand.)"""
    built, url = site
    typed = "hoa giai la th"
    index = load_search_index(built.root / "assets" / "search")
    assert len(index.search(typed, prefix=True).hits) != len(index.search(typed).hits)  # the case at hand
    page.goto(url)
    page.fill("#bantin-search-q", typed)
    everything = page.locator("#bantin-search-q-list .bantin-search-option--all")
    expected = f"Xem tất cả {len(index.search(typed).hits)} kết quả"
    page.wait_for_function("([e, t]) => document.querySelector(e)?.textContent === t",
                           arg=["#bantin-search-q-list .bantin-search-option--all", expected], timeout=5_000)
    with page.expect_navigation():
        everything.click()
    wait_results(page)
    assert page.locator(".bantin-search-page__status").inner_text().startswith(expected.removeprefix("Xem tất cả "))


@pytest.mark.shared_context
def test_header_box_does_not_call_a_smaller_page_all_it_lists(page, site):
    """The box lists its typed (prefix) matches; a page with fewer (its last word whole) was
    then offered as "Xem tất cả 1 kết quả" under six options (a hostile review, session 29)."""
    built, url = site
    index = load_search_index(built.root / "assets" / "search")
    words = sorted({w for i in range(index.manifest["n"]) for w in index.doc(i)["t"].lower().split() if len(w) > 3})
    typed = next(q for q in (f"{a} {b[:2]}" for a in words[:40] for b in words)
                 if 0 < len(index.search(q).hits) < min(6, len(index.search(q, prefix=True).hits)))
    page.goto(url)
    page.fill("#bantin-search-q", typed)
    n = len(index.search(typed).hits)
    page.wait_for_function("([e, t]) => document.querySelector(e)?.textContent === t",
                           arg=["#bantin-search-q-list .bantin-search-option--all",
                                f"Mở trang tìm kiếm ({n} kết quả có đúng các chữ đã gõ)"], timeout=5_000)


@pytest.mark.shared_context
def test_header_box_says_nothing_was_found_in_sight(page, site):
    """Nothing found: the list says it in its one option, not only to screen readers; it showed
    «Mở trang tìm kiếm» alone, like a list still loading (a reader's trial, session 51)."""
    _, url = site
    page.goto(url)
    page.fill("#bantin-search-q", "xyzqw bloop")
    page.wait_for_function("([e, t]) => document.querySelector(e)?.textContent === t",
                           arg=["#bantin-search-q-list .bantin-search-option--all",
                                "Không tìm thấy kết quả. Mở trang tìm kiếm"], timeout=5_000)
    assert page.locator("#bantin-search-q-list [role=option]").count() == 1
    assert page.locator("#bantin-search-q-list .bantin-search-option--all").is_visible()


@pytest.mark.shared_context
def test_header_box_escape_closes(page, site):
    _, url = site
    page.goto(url)
    page.locator("#bantin-search-q").type("hoa", delay=20)
    page.wait_for_selector("#bantin-search-q-list [role=option]")
    page.keyboard.press("Escape")
    assert page.locator("[data-bantin-panel]").is_hidden()
    assert page.get_attribute("#bantin-search-q", "aria-expanded") == "false"


@pytest.mark.shared_context
def test_escape_while_a_word_still_waits_keeps_the_list_closed(page, site):
    """Escape pressed before the typed word's search ran: the list stays closed (it opened
    again a moment later, seen on a loaded machine, session 19)."""
    _, url = site
    page.goto(url)
    page.locator("#bantin-search-q").type("ho", delay=20)
    page.wait_for_selector("#bantin-search-q-list [role=option]")
    page.locator("#bantin-search-q").press("a")
    page.keyboard.press("Escape")  # the search for "hoa" was still waiting
    page.wait_for_timeout(800)
    assert page.locator("[data-bantin-panel]").is_hidden()
    assert page.get_attribute("#bantin-search-q", "aria-expanded") == "false"


def test_without_javascript_the_form_goes_to_the_search_page(chromium, site):
    built, url = site
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    page.fill("#bantin-search-q", "dat dai")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "tim-kiem/?q=dat+dai")  # not expect_navigation: the box's own replaceState (SearchBox.keep) is one too
    assert "cần bật JavaScript" in page.content()
    context.close()


def test_only_the_needed_files_are_downloaded(page, site):
    """The search page carries its script and the manifest (site/searchpage.py): a question
    fetches its term files and its results' documents, nothing else of search."""
    built, url = site
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    open_search(page, site, "hoa giai")
    search = [u.split("/assets/search/")[1].split("?")[0] for u in requested if "/assets/search/" in u]
    assert all(u.startswith(url) for u in requested)  # no other host
    assert not [u for u in requested if "bantin-search.js" in u]
    terms = sorted(f for f in search if not f.startswith("d/"))
    assert "u/0.js" in terms and set(terms) <= {"u/0.js", "b/0.js"} and len(set(terms)) == len(terms), search
    ids = order_docs(built.docs)  # document ids: the index's order (newest first), not the list's
    index = load_search_index(built.root / "assets" / "search")
    shown = [ids.index(d) for d in ids if "../" + d.url in result_hrefs(page)]
    assert len(shown) == len(result_hrefs(page)) > 3
    files = sorted(f for f in search if f.startswith("d/"))
    assert files == sorted({index.doc_file(i) for i in shown}), "each file of the shown results, once"
    page.locator("#bantin-search-q").focus()  # the header box finds the script already there
    page.wait_for_timeout(300)
    assert not [u for u in requested if "bantin-search.js" in u]


@contextmanager
def opened(page, built, query):
    """`built` served over http and its search page opened with `query` in the address;
    yields the list of URLs the page requests (still growing while the block runs)."""
    url, stop = serve(built.root)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(url + built.search_page + "?q=" + query)
        wait_results(page)
        yield requested
    finally:
        stop()


def test_a_search_page_that_links_its_files_fetches_them(page, tmp_path):
    """A site whose own bantin-search.js cannot sit inside the page (inline=False) links the
    script and the manifest, as every search page did before."""
    built = build_search_site(tmp_path / "site", inline=False)
    page_html = (built.root / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert "bantin-search-manifest" not in page_html and 'rel="preload"' in page_html
    with opened(page, built, "dat dai") as requested:
        assert result_hrefs(page)[0] == "../" + EXPECTED_FIRST["dat dai"]
        assert [u for u in requested if "/assets/search/manifest.js" in u]
        assert [u for u in requested if "/assets/javascripts/bantin-search.js" in u]


def test_a_category_title_cannot_break_out_of_the_pages_manifest(page, tmp_path):
    """Editors name categories; the names travel in the manifest inside the search page.
    Markup in one is text in the filter list, never a script or a cut page."""
    hostile = "</script><script>window.__bantinPwned=1</script><!--<script>"
    docs = [replace(d, category=hostile) if d.category_slug == "hoa-giai-o-co-so" else d for d in SAMPLE_DOCS]
    built = build_search_site(tmp_path / "site", docs)
    html = (built.root / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert hostile not in html and "\\u003c/script\\u003e" in html
    with opened(page, built, "hoa giai") as requested:
        assert page.evaluate("window.__bantinPwned") is None
        assert not [u for u in requested if "manifest.js" in u]  # the page's own manifest was read
        options = page.locator("select[name=chuyen-muc] option").all_inner_texts()
        assert any(o.startswith(hostile) for o in options), options


@pytest.mark.shared_context
def test_offline_search_from_file_url(page, offline):
    page.goto((offline.root / "tim-kiem.html").as_uri() + "?q=dat%20dai")
    wait_results(page)
    assert result_hrefs(page)[0] == "tin-tuc/luat-dat-dai-2024.html"
    with page.expect_navigation():
        page.click("[data-bantin-results] a >> nth=0")
    assert page.url.endswith("/tin-tuc/luat-dat-dai-2024.html")


@pytest.mark.shared_context
def test_offline_header_box_from_file_url(page, offline):
    page.goto((offline.root / "tin-tuc" / "phi-thuy-loi.html").as_uri())
    page.locator("#bantin-search-q").type("thuỷ lợi", delay=20)
    box_shows(page, "thuỷ lợi")
    assert page.get_attribute("#bantin-search-q-list [role=option] >> nth=0", "data-href") == "../tin-tuc/phi-thuy-loi.html"
    titles = result_titles(page)
    assert titles == []  # the header box does not render the page's list


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.shared_context
@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by npm ci (make test)")
def test_no_accessibility_violations_with_results_and_open_popup(page, site):
    _, url = site
    open_search(page, site, "hoa giai")
    page.click("#bantin-search-q")
    page.keyboard.type("dat", delay=20)
    page.wait_for_selector("#bantin-search-q-list [role=option]")
    page.keyboard.press("ArrowDown")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # a script element would be refused by the page's policy
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
    assert violations == []


@pytest.mark.shared_context
def test_under_the_answers_the_page_says_where_to_ask(page, sample_server):
    """When no result answers, a citizen needs somewhere to turn (a reader's trial, session 28):
    under the list (or "no result"), the agency's telephone and mail, as the footer has them."""
    for query in ("hoa giai", "zzzkhongco"):
        page.goto(sample_server + "tim-kiem/?q=" + quote(query))
        wait_results(page)
        ask = page.locator("[data-bantin-ask]")
        expect_text = ask.inner_text()
        assert ask.is_visible() and expect_text.startswith("Chưa thấy câu trả lời? Hỏi Sở Tư pháp"), expect_text
        assert ask.locator("a[href^='tel:']").count() == 1
        # told from the text by more than colour (WCAG 1.4.1; axe, a hostile review)
        assert "underline" in ask.locator("a").first.evaluate("e => getComputedStyle(e).textDecorationLine")


@pytest.mark.parametrize("flavour", ["http", "file"])
def test_back_from_a_result_of_a_second_page_finds_the_list_as_it_was(page, tmp_path, flavour):
    """«Xem thêm kết quả», result 15 opened, Back: the list was 10 results again and the page
    stood in its footer (a reader's trial, session 34; on the USB copy every time: Chromium keeps
    no file:// page in its back-forward cache, and Playwright's keeps none at all)."""
    article = next(d for d in SAMPLE_DOCS if d.kind == "article")
    docs = list(SAMPLE_DOCS) + [replace(article, url=f"tin-tuc/bai-{n}/", title=f"Hòa giải ở cơ sở bài {n}",
                                        text="hòa giải viên " * n) for n in range(1, 31)]
    built = build_search_site(tmp_path, docs, offline=flavour == "file")
    url, stop = serve(built.root) if flavour == "http" else (built.root.as_uri() + "/", lambda: None)
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url + built.search_page + "?q=" + quote("hòa giải"))
        wait_results(page)
        page.click("[data-bantin-more]")
        page.wait_for_function("() => document.querySelectorAll('[data-bantin-results] > li').length >= 20")
        fifteenth = page.locator("[data-bantin-results] > li").nth(14).locator("a").first
        fifteenth.scroll_into_view_if_needed()
        title, y = fifteenth.inner_text(), page.evaluate("scrollY")
        assert y > 1000
        fifteenth.click()
        page.wait_for_load_state()
        assert "tim-kiem" not in page.url
        page.go_back()
        page.wait_for_function("() => document.querySelectorAll('[data-bantin-results] > li').length >= 20")
        page.wait_for_function(f"() => Math.abs(scrollY - {y}) < 5", timeout=5000)
        assert page.locator("[data-bantin-results] > li").nth(14).locator("a").first.inner_text() == title
        # the focus on the result opened, as the back/forward cache keeps it (session 46's keyboard trial)
        page.wait_for_function("t => document.activeElement && document.activeElement.innerText === t", arg=title)
        assert page.evaluate("scrollY") == pytest.approx(y, abs=5)  # focused without a jump
    finally:
        stop()


def test_back_to_the_results_leaves_the_focus_where_the_reader_put_it_meanwhile(page, sample_server):
    """Back to the results puts the focus on the result opened once the list is back (session
    47). A reader quicker than the list (a slow phone: the index is fetched again) who was
    already in the search field, typing a new question, had the focus taken from under the
    typing to the old result (hostile review, session 47). The focus is moved only from
    nowhere (the page's start), never from where the reader put it."""
    page.add_init_script("""addEventListener('DOMContentLoaded', () => {
      const field = document.getElementById('bantin-page-q');
      if (field && history.state && history.state.bantinOpened) field.focus();  // the reader, back first
    })""")
    page.goto(sample_server + "tim-kiem/?q=" + quote("hòa giải"))
    wait_results(page)
    first = page.locator("[data-bantin-results] > li a").first
    first.click()
    page.wait_for_load_state()
    assert "tim-kiem" not in page.url
    page.go_back()
    wait_results(page)
    page.wait_for_timeout(600)  # the list and its scroll restored (one page: nothing more to show)
    assert page.evaluate("document.activeElement.id") == "bantin-page-q"


def test_the_header_box_leaves_a_site_s_own_history_state_alone(page, tmp_path):
    """The box keeps its text in the history entry's state, beside what else an object there
    holds; a site's own script that keeps a list or a string there gets it back unchanged
    (the hostile review of session 47: a list came back an object of its indices)."""
    built = build_search_site(tmp_path)
    url, stop = serve(built.root)
    try:
        for theirs in ([1, 2], "trang-2"):
            page.goto(url)
            page.evaluate("s => history.replaceState(s, '')", theirs)
            page.locator("#bantin-search-q").type("hoa giai", delay=20)
            box_shows(page, "giải")
            assert page.evaluate("history.state") == theirs
        page.goto(url)
        page.evaluate("history.replaceState({trang: 2}, '')")
        page.locator("#bantin-search-q").type("hoa giai", delay=20)
        box_shows(page, "giải")  # «hoa g» may show it first: the box keeps its text at each run
        page.wait_for_function("() => (history.state.bantinBoxes || {})['bantin-search-q'] === 'hoa giai'")
        assert page.evaluate("history.state") == {"trang": 2, "bantinBoxes": {"bantin-search-q": "hoa giai"}}
        page.fill("#bantin-search-q", "a" * 1999 + "\U0001F600")  # 2,001 UTF-16 units: cut inside the emoji
        page.wait_for_function("() => history.state.bantinBoxes['bantin-search-q'].startsWith('aaa')")
        assert page.evaluate("history.state.bantinBoxes['bantin-search-q']") == "a" * 1999  # no half of it kept
    finally:
        stop()


@pytest.mark.parametrize("flavour", ["http", "file"])
def test_back_to_a_page_finds_its_header_box_as_it_was_left(page, tmp_path, flavour):
    """Typed in a page's header box, a suggestion opened, Back: the box was empty, since the
    browser refills no field with autocomplete="off" and Playwright's Chromium (like any page on
    file://) keeps no page in its back/forward cache (the keyboard trial, session 46). What was
    typed comes back, the list closed; returning to the box opens the list again."""
    built = build_search_site(tmp_path, offline=flavour == "file")
    url, stop = serve(built.root) if flavour == "http" else (built.root.as_uri() + "/", lambda: None)
    try:
        page.goto(url + ("index.html" if flavour == "file" else ""))
        page.locator("#bantin-search-q").type("hoa giai", delay=20)
        box_shows(page, "giải")
        with page.expect_navigation():
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
        # Back once the opened page has settled, as a reader's would come: at once, under a
        # loaded machine's four test processes, Chromium aborted it (net::ERR_ABORTED, session 48).
        page.wait_for_load_state("networkidle")
        page.go_back()
        page.wait_for_load_state()
        page.wait_for_function("() => document.querySelector('#bantin-search-q').value === 'hoa giai'")
        assert page.get_attribute("#bantin-search-q", "aria-expanded") == "false"
        page.click("#bantin-search-q")
        box_shows(page, "giải")
        page.fill("#bantin-search-q", "")  # emptied, then left: nothing comes back
        page.wait_for_function("() => document.querySelector('#bantin-search-q').getAttribute('aria-expanded') === 'false'")
        page.wait_for_timeout(500)  # the box's pause (DEBOUNCE) has passed, as a reader's would
        with page.expect_navigation():
            page.goto(url + built.search_page)
        page.go_back()
        page.wait_for_load_state()
        page.wait_for_timeout(300)
        assert page.input_value("#bantin-search-q") == ""
    finally:
        stop()


SUGGEST = "[data-bantin-suggest]"


@pytest.mark.parametrize("flavour", ["http", "file"])
def test_a_word_typed_wrong_offers_the_fixed_query_and_a_tap_searches_it(page, tmp_path, flavour):
    """«phap luatt» ranked on «pháp» alone and nothing said that «luatt» is in no item (a
    reader's trial, session 34): the page offers «Có phải bạn muốn tìm: phap luat?» above the
    same results, as a link keeping the filters; a tap searches it, Back returns to the typo."""
    built = build_search_site(tmp_path, offline=flavour == "file")
    url, stop = serve(built.root) if flavour == "http" else (built.root.as_uri() + "/", lambda: None)
    index = load_search_index(built.root / "assets" / "search")
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url + built.search_page + "?q=" + quote("phap luatt") + "&loai=tin-bai")
        wait_results(page)
        line = page.locator(SUGGEST)
        assert line.inner_text() == "Có phải bạn muốn tìm: phap luat?"
        assert [h.removeprefix("../") for h in result_hrefs(page)] == index.urls("phap luatt", kind="tin-bai")
        link = line.locator("a")
        assert parse_qs(urlparse(link.get_attribute("href")).query) == {"q": ["phap luat"], "loai": ["tin-bai"]}
        assert link.bounding_box()["height"] >= 44  # a finger's target
        link.click()
        page.wait_for_function("() => document.querySelector('#bantin-page-q').value === 'phap luat'")
        wait_results(page)
        assert [h.removeprefix("../") for h in result_hrefs(page)] == index.urls("phap luat", kind="tin-bai")
        assert parse_qs(urlparse(page.url).query) == {"q": ["phap luat"], "loai": ["tin-bai"]}
        assert line.is_hidden()
        page.go_back()
        page.wait_for_function("() => document.querySelector('#bantin-page-q').value === 'phap luatt'")
        wait_results(page)
        assert line.inner_text() == "Có phải bạn muốn tìm: phap luat?"
    finally:
        stop()


@pytest.mark.shared_context
def test_the_suggestion_is_text_and_absent_when_every_word_is_found(page, site):
    built, _ = site
    hostile = "<img onerror=__bantinPwned=1> giia"
    fixed = load_search_index(built.root / "assets" / "search").suggest(hostile)
    assert fixed == "<img onerror=__bantinPwned=1> giai"
    open_search(page, site, quote(hostile))
    line = page.locator(SUGGEST)
    assert line.inner_text() == f"Có phải bạn muốn tìm: {fixed}?"
    assert line.locator("img").count() == 0 and page.evaluate("window.__bantinPwned") is None
    open_search(page, site, "phap luat")
    assert line.is_hidden() and line.inner_text() == ""
    type_query(page, "phap lua")  # a word still typed: nothing to fix
    assert line.is_hidden()
    type_query(page, "phap luatt")
    page.wait_for_function("() => !document.querySelector('[data-bantin-suggest]').hidden")
    assert line.inner_text() == "Có phải bạn muốn tìm: phap luat?"


@pytest.mark.shared_context
def test_the_header_box_offers_the_fixed_query_first(page, site):
    built, url = site
    page.goto(url)
    page.locator("#bantin-search-q").type("phap luatt", delay=20)
    box_shows(page, "Có phải bạn muốn tìm: phap luat?")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_results(page)
    assert page.input_value("#bantin-page-q") == "phap luat"
