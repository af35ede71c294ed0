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
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

PLACEHOLDER = "\ufdd0"
FEW = 32  # unclosed '<' the parser may scan past: 32 × 300 KB is still well under a second
_OPENER = re.compile(r"<(?=[A-Za-z/!?])")


def unclosed_openers(text: str) -> list[int]:
    """Offsets of every '<' that starts a tag-like thing nothing after it closes (one pass)."""
    last_gt = text.rfind(">")
    last_comment = text.rfind("-->")
    last_cdata = text.rfind("]]>")
    found = []
    for match in _OPENER.finditer(text, 0):
        start = match.start()
        if start > last_gt:
            found.append(start)
        elif text.startswith("<!--", start) and last_comment < start + 4:
            found.append(start)
        elif text.startswith("<![CDATA[", start) and last_cdata < start:
            found.append(start)
    return found


def defuse(text: str) -> tuple[str, bool]:
    """(text, placeholders used): unclosed '<' replaced when there are more than FEW of them.

    They become PLACEHOLDER (restored as `&lt;` by `restore`), or `&lt;` when the text
    already contains PLACEHOLDER.
    """
    if "<" not in text:
        return text, False
    openers = unclosed_openers(text)
    if len(openers) <= FEW:
        return text, False
    mark = "&lt;" if PLACEHOLDER in text else PLACEHOLDER
    pieces, previous = [], 0
    for start in openers:
        pieces.append(text[previous:start])
        pieces.append(mark)
        previous = start + 1
    pieces.append(text[previous:])
    return "".join(pieces), mark == PLACEHOLDER


def restore(html: str) -> str:
    return html.replace(PLACEHOLDER, "&lt;")


class _Defuse(Preprocessor):
    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        fixed, self.state["placeholders"] = defuse(text)
        return lines if fixed is text else fixed.split("\n")


class _Restore(Postprocessor):
    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if not self.state.pop("placeholders", False):
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
