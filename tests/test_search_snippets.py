"""A long text's later sections in its search record (search/snippets.py): the heading's id as
the page has it, the heading's words, the first words under it; only past what the snippet's
text keeps, within a budget, read in linear time. The ids are checked against a built page.
"""

from __future__ import annotations

import json
import re

import pytest

from bantin.content.anchors import heading_places
from bantin.search.snippets import LEAD_CHARS, SECTIONS_CHARS, SNIPPET_CHARS, later_sections, snippet_text
from bantin.text.plain import markdown_to_text
from growth import grows_linearly_in_cpu
from sitekit import article, build, write_site

FILLER = ("Công dân đến Bộ phận Một cửa của Ủy ban nhân dân cấp xã trong giờ làm việc, cán bộ tiếp nhận "
          "kiểm tra thông tin và hướng dẫn bổ sung nếu thiếu. ")


def long_body(*sections: str, intro: int = 40) -> str:
    """An intro longer than what the snippet keeps, then the sections given (Markdown)."""
    return "## 1. Nơi nộp\n\n" + FILLER * intro + "\n\n" + "\n\n".join(sections) + "\n"


def sections_of(body: str) -> list[list[str]]:
    return later_sections(body, markdown_to_text(body))


def test_a_short_text_has_no_sections():
    body = "## 1. Nơi nộp\n\nỦy ban nhân dân xã.\n\n## 2. Giấy tờ\n\nGiấy chứng sinh.\n"
    assert sections_of(body) == []


def test_sections_past_the_snippet_text_with_their_id_heading_and_first_words():
    body = long_body("## 9.2. Giấy chứng sinh bị **mất**\n\nNgười dân xin xác nhận của bệnh viện nơi trẻ sinh ra.",
                     "## 10. Lệ phí\n\nMiễn lệ phí khi đăng ký đúng hạn.")
    assert len(markdown_to_text(body)) > SNIPPET_CHARS
    assert sections_of(body) == [
        ["9-2-giay-chung-sinh-bi-mat", "9.2. Giấy chứng sinh bị mất", "Người dân xin xác nhận của bệnh viện nơi trẻ sinh ra."],
        ["10-le-phi", "10. Lệ phí", "Miễn lệ phí khi đăng ký đúng hạn."],
    ]  # «1. Nơi nộp», at the top, is in the snippet's text: not repeated


def test_a_section_begun_inside_the_kept_text_and_running_past_it_is_kept():
    body = "## 1. Nơi nộp\n\n" + FILLER * 3 + "\n\n## 2. Giấy tờ\n\n" + FILLER * 40 + "\n"
    text = markdown_to_text(body)
    heading_at = text.index("2. Giấy tờ")
    assert heading_at < len(snippet_text(text)) - LEAD_CHARS  # its heading and lead are kept: not a section
    assert sections_of(body) == []
    late = "## 1. Nơi nộp\n\n" + FILLER * 27 + "\n\n## 2. Giấy tờ\n\n" + FILLER * 40 + "\n"
    text = markdown_to_text(late)
    assert text.index("2. Giấy tờ") < len(snippet_text(text)) < text.index("2. Giấy tờ") + 10 + LEAD_CHARS
    assert [s[0] for s in sections_of(late)] == ["2-giay-to"]  # its lead runs past the cut


def test_the_lead_stops_at_a_space_and_before_the_next_heading():
    words = "Người dân mang theo giấy tờ tùy thân khi đến nộp hồ sơ. " * 20
    sections = sections_of(long_body(f"## 3. Hồ sơ\n\n{words}", "## 4. Ngắn\n\nHai từ.", "## 5. Cuối\n\nHết."))
    lead = sections[0][2]
    assert len(lead) <= LEAD_CHARS and words.startswith(lead) and words[len(lead)] == " "
    assert sections[1] == ["4-ngan", "4. Ngắn", "Hai từ."]  # not «Hai từ. 5. Cuối Hết.»


def test_ids_as_the_page_gives_them():
    body = long_body("## Giấy tờ\n\na", "## Giấy tờ\n\nb", "## Riêng {#rieng-cua-toi}\n\nc",
                     "## Xem [Điều 5](https://example.org/)\n\nd", "## Lunr\n\ne", "## Bị bỏ {#__config}\n\nf",
                     "Gạch dưới\n---------\n\ng")
    assert [s[:2] for s in sections_of(body)] == [
        ["giay-to", "Giấy tờ"], ["giay-to_1", "Giấy tờ"], ["rieng-cua-toi", "Riêng"], ["xem-dieu-5", "Xem Điều 5"],
        ["muc-lunr", "Lunr"], ["gach-duoi", "Gạch dưới"],
    ]  # «__config» the sanitiser drops: no id to open at, so no section


def test_a_heading_s_words_said_just_before_it_are_not_its_place():
    """«…như sau. B. Lệ phí» then the heading «B. Lệ phí»: the place nearest the count, so the
    lead is the section's own words and the section before keeps its own (a review, session 58)."""
    body = long_body("## A. Hồ sơ\n\nNộp tại xã, lệ phí như sau. B. Lệ phí", "## B. Lệ phí\n\nMiễn phí.")
    assert [s[1:] for s in sections_of(body)] == [["A. Hồ sơ", "Nộp tại xã, lệ phí như sau. B. Lệ phí"],
                                                  ["B. Lệ phí", "Miễn phí."]]


def test_one_long_heading_leaves_room_for_the_sections_after_it():
    heading = "Mục rất dài " * 1200  # 14,400 characters: more than SECTIONS_CHARS alone
    sections = sections_of(long_body(f"## 9.1. {heading}\n\nA.", "## 9.2. Mất giấy chứng sinh\n\nB."))
    assert [len(s[1]) <= 200 for s in sections] == [True, True] and sections[1][1] == "9.2. Mất giấy chứng sinh"


def test_many_headings_of_the_same_words_cost_linear_time():
    """The toc's `_1`, `_2`… counted on from the last given, not from `_1` each time."""
    def run(n: int) -> None:
        assert heading_places("\n\n".join("## Lệ phí\n\nChữ." for _ in range(n)))[-1][1] == f"le-phi_{n - 1}"
    assert grows_linearly_in_cpu(run, 4_000)


def test_heading_places_skip_code_and_give_each_heading_its_line():
    body = "# A\n\n```\n## not a heading\n```\n\nB\n=\n\n## A\n"
    assert heading_places(body) == [(0, "a", "A"), (6, "b", "B"), (9, "a_1", "A")]


def test_script_in_a_heading_is_no_part_of_its_words():
    body = long_body("## <script>alert(1)</script>Giấy <b>tờ</b>\n\nNộp bản sao.")
    assert sections_of(body) == [["alert-1-giay-to", "Giấy tờ", "Nộp bản sao."]]  # the id the toc gives (built, below)


def test_the_sections_of_a_text_weigh_sections_chars_at_most():
    body = long_body(*(f"## Mục số {n}\n\n" + "Nội dung của mục này dài đúng một dòng. " * 8 for n in range(200)))
    sections = sections_of(body)
    weight = sum(len(h) + len(lead) for _, h, lead in sections)
    assert SECTIONS_CHARS - 400 < weight <= SECTIONS_CHARS
    assert [s[0] for s in sections[:2]] == ["muc-so-0", "muc-so-1"]  # the first ones kept


def test_many_headings_never_found_cost_linear_time():
    """Headings linking a reference defined at the end read differently alone: not found, and
    each search is bounded, not a read of the rest of the text."""
    def run(n: int) -> None:
        body = ("Mở đầu. " * 600 + "\n\n" + "\n\n".join(f"## Mục [x{i}][r]\n\nNội dung mục {i}." for i in range(n))
                + "\n\n[r]: https://example.org\n")
        assert later_sections(body, markdown_to_text(body)) == []
    assert grows_linearly_in_cpu(run, 1_000)


# --- Built -------------------------------------------------------------------------------

GUIDE = long_body("## 2. Giấy tờ\n\nBản chính giấy chứng sinh.", "## 3. Mất giấy chứng sinh {#mat-giay}\n\nXin xác nhận.",
                  "## 4. Lệ phí\n\nMiễn phí.", "## 4. Lệ phí\n\nLần hai.",
                  "## <script>alert(1)</script>Giấy <b>tờ</b> khác\n\nNộp bản sao.",
                  "## Xem [Điều 5](https://example.org/) và `mã`\n\nĐiều 5.",
                  # read as Python-Markdown reads them (a review, session 58): none of these is a heading…
                  "   ## Thụt ba\n\nChữ.", "<div>\n## Trong div\n</div>", "Dòng một\nDòng hai\n---",
                  # …so the headings after them keep their own ids
                  "## Trong div\n\nThật.", "## Dòng hai\n\nThật.", "## Lệ phí cuối ##\n\nMiễn.", "Tiêu đề gạch\n=====\n\nHết.")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("sections"), {
        "huong-dan/khai-sinh.md": article("Hướng dẫn khai sinh", category="cai-cach-hanh-chinh", body=GUIDE),
        "tin-tuc/ngan.md": article("Tin ngắn", body="Một dòng.\n"),
    })
    build(root)
    return root / "site"


def records(site) -> list[dict]:
    found = []
    for path in sorted((site / "assets/search/d").glob("*.js")):
        found += json.loads(re.fullmatch(r'[^(]+\("[^"]+",(.*)\);\n', path.read_text(encoding="utf-8"), re.S).group(1))
    return found


def test_each_sections_id_is_a_heading_of_the_built_page(built):
    by_url = {r["u"]: r for r in records(built)}
    guide = by_url["huong-dan/huong-dan-khai-sinh/"]
    assert [s[0] for s in guide["m"]] == ["2-giay-to", "mat-giay", "4-le-phi", "4-le-phi_1", "alert-1-giay-to-khac",
                                          "xem-dieu-5-va-ma", "trong-div", "dong-hai", "le-phi-cuoi", "tieu-de-gach"]
    page = (built / "huong-dan/huong-dan-khai-sinh/index.html").read_text(encoding="utf-8")
    shown = re.sub(r'<span class="bt-print-only[^"]*">.*?</span>', "", page)  # a link's address, on paper only
    headings = {m.group(1): re.sub(r"<[^>]*>", "", m.group(2)) for m in re.finditer(r'<h[1-6] id="([^"]*)">(.*?)</h[1-6]>', shown)}
    assert {anchor: headings.get(anchor) for anchor, _, _ in guide["m"]} == {anchor: heading for anchor, heading, _ in guide["m"]}
    assert "m" not in by_url["tin-tuc/tin-ngan/"]  # a short text's record has no sections: no bytes more
