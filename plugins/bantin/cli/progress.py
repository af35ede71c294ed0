"""A progress line for a long import, on a terminal only.

Importing 1,500 Q&A pages into one handbook takes over two minutes (each question is checked
against the whole handbook), and the report is printed at the end: the province's one IT
person saw nothing move and could not tell a long run from a hung one. The line is rewritten
in place (`\\r`) and cleared before the report; piped into a file or a CI log, nothing is
written, so logs stay the report alone.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import TextIO

from bantin.problems import visible


class Progress:
    """`progress(what, done, total, path)`, the callback the importer calls for each page:
    "Đang đọc 37/1500: trang-cu/hd36.html" on one line of the terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = 0  # columns of the line now on screen
        try:
            self.on = self.stream.isatty()
        except (AttributeError, ValueError):  # a closed or odd stream: no line
            self.on = False

    def __call__(self, what: str, done: int, total: int, path: Path) -> None:
        if not self.on:
            return
        columns = self._columns()
        if columns < MIN_COLUMNS:  # no room for a line that says anything: none, rather than litter
            self.clear()
            return
        line = _fit(f"{what} {done}/{total}: {visible(path)}", columns - 1)  # never wraps: \r goes back one row
        cells = _cells(line)
        self.stream.write("\r" + line + " " * max(0, self.shown - cells))
        self.stream.flush()
        self.shown = cells

    def clear(self) -> None:
        """Remove the line, so the report starts on a clean one."""
        if self.on and self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

    def _columns(self) -> int:
        """The width of the terminal written to: with the report sent to a file (`> bao-cao.txt`),
        standard output's size is no terminal's and Python's fallback of 80 made the line wrap."""
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return shutil.get_terminal_size().columns


MIN_COLUMNS = 20


def _cells(text: str) -> int:
    """Columns the text takes on a terminal: two for a wide character (Chinese, Japanese…),
    none for a combining mark."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """The text cut to `width` columns, "…" at the cut."""
    if _cells(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = _cells(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"
