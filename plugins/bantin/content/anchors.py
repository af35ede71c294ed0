"""Ids and anchors of a page: what a heading's id is, which ids are reserved, which anchors exist.

One rule for a heading's id (`heading_id`, the toc extension's slug hook) serves the build,
the sanitiser (which drops reserved ids an editor's HTML gives) and the link checker (which
needs every anchor a page has: headings, attribute lists, raw `id`/`name`).

Every pattern here is linear on a long line.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from bantin.text.vi import slugify
from bantin.content.links import block_text, link_words, markdown_text
from bantin.content.literal import ATTR_LIST


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)(.*)$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"#([^\s{}#]+)")
_ATTR_KEY_ID = re.compile(r"(?<![^\s:])id=(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'{}]+))")
_TRAILING_ATTRS = re.compile(r"(?<!\\)\{:?[^{}\n]*\}[ \t]*$")
_RAW_ID = re.compile(r"\b(?:id|name)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.IGNORECASE)
_TAGS = re.compile(r"<[^<>\n]*>")


# Names the page's own scripts look up (Material's bundle, theme/assets/javascripts) or read as
# window globals: an editor's element with such an id would replace the theme's (Material reads
# the first `#__config`) or clobber the global (`window.lunr`, `window.BantinSearch`).
RESERVED_IDS = frozenset({"lunr", "BantinSearch", "module", "exports", "define", "require",
                          "ga", "gtag", "dataLayer", "document$", "location$", "target$"})
RESERVED_ID_PREFIXES = ("_", "bantin-", "bt-")  # Material's ids are `__…`; the theme's `bantin-…`, `bt-…`


def reserved_id(value: str) -> bool:
    """True for an id editor HTML may not give an element: one the theme or Material uses,
    a window global our scripts read, or anything with `$` (Material's observable globals).
    Heading and question anchors (lower case, letters, digits, hyphens) never match."""
    value = value.strip()
    return value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES) or "$" in value


def heading_id(text: str) -> str:
    """The id of a heading (the toc extension's slug hook, and `anchors`): the Vietnamese slug,
    `muc` when it has no letter, `muc-…` when the slug is an id the page's scripts use
    (`## Gà` → `muc-ga`, `## Lunr` → `muc-lunr`): the sanitiser would drop it and the toc
    would link to nothing. Every other heading keeps the id it always had."""
    value = slugify(text) or "muc"
    return f"muc-{value}" if reserved_id(value) else value


def attr_list_ids(content: str) -> list[str]:
    """Ids an attribute list `{: …}` gives (its content): `#x` and `id="x"` / `id=x`."""
    found = _ATTR_ID.findall(content)
    if "id" in content:
        found += [next(v for v in m.groups() if v is not None) for m in _ATTR_KEY_ID.finditer(content)]
    return found


def _heading_texts(body: str, text: str) -> list[str]:
    """Text of every ATX and setext heading, in order: found in `text` (code blanked), read
    from `body` (a heading's own `code` counts in its id)."""
    lines, original = text.split("\n"), body.split("\n")
    found = []
    for index, line in enumerate(lines):
        if _ATX.match(line) is not None:
            found.append(_ATX.match(original[index]).group(2).strip().rstrip("#").strip())
        elif (index and lines[index - 1].strip() and _SETEXT.match(line)
              and not _ATX.match(lines[index - 1]) and not lines[index - 1].startswith((" " * 4, "\t"))):
            found.append(original[index - 1].strip())
    return found


def heading_places(body: str) -> list[tuple[int, str, str]]:
    """(line index, id, text without its `{…}`) of every heading of the page's own text, in
    order, with the one id the page gives it: its own `{#id}`, else its words without markup
    slugged as the toc extension does, `_1`… after an id the page already has; "" for an id the
    sanitiser drops.

    `anchors` takes every line that may be a heading, to accept every link that may work; a
    search result opening a long page at a heading (search/snippets.py) needs the headings the
    page has, so this reads them as Python-Markdown does: `#` at the line's start (not after
    spaces: «   ## x» is a paragraph), closing `#`s dropped; a setext heading's text only as its
    block's first line («Dòng một / Dòng hai / ---» is a paragraph and a rule); none in code, a
    comment or a raw HTML block. A heading inside a list item or a quote is left out (the page
    gives it an id this line-by-line reading cannot tell): its result opens the page at its top.
    (A review, session 58: each of those gave an id the page did not have.)
    """
    text = block_text(body)
    lines, original = text.split("\n"), body.split("\n")
    explicit = {i for m in ATTR_LIST.finditer(text) for i in attr_list_ids(m.group(1))}
    used, last = set(explicit), {}
    found = []
    for index, heading in _page_headings(lines, markdown_text(body).split("\n"), original):
        own = attr_list_ids(_attr_tail(heading))
        words = _TRAILING_ATTRS.sub("", heading).strip()
        anchor = own[-1] if own else _unique(heading_id(_plain(words)), used, last)
        found.append((index, "" if reserved_id(anchor) else anchor, words))
    return found


_PM_ATX = re.compile(r"(#{1,6})(.*?)#*$")  # Python-Markdown's HashHeaderProcessor, on one line
_PM_SETEXT = re.compile(r"[=-]+ *$")


def _page_headings(lines: list[str], unblanked: list[str], original: list[str]) -> list[tuple[int, str]]:
    """(line index, text) of each heading as Python-Markdown's block parser finds it (see
    `heading_places`) in `lines` (code, comments, raw HTML blanked); a setext heading's rule
    read in `unblanked` (code and comments only: the links' reading blanks a rule too); a block
    starts after a blank line or a heading's line."""
    found = []
    for index, line in enumerate(lines):
        if line.startswith("#"):
            found.append((index, _PM_ATX.match(original[index]).group(2).strip()))
        elif (line.strip() and not line.startswith((" " * 4, "\t")) and index + 1 < len(lines)
              and _PM_SETEXT.match(unblanked[index + 1]) and (index == 0 or not lines[index - 1].strip()
                                                              or lines[index - 1].startswith("#"))):
            found.append((index, original[index].strip()))
    return found


_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


def _unique(anchor: str, used: set[str], last: dict[str, str]) -> str:
    """The toc extension's `unique` (`x`, `x_1`, `x_2`…), from the last id given for the same
    words on: a page of 20,000 headings «Lệ phí» took a minute counting from `_1` each time."""
    found = last.get(anchor, anchor)
    while found in used or not found:
        m = _IDCOUNT.match(found)
        found = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{found}_1"
    used.add(found)
    last[anchor] = found
    return found


def _plain(heading: str) -> str:
    """Heading text as the toc extension reads it: link and image text, no tags, entities decoded."""
    return html.unescape(_TAGS.sub("", link_words(heading)))


def anchors(body: str, slug: Callable[[str], str] | None = None) -> set[str]:
    """Ids a page built from this body has: headings as the toc extension names them (with its
    `_1` suffixes), explicit `{#id}` attribute lists, raw `id=`/`name=` attributes.

    Headings are slugged from two readings of their text (as written, and without markup)
    so a heading with unusual markup never makes a good link fail.
    """
    slug = slug or heading_id
    text = markdown_text(body)
    explicit = {i for m in ATTR_LIST.finditer(text) for i in attr_list_ids(m.group(1))}
    found = set(explicit)
    found |= {next(v for v in m.groups() if v is not None) for m in _RAW_ID.finditer(text)}
    headings = [h for h in _heading_texts(body, text) if not attr_list_ids(_attr_tail(h))]
    for reading in (lambda h: _TRAILING_ATTRS.sub("", h), lambda h: _plain(_TRAILING_ATTRS.sub("", h))):
        used, last = set(explicit), {}
        found |= {_unique(slug(reading(h)), used, last) for h in headings}
    return {anchor for anchor in found if not reserved_id(anchor)}  # the sanitiser drops those


def _attr_tail(heading: str) -> str:
    m = _TRAILING_ATTRS.search(heading)
    return m.group(0) if m else ""
