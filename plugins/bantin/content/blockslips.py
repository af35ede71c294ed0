"""Tables and note boxes that build but are not what the editor wrote: warnings.

Found by a guide editor's trial (session 55), each published without a word from `check`:
- a table whose header row has more or fewer cells than its line of dashes (`| A | B | C |`
  over `|---|---|`): Python-Markdown reads no table at all, and the page shows the rows as
  lines of `|` text;
- a note box (`!!! note "Lưu ý"`) whose text is indented less than four spaces: the box is
  empty and its text falls out below it;
- a note box with no title in quotes: the page shows its type as its title, in English
  (`!!! note` is a box titled «Note») or cut (`!!! Lưu ý` is a box titled «Lưu»).
And from the hostile review of that change: a table glued under a line of text (no table
either), and a `!!!` line that is no box at all (curly quotes, words after the title, spaces
before it): the page prints it as text.
Code (fenced, indented, in backticks) is shown as written and is never warned of.
"""

from __future__ import annotations

import re

from bantin.content.literal import outside_code
from bantin.content.model import Item, Text
from bantin.problems import Problems, short

GUIDE_NOTES = "mục 3.3 của hướng dẫn biên tập"
# Python-Markdown's admonition line (markdown.extensions.admonition): it starts at the margin.
_NOTE = re.compile(r'!!! ?(?P<kind>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *')  # at the margin only
_QUOTES = "\"'“”‘’«»"
# A table's line of dashes: cells of `-` with `:` for alignment, between `|`.
_DASHES = re.compile(r"[ ]{0,3}\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*")
_PIPE = re.compile(r"(?<!\\)\|")
_END_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|$")  # Python-Markdown's RE_END_BORDER
# A line after which a table may start without a blank line: a heading (its own block).
_HEADING = re.compile(r"[ ]{0,3}#")
# Material's kinds of note box (its admonition stylesheet); another word is a box with a note's look.
KINDS = frozenset("note abstract summary tldr info todo tip hint important success check done question help faq "
                  "warning caution attention failure fail missing danger error bug example quote cite".split())


def report_block_slips(item: Item | Text, problems: Problems) -> None:
    """Warn of each table and note box the page shows otherwise than written (module docstring)."""
    body = item.body
    if "!!!" not in body and "|" not in body:  # most files
        return
    lines = dict(outside_code(body))
    for offset, line in lines.items():
        if "!!!" in line and line.startswith(("!!!", " !!!", "  !!!", "   !!!")):  # four spaces in: nested, not judged
            _note(item, offset, line, lines, problems)
        elif "|" in line and "`" not in line and offset + 1 in lines and "-" in lines[offset + 1]:
            _table(item, offset, line, lines[offset + 1], lines, problems)


def _cells(row: str, border: bool) -> int:
    """How many cells Python-Markdown's tables read in `row` (its `_split_row`, code spans
    blanked): when the header has an outer pipe on either side, every row loses both of its own."""
    row = row.strip()
    if border:
        row = row[1:] if row.startswith("|") else row
        row = row[:-1] if _END_PIPE.search(row) else row
    return len(_PIPE.split(row))


def _table(item: Item, offset: int, header: str, dashes: str, lines: dict[int, str], problems: Problems) -> None:
    if not _DASHES.fullmatch(dashes) or "|" not in dashes:
        return
    head = header.strip()
    left, right = head.startswith("|"), _END_PIPE.search(head) is not None
    wanted, drawn = _cells(header, left or right), _cells(dashes, left or right)
    if wanted < 2:
        return
    above = lines.get(offset - 1, "")
    glued = bool(above.strip()) and not _HEADING.match(above) and "|" not in above
    if wanted == drawn and not glued:
        return
    line = " | ".join(["---"] * wanted)
    line = ("| " if left else "") + line + (" |" if right else "")
    where = item.body_line + offset
    if wanted != drawn:
        message = (f"hàng tiêu đề có {wanted} ô mà dòng kẻ ngay dưới có {drawn} ô")
        fix = (f"viết dòng kẻ (dòng {where + 1}) với đúng {wanted} ô: `{line}`; nếu hàng tiêu đề thừa ô thì bớt ô đó"
               + ("; và để một dòng trống trước hàng tiêu đề" if glued else ""))
    else:
        message = "hàng tiêu đề viết liền dưới một dòng chữ, không có dòng trống"
        fix = f"để một dòng trống giữa dòng {where - 1} và hàng tiêu đề (dòng {where})"
    problems.warn(item.src, where, "", f"bảng ở dòng «{short(head, 50)}» không hiện thành bảng: {message}, nên trang "
                  "in các hàng ra thành chữ có dấu `|`", fix)


def _note_line(text: str) -> str:
    """The note box line to type for what follows `!!!` in `text`: a known kind kept (else
    `note`), the rest as the title in straight quotes (else «Lưu ý»)."""
    words = text.strip().removeprefix("!!!").strip()
    first = words.split(" ", 1)[0].strip(_QUOTES).lower() if words else ""
    title = words.split(" ", 1)[1] if first in KINDS and " " in words else ("" if first in KINDS else words)
    title = " ".join("".join(c for c in title if c not in _QUOTES).split()) or "Lưu ý"
    return f'!!! {first if first in KINDS else "note"} "{short(title, 60)}"'


def _note(item: Item, offset: int, line: str, lines: dict[int, str], problems: Problems) -> None:
    found = _NOTE.fullmatch(line)
    if found is None or line.startswith(" "):
        why = ("có dấu cách trước `!!!`: khung chỉ bắt đầu ở đầu dòng" if line.startswith(" ") else
               "tên khung phải nằm trong ngoặc kép thẳng `\"…\"` (không phải “…”, '…'), không có chữ nào sau nó")
        problems.warn(item.src, item.body_line + offset, "",
                      f"dòng `{short(line.strip(), 50)}` không thành khung ghi chú: {why}; trang in dòng này ra thành chữ",
                      f"viết `{_note_line(line)}` ở đầu dòng ({GUIDE_NOTES})")
        return
    kind, title = found.group("kind"), found.group("title")
    if title is None:
        problems.warn(item.src, item.body_line + offset, "",
                      f"khung ghi chú `{short(line.strip(), 40)}` không có tên trong ngoặc kép: trang lấy chữ "
                      f"sau `!!!` (kiểu khung, viết bằng tiếng Anh) làm tên, nên khung hiện tên "
                      f"«{kind.split()[0].capitalize()}»",
                      f"viết kiểu khung rồi tên khung trong ngoặc kép: `{_note_line(line)}` ({GUIDE_NOTES})")
    _note_text(item, offset, lines, problems)


def _note_text(item: Item, offset: int, lines: dict[int, str], problems: Problems) -> None:
    """The box's first line of text, if it is not indented four spaces: the box is empty."""
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
