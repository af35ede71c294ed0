"""Python-Markdown's inline pass, minus the work on text that has no inline syntax.

Python-Markdown tries each of its fourteen inline patterns on every text node, one regex
search after another. Most paragraphs of a bulletin are plain Vietnamese prose in which no
pattern can match: none contains a backslash, backtick, '[', '<', '&', '*', '_' or a hard
line break. Such text is returned as it is, which is exactly what the patterns would do.

Only the built-in patterns are known here. When an extension adds or replaces one, or a
Python-Markdown release changes one, the inline pass stays Python-Markdown's own.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

# Every built-in pattern needs one of these to match (regexes as in Markdown 3.11).
KNOWN_PATTERNS = {
    "backtick": r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
    "escape": r"\\(.)",
    "reference": r"(?<!\!)\[",
    "link": r"(?<!\!)\[",
    "image_link": r"\!\[",
    "image_reference": r"\!\[",
    "short_reference": r"(?<!\!)\[",
    "short_image_ref": r"\!\[",
    "autolink": r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",
    "automail": r"<([^<> !]+@[^@<> ]+)>",
    "linebreak": r"  \n",
    "entity": r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",
    "em_strong": r"\*|_",
}
HTML_PATTERN = "html"  # its regex is long; it cannot match without '<'
SYNTAX = re.compile(r"[\\`\[<&*_]|  \n")


def quick_inline_applies(md: Markdown) -> bool:
    """True when every inline pattern registered on `md` is a built-in one known above."""
    if type(md.treeprocessors["inline"]) is not InlineProcessor:
        return False
    for name in [item.name for item in md.inlinePatterns._priority]:  # the registry's names
        pattern = md.inlinePatterns[name]
        if type(pattern).__module__ != "markdown.inlinepatterns":
            return False
        if name == HTML_PATTERN:
            if not pattern.compiled_re.pattern.startswith("(<"):
                return False
        elif KNOWN_PATTERNS.get(name) != pattern.compiled_re.pattern:
            return False
    return True


class QuickInlineProcessor(InlineProcessor):
    """The inline pass that leaves text without inline syntax untouched (see module)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex == 0 and SYNTAX.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def install(md: Markdown) -> bool:
    """Use the quick inline pass on `md` when its patterns allow it; True if installed."""
    if "inline" not in md.treeprocessors or not quick_inline_applies(md):
        return False
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)
    return True
