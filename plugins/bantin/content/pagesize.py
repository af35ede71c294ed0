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
  at a line's end); for a table, row by row (each cell is converted on its own).
- **Lines that split a block**, counted in the same estimate. Python-Markdown's block parser
  takes a heading, a quote, a rule or a `!!!` line out of a block and hands the rest back, and
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

from bantin.problems import Problems

MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_PARAGRAPH_WORK = 2_000_000_000  # characters × inline elements; 200 KB of `\\` is 2 × 10^10
_TRIGGERS = "\\`[<&*_"
MAX_PAGE_ELEMENTS = 100_000  # inline starts and blocks of a page; docs/decisions.md has 20,000, 12 laws 3,300
SPLIT_WEIGHT = 40  # a line that splits its block costs about 40 inline elements (measured: setext and rule lines)
_SPLITS = re.compile(r" {0,3}(?:#|>|!!!|=+ *$|(?:[-*_] *){3,}$|-+ *$)")  # heading, quote, admonition, rule lines
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
    marks = _dotted(worst.marks)
    problems.error(src, body_line + worst.line, "",
                   f"{what} bắt đầu ở dòng này dài {worst.size // 1024} KB{unbroken} và có {marks} ký hiệu định "
                   "dạng (`\\`, `*`, `_`, dấu huyền, `[`, `<`, `&`): chuyển cả trang "
                   "thành HTML sẽ mất quá nhiều thời gian; trang này không được tạo",
                   "tách đoạn dài thành nhiều đoạn bằng một dòng trống (mỗi khoản, mỗi điểm một đoạn), hoặc chia "
                   "văn bản thành nhiều trang")
    return True


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
    """Each block between blank lines of `body`, in order."""
    start, size, marks, splits, work, rows, table = 0, 0, 0, 0, 0, 0, False
    lines = body.split("\n")
    for offset, text in enumerate(lines + [""]):
        if not text.strip():
            if rows:
                yield Block(start, size, marks, splits, work if table else size * (marks + SPLIT_WEIGHT * splits), table)
            start, size, marks, splits, work, rows, table = offset + 1, 0, 0, 0, 0, 0, False
            continue
        found = sum(text.count(c) for c in _TRIGGERS) + text.endswith("  ")
        split = 1 if rows and _SPLITS.match(text) else 0
        if rows == 1 and _SEPARATOR.fullmatch(text) and "|" in text + lines[offset - 1]:
            table = True
        size, marks, splits, rows = size + len(text) + 1, marks + found, splits + split, rows + 1
        work += (len(text) + 1) * (found + SPLIT_WEIGHT * split)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
