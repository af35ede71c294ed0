"""Rendering on MkDocs + Material, faster: adapter-side helpers for templates and pages.

Material renders its whole shell (header, tabs, navigation) for every page; on a site of
25,000 pages most of that work repeats. These helpers render what repeats once and place
it, so the build stays near MkDocs' own floor per page.
"""

from __future__ import annotations

import logging
import posixpath
import re

import markdown
from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from bantin.adapter import compat
from bantin.site.pagedata import Card
from bantin.convert.previewcache import Conversion, ConversionCache
from bantin.text.plain import html_to_text


class ListingPage(Page):
    """A generated page whose body comes entirely from its template (listings, indexes).

    Its Markdown is empty, so MkDocs' per-page Markdown instance (a third of a listing
    page's cost, and listings are half the pages of a large site) is skipped. Fast path
    only (compat.gate): on another MkDocs, `Page.render` may set more than this.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = Markup("")
        self.toc = get_toc([])
        self.present_anchor_ids = set()  # the title from render stays None, as Page.__init__ left it


class SharedMarkdown:
    """One Python-Markdown instance per build, reset between pages.

    MkDocs makes a new instance with every extension for each page, about a tenth of the
    cost of converting an article; Python-Markdown is made to be reset and reused. Its
    inline pass skips plain prose when the extensions allow it (see quickinline).
    """

    def __init__(self, config: MkDocsConfig, cache: ConversionCache | None = None):
        self.instance = markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs or {})
        compat.install_quick_inline(self.instance)
        self.cache = cache  # `bantin serve` only: conversions of the previous build
        self.absolute_links: dict[str, str] = {}  # see compat.page_links


class ContentPage(Page):
    """A page with Markdown (content file or question), converted as MkDocs' `Page.render`
    does, but by the build's shared instance (compat.convert). Without one (`shared` None:
    the public path, see compat) it is MkDocs' own `Page.render`."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, shared: SharedMarkdown | None):
        super().__init__(title, file, config)
        self.shared = shared

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.shared is None:
            super().render(config, files)
            self.toc = markup_toc(self.toc)
            return
        cache = self.shared.cache

        def convert() -> Conversion:
            return self._convert(config, files)

        if cache is None:
            compat.apply(self, convert(), files)
        else:
            key = (self.file.src_uri, self.file.dest_uri, self.markdown)
            compat.apply(self, cache.get_or_convert(key, convert, logging.getLogger("mkdocs")), files)

    def _convert(self, config: MkDocsConfig, files: Files) -> Conversion:
        conversion = compat.convert(self.shared.instance, self, config, files, self.shared.absolute_links)
        conversion.toc = markup_toc(conversion.toc)
        return conversion


def markup_toc(toc):
    """The table of contents with each title as its text, escaped once.

    Python-Markdown's toc gives each heading's text with tags dropped and `&`, `<` as
    entities, by patterns: a heading built to slip past them (`<?x > <script a=b=c>…`) came
    through as markup and ran in the sidebar (a hostile review, session 19). Its visible text,
    escaped, is what every reading of it shows, whatever it holds; an autoescaping template
    (Material's toc-item.html) then prints the Markup as it is.
    """
    stack = list(toc)
    while stack:
        link = stack.pop()
        link.title = escape(html_to_text(str(link.title)))
        stack.extend(link.children)
    return toc


class FragmentCache:
    """Listing cards rendered once per item per build, then placed at any page depth.

    A card links with `root` (a marker replaced by the page's `base_url` + '/'), so one rendering
    serves every listing, related list and home section that shows the item.
    """

    MARK = "\x00ROOT\x00"

    def __init__(self) -> None:
        self.cards: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}  # base_url → the escaped prefix (a page places ~10 cards)

    @pass_context
    def card(self, context, card: Card) -> Markup:
        html = self.cards.get(card.url)
        if html is None:
            html = context.environment.get_template("partials/bantin-card.html").render(card=card, root=self.MARK)
            self.cards[card.url] = html
        base = context.get("base_url") or "."
        prefix = self.prefixes.get(base)
        if prefix is None:
            prefix = self.prefixes[base] = str(escape("" if base == "." else base.rstrip("/") + "/"))
        return Markup(html.replace(self.MARK, prefix))


class ChromeCache:
    """Material's nav and tabs rendered once per *position* for pages outside the nav, and
    blocks that no page changes (styles, scripts, footer) once per position for every page.

    Those pages have no active nav entry, so their nav and tabs differ only in the relative
    URLs of the nav's targets. A relative URL depends on the page's folder depth and on how
    many leading folders it shares with the target, so pages alike in both share one
    rendering; Material would re-render both for every page, a quarter of the template time.
    The tab marked as the page's section (`bt_tab`, site/sectiontab.py) follows from the same
    shared folders, and is in the key all the same.
    """

    def __init__(self, nav_sources: set[str], target_dirs: list[tuple[str, ...]], fast: bool = True):
        self.nav_sources, self.target_dirs = nav_sources, target_dirs
        self.fast = fast  # False on the public path (compat): every page renders its own chrome
        self.cache: dict[tuple, Markup] = {}
        self.last: tuple[str | None, tuple] = (None, ())

    def position(self, dest_uri: str) -> tuple:
        if self.last[0] != dest_uri:  # each page asks about ten times in a row
            folder = tuple(p for p in posixpath.dirname(dest_uri).split("/") if p)
            self.last = dest_uri, (len(folder), tuple(_shared(folder, target) for target in self.target_dirs))
        return self.last[1]

    @pass_context
    def __call__(self, context, name: str, **slots: str) -> Markup:
        """`name` rendered for this page; `slots` are per-page values (the page title) that
        the template prints where it would otherwise differ between pages. A slot is filled
        in escaped, as the template would print it (a `Markup` value as it is)."""
        page = context.get("page")
        if page is None or not self.fast or page.file.src_uri in self.nav_sources:
            return Markup(context.environment.get_template(name).render({**context.get_all(), **slots}))
        key = (name, self.position(page.file.dest_uri), id(context.get("bt_tab")))  # the tab marked
        if key not in self.cache:
            marks = {slot: f"\x00{slot}\x00" for slot in slots}
            self.cache[key] = context.environment.get_template(name).render({**context.get_all(), **marks})
        html = self.cache[key]
        for slot, value in slots.items():
            html = html.replace(f"\x00{slot}\x00", str(escape(value)))
        return Markup(html)

    @pass_context
    def block(self, context, name: str, block, defer: bool = False) -> Markup:
        """Material's block `name` (passed as `super`) for this position: for blocks that
        depend on nothing but relative URLs (styles, scripts, the JSON config).

        `defer`: its scripts get `defer`. Material's bundle is the last thing in <body>, so it
        runs at the same point, but the browser paints before it has downloaded it: the
        first view of a page on a slow phone no longer waits for 114 KB of script (issue 15)."""
        if not self.fast:
            return _deferred(block()) if defer else Markup(block())
        page = context.get("page")
        key = ("block", name, defer, self.position(page.file.dest_uri) if page else context.get("base_url"))
        if key not in self.cache:
            self.cache[key] = _deferred(block()) if defer else Markup(block())
        return self.cache[key]


def _deferred(html: str) -> Markup:
    """Scripts loaded from a file (`<script src=`) made `defer`; inline scripts stay as they are."""
    return Markup(str(html).replace("<script src=", "<script defer src="))


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Number of leading folders two paths share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


class _MarkedPage:
    """A page whose canonical URL and description are marks, for rendering a shell shared by
    many pages (base.html prints both in its `site_meta` block, which the shell holds)."""

    def __init__(self, page: Page, mark: str, description_mark: str):
        self._page, self.canonical_url = page, mark if page.canonical_url else page.canonical_url
        self.meta = {**page.meta, "description": description_mark} if page.meta.get("description") else page.meta

    def __getattr__(self, name: str):
        return getattr(self._page, name)


class ShellCache:
    """Whole pages of Material's shell rendered once per template and position.

    A page outside the nav and without headings differs from another page of the same
    template and position only in its title, canonical URL, description, head meta and content: those
    come out of the shell's one rendering as marks, and each page renders just them
    (Jinja renders a single block of a template on its own) and fills them in. The build
    checks it: output is byte-identical to Material rendering each page whole.
    """

    BLOCKS = ("htmltitle", "extrahead", "content")  # rendered per page, block by block
    MARKS = {name: f"\x00bt-shell-{name}\x00" for name in (*BLOCKS, "title", "canonical", "description")}
    _MARK = re.compile("\x00bt-shell-(" + "|".join(MARKS) + ")\x00")  # group: the name; no other text

    def __init__(self, chrome: ChromeCache):
        self.chrome = chrome
        self.shells: dict[tuple, list[str]] = {}

    @staticmethod
    def wanted(page: Page, nav_sources: set[str]) -> bool:
        """Pages with headings have their own skip link and table of contents; nav pages
        their own active entry."""
        return not page.toc and page.file.src_uri not in nav_sources

    @pass_context
    def __call__(self, context) -> Markup:
        env, page = context.environment, context["page"]
        template = env.get_template(page.meta.get("template", "main.html"))
        page_vars = {**context.get_all(), "bt_shell": False}
        key = (template.name, self.chrome.position(page.file.dest_uri), bool(page.meta.get("description")),
               id(context.get("bt_tab")))
        if key not in self.shells:
            self.shells[key] = self._MARK.split(self._capture(template, page_vars, page))
        filled = dict(_blocks(env, template, self.BLOCKS, page_vars))
        filled["title"] = str(escape(page.meta.get("title") or page.title))
        filled["description"] = str(escape(page.meta.get("description") or ""))
        filled["canonical"] = str(escape(page.canonical_url))
        return Markup(_fill(self.shells[key], filled))

    def _capture(self, template, page_vars: dict, page: Page) -> str:
        marked = {**page_vars, "page": _MarkedPage(page, self.MARKS["canonical"], self.MARKS["description"]),
                  "bt_title_mark": self.MARKS["title"]}
        context = template.new_context(marked)
        for name in self.BLOCKS:
            context.blocks[name] = [lambda _context, mark=self.MARKS[name]: iter([mark])]
        return "".join(template.root_render_func(context))


def _fill(pieces: list[str], filled: dict[str, str]) -> str:
    """A shell split at its marks (text, name, text, name, …, text) joined with each name's
    text: the page is copied once, where a `replace` per mark searched and copied it six times
    (130 µs a 26 KB listing page, the join 2.5 µs; session 41), and a filled text is never
    searched for marks."""
    page = list(pieces)
    page[1::2] = [filled[name] for name in pieces[1::2]]
    return "".join(page)


def _blocks(env, template, names: tuple[str, ...], page_vars: dict):
    """(name, HTML) of blocks of `template` (or of the first parent that defines them),
    each rendered alone, in one context: a block's own assignments stay in the block."""
    context = template.new_context(page_vars, shared=True)  # page_vars holds the globals too
    main = env.get_template("main.html")
    for name, block in main.blocks.items():  # as `extends` stacks them: a block inside one of
        if block not in context.blocks.setdefault(name, []):  # main's (bantin_head_first in
            context.blocks[name].append(block)  # htmltitle) is found, and super() works
    for name in names:
        owner = template if name in template.blocks else main
        yield name, "".join(owner.blocks[name](context)) if name in owner.blocks else ""
