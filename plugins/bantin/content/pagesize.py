"""How big a page may be, so that no page stalls the build (session 40, DESIGN §7).

Limits checked on the Markdown before anything converts it:

- **A page's size** (`MAX_PAGE_BYTES`, 2 MB as saved). A whole code is about 1 MB (the 12
  evaluation laws average 1.3 KB an article; Bộ luật Dân sự has 689). A 20 MB file was read,
  checked, converted and indexed whole.
- **A page's inline starts and blocks** (`MAX_PAGE_ELEMENTS`, 100,000). Python-Markdown spends
  10-50 µs of CPU on each, a little more than linearly: 2 MB of `_a_` in 1 KB paragraphs took
  36 s, 400,000 `# h` headings 47 s. docs/decisions.md counts 20,000, the 12 laws 3,300.
- **The markup a paragraph carries**. Python-Markdown's inline pass rebuilds a paragraph's
  whole text at every inline element it finds (`InlineProcessor.__applyPattern`): the work is
  the paragraph's length times its elements, quadratic in a paragraph (200 KB of `\\\\` in one
  paragraph: 9.3 s; the same cut into 1 KB paragraphs: 0.4 s). It is private code of
  Python-Markdown, rewritten there at every release: we bound it rather than replace it. The
  page's work estimate is, per block of lines between blank lines, its length times the
  characters that can start an inline element (`\\`, `` ` ``, `[`, `<`, `&`, `*`, `_`, two spaces
  at a line's end); for a table row by row and for a list item by item (each is converted on its
  own). Blocks are read as Python-Markdown's block parser will: a quote's `>` markers are taken
  off (a bare `>` line is a blank line of the quote's text, parsed as paragraphs of their own:
  2,000 quoted paragraphs convert in 0.1 s), and a raw HTML block (a block-level tag at a line's
  start, up to the first line holding its end tag) is left out: Python-Markdown stashes it whole.
- **Lines that split a block**, counted in the same estimate. Python-Markdown's block parser
  takes a heading, a rule or a `!!!` line out of a block and hands the rest back, and
  its processors' tests search that whole rest again with their patterns (HashHeader's,
  HRProcessor's): 10,000 `a` / `---` (setext headings, 60 KB) in one block took 7.4 s, 40,000
  `# h` lines 7.5 s (after our own twins, `convert.linearblocks`, had taken 110 s off that).
  Each such line counts as SPLIT_WEIGHT inline elements (about their measured cost).
  `MAX_PARAGRAPH_WORK` is 24 times the estimate of the largest real page we have (the
  project's own docs/decisions.md, 650 KB), 340 times the editors' guide's, and keeps the
  quadratic part of any page under about 0.6 s (the largest single paragraph it admits, of
  each dense shape: 0.26-0.58 s).

A page over either limit is an error that names the file, the line, the size and what to do
(split the text), and the page is not converted; the rest of the site is read and reported as
usual. Everything here is a count in C or one pass over the lines.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown.util import BLOCK_LEVEL_ELEMENTS

from bantin.problems import Problems

MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_PARAGRAPH_WORK = 2_000_000_000  # characters × inline elements; 200 KB of `\\` is 2 × 10^10
_TRIGGERS = "\\`[<&*_"
MAX_PAGE_ELEMENTS = 100_000  # inline starts and blocks of a page; docs/decisions.md has 20,000, 12 laws 3,300
SPLIT_WEIGHT = 40  # a line that splits its block costs about 40 inline elements (measured: setext and rule lines)
_SPLITS = re.compile(r" {0,3}(?:#|!!!|=+ *$|(?:[-*_] *){3,}$|-+ *$)")  # heading, admonition, rule lines
_QUOTES = re.compile(r"(?:[ ]{0,3}>[ ]?)*+")  # BlockQuoteProcessor.clean, level after level: the quote's own text
_RAW_OPEN = re.compile(r"[ ]{0,3}<(%s)(?:\s[^<>]*)?>" % "|".join(sorted(BLOCK_LEVEL_ELEMENTS, key=len, reverse=True)),
                       re.IGNORECASE)  # a raw HTML block: Python-Markdown's extractor stashes it whole
_LIST = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")  # a list's first line (OListProcessor's and UListProcessor's RE)
_ITEM = re.compile(r"[ ]{0,7}(?:[*+-]|\d+\.)[ ]+")  # an item's line: a child (CHILD_RE) or a nested child (INDENT_RE)
_MARKDOWN_ATTR = re.compile(r"\bmarkdown\s*=", re.IGNORECASE)  # md_in_html: its content is Markdown after all
_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*\|?[ \t]*")  # a table's second row


def page_too_big(src: str, data: bytes, problems: Problems) -> bool:
    """An error when the file is over MAX_PAGE_BYTES (before it is even decoded)."""
    if len(data) <= MAX_PAGE_BYTES:
        return False
    problems.error(src, 1, "", f"tệp dài {_megabytes(len(data))} MB, quá giới hạn {_megabytes(MAX_PAGE_BYTES)} MB "
                   "cho một trang (cả một bộ luật chỉ khoảng 1 MB); trang này không được tạo",
                   "chia văn bản thành nhiều trang, ví dụ mỗi chương hoặc mỗi phần một tệp, rồi liên kết các "
                   "trang với nhau")
    return True


def too_much_markup(src: str, body: str, body_line: int, problems: Problems) -> bool:
    """An error, on the costliest paragraph's line, when the page's work estimate is over the limit."""
    total, elements, worst = 0, 0, None
    for block in _blocks(body):
        total, elements = total + block.work, elements + block.marks + block.splits + 1
        if worst is None or block.work > worst.work:
            worst = block
    if total <= MAX_PARAGRAPH_WORK:
        return _too_many_elements(src, elements, body_line, problems)
    what = "bảng" if worst.table else "đoạn văn"
    unbroken = "" if worst.table else ", không có dòng trống nào ngắt,"
    problems.error(src, body_line + worst.line, "",
                   f"{what} bắt đầu ở dòng này dài {worst.size // 1024} KB{unbroken} và có {_costs(worst)}: chuyển "
                   "cả trang thành HTML sẽ mất quá nhiều thời gian; trang này không được tạo",
                   "tách đoạn dài thành nhiều đoạn bằng một dòng trống (mỗi khoản, mỗi điểm một đoạn), hoặc chia "
                   "văn bản thành nhiều trang")
    return True


def _costs(block: "Block") -> str:
    """What makes the block costly, in the editor's words: only the counts that are there
    (a block of headings has no marks to speak of, and saying "0 ký hiệu" would blame nothing)."""
    parts = []
    if block.marks:
        parts.append(f"{_dotted(block.marks)} ký hiệu định dạng (`\\`, `*`, `_`, dấu huyền, `[`, `<`, `&`)")
    if block.splits:
        parts.append(f"{_dotted(block.splits)} dòng tiêu đề, đường kẻ hoặc khung ghi chú (`#`, `---`, `===`, `!!!`) "
                     "liền nhau")
    return " và ".join(parts)


def _too_many_elements(src: str, elements: int, body_line: int, problems: Problems) -> bool:
    """An error when the page holds more than MAX_PAGE_ELEMENTS inline starts and blocks."""
    if elements <= MAX_PAGE_ELEMENTS:
        return False
    problems.error(src, body_line, "", f"trang có {_dotted(elements)} đoạn và ký hiệu định dạng (`\\`, `*`, `_`, "
                   f"dấu huyền, `[`, `<`, `&`), quá giới hạn {_dotted(MAX_PAGE_ELEMENTS)} cho một trang (cả một bộ "
                   "luật chỉ khoảng 10.000): chuyển trang thành HTML sẽ mất quá nhiều thời gian; trang này không "
                   "được tạo", "chia văn bản thành nhiều trang, ví dụ mỗi chương hoặc mỗi phần một tệp")
    return True


def _dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class Block(NamedTuple):
    """A block of lines between blank lines, as the estimate sees it."""

    line: int  # its first line's offset in the body
    size: int  # characters
    marks: int  # characters that may start an inline element
    splits: int  # lines that split the block (headings, quotes, rules, `!!!` after its first line)
    work: int  # the estimate: size × (marks + SPLIT_WEIGHT × splits), for a table the sum of that per row
    table: bool


def _blocks(body: str):
    """Each block between blank lines of `body`, in order, as Python-Markdown's block parser
    will see it: a quote's markers taken off (a bare `>` line is a blank line of the quote's
    text, which is parsed as paragraphs of its own), a raw HTML block left out. A table's rows
    and a list's items are each converted on their own: the work is summed piece by piece."""
    start, size, marks, splits, work, rows, kind = 0, 0, 0, 0, 0, 0, ""
    piece = [0, 0, 0]  # the current piece's characters, marks, splits
    lines, raw = body.split("\n"), None
    for offset, line in enumerate(lines + [""]):
        raw, skip = _raw_html(line, raw)
        text = line[_QUOTES.match(line).end():]
        if skip or not text.strip():
            if rows:
                yield Block(start, size, marks, splits, work + _work(piece), kind == "table")
            start, size, marks, splits, work, rows, kind, piece = offset + 1, 0, 0, 0, 0, 0, "", [0, 0, 0]
            continue
        found = sum(text.count(c) for c in _TRIGGERS) + text.endswith("  ")
        split = 1 if rows and _SPLITS.match(text) else 0
        if rows == 0 and _LIST.match(text) and not _SPLITS.match(text):
            kind = "list"
        elif kind == "list" and split:
            kind = ""  # a heading, a rule or a setext line ends the list: the block's rest is handed back whole
        elif rows == 1 and _SEPARATOR.fullmatch(text) and "|" in text + lines[offset - 1]:
            kind = "table"
        if kind == "table" or (kind == "list" and rows and _ITEM.match(text)):
            work, piece = work + _work(piece), [0, 0, 0]
        size, marks, splits, rows = size + len(text) + 1, marks + found, splits + split, rows + 1
        piece = [piece[0] + len(text) + 1, piece[1] + found, piece[2] + split]


def _work(piece: list[int]) -> int:
    """One piece's estimate: its length times its inline starts and split lines' weight."""
    return piece[0] * (piece[1] + SPLIT_WEIGHT * piece[2])


def _raw_html(line: str, raw: str | None) -> tuple[str | None, bool]:
    """(the raw HTML block's tag still open after `line`, whether `line` is left out of the estimate).

    A line that starts with a block-level tag, whole on the line (as Python-Markdown's extractor
    wants it, also straight after a paragraph's line), opens a raw block, unless the tag is empty
    (`<hr>`, or a `/>` anywhere on the line: read as text in doubt). It ends at the first line
    holding that tag's end: a nested one of the same name ends it early, so the estimate reads
    too much, never too little. The ending line is read as text (Markdown may follow the tag)."""
    if raw is None:
        opened = _RAW_OPEN.match(line)
        if not opened or opened.group(1).lower() == "hr" or "/>" in line or _MARKDOWN_ATTR.search(line):
            return None, False  # `<hr>` and `<div/>` are whole at their tag: Markdown follows
        raw = opened.group(1).lower()
    if ("</" + raw) in line.lower():
        return None, False
    return raw, True


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
