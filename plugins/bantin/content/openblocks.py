"""A `markdown="1"` element never closed: the rest of the article inside it, or gone (session 38).

Python-Markdown (md_in_html) closes an element still open at the end of the text by its tag
name. With one such element open, the rest of the article ends up inside it: it shows, but
the block (a box, a frame) runs to the end; a warning. With another element of the same name
open inside it (two `<div markdown="1">`, or one and a plain `<div>`), that closes the inner
one, the outer one is never finished, and everything from its opening tag to the end of the
article vanishes from the page without a word: an error, so the page is not published until
the closing tag is written. Measured against Python-Markdown 3.11 (tests/test_htmlblocks.py);
which elements are open is read by its own extractor (`htmlblocks`).
"""

from __future__ import annotations

import bisect
import re

from bantin.content.blocks import parser_lines
from bantin.content.htmlblocks import OpenElement, read_html
from bantin.content.literal import fenced_lines
from bantin.content.model import Item, Text
from bantin.problems import Problems, short

GUIDE_HTML = "mục 5.4 của hướng dẫn biên tập"
# Python's HTML parser lowers attribute names: `<div Markdown="1">` asks for Markdown too
# (second review of session 38, F2: the check looked for the lower-case word only).
_MARKDOWN = re.compile("markdown", re.IGNORECASE)
_NEWLINE = re.compile("\n")
_SHOWN = 5  # open elements a message names


def open_elements(body: str) -> list[OpenElement]:
    """The `markdown="1"` elements of `body` left open, outermost first, by offsets in the text
    Python-Markdown reads (tabs expanded; fenced code blanked: its HTML is shown as written)."""
    if "<" not in body or _MARKDOWN.search(body) is None:
        return []  # no element asks for Markdown inside it: nearly every file
    return read_html(_parsed(body)).open


def _parsed(body: str) -> str:
    """`body` as the block parser reads it (`blocks.read_blocks`: the same text, so the link
    check's reading of it is not done twice)."""
    lines = body.split("\n")
    if "```" in body or "~~~" in body:
        for index in fenced_lines(lines):
            lines[index] = ""
    return "\n".join(parser_lines(lines))


def report_open_blocks(item: Item | Text, problems: Problems) -> None:
    """An error (the page loses its end) or a warning (its end is inside the block), on the
    line of the outermost element left open, naming the closing tags to add."""
    found = open_elements(item.body)
    if not found:
        return
    text = _parsed(item.body)
    newlines = [match.start() for match in _NEWLINE.finditer(text)]

    def line_of(element: OpenElement) -> int:  # one search a line, not a count from the start:
        return item.body_line + bisect.bisect_left(newlines, element.offset)  # thousands may be open

    def written(element: OpenElement) -> str:
        end = text.find(">", element.offset, element.offset + 200)
        return short(text[element.offset:end + 1] if end >= 0 else f"<{element.tag}", 60)

    first = found[0]
    line = line_of(first)
    closing = _listed([f"`</{element.tag}>`" for element in reversed(found[-_SHOWN:])], len(found), " rồi ")
    inner = _listed([f"`{written(element)}` ở dòng {line_of(element)}" for element in found[1:_SHOWN + 1]],
                    len(found) - 1, ", ")
    if first.lost:
        problems.error(item.src, line, "",
                       f"khối HTML `{written(first)}` mở ở dòng {line} không được đóng lại"
                       + (f", bên trong nó {inner} cũng chưa đóng" if inner else "")
                       + ": trang bỏ mất mọi thứ từ dòng này đến hết bài, không báo gì",
                       f"thêm {closing} ở chỗ khối kết thúc (mỗi thẻ mở cần một thẻ đóng; {GUIDE_HTML})")
    else:
        problems.warn(item.src, line, "",
                      f"khối HTML `{written(first)}` mở ở dòng {line} không được đóng lại: phần còn lại của bài, "
                      "đến hết, nằm trong khối này",
                      f"thêm {closing} ở chỗ khối kết thúc ({GUIDE_HTML})")


def _listed(shown: list[str], count: int, joint: str) -> str:
    """At most `_SHOWN` of `count` things, and how many more: a page with thousands of open
    elements (pasted or generated) gets a message a person can read, not one of 100 KB."""
    more = count - len(shown)
    return joint.join(shown) + (f" và {more} thẻ khác" if more > 0 else "")
