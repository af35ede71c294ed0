"""Generated pages: listings, question pages, indexes (DESIGN §2, §4).

Pure descriptions (path, template, data); the adapter turns each into a virtual MkDocs
page. Every listing is paginated newest first, so no page grows with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from .corpus import Corpus
from .model import Item, Question
from .problems import Problems
from .siteconfig import CONFIG_FILE
from .urls import UrlScheme

HOME_LATEST = 5


@dataclass(frozen=True)
class Listing:
    """One page of a paginated list of items."""

    items: tuple[Item, ...]
    number: int
    paths: tuple[str, ...]  # path of every page of this listing, page 1 first
    total: int

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < len(self.paths) else None


@dataclass(frozen=True)
class Generated:
    """A page that exists in no content file: what to render, where, with which data."""

    path: str
    template: str
    title: str
    kind: str
    description: str = ""
    listing: Listing | None = None
    item: Item | None = None
    question: Question | None = None
    key: str = ""  # category/tag slug, year or document id the page is about


def paginate(urls: UrlScheme, base: str, items: Sequence[Item], size: int) -> list[Listing]:
    """Listings of `size` items; an empty list still gets its first page."""
    count = max(1, -(-len(items) // size))
    paths = tuple(urls.paged(base, n) for n in range(1, count + 1))
    return [Listing(tuple(items[(n - 1) * size : n * size]), n, paths, len(items)) for n in range(1, count + 1)]


def _listing_pages(urls: UrlScheme, base: str, items: Sequence[Item], size: int, *, kind: str,
                   title: str, key: str = "", description: str = "") -> Iterator[Generated]:
    for listing in paginate(urls, base, items, size):
        suffix = f" – trang {listing.number}" if listing.number > 1 else ""
        yield Generated(listing.paths[listing.number - 1], "bantin-listing.html", title + suffix, kind,
                        description, listing, key=key)


def _questions(urls: UrlScheme, corpus: Corpus) -> Iterator[Generated]:
    for handbook in corpus.published:
        for question in handbook.questions:
            yield Generated(urls.question(handbook.path, question.id), "bantin-question.html",
                            question.title, "question", item=handbook, question=question, key=question.id)
        if handbook.questions:
            yield Generated(urls.question(handbook.path, "ban-in"), "bantin-handbook-print.html",
                            f"{handbook.title} (bản in)", "handbook-print", item=handbook)


def generated_pages(corpus: Corpus, urls: UrlScheme) -> list[Generated]:
    """Every generated page of the site, in a stable order."""
    size, p = corpus.site.page_size, urls.prefixes
    pages = [
        Generated("", "bantin-home.html", corpus.site.site_name or "Trang chủ", "home"),
        Generated(urls.search(), "bantin-search-page.html", "Tìm kiếm", "search"),
        Generated(urls.category(), "bantin-index.html", "Chuyên mục", "categories"),
        Generated(urls.tag(), "bantin-index.html", "Thẻ", "tags"),
        Generated(urls.year(), "bantin-index.html", "Lưu trữ theo năm", "years"),
    ]
    for kind, title in (("article", "Tin tức"), ("qa", "Hỏi - Đáp"), ("guide", "Tài liệu hướng dẫn")):
        pages += _listing_pages(urls, getattr(p, kind), corpus.of_kind(kind), size, kind=f"kind-{kind}", title=title, key=kind)
    for category in corpus.categories:
        pages += _listing_pages(urls, urls.category(category.slug), corpus.in_category(category.slug), size,
                                kind="category", title=category.title, key=category.slug,
                                description=category.description)
    for tag in corpus.tags:
        pages += _listing_pages(urls, urls.tag(tag.slug), corpus.with_tag(tag.slug), size,
                                kind="tag", title=f"Thẻ: {tag.title}", key=tag.slug)
    for year in corpus.years:
        pages += _listing_pages(urls, urls.year(year), corpus.in_year(year), size,
                                kind="year", title=f"Năm {year}", key=str(year))
    pages.append(Generated(urls.document(), "bantin-documents.html", "Văn bản được trích dẫn", "documents"))
    for slug in corpus.documents:
        pages += _listing_pages(urls, urls.document(slug), corpus.citing(slug), size,
                                kind="document", title=corpus.document_label(slug), key=slug)
    pages += _questions(urls, corpus)
    return pages


def _address(path: str) -> str:
    """One key for the paths that end up in one output file: 'a/b/', 'a/b/index.html', 'a/b.html'."""
    clean = path.strip("/")
    for suffix in ("/index.html", "index.html", ".html"):
        if clean.endswith(suffix):
            return clean[: -len(suffix)].strip("/")
    return clean


def check_addresses(corpus: Corpus, pages: Sequence[Generated], urls: UrlScheme, problems: Problems,
                    aliases: Sequence[tuple[str, str]] = ()) -> None:
    """Two things at one address are an error naming the file to change, never an overwrite.

    Claimed in order: generated pages (and each question's short link), content files,
    then editors' aliases; two content files at one address are reported by the corpus.
    """
    owners: dict[str, str] = {}
    for page in pages:
        src = page.item.src if page.item is not None else ""
        what = f"câu hỏi `{page.key}` của {src}" if page.question else f"trang tự tạo '{page.title}'"
        _claim(owners, page.path, what, src or CONFIG_FILE, problems)
        if page.question is not None:
            _claim(owners, urls.short(page.question.id), f"liên kết ngắn của câu hỏi `{page.key}` ({src})", src, problems)
    content: set[str] = set()
    for item in corpus.published:
        if _address(item.path) not in content:
            _claim(owners, item.path, item.src, item.src, problems)
            content.add(_address(item.path))
    for path, src in aliases:
        _claim(owners, path, f"bí danh (aliases) trong {src}", src, problems)


def _claim(owners: dict[str, str], path: str, who: str, src: str, problems: Problems) -> None:
    key = _address(path)
    first = owners.setdefault(key, who)
    if first != who:
        shown = f"/{path.strip('/')}" if "." in path.rsplit("/", 1)[-1] else f"/{key}/"
        problems.error(src, 1, "aliases" if "aliases" in who else "slug",
                       f"địa chỉ {shown} đã thuộc về {first}",
                       "đổi `slug:` hoặc mã câu hỏi (hoặc bỏ bí danh trùng) để mỗi địa chỉ chỉ thuộc một trang")
