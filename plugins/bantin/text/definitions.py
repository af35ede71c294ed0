"""Link reference definitions, which the page never shows, found without rendering.

Python-Markdown reads a line `[id]: url "title"` as a definition and prints nothing for it,
so editors use `[//]: # (ghi chú)` as a comment (every Markdown cheat-sheet gives it) and
keep `[bien-ban]: https://…` for a link they may add later. The plain text of an article
(description, share card, feed, search) must not publish them either (security review F2,
session 36). Python-Markdown's own pattern (ReferenceProcessor.RE) lets the address give
back characters to a title glued to it, which is quadratic on a line of quotes; the same
lines are found here in one pass each: a start pattern, then the rest of the line read by
hand. tests/test_text.py checks the two agree on random text.
"""

from __future__ import annotations

import re

# `[id]:` at a line start (at most 3 spaces: 4 is code), or after the quote marks and list
# markers it is inside (`> [//]: # (…)`, `- [x]: u`: Python-Markdown drops those too; a
# multi-line one inside a quote is not followed), the id within one block (no blank line; it
# stops at any bracket, so a line of '[' is read once), then spaces and at most one line
# break before the address, as Python-Markdown allows.
_START = re.compile(r"^[ ]{0,3}(?:>[ ]{0,4}|[-*+][ ]+|\d+\.[ ]+)*+"
                    r"\[((?:[^\[\]\n]|\n(?![ ]*(?:\n|\Z)))*)\]:[ ]*(?:\n[ ]*)?", re.MULTILINE)
_CLOSERS = {'"': '"', "'": "'", ")": "("}  # a title's last character -> its first


def drop_definitions(markdown: str) -> str:
    """The Markdown without its link reference definitions (each span becomes one newline,
    as the paragraph break Python-Markdown makes there). Callers drop fenced code first: a
    definition inside code is code, and an indented one (4 spaces) never matches."""
    return split_definitions(markdown)[0]


def split_definitions(markdown: str) -> tuple[str, frozenset[str]]:
    """The Markdown without its definitions, and their ids as Python-Markdown files them
    (stripped, lower case): the plain text shows `[bài kia][k]` as «bài kia» when `k` is
    defined, as the page does."""
    if "]:" not in markdown:
        return markdown, frozenset()
    pieces, ids, pos = [], set(), 0
    for match in _START.finditer(markdown):
        if match.start() < pos:
            continue  # inside the title line of the definition just dropped
        end = _definition_end(markdown, match.end())
        if end is not None:
            pieces += [markdown[pos : match.start()], "\n"]
            ids.add(match.group(1).strip().lower())
            pos = end
    return ("".join(pieces) + markdown[pos:] if pieces else markdown), frozenset(ids)


def reference_key(label: str) -> str:
    """The id a reference link looks up, as Python-Markdown makes it: lower case, each run of
    white space one space, not stripped (`[Luật\nĐất đai]` finds `[luật đất đai]:`, while
    `[bài kia]` does not find `[bài  kia]:`, whose two spaces the definition keeps)."""
    return _WHITE.sub(" ", label.lower())


_WHITE = re.compile(r"\s+")


def _definition_end(text: str, url_at: int) -> int | None:
    """Where the definition whose address starts at `url_at` ends (its title included, on
    the same or the next line), or None when the rest is not an address and a title."""
    eol = _line_end(text, url_at)
    rest = text[url_at:eol]
    size = _token_size(rest)
    if size == 0:
        return None
    if not rest[size:].strip(" "):  # the address alone; a title may follow on the next line
        if eol < len(text) and _is_title(text[eol + 1 : _line_end(text, eol + 1)].strip(" ")):
            return _line_end(text, eol + 1)
        return eol
    return eol if _title_after(rest.rstrip(" "), size) else None


def _title_after(line: str, size: int) -> bool:
    """Whether `line` (the address first, `size` characters) is an address then a title: the
    title may start inside the address's characters (after the first) or after its spaces."""
    opener = _CLOSERS.get(line[-1])
    if opener is None:
        return False
    start = line.find(opener, 1, size)
    if start < 0:
        start = size + len(line[size:]) - len(line[size:].lstrip(" "))
        if line[start] != opener:
            return False
    return start < len(line) - 1


def _is_title(text: str) -> bool:
    """A whole title: "…", '…' or (…), spaces around it already gone."""
    return len(text) >= 2 and _CLOSERS.get(text[-1]) == text[0]


def _token_size(text: str) -> int:
    """Length of the run of non-space characters `text` starts with (`[^\\s]+`)."""
    match = _TOKEN.match(text)
    return match.end() if match else 0


def _line_end(text: str, at: int) -> int:
    """Index of the newline ending the line `at` is on (the text's length on the last line)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


_TOKEN = re.compile(r"[^\s]+")
