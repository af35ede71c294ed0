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

Not printed: a link within the page (`#…`, or the page's own address), a link the build wrote
(a class `bt-…`, which editors cannot give: a handbook's «Trang riêng của câu hỏi» lines, which
print hides; `vanban`, a document's number linked to its page: the number is what a reader
looks up, and an answer citing five documents would print five addresses), a link whose text already is its address (`https://thuvienphapluat.vn` written as its own text), a link without
text (a picture), another scheme, and an address already printed above on the page (a guide
linking one law ten times prints it once). The address is cut where a line may end as every
printed address is (`pagedata.address_pieces`, the markup of partials/bantin-address.html).

The span is text of the page, which JSON-LD's answer text must not carry:
`without_print_addresses` takes it out again.
"""

from __future__ import annotations

import html
import re
from typing import Callable
from urllib.parse import unquote, urljoin, urlsplit

from bantin.site.pagedata import address_pieces
from bantin.site.urls import UrlScheme
from bantin.text.plain import html_to_text

_HREF = re.compile(r'\shref="([^"]*)"')
_BUILDS = re.compile(r'\sclass="(?:bt-|vanban")')  # links the build wrote (legal/markdown.py, handbook/page.py)
_OPEN = '<span class="bt-print-only bt-print-url"> ('
_SPAN = re.compile(re.escape(_OPEN) + r'(?:[^<]|<wbr>|<span class="bt-nb">[^<]*</span>)*\)</span>')
_PHONE = re.compile(r"\+?[\d .()-]+")  # one class: linear on any address
_NOT_DIGIT = re.compile(r"\D")
_SCHEME_OR_WWW = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?://)?)?(?:www\.)?")
_BASE = "https://bantin.invalid/"  # a page's own address to resolve its relative links against


def print_addresses(page: str, address_of: Callable[[str], str | None]) -> str:
    """`page` (sanitised HTML) with a print-only address after each link that needs one.

    `address_of(href)` gives the address to print for a link's target (the attribute's value,
    unescaped), None for none. One pass of `find`s over the links: linear in the page."""
    if "<a " not in page:
        return page
    pieces, position, printed = [], 0, set()
    while (start := page.find("<a ", position)) >= 0:
        tag_end = page.find(">", start)
        close = page.find("</a>", tag_end) if tag_end >= 0 else -1
        if close < 0:
            break
        end = close + len("</a>")
        pieces.append(page[position:end])
        position = end
        href = _HREF.search(page, start, tag_end)
        ours = _BUILDS.search(page, start, tag_end) is not None
        address = address_of(html.unescape(href.group(1))) if href and not ours else None
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
    """`address` escaped, cut as partials/bantin-address.html cuts a printed address."""
    out = []
    for number, (text, whole) in enumerate(address_pieces(address)):
        escaped = html.escape(text, quote=False)
        out.append(("<wbr>" if number else "") + (f'<span class="bt-nb">{escaped}</span>' if whole else escaped))
    return "".join(out)


def _shows(text: str, address: str) -> bool:
    """Whether a link's text shows its address (a reader types the text): the address without
    its scheme, `www.` or last «/» (`cong.example.vn` for `https://www.cong.example.vn/`), or a
    phone number's digits however they are spaced («0238 3 868 686» for `tel:02383868686`)."""
    if _PHONE.fullmatch(address) and _NOT_DIGIT.sub("", address):
        return _NOT_DIGIT.sub("", address) in _NOT_DIGIT.sub("", text)
    return _bare(address) in _bare(text)


def _bare(address: str) -> str:
    """An address as compared: lower case, without scheme, `www.` or a last «/»."""
    return _SCHEME_OR_WWW.sub("", address.strip().lower()).rstrip("/")


def addresser(urls: UrlScheme, page_path: str, file_address: Callable[[str], str]) -> Callable[[str], str | None]:
    """`address_of` for the links of the page at `page_path`: its relative links resolved as
    the browser resolves them, then given their public address (`file_address`)."""
    page_url = urls.url(page_path)
    own = urlsplit(urljoin(_BASE, page_url)).path

    def address_of(href: str) -> str | None:
        if not href or href.startswith("#"):
            return None
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            return href
        if scheme in ("mailto", "tel"):
            return unquote(parts.path) or None
        if scheme or parts.netloc:
            return None
        target = urlsplit(urljoin(urljoin(_BASE, page_url), href))
        if target.path == own:
            return None
        public = _public_file(target.path.lstrip("/"), urls.directory_urls)
        return file_address(public) + (f"?{target.query}" if target.query else "") + (
            f"#{target.fragment}" if target.fragment else "")

    return address_of


def _public_file(file: str, directory_urls: bool) -> str:
    """A site file's public address: the offline flavour's `x.html` and `x/index.html` are the
    page `x/` online; every other file is where it is."""
    if directory_urls or not file.endswith(".html"):
        return file
    if file == "index.html":
        return ""
    stem = file[: -len("index.html")] if file.endswith("/index.html") else file[: -len(".html")] + "/"
    return stem
