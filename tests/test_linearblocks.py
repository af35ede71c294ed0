"""The linear table and admonition processors (`convert.linearblocks`) answer as the stock ones (session 40).

htmlguard swaps Python-Markdown's `table` and `admonition` block processors for twins whose
rescanning parts are linear. The pages must not change by one byte: the split is held to the
stock `_split` on thousands of random rows, `test` to the stock `test` on random blocks, and
every page of the sample site, the fixtures, docs and the evaluation laws is rendered both ways.
"""

from __future__ import annotations

import pathlib
import random
import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.tables import TableProcessor

from bantin.convert import linearblocks
from bantin.text import tablerows

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ["toc", "attr_list", "tables", "admonition", "md_in_html", "bantin.convert.htmlguard"]


def rendered(text: str, linear: bool, extensions=SITE) -> str:
    """`text` through the site's extensions, with the twins or Python-Markdown's own processors."""
    md = markdown.Markdown(extensions=extensions)
    if not linear:
        md.preprocessors.register(_Stock(md), "bantin_stock_blocks", 20.5)
    return md.convert(text)


class _Stock(markdown.preprocessors.Preprocessor):
    """Runs after htmlguard's swap and puts Python-Markdown's own classes back."""

    def run(self, lines):
        for name, (stock, twin) in linearblocks._TWINS.items():
            if name in self.md.parser.blockprocessors and type(self.md.parser.blockprocessors[name]) is twin:
                self.md.parser.blockprocessors[name].__class__ = stock
        return lines


def test_the_site_uses_the_twins():
    for extensions in (SITE, ["bantin.convert.htmlguard", "tables", "admonition"]):  # either order
        md = markdown.Markdown(extensions=extensions)
        md.convert("| a | b |\n|---|---|\n")
        assert type(md.parser.blockprocessors["table"]) is linearblocks.LinearTableProcessor
        assert type(md.parser.blockprocessors["admonition"]) is linearblocks.LinearAdmonitionProcessor
    md = markdown.Markdown(extensions=["bantin.convert.htmlguard"])  # neither registered: nothing to swap
    assert md.convert("| a | b |") == "<p>| a | b |</p>"


ROW_TOKENS = ["|", "`", "``", "```", "\\", "\\`", "\\|", "\\\\", " ", "a", "b c", "\\``", "`|`", "| |"]


def _random_row(rnd: random.Random) -> str:
    return "".join(rnd.choice(ROW_TOKENS) for _ in range(rnd.randint(0, 30)))


def test_split_is_the_stock_split_on_random_rows():
    stock = TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False})
    rnd = random.Random(40)
    for _ in range(5_000):
        row = _random_row(rnd)
        assert tablerows.split_like_tables(row) == stock._split(row), row


def test_the_checks_cells_are_the_stock_cells_on_random_rows():
    """The link check and the plain text cut rows with `tablerows.cells` (session 39), which read
    code as inline code spans and cut 18% of these rows otherwise than the page (session 40)."""
    stock = TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False})
    rnd = random.Random(43)
    for _ in range(5_000):
        row = _random_row(rnd).strip(" ")
        stock.border = 3 if row.startswith("|") else 0
        assert tablerows.cells(row, bool(stock.border)) == stock._split_row(row), row


def test_split_crafted_rows():
    stock = TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False})
    for row in ["", "|", "a|b", "`a|b`|c", "`a|b", "\\`a|b`|c", "``a|`b``|c", "\\``a|b`|c", "`a`|`b`",
                "```|``|`|``|```", "\\\\|a", "\\|a|b", "`|`|`|", "\\`\\`|`"]:
        assert tablerows.split_like_tables(row) == stock._split(row), row


BLOCK_TOKENS = ["| a | b |", "|---|---|", "| --- |", "a | b", "--- | ---", "|", ":-:|-:", "| a", "a |", "a \\|",
                "!!! note", '!!! tip "T"', "    x", "# h", "a", "", " ", "`|`", "- a", "!!!", "x !!! note"]


def test_test_is_the_stock_test_on_random_blocks():
    parser = markdown.Markdown(extensions=["tables", "admonition"]).parser
    config = {"use_align_attribute": False}
    rnd = random.Random(41)
    for _ in range(5_000):
        block = "\n".join(rnd.choice(BLOCK_TOKENS) for _ in range(rnd.randint(1, 6)))
        stock, twin = TableProcessor(parser, config), linearblocks.LinearTableProcessor(parser, config)
        assert twin.test(None, block) == stock.test(None, block), block
        assert (twin.border, twin.separator) == (stock.border, stock.separator), block
        for root in _parents():
            assert linearblocks.LinearAdmonitionProcessor(parser).test(root, block) == \
                AdmonitionProcessor(parser).test(root, block), block


def _parents() -> list[etree.Element]:
    """An empty parent, and one whose last child is an admonition (the stock test looks at it)."""
    plain, after = etree.Element("div"), etree.Element("div")
    etree.SubElement(after, "div", {"class": "admonition note"})
    return [plain, after]


def _documents() -> list[pathlib.Path]:
    roots = [ROOT / "content", ROOT / "tests" / "fixtures", ROOT / "docs", ROOT / "scripts" / "searcheval" / "laws"]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".md", ".html", ".txt"))


def test_sample_site_fixtures_docs_and_laws_render_byte_for_byte_the_same():
    documents = _documents()
    assert len(documents) > 30
    tables = 0
    for path in documents:
        text = path.read_text(encoding="utf-8", errors="replace")
        page = rendered(text, True)
        assert page == rendered(text, False), path
        tables += page.count("<table>")
    assert tables > 10


PAGE_TOKENS = ["| a | b |\n", "|---|---|\n", "| `a | b` |\n", "|:-:|\n", "!!! note\n", "    a\n", "\n", "# h\n",
               "a\n", "- x\n", "    | c | d |\n", "`` a|b ``|c\n", "\\| x |\n", "!!! tip \"T\"\n"]


def test_random_pages_render_the_same():
    rnd = random.Random(42)
    for _ in range(1_500):
        text = "".join(rnd.choice(PAGE_TOKENS) for _ in range(rnd.randint(1, 25)))
        assert rendered(text, True) == rendered(text, False), text
