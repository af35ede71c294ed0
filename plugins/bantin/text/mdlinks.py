"""Markdown's inline links, images and reference uses, with brackets paired as Python-Markdown does.

Python-Markdown reads a link's words up to the bracket that balances its `[`, at any depth:
`[Luật Đất đai [sửa đổi]](x.md)` is one link (a regex cannot count brackets, session 35). It
runs its inline patterns one after the other over a paragraph: reference uses `[words][label]`,
then links, images, short references `[label]`. A link or picture written in a link's words
is read too: Python-Markdown makes it one when anything styled comes before it in the words
(`[a *b* [c](d.md)](x.md)`, or a picture), and shows it as text otherwise; the check and the
takedown read it always, which errs on the side of a link (a word too many checked, never a
link to a missing page published unseen). In a target nothing is read.

A link's words stay within one text (a paragraph, a list item's words, a heading): where each
text begins is given by `content.blocks`, which follows Python-Markdown's block parser (session
36). The link check reads links with it (`content.links`), the plain text of a page their words
(`text.linkwords`, session 39): it is a text rule, below both.

Every function is linear in the text (up to a log factor): brackets are paired in one pass with
a stack, and each `](` is tried once, by a pattern that never backtracks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Collection, Sequence

_CHAR = r"(?:[^()\s<>]|\([^()\s<>]*\))"  # a character of a target, or a (group) without spaces
# A target's words: as in Python-Markdown, `Ảnh hội nghị.jpg` is one target with spaces; a word
# that starts with a quote is the title. Possessive and atomic (`*+`, `(?>…)`): no way of reading
# a target is tried twice, so `[a](` and 300 KB of spaces is one pass (the backtracking kind took
# minutes, session 35).
_WORDS = rf"{_CHAR}*+(?:[ \t]++(?:[^()\s<>\"']|\([^()\s<>]*\)){_CHAR}*+)*+"
_TITLE = r"""(?:\s*+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*+\)"""
_TARGET = re.compile(rf"\(\s*+((?><[^<>\n]*>|{_WORDS})){_TITLE}")  # `(target "title")`; group 1: the target
# A bracket, or a blank line (in a quote too): a paragraph ends there, and so does any link text.
_BRACKET = re.compile(r"[\[\]]|\n[ \t>]*(?=\n)")
_BRACKET_ONLY = re.compile(r"[\[\]]")
_LABEL = re.compile(r"\s?\[([^\]]*)\]")  # Python-Markdown's `[words][label]`: the label part


@dataclass(frozen=True)
class Inline:
    """One `[words](target)` or `![alt](src)` Python-Markdown makes a link or an image."""

    start: int  # the `[` of a link, the `!` of an image
    text: tuple[int, int]  # the words or alt, between the brackets
    target: tuple[int, int]  # the target as written (with its `<>` when so written)
    end: int
    image: bool


@dataclass(frozen=True)
class RefUse:
    """One `[words][label]`, `[label][]` or `[label]` Python-Markdown reads as a reference use."""

    start: int
    text: tuple[int, int]
    end: int
    label: str  # as written (the words for `[label][]` and `[label]`)


def bracket_pairs(inline: str, starts: Sequence[int] | None = None) -> dict[int, int]:
    """Offset of each `[` that a later `]` of its paragraph balances -> offset of that `]`:
    what Python-Markdown's `getText` finds from that `[`. `inline` has its escapes blanked
    (`literal.blank_escapes`) and its code blanked, so neither counts. `starts` are the offsets
    where another text begins (`blocks.Reading.text_starts`: a list item after another, a
    heading, a paragraph after a blank line); without them a blank line ends a text."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    following = 0
    if starts is None:
        marks, starts = _BRACKET, ()
    else:
        marks = _BRACKET_ONLY  # a line blanked where a code span was is no blank line
    for m in marks.finditer(inline):
        mark = m.group()
        while following < len(starts) and starts[following] <= m.start():
            opened.clear()
            following += 1
        if mark == "[":
            opened.append(m.start())
        elif mark == "]":
            if opened:
                pairs[opened.pop()] = m.start()
        else:
            opened.clear()
    return dict(sorted(pairs.items()))


def inline_links(inline: str, pairs: dict[int, int] | None = None, starts: Sequence[int] | None = None) -> list[Inline]:
    """Every inline link and image of `inline` (its escapes and code blanked), by their start:
    each `[…]` followed by a target that reads within its text (`starts`, as `bracket_pairs`),
    unless it is written inside another's target."""
    pairs = bracket_pairs(inline, starts) if pairs is None else pairs
    found: list[Inline] = []
    targets: list[tuple[int, int]] = []  # targets that may hold what comes next, innermost last
    for start, close in pairs.items():
        while targets and targets[-1][1] <= start:
            targets.pop()
        if targets and targets[-1][0] <= start:
            continue  # `[a](b[1](2).md)`: one target
        m = _TARGET.match(inline, close + 1)
        if m is not None and _within_text(starts or (), close, m.end()):
            image = inline[start - 1:start] == "!"
            found.append(Inline(start - image, (start + 1, close), m.span(1), m.end(), image))
            targets.append((close + 1, m.end()))
    return found


def _within_text(starts: Sequence[int], start: int, end: int) -> bool:
    """Whether no other text begins after `start` and before `end` (`starts` sorted)."""
    index = bisect.bisect_right(starts, start)
    return index == len(starts) or starts[index] >= end


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a span of `spans` (sorted, not overlapping: `merged_spans`) holds `offset`."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` sorted, those that overlap (a picture in a picture's alt) made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def reference_uses(inline: str, pairs: dict[int, int], links: list[Inline],
                   definitions: Collection[int] = (), starts: Sequence[int] | None = None) -> list[RefUse]:
    """Reference uses, by their start: `[words][label]` and `[label][]` first (left to right,
    each read to its end, known label or not), then `[label]`, read after links and images: not
    a link's own `[`, nothing in a target, an image or a use's `[label]`, no definition's
    `[label]:` (their offsets are `definitions`)."""
    full = _full_references(inline, pairs, starts)
    taken = {use.start for use in full} | {link.start for link in links if not link.image} | set(definitions)
    hidden = merged_spans([(link.text[1], link.end) for link in links if not link.image] +
                    [(link.start, link.end) for link in links if link.image] +
                    [(use.text[1], use.end) for use in full])
    short: list[RefUse] = []
    end = -1
    for start, close in pairs.items():
        if start < end or start in taken or inline[start - 1:start] == "!" or _within(start, hidden):
            continue
        short.append(RefUse(start, (start + 1, close), close + 1, inline[start + 1:close]))
        end = close + 1
    return sorted(full + short, key=lambda use: use.start)


def _full_references(inline: str, pairs: dict[int, int], starts: Sequence[int] | None = None) -> list[RefUse]:
    """`[words][label]` and `[words][]`: Python-Markdown's first inline pattern after code and
    escapes; after one (its label known or not) the search goes on past its end."""
    found: list[RefUse] = []
    end = -1
    for start, close in pairs.items():
        if start < end or inline[start - 1:start] == "!":
            continue
        m = _LABEL.match(inline, close + 1)
        if m is not None and _within_text(starts or (), close, m.end()):
            found.append(RefUse(start, (start + 1, close), m.end(), m.group(1) or inline[start + 1:close]))
            end = m.end()
    return found
