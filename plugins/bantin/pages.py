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


def check_addresses(corpus: Corpus, pages: Sequence[Generated], problems: Problems,
                    extra: Sequence[tuple[str, str]] = ()) -> None:
    """A content file, generated page or alias sharing an address is an error, never an overwrite.

    `extra` holds (path, who) pairs such as aliases, named by the file that declares them.
    """
    owners: dict[str, str] = {page.path: f"trang tự tạo '{page.title}'" for page in pages}
    for item in corpus.published:  # two content files at one address: already reported by the corpus
        if owners.get(item.path, item.src).startswith("trang tự tạo"):
            _claim(owners, item.path, item.src, item.src, problems)
        owners.setdefault(item.path, item.src)
    for path, src in extra:
        _claim(owners, path, f"bí danh (aliases) trong {src}", src, problems)


def _claim(owners: dict[str, str], path: str, who: str, src: str, problems: Problems) -> None:
    first = owners.setdefault(path, who)
    if first != who:
        shown = f"/{path}" if "." in path.rsplit("/", 1)[-1] else f"/{path}/"
        problems.error(src, 1, "slug" if "aliases" not in who else "aliases",
                       f"địa chỉ {shown} đã thuộc về {first}",
                       "đổi `slug:` (hoặc bỏ bí danh trùng) để mỗi địa chỉ chỉ thuộc một trang")
