"""Where Markdown source is shown as written: code blocks, code spans, backslash escapes.

The checks read links, images, raw HTML and heading ids out of the Markdown an editor wrote
(`links`, `anchors`, `sanitize.report_unsafe`). Text that Python-Markdown prints literally is
none of those, so each rule here follows Python-Markdown's own (3.x, with MkDocs' builtin
`fenced_code`): `` `[a](javascript:…)` `` and `\\[a\\](javascript:…)` are text on the page and
must draw no warning, while `\\\\[a](javascript:…)` is a link (the backslash is escaped, the
bracket is not) and must. Which characters a backslash escapes is asked of Python-Markdown;
its code-span rules are followed in `text.codespans` (the plain text reads code spans too),
its fence rules here (its own code is quadratic on some lines, and
its block parser keeps no line numbers). Blocks are read only as far as code needs them.

Every function keeps each character at its offset (blanked, not removed), so a finding still
has its line, and is linear on a long line.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Iterator

import markdown

from bantin.text.codespans import blank_inline_code

# attr_list's `{: #id .class title="…"}` (the colon optional); `\{#x}` is text, which attr_list
# leaves alone. Each match stops at the next brace or line end: linear on a line of braces.
ATTR_LIST = re.compile(r"(?<!\\)\{:?([^{}\n]*)\}")
_ESCAPE = re.compile(r"\\(.)")  # Python-Markdown's ESCAPE_RE: left to right, `\\` consumed first
# A fence: Python-Markdown's fenced_code reads only fences at the start of a line; one indented
# in a list item or written in a quote is text, mostly a code span over its paragraph's lines.
_FENCE_LINE = re.compile(r"`{3,}|~{3,}")
# What may follow an opening fence (fenced_code's FENCED_BLOCK_RE): `{attributes}`, or a
# language and `hl_lines="…"`. After anything else (```` ``` x y ````) the line is text.
_FENCE_WORDS = re.compile(r"""[ ]*(?:\{.*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(["']).*?\1[ ]*)?)""")
# What a line's start makes it (Python-Markdown's heading: `#` first on the line and no lone
# backslash at its end; `---` or `===` under a line makes that line a heading); a blank line, a
# heading, an underline and an admonition's first line are read alone.
_BLANK = re.compile(r"[ \t>]*$")
_ITEM = re.compile(r"[ \t>]*(?:[*+-]|\d{1,9}[.)])[ \t]")
_QUOTED = re.compile(r"(?: {0,3}> ?)*")  # what Python-Markdown takes off a quote's line
_INDENT = re.compile(r"(?: {4})?")  # ... and off the next lines of a list item or an admonition
_SETEXT = re.compile(r"[=-]+ *$")
_RULE = re.compile(r" {0,3}(?:(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,})$")  # Python-Markdown's HR_RE
_MARKS = (("blank", _BLANK), ("heading", re.compile(r"#(?:\\.|[^\\])*$")), ("underline", _SETEXT),
          ("underline", _RULE), ("admonition", re.compile(r"!!! ?[\w-]")), ("quote", re.compile(r" {0,3}>")),
          ("item", _ITEM))
_PLAIN = re.compile(r"[^\s>#!*+\-0-9=_]")  # a first character no mark above starts with
_INDENTED = re.compile(r" {4}|\t")  # Python-Markdown's tab is four spaces
INERT = "\x00"  # what an escape becomes in `blank_escapes`: no Markdown syntax, not a space


@cache
def escaped_characters() -> frozenset[str]:
    """The characters a backslash escapes, as Python-Markdown lists them (`Markdown.ESCAPED_CHARS`)."""
    return frozenset(markdown.Markdown().ESCAPED_CHARS)


def blank_escapes(text: str) -> str:
    """`text` with each backslash escape Python-Markdown honours made two INERT characters.

    Its escape pattern runs before links are read: `\\[` and `\\]` then open and close nothing,
    `\\(` starts no address, `\\!` makes no image; `\\\\` is one escaped backslash, so the `[`
    after it still opens a link. A backslash before another character is left as written."""
    if "\\" not in text:
        return text
    escaped = escaped_characters()
    return _ESCAPE.sub(lambda m: INERT * 2 if m.group(1) in escaped else m.group(0), text)


def unescape(text: str) -> str:
    """`text` as Python-Markdown puts it into an address or alt text: `a\\_b.md` is `a_b.md`."""
    if "\\" not in text:
        return text
    escaped = escaped_characters()
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in escaped else m.group(0), text)


def fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of fenced code blocks, their fence lines included.

    As Python-Markdown's fenced_code: a block closes only at a line holding exactly its own
    fence (same character, same length, then spaces); a fence that nothing closes is no block,
    and the lines after it are Markdown again (everything after an editor's stray ``` is still
    read); the opening fence is followed by a language or `{attributes}` only."""
    fences = [(index, m.group()) for index, line in enumerate(lines) if (m := _FENCE_LINE.match(line))]
    closers: dict[str, list[int]] = {}
    for index, fence in fences:
        if lines[index][len(fence):].strip(" ") == "":
            closers.setdefault(fence, []).append(index)
    inside: set[int] = set()
    after = -1
    for index, fence in fences:
        if index <= after or not _FENCE_WORDS.fullmatch(lines[index], len(fence)):
            continue
        candidates = closers.get(fence, [])
        position = bisect.bisect_right(candidates, index)
        if position < len(candidates):
            after = candidates[position]
            inside.update(range(index, after + 1))
    return inside


def outside_code(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the body's lines outside code blocks, code spans blanked.

    A code block is fenced, or indented by four spaces after a blank line or a heading where no
    list item or admonition (`!!! note`) before it takes the indented lines as its own. A code
    span may run over the lines of one text, as Python-Markdown reads a paragraph or a list
    item whole: a blank line, a heading or a block ends one, and so do a quote and the next item
    of a list (after a paragraph's line, `- b` is more of the paragraph for Python-Markdown)."""
    lines = body.split("\n")
    if code_free(body):
        return enumerate(lines)
    fenced = fenced_lines(lines) if "```" in body or "~~~" in body else set()
    if "`" not in body and "    " not in body and "\t" not in body:  # no span, no indented block
        return ((offset, line) for offset, line in enumerate(lines) if offset not in fenced)
    return _Texts(lines, fenced).read()


def code_free(body: str) -> bool:
    """True when `body` can hold no code (no backtick, `~~~`, tab or four spaces): most bodies."""
    return "`" not in body and "~~~" not in body and "    " not in body and "\t" not in body


class _Texts:
    """Which lines Python-Markdown reads as one text (a paragraph, a list item, a heading), as
    far as code spans need it, and which are indented code. Blocks only: no nesting is kept
    beyond a list item or an admonition (`!!! note`) owning the indented lines after it."""

    def __init__(self, lines: list[str], fenced: set[int]):
        self.lines, self.fenced = lines, fenced
        self.out: list[tuple[int, str]] = []
        self.group: list[int] = []  # offsets of the text being read
        self.quoted = False  # that text is a quote's
        self.itemized = False  # that text is a list item's
        self.boxed = False  # that text is an admonition's (its lines are indented)
        self.listed = False  # a list's items are being read
        self.container = ""  # "item" or "admonition": what owns the indented lines that follow
        self.indented = 0  # in indented code: the indentation that goes on with it

    def read(self) -> list[tuple[int, str]]:
        for offset, line in enumerate(self.lines):
            if offset in self.fenced:
                self.end()
                self.listed, self.container, self.indented = False, "", 0
            elif not self.group and line[:1] in " \t" and not _BLANK.match(line) and (depth := self.code_depth(line)):
                self.indented = depth  # Python-Markdown's indented code block
            else:
                self.add(offset, line)
        self.end()
        return self.out

    def add(self, offset: int, line: str) -> None:
        """Read a line outside code: it goes on with the text, starts one, or stands alone."""
        mark = _mark(line)
        indented = line[:1] in " \t" and mark != "blank" and _INDENTED.match(line) is not None
        self.indented = self.indented if mark == "blank" else 0
        if mark == "underline":
            mark = self.underline(line)
        alone = mark in ("blank", "heading", "admonition", "underline")
        if alone or (mark == "item" and (self.listed or not self.group)) or (mark == "quote" and not self.quoted) \
                or (self.boxed and not indented):
            self.end()
            self.quoted = mark == "quote" or (mark == "blank" and ">" in line)  # `>` alone: the quote goes on
            self.listed = mark == "item" or (self.listed and mark == "quote")
            self.itemized = mark == "item"
        if mark != "blank" and (alone or not self.group):
            if not indented:
                self.container = "item" if mark == "item" or (mark == "quote" and self.listed) else \
                    "admonition" if mark == "admonition" else ""
            self.boxed = indented and self.container == "admonition"
        if alone:
            self.out.append((offset, blank_inline_code(line)))
        else:
            self.group.append(offset)

    def underline(self, line: str) -> str:
        """What a line of `-`, `=` (or `*`, `_`) is: under a text's only line `---` or `===`
        makes that line a heading; `---`, `***`, `___` are a rule anywhere; else it is text, or
        a list item (`- `). Both heading and rule stand alone ("underline")."""
        if len(self.group) == 1 and not self.quoted and _SETEXT.match(line):
            self.end()
            return "underline"
        if _RULE.match(line):
            return "underline"
        return "item" if _ITEM.match(line) else ""

    def end(self) -> None:
        """The text read so far, code spans blanked over its lines. Python-Markdown reads a
        quote's lines without their `>`, a list item's or an admonition's without their
        indentation (which moves where its search for a span goes on): those are kept aside
        and put back."""
        group, self.group, lines = self.group, [], self.lines
        inner = _QUOTED if self.quoted else _INDENT if self.itemized or self.boxed else None
        self.quoted = self.boxed = self.itemized = False
        if not any("`" in lines[offset] for offset in group):
            self.out += ((offset, lines[offset]) for offset in group)
            return
        cut = [0] + [inner.match(lines[offset]).end() if inner else 0 for offset in group[1:]]
        text = blank_inline_code("\n".join(lines[offset][at:] for offset, at in zip(group, cut))).split("\n")
        self.out += ((offset, lines[offset][:at] + line) for offset, at, line in zip(group, cut, text))

    def code_depth(self, line: str) -> int:
        """The indentation of the indented code a line that starts a text belongs to (0: none):
        four spaces in, or eight inside a list item or an admonition (whose own lines are
        indented four); a code block goes on while its lines keep that indentation."""
        depth = self.indented or (8 if self.container else 4)
        return depth if line[:depth].expandtabs(4)[:depth] == " " * depth else 0


def _mark(line: str) -> str:
    """What a line's start makes it: "blank", "heading", "admonition", "quote", "item" or ""."""
    if _PLAIN.match(line):
        return ""  # a letter first: most lines
    for mark, pattern in _MARKS:
        if pattern.match(line):
            return mark
    return ""
