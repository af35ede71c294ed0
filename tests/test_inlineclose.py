"""The linear comment question (`text.inlineclose`) gives Python-Markdown's answers (session 38).

htmlguard swaps Python-Markdown's `html_block` extractor for a twin that answers "does an open
inline tag close after this comment?" in linear time. The pages must not change by one byte:
each input here is rendered by the pinned Python-Markdown as it is and with the twin.
"""

from __future__ import annotations

import pathlib
import random
import re

import markdown
import pytest

from bantin.content import htmlblocks
from bantin.convert import htmlguard
from bantin.text import inlineclose

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ["attr_list", "md_in_html", "toc", "tables", "bantin.convert.htmlguard"]


def rendered(text: str, linear: bool, extensions=SITE) -> str:
    """`text` through the site's extensions, with the twin extractor or Python-Markdown's own."""
    md = markdown.Markdown(extensions=extensions)
    if not linear:
        md.preprocessors.register(_Plain(md), "bantin_plain_html_block", 20.5)
    return md.convert(text)


class _Plain(markdown.preprocessors.Preprocessor):
    """Runs after htmlguard's swap and puts Python-Markdown's own class back."""

    def run(self, lines):
        block = self.md.preprocessors["html_block"]
        for linear, plain in ((htmlguard._LinearHtmlBlockExtra, markdown.extensions.md_in_html.HtmlBlockPreprocessor),
                              (htmlguard._LinearHtmlBlock, markdown.preprocessors.HtmlBlockPreprocessor)):
            if type(block) is linear:
                block.__class__ = plain
        return lines


def test_the_site_uses_the_twin():
    md = markdown.Markdown(extensions=SITE)
    md.convert("<span><!-- x --></span>")
    assert type(md.preprocessors["html_block"]) is htmlguard._LinearHtmlBlockExtra
    md = markdown.Markdown(extensions=["bantin.convert.htmlguard"])
    md.convert("<span><!-- x --></span>")
    assert type(md.preprocessors["html_block"]) is htmlguard._LinearHtmlBlock
    md = markdown.Markdown(extensions=["bantin.convert.htmlguard", "md_in_html"])  # md_in_html after us
    md.convert("<span><!-- x --></span>")
    assert type(md.preprocessors["html_block"]) is htmlguard._LinearHtmlBlockExtra


def _documents() -> list[pathlib.Path]:
    roots = [ROOT / "content", ROOT / "tests" / "fixtures", ROOT / "docs"]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".md", ".html", ".txt"))


def test_sample_site_and_fixtures_render_byte_for_byte_the_same():
    documents = _documents()
    assert len(documents) > 20
    for path in documents:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert rendered(text, True) == rendered(text, False), path


CASES = [  # a comment decides only at a line's start: inline text, or a block of its own
    "a <span>b\n<!-- c --> d</span> e",  # closes after: inline
    "a <span>b\n<!-- c --> d\n\n</span> e",  # closes after a blank line: a block
    "<b>x\n<!-- c -->\n<!-- d --> y</B >",
    "<b>x\n<!-- c --> y</ b\t>",
    "<i><b>\n<!-- c --></i>",  # an inner tag's close is enough
    "<i><b></i>\n<!-- c --></b>",  # b was popped with i
    "<span>x</span>\n<!-- c --></span>",
    "<a\u017f>\n<!-- c --></AS>",  # the long s: re.IGNORECASE matches it with `s`
    "<k>\n<!-- c --></\u212a>",  # the Kelvin sign
    "<span title=\"a\n\nb\">\n<!-- c --></span>",  # a blank line inside the tag
    "<span>\n<!-- c --></span\n\n>",
    "<span>\n<!-- c -->\n \n</span>",
    "<span>\n<!--\n\n--></span>",
    "<div>\n<span>\n<!-- c --></span>\n</div>",
    "<div markdown=\"1\">\n<span>a\n<!-- c --></span>\n</div>",
    "<span>\n<!-- c --> `</span>`",
    "- <span>\n<!-- c --></span>\n- <b>\n<!-- d -->",
    "<x-y:z>\n<!-- c --></X-Y:Z>",
    "<span>\n   <!-- c --></span>",
]


@pytest.mark.parametrize("case", CASES)
def test_crafted_cases(case):
    for extensions in (SITE, ["bantin.convert.htmlguard"]):
        assert rendered(case, True, extensions) == rendered(case, False, extensions)


TOKENS = ["<span>", "</span>", "<!-- x -->", "<!---->", "</SPAN >", "</ span\t>", "\n\n", "\n", "\n \n", "<div>",
          "</div>", "a ", "<b>", "</b>", "</AS>", "<aſ>", '<div markdown="1">', '<span title="\n\n">', "<i>",
          "</I>", "<a href='x'>", "</a>", "<!--\n\n-->", "`<span>`", "<?x?>", "<![CDATA[x]]>", "<hr>",
          "  <!-- c -->", "<k>", "</\u212a>", "</b/>", "<p>", "</p>", "- ", "> "]


def test_random_mixes():
    rnd = random.Random(38)
    for _ in range(1_500):
        text = "".join(rnd.choice(TOKENS) for _ in range(rnd.randint(1, 40)))
        assert rendered(text, True) == rendered(text, False), text


def test_the_link_check_reads_the_same_pieces():
    """content.htmlblocks runs the twin too: its reading equals one with Python-Markdown's own."""

    class Plain(htmlblocks._Noting):
        inline_close_follows = markdown.extensions.md_in_html.HTMLExtractorExtra.inline_close_follows
        open_inline_tag = markdown.extensions.md_in_html.HTMLExtractorExtra.open_inline_tag
        close_inline_tag = markdown.extensions.md_in_html.HTMLExtractorExtra.close_inline_tag

    rnd = random.Random(5)
    texts = CASES + ["".join(rnd.choice(TOKENS) for _ in range(rnd.randint(1, 40))) for _ in range(500)]
    for text in texts:
        linear = htmlblocks._Noting(htmlblocks._markdown(), text)
        linear.feed(text)
        linear.finish()
        plain = Plain(htmlblocks._markdown(), text)
        plain.feed(text)
        plain.finish()
        assert (linear.reading.spans, linear.reading.open) == (plain.reading.spans, plain.reading.open), text


def test_name_keys_agree_with_ignorecase():
    """Every pair of characters re.IGNORECASE matches gets one key (Basic Multilingual Plane)."""
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        for other in {char.lower(), char.upper(), char.casefold(), char.title(), char.swapcase()}:
            if len(other) == 1 and re.fullmatch(re.escape(other), char, re.I):
                assert inlineclose.name_key(char) == inlineclose.name_key(other), (char, other)
