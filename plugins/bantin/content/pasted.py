"""Leftovers of text pasted from Word or a spreadsheet: warnings for what builds but reads wrong.

Editors' reports come as Word files, and pasting them left marks the page shows as they are,
without a word from any check (editor's trial, session 34, F6):
- a table pasted as text: its cells run together with Tab characters between them, one
  paragraph where the reader expected rows and columns;
- Word's bullets pasted into the web editor: `\\-` and a run of spaces (or `-` and a
  non-breaking space, or `·`, or Wingdings' `§` not before a number: «§ 1.» is a section
  sign), a dash at the start of a paragraph where a list was meant
  (`-` and a Tab is a list item to Python-Markdown, and is left alone);
- a paragraph that is only `\\` (or a line starting with `\\` and a space), left by the
  web editor from the space between Word's paragraphs: the page shows the backslash.
Code (fenced, indented, in backticks) is shown as written and is never warned of.
"""

from __future__ import annotations

import re

from bantin.content.literal import outside_code
from bantin.content.model import Item, Text
from bantin.problems import Problems, short

GUIDE_TABLES = "mục 5.4 của hướng dẫn biên tập"
# A Word bullet: `\-` (the web editor's escape) then two spaces or a Tab or a non-breaking
# space; `-` then a non-breaking space (Python-Markdown's list needs a space or a Tab); or a
# bullet character Word types out ("·" of the Symbol font, "•", "▪", "§" of Wingdings…).
_BULLET = re.compile(r"[ ]{0,3}(?:\\[-*+](?:[ ]{2,}|[ ]*[\t\u00a0])|[-*+]\u00a0|[·•▪●◦\uf0b7\uf0a7][ \t\u00a0]"
                     r"|§[ \t\u00a0](?![ \t\u00a0]*\d))[ \t\u00a0]*(?P<text>\S.*)?")  # «§ 1.» is a section sign
_STRAY_BACKSLASH = re.compile(r"[ ]{0,3}\\(?:[ \t\u00a0]+(?P<text>\S.*))?[ \t\u00a0]*")
_TAB_BETWEEN_WORDS = re.compile(r"\S\t+(?=\S)")
# A line that is a table already: a pipe table's row (with or without its outer `|`), or HTML
# (a `<td>` indented or spaced with Tabs): the page shows a table, and a Tab there is only
# spacing (a hostile review, session 35). Word's and Excel's text has no `|` between cells.
_TABLE_ALREADY = re.compile(r"\s*<|[^|]*\|")
_LIST_TAB = re.compile(r"[ ]{0,3}(?:[-*+]|\d{1,9}[.)])\t")  # `-⇥mục`: a list item to Python-Markdown


def report_pasted(item: Item | Text, problems: Problems) -> None:
    """Warn, with the file and line, of each leftover of a paste (module docstring)."""
    body = item.body
    if "\t" not in body and "\\" not in body and not any(c in body for c in "·•▪●◦§\uf0b7\uf0a7\u00a0"):
        return  # nearly every file
    tabbed: list[tuple[int, str]] = []
    for offset, line in outside_code(body):
        if _bullet(item, offset, line, problems) or _backslash(item, offset, line, problems):
            _flush_table(item, tabbed, problems)
        elif _TAB_BETWEEN_WORDS.search(line) and not _LIST_TAB.match(line) and not _TABLE_ALREADY.match(line):
            tabbed.append((offset, line))
            continue
        else:
            _flush_table(item, tabbed, problems)
    _flush_table(item, tabbed, problems)


def _bullet(item: Item, offset: int, line: str, problems: Problems) -> bool:
    found = _BULLET.fullmatch(line)
    if found is None:
        return False
    text = (found.group("text") or "").strip()
    problems.warn(item.src, item.body_line + offset, "",
                  f"dòng «{short(_shown(line), 50)}» bắt đầu bằng dấu đầu dòng của Word (thường do dán từ Word): "
                  "trang hiện nó thành một đoạn văn có dấu gạch, không phải một mục của danh sách",
                  f"viết `- ` (dấu gạch ngang rồi một dấu cách thường) ở đầu dòng: `- {short(text, 40)}`, "
                  "mỗi mục một dòng, trước danh sách có một dòng trống")
    return True


def _backslash(item: Item, offset: int, line: str, problems: Problems) -> bool:
    found = _STRAY_BACKSLASH.fullmatch(line)
    if found is None:
        return False
    text = found.group("text")
    what = (f"dòng «{short(_shown(line), 50)}» bắt đầu bằng một dấu `\\` thừa" if text else
            "đoạn này chỉ có một dấu `\\`")
    problems.warn(item.src, item.body_line + offset, "",
                  f"{what} (thường còn lại sau khi dán từ Word vào trình biên tập web): trang hiện nguyên dấu `\\` đó",
                  f"xóa dấu `\\`{', giữ lại phần chữ' if text else ' (cả dòng này)'}")
    return True


def _shown(line: str) -> str:
    """A line as a message quotes it: a Tab, invisible, as ⇥; a non-breaking space as a space."""
    return line.strip().replace("\t", " ⇥ ").replace("\u00a0", " ")


def _flush_table(item: Item, tabbed: list[tuple[int, str]], problems: Problems) -> None:
    """One warning for a run of lines with Tabs between words: a table pasted as text."""
    if not tabbed:
        return
    first, line = tabbed[0]
    count = len(tabbed)
    lines = f"dòng này và {count - 1} dòng sau" if count > 1 else "dòng này"
    cells = [short(cell.strip(), 20) for cell in line.split("\t") if cell.strip()][:3]
    problems.warn(item.src, item.body_line + first, "",
                  f"{lines} có ký tự Tab giữa các chữ («{' ⇥ '.join(cells)}»), thường là một bảng dán từ Word hay "
                  "Excel dưới dạng chữ: trang hiện tất cả thành một đoạn văn liền, các ô dính vào nhau",
                  "viết lại thành bảng Markdown: mỗi hàng một dòng `| ô 1 | ô 2 | ô 3 |`, dòng thứ hai là "
                  f"`| --- | --- | --- |` (xem {GUIDE_TABLES}); trong trình biên tập web, dán bảng từ Word vào ô "
                  "Nội dung thì bảng được giữ. Không phải bảng thì thay Tab bằng dấu cách")
    tabbed.clear()
