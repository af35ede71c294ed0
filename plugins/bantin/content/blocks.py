"""Which lines Python-Markdown reads as one text, and where it takes a reference definition.

A link's words are read within one text (a paragraph, a list item's words, a heading): after
`- [Luật` a next item `- Hộ tịch](x.md)` is another text and no link, while after a paragraph's
line `- Hộ tịch](x.md)` goes on with the paragraph and the link is made. A definition
`[x]: ../van-ban/a.md` is taken wherever a block of text begins with it, in a list item and a
quote too (`- [x]: a.md`, `> [x]: a.md`), and used anywhere in the page. The check must read
both as Python-Markdown does (session 36), so this module follows its block parser (3.x,
`markdown.blockprocessors`, with `admonition` and `tables`) step by step on lines that keep
their number: the same processors in the same order, the same regular expressions, the same
splitting of a block before and after what a processor found, the same indentation taken off.

Only what texts and definitions need is kept of the tree it builds (lists, items, quotes,
admonitions, the text of an element and its tail). Raw HTML comes first, as in Python-Markdown
(its `html_block` preprocessor): `htmlblocks` runs Python-Markdown's own extractor, and each raw
HTML block becomes one placeholder line between empty lines, as a fenced block does, each tag
of a `markdown="1"` element an empty line (session 38). A table row's cells are texts of their
own: `| [a | b](x.md) |` is no link, a comment from one cell to the next hides nothing, and the
cells beyond the header's are dropped from the page (session 39).

Linear in the text: a block split before and after a heading, a rule, a quote or a definition
is the same list of lines seen through other bounds, and each such line kind is found through
an index of the next line of that kind, built once a list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Collection

from bantin.content.htmlblocks import CUT, HELD, QUIET, HtmlReading, read_html
from bantin.text.tablerows import bordered, cells, cuts

TAB = 4
_INDENT = " " * TAB
_QUOTE = re.compile(r"[ ]{0,3}>[ ]?")
_OL = re.compile(r"[ ]{0,3}\d+\.[ ]+")
_UL = re.compile(r"[ ]{0,3}[*+-][ ]+")
_CHILD = re.compile(r"[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
_NESTED = re.compile(r"[ ]{4,7}(?:\d+\.|[*+-])[ ]+")
_HASH = re.compile(r"#{1,6}(?:\\.|[^\\#]|#+(?=[^#]))*?#*")
_SETEXT = re.compile(r"(?:=+|-+)[ ]*")
_RULE = re.compile(r"[ ]{0,3}(?=(?P<a>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=a)[ ]*")
_RULE_CHARS = re.compile(r"[ ]{0,3}[-_*][-_* ]*")
_ADMONITION = re.compile(r'!!! ?[\w\-]+(?: +[\w\-]+)*(?: +"(.*?)")? *')
_DEF_START = re.compile(r"[ ]{0,3}\[[^\[\]]*\]:")
# Python-Markdown's ReferenceProcessor.RE, matched from a line's start over that line and the
# two after it (a definition's target and title may each go on the next line).
DEFINITION = re.compile(
    r'[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$', re.MULTILINE)
_EMPTY, _HELD = -1, -2  # columns of the rows a fenced block becomes (`read_blocks`)
_TAB = re.compile("\t")
_PLACEHOLDER = "\x02"  # what fenced_code leaves of a block: one line of a raw HTML placeholder
_SHORT = 16  # a block of this many lines is searched directly, not through an index
_MAX_DEPTH = 60  # nesting deeper than this is read as one text (Python-Markdown stops near its recursion limit)


@dataclass(frozen=True)
class Definition:
    """A reference definition Python-Markdown takes, by offsets in the text read."""

    start: int  # its `[`
    label: str
    target: str  # as Python-Markdown keeps it: without `<` and `>`
    target_span: tuple[int, int]
    end: int  # the end of its last line


@dataclass
class Reading:
    """What the block parser makes of a text: the text each line belongs to, the definitions."""

    group_of: dict[int, int] = field(default_factory=dict)  # line index -> its text's number
    column_of: dict[int, int] = field(default_factory=dict)  # line index -> where its text begins in it
    definitions: list[Definition] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # offset of each line
    cells: list[int] = field(default_factory=list)  # offsets of the `|` between a table row's cells
    dropped: list[tuple[int, int]] = field(default_factory=list)  # a row's cells beyond its header's: not on the page
    html: list[tuple[int, int, str]] = field(default_factory=list)  # raw HTML's pieces (`htmlblocks`), by offsets
    html_open: list = field(default_factory=list)  # `markdown="1"` elements left open (`htmlblocks.OpenElement`)

    def texts(self) -> list[list[int]]:
        """The lines of each text, in order."""
        found: dict[int, list[int]] = {}
        for line in sorted(self.group_of):
            found.setdefault(self.group_of[line], []).append(line)
        return list(found.values())

    def text_starts(self) -> list[int]:
        """Offsets where a text other than the one before begins: no link's words run over one
        (a table's cell is a text of its own)."""
        found, current = [], None
        for line in sorted(self.group_of):
            if self.group_of[line] != current:
                current = self.group_of[line]
                found.append(self.starts[line])
        return sorted(found + self.cells) if self.cells else found


class _Rows:
    """Lines as a block holds them: (line index, column where the block's text begins), with an
    index of the next line of each kind, built when first asked."""

    def __init__(self, reader: "_Reader", rows: list[tuple[int, int]]):
        self.reader, self.rows = reader, rows
        self.next: dict[str, list[int]] = {}

    def text(self, index: int) -> str:
        line, column = self.rows[index]
        if column < 0:  # where a fenced block was: an empty line, or its placeholder
            return "" if column == _EMPTY else _PLACEHOLDER
        stops = self.reader.stops.get(line)
        if stops:  # raw HTML begins further on this line: this row's words end there
            after = bisect.bisect_right(stops, column)
            if after < len(stops):
                return self.reader.lines[line][column:stops[after]]
        return self.reader.lines[line][column:]

    def first(self, kind: str, lo: int, hi: int) -> int | None:
        """The first line from `lo` below `hi` of `kind` (see `_Reader.KINDS`), or None. A few
        lines are looked at directly; a longer block (which may be split and asked again, line
        by line) through the index."""
        if hi - lo <= _SHORT and kind not in self.next:
            test = self.reader.KINDS[kind]
            return next((index for index in range(lo, hi) if test(self.text(index))), None)
        if kind not in self.next:
            test = self.reader.KINDS[kind]
            following = [len(self.rows)] * (len(self.rows) + 1)
            for index in range(len(self.rows) - 1, -1, -1):
                following[index] = index if test(self.text(index)) else following[index + 1]
            self.next[kind] = following
        found = self.next[kind][lo]
        return found if found < hi else None


@dataclass
class _Block:
    rows: _Rows
    lo: int
    hi: int

    def text(self, index: int) -> str:
        return self.rows.text(index)

    def part(self, lo: int, hi: int) -> "_Block":
        return _Block(self.rows, lo, hi)

    def shifted(self, change: Callable[[str], int]) -> "_Block":
        """The same lines with `change(text)` more columns taken off each."""
        rows = [(line, column + change(self.text(index)))
                for index, (line, column) in zip(range(self.lo, self.hi), self.rows.rows[self.lo:self.hi])]
        return _Block(_Rows(self.rows.reader, rows), 0, len(rows))

    def starts_indented(self) -> bool:
        return self.text(self.lo).startswith(_INDENT)


@dataclass
class _Node:
    tag: str
    children: list["_Node"] = field(default_factory=list)
    text: int | None = None  # number of the text of the element's own words
    tail: int | None = None  # number of the text after it, inside its parent (a tight item's)

    def last(self) -> "_Node | None":
        return self.children[-1] if self.children else None

    def add(self, tag: str) -> "_Node":
        node = _Node(tag)
        self.children.append(node)
        return node


_LISTS = ("ul", "ol")


def read_blocks(text: str, fenced: Collection[int] = ()) -> Reading:
    """How Python-Markdown's block parser splits `text`: the text of each line, and the
    definitions it takes. `fenced` are the lines of fenced code blocks (`literal.fenced_lines`):
    fenced_code, a preprocessor, leaves a placeholder there between two empty lines, so an
    indented line after it is code, not more of the list item above it."""
    written = text.split("\n")
    lines = parser_lines(written)
    html = read_html("\n".join(lines)) if "<" in text else HtmlReading()
    segments = _segments(lines, html) if html.spans else {}
    reader = _Reader(_blanked(lines, segments), written)
    reader.stops = {line: [start for start, _, kind, _ in found if kind != QUIET] for line, found in segments.items()}
    reader.reading.html_open = html.open
    rows = _rows(lines, fenced, segments)
    reader.chunk(_Node("div"), _Block(_Rows(reader, rows), 0, len(rows)))
    reader.reading.html = reader.written_spans(html, lines)
    if html.spans:
        reader.reading.html = _comments_in_one_text(reader.reading.html, reader.reading.text_starts())
    return reader.reading


def _comments_in_one_text(spans: list[tuple[int, int, str]], starts: list[int]) -> list[tuple[int, int, str]]:
    """`spans` without the comments in a paragraph that run from one text into another.
    Python-Markdown's inline comment pattern reads one text at a time (a paragraph, a heading,
    a list item's words, a table's cell, after the block parser split them), so such a comment
    hides nothing on the page: `| <!-- a | [b](x.md) --> |` is `&lt;!-- a` in one cell and a
    link in the next (the check hid the link, and MkDocs' English warning stopped a strict build
    on it: review of session 38, F3). `starts` are where each text begins
    (`Reading.text_starts`)."""
    kept = []
    for start, end, kind in spans:
        if kind == QUIET:
            after = bisect.bisect_right(starts, start)
            if after < len(starts) and starts[after] < end:
                continue
        kept.append((start, end, kind))
    return kept


def parser_lines(written: list[str]) -> list[str]:
    """Lines as Python-Markdown's preprocessors leave them: tabs expanded, blank lines empty."""
    lines = [line.expandtabs(TAB) if "\t" in line else line for line in written]
    return ["" if not line.strip(" ") else line for line in lines]


Segment = tuple[int, int, str, bool]  # (start column, end column, kind, whether the piece begins here)


def _segments(lines: list[str], html: HtmlReading) -> dict[int, list[Segment]]:
    """Each line's pieces of raw HTML (`htmlblocks`), by column."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found: dict[int, list[Segment]] = {}
    for start, end, kind in html.spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(end - 1, start)) - 1
        for line in range(first, last + 1):
            lo = max(start - starts[line], 0)
            hi = min(end - starts[line], len(lines[line]))
            found.setdefault(line, []).append((lo, hi, kind, line == first))
    return found


def _blanked(lines: list[str], segments: dict[int, list[Segment]]) -> list[str]:
    """`lines` with every piece of raw HTML made spaces: no Markdown is read there. A comment in
    a paragraph stays: the block parser reads it as words (`links` blanks it for the links)."""
    if not segments:
        return lines
    lines = list(lines)
    for line, found in segments.items():
        text = lines[line]
        for lo, hi, kind, _ in found:
            if kind != QUIET:
                text = text[:lo] + " " * (hi - lo) + text[hi:]
        lines[line] = "" if not text.strip(" ") else text
    return lines


def _rows(lines: list[str], fenced: Collection[int], segments: dict[int, list[Segment]]) -> list[tuple[int, int]]:
    """The first rows: every line, and each run of fenced lines as an empty row, the
    placeholder, an empty row; a raw HTML block the same, the words after it on its last
    line a row of their own, a tag of a `markdown="1"` element an empty row."""
    rows: list[tuple[int, int]] = []
    for index in range(len(lines)):
        if index in segments and index not in fenced:
            rows += _html_rows(index, len(lines[index]), segments[index])
        elif index not in fenced:
            rows.append((index, 0))
        elif index - 1 not in fenced:
            rows += [(index, _EMPTY), (index, _HELD)]
        if index in fenced and index + 1 not in fenced:
            rows.append((index, _EMPTY))
    return rows


def _html_rows(index: int, length: int, found: list[Segment]) -> list[tuple[int, int]]:
    """The rows of a line that holds raw HTML: the words before a piece (up to it, `_Rows.text`),
    the piece (once, on its first line), the words after the last piece."""
    rows: list[tuple[int, int]] = []
    position = 0
    for lo, hi, kind, begins in found:
        if kind == QUIET:
            continue  # a comment in a paragraph: text to the block parser (hidden by an inline pattern)
        if lo > position:
            rows.append((index, position))
        if begins:
            rows += [(index, _EMPTY), (index, _HELD), (index, _EMPTY)] if kind == HELD else [(index, _EMPTY)]
        position = hi
    if position < length or (position == 0 and not rows):
        rows.append((index, position))
    return rows


def _tab_stops(written: str) -> tuple[list[int], list[int]]:
    """The offset of each tab of a line, and the column (tabs expanded) right after it."""
    offsets, afters, at, last = [], [], 0, -1
    for m in _TAB.finditer(written):
        at += m.start() - last - 1
        at = (at // TAB + 1) * TAB
        offsets.append(m.start())
        afters.append(at)
        last = m.start()
    return offsets, afters


class _Reader:
    """Python-Markdown's BlockParser with its processors, on `_Block`s."""

    def __init__(self, lines: list[str], written: list[str]):
        self.lines, self.written = lines, written
        self.tabbed = {index for index, line in enumerate(written) if "\t" in line}
        self.tab_stops: dict[int, tuple[list[int], list[int]]] = {}  # line -> `_tab_stops`
        self.reading = Reading()
        offset = 0
        for line in written:
            self.reading.starts.append(offset)
            offset += len(line) + 1
        self.count = 0
        self.stops: dict[int, list[int]] = {}  # line -> columns where a piece of raw HTML begins
        self.state: list[str] = []
        self.depth = 0
        self.KINDS: dict[str, Callable[[str], bool]] = {
            "admonition": lambda t: t.startswith("!!!") and _ADMONITION.fullmatch(t) is not None,
            "hash": lambda t: t.startswith("#") and _HASH.fullmatch(t) is not None,
            # A rule's characters first: its own pattern backtracks over a long line.
            "rule": lambda t: _RULE_CHARS.fullmatch(t) is not None and _RULE.fullmatch(t) is not None,
            "quote": lambda t: _QUOTE.match(t) is not None,
            "definition": lambda t: _DEF_START.match(t) is not None,
        }

    # --- texts -------------------------------------------------------------------------------

    def group(self, block: _Block, number: int | None = None) -> int:
        """Put the lines of `block` into text `number` (a new text when None)."""
        if number is None:
            self.count += 1
            number = self.count
        for line, column in block.rows.rows[block.lo:block.hi]:
            if column < 0:
                continue  # a fenced block's placeholder: its lines hold no link
            self.reading.group_of[line] = number
            self.reading.column_of[line] = self.column(line, column)
        return number

    def written_spans(self, html: HtmlReading, lines: list[str]) -> list[tuple[int, int, str]]:
        """The pieces of raw HTML (found in `lines`, tabs expanded) by offsets in the text as written."""
        if not html.spans:
            return []
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)

        def written(offset: int) -> int:
            line = bisect.bisect_right(starts, offset) - 1
            return self.reading.starts[line] + self.column(line, offset - starts[line])

        return [(written(start), written(end), kind) for start, end, kind in html.spans]

    # --- the parser ----------------------------------------------------------------------------

    def chunk(self, parent: _Node, block: _Block) -> None:
        """parseChunk: the block split at its empty lines, each part parsed in turn."""
        parts, start = [], block.lo
        for index in range(block.lo, block.hi):
            if not block.text(index).strip(" "):
                if index > start:
                    parts.append(block.part(start, index))
                start = index + 1
        if block.hi > start:
            parts.append(block.part(start, block.hi))
        self.blocks(parent, parts)

    def blocks(self, parent: _Node, blocks: list[_Block]) -> None:
        """parseBlocks: each block offered to the processors in their order, first taker wins."""
        self.depth += 1
        try:
            while blocks:
                block = blocks.pop(0)
                if block.lo >= block.hi:
                    continue
                if self.depth > _MAX_DEPTH:
                    self.group(block)
                    continue
                for processor in (self.admonition, self.empty, self.indent, self.code, self.table, self.hash, self.setext,
                                  self.rule, self.lists, self.quote, self.definition, self.paragraph):
                    if processor(parent, block, blocks):
                        break
        finally:
            self.depth -= 1

    def admonition(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        found = block.rows.first("admonition", block.lo, block.hi)
        if found is None:
            sibling = parent.last()
            if sibling is None or sibling.tag != "admonition" or not block.starts_indented():
                return False
            content, rest = self.detab(block, block.lo)
            div = sibling
        else:
            if found > block.lo:
                self.blocks(parent, [block.part(block.lo, found)])
            self.group(block.part(found, found + 1))  # its title
            content, rest = self.detab(block, found + 1)
            div = parent.add("admonition")
        self.chunk(div, content)
        if rest.lo < rest.hi:
            blocks.insert(0, rest)
        return True

    def empty(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """EmptyBlockProcessor: a block whose first line is empty (a list item's `- ` alone)."""
        if block.text(block.lo):
            return False
        if block.lo + 1 < block.hi:
            blocks.insert(0, block.part(block.lo + 1, block.hi))
        return True

    def detab(self, block: _Block, lo: int) -> tuple[_Block, _Block]:
        """BlockProcessor.detab: the indented lines from `lo` without their indentation, the rest."""
        end = lo
        while end < block.hi and block.text(end).startswith(_INDENT):
            end += 1
        inner = block.part(lo, end).shifted(lambda text: TAB)
        return inner, block.part(end, block.hi)

    def indent(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """ListIndentProcessor: an indented block after a list item is more of that item."""
        if not block.starts_indented() or self.state[-1:] == ["detabbed"]:
            return False
        if not (parent.tag == "li" or (parent.last() is not None and parent.last().tag in _LISTS)):
            return False
        level, sibling = self.level(parent, block)
        block = block.shifted(lambda text: TAB * level if text.startswith(_INDENT * level) else 0)
        self.state.append("detabbed")
        if parent.tag == "li":
            self.blocks(parent.children[-1] if parent.children and parent.children[-1].tag in _LISTS else parent, [block])
        elif sibling.tag == "li":
            self.blocks(sibling, [block])
        elif sibling.children and sibling.children[-1].tag == "li":
            item = sibling.children[-1]
            item.text = None  # its words move into a paragraph: the text stays its own
            self.chunk(item, block)
        else:
            self.blocks(sibling.add("li"), [block])
        self.state.pop()
        return True

    def level(self, parent: _Node, block: _Block) -> tuple[int, _Node]:
        """ListIndentProcessor.get_level."""
        text = block.text(block.lo)
        indent_level = (len(text) - len(text.lstrip(" "))) // TAB
        level = 1 if self.state[-1:] == ["list"] else 0
        while indent_level > level:
            child = parent.last()
            if child is not None and (child.tag in _LISTS or child.tag == "li"):
                if child.tag in _LISTS:
                    level += 1
                parent = child
            else:
                break
        return level, parent

    def code(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """CodeBlockProcessor: indented lines are code (no text); the lines after are read again."""
        if not block.starts_indented():
            return False
        _, rest = self.detab(block, block.lo)
        parent.add("pre")
        if rest.lo < rest.hi:
            blocks.insert(0, rest)
        return True

    def table(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """tables' TableProcessor: a header row of two cells or more (or one, with every row
        bordered) over a row of `-`, `:` and `|` with as many cells. Each row is a text here."""
        if block.hi - block.lo < 2:
            return False
        first, second = block.text(block.lo).strip(" "), block.text(block.lo + 1).strip(" ")
        if "|" not in first:
            return False
        border = bordered(first)
        header = cells(first, border)
        table = len(header) > 1
        if not table and border:  # stops at the first row without a border: read once
            rows = (block.text(index).strip(" ") for index in range(block.lo + 1, block.hi))
            table = all(bordered(row) for row in rows)
        rule = cells(second, border) if table else []
        if not table or len(rule) != len(header) or not set("".join(rule)) <= set("|:- "):
            return False
        parent.add("table")
        for index in range(block.lo, block.hi):
            if index != block.lo + 1:
                self.group(block.part(index, index + 1))
                self.row(block, index, border, len(header))
        return True

    def row(self, block: _Block, index: int, border: bool, columns: int) -> None:
        """Each `|` of a table row that ends a cell (not `\\|`, not in a code span): tables reads
        every cell on its own, so no link's words run over one. The cells after the header's
        `columns` are dropped from the page (`_build_row` makes as many cells as the header
        has): from the `|` before the first of them to the row's end, nothing is read."""
        line, column = block.rows.rows[index]
        text = block.text(index)
        lead = len(text) - len(text.lstrip(" "))
        _, found, _ = cuts(text.strip(" "), border)

        def offset(at: int) -> int:
            return self.reading.starts[line] + self.column(line, column + lead + at)

        self.reading.cells += [offset(cut) for cut in found]
        if len(found) >= columns:
            self.reading.dropped.append((offset(found[columns - 1]), offset(len(text) - lead)))

    def hash(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        found = block.rows.first("hash", block.lo, block.hi)
        if found is None:
            return False
        after = self._around(parent, block, found)
        parent.add("h").text = self.group(block.part(found, found + 1))
        if after is not None:
            if self.state[-1:] == ["looselist"]:
                after = after.shifted(lambda text: TAB if text.startswith(_INDENT) else 0)
            blocks.insert(0, after)
        return True

    def _around(self, parent: _Node, block: _Block, found: int) -> _Block | None:
        """A block split at its line `found` (a heading, a rule), as Python-Markdown's processors
        split it: the lines before parsed first, the line left to the caller, and the lines
        after it returned to go back on `blocks` (None when there are none)."""
        if found > block.lo:
            self.blocks(parent, [block.part(block.lo, found)])
        return block.part(found + 1, block.hi) if found + 1 < block.hi else None

    def setext(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        if block.hi - block.lo < 2 or not _SETEXT.fullmatch(block.text(block.lo + 1)):
            return False
        heading = parent.add("h")
        heading.text = self.group(block.part(block.lo, block.lo + 1))
        if block.lo + 2 < block.hi:
            blocks.insert(0, block.part(block.lo + 2, block.hi))
        return True

    def rule(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        found = block.rows.first("rule", block.lo, block.hi)
        if found is None:
            return False
        after = self._around(parent, block, found)
        parent.add("hr")
        if after is not None:
            blocks.insert(0, after)
        return True

    def lists(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """OListProcessor and UListProcessor (the same run): the block's items, each parsed in
        its own item, an indented one in the item before it."""
        first = block.text(block.lo)
        if not (_OL.match(first) or _UL.match(first)):
            return False
        items = self.items(block)
        sibling = parent.last()
        if sibling is not None and sibling.tag in _LISTS:
            lst = sibling
            if lst.children:
                item = lst.children[-1]
                item.text = None  # moved into a paragraph of its own: still its own text
                last = item.last()
                if last is not None:
                    last.tail = None
            self.state.append("looselist")
            self.blocks(lst.add("li"), [items.pop(0)])
            self.state.pop()
        elif parent.tag in _LISTS:
            lst = parent
        else:
            lst = parent.add("ul")
        self.state.append("list")
        for item in items:
            if item.starts_indented() and lst.children:
                self.blocks(lst.children[-1], [item])
            else:
                self.blocks(lst.add("li"), [item])
        self.state.pop()
        return True

    def items(self, block: _Block) -> list[_Block]:
        """OListProcessor.get_items: a line with a marker starts an item (its words after the
        marker), an indented marker line a nested one, any other line goes on with the last."""
        items: list[list[tuple[int, int]]] = []
        for index in range(block.lo, block.hi):
            line, column = block.rows.rows[index]
            text = block.text(index)
            m = _CHILD.match(text)
            if m:
                items.append([(line, column + m.end())])
            elif _NESTED.match(text) and items and not self.lines[items[-1][0][0]][max(items[-1][0][1], 0):].startswith(_INDENT):
                items.append([(line, column)])
            else:
                items[-1].append((line, column))
        reader = block.rows.reader
        return [_Block(_Rows(reader, rows), 0, len(rows)) for rows in items]

    def quote(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        found = block.rows.first("quote", block.lo, block.hi)
        if found is None:
            return False
        if found > block.lo:
            self.blocks(parent, [block.part(block.lo, found)])

        def clean(text: str) -> int:
            m = _QUOTE.match(text)
            return len(text) if text.strip(" ") == ">" else m.end() if m else 0

        sibling = parent.last()
        quote = sibling if sibling is not None and sibling.tag == "quote" else parent.add("quote")
        self.state.append("blockquote")
        self.chunk(quote, block.part(found, block.hi).shifted(clean))
        self.state.pop()
        return True

    def definition(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """ReferenceProcessor (3.11): the first definition and those right after it, each on its
        own lines; the lines before and after are read again."""
        start = end = None
        index = block.lo
        while (index := block.rows.first("definition", index, block.hi)) is not None:
            m = self.match_definition(block, index)
            if m is not None:
                break
            index += 1
        if index is None:
            return False
        start = index
        while index is not None and index < block.hi:
            m = self.match_definition(block, index)
            if m is None or (index > start and "\n" in m.group()):
                break
            self.reading.definitions.append(self.located(block, index, m))
            index += 1 + m.group().count("\n")
            end = index
        if end < block.hi:
            blocks.insert(0, block.part(end, block.hi))
        if start > block.lo:
            blocks.insert(0, block.part(block.lo, start))
        return True

    def match_definition(self, block: _Block, index: int) -> re.Match | None:
        """DEFINITION at line `index`, over it and at most two lines after it in the block;
        its end must be a line's end."""
        text = "\n".join(block.text(i) for i in range(index, min(index + 3, block.hi)))
        m = DEFINITION.match(text)
        return m

    def located(self, block: _Block, index: int, m: re.Match) -> Definition:
        """The definition `m` matched from line `index` of `block`, by offsets in the text."""
        joined_starts = [0]
        for i in range(index, min(index + 3, block.hi)):
            joined_starts.append(joined_starts[-1] + len(block.text(i)) + 1)

        def offset(position: int) -> int:
            row = bisect.bisect_right(joined_starts, position) - 1
            line, column = block.rows.rows[index + row]
            return self.reading.starts[line] + self.column(line, column + position - joined_starts[row])

        target = m.group(2)
        lo, hi = m.start(2) + (len(target) - len(target.lstrip("<"))), m.end(2)
        hi -= len(m.group(2)[lo - m.start(2):]) - len(m.group(2)[lo - m.start(2):].rstrip(">"))
        last = index + m.group().count("\n")
        line = block.rows.rows[last][0]
        return Definition(offset(m.start(1)) - 1, m.group(1), m.group(2).lstrip("<").rstrip(">"),
                          (offset(lo), offset(hi)), self.reading.starts[line] + len(self.written[line]))

    def column(self, line: int, column: int) -> int:
        """The offset in the line as written of a column of it with its tabs expanded. Each
        line's tabs are read once (`_tab_stops`): a table row is asked for a column at every
        `|`, and reading the line each time was quadratic on a long row."""
        stops = self.tab_stops.get(line)
        if stops is None:
            if line not in self.tabbed:
                return column
            stops = self.tab_stops[line] = _tab_stops(self.written[line])
        offsets, afters = stops
        k = bisect.bisect_left(afters, column)  # the first tab that ends at or after `column`
        base, after = (offsets[k - 1] + 1, afters[k - 1]) if k else (0, 0)  # where the run of plain characters begins
        found = base + column - after
        if k < len(offsets) and found > offsets[k]:
            found = offsets[k] + 1  # inside that tab's width: the character after it
        return min(found, len(self.written[line]))

    def paragraph(self, parent: _Node, block: _Block, blocks: list[_Block]) -> bool:
        """ParagraphProcessor: in a tight list item the words join the item's text (or the
        tail of what is before them in it), else they are a paragraph of their own."""
        if self.state[-1:] == ["list"]:
            sibling = parent.last()
            if sibling is not None:
                sibling.tail = self.group(block, sibling.tail)
            else:
                parent.text = self.group(block, parent.text)
        else:
            parent.add("p").text = self.group(block)
        return True
