"""Python-Markdown's "is this comment inside an inline element?" answered in linear time (session 38).

Python-Markdown's raw HTML extractor (`markdown.htmlparser.HTMLExtractor`, and md_in_html's
`HTMLExtractorExtra` built on it) keeps a stack of the inline tags left open in the current
paragraph. At each comment it asks `inline_close_follows`: does one of those tags close
(`</\\s*tag\\s*>`, any case) later in the paragraph? If so the comment is inline text, else a
block of its own. It answers by copying the rest of the text, splitting it at the next blank
line, and running one new pattern over that per entry of the stack: a comment costs
(stack size × rest of the paragraph), so `<span><!---->` repeated is cubic (2,000 times,
26 KB: 10.8 s of CPU). Closing each inline tag costs a scan of the stack too (`tag in stack`).

`LinearInlineClose`, mixed in before the extractor class, gives the same answers:

- the next blank line after a position is found once and kept while the position stays
  before it (positions only move forward while one text is fed);
- the paragraph's closing tags are read once (`</`, spaces, a name, spaces, `>`), each name
  keyed as the `re.IGNORECASE` pattern compares characters (`_sre`'s lower case and the
  `re` module's extra equivalences, like `ſ` and `s`); the last one of each name is kept, and
  checked against the very pattern Python-Markdown builds;
- the open tags are counted per name beside the stack, and a heap keeps, for the tags on
  it, where each closes last in the current paragraph: a comment looks at the top only.

Its other two stacks (`stack`, the tags of a raw block; md_in_html's `mdstack`) are asked
`tag in stack` at every closing tag too: `<div>` then 40,000 × `<span>` and as many `</b>`
took 2 s for 163 KB, growing with the square. They become `CountedStack`s.

A tag name holding `/` or `>` (no HTML parser gives one) falls back to Python-Markdown's own
search, so the answers stay the same whatever the input. No Markdown import: the mixin uses
the attributes every `HTMLParser` has (`rawdata`, `offset`, `line_offset`).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from functools import lru_cache

try:  # how re.IGNORECASE compares characters (Python 3.11+; private, hence the fallback)
    from _sre import unicode_tolower as _tolower
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python: a coarser key, the pattern still decides
    _tolower, _EXTRA_CASES = None, {}

_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # Python-Markdown's inner_blank_line_re
_CLOSING = re.compile(r"</([^/>]*)>")  # linear: each try stops at the next '/' or '>'


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character as `re.IGNORECASE` sees it: equal folds for every pair it matches."""
    if _tolower is None:
        return "?"  # pragma: no cover - every name of a length alike; the pattern decides
    lower = _tolower(ord(char))
    return chr(min((lower, *_EXTRA_CASES.get(lower, ()))))


def name_key(name: str) -> str:
    """The key of a closing tag's name, spaces around it left out."""
    return "".join(_fold(char) for char in name.strip())


@lru_cache(maxsize=256)
def _pattern(tag: str) -> re.Pattern:
    return re.compile(r"</\s*{}\s*>".format(re.escape(tag)), re.I)  # Python-Markdown's, as it is


class _Paragraph:
    """The closing tags between a position and the next blank line (or the end)."""

    def __init__(self, rawdata: str, start: int):
        blank = _BLANK_LINE.search(rawdata, start)
        self.rawdata, self.start = rawdata, start
        self.end = blank.start() if blank else len(rawdata)
        self._closings: dict[str, list[tuple[int, int]]] = {}
        for match in _CLOSING.finditer(rawdata, start, self.end):
            self._closings.setdefault(name_key(match.group(1)), []).append(match.span())
        self._last: dict[str, int] = {}

    def holds(self, rawdata: str, position: int) -> bool:
        return rawdata is self.rawdata and self.start <= position <= self.end

    def last_close(self, tag: str) -> int:
        """Where `tag` closes last in the paragraph (-1: nowhere), as Python-Markdown's pattern finds it."""
        if tag not in self._last:
            self._last[tag] = self._find_last(tag)
        return self._last[tag]

    def _find_last(self, tag: str) -> int:
        pattern = _pattern(tag)
        if "/" in tag or ">" in tag:  # not one `</…>` of ours: the pattern itself, once
            found = -1
            for match in pattern.finditer(self.rawdata, self.start, self.end):
                found = match.start()
            return found
        for start, end in reversed(self._closings.get(name_key(tag), ())):
            if pattern.fullmatch(self.rawdata, start, end):
                return start
        return -1


class CountedStack(list):
    """A list used as a stack whose `in` is a look-up: a count per item beside it. Python-Markdown
    only appends, pops, reads and asks `in` of its stacks (assigning a new one to reset)."""

    def __init__(self, items=()):
        super().__init__(items)
        self._count = Counter(self)

    def append(self, item) -> None:
        super().append(item)
        self._count[item] += 1

    def pop(self, index: int = -1):
        item = super().pop(index)
        self._count[item] -= 1
        return item

    def __contains__(self, item) -> bool:
        return self._count.get(item, 0) > 0


def _counted(name: str) -> property:
    """A stack attribute that stays a CountedStack whatever list is assigned to it."""
    private = "_counted_" + name

    def setter(self, value) -> None:
        setattr(self, private, CountedStack(value))

    return property(lambda self: getattr(self, private), setter)


class LinearInlineClose:
    """Mixin for Python-Markdown's HTML extractors: `inline_close_follows` and the inline tag
    stack, same answers, linear time (see the module's docstring)."""

    stack = _counted("stack")
    mdstack = _counted("mdstack")

    @property
    def inline_stack(self) -> list[str]:
        return self._inline_list

    @inline_stack.setter
    def inline_stack(self, value: list[str]) -> None:
        # Python-Markdown sets it to [] at reset and at a blank line; it is only ever empty then.
        self._inline_list = list(value)
        self._inline_count = Counter(value)
        self._inline_heap: list[tuple[int, str]] = []
        self._inline_paragraph = None

    def open_inline_tag(self, tag: str) -> None:
        length = len(self._inline_list)
        super().open_inline_tag(tag)
        if len(self._inline_list) > length:
            self._inline_count[tag] += 1
            if self._inline_paragraph is not None:
                heapq.heappush(self._inline_heap, (-self._inline_paragraph.last_close(tag), tag))

    def close_inline_tag(self, tag: str) -> None:
        """Python-Markdown's: pop down to the last `tag`, when one is open (counted, not searched)."""
        if not self._inline_count.get(tag):
            return
        while self._inline_list:
            popped = self._inline_list.pop()
            self._inline_count[popped] -= 1
            if popped == tag:
                break

    def inline_close_follows(self, text: str) -> bool:
        """Python-Markdown's answer: does an open inline tag close in this paragraph after `text`?"""
        if not self._inline_list:
            return False
        position = self.line_offset + self.offset + len(text)
        paragraph = self._inline_paragraph
        if paragraph is None or not paragraph.holds(self.rawdata, position):
            paragraph = self._inline_paragraph = _Paragraph(self.rawdata, position)
            self._inline_heap = [(-paragraph.last_close(tag), tag) for tag, n in self._inline_count.items() if n]
            heapq.heapify(self._inline_heap)
        heap = self._inline_heap
        while heap and not self._inline_count.get(heap[0][1]):
            heapq.heappop(heap)  # closed since: its entry goes now
        return bool(heap) and -heap[0][0] >= position
