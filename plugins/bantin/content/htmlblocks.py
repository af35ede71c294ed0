"""Raw HTML as Python-Markdown reads it: what is HTML, what is Markdown, what is left open (session 38).

Before its block parser runs, Python-Markdown's `html_block` preprocessor (md_in_html's
`HTMLExtractorExtra`, built on Python's `html.parser`) takes every raw HTML block out of the
text: a block-level tag at a line's start up to its closing tag, a comment at a line's start.
No Markdown is read there: `<div>` / `[a](x.md)` / `</div>` is no link on the page, while
`<!-- c --> [a](x.md)` is one (the words after the comment are a paragraph of their own). A
`markdown="1"` element's words are Markdown again, except inside a child without the attribute.

The link check used to read links in all of them (session 36 left it). Rather than a pattern
of our own, this module runs that same class of the pinned Python-Markdown over the text, with
a subclass that changes nothing in what it does and only notes, for each piece of the text it
is handed (a tag, a comment, words), where the piece begins and what became of it:

- `HELD`: kept as raw HTML (a block of its own on the page, no Markdown in it);
- `CUT`: the opening or closing tag of a `markdown="1"` element (a block ends there);
- `QUIET`: a comment inside a paragraph (the page shows nothing of it, not a link either);
- everything else is Markdown text.

It also says which `markdown="1"` elements are still open at the end of the text, and whether
Python-Markdown then loses them: it closes the outermost one at the end by its tag name, which
closes the innermost element of that name instead when one is open inside it (`<div
markdown="1">` then a plain `<div>`): the element is never finished and everything from its
opening tag to the end of the article vanishes from the page without a word.

Linear like the build: the unclosed `<` that make Python's HTML parser quadratic before Python
3.11.13 are replaced first, as `convert.htmlguard` does in the build (`text.unclosed`; same
length here, so every offset stays), and the extractor asks whether a comment sits in an
inline element the linear way the build's does (`text.inlineclose`: `<span><!---->` repeated
was cubic, 1.5 s for 13 KB).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import markdown
from markdown.extensions.md_in_html import HTMLExtractorExtra

from bantin.text.inlineclose import LinearInlineClose
from bantin.text.unclosed import many_unclosed

HELD, CUT, QUIET, TEXT = "held", "cut", "quiet", "text"
_NEWLINE = re.compile("\n")
_TAG_AT_LINE_START = re.compile(r"^[ ]{0,3}<", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MARKERS = re.compile(r"(?:[ ]{0,3}(?:[*+-]|\d+\.)[ ]+|[ ]{0,3}>[ ]?)+")  # list items' and quotes' marks
_NOT_A_TAG = "\ufdd0"  # what an unclosed `<` becomes (htmlguard's placeholder): no parser looks at it
_HANDLERS = ("handle_starttag", "handle_endtag", "handle_startendtag", "handle_data", "handle_comment",
             "handle_decl", "handle_pi", "unknown_decl", "handle_charref", "handle_entityref")


@dataclass(frozen=True)
class OpenElement:
    """A `markdown="1"` element the text never closes."""

    offset: int  # its `<`
    tag: str
    lost: bool  # Python-Markdown drops it and everything after it from the page


@dataclass
class HtmlReading:
    """The text's pieces by kind: `spans` are (start, end, kind) for every piece that is not
    Markdown text, in order, neighbours of one kind joined."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    open: list[OpenElement] = field(default_factory=list)

    def of(self, kind: str) -> list[tuple[int, int]]:
        return [(start, end) for start, end, k in self.spans if k == kind]


def may_hold_html(text: str) -> bool:
    """Whether Python-Markdown's extractor could find anything in `text`: a raw block begins
    with a tag at a line's start (up to three spaces; then others may follow it on its line),
    a comment anywhere. Without either, every tag is inline and is left to the inline patterns."""
    return "<!--" in text or _TAG_AT_LINE_START.search(text) is not None


def read_html(text: str) -> HtmlReading:
    """What Python-Markdown's raw HTML extractor makes of `text` (tabs expanded, the lines of
    fenced code blanked: fenced_code, a preprocessor, runs before it), by offsets in `text`.
    Not to be changed by the caller: the last few are kept (the link check and the open-block
    report read each body)."""
    if not may_hold_html(text):
        return HtmlReading()
    return _read_html(text)


@lru_cache(maxsize=4)
def _read_html(text: str) -> HtmlReading:
    parser = _Noting(_markdown(), text)
    parser.feed(_defused(text))
    parser.finish()
    return parser.reading


def _defused(text: str) -> str:
    """`text` with each `<` nothing closes made a non-character when there are more than FEW,
    as the build's htmlguard does (offsets kept)."""
    openers = many_unclosed(text)
    if not openers:
        return text
    chars = list(text)
    for offset in openers:
        chars[offset] = _NOT_A_TAG
    return "".join(chars)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """The instance whose stash and block-level tags the extractor uses (reset for each text).
    No extension is needed for that, and naming one by its entry point costs 0.4 s."""
    return markdown.Markdown()


class _Noting(LinearInlineClose, HTMLExtractorExtra):
    """HTMLExtractorExtra as the build runs it (`text.inlineclose`), noting where each piece it is handed begins and its kind."""

    def __init__(self, md: markdown.Markdown, text: str):
        md.htmlStash.reset()
        self._text = text
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._depth = 0
        self._pieces: list[tuple[int, str]] = []  # (start, kind) of each piece, in order
        self._opened: list[tuple[int, str]] = []  # (offset, tag) of each element on mdstack
        self._comment = False
        self._element = 0  # index in `_pieces` of the outermost `markdown="1"` element's opening tag
        super().__init__(md)

    def _position(self) -> int:
        """The offset in the text of the piece being handed (the parser's line and column)."""
        line, column = self.getpos()
        return self._line_starts[min(line, len(self._line_starts)) - 1] + column

    def _state(self) -> tuple[bool, int, bool, int, int]:
        # Inside an element without markdown="1" every element is so (`get_state`): the last says.
        # A comment right after a raw block's end goes into the next raw block (`_cache`).
        return (self.inraw, len(self.mdstack), self.mdstate[-1:] == ["off"], self.md.htmlStash.html_counter,
                len(self._cache))

    def _note(self, start: int, before: tuple, after: tuple) -> None:
        if not before[1] and after[1]:
            self._element = len(self._pieces)
        if before[0] or after[0] or before[2] or after[2]:
            kind = HELD
        elif before[1] != after[1]:
            kind = CUT
        elif before[3] != after[3] or before[4] != after[4]:
            kind = HELD  # a comment or `<hr>` at a line's start, stashed as a block of its own
        elif self._comment:
            kind = QUIET
        else:
            kind = TEXT
        self._pieces.append((start, kind))
        if before[1] and not after[1]:
            self._stored()

    def _stored(self) -> None:
        """An element `markdown="1"` just stored: its placeholder is read as one only at a
        block's start; after words, spaces or another placeholder on its line
        (`  <div markdown="1">`, `<hr><hr><div markdown="1">`), but not after a list item's or
        a quote's mark, it is written out as raw HTML, its words unread: every piece of it HELD."""
        if len(self.cleandoc) < 3 or self.cleandoc[-3].endswith("\n"):
            return
        before = self.cleandoc[-3]
        if _MARKERS.fullmatch(before, before.rfind("\n") + 1):
            return  # after `- ` or `> `: the placeholder begins the item's or the quote's block
        self._pieces[self._element:] = [(start, HELD) for start, _ in self._pieces[self._element:]]

    def _sync_opened(self, start: int) -> None:
        """Keep (offset, tag) beside each element of md_in_html's stack."""
        del self._opened[len(self.mdstack):]
        while self._opened and self._opened[-1][1] != self.mdstack[len(self._opened) - 1]:
            self._opened.pop()  # closed and another opened in one tag (md_in_html closes an open `<p>`)
        while len(self._opened) < len(self.mdstack):
            self._opened.append((start, self.mdstack[len(self._opened)]))

    def finish(self) -> None:
        """close(), noting the elements left open and whether Python-Markdown finished them."""
        self._depth += 1  # close() hands the leftover text as data; that is noted here
        left = list(self._opened)
        state = self._state()
        self._comment = False
        self._note(min(self._position(), len(self._text)), state, state)  # what close() hands on
        try:
            self.close()
        finally:
            self._depth -= 1
        lost = bool(self.mdstack)  # the outermost one was not closed: none of it reaches the page
        if left and not lost:
            self._stored()
        self.reading = HtmlReading(_spans(self._pieces, self._text),
                                   [OpenElement(offset, tag, lost) for offset, tag in left])


def _noted(name: str):
    handler = getattr(HTMLExtractorExtra, name)

    def wrapper(self, *args):
        if self._depth:
            return handler(self, *args)
        start, before = self._position(), self._state()
        self._depth, self._comment = 1, name == "handle_comment"
        try:
            return handler(self, *args)
        finally:
            self._depth = 0
            self._note(start, before, self._state())
            self._comment = False
            if before[1] or self.mdstack:
                self._sync_opened(start)

    wrapper.__name__ = name
    return wrapper


for _name in _HANDLERS:
    setattr(_Noting, _name, _noted(_name))


def _spans(pieces: list[tuple[int, str]], text: str) -> list[tuple[int, int, str]]:
    """Pieces (each to the next one's start) that are not text, neighbours of a kind joined
    (not comments in a paragraph: `blocks` weighs each on its own, in the text it lies in). A comment in a paragraph is hidden by Python-Markdown's inline pattern, which holds no
    `<!--` inside (`<!--a<!-- b -->` hides only `<!-- b -->`, `<!--a` is text) and does not
    reach over a blank line."""
    spans: list[tuple[int, int, str]] = []
    bounds = [start for start, _ in pieces] + [len(text)]
    for (start, kind), end in zip(pieces, bounds[1:]):
        if kind == TEXT or end <= start:
            continue
        if kind == QUIET:
            start = text.rfind("<!--", start, end)
            if _BLANK_LINE.search(text, start, end):
                continue  # over a blank line: two paragraphs, no comment in either, all text
        if spans and spans[-1][2] == kind != QUIET and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end, kind)
        else:
            spans.append((start, end, kind))
    return spans


def kind_at(spans: list[tuple[int, int, str]], offset: int) -> str:
    """The kind of the piece holding `offset` (TEXT when none)."""
    index = bisect.bisect_right(spans, (offset, float("inf"), "")) - 1
    return spans[index][2] if index >= 0 and spans[index][0] <= offset < spans[index][1] else TEXT
