"""Raw HTML that swallows the questions after it on a handbook's page (session 32).

Python-Markdown reads a block-level tag at the start of a line (`<details>`, `<div>`,
`<table>`, `<p>`) as raw HTML up to its closing tag. When that tag is never closed, every
line after it reaches the page as it is written: a `## Câu hỏi …` heading shows as text,
with no heading and no anchor, while the build's list of questions (`handbook.headings.heading_lines`, a
line scan) and each question's own page (its answer alone) look right. Whether a heading
is swallowed is read by rendering the text as the build does (md_in_html: a block marked
`markdown="1"` keeps its Markdown), and only when a line starts with a tag: a handbook
without one costs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import markdown
from markdown.util import BLOCK_LEVEL_ELEMENTS

_TAG_AT_START = re.compile(r"^ {0,3}<[A-Za-z]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_NOT_NEWLINE = re.compile(r"[^\n]")
_H2_ID = re.compile(r"<h2\b[^>]*?\bid=\"([^\"]*)\"")
_VOID = {"hr", "br", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS) - _VOID


def starts_with_tag(line: str) -> bool:
    """A line Python-Markdown may read as the start of raw HTML (a tag at its start)."""
    return _TAG_AT_START.match(line) is not None


def rendered_h2_ids(lines: Sequence[str]) -> set[str] | None:
    """Ids of the `<h2>` headings Python-Markdown makes of `lines` (the lines of fenced code
    given blank, as `qa` reads a handbook), or None when no line starts with a tag (then
    nothing is swallowed, and nothing is rendered). htmlguard keeps the parse linear on text
    full of unclosed '<', as in the build."""
    if not any(_TAG_AT_START.match(line) for line in lines):
        return None
    return _h2_ids("\n".join(lines))


@lru_cache(maxsize=4)
def _h2_ids(text: str) -> frozenset[str]:
    """The rendering of one text, kept: the importer asks of the same new handbook twice
    (`parse_questions`' warning, then its own refusal)."""
    return frozenset(_H2_ID.findall(_renderer().reset().convert(text)))


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "bantin.convert.htmlguard"])


def _blank_comments(text: str) -> str:
    """`text` with each closed `<!-- … -->` made spaces (its line breaks kept). An unclosed one
    is text to Python-Markdown, and so is every `<!--` after it: one pass, never quadratic."""
    parts, at = [], 0
    while (start := text.find("<!--", at)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        parts += [text[at:start], _NOT_NEWLINE.sub(" ", text[start:end + 3])]
        at = end + 3
    return "".join(parts) + text[at:]


def open_blocks(lines: Sequence[str], wanted: Sequence[int]) -> dict[int, tuple[int, str] | None]:
    """For each line index in `wanted`: (index, tag) of the outermost block-level tag opened at
    the start of a line above it and not closed before it, as Python-Markdown reads raw HTML,
    or None when no tag is left open there. One pass over the text."""
    asked = set(wanted)
    found: dict[int, tuple[int, str] | None] = {}
    opened: tuple[int, str] | None = None
    stack: list[str] = []
    for index, line in enumerate(_blank_comments("\n".join(lines)).split("\n")):
        if index in asked:
            found[index] = opened
        for match in _TAG.finditer(line):
            closing, tag, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
            if opened is None:
                if (not closing and not selfclosing and tag in _BLOCK_LEVEL
                        and not line[: match.start()].strip() and match.start() <= 3):
                    opened, stack = (index, tag), [tag]
            elif closing and tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag):]
                if not stack:
                    opened = None
            elif not closing and not selfclosing and tag not in _VOID:
                stack.append(tag)
    return found
