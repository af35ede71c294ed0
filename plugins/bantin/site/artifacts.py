"""Files written after the pages: sitemap, feeds, redirects, robots.txt (DESIGN §4, §7).

Dates come from front matter only, never from the build clock or git, so two builds of the
same content are byte-identical and crawlers see real modification dates.
"""

from __future__ import annotations

import gzip
import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Callable, Iterable, Mapping, Sequence
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from bantin.content.model import Item
from bantin.outputs.gate import Gate
from bantin.site import contentpolicy, redirectmap, sharing
from bantin.site.pages import Generated
from bantin.site.views import SiteView

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
_templates = contentpolicy.OWN.install(Environment(loader=PackageLoader("bantin", "templates"),
                                                   autoescape=select_autoescape(["html"])))


ARTIFACTS = "tệp phụ của trang (sitemap, nguồn tin, robots.txt, ảnh chia sẻ)"  # as pages.artifact_files says


def write_file(gate: Gate | str, rel: str, data: str | bytes, who: str = ARTIFACTS) -> None:
    """Write one artifact through the output gate (a folder name gets a gate of its own)."""
    (gate if isinstance(gate, Gate) else Gate(gate)).write(rel, data, who)


# --- XML values -------------------------------------------------------------------------
# Characters XML 1.0 forbids even as references (C0 controls but tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF): one in a title made every feed unreadable. ElementTree escapes `&<>"` but
# writes these as they are, so every text and attribute of the writers goes through `_xml`.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", str(value))


def _node(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element whose text and attributes are XML-safe by construction."""
    node = ET.SubElement(parent, tag, {key: _xml(value) for key, value in attrs.items()})
    if text is not None:
        node.text = _xml(text)
    return node


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


# --- sitemap ----------------------------------------------------------------------------

def sitemap_entries(view: SiteView, pages: Sequence[Generated]) -> list[tuple[str, datetime]]:
    """(page path, lastmod) for every published page; listings take their newest item's date.

    An empty listing (a registered category or a section with nothing published yet, usual on
    a new site's first days) is left out: it would ask crawlers to index "Chưa có bài nào"."""
    corpus = view.corpus
    entries = [(i.path, i.lastmod) for i in corpus.published if not i.meta.draft]
    newest = corpus.listed[0].lastmod if corpus.listed else None
    for page in pages:
        if page.item is not None:
            entries.append((page.path, page.item.lastmod))
        elif page.listing is not None and page.listing.items:
            entries.append((page.path, max(i.lastmod for i in page.listing.items)))
        elif page.listing is not None and not page.listing.total:
            continue
        elif newest is not None:
            entries.append((page.path, newest))
    return sorted(entries)


def sitemap_xml(view: SiteView, entries: Iterable[tuple[str, datetime]]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path, lastmod in entries:
        url = _node(root, f"{{{SITEMAP_NS}}}url")
        _node(url, f"{{{SITEMAP_NS}}}loc", view.absolute(path))
        _node(url, f"{{{SITEMAP_NS}}}lastmod", lastmod.date().isoformat())
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- feeds ------------------------------------------------------------------------------

def atom_feed(view: SiteView, title: str, self_path: str, page_path: str, items: Sequence[Item]) -> bytes:
    """Atom 1.0; `updated` is the newest entry's date so an unchanged site gives the same feed."""
    ET.register_namespace("", ATOM_NS)
    a = lambda tag: f"{{{ATOM_NS}}}{tag}"  # noqa: E731
    feed = ET.Element(a("feed"), {"xml:lang": "vi"})
    _node(feed, a("title"), title)
    _node(feed, a("id"), view.absolute(page_path))
    _node(feed, a("link"), rel="alternate", href=view.absolute(page_path))
    _node(feed, a("link"), rel="self", href=view.absolute(self_path).rstrip("/"))
    updated = max((i.lastmod for i in items), default=None)
    _node(feed, a("updated"), _iso(updated) if updated else "1970-01-01T00:00:00+00:00")
    agency = view.corpus.site.agency.name or view.corpus.site.site_name
    _node(_node(feed, a("author")), a("name"), agency)
    for item in items:
        entry = _node(feed, a("entry"))
        _node(entry, a("title"), item.title)
        _node(entry, a("id"), view.absolute(item.path))
        _node(entry, a("link"), rel="alternate", href=view.absolute(item.path))
        _node(entry, a("published"), _iso(item.date))
        _node(entry, a("updated"), _iso(item.lastmod))
        if item.meta.author:
            _node(_node(entry, a("author")), a("name"), item.meta.author)
        if item.category:
            _node(entry, a("category"), term=item.category.slug, label=item.category.title)
        _node(entry, a("summary"), view.summary(item))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feed_files(view: SiteView) -> dict[str, bytes]:
    """The site feed and one per category: 'feed.xml', 'chuyen-muc/<slug>/feed.xml'."""
    corpus, urls, size = view.corpus, view.urls, view.corpus.site.feed_size
    name = corpus.site.site_name
    files = {urls.feed(): atom_feed(view, name, urls.feed(), "", corpus.listed[:size])}
    for category in corpus.categories:
        rel = urls.feed(category.slug)
        files[rel] = atom_feed(view, f"{name} – {category.title}", rel, urls.category(category.slug),
                               corpus.in_category(category.slug)[:size])
    return files


# --- redirects --------------------------------------------------------------------------

def redirect_html(view: SiteView, old: str, new: str, title: str, share: tuple[str, str]) -> tuple[str, str]:
    """(output file, HTML) of a page that sends readers from an old address to a new one;
    `share`: the new page's (description, picture) for a chat app's preview (`sharing_of`)."""
    urls = view.urls
    out = urls.redirect_file(old, urls.directory_urls)
    target_file = urls.dest(new)
    rel = posixpath.relpath(target_file, posixpath.dirname(out) or ".")
    if urls.directory_urls and rel.endswith("index.html"):
        rel = rel[: -len("index.html")] or "./"
    description, image = share
    html = _templates.get_template("redirect.html").render(
        target=rel, canonical=view.absolute(new), title=title, description=description, image=image,
        site_name=view.corpus.site.site_name)
    return out, view.secured(html).html


def sharing_of(view: SiteView, pages: Sequence[Generated]) -> Callable[[str], tuple[str, str]]:
    """A page's path → its (description, picture) as its own page gives them to Zalo and
    Facebook, for the redirect pages to it: every QR code and «Sao chép liên kết» carries a
    question's short link /q/<id>/, a redirect page, and a chat app's preview fetcher that does
    not follow its refresh showed «Chuyển đến …» with no text nor picture (a trainer's trial,
    session 54). Each path once; "" for a path that is no page."""
    items = {item.path: item for item in view.corpus.published}
    generated = {page.path: page for page in pages}
    known: dict[str, tuple[str, str]] = {}

    def share(path: str) -> tuple[str, str]:
        if path not in known:
            item, page = items.get(path), generated.get(path)
            own = item if item is not None else page.item if page is not None else None
            found = item is not None or page is not None
            known[path] = (view.description(item, page), view.share_image(own)) if found else ("", "")
        return known[path]

    return share


def query_redirect_html(view: SiteView, out: str, rules) -> str:
    """A page at an old address with a query that sends each query to its new page
    (site/redirectmap.py: query_pages, query_page_data)."""
    data, home, search = redirectmap.query_page_data(out, rules, view.urls)
    html = _templates.get_template("query-redirect.html").render(rules=Markup(data), home=home, search=search)
    return view.secured(html).html


QUERY_REDIRECTS = "chuyển hướng địa chỉ cũ có tham số (redirects/old-host.map)"


def robots_txt(view: SiteView) -> str:
    """Everything may be crawled but the web editor (/admin/, webeditor.py), which is not for readers."""
    sitemap = view.absolute("sitemap.xml").rstrip("/")
    base = urlsplit(view.corpus.site.site_url).path.rstrip("/") if view.corpus.site.site_url else ""
    lines = ["User-agent: *", f"Disallow: {quote(base, safe='/%')}/admin/", "Allow: /"]  # %XX: siteurl.as_uri's
    if view.corpus.site.site_url:
        lines.append(f"Sitemap: {sitemap.removesuffix('.html')}")
    return "\n".join(lines) + "\n"


def redirect_owner(src: str) -> str:
    return f"chuyển hướng từ địa chỉ cũ của {src}"


def write_all(view: SiteView, pages: Sequence[Generated], gate: Gate | str,
              redirects: Sequence[tuple[str, str, str]], query_pages: Mapping[str, Sequence] | None = None) -> None:
    """Every post-build artifact except search (see search.py), each through the gate.

    `redirects` are (old path, new path, title); the old path's output file is claimed
    for its redirect, so it can never replace a page, a feed or another redirect.
    """
    gate = gate if isinstance(gate, Gate) else Gate(gate)
    if view.corpus.site.site_url and view.urls.directory_urls:  # no sitemap for the offline copy
        xml = sitemap_xml(view, sitemap_entries(view, pages))
        write_file(gate, "sitemap.xml", xml)
        write_file(gate, "sitemap.xml.gz", gzip.compress(xml, mtime=0))
    else:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            gate.remove(name, ARTIFACTS)
    for rel, data in feed_files(view).items():
        write_file(gate, rel, data)
    share = sharing_of(view, pages)
    for old, new, title in redirects:
        out, html = redirect_html(view, old, new, title, share(new))
        write_file(gate, out, html, redirect_owner(old))
    for out, rules in sorted((query_pages or {}).items()):
        write_file(gate, out, query_redirect_html(view, out, rules), QUERY_REDIRECTS)
    write_file(gate, "robots.txt", robots_txt(view))
    card = sharing.site_card(view.corpus.site)
    if card and view.urls.directory_urls:  # the offline copy's og:image is the public site's
        write_file(gate, card, sharing.site_card_png(view.corpus.site))
