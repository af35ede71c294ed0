"""An HTML page into units and Markdown blocks (step 2 for saved HTML pages).

The body comes from trafilatura's main-content extraction (imported lazily: it is slow to
load); our own rules then drop what it keeps (counters, timers, ratings, link-only
paragraphs, glued image names). Emphasis becomes Markdown; a link waits as a marker
(`links`) until `relink` knows whether the page it names has a file on the new site.
"""

from __future__ import annotations

import copy
import re
from typing import Sequence
from urllib.parse import urlsplit

from bantin.text.vi import fold
from bantin.tools.importer.bylines import parse_byline
from bantin.tools.importer.dates import _parse_iso_meta
from bantin.tools.importer.imagesrc import saved_with_page
from bantin.tools.importer.reading import UNSHOWN_TAGS
from bantin.problems import short, visible
from bantin.tools.importer.links import DOCUMENT, WEB, Href, link_markdown, read_href
from bantin.tools.importer.lists import list_lines
from bantin.tools.importer.losses import lost_units
from bantin.tools.importer.lines import (
    _SPACES, _ends_sentence, _words, clean_line, is_caption, is_end_marker, is_furniture, md_escape,
    strip_image_name,
)
from bantin.tools.importer.units import (
    Block, Extracted, Unit, _find_start, _first_of_run, _lead, _tags_from_units, _text_block, _title_like,
    _trailer_meta, analyse_header, clean_body,
)
from bantin.tools.importer.urls import _SAVED_FROM, normalize_url


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "br", "section",
    "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "dl", "blockquote",
    "figure", "figcaption", "center", "pre", "address", "main", "aside", "nav", "form",
    "fieldset", "legend", "label", "hr", "caption", "tbody", "thead",
}
_TITLE_CLASS = re.compile(r"title|tieu-?de|tieude|headline", re.IGNORECASE)
_DECORATIVE = re.compile(
    r"(banner|logo|icon|star|captcha|print|e?mail|top|arrow|bullet|spacer|button|btn|"
    r"share|facebook|zalo|twitter|rss|loading)[^/]*$|\.gif$",
    re.IGNORECASE,
)


def html_units(root) -> list[Unit]:
    """The page as units: one per block element, flagged when it is a heading."""
    units: list[Unit] = []
    pieces: list[tuple[str, bool]] = []

    def flush() -> None:
        text = clean_line("".join(p for p, _ in pieces))
        if text:
            heading = all(h for p, h in pieces if p.strip())
            units.append(Unit(text, heading))
        pieces.clear()

    def walk(el, in_heading: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None or tag.lower() in UNSHOWN_TAGS:
            if el.tail:
                pieces.append((el.tail, in_heading))
            return
        tag = tag.lower()
        marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        heading = in_heading or tag in ("h1", "h2", "h3", "h4", "h5", "h6") or bool(
            _TITLE_CLASS.search(marker)
        )
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            pieces.append((el.text, heading))
        for child in el:
            walk(child, heading)
        if block:
            flush()
        if el.tail:
            pieces.append((el.tail, in_heading))

    walk(root, False)
    flush()
    return units


def _meta(root, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in root.xpath(f"//meta[@{attr}=$n]", n=name):
                value = clean_line(el.get("content") or "")
                if value:
                    return value
    return None


_INLINE_TAGS = {"hi", "ref", "lb", "graphic", "del", "code"}


# The link text of a part that is an image, followed by its index in `graphics` (a private-use
# character: no page text reaches here with it, clean_line keeps it).
_IMAGE_PART = "\ue000"


def _render_inline(el, links: list[str], base: str | None, *, lists: bool = True,
                   graphics: list | None = None) -> list[tuple[str, str]]:
    """Markdown of a trafilatura element's inline content, split into paragraphs at <lb/>.

    Returns (markdown, link text) per paragraph: the link text tells a paragraph that
    is nothing but a link (an inline "related article") from one that contains one.
    `lists=False` leaves nested lists out: a list item's sub-list is rendered as a list.
    With `graphics`, each image is a part of its own, ("", _IMAGE_PART + its index there):
    an image stands between paragraphs; without it (lists, data tables) images are left out.
    """
    parts: list[list[str]] = [["", ""]]

    def image(part: str) -> None:
        parts.append(["", part])
        parts.append(["", ""])

    def add(text: str | None) -> None:
        if text:
            parts[-1][0] += md_escape(_SPACES.sub(" ", text))

    def walk(node) -> None:
        add(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "lb":
                parts.append(["", ""])
            elif tag == "hi":
                rend = child.get("rend", "")
                mark = "**" if "#b" in rend else "*" if "#i" in rend else ""
                inner = _render_inline(child, links, base, lists=lists, graphics=graphics)
                for k, (part, link_text) in enumerate(inner):
                    if link_text.startswith(_IMAGE_PART):
                        image(link_text)
                        continue
                    if k and not inner[k - 1][1].startswith(_IMAGE_PART):
                        parts.append(["", ""])  # a line break inside; a picture made its own part
                    if part:
                        parts[-1][0] += f"{mark}{part}{mark}" if mark else part
                        parts[-1][1] += link_text
            elif tag == "ref":
                text = _SPACES.sub(" ", "".join(child.itertext())).strip()
                href = read_href(child.get("target") or "", base) if child.get("target") else None
                if href is not None and href.kind == WEB and text:
                    links.append(href.address)
                parts[-1][0] += link_markdown(md_escape(text), href)  # a marker until `relink`
                parts[-1][1] += text + " "
            elif tag == "graphic" and graphics is not None and _wanted(child):
                graphics.append(child)
                image(f"{_IMAGE_PART}{len(graphics) - 1}")
            elif tag == "graphic" or tag == "list" and not lists:
                pass
            else:
                walk(child)
            add(child.tail)

    walk(el)
    return [(clean_line(md), link_text) for md, link_text in parts]


# A link's text stops at an unescaped '[' too, so no '[' rescans the rest of the line.
_MD_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\[\]\\])*)\]\([^()]*\)")


def _plain_of_markdown(markdown: str) -> str:
    """The text of Markdown written by `md_escape` and the inline walk, markup undone."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = text.replace("**", "")
    text = re.sub(r"(?<!\\)\*", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return clean_line(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def _wanted(graphic) -> bool:
    """An image of the article, not an icon, banner or GIF (those are never imported)."""
    src = graphic.get("src") or ""
    return bool(src.strip()) and not _DECORATIVE.search(src)


def _image_block(graphic, base: str | None) -> Block:
    """An image of the body: its src as written, and its old address (`links`) for a note."""
    src = graphic.get("src").strip()
    return Block("", "", "image", links=[normalize_url(src, base) or src], src=src,
                 alt=clean_line(graphic.get("alt") or ""))


# After a picture, a sentence goes on with closing punctuation («… bảng <img>.») or a word in
# lower case, perhaps behind an opening quote, bracket or link («<img> (xem phụ lục)»); a
# capital, a digit, a dash (a list) or a caption («ảnh: Minh Anh») starts something else.
_CLOSING = ".,;:!?)]}»”’…"
_OPENING = "[(*_\"'“‘«\\"


def _goes_on(before: str, after: str) -> bool:
    if _ends_sentence(_plain_of_markdown(before)):
        return False
    if after[0] in _CLOSING:
        return True
    first = after.lstrip(_OPENING)[:1]
    return first.isalpha() and first.islower() and not is_caption(_plain_of_markdown(after))


def _joined(before: str, after: str) -> str:
    """Two runs of one sentence as one: no space before closing punctuation, and one bold or
    italic span where both sides are («**trong sơ đồ <img> và bảng**»)."""
    if after[0] in _CLOSING:
        return before + after
    ends, starts = _mark(before[::-1]), _mark(after)
    if ends and ends == starts and not before[: -len(ends)].endswith("\\"):  # `\*` is a star of the text
        return before[: -len(ends)] + " " + after[len(ends):]
    return before + " " + after


def _mark(text: str) -> str:
    """The emphasis mark a run starts with ("**", "*" or ""); reversed, the one it ends with."""
    stars = len(text) - len(text.lstrip("*"))
    return "*" * stars if stars in (1, 2) else ""


def _sentences_whole(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A paragraph's parts with each sentence that runs across pictures kept whole, its
    pictures after it; empty parts left out (the paragraph skips them).

    Cut at each picture, «Trình tự tóm tắt trong sơ đồ <img> và bảng <img>.» became three
    paragraphs, «… trong sơ đồ», «và bảng» and «.», the last of which was dropped; a picture
    that was not imported left the sentence in pieces (session 32). A picture with a line
    break or a sentence's end on either side (a caption, «Ảnh: …») stays where it stood.
    `_render_inline` leaves one empty part after each picture, and one more at a line break:
    so text right after a picture, or a picture one empty part after another, is the same line.
    """
    out: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []  # pictures inside the sentence of out[-1]
    last, gap = "", 0  # what came last ("text", "picture"), and the empty parts since
    for md, link_text in parts:
        if link_text.startswith(_IMAGE_PART):
            if (last == "text" and gap == 0) or (last == "picture" and gap <= 1 and held):
                held.append((md, link_text))
            else:
                out += held + [(md, link_text)]
                held = []
            last, gap = "picture", 0
        elif not md:
            gap += 1
        else:
            if held and last == "picture" and gap == 0 and _goes_on(out[-1][0], md):
                out[-1] = (_joined(out[-1][0], md), out[-1][1] + link_text)
            else:
                out += held + [(md, link_text)]
                held = []
            last, gap = "text", 0
    return out + held


def _paragraph_blocks(el, base: str | None, kind: str = "p") -> list[Block]:
    blocks = []
    graphics: list = []
    for part, link_text in _sentences_whole(_render_inline(el, links := [], base, graphics=graphics)):
        if link_text.startswith(_IMAGE_PART):
            blocks.append(_image_block(graphics[int(link_text[1:])], base))
            continue
        if not part:
            continue
        plain = _plain_of_markdown(part)
        link_only = bool(link_text.strip()) and fold(plain) == fold(clean_line(link_text))
        md = ("> " + part) if kind == "quote" else part
        part_links = [u for u in links if u in part]
        blocks.append(Block(md, plain, kind, link_only, part_links))
    return blocks


def _is_layout_table(table) -> bool:
    """A table used for page layout (cells hold paragraphs or long text), not data."""
    for cell in table.iter("cell"):
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "head", "table", "quote")
               for c in cell):
            return True
        if len(clean_line("".join(cell.itertext()))) > 250:
            return True
    rows = list(table.iter("row"))
    return all(len(list(r.iter("cell"))) <= 1 for r in rows)


def _container_blocks(container, base: str | None, top: int) -> list[Block]:
    """Blocks of an element whose children mix inline content and block elements."""
    from lxml import etree

    blocks: list[Block] = []
    pending = etree.Element("p")
    pending.text = container.text

    def flush() -> None:
        nonlocal pending
        if (pending.text or "").strip() or len(pending):
            blocks.extend(_paragraph_blocks(pending, base))
        pending = etree.Element("p")

    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _INLINE_TAGS or not tag:
            if tag:
                pending.append(copy.deepcopy(child))  # the copy keeps its tail
        else:
            flush()
            blocks.extend(_element_blocks(child, base, top))
            if child.tail and child.tail.strip():
                pending.text = child.tail
    flush()
    return blocks


def _quoted(block: Block) -> Block:
    """A block of a quotation (`<blockquote><p>…`) kept as one: every line marked `>`."""
    if block.markdown.startswith(">"):
        return block
    md = "\n".join(f"> {line}" if line else ">" for line in block.markdown.split("\n"))
    return Block(md, block.plain, "quote", block.link_only, block.links)


def _element_blocks(el, base: str | None, top: int) -> list[Block]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("p", "quote"):
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "table", "head") for c in el):
            blocks = _container_blocks(el, base, top)
            return [_quoted(b) for b in blocks] if tag == "quote" else blocks
        return _paragraph_blocks(el, base, "quote" if tag == "quote" else "p")
    if tag == "head":
        text = clean_line("".join(el.itertext()))
        if not text:
            return []
        rend = el.get("rend", "")
        level = int(rend[1:]) if re.fullmatch(r"h[1-6]", rend) else top
        hashes = "#" * min(2 + max(level - top, 0), 4)
        return [Block(f"{hashes} {md_escape(text)}", text, "h")]
    if tag == "list":
        links: list[str] = []
        lines, plains, all_links = list_lines(el, lambda item: _render_inline(item, links, base, lists=False))
        if not lines:
            return []
        return [Block("\n".join(lines), " ".join(plains), "list", all_links, links)]
    if tag == "table":
        if _is_layout_table(el):
            blocks = []
            for cell in el.iter("cell"):
                blocks.extend(_container_blocks(cell, base, top))
            return blocks
        rows, links = [], []
        for row in el.iter("row"):
            cells = [" ".join(md for md, _ in _render_inline(c, links, base)).replace("|", "\\|")
                     for c in row.iter("cell")]
            if any(cells):
                rows.append(cells)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        lines = []
        for k, row in enumerate(rows):
            row = row + [""] * (width - len(row))
            lines.append("| " + " | ".join(row) + " |")
            if k == 0:
                lines.append("|" + " --- |" * width)
        plain = " ".join(clean_line("".join(c.itertext())) for c in el.iter("cell"))
        return [Block("\n".join(lines), plain, "table", False, links)]
    if tag in ("div", "cell", "item", "row", "body"):
        return _container_blocks(el, base, top)
    if tag == "graphic" and _wanted(el):
        return [_image_block(el, base)]
    return []


def trafilatura_blocks(html: str, base: str | None) -> tuple[list[Block], list[str]]:
    """Main content of an HTML page as blocks (trafilatura), and the addresses of its images.

    Links are read against base (`links.read_href`); images are listed, not imported (icons,
    banners and GIFs are left out). Layout tables (cells holding paragraphs) are flattened.
    """
    import trafilatura  # imported here: slow to import, and only HTML needs it

    tree = trafilatura.load_html(html)  # parsed as bare_extraction would, to unbox boxes
    doc = None if tree is None else trafilatura.bare_extraction(
        _unboxed(tree),  # no `url=`: trafilatura resolved links against the host's root (`/a/b.html` +
        # `c.html` gave `/c.html`, `#muc-2` the home page); `links.read_href` resolves them
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_formatting=True,
        include_links=True,
        with_metadata=False,
        # Precision mode drops every list inside a table cell, and old portals lay whole
        # pages out in tables: their bullet lists vanished. Our own rules remove furniture.
        favor_recall=True,
    )
    if doc is None or getattr(doc, "body", None) is None:
        return [], []
    levels = [int(h.get("rend")[1:]) for h in doc.body.iter("head")
              if re.fullmatch(r"h[1-6]", h.get("rend", ""))]
    top = min(levels) if levels else 2
    # As a container: text between its blocks (a fieldset's once unboxed) is a paragraph too.
    blocks = _container_blocks(doc.body, base, top)
    images = [normalize_url(g.get("src").strip(), base) or g.get("src").strip()
              for g in doc.body.iter("graphic") if _wanted(g)]
    return blocks, list(dict.fromkeys(images))


_CONTROLS = ("input", "select", "textarea", "button")


def _unboxed(tree):
    """The page with each `<fieldset>` that holds no form control made a `<div>`, its
    `<legend>` a paragraph, and each `<center>` a `<div>`. Old portals frame a note («Chú ý»,
    «Lưu ý») in a fieldset; trafilatura deletes fieldsets and legends as form parts, and their
    text was lost without a word (session 32). A fieldset of a real form (a comment box) stays
    one. trafilatura does not know `<center>` (old portals centre lines with it): beside a
    box, its text was dropped too."""
    for centred in list(tree.iter("center")):
        centred.tag = "div"
    for box in list(tree.iter("fieldset")):
        if next(box.iter(*_CONTROLS), None) is not None:
            continue
        box.tag = "div"
        for legend in box.iter("legend"):
            legend.tag = "p"
    return tree


def _written_srcs(root, base: str | None) -> dict[str, str]:
    """Old address → src as the saved page writes it, for every <img> (trafilatura resolves
    every src against the old address, and a file saved beside the page is found by the
    src as written)."""
    written: dict[str, str] = {}
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        if src:
            written.setdefault(normalize_url(src, base) or src, src)
    return written


def _image_links(root, base: str | None) -> dict[str, set[Href | None]]:
    """Each image of the page, by its old address (as its block names it, `_image_block`) →
    what wraps it where it is shown: the link (`links.read_href`) of an `<a>` that holds
    images and no text, else None. trafilatura keeps the image of `<a href><img></a>` and
    drops the link (a banner linking to a document, a poster to a page): it is read here."""
    around: dict[str, set[Href | None]] = {}
    for img in root.iter("img"):
        link = next((a for a in img.iterancestors("a") if a.get("href") is not None), None)
        href = None
        if link is not None and not clean_line("".join(link.itertext())):
            href = read_href(link.get("href"), base)
        for name, value in img.attrib.items():  # trafilatura takes `src` or a `data-src…` one
            if (name == "src" or name.startswith("data-src")) and value.strip():
                key = value.strip()
                key = normalize_url(re.sub(r"^//", "http://", key), base) or key  # as trafilatura, then `_image_block`
                around.setdefault(key, set()).add(href)
    return around


def _link_around(block: Block, around: set[Href | None]) -> list[str]:
    """Give an image block the link the old page wrapped it in (written around the image by
    `images`, made final by `relink` as every link is); a note when the same picture is
    shown with different links (or with one and without): which one the article holds is
    not known, and no link is guessed."""
    if len(around) == 1:
        block.href = next(iter(around))
        if block.href is not None and block.href.kind == WEB:
            block.links.append(block.href.address)  # a document on the old server is asked for, as a text link's
        return []
    links = sorted(short(visible(href.address), 120) for href in around if href is not None)
    if not links:
        return []
    without = ", có chỗ không có liên kết" if None in around else ""
    return [f"ảnh `{block.src}` hiện nhiều lần trên trang cũ, có chỗ nằm trong liên kết tới {', '.join(links)}"
            f"{without}: không biết chỗ nào thuộc bài nên ảnh được nhập không kèm liên kết; nếu ảnh trong bài cần "
            "liên kết, hãy đặt ảnh vào trong liên kết: `[![mô tả](../images/tên-tệp)](địa chỉ)`"]


def _as_written(written: dict[str, str], images: list[str]) -> list[str]:
    """Each image named as the saved page writes it when that is a file saved beside the
    page (a note names what the editor can find on disk), else by its old address."""
    return [written[i] if saved_with_page(written.get(i, "")) else i for i in images]


def _strip_wrapping_bold(block: Block) -> Block:
    md = block.markdown
    if block.kind == "p" and md.startswith("**") and md.endswith("**") and md.count("**") == 2:
        return Block(md[2:-2].strip(), block.plain, block.kind, block.link_only, block.links)
    return block


# libxml2 stops reading where a page nests past 256 elements (tags opened and never closed,
# one more each paragraph) or holds one text or attribute over 10 MB (a picture or a script
# written into the page): the rest of the page is not in the tree, and the loss check, which
# reads the same tree, cannot see it (hostile reviews, session 33). trafilatura parses alike.
READ_SHORT = ("trang cũ có chỗ HTML libxml2 không đọc hết (thẻ lồng nhau hơn 256 lớp, thường do thẻ mở mà không "
              "đóng; hay một ảnh, đoạn mã viết thẳng trong trang nặng hơn 10 MB), nên phần sau chỗ đó có thể đã thiếu "
              "trong bài: hãy so bài với trang cũ; nếu thiếu, xóa bài vừa tạo, chép chữ của trang cũ vào một tệp .txt "
              "rồi nhập tệp đó")
# FrontPage-era pages open <font> in every paragraph and never close it: the last 47 paragraphs
# of a page of 300 were dropped. <font> carries nothing the import keeps; its tags are taken
# out of such a page only (a `<font` in a comment or an attribute is text there, and an
# ordinary page is read as it is). [^<>]: linear, however many `<font` lack their `>`.
_FONT_TAG = re.compile(r"</?font\b[^<>]*>", re.IGNORECASE)


def _parsed(html: str):
    """(root, whether libxml2 stopped short), or (None, False) when lxml cannot read it."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # lxml raises several types for empty or broken documents
        return None, False
    return root, any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def analyse_html(html: str, address: str | None = None) -> Extracted:
    """Extract an article from a saved HTML page; `address`, the page's old address given with
    `--url` (normalised), is the base its relative links are read against, before the page's own."""
    found = Extracted()
    saved = _SAVED_FROM.search(html[:2048])
    root, short = _parsed(html)
    if short and _FONT_TAG.search(html):
        unfonted = _FONT_TAG.sub("", html)
        again, still_short = _parsed(unfonted)
        if again is not None:
            html, root, short = unfonted, again, still_short
    if root is None:
        return found
    if short:
        found.warnings.append(READ_SHORT)
    addresses: list[str] = []
    for el in root.xpath("//link[@rel='canonical']"):
        if el.get("href"):
            addresses.append(el.get("href"))
    og_url = _meta(root, "og:url")
    if og_url:
        addresses.append(og_url)
    if saved:
        addresses.append(saved.group(1))
    saved_from = normalize_url(saved.group(1)) if saved else None
    base = address or saved_from or next((a for a in addresses if a.lower().startswith("http")), None)
    for address in addresses:
        url = normalize_url(address, base)
        if url and url not in found.urls and _same_portal(url, saved_from, found):
            found.urls.append(url)

    meta_date = _meta(root, "article:published_time", "datePublished", "pubdate",
                      "publishdate", "dc.date.issued", "date")
    if not meta_date:
        times = root.xpath("//time[@datetime]")
        if times:
            meta_date = times[0].get("datetime")
    if meta_date:
        found.date = _parse_iso_meta(meta_date)

    units = html_units(root.body if root.body is not None else root)
    found.page_text = " ".join(u.text for u in units)
    blocks, images = trafilatura_blocks(html, base)
    anchor = None
    first = _first_of_run([b.plain if b.kind == "p" else "" for b in blocks])
    above: list[Block] = []
    if first is not None:
        first, anchor = _qa_first(blocks, first)
        # What trafilatura kept above the first paragraph is header, menus and
        # sidebars; the title and date are read from the page's own units.
        above, blocks = blocks[:first], blocks[first:]
    start = _find_start(units, anchor)
    if start is None:
        return found
    if start and blocks and fold(units[start - 1].text) == fold(blocks[0].plain):
        start -= 1  # a Q&A label on its own line, «Trả lời:», above the anchor
    sapo = _sapo(root, units, start)
    if sapo is not None:
        # A lead in its own block ("sapo") that trafilatura left out: it is the first
        # paragraph, and the article starts there.
        blocks.insert(0, _text_block(units[sapo].text))
        start = sapo
    _read_header(root, units, start, found)
    blocks = _under_title(above, found.title, blocks) + blocks
    text_copy = False
    if not blocks or anchor is None:
        # trafilatura found no running text: fall back to the page's own blocks, which
        # have lost their links like a text copy.
        blocks = [_text_block(u.text) for u in units[start:]]
        images = []
        text_copy = True
    body = clean_body(blocks, found, text_copy=text_copy)
    if body and body[0].kind == "p":
        body[0] = _strip_wrapping_bold(body[0])
    found.body = body
    after = _units_after(units, body, start)
    if not found.author or not found.source_name:
        # A signature or "Nguồn:" block right after the text, which trafilatura dropped:
        # the units up to the first furniture must all be byline or source lines.
        tail: list[Block] = []
        for unit in after[:4]:
            if is_furniture(unit.text) or is_end_marker(unit.text):
                break
            tail.append(_text_block(unit.text))
        extra = Extracted(author=found.author, source_name=found.source_name,
                          source_url=found.source_url)
        if tail and not _trailer_meta(tail, extra):
            found.author = extra.author
            found.source_name = extra.source_name
            found.source_url = extra.source_url
            found.urls += [u for u in extra.urls if u not in found.urls]
    _tags_from_units(after, found)
    if not text_copy:
        known = [found.author, found.source_name, found.source_url, found.title, *found.tags,
                 *found.warnings]
        found.lost = lost_units(units, start, body, known, _unit_under_title(units, start, found.title))
    if not found.author:
        for el in root.xpath("//*[contains(@class,'author') or contains(@class,'tac-gia') "
                             "or contains(@class,'byline') or @itemprop='author']"):
            text = clean_line(el.text_content())
            author = parse_byline(text) if text else None
            if author:
                found.author = author
                break
    _lead(found)
    written = _written_srcs(root, base)
    around = _image_links(root, base)
    in_body = set()
    for block in found.body:
        if block.kind == "image":
            in_body.add(block.links[0])
            block.src = written.get(block.links[0], block.src)
            found.warnings += [n for n in _link_around(block, around.get(block.links[0], set()))
                               if n not in found.warnings]  # a picture shown twice in the text: one note
    docs = [u for b in found.body for u in b.links if DOCUMENT.search(u)]
    for url in dict.fromkeys(docs):
        found.warnings.append(
            f"bài có liên kết tới một tệp trên trang cũ: {url}; hãy tải tệp về, khai báo "
            "trong `attachments:` và sửa liên kết cho trỏ tới tệp đã tải"
        )
    found.images_left = _as_written(written, [i for i in images if i not in in_body])
    return found


def _same_portal(url: str, saved_from: str | None, found: Extracted) -> bool:
    """Whether `url`, an address the page gives itself (canonical, og:url), is on the host it
    was saved from. A portal that republishes an article points its canonical at the source:
    a rule for that path on the portal's server would send one of its own pages away; said in
    `found.warnings`, never mapped."""
    host, portal = urlsplit(url).netloc, urlsplit(saved_from or "").netloc
    if not portal or not host or host == portal:
        return True
    found.warnings.append(f"đã bỏ qua địa chỉ {url} mà trang tự ghi (thẻ canonical hay og:url): máy chủ {host} không "
                          f"phải máy chủ {portal} mà trang được lưu từ, có thể là nơi bài được đăng trước; địa chỉ cũ "
                          f"của bài trên cổng là địa chỉ lưu trang, nếu đó không đúng hãy nhập lại với --url")
    return False


def _read_header(root, units: Sequence[Unit], start: int, found: Extracted) -> None:
    """Title, date and byline above the article (`analyse_header`), and the title's fallbacks."""
    analyse_header(units, start, found, _declared_titles(root))
    if found.title is None or _ASKED.match(fold(found.title)):
        # A «Hỏi: …» line is the question's body; the page's own title wins over it when the
        # first line, the title, was read as the portal's name (no header above it).
        found.title = _meta_title(root, units) or found.title
    if found.title is None and _ASKED.match(fold(units[start].text)) and _title_like(units[start].text):
        found.title = units[start].text  # the article opens with its «Hỏi: …?»: nothing else names it


_SAPO_CLASS = re.compile(
    r"(^|[\s_-])(sapo|chapeau|lead|summary|tom-?tat|tomtat|mo-?ta|mota|intro|teaser|"
    r"abstract|description)($|[\s_-])",
    re.IGNORECASE,
)


def _sapo(root, units: Sequence[Unit], start: int) -> int | None:
    """Index of the unit of a lead block (class "sapo", "lead", "tom-tat"…) within the
    eight units above the article's first paragraph, or None."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in UNSHOWN_TAGS:
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if not _SAPO_CLASS.search(marker):
            continue
        text = clean_line(el.text_content())
        if not (_words(text) >= 12 and _ends_sentence(text)):
            continue
        key = fold(text)[:60]
        for i in range(max(0, start - 8), start):
            if key in fold(units[i].text):
                return i
    return None


_QA_LABEL = re.compile(r"^((cau )?hoi|(cau )?tra loi|dap)\s*:")  # «Hỏi:», «Trả lời:», «Đáp:», folded
QA_REACH = 8  # blocks above the first run of paragraphs where a Q&A label is looked for


def _qa_first(blocks: Sequence[Block], first: int) -> tuple[int, str]:
    """Where the article starts, and the text that finds it among the page's units.

    A Q&A page's answer opens with short lines, «Theo Điều 623 …:», «1. Thời hiệu … là»,
    that `_first_of_run` passes over for the first run of long paragraphs: the question
    and those lines went with the header, without a word (session 32). Its «Hỏi:» (or
    «Trả lời:») label within QA_REACH blocks above is where it starts. A label alone on
    its line is too short to find: the block after it is the anchor.
    """
    for i in range(max(0, first - QA_REACH), first):
        block = blocks[i]
        if block.kind == "p" and not block.link_only and _QA_LABEL.match(fold(block.plain)):
            first = i
            break
    anchor = strip_image_name(blocks[first].plain)
    if _words(anchor) < 4 and first + 1 < len(blocks) and blocks[first + 1].plain:
        anchor = strip_image_name(blocks[first + 1].plain)
    return first, anchor


def _under_title(above: Sequence[Block], title: str | None, kept: Sequence[Block]) -> list[Block]:
    """The blocks trafilatura kept between the article's title and its first paragraph.

    `_first_of_run` starts the article at the first run of long paragraphs; on a Q&A page the
    question, «Trả lời:», the legal basis «Theo Điều …:» and short numbered lines come first,
    and were cut with the header without a word (session 32). Under the title they are the
    article's: `clean_body` drops the dates, bylines and furniture among them as it does above
    any article; link-only blocks (related articles) and texts already kept are left out. None
    when trafilatura did not keep the title (what it kept above is then header and menus).
    """
    key = fold(title) if title else None
    at = next((i for i in range(len(above) - 1, -1, -1)
               if key and above[i].kind in ("h", "p") and fold(above[i].plain) == key), None)
    if at is None:
        return []
    have = {fold(b.plain) for b in kept if b.plain}
    return [b for b in above[at + 1:] if not b.link_only and not (b.plain and fold(b.plain) in have)]


_ASKED = re.compile(r"^(cau )?hoi\s*:")  # "Hỏi: …", "Câu hỏi: …", folded


def _unit_under_title(units: Sequence[Unit], start: int, title: str | None) -> int | None:
    """Index of the unit right under the article's title (the last unit above `start` that
    is the title), or None when the title is not written above the text."""
    key = fold(title) if title else None
    return next((i + 1 for i in range(start - 1, -1, -1) if key and fold(units[i].text) == key), None)


def _units_after(units: Sequence[Unit], body: Sequence[Block], start: int) -> list[Unit]:
    """Page units after the last body paragraph (where a byline trafilatura dropped sits)."""
    if not body:
        return list(units[start:])
    last = next((b.plain for b in reversed(body) if b.plain), "")  # an image block has no text
    key = fold(last)[:60]
    for i in range(len(units) - 1, start - 1, -1):
        if key and key in fold(units[i].text):
            return list(units[i + 1:])
    return []


_TITLE_SEPARATORS = re.compile(r"\s+[-–|:»]\s+")


def _declared_titles(root) -> list[str]:
    """What the page says its title is, folded, best first.

    An <h1> that is the whole og:title or <title> (portals put their own name in an <h1>
    too), then og:title, then <title>, each followed by its parts around " - ", " | " …, longest
    first (the article's title is longer than the portal's name beside it); og:site_name is never one. An <h1> nothing
    confirms counts last, and only when the page has neither og:title nor <title>.
    `analyse_header` takes one of these only when it is written right above the article.
    """
    site = fold(_meta(root, "og:site_name") or "")
    og = fold(_meta(root, "og:title", "twitter:title") or "")
    title = fold(clean_line(root.findtext(".//title") or ""))
    confirming = [t for whole in (og, title) if whole
                  for t in [whole, *sorted(set(_TITLE_SEPARATORS.split(whole)), key=len, reverse=True)]]
    h1s = [fold(clean_line(h.text_content())) for h in root.iter("h1")]
    # An <h1> that is the whole og:title or <title>; one that is only a part of them may be
    # the section's or portal's name ("Tin hoạt động"), and ranks as that part does.
    confirmed = [h for h in h1s if h and h in (og, title)]
    unconfirmed = h1s[::-1] if not confirming else []  # the last <h1> is nearest the text
    found: list[str] = []
    for text in confirmed + confirming + unconfirmed:
        if text and text != site and text not in found:
            found.append(text)
    return found


def _meta_title(root, units: Sequence[Unit]) -> str | None:
    """og:title, or the part of <title> that is also written on the page."""
    site = fold(_meta(root, "og:site_name") or "")
    og = _meta(root, "og:title", "twitter:title")
    if og and fold(og) != site and _words(og) >= 3 and not _ASKED.match(fold(og)):
        return og
    title = clean_line(root.findtext(".//title") or "")
    visible = {fold(u.text) for u in units}
    for part in sorted(_TITLE_SEPARATORS.split(title), key=len, reverse=True):
        if _words(part) >= 3 and fold(part) in visible and not _ASKED.match(fold(part)):
            return part
    return None
