"""Links in a Markdown body: finding them, resolving them, rewriting them.

Markdown links and images, reference definitions and raw HTML `<a href>`, `<img src>`,
`<audio>`, `<video>`, `<source>` are read with their line, outside code spans, fences and
comments, so `checks` can say where a mistake is; `html_links` and `rebase_links` rewrite
targets for the build (site addresses, a question's page one folder down). Markdown links are
read as Python-Markdown reads them (`literal`): `\\[a\\](b)` is text, `\\\\[a](b)` a link.

Every pattern here is linear on a long line: character classes stop at the next bracket,
quote or parenthesis, so no start position rescans the rest of the line.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass, replace
from typing import Callable, Collection, Mapping
from urllib.parse import unquote, urlsplit

from bantin.content.literal import blank_escapes, code_free, outside_code, unescape
from bantin.content.model import Item


_CHAR = r"(?:[^()\s<>]|\([^()\s<>]*\))"  # a character of a target, or a (group) without spaces
# A target's words: as in Python-Markdown, `Ảnh hội nghị.jpg` is one target with spaces; a word
# that starts with a quote is the title.
_WORDS = rf"{_CHAR}*(?:[ \t]+(?:[^()\s<>\"']|\([^()\s<>]*\)){_CHAR}*)*"
_TITLE = r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"""
_TARGET = rf"(<[^<>\n]*>|{_WORDS}){_TITLE}"
# [text](target "title") and ![alt](src): text stops at any bracket, target at any parenthesis.
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*" + _TARGET)
# A link whose text holds images, [![alt](src)](target) or [Xem ![alt](src)](target) (an image
# when `!` stands before it): its text stops at any bracket but an image's. Not any `)](` (session 32):
# `[Xem (Điều 5)](x)` was read twice, and a stray `)](x)` was a link no page has.
_IMAGE_IN_TEXT = rf"!\[[^\[\]]*\]\(\s*(?:<[^<>\n]*>|{_WORDS}){_TITLE}"
_LINKED_IMAGE = re.compile(rf"\[[^\[\]]*(?:{_IMAGE_IN_TEXT}[^\[\]]*)+\]\(\s*{_TARGET}")
_REF_DEF = re.compile(r"^ {0,3}\[([^\[\]\n^][^\[\]\n]*)\]:[ \t]*<?([^\s<>]+)>?", re.MULTILINE)
_IMAGE_REF = re.compile(r"!\[([^\[\]]*)\](?:\[([^\[\]]*)\])?")
_TAG = re.compile(r"<(a|img|audio|video|source)(?=[\s/>])", re.IGNORECASE)
# The URL attributes the sanitiser keeps (sanitize.ATTRIBUTES), and whether each names an image.
_URL_ATTRS = {"a": {"href": False}, "img": {"src": True}, "audio": {"src": False},
              "video": {"src": False, "poster": True}, "source": {"src": False}}
_ATTR = re.compile(r"""\s+([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "//", "data:", "javascript:", "ftp://", "sms:")


def _blank_comments(text: str) -> str:
    """HTML comments blanked (newlines kept): nothing in them is published."""
    out, position = [], 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        out += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
        position = end
    return "".join(out) + text[position:]


def markdown_text(body: str) -> str:
    """The body with code and comments blanked to spaces, every character at its offset:
    what links and ids are read from, and where `rebase_links` edits."""
    if code_free(body):
        text = body
    else:
        lines = [" " * len(line) for line in body.split("\n")]
        for offset, line in outside_code(body):
            lines[offset] = line
        text = "\n".join(lines)
    return _blank_comments(text) if "<!--" in text else text


@dataclass(frozen=True)
class Ref:
    """One link or image an item contains."""

    line: int
    target: str
    image: bool = False
    alt: str | None = None  # images: the alt text (None when the <img> has no alt attribute)
    html: bool = False
    field: str = ""
    needs_alt: bool = True  # images only; a video's poster has the video's own label
    media: bool = False  # the browser fetches it with the page: an image, audio, video, poster


def references(item: Item) -> list[Ref]:
    """Every link and image of an item's body (Markdown, reference definitions, raw HTML)."""
    body = item.body
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # most bodies link nothing
    text = markdown_text(body)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return item.body_line + bisect.bisect_right(starts, offset) - 1

    found: list[Ref] = []
    inline = blank_escapes(text)
    if "](" in inline:
        for m in _LINK.finditer(inline):
            image = bool(m.group(1))
            found.append(Ref(line(m.start()), _address(text, m.span(3)), image, unescape(text[m.start(2):m.end(2)]),
                             media=image))
        for m in _LINKED_IMAGE.finditer(inline):
            image = inline[m.start() - 1:m.start()] == "!"
            alt = unescape(text[m.start() + 1:inline.rfind("](", m.start(), m.start(1))]) if image else None
            found.append(Ref(line(m.start()), _address(text, m.span(1)), image, alt, media=image))
    if "]:" in text:
        shown = _image_labels(text, inline) if "![" in inline else set()
        found += [Ref(line(m.start()), m.group(2), media=_label(m.group(1)) in shown) for m in _REF_DEF.finditer(text)]
    if "<" in text:
        for m, name, _, attrs in _html_targets(text):
            tag = m.group(1).lower()
            is_image = _URL_ATTRS[tag][name]
            alt = attrs.get("alt") if is_image else None
            found.append(Ref(line(m.start()), attrs[name], is_image, alt, True, needs_alt=tag == "img", media=tag != "a"))
            if tag == "img" and "srcset" in attrs and name == "src":
                found.append(Ref(line(m.start()), attrs["srcset"], True, "", True, field="srcset"))
    return [ref for ref in found if ref.target]


def _label(label: str) -> str:
    """A reference label as Python-Markdown matches it: case and runs of spaces do not count."""
    return " ".join(label.split()).lower()


def _image_labels(text: str, inline: str) -> set[str]:
    """Labels that `![alt][label]`, `![alt][]` and `![label]` images use (found in `inline`,
    the text with its escapes blanked; read from `text`)."""
    return {_label(text[slice(*m.span(2))] if m.group(2) else text[slice(*m.span(1))])
            for m in _IMAGE_REF.finditer(inline)}


def _address(text: str, span: tuple[int, int]) -> str:
    """A Markdown link's address as Python-Markdown gives it: angles off, escapes undone."""
    return unescape(_strip_angles(text[span[0]:span[1]]))


def _html_targets(text: str):
    """(tag match, attribute name, value span, all attributes) of every URL in raw a/img/audio/
    video/source tags of `text`; each tag's attributes are read once, up to its first `<` or `>`."""
    for m in _TAG.finditer(text):
        wanted = _URL_ATTRS[m.group(1).lower()]
        attrs: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        position = m.end()
        while (a := _ATTR.match(text, position)) is not None:
            name = a.group(1).lower()
            group = next((g for g in (2, 3, 4) if a.group(g) is not None), None)
            if name not in attrs:
                attrs[name] = html.unescape(a.group(group)).strip() if group else ""
                if name in wanted and group is not None:
                    spans[name] = a.span(group)
            position = a.end()
        for name, span in spans.items():
            yield m, name, span, attrs


def _target_spans(text: str, markdown: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every link target in `text` (a `markdown_text`): Markdown links and
    definitions (unless `markdown` is false) and raw HTML `<a href>`/`<img src>`."""
    spans = []
    if markdown and "](" in text:
        inline = blank_escapes(text)
        spans += [m.span(3) for m in _LINK.finditer(inline)] + [m.span(1) for m in _LINKED_IMAGE.finditer(inline)]
    if markdown and "]:" in text:
        spans += [m.span(2) for m in _REF_DEF.finditer(text)]
    if "<" in text:
        spans += [span for _, _, span, _ in _html_targets(text)]
    return sorted(spans)


def _replace_targets(body: str, spans: list[tuple[int, int]], new: Callable[[str], str | None]) -> str:
    out, position = [], 0
    for start, end in spans:
        replacement = new(body[start:end])
        if replacement is not None:
            out += [body[position:start], replacement]
            position = end
    return "".join(out) + body[position:]


def html_links(body: str, url_of: Callable[[str], str | None]) -> str:
    """`body` with the targets of its raw `<a href>`/`<img src>` replaced by `url_of(target)`
    where that is not None. MkDocs rewrites Markdown links only; raw HTML reaches the page as
    written, so `<a href="b.md">` would be a broken link there."""
    if _TAG.search(body) is None:
        return body
    return _replace_targets(body, _target_spans(markdown_text(body), markdown=False),
                            lambda target: url_of(html.unescape(target)))


def rebase_links(body: str, src: str, new_src: str) -> str:
    """`body`, written in file `src`, with its relative links and images rewritten to work from
    `new_src`; a bare `#anchor` points back to `src`. For question pages, whose virtual file
    sits one folder below their handbook's: the editor wrote links from the handbook."""
    here = posixpath.dirname(new_src) or "."

    def new(target: str) -> str | None:
        bare = _strip_angles(target)
        if not bare or bare.lower().startswith(_EXTERNAL) or bare.startswith("/") or "&" in bare:
            return None
        if not _parses(bare):
            return None  # reported by check_item
        parts = urlsplit(bare)
        if parts.scheme or parts.netloc:
            return None
        path = resolve(src, bare) if parts.path else src
        if path is None:
            return None
        rebased = posixpath.relpath(path, here) + (f"?{parts.query}" if parts.query else "") + \
            (f"#{parts.fragment}" if parts.fragment else "")
        return f"<{rebased}>" if target.startswith("<") else rebased

    return _replace_targets(body, _target_spans(markdown_text(body)), new)


def _strip_angles(target: str) -> str:
    return target[1:-1].strip() if target.startswith("<") else target


def resolve(item_src: str, target: str) -> str | None:
    """Path relative to content/ of a relative link target, or None when it leaves content/."""
    path = unquote(urlsplit(target).path)
    if not path:
        return ""  # a pure '#anchor' link
    base = "" if path.startswith("/") else posixpath.dirname(item_src)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return None if joined.startswith("..") else joined


def _parses(target: str) -> bool:
    """True when urlsplit (and so MkDocs) reads `target`: `http://[::1/` raises ValueError
    there, which would end the build with a traceback after `bantin check` passed."""
    try:
        urlsplit(target).port
    except ValueError:
        return False
    return True


# --- links to drafts a build leaves out (session 34) -----------------------------------------

_REF_USE = re.compile(r"\[([^\[\]]*)\](?:\s?\[([^\[\]]*)\])?")  # [text][label], [label][], [label]
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)
_TAG_REST = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")  # a tag's attributes to its closing `>`


def unlink(body: str, src: str, gone: Collection[str]) -> str:
    """`body`, written in `src`, with every link to a page in `gone` (drafts this build leaves
    out) replaced by its text: Markdown links, linked pictures (the picture stays), reference
    links and raw `<a href>`. Taking an article down must not stop the site (an editor's trial,
    session 34), and the linking page must not carry a link that answers 404. Images, code and
    comments are left alone."""
    if not gone or ("](" not in body and "]:" not in body and "<a" not in body.lower()):
        return body
    text = markdown_text(body)
    inline = blank_escapes(text)

    def leads(target: str) -> bool:
        return _draft_target(src, _strip_angles(target), gone)

    edits: list[tuple[int, int, str]] = []
    if "](" in inline:
        edits += [(m.start(), m.end(), body[m.start(2):m.end(2)]) for m in _LINK.finditer(inline)
                  if not m.group(1) and leads(_address(text, m.span(3)))]
        edits += [(m.start(), m.end(), body[m.start() + 1:inline.rfind("](", m.start(), m.start(1))])
                  for m in _LINKED_IMAGE.finditer(inline)
                  if inline[m.start() - 1:m.start()] != "!" and leads(_address(text, m.span(1)))]
    if "]:" in text:
        edits += _reference_edits(body, text, inline, leads)
    if "<" in text:
        edits += _anchor_edits(text, leads)
    return _apply(body, edits)


def _draft_target(src: str, target: str, gone: Collection[str]) -> bool:
    """Whether `target`, a link written in `src`, names a page in `gone` (with or without `#id`)."""
    if not target or target.lower().startswith(_EXTERNAL) or not _parses(target):
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    return resolve(src, target) in gone


def _reference_edits(body: str, text: str, inline: str, leads) -> list[tuple[int, int, str]]:
    """Definitions `[label]: page.md` of a draft blanked, and their uses `[text][label]`,
    `[label][]`, `[label]` made their text (not an image's `![alt][label]`, nor `[a](b)`)."""
    edits, labels = [], set()
    for m in _REF_DEF.finditer(text):
        if leads(m.group(2)):
            labels.add(_label(m.group(1)))
            end = text.find("\n", m.end())
            edits.append((m.start(), len(text) if end == -1 else end, ""))
    if not labels:
        return []
    for m in _REF_USE.finditer(inline):
        after = inline[m.end():m.end() + 1]
        if inline[m.start() - 1:m.start()] == "!" or (not m.group(2) and after in ("(", ":")):
            continue
        label = m.group(2) if m.group(2) and m.group(2).strip() else m.group(1)
        if _label(label) in labels:
            edits.append((m.start(), m.end(), body[m.start(1):m.end(1)]))
    return edits


def _anchor_edits(text: str, leads) -> list[tuple[int, int, str]]:
    """Raw `<a href="page.md">…</a>` of a draft: the tags go, the words stay; an `id`/`name`
    the tag carried stays on a `<span>`, so a link to that spot of the page still lands."""
    edits: list[tuple[int, int, str]] = []
    closes: list[re.Match] | None = None  # every `</a>`, found once: a search per tag is quadratic
    starts: list[int] = []
    for m, name, span, attrs in _html_targets(text):
        if m.group(1).lower() != "a" or not leads(attrs[name]):
            continue
        rest = _TAG_REST.match(text, m.end())  # a `>` inside a quoted value does not end the tag
        if rest is None:
            continue
        end = rest.end() - 1
        spot = attrs.get("id") or attrs.get("name")
        edits.append((m.start(), end + 1, f'<span id="{html.escape(spot)}">' if spot else ""))
        if closes is None:
            closes = list(_CLOSE_A.finditer(text))
            starts = [close.start() for close in closes]
        index = bisect.bisect_left(starts, end + 1)
        if index < len(closes):
            edits.append((closes[index].start(), closes[index].end(), "</span>" if spot else ""))
    return edits


def _apply(body: str, edits: list[tuple[int, int, str]]) -> str:
    """`body` with each (start, end, new text) edit made, the first of overlapping ones only. A
    line break the edit removes (`[a](\\n b.md)`, `<a\\n href=…>`) becomes a space, which is
    what Markdown reads it as: put back as a newline it could end the paragraph there."""
    out, position = [], 0
    for start, end, new in sorted(edits):
        if start < position:
            continue
        gap = " " if body.count("\n", start, end) > new.count("\n") else ""
        out += [body[position:start], new, gap]
        position = end
    return "".join(out) + body[position:]


def files_for_addresses(body: str, files: Mapping[str, str]) -> str:
    """`body` with each link or picture target in `files` (a full address of this site, as
    the check read it) replaced by the relative path of its file: what an editor pasting the
    article's address from the browser meant (an editors' trial, session 34). Markdown targets
    are written as Markdown (in `<…>` when they hold a space), raw HTML ones escaped."""
    if not files:
        return body
    text = markdown_text(body)
    in_html = {span for _, _, span, _ in _html_targets(text)} if "<" in text else set()
    out, position = [], 0
    for start, end in _target_spans(text):
        raw = body[start:end]
        html_target = (start, end) in in_html
        new = files.get(html.unescape(raw).strip() if html_target else unescape(_strip_angles(raw)))
        if new is None or start < position:
            continue
        written = html.escape(new) if html_target else f"<{new}>" if raw.startswith("<") or " " in new else new
        out += [body[position:start], written]
        position = end
    return "".join(out) + body[position:]


def _item_texts(item: Item, change: Callable[[str], str]) -> Item:
    """`item` with `change` applied to every text that holds its links: body, handbook intro,
    each question's heading, answer and legal basis (answers link from the handbook's file)."""
    def strip(text: str) -> str:
        return change(text) if text else text

    questions = tuple(replace(q, body=strip(q.body), legal_basis=strip(q.legal_basis), heading=strip(q.heading))
                      for q in item.questions)
    return replace(item, body=strip(item.body), intro=strip(item.intro), questions=questions)


def unlink_item(item: Item, gone: Collection[str]) -> Item:
    """`item` with its links to the pages in `gone` made text (`unlink`)."""
    return _item_texts(item, lambda text: unlink(text, item.src, gone))


def files_item(item: Item, files: Mapping[str, str]) -> Item:
    """`item` with its links by the site's full address made links to their files."""
    return _item_texts(item, lambda text: files_for_addresses(text, files))
