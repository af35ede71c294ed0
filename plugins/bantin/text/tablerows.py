"""A Markdown table's rows cut into cells as Python-Markdown's tables extension cuts them.

`_split_row` takes the border `|` off either end (the end one with the `\\\\` pairs before it),
then cuts at every `|` that is neither escaped (`\\|`) nor in a code region as `_split` pairs
backtick runs (not as inline code spans pair: `_split` closes a run with the next run of its
size, an escaped one included, so `` `a|\\`b `` is one cell); `_build_row` makes as
many cells as the header has and drops the rest. Each cell is then read on its own: no link and
no comment runs from one into the next. The link check (`content.blocks`) and the plain text of
a page (`text.plain`) both cut rows here (session 39), with `_split`'s own pairing since
session 40 (before, inline code spans: 18% of random rows of `|`, backticks and `\\` were cut
otherwise than the page).
"""

from __future__ import annotations

import bisect
import re


END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")  # tables' RE_END_BORDER


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
    return lo, [lo + pipe for pipe in pipes_like_tables(row[lo:hi])], hi


def cells(row: str, border: bool) -> list[str]:
    """A table row's cells as tables' `_split_row` makes them."""
    lo, found, hi = cuts(row, border)
    return [row[start + 1:end] for start, end in zip([lo - 1] + found, found + [hi])]


# Python-Markdown's own split (tables' `_split`), in linear time. Its pairing of backtick runs
# searched a copy of the rest of the list for every run (`tics[pos + 1:].index(size)`) and each
# `|` was compared with every code region before it: a 200 KB row of `| \`a | b\` ` took 12.7 s
# of CPU, 0.8 MB 225 s (session 39). The same three steps, each in one pass (session 40).
_CODE_PIPES = re.compile(r"(?:(\\\\)|(\\`+)|(`+)|(\\\|)|(\|))")  # tables' RE_CODE_PIPES


def _runs_and_pipes(row: str) -> tuple[list[int], list[tuple[int, int, int]], list[int]]:
    """Backtick runs (their length without a leading `\\`; start, last offset, escape length)
    and the `|` not escaped, as `_split` reads them in its first loop."""
    sizes, points, pipes = [], [], []
    for match in _CODE_PIPES.finditer(row):
        if match.group(2):
            sizes.append(len(match.group(2)) - 1)
            points.append((match.start(2), match.end(2) - 1, 1))
        elif match.group(3):
            sizes.append(len(match.group(3)))
            points.append((match.start(3), match.end(3) - 1, 0))
        elif match.group(5):
            pipes.append(match.start(5))
    return sizes, points, pipes


def _code_regions(sizes: list[int], points: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """`_split`'s pairing: from each run not yet paired, the next run of its size (the opener's
    escape taken off its own size only) closes it, and the search goes on after the closer.

    The next run of a size is found with bisect in that size's list of runs, not by copying the
    rest of the list: the same first index `list.index` finds.
    """
    where: dict[int, list[int]] = {}
    for index, size in enumerate(sizes):
        where.setdefault(size, []).append(index)
    regions, pos = [], 0
    while pos < len(sizes):
        size = sizes[pos] - points[pos][2]
        later = where.get(size, ()) if size else ()
        found = bisect.bisect_right(later, pos) if later else 0
        if found < len(later):
            closer = later[found]
            regions.append((points[pos][0], points[closer][1]))
            pos = closer + 1
        else:
            pos += 1
    return regions


def pipes_like_tables(row: str) -> list[int]:
    """The offsets of the `|` at which tables' `_split` cuts `row` (its border already taken off).

    A `|` inside a code region (ends included) is no cut. The regions come in order and do
    not overlap, as the pipes do, so one walk over both decides every `|`.
    """
    sizes, points, pipes = _runs_and_pipes(row)
    regions = _code_regions(sizes, points)
    found, region = [], 0
    for pipe in pipes:
        while region < len(regions) and regions[region][1] < pipe:
            region += 1
        if region < len(regions) and regions[region][0] <= pipe:
            continue  # within a code region
        found.append(pipe)
    return found


def split_like_tables(row: str) -> list[str]:
    """A row (its border already taken off) cut into cells exactly as tables' `_split` cuts it."""
    cuts_at = pipes_like_tables(row)
    return [row[start + 1:end] for start, end in zip([-1] + cuts_at, cuts_at + [len(row)])]
