"""What pages show of the corpus: URLs and short lists, all precomputed.

Templates stay markup only and call nothing: `pagedata.py` makes, from this view, the values
they read. Anything that needs a loop over the corpus lives here (or in the corpus) and is
O(page) per call, never O(site).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple
from urllib.parse import quote

from bantin.site import breadcrumbs, pagedata, sharing, structured
from markupsafe import Markup

from bantin.workers.background import Job
from bantin.site.corpus import Corpus
from bantin.legal.numbers import group_order, index_order
from bantin.content.model import Attachment, Item, Question, Tag
from bantin.site.contentpolicy import Secured, with_policy
from bantin.site.qrcodes import QrCodes, qr_svg
from bantin.search.terms import SearchDoc
from bantin.search.snippets import later_sections
from bantin.config.settings import Category
from bantin.site.printlinks import without_print_addresses
from bantin.text.plain import excerpt, html_to_text, markdown_to_text
from bantin.site.urls import UrlScheme


class Replacement(NamedTuple):
    document: object  # bantin.legal.numbers.Document
    page_url: str  # site-root relative, for `| url`; "" when no page cites it here
    official_url: str  # absolute; used only without a page here


@dataclass(frozen=True)
class SiteView:
    """Read-only access to one build's corpus for templates."""

    corpus: Corpus
    urls: UrlScheme
    related_lists: Job | None = None  # of RelatedIndex.all(): ranked in the background worker
    qrcodes: QrCodes | None = None
    answers: dict[str, Markup] = field(default_factory=dict)
    """Sanitised HTML of each question (by page path), filled as pages render; read by print views."""
    group_intros: dict[str, Markup] = field(default_factory=dict)
    """Sanitised HTML of each group's intro on the printable handbook (by its page path, `#`,
    the group's place), filled as that page renders; read by its template's data."""
    cards: dict = field(default_factory=dict)
    """pagedata.Card of each item shown in a list (by page path), made once per build."""
    resizer: object = None
    """images.Resizer, once the build's outputs are claimed: the shared picture's variant."""
    thumbnails: Any = None
    """images.Resizer.thumbnail once the build's outputs are claimed (Build.claim_outputs)."""
    draft_notes: Mapping[str, tuple] = field(default_factory=dict)
    """Problems of each draft shown (by source), listed under its banner (build._draft_notes)."""
    content_policy: bool = False
    """Pages carry their Content-Security-Policy (contentpolicy.py): a published build, not
    the offline copy nor `bantin serve`."""

    def secured(self, html: str) -> Secured:
        """A finished page with its policy when this build gives pages one (contentpolicy.py),
        and the inline scripts no template wrote, which the policy refuses."""
        return with_policy(html, self.corpus.site.iframe_hosts) if self.content_policy else Secured(html, [])

    # --- data for templates (pagedata.py): templates read it and call nothing ------------
    def site_data(self) -> pagedata.SiteData:
        return pagedata.site_data(self)

    def page_data(self, item: Item | None, page) -> pagedata.PageData:
        """`item` of a content page or `page` (pages.Generated) of a generated one."""
        return pagedata.page_data(self, item, page)

    def thumbnail(self, image: str):
        """images.Variant of the card thumbnail of content image `image`, or None."""
        return self.thumbnails(image) if self.thumbnails is not None else None

    # --- addresses (site-root relative URLs; templates pass them through `| url`) ------
    def url(self, path: str) -> str:
        return self.urls.url(path)

    def item_url(self, item: Item) -> str:
        return self.urls.url(item.path)

    def question_url(self, handbook: Item, question: Question) -> str:
        return self.urls.url(self.urls.question(handbook.path, question.id))

    def short_url(self, question: Question) -> str:
        return self.urls.url(self.urls.short(question.id))

    def short_path(self, question: Question) -> str:
        """The short link as a handbook shows it under each answer: the whole public address
        ('https://…/q/<id>/'), which a reader can read out or type; a bare '/q/<id>/' said
        nothing about where (a reader's review, session 18). Without `site_url`, '/q/<id>/'."""
        return self.absolute(self.urls.short(question.id))

    def category_url(self, category: Category, page: int = 1) -> str:
        return self.urls.url(self.urls.paged(self.urls.category(category.slug), page))

    def tag_url(self, tag: Tag) -> str:
        return self.urls.url(self.urls.tag(tag.slug))

    def year_url(self, year: int) -> str:
        return self.urls.url(self.urls.year(year))

    def document_url(self, slug: str) -> str:
        return self.urls.url(self.urls.document(slug))

    def search_url(self) -> str:
        return self.urls.url(self.urls.search())

    def file_address(self, file: str) -> str:
        """Full URL of a file on the public site (an attachment; `absolute` for a page), for
        paper, feeds, sharing and QR codes."""
        base = self.corpus.site.site_url.rstrip("/")
        return f"{base}/{file}" if base else "/" + file

    def absolute(self, path: str) -> str:
        """Full URL on the public site, for feeds, sharing and QR codes: the online flavour's
        address in either flavour (UrlScheme.public), so an offline copy prints working codes."""
        return self.file_address(self.urls.public(path))

    # --- short lists ------------------------------------------------------------------
    def latest(self, count: int = 10) -> tuple[Item, ...]:
        return self.corpus.listed[:count]

    def latest_in(self, category: Category, count: int = 5) -> tuple[Item, ...]:
        return self.corpus.in_category(category.slug)[:count]

    def featured(self, count: int = 3) -> tuple[Item, ...]:
        return self.corpus.featured[:count]

    def same_category(self, item: Item, count: int = 5) -> tuple[Item, ...]:
        if item.category is None:
            return ()
        return tuple(i for i in self.corpus.in_category(item.category.slug)[: count + 1] if i is not item)[:count]

    def settle(self) -> None:
        """Wait for what the background worker makes for pages (QR codes, related lists)."""
        if self.qrcodes is not None:
            self.qrcodes.settle()
        if self.related_lists is not None:
            self.related_lists.result()

    def related(self, item: Item) -> list[Item]:
        """'Tin liên quan': up to five items sharing tags, cited documents or title words."""
        if self.related_lists is None:
            return []
        return [self.corpus.by_path(path) for path in self.related_lists.result().get(item.path, ())]

    def category_neighbours(self, item: Item) -> tuple[Item | None, Item | None]:
        """(newer, older) item in the same category, for previous/next links."""
        if item.category is None or not item.listed:
            return None, None
        return self.corpus.category_neighbours(item)

    def category_count(self, category: Category) -> int:
        return len(self.corpus.in_category(category.slug))

    def tag_count(self, tag: Tag) -> int:
        return len(self.corpus.with_tag(tag.slug))

    def year_count(self, year: int) -> int:
        return len(self.corpus.in_year(year))

    def neighbours(self, handbook: Item, question: Question) -> tuple[Question | None, Question | None]:
        """(previous, next) question within the handbook."""
        qs = handbook.questions
        index = qs.index(question)
        return (qs[index - 1] if index else None, qs[index + 1] if index + 1 < len(qs) else None)

    # --- legal documents -----------------------------------------------------------------
    def documents_grouped(self) -> list[tuple[str, list[tuple[str, str, int, str]]]]:
        """[(group, [(slug, label, count, status)])] in the fixed order Luật, Nghị định, Thông tư …,
        each group newest year first then by number (legal.numbers.index_order); `status` is
        the label of a document out of force ('Hết hiệu lực'), else ""."""
        groups: dict[str, list] = {}
        for slug in self.corpus.documents:
            ref, doc = self.corpus.doc_refs[slug], self.corpus.document(slug)
            status = (doc.status_label or "Hết hiệu lực") if doc is not None and not doc.in_force else ""
            groups.setdefault(ref.group, []).append(
                (index_order(ref.number, ref.year), slug, self.corpus.document_label(slug), len(self.corpus.citing(slug)), status))
        return [(group, [entry[1:] for entry in sorted(entries)])
                for group, entries in sorted(groups.items(), key=lambda kv: group_order(kv[0]))]

    def document(self, slug: str):
        return self.corpus.document(slug)

    def replacement(self, slug: str) -> Replacement | None:
        """The document that replaces an expired one: its page here if it has one, else its official link."""
        doc = self.corpus.document(slug)
        new = self.corpus.site.registry.replacement(doc) if doc is not None else None
        if new is None:
            return None
        page = self.document_url(new.slug) if self.corpus.citing(new.slug) else ""
        return Replacement(new, page, "" if page else new.url)

    def replaced(self, slug: str) -> list[Replacement]:
        """The documents this one replaced ("thay thế …"), each with its page here or official link."""
        doc = self.corpus.document(slug)
        if doc is None:
            return []
        found = []
        for old in self.corpus.site.registry.replaces(doc):
            page = self.document_url(old.slug) if self.corpus.citing(old.slug) else ""
            found.append(Replacement(old, page, "" if page else old.url))
        return found

    def expired(self, item: Item) -> list:
        """Registered documents this item cites that are no longer in force."""
        docs = (self.corpus.document(slug) for slug in self.corpus.cites.get(item.path, ()))
        return [d for d in docs if d is not None and not d.in_force]

    # --- what a page says of itself (site/sharing.py) -------------------------------------
    def description(self, item: Item | None, page=None) -> str:
        """`<meta name="description">`: the summary or start of an item or question, a listing's
        own description, else the site's description or name."""
        site = self.corpus.site
        fallback = site.site_description or site.site_name
        if item is not None:
            lead = item.intro if item.kind == "qa" else item.body
            return sharing.description(item.meta.summary, lead[:4000], fallback)
        if page is None:
            return ""
        if page.question is not None:
            return sharing.description(markdown=page.question.body[:4000], fallback=fallback)
        if page.item is not None:  # the printable handbook (a question was answered above)
            return self.description(page.item)
        return sharing.description(page.description, fallback=fallback)

    def share_image(self, item: Item | None) -> str:
        """Absolute URL of the page's picture for og:image and JSON-LD ("" without a site
        address: a relative og:image is ignored): the item's, the site's, the one drawn with
        the agency's name, or the theme's."""
        base = self.corpus.site.site_url.rstrip("/")
        if not base:
            return ""
        own = item.meta.image if item is not None and item.meta.image else ""
        rel = own or self.corpus.site.share_image
        if not rel:
            return f"{base}/{sharing.site_card(self.corpus.site) or sharing.DEFAULT_IMAGE}"
        responsive = self.resizer.get(rel) if self.resizer is not None else None
        variant = sharing.pick_variant(responsive.variants) if responsive is not None else None
        # Percent-encoded: a picture served as it is (GIF, WebP) keeps its name, spaces and '#' too.
        return f"{base}/{quote(variant.rel if variant is not None else rel)}"

    # --- structured data ---------------------------------------------------------------
    def jsonld(self, item: Item | None, handbook: Item | None = None, question: Question | None = None) -> dict | None:
        """JSON-LD for a content page; none for a question page, whose question the FAQPage
        of its handbook marks up (one instance per question: docs/decisions.md, issue 15)."""
        site = self.corpus.site
        if question is not None:
            return None
        if item is None or item.kind == "page":
            return None
        if item.kind == "qa":
            pairs = [(q, self._answer_text(item, q)) for q in item.questions]
            return structured.faq_page(pairs, self.absolute(item.path))
        return structured.news_article(item, self.absolute(item.path), self.share_image(item), site)

    def breadcrumbs(self, item: Item | None, page=None) -> tuple[tuple[pagedata.Link, ...], dict | None]:
        """(visible trail without the page itself, BreadcrumbList JSON-LD) of a page."""
        found = breadcrumbs.trail(self.urls, item, page)
        visible = tuple(pagedata.Link(self.url(path), title) for path, title in found[:-1])
        if not self.corpus.site.site_url:  # JSON-LD wants absolute addresses
            return visible, None
        return visible, structured.breadcrumb_list([(self.absolute(path), title) for path, title in found])

    def _answer_text(self, handbook: Item, question: Question) -> str:
        # plain str: Markup escapes str ops; the addresses only paper shows are no answer's text
        return html_to_text(without_print_addresses(str(self.answer_html(handbook, question))))

    @staticmethod
    def summary(item: Item) -> str:
        """The lead for feeds: the editor's `summary`, else the start of the text."""
        return item.meta.summary or excerpt(markdown_to_text(item.intro if item.kind == "qa" else item.body))

    # --- search ----------------------------------------------------------------------------
    def search_docs(self) -> list[SearchDoc]:
        """One search document per listed item and per question, from the Markdown source, then
        the site's own pages and the legal documents' pages.

        Made before any page renders, so the index can be built beside the rendering.
        """
        docs = []
        for item in self.corpus.listed:
            category = item.category
            common = dict(category=category.title if category else "", category_slug=category.slug if category else "",
                          date=item.date.date().isoformat(), documents=tuple(self._cited_numbers(item)))
            if item.kind == "qa":
                searched = {"text": markdown_to_text(self._handbook_text(item))}
            else:
                searched = self._page_text(item.body)
            docs.append(SearchDoc(url=self.item_url(item), title=item.title, kind=item.kind, **searched, **common))
            for q in item.questions:
                docs.append(SearchDoc(url=self.question_url(item, q), title=q.title, kind="question",
                                      text=markdown_to_text(q.body), handbook=item.title, **common))
        docs += [SearchDoc(url=self.item_url(item), title=item.title, kind="page", **self._page_text(item.body),
                           category="", category_slug="", date="", documents=())
                 for item in self.searched_pages()]
        return docs + [self._document_doc(slug) for slug in self.corpus.documents]

    @staticmethod
    def _page_text(body: str) -> dict:
        """A page's search text, and its sections past what the snippet keeps (search/snippets.py):
        a page whose body is the page's whole text. Not a handbook's (its document holds its
        intro and groups, its questions are results of their own) nor a question's."""
        text = markdown_to_text(body)
        return {"text": text, "sections": tuple(tuple(s) for s in later_sections(body, text))}

    @staticmethod
    def _handbook_text(item: Item) -> str:
        """A handbook's own text as its search document has it: its intro, then each group's name
        and intro (session 40), which the handbook page shows and no question's document holds.
        A question's document keeps its own words: its group's name, shared by every question
        of the group, would rank them all alike for a query naming the group."""
        return "\n\n".join([item.intro] + [f"{group.heading or group.title}\n\n{group.intro}" for group in item.groups])

    def _document_doc(self, slug: str) -> SearchDoc:
        """A legal document's page (/van-ban/…/) as a search result: a reader typing a law's
        number or name was shown the items citing it and never the page saying it is out of
        force and what replaced it (a reader's trial, session 34). Its text is what the page
        says of the document, not the items citing it: those are results of their own, and a
        question about annual leave must find the article, not every law it cites. No date
        and no category, as the site's own pages (a law's year is not news); its year of issue
        for the year filter ("Năm 2023" with "Văn bản": the documents of 2023, session 36)."""
        ref = self.corpus.doc_refs[slug]
        return SearchDoc(url=self.document_url(slug), title=self.corpus.document_label(slug), kind="document",
                         text=self._document_facts(slug), category="", category_slug="", date="",
                         documents=(ref.number,), year=ref.year, status=self._expired_label(slug))

    def _expired_label(self, slug: str) -> str:
        """The words the document's page marks (bantin-document-info.html: `bt-expired` when not
        in force), so its result marks the same, or ""."""
        doc = self.corpus.document(slug)
        return (doc.status_label or "Hết hiệu lực") if doc is not None and not doc.in_force else ""

    def _document_facts(self, slug: str) -> str:
        """The page's facts as sentences, for the index and the result's snippet: whether it is
        in force, what replaced it or it replaced, who issued it, how many items cite it."""
        doc, facts = self.corpus.document(slug), []
        if doc is not None:
            replacement = self.replacement(slug)
            if not doc.in_force:
                status = self._expired_label(slug)
                facts.append(f"{status}, được thay thế bởi {replacement.document.label}." if replacement else f"{status}.")
            elif doc.status_label:
                facts.append(f"{doc.status_label}.")
            replaced = [r.document.label for r in self.replaced(slug)]
            if replaced:
                facts.append(f"Thay thế {'; '.join(replaced)}.")
            if doc.issuer:
                facts.append(f"Cơ quan ban hành: {doc.issuer}.")
        facts.append(f"{len(self.corpus.citing(slug))} mục trên trang trích dẫn văn bản này.")
        return " ".join(facts)

    def searched_pages(self) -> list[Item]:
        """The site's own pages under trang/ (Liên hệ, Giới thiệu), which the menu lists: a reader
        searching for the office's hours or the legal aid number found nothing (a reader's
        review, session 23). Other pages (the editors' guide) are for editors, not citizens. No
        date (a page's `date` is when it was written, not news: it would fill a year's filter)
        and no drafts, as for every other kind."""
        return [i for i in self.corpus.published if i.kind == "page" and i.src.startswith("trang/") and not i.meta.draft]

    def _cited_numbers(self, item: Item) -> list[str]:
        refs = (self.corpus.doc_refs.get(slug) for slug in self.corpus.cites.get(item.path, ()))
        return [ref.number for ref in refs if ref is not None]

    # --- trainers -----------------------------------------------------------------------
    def qr(self, path: str, label: str) -> Markup:
        """The QR code as inline SVG, `Markup`: our own markup, the label escaped inside it."""
        url = self.absolute(path)
        return self.qrcodes.svg(url, label) if self.qrcodes else qr_svg(url, label)

    def printed_urls(self) -> list[str]:
        """Every URL a page of this build shows as a QR code, in rendering order."""
        urls = [self.absolute(item.path) for item in self.corpus.published]
        return urls + [self.absolute(self.urls.short(q.id)) for _, q in self.corpus.questions()]

    def group_intro_html(self, printed: str, place: int) -> Markup:
        """The sanitised intro of the group at `place` of a handbook, on its printable page `printed`."""
        return self.group_intros.get(f"{printed}#{place}", Markup(""))

    def answer_html(self, handbook: Item, question: Question) -> Markup:
        """The sanitised answer (`Markup` from the sanitiser, see plugin.on_page_content)."""
        return self.answers.get(self.urls.question(handbook.path, question.id), Markup(""))

    def attachment_size(self, attachment: Attachment) -> str:
        """'1,2 MB' / '35 KB': readers on metered connections decide before downloading."""
        size = self.corpus.asset_sizes.get(attachment.file, 0)
        if size >= 1024 * 1024:
            return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
        return f"{max(1, round(size / 1024))} KB" if size else ""
