"""Python-Markdown's block processors that are quadratic on hostile text, as linear twins.

Same output by construction: each twin overrides only the method that rescans, and answers
as the stock one does. Measured with Python-Markdown 3.11.3 (session 40).

The tables extension's `TableProcessor` is quadratic twice over:

- `_split` pairs backtick runs by searching a fresh copy of the rest of the list from each run,
  and compares each `|` with every code region before it: a 200 KB row of `| \\`a | b\\` ` took
  12.7 s of CPU, 0.8 MB 225 s. `text.tablerows.split_like_tables` gives the same cells in one
  pass (a differential test holds it to the stock split on thousands of random rows).
- `test`, which the block parser asks of every block, cut and stripped *every* line of the block
  although it reads two (and more only for a one-column table with a border). Python-Markdown
  puts the rest of a block back after each heading it takes off the top, so 25,000 lines of
  `# h` (100 KB) were tested 25,000 times: 27 s; 14,000 lines of `## h |` (a border: every
  line was read for one) 64 s. The twin reads the lines it needs, lazily.

The admonition extension's `test` searches the whole block for a `!!!` line with its pattern,
which tries every position in Python's regex engine; after each heading the rest of the block
is tested again: the same 25,000 `# h` lines took 16 s with tables fixed, 50,000 61 s. A line
of that pattern starts with `!!!` at the block's start or after a newline, which `str.find`
looks for at C speed; the pattern runs from there (the same first match, since none can start
before), and not at all when there is none. Still one search per block, but a memory scan.

`convert.htmlguard` changes the class of the registered processors to these just before the
block parser runs (the objects keep their state: `border`, `separator`, `config`,
`current_sibling`), whatever the order of the extensions, as it does for the HTML extractor.
"""

from __future__ import annotations

import itertools

from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.tables import PIPE_LEFT, PIPE_NONE, PIPE_RIGHT, TableProcessor

from bantin.text.tablerows import split_like_tables


class LinearTableProcessor(TableProcessor):
    """The stock processor, its `test` and `_split` made linear; everything else inherited."""

    def test(self, parent, block: str) -> bool:
        """The stock `test`'s answer and state, reading the block's lines only as far as it needs.

        The stock test walks every row of a one-column bordered table (each must have a border)
        before it reads the separator row; it asks both, so asking the separator first gives the
        same answer, and a block that fails there (`## h |` lines) is read two lines deep.
        """
        lines = (line.strip(" ") for line in _lines(block))
        header0 = next(lines)
        second = next(lines, None)
        if second is None:
            return False
        self.border = PIPE_NONE
        if header0.startswith("|"):
            self.border |= PIPE_LEFT
        if self.RE_END_BORDER.search(header0) is not None:
            self.border |= PIPE_RIGHT
        row0_len = len(self._split_row(header0))
        if row0_len == 1 and not self.border:
            return False
        separator = self._split_row(second)
        if len(separator) != row0_len or not set("".join(separator)) <= set("|:- "):
            return False  # the stock test's last condition, asked first: it reads one row
        if row0_len == 1 and not all(_bordered(row, self.RE_END_BORDER) for row in itertools.chain([second], lines)):
            return False
        self.separator = separator
        return True

    def _split(self, row: str) -> list[str]:
        return split_like_tables(row)


def _bordered(row: str, end_border) -> bool:
    return row.startswith("|") or end_border.search(row) is not None


def _lines(block: str):
    """`block.split("\\n")`, one line at a time."""
    start = 0
    while (end := block.find("\n", start)) >= 0:
        yield block[start:end]
        start = end + 1
    yield block[start:]




class LinearAdmonitionProcessor(AdmonitionProcessor):
    """The stock processor, its `test` looking for `!!!` before it runs its pattern."""

    def test(self, parent, block: str) -> bool:
        start = 0 if block.startswith("!!!") else block.find("\n!!!")
        if start >= 0 and self.RE.search(block, start):
            return True
        return self.parse_content(parent, block)[0] is not None


_TWINS = {"table": (TableProcessor, LinearTableProcessor),
          "admonition": (AdmonitionProcessor, LinearAdmonitionProcessor)}


def use_linear_blocks(md) -> None:
    """Make each registered stock processor above its twin (a twin adds no state)."""
    blockprocessors = md.parser.blockprocessors
    for name, (stock, twin) in _TWINS.items():
        if name in blockprocessors and type(blockprocessors[name]) is stock:
            blockprocessors[name].__class__ = twin
