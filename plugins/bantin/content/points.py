"""Points a), b), c) written one to a line under a sentence: a warning, since they run together.

A procedure's step or a law's clause lists its points on lines of their own («2. Công chức
kiểm tra hồ sơ:» then «a) …», «b) …»), and Markdown reads lines with no blank line between
them as one paragraph: the page, the phone and the printout showed the points as one run-on
sentence, and neither `bantin check` nor the build said a word (a guide editor's trial,
session 55). The web editor's paste from Word already makes each point a paragraph of its
own (pasted lettered points, guide §5.4); this is for a file written by hand.

Warned, not rewritten: the build renders Markdown as every preview does (GitHub's, the web
editor's), and the fix is one blank line the editor can see. One warning a paragraph, on its
first point that runs on. Code is shown as written and never warned of.
"""

from __future__ import annotations

import re

from bantin.content.literal import outside_code
from bantin.content.model import Item, Text
from bantin.problems import Problems, short

# A point of a clause: a lower-case letter (đ included, as Vietnamese laws letter them) or a
# small Roman number, then «)» and text. «A)», «1)» and «a.» are left alone: headings of
# reports, numbers and abbreviations start lines in ordinary prose too.
_POINT = re.compile(r"(?P<indent>[ ]*)(?P<point>(?:[a-zđ]|[ivx]{2,4})\))[ \t\u00a0]+\S")  # Word's no-break space too
# Lines after which a new line is not more of the same paragraph: a heading, a quote, a note
# box's first line, raw HTML, a link's definition (`[a]: https://…`), a line ending in Markdown's
# line break (two spaces), and any line with a `|` (a table's row, with or without outer pipes).
_ENDS_PARAGRAPH = re.compile(r"[ ]{0,3}(?:#|\||>|!!!|<|\[[^\]]*\]:|(?:[-*_][ ]*){3,}$)|.*[ ]{2}$|.*\|")
# A line that starts a block of its own: a heading or an item of a list. A point under it that
# runs on is another paragraph's (a handbook's next answer, a list's next step).
_STARTS_BLOCK = re.compile(r"[ ]{0,3}(?:#|\d+\.[ \t]|[-*+][ \t])")


def report_points(item: Item | Text, problems: Problems) -> None:
    """Warn of each paragraph in which a lettered point follows another line (module docstring),
    when it is a list: two points or more start lines of the paragraph, or the line before the
    point ends with «:». A single «a) » that starts a line of hand-wrapped prose («… quy định
    tại» / «a) khoản 1 …») is the sentence going on, and is not warned (hostile review, session 55)."""
    body = item.body
    if ")" not in body:  # most files
        return
    previous: tuple[int, str] | None = None  # the last line outside code, if it is the line just before
    paragraph = _Paragraph()
    for offset, line in outside_code(body):
        before = previous[1] if previous is not None and previous[0] == offset - 1 else ""
        previous = (offset, line)
        if not before.strip() or _ENDS_PARAGRAPH.match(before) or _STARTS_BLOCK.match(line) or not line.strip():
            paragraph.close(item, problems)
            if not line.strip():
                continue
            before = ""  # the line starts a paragraph
        found = _POINT.match(line)
        if found is not None:
            paragraph.point(offset, found, before)
    paragraph.close(item, problems)


class _Paragraph:
    """The points of the paragraph being read: how many start its lines, and the first that
    runs on under another line (with that line)."""

    def __init__(self) -> None:
        self.points, self.first = 0, None

    def point(self, offset: int, found: re.Match, before: str) -> None:
        self.points += 1
        if before and self.first is None:
            self.first = (offset, found, before)

    def close(self, item: Item | Text, problems: Problems) -> None:
        """Warn of the paragraph just read if its points are a list, then start another."""
        if self.first is not None and (self.points >= 2 or self.first[2].rstrip().endswith(":")):
            _warn(item, *self.first, problems)
        self.points, self.first = 0, None


def _warn(item: Item | Text, offset: int, found: re.Match, before: str, problems: Problems) -> None:
    point = found.group("point")
    in_step = bool(found.group("indent")) or _STARTS_BLOCK.match(before) is not None  # a heading never gets here
    fix = ("để một dòng trống trước mỗi điểm, để mỗi điểm thành một đoạn riêng"
           + ("; điểm thuộc một bước đánh số hay một gạch đầu dòng thì lùi nó vào 4 dấu cách để nó vẫn thuộc "
              "bước đó" if in_step else ""))
    problems.warn(item.src, item.body_line + offset, "",
                  f"điểm «{point}» ở dòng «{short(found.string.strip(), 50)}» viết liền dưới dòng trên, không có dòng "
                  "trống: trang hiện cả hai dòng thành một đoạn liền, các điểm a), b), c)… không xuống dòng", fix)
