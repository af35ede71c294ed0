"""Page units and the rules that find an article in them (steps 2 and 3).

A unit is one line of a text copy or one block of an HTML page. From the article's first
paragraph (the anchor) these rules find the title above it, the date, bylines and
sources, and cut the body at the first end marker. `analyse_text` reads a text copy;
`htmlpage` turns an HTML page into units and uses the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from bantin.text.vi import fold
from bantin.tools.importer.bylines import (
    _BYLINE_LABEL, _LEAD_SOURCE, _LINK_LABEL, _SOURCE_LABEL, _THEO_LABEL, _TRAILING_CREDIT, _URL,
    _URL_LABEL, _label_value, _split_source, parse_byline,
)
from bantin.tools.importer.dates import (
    FoundDate, _DMY, _PUBLISHED_LABEL, _UPDATED_LABEL, _is_clock, _is_date_line, _is_visit_stamp,
    parse_date,
)
from bantin.tools.importer.infobar import info_bar
from bantin.tools.importer.links import Href
from bantin.tools.importer.lines import (
    _CLOSERS, _ends_sentence, _looks_like_body, _words, clean_line, is_caption, is_end_marker, is_furniture,
    md_escape, strip_image_name,
)


@dataclass
class Unit:
    """One line of a text copy, or one block of an HTML page."""

    text: str
    heading: bool = False


@dataclass
class Block:
    """One block of the article body: Markdown text and the plain text rules look at."""

    markdown: str
    plain: str
    kind: str = "p"  # p, h, list, table, quote, image
    link_only: bool = False
    links: list[str] = field(default_factory=list)
    src: str = ""  # an image block's src as the page writes it (its markdown is set by `images`)
    alt: str = ""  # an image block's alt attribute
    href: Href | None = None  # an image block's link, when the old page wrapped the image in one


def _text_block(text: str) -> Block:
    return Block(md_escape(text), text)


def text_units(text: str) -> list[Unit]:
    """One unit per non-blank line: browsers copy one paragraph per line."""
    return [Unit(line) for line in (clean_line(raw) for raw in text.splitlines()) if line]


@dataclass
class Extracted:
    """Everything found on one page, before it is turned into front matter."""

    title: str | None = None
    date: FoundDate | None = None
    author: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    category_hint: str | None = None
    urls: list[str] = field(default_factory=list)  # the page's own (old) addresses
    body: list[Block] = field(default_factory=list)
    rejected_dates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_text: str = ""  # all visible text of an HTML page (for the encoding check)
    lost: list[str] = field(default_factory=list)  # article text the body lacks (losses)
    # images of the page that are not body blocks (in a list, above the text): named in a note
    images_left: list[str] = field(default_factory=list)
    # (where, blocks): the leading paragraphs `_lead` took out of the body because an article
    # shows them as its summary; a question's answer, which has no summary, puts one back.
    # Their links cannot be in the summary (plain text) and are named (relink.lead_links)
    lead: tuple[int, list[Block]] = (0, [])


def _first_of_run(texts: Sequence[str]) -> int | None:
    """Index of the article's first paragraph among page texts.

    The first paragraph of running text that another one follows closely (within three
    non-furniture texts): a lone sentence in a sidebar or footer is not the article.
    Falls back to the first paragraph of running text.
    """
    candidates = []
    for i, raw in enumerate(texts):
        text = strip_image_name(raw)
        if is_furniture(text) or is_end_marker(text):
            continue
        if _label_value(text, _SOURCE_LABEL) is not None:
            continue
        candidates.append((i, _looks_like_body(text)))
    bodies = [k for k, (_, body) in enumerate(candidates) if body]
    for k in bodies:
        if any(candidates[j][1] for j in range(k + 1, min(k + 4, len(candidates)))):
            return candidates[k][0]
    return candidates[bodies[0]][0] if bodies else None


def _find_start(units: Sequence[Unit], anchor: str | None) -> int | None:
    """Index of the article's first paragraph: the anchor if given and found, else guessed."""
    if anchor:
        key = fold(anchor)[:60]
        for i, unit in enumerate(units):
            if key and key in fold(strip_image_name(unit.text)):
                return i
    return _first_of_run([u.text for u in units])


_CATEGORY_LABEL = re.compile(r"^(danh muc|chuyen muc|linh vuc)\s*:")  # folded
_TAGS_LABEL = re.compile(r"^(tu khoa|tags?|the)\s*:")  # folded


def is_header_line(text: str) -> bool:
    """A line of an article's header, between its title and its text, that the body never
    holds: furniture, a date, clock or visit stamp, an info bar, a labeled byline, a
    category or tags label, a photo's caption (`analyse_header` reads or skips these)."""
    folded = fold(text)
    if is_furniture(text) or _is_date_line(text) or _is_clock(text) or is_caption(text):
        return True
    if _CATEGORY_LABEL.match(folded) or _TAGS_LABEL.match(folded) or info_bar(text) is not None:
        return True
    return bool(_BYLINE_LABEL.match(folded)) and parse_byline(text) is not None


def _title_like(text: str, heading: bool = False) -> bool:
    """A title: 3–40 words, not ending like a sentence (a question mark is fine)."""
    words = _words(text)
    if not (3 <= words <= 40 and len(text) <= 300) or _URL.match(text):
        return False
    if text.rstrip(_CLOSERS).endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    return heading or text.rstrip(_CLOSERS).endswith(("?", "!")) or not _looks_like_body(text)


def analyse_header(units: Sequence[Unit], start: int, found: Extracted,
                   declared: Sequence[str] = ()) -> None:
    """Title, date, labeled byline and category hint from the units above the article.

    The title is the unit right above the article (dates, clocks, bylines and info bars
    skipped) when it looks like one; but a unit within the eight above that the page itself
    declares its title (`declared`: folded texts, best first: a confirmed <h1>, og:title, a
    part of <title>) wins over it, except the page's first line (its header, the portal's
    name, often in an <h1> and in <title> too). An info bar ("Ngày đăng … | Lượt xem …") is never a title.
    """
    # The page's first line is its header (the portal's name), which <title> repeats too.
    header = next((i for i, u in enumerate(units[:start]) if not is_furniture(u.text)), None)
    nearest: int | None = None
    positional = True  # still looking at the first unit that is not skipped
    matches: dict[int, int] = {}  # rank in `declared` -> unit index
    seen = 0
    for i in range(start - 1, -1, -1):
        text = units[i].text
        if is_furniture(text) or _is_visit_stamp(text) and _is_date_line(text):
            continue
        folded = fold(text)
        byline = parse_byline(text) if _BYLINE_LABEL.match(folded) else None
        bar = None if byline else info_bar(text)
        if bar is not None:
            found.author = found.author or bar.author
            continue
        seen += 1
        if seen > 8:
            break
        if _is_date_line(text) or _is_clock(text):
            continue
        if _CATEGORY_LABEL.match(folded):
            found.category_hint = found.category_hint or _label_value_any(text)
            continue
        if _TAGS_LABEL.match(folded):
            continue
        if byline:
            found.author = found.author or byline
            continue
        if is_caption(text) and not units[i].heading:  # a photo's caption: look above it
            if folded in declared and i != header:
                matches.setdefault(declared.index(folded), i)  # "Ảnh: …", a photo story's own title
            continue
        if positional and _title_like(text, units[i].heading):
            nearest = i
        positional = False
        if folded in declared and i != header and _title_like(text, True):
            matches.setdefault(declared.index(folded), i)
        if not declared:
            break
    title_idx = matches[min(matches)] if matches else nearest
    if title_idx is not None:
        found.title = units[title_idx].text
    _find_date(units, start, title_idx, found)


def _label_value_any(text: str) -> str | None:
    return text.split(":", 1)[1].strip() or None if ":" in text else None


def _find_date(units: Sequence[Unit], start: int, title_idx: int | None, found: Extracted) -> None:
    if found.date is not None:
        return
    published: FoundDate | None = None
    updated: FoundDate | None = None
    near: list[tuple[int, FoundDate]] = []
    window_from = (title_idx if title_idx is not None else start) - 3
    for i, unit in enumerate(units[:start]):
        text = unit.text
        if not _is_date_line(text) and not (
            _PUBLISHED_LABEL.match(fold(text)) or _UPDATED_LABEL.match(fold(text))
        ):
            continue
        parsed = parse_date(text)
        if parsed is None:
            continue
        folded = fold(text).strip()
        if _is_visit_stamp(text):
            found.rejected_dates.append(text)
            continue
        if _PUBLISHED_LABEL.match(folded):
            published = published or parsed
            continue
        if _UPDATED_LABEL.match(folded):
            updated = updated or parsed
            continue
        between = title_idx is not None and title_idx < i < start
        if _is_clock(text) and not between:
            found.rejected_dates.append(text)
            continue
        if window_from <= i:
            near.append((i, parsed))
        else:
            found.rejected_dates.append(text)
    choice = published
    if choice is None and near:
        ref = title_idx if title_idx is not None else start
        choice = min(near, key=lambda item: (abs(item[0] - ref), item[0] < ref))[1]
    choice = choice or updated
    if choice is not None:
        found.date = choice
        prefix = _date_prefix(choice.text)
        if prefix:
            found.warnings.append(
                f"dòng ngày đăng còn có chữ «{prefix}» (thẻ hay chuyên mục?); "
                "nếu đó là thẻ thì hãy tự thêm vào `tags:`"
            )


def _date_prefix(text: str) -> str | None:
    """Words written before the date on an unlabeled date line ('hòa giải cơ sở 05/09/2019')."""
    folded = fold(text)
    match = _DMY.search(folded)
    if not match or _PUBLISHED_LABEL.match(folded) or _UPDATED_LABEL.match(folded):
        return None
    prefix = text[: match.start()].strip(" -–—|,:")
    prefix_folded = fold(prefix)
    prefix_folded = re.sub(r"\b(thu (hai|ba|tu|nam|sau|bay|\d)|chu nhat|ngay)\b", "", prefix_folded)
    if _words(prefix_folded) < 2:
        return None
    return prefix


def _trailer_meta(blocks: list[Block], found: Extracted) -> list[Block]:
    """Take bylines, "Nguồn: … Link: …" and URL lines off the end of the body."""
    blocks = list(blocks)
    pending_link: str | None = None
    taken = 0
    while blocks and taken < 6:
        text = blocks[-1].plain
        folded = fold(text)
        link = _label_value(text, _LINK_LABEL)
        if link is not None and _URL.match(link):
            pending_link = _URL.match(link).group(0)
            blocks.pop()
            taken += 1
            continue
        url_value = _label_value(text, _URL_LABEL)
        if url_value is not None and _URL.match(url_value):
            found.urls.append(_URL.match(url_value).group(0))
            blocks.pop()
            taken += 1
            continue
        source = _label_value(text, _SOURCE_LABEL)
        if source is None and _THEO_LABEL.match(folded) and _words(text) <= 10 and not text.endswith("."):
            source = text[len("Theo"):].strip()
        if source is not None:
            author, name, url = _split_source(source)
            found.source_name = found.source_name or name
            found.source_url = found.source_url or url or pending_link
            pending_link = None
            if author:
                found.author = found.author or author
            blocks.pop()
            taken += 1
            continue
        byline = parse_byline(text)
        if byline and not found.author:
            found.author = byline
            blocks.pop()
            taken += 1
            continue
        break
    if pending_link:
        # A "Link:" line with no "Nguồn:" above it is the page's own address.
        found.urls.append(pending_link)
    if blocks and not found.author and blocks[-1].kind == "p":
        last = blocks[-1]
        match = _TRAILING_CREDIT.search(last.plain)
        author = match.group(1).strip() if match else None
        if match is None:
            # The signature pasted onto the closing "./." of the last paragraph.
            match = _SIGNED_END.search(last.plain)
            author = parse_byline(match.group(1)) if match else None
        if author:
            found.author = author
            plain = last.plain[: match.start(1) if match.re is _SIGNED_END else match.start()].rstrip()
            blocks[-1] = Block(md_escape(plain), plain)
    return blocks


# "… theo quy định./. Minh Hạnh": the end mark of an official text, then a name.
_SIGNED_END = re.compile(r"\./\.\s*(\S[^./]{1,80})$")


def clean_body(blocks: Iterable[Block], found: Extracted, *, text_copy: bool) -> list[Block]:
    """Drop furniture from body blocks, cut the trailer, take the byline, keep paragraphs.

    In a text copy, links are lost: a long line that does not end like a sentence, between
    paragraphs, is taken for a link to another article (dropped, and reported). In HTML
    such links are recognised as paragraphs that are nothing but a link.
    """
    out: list[Block] = []
    started = False
    title_key = fold(found.title) if found.title else None
    for block in blocks:
        if block.kind == "image":  # no text to judge: where it stands in the body decides
            out.append(block)
            continue
        plain = block.plain
        if block.kind == "p":
            stripped = strip_image_name(plain)
            if stripped != plain:
                if not stripped:
                    continue
                block = Block(md_escape(stripped), stripped, links=block.links)
                plain = stripped
        if started and is_end_marker(plain):
            break
        if is_furniture(plain) or _is_visit_stamp(plain) and _is_date_line(plain):
            continue
        if title_key and fold(plain) == title_key:
            continue
        if not started:
            if block.kind == "p" and _looks_like_body(plain):
                started = True
            elif _is_date_line(plain) or _is_clock(plain):
                continue
            elif block.kind == "p" and is_end_marker(plain):
                continue
        folded = fold(plain)
        if _TAGS_LABEL.match(folded) and _words(plain) <= 20:
            found.tags = found.tags or _split_tags(plain)
            continue
        if block.link_only:
            found.warnings.append(
                f"đã bỏ một đoạn chỉ gồm liên kết tới trang khác: «{plain}»; "
                "nếu đoạn đó thuộc về bài thì hãy chép lại vào bài"
            )
            continue
        if (
            text_copy
            and started
            and block.kind == "p"
            and _words(plain) >= 12
            and not _ends_sentence(plain)
            and "." not in plain[:-1].replace("...", "")
            and not block.markdown.startswith("**")
        ):
            found.warnings.append(
                f"đã bỏ một dòng giống tiêu đề của bài khác: «{plain}»; "
                "nếu dòng đó thuộc về bài thì hãy chép lại vào bài"
            )
            continue
        byline = parse_byline(plain) if _BYLINE_LABEL.match(folded) else None
        if byline and not found.author:
            found.author = byline
            continue
        bar = None if byline or block.kind not in ("p", "h") else info_bar(plain)
        if bar is not None:
            found.author = found.author or bar.author
            continue
        out.append(block)
    return _trailer_meta(out, found)


def _split_tags(text: str) -> list[str]:
    value = text.split(":", 1)[1]
    tags = [clean_line(t) for t in re.split(r"[,;|]", value)]
    seen: list[str] = []
    for tag in tags:
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def _lead(found: Extracted) -> None:
    """Summary: the first paragraph, without a "(TTXVN) -" source prefix.

    The site shows `summary:` as the article's bold lead above the body, so the paragraph
    leaves the body when it is the first block (readers saw it twice); an article of one
    paragraph keeps it, or its page would have no text under the lead.
    """
    for index, block in enumerate(found.body):
        if block.kind != "p":
            continue
        text = block.plain
        match = _LEAD_SOURCE.match(text)
        if match:
            if not found.source_name:
                found.source_name = match.group(1).strip()
            text = text[match.end():].strip()
        if _looks_like_body(text) or _words(text) >= 8:
            found.summary = text
            if all(b.kind == "image" for b in found.body[:index]):
                found.lead = (index, _drop_repeated_lead(found.body, text, index))
        return


def _drop_repeated_lead(body: list[Block], summary: str, at: int = 0) -> list[Block]:
    """Remove the leading paragraphs that are the summary (a portal may print its lead
    block and then the same text as the article's first paragraph); NFC and spacing never
    decide. `at`: where they start (after the images above them, which stay). The last
    block of text stays: a page needs text under its lead. Returns the blocks removed."""
    key = clean_line(summary)
    removed = []
    while sum(b.kind != "image" for b in body) > 1 and len(body) > at and body[at].kind == "p" and key in (
        clean_line(body[at].plain), clean_line(_LEAD_SOURCE.sub("", body[at].plain, count=1)),
    ):
        removed.append(body.pop(at))
    return removed


def analyse_text(text: str) -> Extracted:
    """Extract an article from a plain-text copy of a portal page."""
    units = text_units(text)
    found = Extracted()
    # A bare address or "URL: …" on the first or last line is the page's own address.
    for index in (0, -1):
        if not units:
            break
        line = units[index].text
        value = _label_value(line, _URL_LABEL)
        if _URL.fullmatch(line) or (value and _URL.fullmatch(value)):
            found.urls.append(_URL.search(line).group(0))
            del units[index]
    start = _find_start(units, None)
    if start is None:
        return found
    analyse_header(units, start, found)
    blocks = [_text_block(u.text) for u in units[start:]]
    found.body = clean_body(blocks, found, text_copy=True)
    _tags_from_units(units[start:], found)
    _lead(found)
    return found


def _tags_from_units(units: Sequence[Unit], found: Extracted) -> None:
    if found.tags:
        return
    for unit in units:
        if _TAGS_LABEL.match(fold(unit.text)) and _words(unit.text) <= 20:
            found.tags = _split_tags(unit.text)
            return
