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
to the matching ']' and from every '](' to the matching ')', to the end of the paragraph
when there is none ("[a](" repeated: 500 s for 100 KB). A '[' or such a '(' that nothing
closes is replaced the same way (U+FDD1, U+FDD2) and written back as itself.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

PLACEHOLDER = "\ufdd0"
MARKS = {"<": "\ufdd0", "[": "\ufdd1", "(": "\ufdd2"}
RESTORE = {"\ufdd0": "&lt;", "\ufdd1": "[", "\ufdd2": "("}
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


def unclosed(text: str, opening: str, closing: str, only_after: str = "") -> list[int]:
    """Offsets of `opening` characters that no later `closing` balances (nesting counted).

    One pass with a stack: what is left on it at the end was never closed. With
    `only_after`, only openings right after that character are returned ('(' after ']').
    """
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == opening:
            stack.append(index)
        elif char == closing and stack:
            stack.pop()
    return [i for i in stack if not only_after or (i > 0 and text[i - 1] == only_after)]


def defuse(text: str) -> tuple[str, bool]:
    """(text, placeholders used): each kind of unclosed opener replaced when there are
    more than FEW of it.

    They become placeholders (written back by `restore`); when the text already holds a
    placeholder character, '<' becomes `&lt;` and '[' / '(' are left alone.
    """
    found: dict[int, str] = {}
    if "<" in text:
        openers = unclosed_openers(text)
        if len(openers) > FEW:
            found.update(dict.fromkeys(openers, "<"))
    if text.count("[") > FEW:
        brackets = unclosed(text, "[", "]")
        if len(brackets) > FEW:
            found.update(dict.fromkeys(brackets, "["))
        parens = unclosed(text, "(", ")", only_after="]") if "](" in text else []
        if len(parens) > FEW:
            found.update(dict.fromkeys(parens, "("))
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
