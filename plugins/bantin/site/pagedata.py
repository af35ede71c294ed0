"""What templates show, as plain values: `SiteData` once per build, `PageData` once per page.

Templates read attributes, loop and compare; they call no Python (issue 13). MiniJinja,
the engine of Zensical, cannot call Python methods, so a theme that only reads data is
the first step toward running on it; on Jinja the values cost what the calls did, since
each is made once where a template made it once (tests/test_template_calls.py keeps the
templates that way). URLs are site-root relative, for `| url`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from bantin.content.model import KIND_LABELS, Attachment, Item, Question
from bantin.text.vi import format_date, format_short_date

HOME_FEATURED = 3  # "Tin nổi bật" on the home page
HOME_LATEST = 6  # "Mới cập nhật" on the home page; the 404 page shows the first five
HOME_PER_CATEGORY = 4  # latest items of each category on the home page


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
    """Cited documents of one type (Luật, Nghị định …): `documents` are (url, label, count)."""

    title: str
    documents: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True, slots=True)
class PrintedQuestion:
    """A question of the printable handbook, with its answer and QR code."""

    question: Question
    answer: Markup
    qr: Markup
    short_absolute: str


@dataclass(frozen=True, slots=True)
class SiteData:
    """What pages and the site's chrome (footer, 404) show of the whole site."""

    search_url: str
    categories_url: str
    tags_url: str
    years_url: str
    agency: Any  # settings.Agency
    categories: tuple[IndexEntry, ...]
    featured: tuple[Card, ...]
    latest: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class PageData:
    """What one page shows beyond its item or generated page; fields a page has no use for
    keep their empty default. `previous`/`next`: the link with rel=prev/next, in the
    sequence the page belongs to (category, handbook, pages of a listing)."""

    jsonld: dict | None = None
    category_url: str = ""
    date: str = ""
    date_iso: str = ""
    updated: str = ""
    updated_iso: str = ""
    expired: tuple = ()  # (document, views.Replacement or None)
    attachments: tuple[tuple[Attachment, str], ...] = ()  # (attachment, size as '1,2 MB' or "")
    tags: tuple[Link, ...] = ()
    related: tuple[Card, ...] = ()
    same_category: tuple[Card, ...] = ()
    previous: Link | None = None
    next: Link | None = None
    absolute: str = ""  # the page's address on the public site
    qr: Markup = Markup("")  # QR code of the page (a handbook's: for its trainer box)
    print_qr: Markup = Markup("")  # the unlabelled QR code of the printout's header (partials/bantin-print.html)
    print_address: str = ""  # the public address printed beside it: a question's short link, else `absolute`
    print_url: str = ""  # a handbook's printable version
    handbook_url: str = ""
    short_url: str = ""
    short_absolute: str = ""
    cards: tuple[Card, ...] = ()
    page_urls: tuple[str, ...] = ()  # every page of a listing, when there are several
    feed_url: str = ""
    document: Any = None  # legal.numbers Document of a document page
    replacement: Any = None  # views.Replacement
    index: tuple[IndexEntry, ...] = ()
    document_groups: tuple[DocumentGroup, ...] = ()
    questions: tuple[PrintedQuestion, ...] = ()


def card(view, item: Item) -> Card:
    """The card of `item`, made once per build (kept in `view.cards`)."""
    found = view.cards.get(item.path)
    if found is None:
        category = item.category
        found = view.cards[item.path] = Card(
            view.item_url(item), item.title, item.kind, KIND_LABELS.get(item.kind, item.kind),
            category.title if category else "", view.category_url(category) if category else "",
            item.date.date().isoformat(), format_short_date(item.date), item.meta.summary)
    return found


def cards(view, items) -> tuple[Card, ...]:
    return tuple(card(view, item) for item in items)


def site_data(view) -> SiteData:
    """Once per build, before any page renders."""
    corpus, urls = view.corpus, view.urls
    categories = tuple(
        IndexEntry(view.category_url(c), c.title, view.category_count(c), c.slug, c.description,
                   cards(view, view.latest_in(c, HOME_PER_CATEGORY)))
        for c in corpus.categories)
    return SiteData(view.search_url(), view.url(urls.category()), view.url(urls.tag()), view.url(urls.year()),
                    corpus.site.agency, categories, cards(view, view.featured(HOME_FEATURED)),
                    cards(view, view.latest(HOME_LATEST)))


NO_DATA = PageData()


def page_data(view, item: Item | None, page) -> PageData:
    """Once per page, as it renders: `item` for a content page, `page` (pages.Generated) else."""
    if item is not None:
        return _item_data(view, item)
    if page is None:
        return NO_DATA
    jsonld = view.jsonld(None, page.item, page.question)
    if page.question is not None:
        return _question_data(view, page.item, page.question, jsonld)
    if page.listing is not None:
        return _listing_data(view, page, jsonld)
    if page.kind == "handbook-print":
        return _print_data(view, page.item, jsonld)
    if page.kind == "tags":
        index = tuple(IndexEntry(view.tag_url(t), t.title, view.tag_count(t)) for t in view.corpus.tags)
        return PageData(jsonld=jsonld, index=index)
    if page.kind == "years":
        index = tuple(IndexEntry(view.year_url(y), str(y), view.year_count(y)) for y in view.corpus.years)
        return PageData(jsonld=jsonld, index=index)
    if page.kind == "documents":
        groups = tuple(DocumentGroup(group, tuple((view.document_url(slug), label, count) for slug, label, count in docs))
                       for group, docs in view.documents_grouped())
        return PageData(jsonld=jsonld, document_groups=groups)
    return PageData(jsonld=jsonld)


def _item_data(view, item: Item) -> PageData:
    meta, category, kind = item.meta, item.category, item.kind
    absolute = view.absolute(item.path)
    values: dict[str, Any] = dict(jsonld=view.jsonld(item), absolute=absolute, print_address=absolute,
                                  print_qr=view.qr(item.path, ""))
    if category is not None:
        values["category_url"] = view.category_url(category)
        values["same_category"] = cards(view, view.same_category(item, 5))
    if kind != "page":
        values.update(_dates(item))
    if item.listed:
        values["expired"] = tuple((doc, view.replacement(doc.slug)) for doc in view.expired(item))
        values["related"] = cards(view, view.related(item))
        newer, older = view.category_neighbours(item)
        values["previous"] = Link(view.item_url(older), older.title) if older else None
        values["next"] = Link(view.item_url(newer), newer.title) if newer else None
    if kind == "qa":
        values.update(print_url=view.url(view.urls.question(item.path, "ban-in")),
                      qr=view.qr(item.path, "Mã QR của sổ tay " + item.title))
    values["attachments"] = tuple((a, view.attachment_size(a)) for a in meta.attachments)
    values["tags"] = tuple(Link(view.tag_url(t), t.title) for t in item.tags)
    return PageData(**values)


def _dates(item: Item) -> dict[str, str]:
    """The item's date (and `updated`) as readers read them and as ISO, for its page and printout."""
    dates = dict(date_iso=item.date.isoformat(), date=format_date(item.date))
    if item.meta.updated:
        dates.update(updated_iso=item.meta.updated.isoformat(), updated=format_short_date(item.meta.updated))
    return dates


def _question_data(view, handbook: Item, question: Question, jsonld) -> PageData:
    """A question prints its short link and the handbook's dates: trainers hand it out alone."""
    short = view.urls.short(question.id)
    short_absolute = view.absolute(short)
    before, after = view.neighbours(handbook, question)
    return PageData(
        jsonld=jsonld, handbook_url=view.item_url(handbook), short_url=view.short_url(question),
        short_absolute=short_absolute, qr=view.qr(short, "Mã QR của câu hỏi: " + question.title),
        print_qr=view.qr(short, ""), print_address=short_absolute, **_dates(handbook),
        previous=Link(view.question_url(handbook, before), before.title) if before else None,
        next=Link(view.question_url(handbook, after), after.title) if after else None)


def _listing_data(view, page, jsonld) -> PageData:
    listing = page.listing
    several = len(listing.paths) > 1
    document = view.document(page.key) if page.kind == "document" else None
    return PageData(
        jsonld=jsonld, cards=cards(view, listing.items),
        page_urls=tuple(view.url(path) for path in listing.paths) if several else (),
        previous=Link(view.url(listing.previous)) if several and listing.previous is not None else None,
        next=Link(view.url(listing.next)) if several and listing.next is not None else None,
        feed_url=view.urls.category(page.key) + "/feed.xml" if page.kind == "category" else "",
        document=document,
        replacement=view.replacement(page.key) if document is not None and not document.in_force else None)


def _print_data(view, handbook: Item, jsonld) -> PageData:
    questions = []
    for q in handbook.questions:
        short = view.urls.short(q.id)
        qr = view.qr(short, "Mã QR: " + q.title)
        questions.append(PrintedQuestion(q, view.answer_html(handbook, q), qr, view.absolute(short)))
    absolute = view.absolute(handbook.path)
    return PageData(jsonld=jsonld, absolute=absolute, questions=tuple(questions), print_address=absolute,
                    print_qr=view.qr(handbook.path, ""), **_dates(handbook))
