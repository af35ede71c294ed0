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

from markdown.extensions.toc import unique

from bantin.text.vi import slugify
from bantin.content.links import link_words, markdown_text
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
    return [heading for _, heading in _heading_lines(body, text)]


def _heading_lines(body: str, text: str) -> list[tuple[int, str]]:
    """(line index, text) of every heading; a setext heading's line is its text's, above the rule."""
    lines, original = text.split("\n"), body.split("\n")
    found = []
    for index, line in enumerate(lines):
        if _ATX.match(line) is not None:
            found.append((index, _ATX.match(original[index]).group(2).strip().rstrip("#").strip()))
        elif (index and lines[index - 1].strip() and _SETEXT.match(line)
              and not _ATX.match(lines[index - 1]) and not lines[index - 1].startswith((" " * 4, "\t"))):
            found.append((index - 1, original[index - 1].strip()))
    return found


def heading_places(body: str) -> list[tuple[int, str, str]]:
    """(line index, id, text without its `{…}`) of every heading, in order, with the one id the
    page gives it: its own `{#id}`, else its words without markup slugged as the toc extension
    does, `_1`… after an id the page already has; "" for an id the sanitiser drops.

    `anchors` takes two readings of each heading, to accept every link that may work; a search
    result opening a long page at a heading (search/sections.py) needs the one it has.
    """
    text = markdown_text(body)
    explicit = {i for m in ATTR_LIST.finditer(text) for i in attr_list_ids(m.group(1))}
    used = set(explicit)
    found = []
    for index, heading in _heading_lines(body, text):
        own = attr_list_ids(_attr_tail(heading))
        words = _TRAILING_ATTRS.sub("", heading).strip()
        anchor = own[-1] if own else unique(heading_id(_plain(words)), used)
        found.append((index, "" if reserved_id(anchor) else anchor, words))
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
        used = set(explicit)
        found |= {unique(slug(reading(h)), used) for h in headings}
    return {anchor for anchor in found if not reserved_id(anchor)}  # the sanitiser drops those


def _attr_tail(heading: str) -> str:
    m = _TRAILING_ATTRS.search(heading)
    return m.group(0) if m else ""
