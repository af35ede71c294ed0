"""Keep Python's HTML parser linear on text full of unclosed '<' (issue 12).

Python-Markdown hands every document to `html.parser.HTMLParser` to find raw HTML blocks.
On Python before 3.13.5 (and 3.11.13), each '<' that starts something never closed
("a <b và c <d …", "<a <a <a …") makes that parser scan to the end of the text and then
step one character: quadratic, 41 seconds for one 280 KB line.

Such a '<' cannot start HTML: nothing after it closes a tag ('>'), comment ('-->') or
CDATA section (']]>'). When a document has more than a few of them, each is replaced by a
non-character (U+FDD0) that no parser or inline pattern looks at, and the converted HTML
gets `&lt;` in its place: exactly what Python-Markdown writes for a text '<', in code
spans too. (Writing `&lt;` into the Markdown instead would make one inline placeholder per
'<', and Python-Markdown's inline pass is itself quadratic in those.) Below that count, or
when the text already holds U+FDD0, nothing is changed but the count's worth of escaping.

Python-Markdown's link pattern has the same shape in pure Python: from every '[' it walks
to the balancing ']' and from every '](' to the balancing ')', to the end of the paragraph
when there is none ("[a](" repeated: 500 s for 100 KB; 20,000 nested "[…]": 97 s). When
those walks would add up to more than BUDGET characters, the costliest openers (with
their balancing closer) are replaced the same way (U+FDD1-U+FDD4) and written back as
themselves; a page of ordinary links walks a few thousand characters.

Python-Markdown's HTML extractor itself is cubic on inline tags holding comments
(`<span><!---->` repeated: 10.8 s for 26 KB): at every comment it searches the rest of the
paragraph once per open inline tag. Its `html_block` preprocessor is swapped here for one
whose extractor answers the same question in linear time (`text.inlineclose`), same output.
The tables and admonition processors are swapped the same way for their linear twins
(`convert.linearblocks`: a row of code spans holding `|`, a block of headings, session 40).
"""

from __future__ import annotations

import re

from markdown import Extension, htmlparser
from markdown import preprocessors
from markdown.extensions import md_in_html
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from bantin.convert.linearblocks import use_linear_blocks
from bantin.text.inlineclose import LinearInlineClose
from bantin.text.unclosed import many_unclosed

PLACEHOLDER = "\ufdd0"
MARKS = {"<": "\ufdd0", "[": "\ufdd1", "(": "\ufdd2", "]": "\ufdd3", ")": "\ufdd4"}
RESTORE = {"\ufdd0": "&lt;", "\ufdd1": "[", "\ufdd2": "(", "\ufdd3": "]", "\ufdd4": ")"}
BUDGET = 1_000_000  # characters Python-Markdown may walk for '[' (or '(' after ']'): well under a second
_BRACKETS = {"[": re.compile(r"[\[\]]"), "(": re.compile(r"[()]")}


def scans(text: str, opening: str, closing: str, only_after: str = "") -> list[tuple[int, int, int]]:
    """(cost, opening offset, closing offset or -1) for each `opening` (one pass, a stack).

    The cost is what Python-Markdown walks from that opening: to its balancing `closing`
    (nesting counted), or to the end of the text when nothing balances it. With
    `only_after`, only openings right after that character count ('(' after ']').
    """
    stack: list[int] = []
    found: list[tuple[int, int, int]] = []
    for match in _BRACKETS[opening].finditer(text):  # Python work per bracket, not per character
        index = match.start()
        if match.group() == opening:
            stack.append(index)
        elif stack:
            start = stack.pop()
            found.append((index - start, start, index))
    found.extend((len(text) - start, start, -1) for start in stack)
    if only_after:
        found = [f for f in found if f[1] > 0 and text[f[1] - 1] == only_after]
    return found


def _over_budget(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The costliest scans to take out until the rest walk at most BUDGET characters.

    Taking out a balanced pair (both ends) leaves the pairing of every other one as it was.
    """
    total = sum(cost for cost, _, _ in found)
    if total <= BUDGET:
        return []
    chosen = []
    for item in sorted(found, reverse=True):
        chosen.append(item)
        total -= item[0]
        if total <= BUDGET:
            break
    return chosen


def defuse(text: str) -> tuple[str, bool]:
    """(text, placeholders used): openers that would make the parsers quadratic replaced.

    '<' that nothing closes, when there are more than FEW; '[' and '(' after ']' (with
    their balancing ']' / ')'), costliest first, until Python-Markdown's walks stay under
    BUDGET. They become placeholders (written back by `restore`); when the text already
    holds a placeholder character, '<' becomes `&lt;` and brackets are left alone.
    """
    found: dict[int, str] = dict.fromkeys(many_unclosed(text), "<")
    if "[" in text and text.count("[") * len(text) > BUDGET:  # else no walk can add up to BUDGET
        for opening, closing, after in (("[", "]", ""), ("(", ")", "]")):
            if after and "](" not in text:
                continue
            for _, start, end in _over_budget(scans(text, opening, closing, after)):
                found[start] = opening
                if end >= 0:
                    found[end] = closing
    if not found:
        return text, False
    clash = any(mark in text for mark in RESTORE)
    pieces, previous = [], 0
    for start in sorted(found):
        kind = found[start]
        if clash and kind != "<":
            continue
        pieces.append(text[previous:start])
        pieces.append("&lt;" if clash else MARKS[kind])
        previous = start + 1
    pieces.append(text[previous:])
    return "".join(pieces), not clash


def restore(html: str) -> str:
    for mark, written in RESTORE.items():
        if mark in html:
            html = html.replace(mark, written)
    return html


class LinearExtractor(LinearInlineClose, htmlparser.HTMLExtractor):
    """Python-Markdown's extractor (no md_in_html), its comment question answered linearly."""


class LinearExtractorExtra(LinearInlineClose, md_in_html.HTMLExtractorExtra):
    """md_in_html's extractor, its comment question answered linearly."""


class _LinearHtmlBlock(preprocessors.HtmlBlockPreprocessor):
    """Python-Markdown's `html_block` (its `run`, as it is) with the linear extractor."""

    extractor = LinearExtractor

    def run(self, lines: list[str]) -> list[str]:
        parser = self.extractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _LinearHtmlBlockExtra(_LinearHtmlBlock, md_in_html.HtmlBlockPreprocessor):
    extractor = LinearExtractorExtra


_LINEAR = {preprocessors.HtmlBlockPreprocessor: _LinearHtmlBlock,
           md_in_html.HtmlBlockPreprocessor: _LinearHtmlBlockExtra}


def _use_linear_extractor(md) -> None:
    """Make `html_block` its linear twin, whichever of the two Python-Markdown registered.

    At run time, just before it runs: md_in_html replaces the core one and extensions come in
    any order. The object itself changes class (the twins add no state), because the
    conversion already holds the list of preprocessors it runs.
    """
    current = md.preprocessors["html_block"] if "html_block" in md.preprocessors else None
    linear = _LINEAR.get(type(current))
    if linear is not None:
        current.__class__ = linear


class _Defuse(Preprocessor):
    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        _use_linear_extractor(self.md)
        use_linear_blocks(self.md)
        text = "\n".join(lines)
        fixed, self.state["placeholders"] = defuse(text)
        return lines if fixed is text else fixed.split("\n")


class _Restore(Postprocessor):
    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if not self.state.get("placeholders"):  # set by every conversion; toc also runs us on headings
            return text
        return restore(text)


class HtmlGuardExtension(Extension):
    """`defuse` before Python-Markdown's raw HTML block parser (priority 20), `restore` last."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        state: dict = {}
        md.preprocessors.register(_Defuse(md, state), "bantin_htmlguard", 21)
        md.postprocessors.register(_Restore(md, state), "bantin_htmlguard", 1)


def makeExtension(**kwargs) -> HtmlGuardExtension:  # noqa: N802 (Python-Markdown's name)
    return HtmlGuardExtension(**kwargs)
