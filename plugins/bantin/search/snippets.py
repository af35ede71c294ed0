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

No MkDocs here: the ids come from the Markdown (`content.anchors.heading_places`, its blocks
read as Python-Markdown reads them, ids as the toc extension gives them; a heading inside a list
or a quote is left out), and the end-to-end tests check each one against the built page.
"""

from __future__ import annotations

from itertools import chain, pairwise
from typing import Iterator

from bantin.content.anchors import heading_places
from bantin.text.plain import markdown_to_text


SNIPPET_CHARS = 4_000  # text kept per document for snippets (twin: SNIPPET_CHARS in bantin-search.js)
LEAD_CHARS = 240  # a later section's first characters under its heading: a snippet's window and some
HEADING_CHARS = 200  # a heading's, shown in the record (its id is its whole text's)
SECTIONS_CHARS = 12_000  # a text's later sections, headings and leads, at most (the first ones kept)
_BACK = 200  # how far before a heading's counted place its words are looked for (see `_places`)


def snippet_text(text: str) -> str:
    """The text a record keeps: its first SNIPPET_CHARS characters, cut at a space."""
    return _cut(text, SNIPPET_CHARS)


def later_sections(body: str, text: str) -> list[list[str]]:
    """[id, heading, lead] of each section of `body` whose heading or lead goes past what
    `snippet_text(text)` keeps (`text`: the body's plain text, `markdown_to_text`).

    A heading without an id (one the sanitiser drops) or whose words are not found in `text`
    (a heading of a link whose reference the page resolves) is left out: the result then opens
    the page at its top, as before. A heading is cut to HEADING_CHARS, so that one long heading
    cannot use up the budget of the sections after it.
    """
    kept = len(snippet_text(text))
    if kept == len(text):
        return []
    sections, weight = [], 0
    for (start, anchor, heading), (end, _, _) in pairwise(chain(_places(body, text), [(len(text), "", "")])):
        after = start + len(heading)
        lead = _cut(text[after:end].strip(), LEAD_CHARS)
        if anchor and after + len(lead) + 1 > kept:
            shown = _cut(heading, HEADING_CHARS)
            weight += len(shown) + len(lead)
            if weight > SECTIONS_CHARS:
                break
            sections.append([anchor, shown, lead])
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
        at = _nearest(text, heading, counted, max(floor, counted - _BACK)) if heading else -1
        if at >= 0:
            yield at, anchor, heading
            floor = counted = at + len(heading)
            since = index + 1


def _nearest(text: str, words: str, counted: int, lo: int) -> int:
    """Where `words` start in text[lo:counted + _BACK + len(words)], nearest the count: a
    heading's words said just before it («…như sau. B. Lệ phí» then «B. Lệ phí») are not it
    (a review, session 58: the lead began in the text before the heading). -1: not there."""
    hi = max(lo, counted + _BACK) + len(words)
    best, at = -1, text.find(words, lo, hi)
    while at >= 0:
        if best < 0 or abs(at - counted) < abs(best - counted):
            best = at
        if at >= counted:
            break  # the ones after are farther
        at = text.find(words, at + 1, hi)
    return best


def _cut(text: str, size: int) -> str:
    """The first `size` characters of a text, cut at a space."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > 0 else size]
