"""What templates show, as plain values: `SiteData` once per build, `PageData` once per page.

Templates read attributes, loop and compare; they call no Python (issue 13). MiniJinja,
the engine of Zensical, cannot call Python methods, so a theme that only reads data is
the first step toward running on it; on Jinja the values cost what the calls did, since
each is made once where a template made it once (tests/test_template_calls.py keeps the
templates that way). URLs are site-root relative, for `| url`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup

from bantin.config.siteurl import readable
from bantin.content.drafts.policy import FIX_NOTE, NOTE
from bantin.content.model import KIND_LABELS, Attachment, Group, Item, Question
from bantin.content.handbook.page import demote_html_headings
from bantin.text.vi import VIETNAM, format_date, format_short_date

# The home page (issue 15) shows each item at most once, in this order: the newest featured
# item large with its picture (`lead`), the other featured items, "Mới cập nhật" (the newest
# items not featured), then each category's newest items shown nowhere above.
HOME_FEATURED = 4  # the lead story and up to three more "Tin nổi bật"
HOME_LATEST = 5  # "Mới cập nhật"; the 404 page shows them too
HOME_PER_CATEGORY = 3  # per category block


@dataclass(frozen=True, slots=True)
class Card:
    """One entry of a listing (partials/bantin-card.html), made once per item and build."""

    url: str
    title: str
    kind: str
    kind_label: str
    category_title: str  # "" without a category
    category_url: str
    date_iso: str  # the day: 2024-05-31
    date_short: str
    summary: str
    image: str = ""  # the item's picture, content path (for `| url`): the home page's lead story
    image_alt: str = ""
    thumb: str = ""  # site-root relative 3:2 thumbnail (images.THUMB), "" for a text-only card
    thumb_width: int = 0
    thumb_height: int = 0
    thumb_webp: str = ""  # its WebP twin, offered first (<picture>)
    address: str = ""  # the whole public address, printed under the title (views.absolute)


@dataclass(frozen=True, slots=True)
class Link:
    """A link with its text: neighbours, tags."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of an index page (categories, tags, years) or of the site's categories."""

    url: str
    title: str
    count: int
    slug: str = ""
    description: str = ""
    latest: tuple[Card, ...] = ()  # categories: the home page's latest items


@dataclass(frozen=True, slots=True)
class DocumentGroup:
    """Cited documents of one type (Luật, Nghị định …): `documents` are (url, label, count,
    status), status '' for a document in force or of unknown status, else 'Hết hiệu lực' …"""

    title: str
    documents: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True, slots=True)
class PrintedQuestion:
    """A question of the printable handbook, with its answer and QR code."""

    question: Question
    answer: Markup
    qr: Markup
    short_absolute: str
    whole: bool = False  # short enough to be kept on one sheet (WHOLE_ANSWER)
    level: int = 2  # its heading's: 3 under a group's `<h2>`
    group: Group | None = None  # the group this question opens: its name printed above it
    group_intro: Markup = Markup("")  # that group's intro, sanitised HTML as the handbook page shows it
    short_pieces: tuple[tuple[str, bool], ...] = ()  # `short_absolute` as `address_pieces` cuts it


@dataclass(frozen=True, slots=True)
class DraftNote:
    """A problem of a draft the live preview shows, for the notice under its banner."""

    line: int
    field: str
    message: str
    fix: str


@dataclass(frozen=True, slots=True)
class SiteData:
    """What pages and the site's chrome (footer, 404) show of the whole site."""

    search_url: str
    categories_url: str
    tags_url: str
    years_url: str
    agency: Any  # settings.Agency
    categories: tuple[IndexEntry, ...]  # `latest`: the home page's block, shown items left out
    featured: tuple[Card, ...]  # after the lead
    latest: tuple[Card, ...]  # "Mới cập nhật": newest items not featured
    lead: Card | None = None  # the newest featured item, large on the home page
    documents_url: str = ""  # every cited legal document (linked from the footer)
    offline: bool = False  # the offline flavour (a copy read from files): it says so
    copy_until: str = ""  # an offline copy: the date of its newest listed item ("15/11/2026")
    public_url: str = ""  # an offline copy: where the site is read online (site_url), for its note
    public_text: str = ""  # the same address as a reader reads it (`/bản-tin/`, not `/b%E1%BA%A3n-tin/`)
    # The home page: categories with items whose every item is higher up, named in one list
    # after the blocks (bantin-home.html), and whether any category keeps a block of its own.
    # Data, not the template's filters: a theme engine without Python has none (DESIGN §9).
    other_categories: tuple[IndexEntry, ...] = ()
    category_blocks: bool = False


@dataclass(frozen=True, slots=True)
class PageData:
    """What one page shows beyond its item or generated page; fields a page has no use for
    keep their empty default. `previous`/`next`: the link with rel=prev/next, in the
    sequence the page belongs to (category, handbook, pages of a listing)."""

    jsonld: dict | None = None
    description: str = ""  # <meta name="description"> and og:description (site/sharing.py)
    image: str = ""  # absolute URL of og:image: the page's picture, the site's or the theme's
    breadcrumbs: tuple[Link, ...] = ()  # Trang chủ › … down to the page's parent (site/breadcrumbs.py)
    breadcrumb_ld: dict | None = None  # the same trail, with the page, as BreadcrumbList JSON-LD
    category_url: str = ""
    date_label: str = "Ngày đăng"  # the printout's words before `date`: a question's date is its handbook's
    date: str = ""
    date_iso: str = ""
    updated: str = ""
    updated_iso: str = ""
    expired: tuple = ()  # (documents, views.Replacement or None, status in lower case): one notice each
    attachments: tuple[tuple[Attachment, str, tuple], ...] = ()  # (attachment, size as '1,2 MB' or "", its
    # public address as `address_pieces` cuts it, printed: paper cannot follow a link)
    source_pieces: tuple[tuple[str, bool], ...] = ()  # the source's address (`source: url:`), printed, cut alike
    tags: tuple[Link, ...] = ()
    related: tuple[Card, ...] = ()
    related_label: str = "Tin liên quan"  # a guide's or handbook's related list is not news (guide trial, session 55)
    same_category: tuple[Card, ...] = ()
    previous: Link | None = None
    next: Link | None = None
    absolute: str = ""  # the page's address on the public site
    qr: Markup = Markup("")  # QR code of the page (a handbook's: for its trainer box)
    print_qr: Markup = Markup("")  # the unlabelled QR code of the printout's header (partials/bantin-print.html)
    print_address: str = ""  # the public address printed beside it: a question's short link, else `absolute`
    public_root: str = ""  # the search page's: the public site, to print each result's address
    print_url: str = ""  # a handbook's printable version
    handbook_url: str = ""
    short_url: str = ""
    short_absolute: str = ""
    short_pieces: tuple[tuple[str, bool], ...] = ()  # `short_absolute` as `address_pieces` cuts it
    cards: tuple[Card, ...] = ()
    page_links: tuple[tuple[int, str] | None, ...] = ()  # (number, url) of pages.page_window; None: "…"
    feed_url: str = ""
    feeds: tuple[tuple[str, str, str], ...] = ()  # the categories index: (what, link, public address) of each feed
    document: Any = None  # legal.numbers Document of a document page
    replacement: Any = None  # views.Replacement
    replaces: tuple = ()  # views.Replacement of each document a document page's document replaced
    index: tuple[IndexEntry, ...] = ()
    document_groups: tuple[DocumentGroup, ...] = ()
    draft_notes: tuple[DraftNote, ...] = ()  # a draft shown in the preview: what to fix before it goes out
    questions: tuple[PrintedQuestion, ...] = ()

    @property
    def print_pieces(self) -> tuple[tuple[str, bool], ...]:
        """`print_address` as `address_pieces` cuts it, for the printout's head: «https://bantin.e /
        xample.org/…» broke in the host's name (a trainer's trial, session 54)."""
        return address_pieces(self.print_address)


def card(view, item: Item) -> Card:
    """The card of `item`, made once per build (kept in `view.cards`)."""
    found = view.cards.get(item.path)
    if found is None:
        category, meta = item.category, item.meta
        thumb = view.thumbnail(meta.image) if meta.image else None
        found = view.cards[item.path] = Card(
            view.item_url(item), item.title, item.kind, KIND_LABELS.get(item.kind, item.kind),
            category.title if category else "", view.category_url(category) if category else "",
            item.date.date().isoformat(), format_short_date(item.date), meta.summary,
            image=meta.image if thumb else "", image_alt=meta.image_alt if thumb else "",
            thumb=thumb.rel if thumb else "", thumb_width=thumb.width if thumb else 0,
            thumb_height=thumb.height if thumb else 0, thumb_webp=thumb.webp if thumb else "",
            address=view.absolute(item.path))
    return found


def cards(view, items) -> tuple[Card, ...]:
    return tuple(card(view, item) for item in items)


def site_data(view) -> SiteData:
    """Once per build, before any page renders."""
    corpus, urls = view.corpus, view.urls
    home = home_items(view)
    categories = tuple(
        IndexEntry(view.category_url(c), c.title, view.category_count(c), c.slug, c.description,
                   cards(view, home.by_category.get(c.slug, ())))
        for c in corpus.categories)
    return SiteData(view.search_url(), view.url(urls.category()), view.url(urls.tag()), view.url(urls.year()),
                    corpus.site.agency, categories, cards(view, home.featured), cards(view, home.latest),
                    card(view, home.lead) if home.lead is not None else None, view.url(urls.document()),
                    *_copy_note(view), other_categories=tuple(c for c in categories if c.count and not c.latest),
                    category_blocks=any(c.latest for c in categories))


def _copy_note(view) -> tuple[bool, str, str, str]:
    """(offline, date of the newest listed item, public address, the same as text) for an
    offline copy's note: the link is the address pages carry, the text shows Vietnamese
    letters and an IDNA host as people type them (config/siteurl.readable).

    A copy on a USB stick is read for years; a replaced law in it looked current (a reader's
    trial, session 28). The date is the newest listed item's (articles, handbooks, guides:
    not the site's own pages, nor an item dated in the future), not the build's: the output
    stays the same for the same content (the build stamps no date)."""
    if view.urls.directory_urls:
        return False, "", "", ""
    now = datetime.now(VIETNAM)
    dates = [when for item in view.corpus.published if item.listed and (when := _past_date(item, now))]
    public = view.corpus.site.site_url or ""
    return True, format_short_date(max(dates)) if dates else "", public, readable(public)


def _past_date(item: Item, now: datetime) -> datetime | None:
    """The item's last change, or its date when that change is dated after `now`; None when
    both are (an article dated ahead by mistake would have dated the whole copy)."""
    return next((when for when in (item.lastmod, item.date) if when <= now), None)


@dataclass(frozen=True, slots=True)
class HomeItems:
    """The items of the home page, each in one place only."""

    lead: Item | None
    featured: tuple[Item, ...]
    latest: tuple[Item, ...]
    by_category: dict[str, tuple[Item, ...]]


def home_items(view) -> HomeItems:
    """Lead (the newest featured item with a picture, else the newest featured), the other
    featured, "Mới cập nhật" (newest not featured), then per category its newest items that
    none of those shows. A reader scrolling the home page never meets an item twice."""
    featured = view.featured(HOME_FEATURED)
    lead = next((i for i in featured if i.meta.image), featured[0] if featured else None)
    shown = {i.path for i in featured}
    latest = tuple(i for i in view.latest(HOME_LATEST + len(shown)) if i.path not in shown)[:HOME_LATEST]
    shown.update(i.path for i in latest)
    by_category = {}
    for category in view.corpus.categories:
        fresh = (i for i in view.latest_in(category, HOME_PER_CATEGORY + len(shown)) if i.path not in shown)
        by_category[category.slug] = tuple(fresh)[:HOME_PER_CATEGORY]
    return HomeItems(lead, tuple(i for i in featured if i is not lead), latest, by_category)


NO_DATA = PageData()


def page_data(view, item: Item | None, page) -> PageData:
    """Once per page, as it renders: `item` for a content page, `page` (pages.Generated) else."""
    if item is None and page is None:
        return NO_DATA
    trail, trail_ld = view.breadcrumbs(item, page)
    own = item if item is not None else page.item  # a question or printable page: its handbook
    # Every page's fields, given to the one PageData each kind makes (a `replace` after it
    # copied all 38 fields again: 26 µs a page, session 42).
    common = dict(description=view.description(item, page), image=view.share_image(own),
                  breadcrumbs=trail, breadcrumb_ld=trail_ld)
    return _item_data(view, item, common) if item is not None else _generated_data(view, page, common)


def _generated_data(view, page, common: dict) -> PageData:
    jsonld = view.jsonld(None, page.item, page.question)
    if page.question is not None:
        return _question_data(view, page.item, page.question, jsonld, common)
    if page.listing is not None:
        return _listing_data(view, page, jsonld, common)
    if page.kind == "handbook-print":
        return _print_data(view, page.item, jsonld, common)
    if page.kind == "search":  # a printed result list names the site and each result's address
        return PageData(**common, jsonld=jsonld, print_address=view.absolute(page.path), public_root=view.absolute(""))
    printed = view.absolute(page.path)  # an index printed as a handout names its agency and address
    if page.kind == "categories":
        return PageData(**common, jsonld=jsonld, print_address=printed, feeds=_feeds(view))
    if page.kind == "tags":
        index = tuple(IndexEntry(view.tag_url(t), t.title, view.tag_count(t)) for t in view.corpus.tags)
        return PageData(**common, jsonld=jsonld, index=index, print_address=printed)
    if page.kind == "years":
        index = tuple(IndexEntry(view.year_url(y), str(y), view.year_count(y)) for y in view.corpus.years)
        return PageData(**common, jsonld=jsonld, index=index, print_address=printed)
    if page.kind == "documents":
        groups = tuple(DocumentGroup(group, tuple((view.document_url(slug), label, count, status)
                                                  for slug, label, count, status in docs))
                       for group, docs in view.documents_grouped())
        return PageData(**common, jsonld=jsonld, document_groups=groups, print_address=printed)
    return PageData(**common, jsonld=jsonld, print_address=printed)


def _feeds(view) -> tuple[tuple[str, str, str], ...]:
    """The site's feeds as (what, link, address): the address a reader copies into a feed
    reader app (the categories index explains them: a link named "RSS" sent readers to raw
    XML), and the link, the feed's file online.

    The offline copy links the public address itself: the copy's own feed.xml, copied by its
    link on a phone, was a file:///… path no app can follow (outsider trial, session 47). A copy
    of a site without `site_url` has no public address and keeps its file."""
    files = [("Tất cả bài mới", view.urls.feed())]
    files += [(c.title, view.urls.feed(c.slug)) for c in view.corpus.categories]
    link_public = not view.urls.directory_urls and bool(view.corpus.site.site_url)  # an offline copy
    feeds = []
    for what, file in files:
        address = view.absolute(file).rstrip("/")
        feeds.append((what, address if link_public else file, address))
    return tuple(feeds)


def _item_data(view, item: Item, common: dict) -> PageData:
    meta, category, kind = item.meta, item.category, item.kind
    absolute = view.absolute(item.path)
    values: dict[str, Any] = dict(jsonld=view.jsonld(item), absolute=absolute, print_address=absolute,
                                  print_qr=view.qr(item.path, ""))
    related = view.related(item) if item.listed else []
    if category is not None:
        values["category_url"] = view.category_url(category)
        # "Cùng chuyên mục" leaves out what "Tin liên quan" above it already lists (issue 15).
        shown = {i.path for i in related}
        values["same_category"] = cards(view, [i for i in view.same_category(item, 5 + len(shown))
                                               if i.path not in shown][:5])
    if kind != "page":
        values.update(_dates(item))
    if item.listed:
        values["expired"] = _expired(view, item)
        values["related"] = cards(view, related)
        values["related_label"] = "Tin liên quan" if kind == "article" else "Bài liên quan"
        newer, older = view.category_neighbours(item)
        values["previous"] = Link(view.item_url(older), older.title) if older else None
        values["next"] = Link(view.item_url(newer), newer.title) if newer else None
    if kind == "qa":
        values.update(print_url=view.url(view.urls.question(item.path, "ban-in")),
                      qr=view.qr(item.path, "Mã QR của sổ tay " + item.title))
    values["attachments"] = _attachments(view, item)
    values["source_pieces"] = _source_pieces(meta)
    if meta.draft:
        values["draft_notes"] = tuple(_draft_note(p) for p in view.draft_notes.get(item.src, ()))
    values["tags"] = tuple(Link(view.tag_url(t), t.title) for t in item.tags)
    return PageData(**common, **values)


def _draft_note(problem) -> DraftNote:
    """A draft's problem as its banner says it: the banner already says "bản nháp" and "before
    `draft: true` goes" (content/drafts/policy.py's NOTE and FIX_NOTE)."""
    message, fix = problem.message, problem.fix
    if message.startswith(NOTE + ": "):
        message = message[len(NOTE) + 2:]
    if fix.endswith(f" ({FIX_NOTE})"):
        fix = fix[: -len(FIX_NOTE) - 3]
    return DraftNote(problem.line, problem.field, message, fix)


def _expired(view, item: Item) -> tuple:
    """(documents, their replacement or None, status) of the laws the item cites that are no
    longer in force, one notice for those replaced alike: an article citing the 2015 law on
    legal documents and its 2020 amendment opened with two notices naming the same 2025 law
    (a reader's review, session 22)."""
    groups: dict[tuple, list] = {}
    for doc in view.expired(item):
        repl = view.replacement(doc.slug)
        status = (doc.status_label or "hết hiệu lực").lower()
        key = (repl.document.key if repl is not None else ("", doc.key), status)
        groups.setdefault(key, [repl, status, []])[2].append(doc)
    return tuple((tuple(docs), repl, status) for repl, status, docs in groups.values())


def _attachments(view, item: Item) -> tuple[tuple[Attachment, str, tuple], ...]:
    """Each attachment with its size and its public address in pieces (printed: paper cannot
    follow a link; a line ends after a «/», not in the host's name)."""
    return tuple((a, view.attachment_size(a), address_pieces(view.file_address(a.file)))
                 for a in item.meta.attachments)


def _source_pieces(meta) -> tuple[tuple[str, bool], ...]:
    """The source's address in pieces, as printed after its name."""
    return address_pieces(meta.source.url) if meta.source and meta.source.url else ()


# Where a printed address may end a line: after each «/», before each «-» (a piece is an optional
# «-», then neither «/» nor «-», then an optional «/»); «https://» is a piece of its own (a line
# ending «https:/» read as an address; joined to the host, a long host broke inside its name).
_ADDRESS_PIECE = re.compile(r"^[A-Za-z][A-Za-z0-9+.]*://|-?[^/-]*/?")


def address_pieces(address: str) -> tuple[tuple[str, bool], ...]:
    """`address` cut where a line may end, as (piece, whole): after each «/», before each «-»,
    a piece that starts with «-» kept on one line. A line never ends after a «-», which a
    trainer typing a printed short link could not tell from a hyphen the line added (an
    outsider's trial, session 45). The pieces are the address's characters: copied, it is whole."""
    return tuple((piece, piece.startswith("-")) for piece in _ADDRESS_PIECE.findall(address) if piece)


def _dates(item: Item) -> dict[str, str]:
    """The item's date (and `updated`) as readers read them and as ISO, for its page and printout."""
    dates = dict(date_iso=item.date.isoformat(), date=format_date(item.date))
    if item.meta.updated:
        dates.update(updated_iso=item.meta.updated.isoformat(), updated=format_short_date(item.meta.updated))
    return dates


def _question_data(view, handbook: Item, question: Question, jsonld, common: dict) -> PageData:
    """A question prints its short link and the handbook's dates: trainers hand it out alone."""
    short = view.urls.short(question.id)
    short_absolute = view.short_path(question)  # the same address the handbook shows under the answer
    before, after = view.neighbours(handbook, question)
    return PageData(
        **common, jsonld=jsonld, handbook_url=view.item_url(handbook), short_url=view.short_url(question),
        short_absolute=short_absolute, short_pieces=address_pieces(short_absolute),
        qr=view.qr(short, "Mã QR của câu hỏi: " + question.title),
        print_qr=view.qr(short, ""), print_address=short_absolute, date_label="Sổ tay đăng ngày", **_dates(handbook),
        previous=Link(view.question_url(handbook, before), before.title) if before else None,
        next=Link(view.question_url(handbook, after), after.title) if after else None)


def _listing_data(view, page, jsonld, common: dict) -> PageData:
    listing = page.listing
    several = len(listing.paths) > 1
    document = view.document(page.key) if page.kind == "document" else None
    return PageData(
        **common, jsonld=jsonld, cards=cards(view, listing.items), print_address=view.absolute(page.path),
        page_links=tuple(None if n is None else (n, view.url(listing.paths[n - 1])) for n in listing.numbers)
        if several else (),
        previous=Link(view.url(listing.previous)) if several and listing.previous is not None else None,
        next=Link(view.url(listing.next)) if several and listing.next is not None else None,
        feed_url=view.urls.feed(page.key) if page.kind == "category" else "",
        document=document,
        replacement=view.replacement(page.key) if document is not None else None,
        replaces=tuple(view.replaced(page.key)) if document is not None else ())


# An answer of this many characters of text or fewer (some 40% of an A4 page at 10.5 pt) is
# printed as one block no page break cuts: a trainer cuts questions out of the printable
# handbook (a trainer's trial, session 28); a longer one flows.
WHOLE_ANSWER = 2_000
_TALL = re.compile(r"<(?:table|img|figure|svg|iframe|video)\b", re.I)  # tall with little text: they flow


def _print_data(view, handbook: Item, jsonld, common: dict) -> PageData:
    """The printable handbook: each question with its answer and QR code; a group's name (an
    `<h2>`, its intro rendered) above its first question, whose heading is then an `<h3>`."""
    questions = []
    printed = view.urls.question(handbook.path, "ban-in")
    groups = {group.id: (place, group) for place, group in enumerate(handbook.groups)}
    previous = ""
    for q in handbook.questions:
        short = view.urls.short(q.id)
        qr = view.qr(short, "Mã QR: " + q.title)
        level = 3 if q.group else 2
        answer = Markup(demote_html_headings(str(view.answer_html(handbook, q)), level - 1))  # under the question
        whole = len(answer.striptags()) <= WHOLE_ANSWER and not _TALL.search(answer)
        place, opened = groups.get(q.group, (0, None)) if q.group != previous else (0, None)
        previous = q.group
        address = view.absolute(short)
        questions.append(PrintedQuestion(q, answer, qr, address, whole, level, opened,
                                         view.group_intro_html(printed, place) if opened is not None else Markup(""),
                                         address_pieces(address)))
    absolute = view.absolute(handbook.path)
    return PageData(**common, jsonld=jsonld, absolute=absolute, questions=tuple(questions), print_address=absolute,
                    print_qr=view.qr(handbook.path, ""),
                    attachments=_attachments(view, handbook), source_pieces=_source_pieces(handbook.meta),
                    expired=_expired(view, handbook),
                    **_dates(handbook))
