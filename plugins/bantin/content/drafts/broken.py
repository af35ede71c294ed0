"""The addresses a taken-down draft still has when the build cannot read it (session 40).

A draft that fails a check has no item, so no address the build knows; yet its old page's
address, written as text in a published page, tells readers what was taken down or is being
prepared (content/drafts/mentions.py). Session 39 worked out the address of a draft whose front
matter reads (fields.address_of). This module adds what it left:

- a broken draft handbook's questions: their ids are read from its `## … {#id}` headings as the
  build reads them (or as the editor meant them: `{# le-phi }`), whatever else fails, so their
  pages and short links (`/q/<id>/`) are looked for too;
- a draft whose YAML does not read at all (`title: Kế hoạch: chưa công bố`, the commonest slip):
  its `title:`, `slug:` and `type:` lines are read without YAML, as `policy.declares_draft`
  reads `draft: true`, and given to `address_of`, so the address is the one `validate` would
  make; and its file's name, which `bantin new`, the web editor and the importer make from the
  first title, is taken as one more address it may have had.

Looking for an address too many costs nothing but a sentence naming a page that does not exist;
a published page's or a generated page's address is never a draft's (DraftAddresses.of).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from bantin.config.settings import SiteConfig
from bantin.content.handbook.headings import heading_lines, split_heading
from bantin.content.handbook.ids import ID_MAX, VALID_ID, misread_id
from bantin.content.fields import address_of
from bantin.content.frontmatter import decode, parse_yaml, split
from bantin.problems import Problems
from bantin.text.vi import full_slug

_HEAD_CHARS = 64 * 1024  # as policy.declares_draft: front matter longer is no front matter an editor wrote
_HEAD_LINES = 200
_VALUE_CHARS = 1_000  # a title's first characters make its address (at most fields.SLUG_MAX long)
_LINE = re.compile(r"(title|slug|type)[ \t]*:[ \t]*(.*)")  # a top-level line, read without YAML
_COMMENT = re.compile(r"[ \t]#")


@dataclass(frozen=True)
class Unbuilt:
    """What a draft the build made no item of still tells of its addresses."""

    places: tuple[tuple[str, str], ...]  # (kind, slug) of each page it may be at
    ids: tuple[str, ...]  # its questions' ids, when it is a handbook


def addresses(src: str, data: bytes, site: SiteConfig) -> Unbuilt:
    """The places and question ids of the file `src` (its bytes `data`), however it fails."""
    problems = Problems()  # `read` reports them; none are kept here
    text = decode(src, data, problems)
    if text is None:
        return Unbuilt((), ())
    parts = split(src, text, problems)
    parsed = parse_yaml(src, parts[0], problems) if parts is not None else None
    if parsed is not None:
        place = address_of(src, parsed[0], parsed[1], site)
        places = [place] if place else []
    else:
        places = _unread_places(src, text, site)
    body = parts[1] if parts is not None else text.partition("\n")[2]
    handbook = any(kind == "qa" for kind, _ in places)
    return Unbuilt(tuple(dict.fromkeys(places)), question_ids(body) if handbook else ())


def _unread_places(src: str, text: str, site: SiteConfig) -> list[tuple[str, str]]:
    """(kind, slug) from the `title:`, `slug:`, `type:` lines of front matter YAML does not read,
    and from the file's name when it is an address (`du-thao-quy-che.md`)."""
    fields = _lines(text)
    places = []
    if (place := address_of(src, fields, {}, site)) is not None:
        places.append(place)
    stem = posixpath.splitext(posixpath.basename(src))[0]
    if stem and full_slug(stem) == stem:
        if (place := address_of(src, {**fields, "slug": stem, "title": stem}, {}, site)) is not None:
            places.append(place)
    return places


def _lines(text: str) -> dict[str, str]:
    """The values of the first top-level `title:`, `slug:` and `type:` lines of the front matter
    (from the opening `---` to the closing one, or to the first blank line), quotes and a
    comment taken off as YAML would; each cut to its first characters."""
    lines = text[:_HEAD_CHARS].split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}
    found: dict[str, str] = {}
    for line in lines[1:_HEAD_LINES]:
        if line.rstrip() in ("---", "...") or not line.strip():
            break
        match = _LINE.fullmatch(line.rstrip())
        if match and match.group(1) not in found:
            found[match.group(1)] = _value(match.group(2)[:_VALUE_CHARS])
    return {key: value for key, value in found.items() if value}


def _value(text: str) -> str:
    """A scalar as written: a quoted one up to its closing quote (or to its end, unclosed), a
    plain one up to ` #`."""
    if text[:1] in ("'", '"'):
        close = text.find(text[0], 1)
        return (text[1:close] if close > 0 else text[1:]).strip()
    comment = _COMMENT.search(text)
    return (text[:comment.start()] if comment else text).strip()


def question_ids(body: str) -> tuple[str, ...]:
    """The ids of a handbook's `## ` questions as the build reads them, or as the editor meant
    them where the build refuses the way they are written (handbook.ids.misread_id)."""
    ids = []
    for _, heading in heading_lines(body):
        written = misread_id(heading)
        qid = written.meant if written is not None else split_heading(heading)[1]
        if qid and len(qid) <= ID_MAX and VALID_ID.fullmatch(qid):
            ids.append(qid)
    return tuple(dict.fromkeys(ids))
