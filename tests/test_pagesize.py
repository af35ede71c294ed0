"""A page too big, or a paragraph carrying too much markup, is refused before it is converted (session 40).

Python-Markdown's inline pass is quadratic in a paragraph (its length times its inline elements):
200 KB of `\\\\` in one paragraph took 9.3 s of CPU, 1 MB minutes. `content.pagesize` bounds a
page at 2 MB and its estimated work; the largest real texts stay far below both.
"""

from __future__ import annotations

import pathlib
import time

import pytest

from bantin.content import pagesize
from bantin.content.frontmatter import read
from bantin.problems import Problems
from tests.sitekit import article, build, write_site
from tests.test_linear_patterns import SITE as SITE_CONFIG

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEAD = "---\ntitle: Bộ luật\ndate: 2024-05-01\ncategory: dat-dai\n---\n"


def _read(body: str) -> tuple[object, Problems]:
    problems = Problems()
    data = (HEAD + body).encode("utf-8")
    return read("tin-tuc/luat.md", data, SITE_CONFIG, problems, lambda _: True), problems


def test_a_page_over_the_limit_is_refused_unread():
    body = "Điều 1. Nội dung.\n\n" * (pagesize.MAX_PAGE_BYTES // 18)
    started = time.process_time()
    parsed, problems = _read(body)
    assert time.process_time() - started < 0.5  # refused on its size, before decoding
    assert parsed is None
    [problem] = problems.errors
    text = str(problem)
    assert "tin-tuc/luat.md:1" in text and "2,0 MB" in text and "quá giới hạn 2,0 MB" in text
    assert "chia văn bản thành nhiều trang" in text


def test_a_page_at_the_limit_is_read():
    filler = "Khoản 1. Người lao động có quyền làm việc.\n\n"
    body = filler * ((pagesize.MAX_PAGE_BYTES - 200) // len(filler.encode()))
    parsed, problems = _read(body)
    assert parsed is not None and not problems.errors


@pytest.mark.parametrize("unit", ["\\\\", "*a* ", "`a` ", "<b>x</b> ", "&amp; ", "[a](b) ", "a  \n", "_a_ "])
def test_a_paragraph_of_dense_markup_is_refused_on_its_line(unit):
    body = "Mở đầu.\n\n" + unit * (200_000 // len(unit)) + "\n\nKết.\n"
    parsed, problems = _read(body)
    assert parsed is None
    [problem] = problems.errors
    assert problem.line == 8  # the paragraph's first line (front matter: 5 lines, then "Mở đầu.", blank)
    assert "tách đoạn dài thành nhiều đoạn bằng một dòng trống" in str(problem)


@pytest.mark.parametrize("unit", ["a\n---\n", "a\n===\n", "# h\n", "***\n", "!!! note\n"])
def test_a_block_of_headings_or_rules_is_refused(unit):
    """Python-Markdown's block tests search the rest of a block after each heading it takes off:
    60 KB of setext headings in one block took 7.4 s, growing with the square."""
    parsed, problems = _read("x\n\n" + unit * (60_000 // len(unit)))
    assert parsed is None and problems.errors[0].line == 8
    parsed, problems = _read(("x\n\n" + unit * 20) * (60_000 // len(unit) // 20))  # the same, in short blocks
    assert parsed is not None and not problems.errors


@pytest.mark.parametrize("unit", ["_a_ " * 250 + "\n\n", "# h\n\n", "[a](b) \n\n"])
def test_a_page_of_too_many_elements_is_refused(unit):
    """Under the size limit, in short paragraphs: 2 MB of `_a_` took 36 s, of `# h` headings 47 s."""
    parsed, problems = _read(unit * (1_000_000 // len(unit)))
    assert parsed is None
    [problem] = problems.errors
    assert problem.line == 6 and "quá giới hạn 100.000 cho một trang" in problem.message
    assert "chia văn bản thành nhiều trang" in problem.fix


def test_the_same_markup_in_short_paragraphs_is_read():
    parsed, problems = _read(("*a* " * 250 + "\n\n") * 150)  # 150 KB of the same, 1 KB paragraphs
    assert parsed is not None and not problems.errors


def test_a_table_is_estimated_row_by_row():
    """A long table of links is one block but each cell is converted alone: not refused."""
    rows = "".join(f"| {i} | [Quyết định {i}/QĐ-UBND](van-ban-{i}.md) | `{i}` | *mới* |\n" for i in range(6_000))
    parsed, problems = _read("| Số | Văn bản | Mã | Ghi chú |\n|---|---|---|---|\n" + rows)
    assert parsed is not None and not problems.errors
    parsed, problems = _read("Số | Văn bản\n" + rows)  # no separator row: one paragraph, refused
    assert parsed is None and problems.errors


def _real_texts() -> list[pathlib.Path]:
    roots = [ROOT / "content", ROOT / "docs", ROOT / "scripts" / "searcheval" / "laws"]
    return sorted(p for root in roots for p in root.rglob("*.md"))


def test_the_largest_real_texts_are_far_below_the_limits():
    """The sample site, the project's documents (decisions.md: 650 KB) and the evaluation laws,
    all of them in one page and as one paragraph (a law pasted without blank lines)."""
    texts = [p.read_text(encoding="utf-8") for p in _real_texts()]
    assert len(texts) > 30
    for text in texts:
        assert sum(block.work for block in pagesize._blocks(text)) * 10 < pagesize.MAX_PARAGRAPH_WORK
    laws = "\n\n".join(p.read_text(encoding="utf-8") for p in _real_texts() if "searcheval" in str(p))
    for body in (laws, laws.replace("\n\n", "\n")):
        parsed, problems = _read(body.replace("---", "—"))
        assert not problems.errors


@pytest.mark.parametrize("hostile", ["|" * 300_000, "| -" * 100_000, "-|" * 150_000, " " * 300_000, "\\" * 300_000,
                                     "a\n|" + "-" * 300_000 + "x", "a\n" + "|-" * 150_000 + "|x",
                                     ">" * 300_000, "> " * 150_000, " >" * 150_000, "<div>" * 60_000,
                                     "<div" + "<" * 300_000, "- " * 150_000, "- a\n" + " " * 300_000 + "- "])
def test_the_estimate_is_linear(hostile):
    started = time.process_time()
    for _ in range(3):
        list(pagesize._blocks(hostile))
    assert time.process_time() - started < 1.0


def test_a_strict_build_names_the_page_and_stops_before_converting_it(tmp_path):
    root = write_site(tmp_path / "site", {
        "tin-tuc/a.md": article("Bài thường"),
        "tin-tuc/luat.md": article("Bộ luật", body="Mở đầu.\n\n" + "\\\\" * 500_000 + "\n"),
        "tin-tuc/lon.md": article("Quá lớn", body="Điều 1.\n\n" * 300_000),
    })
    done = build(root, check=False)
    assert done.returncode != 0
    assert "tin-tuc/luat.md:8: lỗi: đoạn văn bắt đầu ở dòng này dài 976 KB" in done.stdout, done.stdout
    assert "tin-tuc/lon.md:1: lỗi: tệp dài 3,4 MB, quá giới hạn 2,0 MB" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout  # before: the 1 MB paragraph alone took minutes of CPU


# Review of session 40 (findings 1, 2): shapes of real pages that Python-Markdown converts in
# linear time, which the first estimate refused and so stopped the whole site's build.

def _quote(paragraphs: int, marker: str = ">") -> str:
    lines = [f"{marker} Khoản {i}. Cơ quan, tổ chức, cá nhân có trách nhiệm thực hiện đúng quy định về đăng ký hộ "
             f"tịch tại địa phương." for i in range(1, paragraphs + 1)]
    return "Nghị định quy định như sau:\n\n" + f"\n{marker}\n".join(lines) + "\n\nTrên đây là nội dung chính.\n"


@pytest.mark.parametrize("paragraphs, marker", [(500, ">"), (2_000, ">"), (2_000, "> >"), (2_000, ">>")])
def test_a_long_quotation_is_read(paragraphs, marker):
    """A decree quoted in one blockquote, paragraphs parted by bare `>` lines (as the web editor
    writes a quote): 74 KB was refused ("0 ký hiệu định dạng"); Python-Markdown converts 299 KB
    in 0.1 s (a bare `>` is a blank line of the quote's text)."""
    parsed, problems = _read(_quote(paragraphs, marker))
    assert parsed is not None and not problems.errors, problems.errors


@pytest.mark.parametrize("unit", ["\\\\", "*a* "])
def test_dense_markup_in_a_quote_is_still_refused(unit):
    """The quote's markers are taken off, not its text: 200 KB of `\\\\` in one quoted paragraph took 8.7 s."""
    parsed, problems = _read("Mở đầu.\n\n> " + unit * (200_000 // len(unit)) + "\n")
    assert parsed is None and problems.errors[0].line == 8
    parsed, problems = _read("x\n\n" + "> # h\n" * 10_000)  # headings in a quote: 0.5 s for 60 KB, 3.6 s for 240 KB
    assert parsed is None and problems.errors[0].line == 8


def test_a_raw_html_table_is_read():
    """A table of 5,000 rows pasted as HTML (the guide allows it; 456 KB, converted in 0.2 s):
    Python-Markdown stashes a raw HTML block whole, its `<` never reach the inline pass."""
    rows = "\n".join(f"<tr><td>{i}</td><td>Thủ tục đăng ký hộ tịch số {i}</td><td>UBND cấp xã</td>"
                     f"<td>05 ngày làm việc</td><td>Không</td></tr>" for i in range(1, 5_001))
    body = f"Danh mục thủ tục hành chính:\n<table>\n<tbody>\n{rows}\n</tbody>\n</table>\n\nHết.\n"
    parsed, problems = _read(body)
    assert parsed is not None and not problems.errors, problems.errors


@pytest.mark.parametrize("body", ["<div>\nx\n</div>\n" + "\\\\" * 100_000,  # after the raw block: Markdown again
                                  '<div markdown="1">\n' + "\\\\" * 100_000 + "\n</div>\n",  # md_in_html: Markdown
                                  "<div>\n<!-- <div> -->\n</div>\n" + "\\\\" * 100_000,  # the first end tag ends it
                                  "<hr>\n" + "\\\\" * 100_000, "<div/>\n" + "\\\\" * 100_000,  # empty: whole at once
                                  "<div\n" + "\\\\" * 100_000, "<div x\n" + "\\\\" * 100_000,  # no tag: text
                                  "Mở <b>đầu</b>\n" + "<b>x</b> " * 20_000])  # inline tags are inline starts
def test_markup_outside_a_raw_html_block_is_still_refused(body):
    parsed, problems = _read(body)
    assert parsed is None and problems.errors


def test_a_list_of_2000_items_is_read():
    """Each item is converted on its own (220 KB, 0.23 s), as a table's rows are."""
    items = "".join(f"{i}. Khoản {i}. Người lao động có quyền **làm việc** theo [Điều {i}](dieu-{i}.md), `mã {i}`, "
                    f"_mới_ & *cũ*.\n" for i in range(1, 2_001))
    parsed, problems = _read("Các khoản:\n\n" + items)
    assert parsed is not None and not problems.errors, problems.errors


@pytest.mark.parametrize("head", ["- - -\n", "- a\n---\n", "- a\n# h\n"])
def test_a_list_ended_by_a_rule_or_heading_hands_its_rest_back_whole(head):
    """After a rule, a setext or `#` heading, Python-Markdown hands the block's rest back as a
    paragraph, `- ` lines and all: 234 KB of `*a* ` / `- ` lines after one took 80 s."""
    parsed, problems = _read("x\n\n" + head + "*a* \n- \n" * 30_000)
    assert parsed is None and problems.errors


def test_a_whole_law_of_a_megabyte_is_read():
    """The evaluation laws as they are written (`## Điều`, paragraphs, lists), twice over: 1 MB."""
    laws = "\n\n".join(p.read_text(encoding="utf-8").split("---\n", 2)[2]
                       for p in _real_texts() if "searcheval" in str(p))
    body = laws + "\n\n" + laws
    assert len(body.encode()) > 1_000_000
    parsed, problems = _read(body)
    assert parsed is not None and not problems.errors


def test_the_message_names_only_what_the_block_holds():
    """A block of headings has no marks: the message spoke of "0 ký hiệu định dạng"."""
    parsed, problems = _read("x\n\n" + "# h\n" * 15_000)
    [problem] = problems.errors
    assert "0 ký hiệu" not in problem.message and "15.000 dòng tiêu đề" not in problem.message
    assert "14.999 dòng tiêu đề, đường kẻ hoặc khung ghi chú" in problem.message
    parsed, problems = _read("x\n\n" + "\\\\" * 100_000)
    [problem] = problems.errors
    assert "200.000 ký hiệu định dạng" in problem.message and "dòng tiêu đề" not in problem.message
