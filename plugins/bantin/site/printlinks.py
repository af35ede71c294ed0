"""A link's address printed after it, on paper only (a guide editor's trial, session 55).

Paper cannot follow a link: «xem Điều 113 Bộ luật Lao động» underlined on a handout told a
workshop nothing of where to read it. After each link of what an editor wrote (sanitised HTML,
nh3's output: tags in lower case, every attribute quoted, no link inside a link), a span that
only print shows gives the address to type:

- an outside address as written (`https://…`);
- a page or a file of the site as its public address (`UrlScheme.public`: the online
  flavour's form, so a sheet printed from the offline copy names the public page), with the
  site's host when `site_url` is set;
- an e-mail or a phone number without its `mailto:` or `tel:`.

Not printed: a link within the page (`#…`, or the page's own address); a link the build wrote
(a class `bt-…`, which editors cannot give: a handbook's «Trang riêng của câu hỏi» lines, which
print hides; `vanban`, a document's number linked to its page: the number is what a reader
looks up, and an answer citing five documents would print five addresses); a link whose text
already shows its address, whole (`thuvienphapluat.vn` as its own text); a link without text
(a picture); another scheme; an address already printed above in the same text (a guide
linking one law ten times prints it once; a handbook's answers each print theirs, as each may
be cut out for a workshop) or in the item's footer (its source, its attachments); and the
site's own pages when it has no `site_url` («/tin-tuc/a/» names no site on paper). The address
is cut where a line may end as every printed address is (`pagedata.address_pieces`, the markup
of partials/bantin-address.html), its letters with marks as letters (`readable`).

The span is text of the page, which JSON-LD's answer text must not carry:
`without_print_addresses` takes it out again.
"""

from __future__ import annotations

import html
import re
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urljoin, urlsplit

from bantin.site.pagedata import address_pieces
from bantin.site.urls import UrlScheme
from bantin.text.plain import html_to_text

# nh3 writes every attribute `name="value"`, a value's `"` as `&quot;`: read in order from the tag's
# name, so an `href=` inside another attribute's value is that value (hostile review, session 56).
_ATTRIBUTE = re.compile(r'\s([^\s="]+)="([^"]*)"')
_BUILT = re.compile(r"(?:^|\s)(?:bt-|vanban(?:\s|$))")  # links the build wrote (legal/markdown.py, handbook/page.py)
_OPEN = '<span class="bt-print-only bt-print-url"> ('
_SPAN = re.compile(re.escape(_OPEN) + r'(?:[^<]|<wbr>|<span class="bt-nb">[^<]*</span>)*\)</span>')
_PHONE = re.compile(r"\+?[\d .()-]+")  # one class: linear on any address
_NOT_DIGIT = re.compile(r"\D")
_SCHEMES = re.compile(r"[a-z][a-z0-9+.-]*://(?:www\.)?|(?<![\w.])www\.")
_ENDS_ADDRESS = frozenset(" \t\n,;:!?)]»\"'”’")  # after an address in a text: it ends there
_ENCODED_LETTERS = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")  # UTF-8 bytes of a letter with marks
_BASE = "https://bantin.invalid/"  # a page's own address to resolve its relative links against


def print_addresses(page: str, address_of: Callable[[str], str | None], printed: Iterable[str] = ()) -> str:
    """`page` (sanitised HTML) with a print-only address after each link that needs one.

    `address_of(href)` gives the address to print for a link's target (the attribute's value,
    unescaped), None for none; `printed`, the addresses the page prints elsewhere (its source's,
    its attachments'). One pass of `find`s over the links: linear in the page."""
    if "<a " not in page:
        return page
    pieces, position, printed = [], 0, set(printed)
    while (start := page.find("<a ", position)) >= 0:
        tag_end = page.find(">", start)
        close = page.find("</a>", tag_end) if tag_end >= 0 else -1
        if close < 0:
            break
        end = close + len("</a>")
        pieces.append(page[position:end])
        position = end
        attributes = dict(_ATTRIBUTE.findall(page, start + 2, tag_end))
        ours = _BUILT.search(attributes.get("class", "")) is not None
        href = attributes.get("href")
        address = address_of(html.unescape(href)) if href and not ours else None
        if not address or address in printed:
            continue
        text = html_to_text(page[tag_end + 1:close])
        if not text:  # a picture: nothing to print an address after
            continue
        printed.add(address)
        if not _shows(text, address):
            pieces.append(_OPEN + address_markup(address) + ")</span>")
    return "".join(pieces) + page[position:]


def without_print_addresses(page: str) -> str:
    """`page` without the spans `print_addresses` added: for text read out of the page (JSON-LD)."""
    return _SPAN.sub("", page) if _OPEN in page else page


def address_markup(address: str) -> str:
    """`address` escaped, cut as partials/bantin-address.html cuts a printed address, its
    letters with marks read (`readable`)."""
    out = []
    for number, (text, whole) in enumerate(address_pieces(readable(address))):
        escaped = html.escape(text, quote=False)
        out.append(("<wbr>" if number else "") + (f'<span class="bt-nb">{escaped}</span>' if whole else escaped))
    return "".join(out)


def readable(address: str) -> str:
    """`address` with the letters a browser copies as `%E1%BB%99` written as letters («ộ»), as
    the browser's own address bar shows them and a reader types them; `%20`, `%2F` and every
    other escape of a character with a meaning in an address stay (hostile review, session 56)."""
    if "%" not in address:
        return address

    def letters(found: re.Match) -> str:
        try:
            decoded = unquote(found.group(0), errors="strict")
        except UnicodeDecodeError:
            return found.group(0)
        return decoded if decoded.isprintable() and not any(c.isspace() for c in decoded) else found.group(0)

    return _ENCODED_LETTERS.sub(letters, address)


def _shows(text: str, address: str) -> bool:
    """Whether a link's text shows its address (a reader types the text): the address without
    its scheme, `www.` or last «/» (`cong.example.vn` for `https://www.cong.example.vn/`), whole
    (not `z.example/lu` in «z.example/luat»), or a phone number's digits however they are
    spaced («0238 3 868 686» for `tel:02383868686`)."""
    if _PHONE.fullmatch(address) and _NOT_DIGIT.sub("", address):
        return _NOT_DIGIT.sub("", address) in _NOT_DIGIT.sub("", text)
    bare = _bare(address).rstrip("/")
    if not bare:
        return False
    shown = _bare(text)
    at = shown.find(bare)
    while at >= 0:
        end = at + len(bare)
        after = shown[end + 1:] if shown[end:end + 1] == "/" else shown[end:]  # «x.vn/a/» shows «x.vn/a»
        if (at == 0 or shown[at - 1] in _ENDS_ADDRESS or shown[at - 1] in "(«[") and (
                not after or after[0] in _ENDS_ADDRESS or after.rstrip(".") == ""):
            return True
        at = shown.find(bare, at + 1)
    return False


def _bare(text: str) -> str:
    """An address, or a text that may show one, as compared: lower case, its letters read
    (`readable`), without any scheme (`https://`) or `www.`."""
    return _SCHEMES.sub("", readable(text).lower())


def short_links(urls: UrlScheme, questions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each question (its handbook's page path, its id): the public file of its page and of
    its place in the handbook (`hoi-dap/so-tay/la-gi/`, `hoi-dap/so-tay/#la-gi`) → its short
    link's (`q/la-gi/`), the address a handout prints under its QR code (`addresser`)."""
    found = {}
    for handbook, qid in questions:
        short = urls.public(urls.short(qid))
        found[urls.public(urls.question(handbook, qid))] = short
        found[f"{urls.public(handbook)}#{qid}"] = short
    return found


def addresser(urls: UrlScheme, page_path: str, file_address: Callable[[str], str] | None,
              shorter: Mapping[str, str] | None = None) -> Callable[[str], str | None]:
    """`address_of` for the links of the page at `page_path`: its relative links resolved as
    the browser resolves them, then given their public address (`file_address`; None when the
    site has no `site_url`: «/tin-tuc/a/» on paper names no site, and its links print nothing).
    A link to a question prints its short link (`shorter`, from `short_links`): the address the
    trainer's handouts and QR codes give, shorter to type than the handbook's with `#id` (a
    trial, session 56)."""
    shorter = shorter or {}
    page_address = urljoin(_BASE, urls.url(page_path))  # once a page: half the time was this (review)
    own = urlsplit(page_address).path

    def address_of(href: str) -> str | None:
        if not href or href.startswith("#"):
            return None
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            return href
        if scheme in ("mailto", "tel"):
            return unquote(parts.path) or None
        if scheme or parts.netloc or file_address is None:
            return None
        target = urlsplit(urljoin(page_address, href))
        if target.path == own:
            return None
        public = _public_file(target.path.lstrip("/"), urls.directory_urls)
        fragment = f"#{target.fragment}" if target.fragment else ""
        # the question's place in its handbook, or its page itself: not a heading inside that page
        short = shorter.get(public + fragment) if fragment else shorter.get(public)
        if short is not None and not target.query:
            return file_address(short)
        return file_address(public) + (f"?{target.query}" if target.query else "") + fragment

    return address_of


def _public_file(file: str, directory_urls: bool) -> str:
    """A site file's public address: the offline flavour's `x.html` and `x/index.html` are the
    page `x/` online; every other file is where it is."""
    if directory_urls or not file.endswith(".html"):
        return file
    return UrlScheme.public(UrlScheme.page_of(file))
