"""Python-Markdown's inline pass, minus the work on text that has no inline syntax.

Python-Markdown tries each of its fourteen inline patterns on every text node, one regex
search after another. Most paragraphs of a bulletin are plain Vietnamese prose in which no
pattern can match: none contains a backslash, backtick, '[', '<', '&', '*', '_' or a hard
line break. Such text is returned as it is, which is exactly what the patterns would do.

Only the built-in patterns are known here. When an extension adds or replaces one, or a
Python-Markdown release changes one, the inline pass stays Python-Markdown's own.

This module holds the knowledge (which patterns, which characters); the pass itself
overrides a private method of Python-Markdown, so it lives with the other private names
in adapter/compat.py (`install_quick_inline`), behind the version gate.
"""

from __future__ import annotations

import re
from typing import Iterable

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


def all_known(patterns: Iterable[tuple[str, object]]) -> bool:
    """True when every (name, pattern) registered is a built-in one known above."""
    for name, pattern in patterns:
        if type(pattern).__module__ != "markdown.inlinepatterns":
            return False
        if name == HTML_PATTERN:
            if not pattern.compiled_re.pattern.startswith("(<"):
                return False
        elif KNOWN_PATTERNS.get(name) != pattern.compiled_re.pattern:
            return False
    return True


def has_syntax(text: str) -> bool:
    """Whether any built-in inline pattern could match in `text`."""
    return SYNTAX.search(text) is not None
