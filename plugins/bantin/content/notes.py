"""Notes for colleagues that the page would show: warnings for a note that is not hidden.

The guide (§5.3) teaches two ways to leave a note readers never see: `<!-- … -->` and a line
`[//]: # (…)`. Two slips turn the note into text on the page, with whatever it says (a
reviewer's name, "chờ duyệt", a phone number), and nothing said so (session 36):
- `<!--` never closed by `-->`: Python-Markdown shows the comment's words as text;
- `\\[//]: # (…)`: the rich text editor escapes a `[//]` typed there, and the page shows it.
Code (fenced, indented, in backticks) is shown as written and is never warned of.
"""

from __future__ import annotations

import re

from bantin.content.literal import outside_code
from bantin.content.model import Item, Text
from bantin.problems import Problems, short

GUIDE_NOTES = "mục 5.3 của hướng dẫn biên tập"
_OPEN, _CLOSE = "<!--", "-->"
_ESCAPED_NOTE = re.compile(r"[ ]{0,3}\\\[//\\?\]:")


def report_notes(item: Item | Text, problems: Problems) -> None:
    """Warn, with the file and line, of a note the page would show (module docstring)."""
    body = item.body
    if _OPEN not in body and "[//" not in body:
        return  # nearly every file
    opened: tuple[int, str] | None = None  # (offset, line) of a `<!--` not closed yet
    for offset, line in outside_code(body):
        if _ESCAPED_NOTE.match(line):
            _escaped(item, offset, line, problems)
        opened = _comments(line, offset, opened)
    if opened is not None:
        _unclosed(item, *opened, problems)


def _comments(line: str, offset: int, opened: tuple[int, str] | None) -> tuple[int, str] | None:
    """The comment still open after `line`: each `<!--` is closed by the first `-->` after it."""
    at = 0
    while True:
        if opened is not None:
            end = line.find(_CLOSE, at)
            if end < 0:
                return opened
            opened, at = None, end + len(_CLOSE)
        start = line.find(_OPEN, at)
        if start < 0:
            return None
        opened, at = (offset, line), start + len(_OPEN)


def _escaped(item: Item, offset: int, line: str, problems: Problems) -> None:
    problems.warn(item.src, item.body_line + offset, "",
                  f"dòng «{short(line.strip(), 50)}» là một ghi chú bị thêm dấu `\\` ở đầu (trình biên tập web làm vậy "
                  "khi gõ `[//]` ở chế độ văn bản định dạng): trang hiện nguyên dòng này cho người đọc",
                  f"xóa dấu `\\` ở đầu dòng, hoặc viết ghi chú thành `<!-- … -->` trên một dòng riêng ({GUIDE_NOTES})")


def _unclosed(item: Item, offset: int, line: str, problems: Problems) -> None:
    problems.warn(item.src, item.body_line + offset, "",
                  f"ghi chú mở bằng `<!--` ở dòng «{short(line.strip(), 50)}» không có `-->` đóng lại: trang hiện "
                  "nguyên chữ của ghi chú cho người đọc",
                  f"thêm `-->` ở cuối ghi chú, ví dụ `<!-- Chờ duyệt -->` ({GUIDE_NOTES})")
