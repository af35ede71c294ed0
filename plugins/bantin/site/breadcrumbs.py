"""Where a page sits: "Trang chủ › chuyên mục › trang" (issue 15).

One trail per page, as (page path, title) pairs from the home page down to the page itself:
the visible breadcrumb (partials/bantin-breadcrumb.html) shows all but the last (the title
follows it), and the BreadcrumbList JSON-LD (structured.breadcrumb_list) all of them.
Plain function of the page's item or generated page: tests need no build.
"""

from __future__ import annotations

from bantin.content.model import Item
from bantin.site.pages import INDEX_TITLES, SECTIONS
from bantin.site.urls import UrlScheme

HOME = "Trang chủ"
_SECTIONS = dict(SECTIONS)
_LISTING_PARENTS = {"category": "categories", "tag": "tags", "year": "years", "document": "documents"}


def _parent(urls: UrlScheme, item: Item) -> list[tuple[str, str]]:
    """The item's category, else the listing of its type (pages of trang/ have neither)."""
    if item.category is not None:
        return [(urls.category(item.category.slug), item.category.title)]
    if item.kind in _SECTIONS:
        return [(getattr(urls.prefixes, item.kind), _SECTIONS[item.kind])]
    return []


def _index_path(urls: UrlScheme, kind: str) -> str:
    return {"categories": urls.category(), "tags": urls.tag(), "years": urls.year(),
            "documents": urls.document()}[kind]


def trail(urls: UrlScheme, item: Item | None = None, page=None) -> list[tuple[str, str]]:
    """[(path, title)] from the home page to this page; [] for the home page and pages the
    build does not own. `page` is a pages.Generated."""
    home = [("", HOME)]
    if item is not None:
        return home + _parent(urls, item) + [(item.path, item.title)]
    if page is None or page.kind == "home":
        return []
    if page.item is not None:  # a question or the printable handbook
        handbook = page.item
        return home + _parent(urls, handbook) + [(handbook.path, handbook.title), (page.path, page.title)]
    parent = _LISTING_PARENTS.get(page.kind)
    if parent is not None:
        return home + [(_index_path(urls, parent), INDEX_TITLES[parent]), (page.path, page.title)]
    return home + [(page.path, page.title)]
