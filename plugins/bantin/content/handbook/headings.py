"""A handbook's lines as the build reads them: fenced code, `## ` headings and their parts.

Every other module of this package reads a body through these: which lines are outside fenced code
(`unfenced`), which are question headings (`heading_lines`), and a heading's question, its
`{#id}` (`split_heading`) and its «Câu hỏi 3:» number (`display_title`). One reading, so the
build, `bantin ids`, the importer and the checks never disagree on what a question is.
"""

from __future__ import annotations

import re
from typing import Iterator

_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
HEADING = re.compile(r"^##(?!#)\s+(.*)$")  # text stripped in code: a lazy `(.*?)\s*$` is quadratic
_ID = re.compile(r"#([^\s}]+)")
NUMBER_PREFIX = re.compile(r"^(?:Câu\s+hỏi|Câu)\s*\d+\s*[:.)–-]\s*", re.IGNORECASE)
# What starts a question pasted from Word in bold or italics: "Câu hỏi 4:", "Câu 4.", "Câu hỏi số 4:".
# Not «Hỏi:»: an imported answer opens with the asker's «**Hỏi:** Tôi…» (emphasised_question).
# Each part is a run of one class followed by a fixed character: linear.
PASTED_PREFIX = re.compile(r"(?:Câu\s+hỏi|Câu)\s*(?:số\s*)?\d+\s*[:.)–-]", re.IGNORECASE)
# «Câu hỏi N» names a question; «Câu N» alone (a quiz's answer key: «**Câu 1:** B.») only when the
# emphasised words end with «?» (session 39's review F3).
ASKED = re.compile(r"Câu\s+hỏi", re.IGNORECASE)


def unfenced(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of the lines outside fenced code blocks. A fence closes only with a run of
    its own character at least as long and nothing after it (a ``` line inside ~~~ is code)."""
    fence: tuple[str, int] | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = (match.group(1)[0], len(match.group(1)))
            else:
                yield index, line
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= fence[1] and not match.group(2).strip():
            fence = None


def heading_lines(body: str) -> list[tuple[int, str]]:
    """(index, text) of `## ` headings outside fenced code blocks."""
    return [(index, match.group(1).rstrip()) for index, line in unfenced(body.split("\n"))
            if (match := HEADING.match(line))]


def attribute_list(text: str) -> tuple[int, str] | None:
    r"""(where the attribute list starts, its inside) of a heading ending in `{…}`, or None.

    What `\s*\{:?\s*([^}]*)\}\s*$` found, with `str` searches: that regex rescanned the
    line from every '{' and every space (quadratic on a hostile 300 KB heading).
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    close = len(stripped) - 1
    previous = stripped.rfind("}", 0, close)
    opening = stripped.find("{", previous + 1, close)
    if opening < 0:
        return None
    inner = stripped[opening + 1 : close]
    inner = inner[1:] if inner.startswith(":") else inner
    return len(stripped[:opening].rstrip()), inner.strip()


def split_heading(text: str) -> tuple[str, str]:
    """('question text', 'id' or '') from a heading like 'Câu hỏi 1: … {#id}'."""
    attrs = attribute_list(text)
    if not attrs:
        return text.strip(), ""
    ident = _ID.search(attrs[1])
    return text[: attrs[0]].strip(), ident.group(1) if ident else ""


def display_title(heading: str) -> str:
    """The question without its 'Câu hỏi 3:' number, which changes when questions move."""
    return NUMBER_PREFIX.sub("", heading).strip() or heading


def without_attributes(text: str) -> str:
    """`text` without an attribute list at its end (`… thế nào? {#id}`); one scan."""
    if text.endswith("}") and (start := text.rfind("{")) >= 0:
        return text[:start].strip()
    return text


def emphasis_mark(text: str) -> str:
    """The run of `*` or `_` (three at most: bold and italics) `text` starts with, or ''."""
    if text[:1] not in ("*", "_"):
        return ""
    return text[0] * min(3, len(text) - len(text.lstrip(text[0])))


def intro_heading_ids(intro: list[str]) -> list[tuple[int, str]]:
    """(index, id) of the intro's headings (outside fenced code) that carry an `{#id}`."""
    return [(index, qid) for index, line in unfenced(intro)
            if line.startswith("#") and (qid := split_heading(line.lstrip("#"))[1])]
