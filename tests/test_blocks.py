"""Links read within the texts Python-Markdown's block parser makes (content/blocks.py, session 36).

Two cases were left by sessions 32 and 35: a link's words running from one list item into the
next (`- [Luật` / `- Hộ tịch](x.md)`: two items on the page, no link, but the check read one and
drew an error), and a reference definition written in a list item or a quote (`- [x]: a.md`,
`> [x]: a.md`: Python-Markdown takes it and links every `[x]` of the page to it, but the check
did not see it, so a broken one stopped the strict build on MkDocs' English "not found", and a
question's page kept it unrebased). Each shape is held to Python-Markdown's own output, first
one by one, then for generated lists, quotes and admonitions, and last in `--strict` builds.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.content.blocks import _Reader, read_blocks
from bantin.content.links import markdown_text, rebase_links, references, unlink
from bantin.content.literal import blank_escapes
from bantin.text.mdlinks import inline_links
from growth import grows_linearly_in_cpu
from sitekit import article, build, read, write_site


def rendered(body: str) -> str:
    """The body as the site builds it (the project's extensions and MkDocs' fenced_code)."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html", "tables", "admonition", "fenced_code"])
    return md.convert(body)


def made(body: str) -> list[str]:
    """The addresses of the links Python-Markdown makes of `body`."""
    return re.findall(r'<a href="([^"]*)"', rendered(body))


def found(body: str) -> list[str]:
    """The addresses the check reads in `body`: inline links and definitions."""
    return [ref.target for ref in references(SimpleNamespace(body=body, body_line=1)) if not ref.image]


# --- One shape at a time -----------------------------------------------------------------------

ACROSS = [  # (body, a link on the page)
    ("- [Luật\n- Hộ tịch](x.md)", False),  # two items: was read as one link
    ("1. [Luật\n2. Hộ tịch](x.md)", False),
    ("- [Luật\n1. Hộ tịch](x.md)", False),  # an ordered item after a bullet: still the next item
    ("> - [a\n> - b](x.md)", False),  # items in a quote
    ("- > [a\n- b](x.md)", False),
    ("- [a\n    - b](x.md)", False),  # a nested item
    ("- a\n    - [b\n- c](x.md)", False),
    ("!!! note\n    - [a\n    - b](x.md)", False),
    ("- [a\n> b](x.md)", False),  # a quote in the item
    ("[Luật\n> Hộ tịch](x.md)", False),
    ("## [a\nb](x.md)", False),  # a heading is a line of its own
    ("[a\n## b](x.md)", False),
    ("- [a](\n- x.md)", False),  # nor does a target run into the next item
    ("Xem [Luật\n- Hộ tịch](x.md)", True),  # after a paragraph's line `- ` goes on with it
    ("- [Luật\n  Hộ tịch](x.md)", True),
    ("- [Luật\nHộ tịch](x.md)", True),  # a lazy line
    ("> [a\n> - b](x.md)", True),
    ("> [a\nb](x.md)", True),
    ("- a\n\n    [b\n- c](x.md)", True),  # Python-Markdown reads `- c` as more of the item's paragraph
    ("- [a\n  [r]: y.md\n  b](x.md)", True),  # a tight item's words around a definition are one text
    ("[a\n`b`\nc](x.md)", True),  # a line that is a code span is no blank line
    ("- - a\n\n        [b\n        c](x.md)", True),  # the inner item's paragraph, not code
    ("` [a](x.md)\n[r]: y.md\n`", True),  # a definition ends the text: no code span over it
    ("- a\n```\nb\n```\n    [c](x.md)", False),  # after a fenced block, indented is code
    ("a | [b\n--|--\nc](x.md)", False),  # table rows
    ("a \\| [b\n--|--\nc](x.md)", True),  # one cell over a rule of two: no table
]


@pytest.mark.parametrize("body, linked", ACROSS)
def test_link_words_across_blocks_as_python_markdown_reads_them(body, linked):
    assert ("x.md" in made(body)) == linked  # the rule, as Python-Markdown has it
    assert ("x.md" in found(body)) == linked


DEFINITIONS = [  # (body, the definition is taken)
    ("- [x]: a.md", True),  # was not read: a broken one passed the check
    ("1. [x]: a.md", True),
    ("-   [x]: a.md", True),
    ("- - [x]: a.md", True),
    ("> [x]: a.md", True),
    (">[x]: a.md", True),
    ("> > [x]: a.md", True),
    ("> - [x]: a.md", True),
    ("- > [x]: a.md", True),
    ("- a\n\n    [x]: a.md", True),  # the item's second paragraph
    ("!!! note\n    [x]: a.md", True),
    ("* [x]:\n  a.md", True),  # the target on the next line
    ("[x]:\n    a.md", True),
    ('> [x]: a.md\n> "Tiêu đề"', True),
    ("- a\n  [x]: a.md", True),
    ("- a\n    [x]: a.md", False),  # in the item's paragraph, indented four: text
    ("a\n    [x]: a.md", False),
    ("    [x]: a.md", False),  # code
    ("## [x]: a.md", False),
    ("- a\n\n        [x]: a.md", False),  # code in the item
    ("[x]: a.md nói thêm", False),  # words after the target: text (was read as a definition)
    ("- [x]: a.md nói thêm", False),
    ("> ```\n> [x]: a.md\n> ```", True),  # a fence in a quote is not one (literal.py)
    ("```\n[x]: a.md\n```", False),
    ("<!-- [x]: a.md -->", False),
    ("\\[x]: a.md", False),
    ("| [y]: b.md\n|---|---|\n[x]: a.md", True),  # one bordered cell over two: no table
    ("| a | b |\n|---|---|\n[x]: a.md", False),  # a table's row
]


@pytest.mark.parametrize("body, taken", DEFINITIONS)
def test_definitions_in_lists_and_quotes_as_python_markdown_takes_them(body, taken):
    whole = body + "\n\nXem [x].\n"
    assert ("a.md" in made(whole)) == taken
    assert ("a.md" in found(whole)) == taken


def test_a_definition_s_line_is_its_bracket_s_and_its_target_is_read_as_written():
    item = SimpleNamespace(body="Mở đầu.\n\n- Luật\n- [ht]: <../van-ban/ho-tich.md>\n\n> [qd]:\n>  qd.md\n", body_line=5)
    assert [(ref.line, ref.target) for ref in references(item)] == [(8, "../van-ban/ho-tich.md"), (10, "qd.md")]


def test_tabs_before_a_definition_are_python_markdown_s_four_columns():
    assert found("-\t[x]: a.md\n\n[x]\n") == ["a.md"] == made("-\t[x]: a.md\n\n[x]\n")
    assert rebase_links("- a\n\n\t[x]: ../b.md\n", "hoi-dap/a.md", "hoi-dap/a/c.md") == "- a\n\n\t[x]: ../../b.md\n"


def test_rebased_and_unlinked_in_lists_and_quotes():
    """A question's page is one folder below its handbook: a definition in an item is rebased;
    words across items are no link, so nothing there is rewritten."""
    body = "- [ht]: ../tin-tuc/b.md\n> [qd]: c.md\n\n- [Luật\n- Hộ tịch](../tin-tuc/b.md)\n"
    assert rebase_links(body, "hoi-dap/a.md", "hoi-dap/a/c.md") == \
        "- [ht]: ../../tin-tuc/b.md\n> [qd]: ../c.md\n\n- [Luật\n- Hộ tịch](../tin-tuc/b.md)\n"
    gone = unlink("Xem [Luật Hộ tịch][ht] và [qd].\n\n- [ht]: b.md\n- Khác\n\n> [qd]: b.md\n", "tin-tuc/a.md",
                  {"tin-tuc/b.md"})
    assert gone == "Xem Luật Hộ tịch và qd.\n\n- \n- Khác\n\n> \n"
    assert made(gone) == [] and "<li></li>" in rendered(gone)  # Python-Markdown's page: an empty item too


# --- Against Python-Markdown itself ---------------------------------------------------------------

WORDS = st.sampled_from(["[Luật", "Hộ tịch](T)", "[a](T)", "[x]", "]", "[", "b", "(", "[r]", "[a] [r]", "`", "`c`",
                         "\\[", "*e*", "[a]\n"])
LINE = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
PREFIX = st.sampled_from(["", "", "- ", "* ", "+ ", "1. ", "1) ", "  ", "   ", "    ", "      ", "        ", "> ", ">",
                          "> > ", ">  > ", "> - ", "- > ", "- - ", "  - ", "## ", "    - ", "> 1. ", "\t", "\t- ",
                          "!!! note\n    ", "| "])
DEFINED = st.sampled_from(["[D]: D", "[D]:", "[D]: <D>", '[D]: D "t"', "[D]: D 't'", "[D]: D (t)", "[D]: D nói",
                           "[D]:  D  "])
BODY_LINE = st.one_of(
    st.tuples(PREFIX, LINE).map("".join),
    st.tuples(PREFIX, DEFINED).map("".join),
    st.sampled_from(["", "", ">", "!!! note", "---", "***", "Tiêu đề", "===", "D", "    D", "```", "~~~",
                     "|---|---|"]),
)


def numbered(body: str) -> tuple[str, int]:
    """`body` with each `T` made its own address (t1.md, t2.md…), each definition's label `D` its
    own (d1, d2…) and the `D` after it that label's address (d1.md); how many labels."""
    counts = Counter()

    def number(m: re.Match) -> str:
        if m.group() == "T":
            counts["T"] += 1
            return f"t{counts['T']}.md"
        if m.string[m.end():m.end() + 1] == "]":
            counts["D"] += 1
            return f"d{counts['D']}"
        return f"d{counts['D']}.md"
    return re.sub(r"[TD]", number, body), counts["D"]


@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(BODY_LINE, min_size=1, max_size=10))
def test_the_check_reads_the_links_python_markdown_makes_of_lists_quotes_and_definitions(lines):
    """Lists (bullets, numbers, nested, lazy lines), quotes (nested, with lists), admonitions,
    headings, tables, fenced and indented code holding link words, brackets, code spans and
    reference definitions (with the target on the next line, a title, words after it), every
    definition used at the end (raw HTML and comments are not modelled, `blocks`): the
    check reads every link Python-Markdown makes, and beyond those only links written in another
    link's words (read always, `mdlinks`), and exactly the definitions it takes."""
    body, defined = numbered("\n".join(lines))
    body = "Mở đầu.\n\n" + body + "\n\n" + ", ".join(f"[d{n}]" for n in range(1, defined + 1)) + "\n"
    ours, theirs = Counter(found(body)), Counter(made(body))
    definitions = {t for t in ours if t.startswith("d")}
    assert definitions == {t for t in theirs if t.startswith("d")}, body
    links = Counter({t: n for t, n in ours.items() if t.startswith("t")})
    pm_links = Counter({t: n for t, n in theirs.items() if t.startswith("t")})
    assert pm_links <= links and set(links - pm_links) <= nested(body), body


def nested(body: str) -> set[str]:
    """Targets of links written in another link's words (read by the check always)."""
    from bantin.content.links import _read
    read = _read(body)
    links = inline_links(read.inline, starts=read.starts)
    words = [link.text for link in links]
    return {read.text[slice(*link.target)] for link in links if any(a <= link.start < b for a, b in words)}


# --- Hostile texts -------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["> ", "- ", "    - ", "> - ", "- > ", "- [a\n", "> [x]: a\n", "- [x]: a\n",
                                  "[x]:\n", "# a\n", "---\n", "a\n---\n", "!!! a\n", "    !!! a\n", "- a\n\n    ",
                                  "1. ", "|a|\n|-|\n", "|a\n# b\n", "[x]: a b\n"])
def test_linear_and_no_recursion_error(unit):
    """Deep quotes and lists, long runs of blocks: read without recursion (25,000 and 100,000
    characters are 12,500 and 50,000 levels of `> `, far past Python's 1,000) and in linear
    time: four times the text at most eight times the CPU (session 41: was 300 KB under 5 s)."""
    def read_hostile(size: int) -> None:
        body = unit * (size // len(unit)) + "[x](y)\n"
        reading = read_blocks(body)
        references(SimpleNamespace(body=body, body_line=1))
        assert reading.group_of or reading.definitions or "    " in unit

    assert grows_linearly_in_cpu(read_hostile, 25_000), unit


# --- Sites built with --strict ---------------------------------------------------------------------

HANDBOOK = ("---\ntitle: Sổ tay hộ tịch\ndate: 2024-01-01\ncategory: hoa-giai-o-co-so\n---\n\n"
            "## Câu hỏi 1: Đăng ký khai sinh ở đâu? {#khai-sinh}\n\n"
            "Xem [Luật Hộ tịch][ht] và [bài hướng dẫn][hd].\n\n"
            "- [ht]: ../tin-tuc/ho-tich.md\n\n"
            "> [hd]: ../tin-tuc/huong-dan.md\n")


def test_words_across_items_build_as_text_and_definitions_in_items_and_quotes_link(tmp_path: Path) -> None:
    """The list from an editors' habit (a law's name broken over two bullets) builds clean and
    shows its brackets; definitions written in a list item and in a quote link the article and
    the handbook's question page (rebased one folder down)."""
    files = {
        "tin-tuc/luat-moi.md": article("Luật mới", body=(
            "Các luật mới:\n\n- [Luật\n- Hộ tịch](../van-ban/khong-co.md)\n\n"
            "Xem [Luật Hộ tịch][ht] và [hướng dẫn].\n\n- [ht]: ho-tich.md\n\n"
            "> [hướng dẫn]: huong-dan.md\n")),
        "tin-tuc/huong-dan.md": article("Hướng dẫn"),
        "tin-tuc/ho-tich.md": article("Luật Hộ tịch"),
        "hoi-dap/so-tay.md": HANDBOOK,
    }
    root = write_site(tmp_path / "s", files)
    done = build(root)  # --strict: fails the test when the build fails
    assert "khong-co" not in done.stdout and "cảnh báo" not in done.stdout, done.stdout
    page = read(root, "tin-tuc/luat-moi/index.html")
    assert "<li>[Luật</li>" in page and "<li>Hộ tịch](../van-ban/khong-co.md)</li>" in page, page
    assert re.search(r'<a href="\.\./luat-ho-tich/">Luật Hộ tịch</a>', page), page
    assert '<a href="../huong-dan/">hướng dẫn</a>' in page, page
    question = read(root, "hoi-dap/so-tay-ho-tich/khai-sinh/index.html")
    assert re.search(r'<a href="\.\./\.\./\.\./tin-tuc/luat-ho-tich/">Luật Hộ tịch</a>', question), question
    assert '<a href="../../../tin-tuc/huong-dan/">bài hướng dẫn</a>' in question, question


def test_a_broken_definition_in_an_item_or_a_quote_is_an_error_with_its_line(tmp_path: Path) -> None:
    """Was MkDocs' English "contains a link … not found" (strict) or nothing (`bantin check`):
    now the check's own error, in Vietnamese, on the definition's line."""
    files = {
        "tin-tuc/luat-moi.md": article("Luật mới", body=(
            "Xem [Luật Hộ tịch][ht] và [hướng dẫn].\n\n- [ht]: ../van-ban/khong-co.md\n\n"
            "> [hướng dẫn]: khong-co-2.md\n")),
    }
    root = write_site(tmp_path / "s", files)
    done = build(root, check=False)
    assert done.returncode != 0
    assert re.search(r"tin-tuc/luat-moi\.md:8: lỗi: liên kết `\.\./van-ban/khong-co\.md`", done.stdout), done.stdout
    assert re.search(r"tin-tuc/luat-moi\.md:10: lỗi: liên kết `khong-co-2\.md`", done.stdout), done.stdout
    assert "not found" not in done.stdout


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="a\t b", max_size=24))
def test_a_column_with_tabs_expanded_is_its_offset_as_written(written: str) -> None:
    """`_Reader.column` reads each line's tabs once (session 39: a long tabbed table row was
    read from its start at every `|`); the offset is still the first character at or after the
    column, as the line's tabs expanded to Python-Markdown's four put it."""
    reader = _Reader([written], [written])
    starts = [len(written[:index].expandtabs(4)) for index in range(len(written))]
    for column in range(len(written.expandtabs(4)) + 3):
        expected = next((index for index, start in enumerate(starts) if start >= column), len(written)) \
            if "\t" in written else column  # no tab: the column is the offset
        assert reader.column(0, column) == expected, (written, column)
