"""The text a search result's snippet is chosen from: a text's first SNIPPET_CHARS characters,
and for a longer one, its later sections (heading, id, first words).

Why sections: a result opens its page where its snippet's words are (bantin-search.js,
`phraseAt`), but only within the text the record carries. A guide's section 9.2, «Giấy chứng
sinh bị mất», 6,000 characters in, was found by its words and opened at the guide's intro
(session 56's trial). Carrying whole texts would weigh on every question's download (issue 16's
150 KB): a guide of 170,000 characters is one record. A section's heading and its first
LEAD_CHARS characters are enough to show where the words are, and its id opens the page at the
heading in every browser (a text fragment needs the words exactly as on the page). The
sections of a text weigh SECTIONS_CHARS at most.

No MkDocs here: the ids come from the Markdown (`content.anchors.heading_places`), as the toc
extension gives them, and the end-to-end tests check each one against the built page.
"""

from __future__ import annotations

from typing import Iterator

from bantin.content.anchors import heading_places
from bantin.text.plain import markdown_to_text


SNIPPET_CHARS = 4_000  # text kept per document for snippets (twin: SNIPPET_CHARS in bantin-search.js)
LEAD_CHARS = 240  # a later section's first characters under its heading: a snippet's window and some
SECTIONS_CHARS = 12_000  # a text's later sections, headings and leads, at most (the first ones kept)
_BACK = 200  # how far before a heading's counted place its words are looked for (see `_places`)


def snippet_text(text: str) -> str:
    """The text a record keeps: its first SNIPPET_CHARS characters, cut at a space."""
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS]


def later_sections(body: str, text: str) -> list[list[str]]:
    """[id, heading, lead] of each section of `body` whose heading or lead goes past what
    `snippet_text(text)` keeps (`text`: the body's plain text, `markdown_to_text`).

    A heading without an id (one the sanitiser drops) or whose words are not found in `text`
    (a heading of a link whose reference the page resolves) is left out: the result then opens
    the page at its top, as before. Read lazily: a text of 100,000 headings stops at the
    budget.
    """
    kept = len(snippet_text(text))
    if kept == len(text):
        return []
    sections, weight = [], 0
    places = _places(body, text)
    this = next(places, None)
    while this is not None:
        after_it = next(places, None)
        start, anchor, heading = this
        after = start + len(heading)
        lead = _lead(text[after:after_it[0] if after_it else len(text)])
        if anchor and after + len(lead) + 1 > kept:
            weight += len(heading) + len(lead)
            if weight > SECTIONS_CHARS:
                break
            sections.append([anchor, heading, lead])
        this = after_it
    return sections


def _places(body: str, text: str) -> Iterator[tuple[int, str, str]]:
    """(where its words start in `text`, id, words) of each heading found in `text`.

    Where a heading is, counted: the plain text of the Markdown before it, part by part (the
    parts' texts joined by a space, as the whole text's blocks are). A part's link to a
    reference defined further down reads a little longer than in the whole text, so the words
    are looked for within _BACK characters of the count, never before the last heading: only
    there, so that a text of many headings not found is not read again for each.
    """
    lines = body.split("\n")
    counted, since, floor = 0, 0, 0
    for index, anchor, words in heading_places(body):
        before = markdown_to_text("\n".join(lines[since:index]))
        counted += len(before) + (1 if before else 0)
        since = index
        heading = markdown_to_text("## " + words)  # as a heading: «2. Giấy tờ» keeps its «2.»
        lo = max(floor, counted - _BACK)
        at = text.find(heading, lo, max(lo, counted + _BACK) + len(heading)) if heading else -1
        if at >= 0:
            yield at, anchor, heading
            floor = counted = at + len(heading)
            since = index + 1


def _lead(rest: str) -> str:
    """The first LEAD_CHARS characters of a section's text, cut at a space."""
    rest = rest.strip()
    if len(rest) <= LEAD_CHARS:
        return rest
    cut = rest.rfind(" ", 0, LEAD_CHARS)
    return rest[: cut if cut > 0 else LEAD_CHARS]
