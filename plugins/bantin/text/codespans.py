"""Code spans as Python-Markdown makes them: where a paragraph's code is shown as written.

Its backtick pattern runs first of the inline patterns, so nothing in a code span is a link,
an escape or a mark: `` `[x](y.md)` `` shows `[x](y.md)`. The link check (`content.literal`,
`content.links`) blanks code spans before reading links; the plain text of a page
(`text.plain`: descriptions, feeds, search) keeps their code as written (session 39). Python-
Markdown's own search (`find_code_spans`) rescans the rest of the text from every unclosed run
of backticks; this reading is linear: the runs are found once, and the run that closes a span
is looked up in an index of the runs by length.
"""

from __future__ import annotations

import bisect
import re

_TICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _opens(line: str, tick: int, last: int, position: int) -> bool:
    """Whether the backtick at `tick` may open a code span when the search is at `position`
    (`last` ends the previous span): no backslash right before it, or an even run of them, all
    after `position` (Python-Markdown reads `\\\\` there as one escaped backslash)."""
    count = 0
    while tick - count > last and line[tick - count - 1] == "\\":
        count += 1
    return count == 0 or (count % 2 == 0 and tick - count >= position)


def _longest_from(lengths: list[int]) -> list[int]:
    """For each index, the index of the first longest run from there to the end."""
    best = [0] * len(lengths)
    for index in range(len(lengths) - 1, -1, -1):
        later = best[index + 1] if index + 1 < len(lengths) else index
        best[index] = index if lengths[index] >= lengths[later] else later
    return best


def code_spans(text: str) -> list[tuple[int, int, int]]:
    """Every code span Python-Markdown makes in `text` (one paragraph, or a line): (start, end,
    ticks), the span being `text[start:end]` and its code `text[start + ticks:end - ticks]`
    (before `.strip()`, which the page does too).

    As its backtick pattern (3.x): a run of backticks opens a span unless a backslash escapes
    its first tick (the rest of that run may still open one); the span closes at the next run of
    the same length, else at the longest later run when every later run is shorter (the extra
    opening ticks are then code: ```` ```c`` ```` is `` `c ``); when nothing closes it, the search
    goes on as many characters after the run as it has ticks (`find_code_spans` returns that)."""
    if "`" not in text:
        return []
    runs = [m.span() for m in _TICKS.finditer(text)]
    closing = _Closing([end - start for start, end in runs])
    backslashes = "\\" in text
    found, index, last, position = [], 0, 0, 0
    while True:
        while index < len(runs) and runs[index][1] <= position:
            index += 1
        if index == len(runs):
            break
        start, end = runs[index]
        tick = start if start >= position else position
        if tick == start and backslashes and not _opens(text, start, last, position):
            tick += 1  # `\`` is a backtick shown as text
        closed = closing.of(end - tick, index)
        if closed is None:
            position = end + (end - tick)
            continue
        close_start, close_end = runs[closed]
        found.append((tick, close_end, close_end - close_start))
        last = position = close_end
        index = closed + 1
    return found


def blank_inline_code(line: str) -> str:
    """`line` (a line, or a paragraph's lines) with every code span Python-Markdown makes
    (`code_spans`) replaced by spaces, newlines kept."""
    if "`" not in line:
        return line
    out, last = [], 0
    for start, end, _ in code_spans(line):
        code = line[start:end]
        out += [line[last:start], _NOT_NEWLINE.sub(" ", code) if "\n" in code else " " * len(code)]
        last = end
    return "".join(out) + line[last:]


class _Closing:
    """Which run of backticks closes a span, from the runs' lengths (indexes made when first
    needed: most spans close at the very next run)."""

    def __init__(self, lengths: list[int]):
        self.lengths = lengths
        self.by_length: dict[int, list[int]] = {}
        self.longest: list[int] = []

    def of(self, opening: int, index: int) -> int | None:
        """The run that closes a span opened by `opening` ticks at run `index`, or None."""
        lengths = self.lengths
        if not opening or index + 1 == len(lengths):
            return None
        if lengths[index + 1] == opening:
            return index + 1
        if not self.by_length:
            for number, length in enumerate(lengths):
                self.by_length.setdefault(length, []).append(number)
        same = self.by_length.get(opening, [])
        position = bisect.bisect_right(same, index)
        if position < len(same):
            return same[position]
        if not self.longest:
            self.longest = _longest_from(lengths)
        return self.longest[index + 1] if lengths[self.longest[index + 1]] < opening else None
