"""A progress line for a long import, on a terminal only.

Importing 1,500 Q&A pages into one handbook takes over two minutes (each question is checked
against the whole handbook), and the report is printed at the end: the province's one IT
person saw nothing move and could not tell a long run from a hung one. The line is rewritten
in place (`\\r`) and cleared before the report; piped into a file or a CI log, nothing is
written, so logs stay the report alone.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

from bantin.problems import short, visible


class Progress:
    """`progress(what, done, total, path)`, the callback the importer calls for each page:
    "Đang đọc 37/1500: trang-cu/hd36.html" on one line of the terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = 0  # characters of the line now on screen
        try:
            self.on = self.stream.isatty()
        except (AttributeError, ValueError):  # a closed or odd stream: no line
            self.on = False

    def __call__(self, what: str, done: int, total: int, path: Path) -> None:
        if not self.on:
            return
        width = max(20, shutil.get_terminal_size().columns - 1)  # never wraps: \r goes back one line only
        line = short(f"{what} {done}/{total}: {visible(path)}", width)
        self.stream.write("\r" + line.ljust(self.shown))
        self.stream.flush()
        self.shown = len(line)

    def clear(self) -> None:
        """Remove the line, so the report starts on a clean one."""
        if self.on and self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0
