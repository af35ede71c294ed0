"""A Markdown table's rows cut into cells as Python-Markdown's tables extension cuts them.

`_split_row` takes the border `|` off either end (the end one with the `\\\\` pairs before it),
then cuts at every `|` that is neither escaped (`\\|`) nor in a code span; `_build_row` makes as
many cells as the header has and drops the rest. Each cell is then read on its own: no link and
no comment runs from one into the next. The link check (`content.blocks`) and the plain text of
a page (`text.plain`) both cut rows here (session 39).
"""

from __future__ import annotations

import re

from bantin.text.codespans import blank_inline_code

END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")  # tables' RE_END_BORDER
_PIPE = re.compile(r"\\\\|\\\||(\|)")  # a cell's `|` (group 1), not an escaped one


def bordered(row: str) -> bool:
    """Whether a header row (its spaces around taken off) has a border, which every row then has."""
    return row.startswith("|") or END_BORDER.search(row) is not None


def cuts(row: str, border: bool) -> tuple[int, list[int], int]:
    """Where a table row's cells lie, as tables' `_split_row` reads `row` (its spaces around
    already taken off): the first cell's start, the offsets of the `|` between cells, the last
    cell's end. With a border the `|` at either end is no cut; a `|` in a code span or after
    `\\\\` is none either. Code spans are read after the end border is cut, as there."""
    lo = 1 if border and row.startswith("|") else 0
    hi = len(row)
    if border and (end := END_BORDER.search(row, lo)) is not None:
        hi = end.start()  # its escaped backslashes go with it, as `RE_END_BORDER.sub` takes them
    blanked = blank_inline_code(row[lo:hi])
    return lo, [lo + m.start(1) for m in _PIPE.finditer(blanked) if m.group(1)], hi


def cells(row: str, border: bool) -> list[str]:
    """A table row's cells as tables' `_split_row` makes them."""
    lo, found, hi = cuts(row, border)
    return [row[start + 1:end] for start, end in zip([lo - 1] + found, found + [hi])]
