"""Plain text from rendered HTML, for search documents, feed summaries and snippets."""

from __future__ import annotations

import html
import re

_DROP = re.compile(r"<(script|style|svg)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (regex: 10,000 pages, no parser)."""
    text = _TAG.sub(" ", _DROP.sub(" ", markup))
    return " ".join(html.unescape(text).split())  # whitespace collapsed: a quarter of a regex's time


def excerpt(text: str, limit: int = 280) -> str:
    """The first `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,.;:") + "…"


_MD_DROP = [  # (only when the text has this, pattern, replacement)
    (("```", "~~~"), re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL), " "),  # fenced code
    (("![",), re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (("](",), re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (("{",), re.compile(r"\{[:#.][^}]*\}"), " "),  # attribute lists
    (("<",), re.compile(r"<[^>]+>"), " "),  # raw HTML tags
    ((), re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # block markers
    (tuple("*_`|~"), re.compile(r"[*_`|~]+"), " "),  # emphasis, code, table pipes
]


def markdown_to_text(markdown: str) -> str:
    """Readable text of Markdown without rendering it: for search, made while pages render.

    A pattern runs only on text that has its mark: most bulletin text has none of them.
    """
    for marks, pattern, replacement in _MD_DROP:
        if not marks or any(mark in markdown for mark in marks):
            markdown = pattern.sub(replacement, markdown)
    return " ".join(html.unescape(markdown).split())
