"""Links in a Markdown body: finding them, resolving them, rewriting them.

Markdown links and images, reference definitions and raw HTML `<a href>`, `<img src>`,
`<audio>`, `<video>`, `<source>` are read with their line, outside code spans, fences and
comments, so `checks` can say where a mistake is; `html_links` and `rebase_links` rewrite
targets for the build (site addresses, a question's page one folder down). Markdown links are
read as Python-Markdown reads them: `\\[a\\](b)` is text, `\\\\[a](b)` a link (`literal`), and
`[Luật [sửa đổi]](b)` one link (`text.mdlinks`, which pairs brackets as Python-Markdown does),
within one text and with the definitions its block parser takes (`blocks`): `- [a` / `- b](x)`
is two list items and no link, `- [x]: a.md` a definition.

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

from bantin.content.blocks import Definition, Reading, read_blocks
from bantin.content.htmlblocks import CUT, HELD, QUIET
from bantin.content.literal import (ATTR_LIST, blank_escapes, blank_inline_code, code_free, escaped_characters, fenced_lines,
                                   outside_code, unescape)
from bantin.text.mdlinks import bracket_pairs, inline_links, reference_uses
from bantin.content.model import Item


_IMAGE_REF = re.compile(r"!\[([^\[\]]*)\](?:\[([^\[\]]*)\])?")
_TAG = re.compile(r"<(a|img|audio|video|source)(?=[\s/>])", re.IGNORECASE)
# The URL attributes the sanitiser keeps (sanitize.ATTRIBUTES), and whether each names an image.
_URL_ATTRS = {"a": {"href": False}, "img": {"src": True}, "audio": {"src": False},
              "video": {"src": False, "poster": True}, "source": {"src": False}}
_ATTR = re.compile(r"""\s+([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


_NOT_NEWLINE = re.compile(r"[^\n]")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "//", "data:", "javascript:", "ftp://", "sms:")


def _blank_comments(text: str) -> str:
    """HTML comments blanked (newlines kept): nothing in them is published. A `<!--` that no
    `-->` closes is text to Python-Markdown, and what follows it is read (session 38: it was
    blanked to the end, and the links after it went unchecked)."""
    out, position = [], 0
    while (start := text.find("<!--", position)) != -1 and (end := text.find("-->", start + 4)) != -1:
        out += [text[position:start], _NOT_NEWLINE.sub(" ", text[start:end + 3])]
        position = end + 3
    return "".join(out) + text[position:]


def _blank_spans(text: str, spans: list[tuple[int, int, str]], kinds: Collection[str]) -> str:
    """`text` with the pieces of raw HTML of `kinds` made spaces (newlines kept)."""
    return _blank(text, [(start, end) for start, end, kind in spans if kind in kinds])


def _blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with each of `ranges` (sorted, not overlapping) made spaces (newlines kept)."""
    out, position = [], 0
    for start, end in ranges:
        out += [text[position:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        position = end
    return "".join(out) + text[position:]


def _copy_spans(text: str, source: str, spans: list[tuple[int, int, str]], kinds: Collection[str]) -> str:
    """`text` with the pieces of `kinds` taken from `source` (of the same length)."""
    out, position = [], 0
    for start, end, kind in spans:
        if kind in kinds:
            out += [text[position:start], source[start:end]]
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


def _block_text(body: str) -> tuple[str, set[int]]:
    """The body as Python-Markdown's raw HTML extractor and block parser read it, and the lines
    of its fenced code: those blanked (fenced_code, a preprocessor, runs first), code spans
    kept (a line that is one code span is a line of its paragraph, not a blank line); indented
    code is the parser's own to find, comments and raw HTML its extractor's (`blocks`)."""
    fenced: set[int] = set()
    if "```" in body or "~~~" in body:
        lines = body.split("\n")
        fenced = fenced_lines(lines)
        for index in fenced:
            lines[index] = " " * len(lines[index])
        body = "\n".join(lines)
    return body, fenced


@dataclass(frozen=True)
class _Read:
    """A body read for its links: its Markdown as Python-Markdown reads it (`text`: code,
    comments and raw HTML blocks blanked), that with escapes blanked (`inline`), where each of
    its texts begins (None when not read: no bracket, no tag), its definitions, and the text
    raw HTML tags are read from (`html`: code and comments blanked, raw HTML blocks kept)."""

    text: str
    inline: str
    starts: list[int] | None
    definitions: list[Definition]
    html: str


def block_text(body: str) -> str:
    """The body as Python-Markdown's block parser reads it, every character at its offset: code,
    comments and raw HTML blocks blanked (a `## ` inside a `<div>` is no heading of the page)."""
    return _read(body).text


def _read(body: str) -> _Read:
    """Read `body` for its links: texts and definitions as Python-Markdown's block parser
    makes them (`blocks`), so a link's words never run from one list item into the next and a
    definition in a list item or a quote counts (session 36); none in a raw HTML block or a
    comment, none across a table's cells (session 38), none in the cells a row has beyond its
    header's (session 39)."""
    if "[" not in body and "<" not in body:
        text = markdown_text(body)
        return _Read(text, blank_escapes(text), None, [], text)
    source, fenced = _block_text(body)
    reading = read_blocks(source, fenced)
    shown = _text_of(source, reading)
    text = _blank_spans(shown, reading.html, (HELD, CUT, QUIET)) if reading.html else shown
    if reading.dropped:  # a table row's cells beyond its header's: the page drops them (review F7)
        text = _blank(text, sorted(reading.dropped))
    html = _copy_spans(text, _blank_comments(source), reading.html, (HELD, CUT)) if reading.html else text
    definitions = [d for d in reading.definitions if not d.label.startswith("^") and d.target]
    return _Read(text, blank_escapes(text), reading.text_starts(), definitions, html)


# Python-Markdown's AUTOLINK_RE (`<https://…>`), http and https only: `[^<>]*` stops at the next
# angle bracket, so each `<` is scanned once (linear on a long line).
_AUTOLINK = re.compile(r"<([Hh][Tt][Tt][Pp][Ss]?://[^<>]*)>")
_BLANK_LINE = re.compile(r"\n[ \t>]*\n")


@dataclass(frozen=True)
class Autolink:
    """One `<https://…>` Python-Markdown makes a link whose words are its address (session 36:
    one to this site's own address escaped every check, F3 of the security review)."""

    start: int  # its `<`
    end: int  # after its `>`
    address: str  # as the page's href gives it to the browser: entities read
    in_words: bool  # written in another link's words (`[xem <https://…>](b.md)`)


def autolinks(read: "_Read", found: list | None = None) -> list[Autolink]:
    """Every autolink of `read` outside code, comments and definitions, within one text (as
    Python-Markdown's inline patterns see it: after links and images, so an image's alt or a
    link's target and title hold none, while a link's words may, a reference link's too).
    `found`: the text's inline links."""
    if "://" not in read.inline:
        return []
    if found is None:
        found = inline_links(read.inline, starts=read.starts) if "](" in read.inline else []
    # `](target "title")` whole: a title is an attribute, text as written (session 38, review F5:
    # `[a](b.md "<https://…>")` was rewritten to `title="[https://…](nhap.md)"`)
    taken = sorted([(link.text[1], link.end) for link in found if not link.image] +
                   [(link.start, link.end) for link in found if link.image])
    words = sorted([link.text for link in found if not link.image] + _reference_words(read, found))
    out = []
    for m in _AUTOLINK.finditer(read.inline):
        if _BLANK_LINE.search(m.group(0)) or _crosses(read.starts, m.start(), m.end()) or _inside(taken, m.start()):
            continue
        out.append(Autolink(m.start(), m.end(), html.unescape(read.text[m.start(1):m.end(1)]),
                            _inside(words, m.start())))
    return out


def _reference_words(read: "_Read", found: list) -> list[tuple[int, int]]:
    """The words of each reference link `[words][label]`, `[label]` whose label is defined:
    Python-Markdown reads an autolink there as inside a link's words, as in an inline link's."""
    if not read.definitions or "]" not in read.inline:
        return []
    defined = {_label(definition.label) for definition in read.definitions}
    uses = reference_uses(read.inline, bracket_pairs(read.inline, read.starts), found,
                          {definition.start for definition in read.definitions}, read.starts)
    return [use.text for use in uses if _label(use.label) in defined]


def _crosses(starts: list[int] | None, start: int, end: int) -> bool:
    """Whether a text begins inside (start, end): an autolink stays within one paragraph or item."""
    if not starts:
        return False
    index = bisect.bisect_right(starts, start)
    return index < len(starts) and starts[index] < end


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of `spans` (sorted by start; a link's target, an image)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return any(spans[i][0] <= offset < spans[i][1] for i in range(max(index - 1, 0), index + 1))


def _text_of(source: str, reading: Reading) -> str:
    """`source` (a `_block_text`) as links are read from it: each text's code spans blanked
    over its lines as Python-Markdown reads them (without the quote's `>` or the item's
    indentation), every line in no text blanked (indented code, a definition's lines, rules):
    Python-Markdown makes no link there."""
    lines = source.split("\n")
    out = [" " * len(line) for line in lines]
    columns = reading.column_of
    for text in reading.texts():
        parts = [lines[index][columns[index]:] for index in text]
        if any("`" in part for part in parts):
            parts = blank_inline_code("\n".join(parts)).split("\n")
        for index, part in zip(text, parts):
            out[index] = lines[index][:columns[index]] + part
    return "\n".join(out)


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
    address_words: bool = False  # its words are a web address (`<https://…>`): not shown when it is taken down
    other_words: bool = False  # a definition: some of its uses have words that are not an address
    autolink: bool = False  # written `<https://…>`
    in_words: bool = False  # an autolink written in another link's words
    # Shown by an `<img>` of the page and nothing else (`![…](…)`, `<img src>`, a definition only
    # images use): the build gives it resized variants, and an original no other use names is not
    # published (site/originals.py). A link, a poster, a player's source is not a picture use.
    picture: bool = False


def references(item: Item) -> list[Ref]:
    """Every link and image of an item's body (Markdown, reference definitions, raw HTML)."""
    body = item.body
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # most bodies link nothing
    read = _read(body)
    text, inline = read.text, read.inline
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return item.body_line + bisect.bisect_right(starts, offset) - 1

    found: list[Ref] = []
    pairs = bracket_pairs(inline, read.starts) if "]" in inline else {}
    inlines = inline_links(inline, pairs, read.starts) if "](" in inline else []
    found += [Ref(line(link.start), _address(text, link.target), link.image,
                  unescape(text[slice(*link.text)]) if link.image else None, media=link.image,
                  address_words=not link.image and is_address(unescape(body[slice(*link.text)])), picture=link.image)
              for link in inlines]
    found += [Ref(line(auto.start), auto.address, address_words=True, autolink=True, in_words=auto.in_words)
              for auto in autolinks(read, inlines)]
    if read.definitions:
        shown = _image_labels(text, inline) if "![" in inline else set()
        words = _words_of_uses(body, read, pairs, inlines)
        linked = _linked_labels(read, pairs, inlines) if shown else set()
        found += [Ref(line(d.start), d.target, media=_label(d.label) in shown,
                      address_words=True in words.get(_label(d.label), ()),
                      other_words=False in words.get(_label(d.label), ()),
                      picture=_label(d.label) in shown and _label(d.label) not in linked) for d in read.definitions]
    if "<" in read.html:
        anchors = _Anchors(read.html)
        for m, name, _, attrs in _html_targets(read.html):
            tag = m.group(1).lower()
            is_image = _URL_ATTRS[tag][name]
            alt = attrs.get("alt") if is_image else None
            found.append(Ref(line(m.start()), attrs[name], is_image, alt, True, needs_alt=tag == "img",
                             media=tag != "a", address_words=tag == "a" and anchors.address_words(m),
                             picture=tag == "img"))
            if tag == "img" and "srcset" in attrs and name == "src":
                found.append(Ref(line(m.start()), attrs["srcset"], True, "", True, field="srcset"))
    return [ref for ref in found if ref.target]


def _words_of_uses(body: str, read: _Read, pairs: dict[int, int], found: list) -> dict[str, set[bool]]:
    """label → whether the words of its uses are a web address (True), not one (False), or
    both: a use `[https://<site>/tin-tuc/nhap/][r]` goes with its words when `r` is a draft
    (session 38, review F3), and the warning on the definition's line says so."""
    uses = reference_uses(read.inline, pairs, found, {d.start for d in read.definitions}, read.starts)
    words: dict[str, set[bool]] = {}
    for use in uses:
        words.setdefault(_label(use.label), set()).add(is_address(unescape(body[slice(*use.text)])))
    return words


def _linked_labels(read: _Read, pairs: dict[int, int], found: list) -> set[str]:
    """Labels a link uses (`[words][label]`, `[label]`), not only an image's `![alt][label]`, whose
    `[label]` reference_uses also lists: a definition only images use names a picture whose
    original need not be published (links.Ref.picture, site/originals.py)."""
    images = [m.span() for m in _IMAGE_REF.finditer(read.inline)]  # in order, never overlapping
    starts = [start for start, _ in images]
    uses = reference_uses(read.inline, pairs, found, {d.start for d in read.definitions}, read.starts)

    def in_image(offset: int) -> bool:
        at = bisect.bisect_right(starts, offset) - 1
        return at >= 0 and offset < images[at][1]

    return {_label(use.label) for use in uses if not in_image(use.start)}


def is_address(words: str) -> bool:
    """Whether a link's words are a web address, as an autolink's are: taken down, they would
    show the page's address, and a draft's address holds its title's words (session 36)."""
    words = words.strip().strip("*_`~").strip()  # `**https://…**`: bold, italic or code is still the address
    return words[:8].lower().startswith(("http://", "https://")) and not any(c.isspace() for c in words)


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


def _target_spans(body: str, markdown: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every link target in `body`: Markdown links and definitions (unless
    `markdown` is false) and raw HTML `<a href>`/`<img src>`, outside code and comments."""
    read = _read(body) if markdown and ("](" in body or "]:" in body) else None
    text = read.html if read is not None else markdown_text(body)
    spans = []
    if read is not None:
        spans += [link.target for link in inline_links(read.inline, starts=read.starts)]
        spans += [d.target_span for d in read.definitions]
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
    return _replace_targets(body, _target_spans(body, markdown=False),
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

    return _replace_targets(body, _target_spans(body), new)


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

_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)
Edit = tuple[int, int, str | tuple[int, int]]  # (start, end, the text to write or the span of the words kept)
# A tag's attributes to its closing `>` (a `>` inside a quoted value does not end the tag); no `<`
# on the way, as Python-Markdown's raw HTML pattern: each scan stops at the next tag (session 38:
# `<a href=b.md ` × 10,000 with no `>` took 23 s, every tag scanning the rest of the text).
_TAG_REST = re.compile(r"""(?:[^<>"']|"[^"<]*"|'[^'<]*')*>""")
_INNER_TAG = re.compile(r"<[^<>]*>")
_A_MARK = re.compile(r"</?a(?=[\s/>])", re.IGNORECASE)  # where a raw link begins or ends


class _Anchors:
    """Where each raw `<a …>` of a text ends and the `</a>` after it: every `</a>` found once
    (a search per tag is quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._closes: list[re.Match] | None = None
        self._starts: list[int] = []

    def tag_end(self, m: re.Match) -> int | None:
        """After the `>` of the tag `m` opens, or None when it has none."""
        rest = _TAG_REST.match(self.text, m.end())
        return rest.end() if rest is not None else None

    def close_after(self, offset: int) -> re.Match | None:
        """The first `</a>` at or after `offset`."""
        if self._closes is None:
            self._closes = list(_CLOSE_A.finditer(self.text))
            self._starts = [close.start() for close in self._closes]
        index = bisect.bisect_left(self._starts, offset)
        return self._closes[index] if index < len(self._closes) else None

    def address_words(self, m: re.Match) -> bool:
        """Whether the words of the `<a>` that `m` opens are a web address (tags in them
        dropped, entities read): the raw HTML form of `[https://…](nhap.md)`."""
        return self.address_end(m) is not None

    def address_end(self, m: re.Match) -> int | None:
        """Where what goes with the `<a>` that `m` opens ends when its words are a web address
        (after its `</a>`, or after the words when nothing closes them), else None. The words
        are what a browser makes the link's: up to its `</a>`, to another `<a` (which ends the
        first link there), or to the paragraph's end (a blank line) when neither comes: an
        unclosed `<a>` kept a draft's address as words (second review of session 38, F1).
        Each tag reads only up to the next mark, so the whole text is read once."""
        end = self.tag_end(m)
        if end is None:
            return None
        mark = _A_MARK.search(self.text, end)
        stop = mark.start() if mark is not None else len(self.text)
        blank = _BLANK_LINE.search(self.text, end, stop)
        if blank is not None:
            stop = blank.start()
        if not is_address(html.unescape(_INNER_TAG.sub("", self.text[end:stop]))):
            return None
        close = self.close_after(end) if blank is None and mark is not None else None
        return close.end() if close is not None and close.start() == stop else stop


def unlink(body: str, src: str, gone: Collection[str]) -> str:
    """`body`, written in `src`, with every link to a page in `gone` (drafts this build leaves
    out) replaced by its text: Markdown links, linked pictures (the picture stays), reference
    links and raw `<a href>`. Taking an article down must not stop the site (an editor's trial,
    session 34), and the linking page must not carry a link that answers 404. A link whose
    words are a web address (an autolink `<https://site/tin-tuc/nhap/>` as `files_for_addresses`
    wrote it) goes with its words: they would publish the draft's address, its title's words
    (session 36); in every form, reference and raw `<a>` too (session 38). Images, code and
    comments are left alone."""
    if not gone or ("](" not in body and "]:" not in body and "<a" not in body.lower()):
        return body
    read = _read(body)
    text, inline = read.text, read.inline

    def leads(target: str) -> bool:
        return _draft_target(src, _strip_angles(target), gone)

    edits: list[Edit] = []
    pairs = bracket_pairs(inline, read.starts) if "]" in inline else {}
    found = inline_links(inline, pairs, read.starts) if "](" in inline else []
    edits += [(link.start, _past_attributes(body, link.end), "" if is_address(unescape(body[slice(*link.text)]))
               else link.text) for link in found if not link.image and leads(_address(text, link.target))]
    if read.definitions:
        edits += _reference_edits(body, read, leads, pairs, found)
    if "<" in read.html:
        edits += _anchor_edits(read.html, leads)
    return _apply(body, edits)


def _past_attributes(body: str, end: int) -> int:
    """After the attribute list (`{: title="…" .md-button }`) that follows a link ending at
    `end`, or `end` when none does: it was the link's, so it goes with it (left behind, it
    showed as text, and `{: title="<a draft's address>"}` published the address: second review
    of session 38, F4). An empty `{}` is no attribute list to attr_list: it stays."""
    found = ATTR_LIST.match(body, end) if body.startswith("{", end) else None
    return found.end() if found is not None and found.group(1).strip() else end


def _draft_target(src: str, target: str, gone: Collection[str]) -> bool:
    """Whether `target`, a link written in `src`, names a page in `gone` (with or without `#id`)."""
    if not target or target.lower().startswith(_EXTERNAL) or not _parses(target):
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    return resolve(src, target) in gone


def _reference_edits(body: str, read: _Read, leads, pairs, found) -> list[Edit]:
    """Definitions `[label]: page.md` of a draft blanked (from their `[` to the end of their
    last line: in a list item `- ` stays, an empty item as Python-Markdown shows it), and their
    uses `[text][label]`, `[label][]`, `[label]` made their text (`[![ảnh](p.png)][r]` the
    picture alone; not an image's `![alt][label]`), or nothing when the text is a web address
    (`[https://<site>/tin-tuc/nhap/][r]`, review F3). `pairs` and `found` are the body's
    brackets and inline links."""
    edits: list[Edit] = []
    labels = set()
    for definition in read.definitions:
        if leads(definition.target):
            labels.add(_label(definition.label))
            edits.append((definition.start, definition.end, ""))
    if not labels:
        return []
    definitions = {definition.start for definition in read.definitions}
    edits += [(use.start, _past_attributes(body, use.end), "" if is_address(unescape(body[slice(*use.text)]))
               else use.text)
              for use in reference_uses(read.inline, pairs, found, definitions, read.starts)
              if _label(use.label) in labels]
    return edits


def _anchor_edits(text: str, leads) -> list[Edit]:
    """Raw `<a href="page.md">…</a>` of a draft: the tags go, the words stay (both go when the
    words are a web address, review F3); an `id`/`name` the tag carried stays on a `<span>`, so
    a link to that spot of the page still lands."""
    edits: list[Edit] = []
    anchors = _Anchors(text)
    for m, name, span, attrs in _html_targets(text):
        if m.group(1).lower() != "a" or not leads(attrs[name]):
            continue
        end = anchors.tag_end(m)
        if end is None:
            continue
        spot = attrs.get("id") or attrs.get("name")
        opening = f'<span id="{html.escape(spot)}">' if spot else ""
        gone_to = anchors.address_end(m)
        if gone_to is not None:
            edits.append((m.start(), gone_to, f"{opening}</span>" if spot else ""))
            continue
        close = anchors.close_after(end)
        edits.append((m.start(), end, opening))
        if close is not None:
            edits.append((close.start(), close.end(), "</span>" if spot else ""))
    return edits


def _apply(body: str, edits: list[Edit]) -> str:
    """`body` with each (start, end, new) edit made: `new` is the text to write, or the span of
    the words to keep (`[words](b.md)`), in which the edits inside are made too (session 35: a
    link to a draft written in the words of another link to a draft, `[a [b](b.md)](b.md)`, was
    left in the words kept). Of edits that overlap otherwise, the first only. A line break the
    edit removes (`[a](\\n b.md)`, `<a\\n href=…>`) becomes a space, which is what Markdown
    reads it as: put back as a newline it could end the paragraph there. One pass, however deep
    the nesting."""
    out, position = [], 0
    kept: list[tuple[int, int, str]] = []  # words being written: (their end, where the body goes on, gap)
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], -edit[1])):
        while kept and start >= kept[-1][0]:
            position = _close(body, out, position, kept.pop())
        if start < position or (kept and end > kept[-1][0]):
            continue
        out.append(body[position:start])
        if isinstance(new, str):
            out += [new, " " if body.count("\n", start, end) > new.count("\n") else ""]
            position = end
        else:
            kept.append((new[1], end, " " if body.count("\n", new[1], end) else ""))
            position = new[0]
    while kept:
        position = _close(body, out, position, kept.pop())
    return "".join(out) + body[position:]


def _close(body: str, out: list[str], position: int, kept: tuple[int, int, str]) -> int:
    """The rest of words being kept written, and where the body goes on after their link."""
    words_end, resume, gap = kept
    out += [body[position:words_end], gap]
    return resume


def link_words(text: str) -> str:
    """`text` with each Markdown link made its words and each image dropped, brackets in the
    words counted as Python-Markdown counts them: a heading's text as the toc extension slugs it
    (`## Xem [Luật [sửa đổi]](x.md)` is `xem-luat-sua-doi`, session 35)."""
    if "](" not in text:
        return text
    return _apply(text, [(link.start, link.end, "" if link.image else link.text)
                         for link in inline_links(blank_escapes(text))])


def files_for_addresses(body: str, files: Mapping[str, str], hidden: Collection[str] = ()) -> str:
    """`body` with each link or picture target in `files` (a full address of this site, as
    the check read it) replaced by the relative path of its file: what an editor pasting the
    article's address from the browser meant (an editors' trial, session 34). Markdown targets
    are written as Markdown (in `<…>` when they hold a space), raw HTML ones escaped. An
    autolink whose address is in `hidden` (a draft's: it holds the draft's title words) is
    dropped, in another link's words too, where no takedown would find it (session 38)."""
    if not files:
        return body
    text = markdown_text(body)
    in_html = {span for _, _, span, _ in _html_targets(text)} if "<" in text else set()
    edits: list[tuple[int, int, str]] = []
    for start, end in _target_spans(body):
        raw = body[start:end]
        html_target = (start, end) in in_html
        new = files.get(html.unescape(raw).strip() if html_target else unescape(_strip_angles(raw)))
        if new is not None:
            edits.append((start, end, html.escape(new) if html_target else
                          f"<{new}>" if raw.startswith("<") or " " in new else new))
    if "://" in body and "<" in body:
        edits += [(auto.start, auto.end, "" if auto.address in hidden else
                   _as_link(body[auto.start + 1:auto.end - 1], None if auto.in_words else new))
                  for auto in autolinks(_read(body)) if (new := files.get(auto.address)) is not None]
    out, position = [], 0
    for start, end, written in sorted(edits):
        if start < position:
            continue
        out += [body[position:start], written]
        position = end
    return "".join(out) + body[position:]


def _as_link(words: str, path: str | None) -> str:
    """`<https://…>`, an autolink, as the Markdown link to its file with the address as its words
    (`<tin-tuc/x.md>` is no autolink): every character Python-Markdown could read as Markdown in
    the words escaped, so they show as written, as the autolink's did. In another link's words
    (`path` None) the words alone: that link is the one a reader follows (Python-Markdown wrote
    an `<a>` inside the `<a>`, which HTML does not allow)."""
    shown = "".join(f"\\{c}" if c in escaped_characters() else c for c in words)
    if path is None:
        return shown
    target = f"<{path}>" if any(c.isspace() or c in "()<>" for c in path) else path
    return f"[{shown}]({target})"


def _item_texts(item: Item, change: Callable[[str], str]) -> Item:
    """`item` with `change` applied to every text that holds its links: body, handbook intro,
    each question's heading, answer and legal basis, each group's heading and intro (answers link
    from the handbook's file)."""
    def strip(text: str) -> str:
        return change(text) if text else text

    questions = tuple(replace(q, body=strip(q.body), legal_basis=strip(q.legal_basis), heading=strip(q.heading))
                      for q in item.questions)
    groups = tuple(replace(g, intro=strip(g.intro), heading=strip(g.heading)) for g in item.groups)
    return replace(item, body=strip(item.body), intro=strip(item.intro), questions=questions, groups=groups)


def unlink_item(item: Item, gone: Collection[str]) -> Item:
    """`item` with its links to the pages in `gone` made text (`unlink`)."""
    return _item_texts(item, lambda text: unlink(text, item.src, gone))


def files_item(item: Item, files: Mapping[str, str], hidden: Collection[str] = ()) -> Item:
    """`item` with its links by the site's full address made links to their files, its
    autolinks to drafts (`hidden`) dropped."""
    return _item_texts(item, lambda text: files_for_addresses(text, files, hidden))
