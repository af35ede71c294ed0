"""Tables and note boxes that build but are not what the editor wrote: warnings.

Found by a guide editor's trial (session 55), each published without a word from `check`:
- a table whose header row has more or fewer cells than its line of dashes (`| A | B | C |`
  over `|---|---|`): Python-Markdown reads no table at all, and the page shows the rows as
  lines of `|` text;
- a note box (`!!! note "Lưu ý"`) whose text is indented less than four spaces: the box is
  empty and its text falls out below it;
- a note box with no title in quotes: the page shows its type as its title, in English
  (`!!! note` is a box titled «Note») or cut (`!!! Lưu ý` is a box titled «Lưu»).
Code (fenced, indented, in backticks) is shown as written and is never warned of.
"""

from __future__ import annotations

import re

from bantin.content.literal import outside_code
from bantin.content.model import Item
from bantin.problems import Problems, short

GUIDE_NOTES = "mục 3.3 của hướng dẫn biên tập"
# Python-Markdown's admonition line (markdown.extensions.admonition), at most 3 spaces in.
_NOTE = re.compile(r'[ ]{0,3}!!! ?(?P<kind>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *')
# A table's line of dashes: cells of `-` with `:` for alignment, between `|`.
_DASHES = re.compile(r"[ ]{0,3}\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*")
_PIPE = re.compile(r"(?<!\\)\|")
# Material's kinds of note box (its admonition stylesheet); another word is a box with a note's look.
KINDS = frozenset("note abstract summary tldr info todo tip hint important success check done question help faq "
                  "warning caution attention failure fail missing danger error bug example quote cite".split())


def report_block_slips(item: Item, problems: Problems) -> None:
    """Warn of each table and note box the page shows otherwise than written (module docstring)."""
    body = item.body
    if "!!!" not in body and "|" not in body:  # most files
        return
    lines = dict(outside_code(body))
    for offset, line in lines.items():
        if "!!!" in line and (found := _NOTE.fullmatch(line)):
            _note(item, offset, found, lines, problems)
        elif "|" in line and "`" not in line and offset + 1 in lines and "-" in lines[offset + 1]:
            _table(item, offset, line, lines[offset + 1], problems)


def _cells(row: str, left: bool, right: bool) -> int:
    """How many cells Python-Markdown's tables read in `row` (its `_split_row`, code spans
    blanked): the header's outer pipes decide, for every row, whether an outer `|` is a border."""
    row = row.strip()
    row = row[1:] if left and row.startswith("|") else row
    row = row[:-1] if right and row.endswith("|") and not row.endswith("\\|") else row
    return len(_PIPE.split(row))


def _table(item: Item, offset: int, header: str, dashes: str, problems: Problems) -> None:
    if not _DASHES.fullmatch(dashes) or "|" not in dashes:
        return
    head = header.strip()
    left, right = head.startswith("|"), head.endswith("|") and not head.endswith("\\|")
    wanted, drawn = _cells(header, left, right), _cells(dashes, left, right)
    if wanted == drawn or wanted < 2:
        return
    line = " | ".join(["---"] * wanted)
    line = ("| " if left else "") + line + (" |" if right else "")
    problems.warn(item.src, item.body_line + offset, "",
                  f"bảng ở dòng «{short(head, 50)}» không hiện thành bảng: hàng tiêu đề có {wanted} ô mà dòng "
                  f"kẻ ngay dưới có {drawn} ô, nên trang in các hàng ra thành chữ có dấu `|`",
                  f"viết dòng kẻ (dòng {item.body_line + offset + 1}) với đúng {wanted} ô: `{line}`; nếu hàng tiêu đề "
                  "thừa ô thì bớt ô đó")


def _note(item: Item, offset: int, found: re.Match, lines: dict[int, str], problems: Problems) -> None:
    kind, title = found.group("kind"), found.group("title")
    if title is None:
        words = kind if not kind.isascii() else "Lưu ý"
        first = kind.split()[0].lower()
        line = f'!!! {first if first in KINDS else "note"} "{words}"'
        problems.warn(item.src, item.body_line + offset, "",
                      f"khung ghi chú `{short(found.group(0).strip(), 40)}` không có tên trong ngoặc kép: trang lấy chữ "
                      f"sau `!!!` (kiểu khung, viết bằng tiếng Anh) làm tên, nên khung hiện tên «{first.capitalize()}»",
                      f"viết kiểu khung rồi tên khung trong ngoặc kép: `{line}` ({GUIDE_NOTES})")
    after = offset + 1
    blank = False
    while after in lines and not lines[after].strip():
        after, blank = after + 1, True
    text = lines.get(after)
    if text is None or text.startswith(("    ", "\t")):
        return
    indent = len(text) - len(text.lstrip(" "))
    if blank and indent == 0:  # a box of a title alone, then a paragraph: nothing says otherwise
        return
    problems.warn(item.src, item.body_line + after, "",
                  f"chữ «{short(text.strip(), 40)}» dưới khung ghi chú ở dòng {item.body_line + offset} lùi vào "
                  f"{indent} dấu cách, không phải 4: khung hiện trống, chữ nằm ra ngoài, dưới khung",
                  f"lùi mỗi dòng chữ của khung vào đúng 4 dấu cách (hay một phím Tab) ({GUIDE_NOTES})")
