"""Generated pages: listings, question pages, indexes (DESIGN §2, §4).

Pure descriptions (path, template, data); the adapter turns each into a virtual MkDocs
page. Every listing is paginated newest first, so no page grows with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence
from urllib.parse import unquote

from bantin.site.corpus import Corpus
from bantin.content.links import rebase_links
from bantin.content.model import Item, Question
from bantin.content.handbook.page import print_markdown, shift_headings
from bantin.outputs.gate import Gate, OutputError, path_problem
from bantin.problems import Problems
from bantin.config.settings import CONFIG_FILE
from bantin.site.urls import UrlScheme
from bantin.site import published, sharing

HOME_LATEST = 5
PAGE_WINDOW = 2  # page numbers a listing's navigation shows on each side of the current one


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

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers its navigation shows (`page_window`)."""
        return page_window(len(self.paths), self.number)


def page_window(count: int, current: int, radius: int = PAGE_WINDOW) -> list[int | None]:
    """Page numbers to link from page `current` of `count`: the first, the last and `radius`
    on each side of the current one, None where numbers are left out (shown as "…").

    Every number on every page made a listing of P pages cost P² links: 5,000 on each page
    of a 5,000-page news archive, a third of the output and of the build time at 100,000
    articles (issue 17), and as many links for a screen reader to wade through. Portals show
    a window; the archives by year and the search reach the rest. A gap of one number shows
    that number: "…" would take the same room.
    """
    shown = sorted({1, count, *range(max(1, current - radius), min(count, current + radius) + 1)})
    numbers: list[int | None] = []
    for before, n in zip([0, *shown], shown):
        if n - before == 2:
            numbers.append(before + 1)
        elif n - before > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


@dataclass(frozen=True)
class Generated:
    """A page that exists in no content file: what to render, where, with which data."""

    path: str
    template: str
    title: str
    kind: str
    description: str = ""
    listing: Listing | None = None
    item: Item | None = None  # the handbook of a question or of its printable page, else None
    question: Question | None = None
    key: str = ""  # category/tag slug, year or document id the page is about
    nav_title: str = ""  # the menu's name (MkDocs makes it the <title> too) when the heading's would repeat its section's

    @property
    def shows_text(self) -> bool:
        """Whether the page shows what editors wrote (a question's answer, the printable
        handbook's intro): it has Markdown, sanitised like a content file's; any other
        generated page is written by its template alone."""
        return self.question is not None or self.kind == "handbook-print"

    def markdown(self, src: str) -> str:
        """The editor text of a `shows_text` page, its links rebased from the handbook to `src`
        (this page's file): a question's answer under the page's h1 (the handbook's: 3), or the
        handbook's intro opening its printout with its groups' intros after it (`print_markdown`)."""
        if self.question is not None:
            body = shift_headings(self.question.body, 2)
        else:
            body = print_markdown(self.item.intro, self.item.groups)
        return rebase_links(body, self.item.src, src)


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


@dataclass(frozen=True)
class AliasPage:
    """A redirect page an editor's `aliases:` makes: the old address as written (messages
    name it so) → the page's path."""

    alias: str
    path: str
    title: str
    src: str

    @property
    def old(self) -> str:
        """The old path without the slashes at its ends."""
        return self.alias.strip("/")


def alias_pages(corpus: Corpus, urls: UrlScheme) -> list[AliasPage]:
    """Every alias's redirect page. A handbook's old folder address (`/hoi-dap/ten-cu/`, no
    file ending) also keeps its questions' and its printout's pages under it: the guide's fix
    for a renamed handbook, that alias, saved its page alone, and its question pages (the
    addresses readers share) and `ban-in/` stayed lost (a province's second-year trial,
    session 53)."""
    found = []
    for item in corpus.published:
        ids = {q.id for q in item.questions}
        for alias in item.meta.aliases:
            old = alias.strip("/")
            found.append(AliasPage(alias, item.path, item.title, item.src))
            if not _handbook_folder(old, ids, item.path, urls):
                continue
            found += [AliasPage(f"/{old}/{q.id}/", urls.question(item.path, q.id), q.title, item.src)
                      for q in item.questions]
            found.append(AliasPage(f"/{old}/ban-in/", urls.question(item.path, "ban-in"), f"{item.title} (bản in)",
                                   item.src))
    return found


def _handbook_folder(old: str, ids: set[str], path: str, urls: UrlScheme) -> bool:
    """Whether a handbook's alias is its old folder address, under which its questions lived:
    not an old file (`.aspx`), nor a question's own old address (the lost-question warning
    says to list `/q/<id>/` and `/hoi-dap/<so-tay>/<id>/` there), nor under the handbook's own
    address (review, session 53: each made junk pages under it, kept in every record)."""
    last = old.rsplit("/", 1)[-1]
    return bool(ids) and bool(old) and "." not in last and last not in ids and \
        not old.startswith(urls.short("") + "/") and old != path and not old.startswith(path + "/")


SECTIONS = (("article", "Tin tức"), ("qa", "Hỏi - Đáp"), ("guide", "Tài liệu hướng dẫn"))  # listings of a type
INDEX_TITLES = {"categories": "Chuyên mục", "tags": "Từ khóa", "years": "Lưu trữ theo năm",
                "documents": "Văn bản pháp luật"}  # the footer's and the tab's name (the lead says "cited")


def generated_pages(corpus: Corpus, urls: UrlScheme) -> list[Generated]:
    """Every generated page of the site, in a stable order."""
    size, p = corpus.site.page_size, urls.prefixes
    pages = [
        # "Trang chủ": the title the first tab and the menu show (the header names the site).
        Generated("", "bantin-home.html", "Trang chủ", "home"),
        Generated(urls.search(), "bantin-search-page.html", "Tìm kiếm", "search"),
        # In the menu under the section "Chuyên mục", which the index opens: "Chuyên mục"
        # twice in a row read as a mistake (a reader's review, session 22).
        Generated(urls.category(), "bantin-index.html", INDEX_TITLES["categories"], "categories",
                  nav_title="Tất cả chuyên mục"),
        Generated(urls.tag(), "bantin-index.html", INDEX_TITLES["tags"], "tags"),
        Generated(urls.year(), "bantin-index.html", INDEX_TITLES["years"], "years"),
    ]
    for kind, title in SECTIONS:
        pages += _listing_pages(urls, getattr(p, kind), corpus.of_kind(kind), size, kind=f"kind-{kind}", title=title, key=kind)
    for category in corpus.categories:
        pages += _listing_pages(urls, urls.category(category.slug), corpus.in_category(category.slug), size,
                                kind="category", title=category.title, key=category.slug,
                                description=category.description)
    for tag in corpus.tags:
        pages += _listing_pages(urls, urls.tag(tag.slug), corpus.with_tag(tag.slug), size,
                                kind="tag", title=f"Từ khóa: {tag.title}", key=tag.slug)
    for year in corpus.years:
        pages += _listing_pages(urls, urls.year(year), corpus.in_year(year), size,
                                kind="year", title=f"Năm {year}", key=str(year))
    pages.append(Generated(urls.document(), "bantin-documents.html", INDEX_TITLES["documents"], "documents"))
    for slug in corpus.documents:
        pages += _listing_pages(urls, urls.document(slug), corpus.citing(slug), size,
                                kind="document", title=corpus.document_label(slug), key=slug)
    pages += _questions(urls, corpus)
    return pages


def artifact_files(corpus: Corpus, urls: UrlScheme) -> dict[str, str]:
    """Files written after the pages whatever the content (artifacts.write_all), with their
    writer: claimed before any page or alias, so neither can replace them."""
    who = "tệp phụ của trang (sitemap, nguồn tin, robots.txt, ảnh chia sẻ)"
    names = [urls.feed(), *(urls.feed(c.slug) for c in corpus.categories),
             "sitemap.xml", "sitemap.xml.gz", "robots.txt", sharing.site_card(corpus.site), published.RECORD]
    names = [n for n in names if n]
    return dict.fromkeys(names, who)


def check_addresses(corpus: Corpus, pages: Sequence[Generated], urls: UrlScheme, problems: Problems,
                    aliases: Sequence[tuple[str, str]] = (),
                    outputs: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
    """Two things at one address, or at one output file, are an error naming the file to
    change, never an overwrite; so is an output name no disk can hold (outputs.Gate rules).

    `outputs` are the other files of the build (MkDocs' static files and theme assets, the
    404 page): (output file, who writes it) pairs (a content path for content files); a name ending
    in '/' is a folder that belongs to one writer (the search index, image variants).
    Claimed in order: those files, the artifacts, generated pages (and each question's
    short link), content files, then editors' aliases; two content files at one address
    are reported by the corpus.
    """
    owners: dict[str, str] = {}
    short_ids: set[str] = set()
    gate = Gate(".")  # claims only: nothing is written here
    others = list(outputs.items() if isinstance(outputs, Mapping) else outputs)
    claims = [*artifact_files(corpus, urls).items(), *others]
    for rel, who in sorted(claims, key=lambda claim: not claim[0].endswith("/")):  # folders first, stable
        _file(gate, rel.rstrip("/"), who, who, "", problems, folder=rel.endswith("/"))
    for page in pages:
        src = page.item.src if page.item is not None else ""
        what = f"câu hỏi `{page.key}` của {src}" if page.question else f"trang tự tạo '{page.title}'"
        if _claim(owners, page.path, what, src or CONFIG_FILE, problems):
            _file(gate, urls.dest(page.path), what, src or CONFIG_FILE, "slug", problems)
        if page.question is not None:
            if page.question.id in short_ids:  # one id in two handbooks: the corpus named both places
                continue
            short_ids.add(page.question.id)
            short = f"liên kết ngắn của câu hỏi `{page.key}` ({src})"
            if _claim(owners, urls.short(page.question.id), short, src, problems):
                _file(gate, urls.redirect_file(urls.short(page.question.id), urls.directory_urls), short, src,
                      "slug", problems)
    _sources(corpus, pages, urls, problems)
    content: set[str] = set()
    for item in corpus.published:
        if UrlScheme.page_of(item.path) not in content:
            if _claim(owners, item.path, item.src, item.src, problems):
                _file(gate, urls.dest(item.path), item.src, item.src, "slug", problems)
            content.add(UrlScheme.page_of(item.path))
    for path, src in aliases:
        who = f"bí danh (aliases) `/{path.strip('/')}` trong {src}"  # two of one file may clash by case
        if _claim(owners, unquote(path), who, src, problems):
            _file(gate, urls.redirect_file(path, urls.directory_urls), who, src, "aliases", problems)


def _sources(corpus: Corpus, pages: Sequence[Generated], urls: UrlScheme, problems: Problems) -> None:
    """A content file whose name is a generated page's source: `urls: category: tin-tuc` makes
    the category 'Đất đai' `tin-tuc/dat-dai.md`, an article's file. The engine holds one file
    per name (adapter.plugin stops there), and a `.md` link would name either: told here, so
    `bantin check` says what the build stops on (hostile review, session 30)."""
    made = {urls.src_uri(page.path): page for page in pages}
    for item in corpus.items:
        page = made.get(item.src)
        if page is not None:
            problems.error(item.src, 0, "", f"tên tệp trùng tên nguồn của trang tự tạo '{page.title}' "
                           f"(/{urls.public(page.path)})",
                           "đổi tên tệp (bài có `slug:` vẫn giữ địa chỉ), hoặc đổi đoạn địa chỉ ở mục `urls:` của "
                           "mkdocs.yml cho khác tên các thư mục trong content/ (tin-tuc, hoi-dap, huong-dan, trang)")


_RENAME_FILE = ("đổi tên tệp trong content/ thành chữ thường không dấu, số và dấu gạch ngang, ngắn hơn 200 ký tự, "
                "không phải con/prn/aux/nul/com1…/lpt1…")
_RENAME_ONE = ("đổi tên một trong hai tệp trong content/ (hai tên chỉ khác chữ hoa/thường vẫn là một tệp trên "
               "Windows, macOS và USB)")
_THEME_NAME = "đổi tên hoặc xóa tệp này trong content/: tên đó là của giao diện trang"


def _file(gate: Gate, rel: str, who: str, src: str, field: str, problems: Problems, folder: bool = False) -> None:
    """Claim output file (or folder) `rel` for `who`; a bad name or a clash is a problem of `src`.
    field "" is a file of content/ (or the theme) published as it is: the fix is a rename, not `slug:`."""
    wrong = path_problem(rel)
    line = 1 if field else 0
    if wrong:
        fix = ("bỏ bí danh này hoặc viết lại thành đường dẫn hợp lệ" if field == "aliases" else _RENAME_FILE
               if not field else
               "đổi `slug:` (hoặc mã câu hỏi, tên thẻ, tên tệp) thành chữ thường không dấu, số và dấu gạch "
               "ngang, ngắn hơn 200 ký tự, không phải con/prn/aux/nul/com1…/lpt1…")
        problems.error(src, line, field, f"không tạo được tệp trang: {wrong}", fix)
        return
    try:
        gate.own(rel, who) if folder else gate.claim(rel, who)
    except OutputError as exc:
        problems.error(src, line, field, str(exc),
                       "bỏ bí danh trùng hoặc đổi nó sang đường dẫn khác" if field == "aliases" else
                       (_RENAME_ONE if "giao diện" not in str(exc) else _THEME_NAME) if not field else "đổi `slug:` hoặc tên tệp để mỗi tệp của trang chỉ có một nguồn")


def _claim(owners: dict[str, str], path: str, who: str, src: str, problems: Problems) -> bool:
    key = UrlScheme.page_of(path)
    first = owners.setdefault(key, who)
    if first != who:
        shown = f"/{path.strip('/')}" if "." in path.rsplit("/", 1)[-1] else f"/{key}/"
        problems.error(src, 1, "aliases" if "aliases" in who else "slug",
                       f"địa chỉ {shown} đã thuộc về {first}",
                       "đổi `slug:` hoặc mã câu hỏi (hoặc bỏ bí danh trùng) để mỗi địa chỉ chỉ thuộc một trang")
        return False
    return True
