"""Plain text from rendered HTML, for search documents, feed summaries and snippets."""

from __future__ import annotations

import html
import re

_DROP = re.compile(r"<(script|style|svg)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (regex: 10,000 pages, no parser)."""
    text = _TAG.sub(" ", _DROP.sub(" ", markup))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def excerpt(text: str, limit: int = 280) -> str:
    """The first `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,.;:") + "…"


_MD_DROP = [
    (re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL), " "),  # fenced code
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"\{[:#.][^}]*\}"), " "),  # attribute lists
    (re.compile(r"<[^>]+>"), " "),  # raw HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # block markers
    (re.compile(r"[*_`|~]+"), " "),  # emphasis, code, table pipes
]


def markdown_to_text(markdown: str) -> str:
    """Readable text of Markdown without rendering it: for search, made while pages render."""
    for pattern, replacement in _MD_DROP:
        markdown = pattern.sub(replacement, markdown)
    return _SPACE.sub(" ", html.unescape(markdown)).strip()
