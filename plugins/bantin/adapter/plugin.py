"""MkDocs adapter: translates MkDocs events into core calls, nothing more (DESIGN §2).

State is rebuilt in `on_config`/`on_files` on every build, so `mkdocs serve` rebuilds
never see the previous corpus.
"""

from __future__ import annotations

import html
import logging
import posixpath
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from bantin.adapter import translate
from bantin.site import build, contentpolicy
from bantin.site.build import Build
from bantin.convert import previewcache
from bantin.content.anchors import heading_id
from bantin.content.links import html_links, resolve
from bantin.site.corpus import Corpus
from bantin.site.images import rewrite_images
from bantin.content.inventory import Inventory, take_inventory
from bantin.content.model import Item
from bantin.outputs.gate import OutputError, site_dir_problem
from bantin.site.pages import Generated
from bantin.site.sectiontab import section_tab
from bantin.problems import Problems
from bantin.content.handbook.page import handbook_markdown
from bantin.legal.markdown import LegalRefsExtension
from bantin.adapter import cachedtemplates, compat, templatecode, themedir
from bantin.adapter.rendering import (ChromeCache, ContentPage, FragmentCache, ListingPage,
                        SharedMarkdown, ShellCache)
from bantin.workers.background import JobFailed
from bantin.workers.splitrender import RenderError, SplitRender, wanted
from bantin.config.settings import SiteConfig
from bantin.config.siteurl import as_uri
from bantin.text.vi import format_decimal
from bantin.site.urls import UrlScheme

log = logging.getLogger("mkdocs.plugins.bantin")
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "tables", "bantin.convert.htmlguard",  # htmlguard: issue 12
                       "bantin.convert.liststart")  # a list starting at 3. says 3 (session 55)


class CategoryConfig(base.Config):
    title = c.Type(str)
    """Name shown to readers; content may cite it by title or slug."""
    slug = c.Optional(c.Type(str))
    """Address segment; defaults to the title made ASCII."""
    description = c.Type(str, default="")


class AgencyConfig(base.Config):
    """The owning agency printed in every page footer."""

    name = c.Type(str, default="")
    owner = c.Type(str, default="")
    editor = c.Type(str, default="")
    address = c.Type(str, default="")
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    notice = c.Type(str, default="")
    emblem = c.Type(str, default="")
    """Biểu trưng in the header's logo slot: an image of content/ (config/emblem.py)."""
    banner = c.Type(str, default="")
    """Image atop the home page in place of the text banner (agency name, owner)."""


class BantinConfig(base.Config):
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    agency = c.SubConfig(AgencyConfig)
    documents = c.ListOfItems(c.Type(dict), default=[])
    """Registered legal documents: number, title, issuer, url, status, replaced_by."""
    page_size = c.Type(int, default=20)
    feed_size = c.Type(int, default=30)
    image_max_kb = c.Type(int, default=1500)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    content_policy = c.Type(bool, default=True)
    """Each published page carries its Content-Security-Policy (site/contentpolicy.py)."""
    share_image = c.Type(str, default="")
    """A content/ image (JPG or PNG, ideally 1200×630) for pages shared without their own (site/sharing.py)."""
    editor = c.Type(dict, default={})
    """The web editor at /admin/: backend (local, gitlab, github, none), repo, app_id… (config/editor.py)."""
    urls = c.Type(dict, default={})
    """First segment of each kind of address: article, qa, guide, category… (config/urlprefixes.py)."""
    drafts = c.Type(bool, default=False)
    """Render drafts (with a 'bản nháp' banner); set by `bantin serve`."""


def heading_slug(value: str, separator: str = "-") -> str:
    """Python-Markdown toc slugify hook: drops 'đ' otherwise; never an id the page's scripts
    use (checks.heading_id), so no heading loses its id in the sanitiser."""
    return heading_id(value)


def _flatten(nav) -> list[str]:
    """Every src_uri named in a nav structure of dicts and lists."""
    found = []
    for entry in nav if isinstance(nav, list) else [nav]:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            found += _flatten(value) if isinstance(value, (list, dict)) else [value]
    return found


def _page_url(target: str, file: File, files: Files) -> str | None:
    """URL from `file`'s page to the content file a raw HTML link names, as MkDocs makes it
    for Markdown links (checks.check_links has made sure the file exists)."""
    if target.lower().startswith(("http:", "https:", "//", "mailto:", "tel:", "data:", "#")) or ":" in target[:12]:
        return None
    parts = urlsplit(target)
    path = resolve(file.src_uri, target)
    found = files.get_file_from_path(path) if path else None
    if found is None or found.inclusion.is_excluded():
        return None
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return html.escape(get_relative_url(found.url, file.url) + suffix)


def _tab_dest(item) -> str | None:
    """The file a top tab opens: Material's tabs open a section's first page, its first
    section's first page, and so on; None for a link to an address (no file)."""
    while getattr(item, "children", None):
        item = item.children[0]
    file = getattr(item, "file", None)
    return None if file is None else file.dest_uri


def _fail(problems: Problems, what: str) -> None:
    for problem in problems.errors:
        log.error(str(problem))
    raise PluginError(f"{what}: {len(problems.errors)} lỗi, xem các dòng ở trên. "
                      "Chạy `bantin check` để xem lại danh sách.")


@dataclass
class BuildState(Build):
    """site/build.py's state of one build, and what MkDocs' side of it needs."""

    nav_sources: set[str] = field(default_factory=set)  # src_uris that appear in the nav
    nav: object = None  # MkDocs' Navigation, for pages rendered in the second process
    tab_dests: list[str | None] = field(default_factory=list)  # the file each top tab opens (on_nav)
    shell_templates: set[str] = field(default_factory=set)  # page templates ShellCache may fill
    split: SplitRender | None = None  # the second process rendering pages, when there is one
    sources: dict[str, str] = field(default_factory=dict)  # a page's Markdown, read to page_markdown


class BantinPlugin(BasePlugin[BantinConfig]):
    """Bản tin: content model, generated pages and artifacts for Material for MkDocs."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.clock: list[float] = []
        self.state: BuildState | None = None
        self.site: SiteConfig | None = None
        self.inventory: Inventory | None = None
        self.site_file = None  # mkdocs.yml parsed once a build (translate.site_file), for settings and inputs
        self.compat = compat.Gate(True)  # the fast paths or MkDocs' public path: on_config decides
        self.styles_apart = True  # main.html links bantin-search.css (themedir.serve_lean)
        self.asset_versions: dict[str, str] = {}  # our assets' "?v=…" (themedir.versions)
        self.inline_scripts: dict = {}  # our scripts a page may carry inside it (themedir.inline_scripts)
        self.foreign = contentpolicy.ForeignReport()  # scripts no template wrote, named on their first pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.compat = compat.gate()
        compat.announce(self.compat, log)
        problems = Problems()
        if config.site_url:  # a Vietnamese path: every output carries it percent-encoded
            config.site_url = as_uri(config.site_url)
        self.site_file = translate.site_file(config)
        self.site = build.site_config(translate.settings(self.config, config, self.serving, self.site_file), problems)
        if problems.errors:
            _fail(problems, "Cấu hình mkdocs.yml có lỗi")
        wrong = site_dir_problem(config.site_dir, config.config_file_path, config.docs_dir, config.theme.custom_dir)
        if wrong:  # before MkDocs empties the folder: `mkdocs build -d .git` is refused here
            raise PluginError(wrong)
        if config.theme.name != "material":
            raise PluginError(themedir.not_material(config.theme.name))
        translate.slashed_theme_paths(config)  # before the inventory reads them (configured_files)
        themedir.place(config.theme)
        themedir.no_default_font(config.theme)
        self._policy_notes(config)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(LegalRefsExtension(
            resolve=self._document_link, registry=self.site.registry, name=self._document_name))
        # Links like '/van-ban/x.md' are relative to content/, so MkDocs checks and relativises them.
        config.validation.links.absolute_links = compat.relative_to_docs(config)
        # Heading anchors the Vietnamese way ('đăng ký' → 'dang-ky', not 'ang-ky').
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", heading_slug)
        if not config.use_directory_urls:
            # Offline flavour (file://): every link relative, the 404 page included; the
            # public address stays in SiteConfig for QR codes and printed links.
            config.site_url = None
        # MkDocs' walk of content/ (next) follows links to folders, even to '/': stop here.
        self.inventory = take_inventory(config.docs_dir, translate.configured_files(config))  # read_site uses it too
        if self.inventory.walk_hazards:
            _fail(Problems(list(self.inventory.walk_hazards)),
                  "Thư mục content/ có liên kết tới thư mục hoặc lồng quá sâu")
        # Generated and content pages stay out of the nav on purpose: don't list them all.
        config.validation.nav.omitted_files = logging.DEBUG
        self.state = None
        return config

    def _policy_notes(self, config: MkDocsConfig) -> None:
        """Why pages carry no Content-Security-Policy, or what in mkdocs.yml it would refuse."""
        if self.config.content_policy and translate.instant_navigation(config):
            log.info(contentpolicy.INSTANT_NOTE)
        elif self.site.content_policy and config.use_directory_urls and not self.serving:
            for option, what in contentpolicy.other_hosts(*translate.fetched_elsewhere(config)):
                log.warning(contentpolicy.other_host_message(option, what))

    # --- files ----------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.clock = [time.perf_counter()]
        served = themedir.serve_lean(files, config)
        self.styles_apart = served.styles_apart
        self.asset_versions = themedir.versions(files)
        self.inline_scripts = themedir.inline_scripts(served)
        urls = UrlScheme(self.site.prefixes, config.use_directory_urls)
        try:
            self.state = BuildState.begin(translate.inputs(files, config, self.inventory, self.site_file), self.site, urls,
                                          include_drafts=self.serving or self.config.drafts,
                                          serving=self.serving, log=log)
        except build.Failed as failed:
            _fail(failed.problems, failed.what)
        corpus = self.state.corpus
        for file in list(files):  # refused or draft-only files of content/ are never copied
            if file.src_uri in self.state.withheld and file.src_dir is not None:
                files.remove(file)
        shared = SharedMarkdown(config, previewcache.SERVE if self.serving else None) if self.compat.fast else None
        self._place_content(files, corpus, urls, config, shared)
        self._add_generated(files, self.state.generated_pages, config, urls, shared)
        if shared is not None and shared.cache is not None:
            shared.cache.start(previewcache.signature(
                [(f.src_uri, f.url) for f in files], config.markdown_extensions, config.mdx_configs,
                corpus.documents, self.config.documents))
        try:  # every name was checked by read_site; this is the last line of defence
            self.state.claim_outputs(translate.source_files(files, config), config.theme.static_templates,
                                     config.extra_templates, translate.reader(files), self.site.image_widths,
                                     previewcache.SERVED.path if self.serving else None)
        except OutputError as error:
            raise PluginError(str(error)) from None
        config.nav = self.state.nav_sections()
        self.state.nav_sources = set(_flatten(config.nav))
        # MkDocs' sitemap stamps the build date and ours replaces it (artifacts.write_all): not
        # rendered at all, sparing a template loop over every page (0.4 s at 2,000 articles).
        # Only now: MkDocs has collected the theme's files, and would otherwise copy the
        # template itself as a static file.
        config.theme.static_templates.discard("sitemap.xml")
        self.clock.append(time.perf_counter())
        return files

    def _place_content(self, files: Files, corpus: Corpus, urls: UrlScheme, config: MkDocsConfig,
                       shared: SharedMarkdown | None) -> None:
        """Give every content page its address; drafts leave the built site entirely."""
        for file in list(files.documentation_pages()):
            src = file.src_uri
            item = corpus.by_src(src)
            if item is None or not corpus.shows(item):
                files.remove(file)
                continue
            file = compat.readdress(files, file, urls.dest(item.path), self.compat.fast)
            self.state.items_by_src[src] = item
            ContentPage(None, file, config, shared)

    def _add_generated(self, files: Files, pages: list[Generated], config: MkDocsConfig, urls: UrlScheme,
                       shared: SharedMarkdown | None) -> None:
        for page in pages:
            src_uri = urls.src_uri(page.path)
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"content/{src_uri}: tên tệp này dành cho trang tự tạo '{page.title}'; "
                                  "hãy đổi tên tệp")
            file = File.generated(config, src_uri, content="")
            files.append(file)
            self.state.generated[src_uri] = page
            if not page.shows_text:
                (ListingPage if shared is not None else Page)(page.nav_title or page.title, file, config)
            else:
                ContentPage(None, file, config, shared)

    def _document_link(self, ref) -> str | None:
        """Markdown link target of a cited document's page, when the build has one."""
        state = self.state
        if state is None or not state.corpus.citing(ref.slug):
            return None
        return "/" + state.urls.src_uri(state.urls.document(ref.slug))

    def _document_name(self, ref) -> str:
        """A cited law's name as the site's pages write it, for the link's tooltip."""
        return self.state.corpus.doc_names.get(ref.slug, "") if self.state is not None else ""

    # --- pages ----------------------------------------------------------------------------
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """MkDocs gets "" for the pages we make, their text waits for on_page_markdown: MkDocs'
        own metadata parser would take a first line such as "Hotline: 1900 1234" for a
        field and drop it, and would copy every body line by line (memory at 100,000)."""
        source = self._source(page)
        if source is None:
            return None
        self.state.sources[page.file.src_uri] = source
        return ""

    def _source(self, page: Page) -> str | None:
        state, src = self.state, page.file.src_uri
        item = state.items_by_src.get(src)
        if item is not None:
            return self._handbook_source(item, page) if item.kind == "qa" else item.body
        generated = state.generated.get(src)
        if generated is not None:
            return generated.markdown(src) if generated.shows_text else ""
        return None

    def _handbook_source(self, item: Item, page: Page) -> str:
        here = posixpath.dirname(page.file.src_uri)
        urls = self.state.urls

        def link(question) -> str:
            return posixpath.relpath(urls.src_uri(urls.question(item.path, question.id)), here or ".")

        return handbook_markdown(item.intro, item.questions, link, lambda q: self.state.view.short_path(q), item.groups)

    @event_priority(100)  # first: other plugins see the text, not the "" MkDocs parsed
    def _page_source(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = self.state.sources.pop(page.file.src_uri, None)
        if source is None:
            return markdown
        page.markdown = source  # for a plugin that reads the page rather than its argument
        return source

    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        meta = self.state.page_meta(page.file.src_uri)
        if meta is None:
            return markdown
        page.meta = meta
        return html_links(markdown, lambda target: _page_url(target, page.file, files))

    # Two handlers, each at its place among other plugins' (Material's meta plugin, at 50,
    # still runs before the meta we set, as it always did).
    on_page_markdown = CombinedEvent(_page_source, _page_markdown)

    @event_priority(-100)  # last: the second renderer needs everyone's nav
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """The navigation kept for the templates, without MkDocs' neighbours in its order.

        Material writes a page's previous and next page in the navigation as `<link rel=prev|next>`
        and follows them on the single keys P , and N . pressed anywhere but a text field: on
        the home page «n» opened Tin tức (a keyboard trial, session 46; WCAG 2.1.4, level A, asks
        that such keys can be turned off). In a bulletin the navigation's order is no reading
        order; items and questions link their own neighbours in the page (bantin-item-footer,
        bantin-question), as links a reader chooses."""
        self.state.nav = nav
        self.state.tab_dests = [_tab_dest(item) for item in nav.items]
        for page in nav.pages:
            page.previous_page = page.next_page = None
        return nav

    @event_priority(-100)  # last: the environment is final when the second renderer forks
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Site data (pagedata.SiteData) is global so templates without a page (404) can use it too.

        Autoescape on (MkDocs leaves it off): every `{{ value }}` in our templates and
        Material's is escaped unless it is `Markup`, which only the sanitiser's output, QR
        codes and Python-Markdown's toc titles are. Templates compile after this event; a
        template another plugin compiled earlier is dropped from the cache to compile again.
        """
        env.autoescape = True
        if env.cache is not None:  # emptied, and a plain dict: a build's ~50 templates all stay,
            env.cache = {}  # found in C (Jinja's LRU moved each include's template under a lock)
        env.globals["bt_site"] = self.state.view.site_data()  # data, not the view: templates call no view method
        env.globals["bt_styles_apart"] = self.styles_apart
        env.globals["bt_version"] = self.asset_versions  # "?v=…" after our assets' addresses
        env.globals["bt_inline"] = self.inline_scripts  # the search page's own copy of its script
        env.auto_reload = False  # a new environment per build: no need to stat templates per include
        env.bytecode_cache = templatecode.for_build(self.serving)  # compiled templates kept across builds
        caches = self.compat.fast and self._templates_as_tested(env)  # reads the sources as written
        contentpolicy.OWN.install(env)  # the templates' own scripts: the pages' policy allows them
        chrome = ChromeCache(self.state.nav_sources, self._link_targets(config, files), caches)
        env.globals["bantin_chrome"] = chrome
        env.globals["bantin_shell"] = ShellCache(chrome)
        self.state.shell_templates = {name for name in self._templates(files)
                                      if caches and "content" in env.get_template(name).blocks}
        env.globals["bantin_card"] = FragmentCache().card
        self._start_split(env, config, files)
        return env

    @staticmethod
    def _templates_as_tested(env) -> bool:
        """Whether the templates the render caches assume are the tested ones (cachedtemplates);
        if not, the caches stay off and a technical maintainer is told once."""
        changed = cachedtemplates.differing(env)
        if changed:
            shown = ", ".join(changed[:5]) + (f" và {len(changed) - 5} mẫu khác" if len(changed) > 5 else "")
            log.info(f"Bản tin (cho người quản trị kỹ thuật): mẫu giao diện {shown} khác với mẫu đã kiểm thử "
                     "(custom_dir của trang hoặc theme/ đã sửa), nên không dùng bộ nhớ đệm khung trang: mỗi "
                     "trang được Material dựng trọn, đúng nhưng chậm hơn. Nếu thay đổi là chủ ý trong theme/, "
                     "xem adapter/cachedtemplates.py để cập nhật danh sách.")
        return not changed

    def _templates(self, files: Files) -> set[str]:
        """Templates of the pages this build renders."""
        return {f.page.meta.get("template", "main.html") for f in files.documentation_pages() if f.page is not None}

    def _link_targets(self, config: MkDocsConfig, files: Files) -> list[tuple[str, ...]]:
        """Folders that cached chrome links to: nav targets, footer links, theme and extra assets."""
        urls = self.state.urls
        footer = (urls.category(), urls.year(), urls.tag(), urls.document())  # partials/bantin-footer.html
        sources = sorted(self.state.nav_sources) + [urls.src_uri(p) for p in footer]
        found = [posixpath.dirname(f.dest_uri) for f in map(files.get_file_from_path, sources) if f is not None]
        found += ["assets/x"] + [posixpath.dirname(str(p)) for p in (*config.extra_css, *config.extra_javascript)]
        return sorted({tuple(p for p in folder.split("/") if p) for folder in found})

    def _start_split(self, env, config: MkDocsConfig, files: Files) -> None:
        """Fork the second renderer over MkDocs' own page list (see splitrender)."""
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        if not self.compat.fast or not wanted(len(doc_files), self.dirty):
            return
        others = sorted({type(getattr(handler, "__self__", handler)).__name__
                         for event in ("page_context", "post_page") for handler in config.plugins.events[event]
                         if getattr(handler, "__self__", None) is not self})
        if others:  # they would see only the pages this process renders
            log.info(f"Bản tin: dựng trang trong một tiến trình vì plugin {', '.join(others)} xử lý từng trang")
            return
        state = self.state
        try:
            state.view.settle()  # the fork cannot ask the worker
        except JobFailed as error:
            raise PluginError(str(error)) from error

        def build_page(page: Page) -> None:
            compat.build_page(page, config, doc_files, state.nav, env)

        state.split = SplitRender([f.page for f in doc_files], build_page,
                                  hide=(compat.skipped_logger(), compat.SKIPPED_LINE),
                                  loggers=compat.engine_loggers())
        # Not while the worker still makes the search index: both at once were the peak.
        state.split.start(when=lambda: state.search is None or state.search.done())

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        """The offline 404 page sits at the root and is opened as a file: relative links."""
        if template_name == "404.html" and not config.use_directory_urls:
            context["base_url"] = "."
        base = context.get("base_url", ".")
        context["bantin_search_url"] = ("" if base == "." else base.rstrip("/") + "/") + self.state.view.search_url()
        return context

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        state, src = self.state, page.file.src_uri
        if state.split is not None and not state.split.mine(page):
            context["bt_elsewhere"] = True  # main.html renders nothing: the other process writes it
            return context
        context["bantin_search_url"] = get_relative_url(state.view.search_url(), page.url)
        context["bt_item"] = state.items_by_src.get(src)
        context["bt_page"] = state.generated.get(src)
        context["bt_data"] = state.view.page_data(context["bt_item"], context["bt_page"])  # pagedata.PageData
        if context["bt_data"].description:  # Material prints it in site_meta; ShellCache fills it per page
            page.meta["description"] = context["bt_data"].description
        context["bt_shell"] = (self.compat.fast and page.meta.get("template") in state.shell_templates
                               and ShellCache.wanted(page, state.nav_sources))
        context["bt_tab"] = self._section_tab(page, nav)
        return context

    def _section_tab(self, page: Page, nav):
        """The top tab (partials/tabs-item.html) of a page in no navigation entry, whose
        section Material cannot know: the tab whose address the page's continues (site/sectiontab.py)."""
        if page.file.src_uri in self.state.nav_sources or nav is None:
            return None
        index = section_tab(page.file.dest_uri, self.state.tab_dests)
        return None if index is None else nav.items[index]

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise what editors wrote; keep answers for the printable handbook and JSON-LD."""
        if not self.state.has_toc(page.file.src_uri):
            page.toc = get_toc([])
        return self.state.page_html(page.file.src_uri, html, self.site.iframe_hosts)

    def on_build_error(self, *, error: Exception | None) -> None:
        """End the forked helpers now: the build's folder is about to be deleted."""
        if self.state is not None:
            if self.state.split is not None:
                self.state.split.abort()
            self.state.abort()

    @event_priority(-100)  # last: the policy is computed from the page as it will be written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Responsive, lazy images, in the body and in the templates alike; then the page's
        Content-Security-Policy, computed from the page as it will be written."""
        if self.state.split is not None and self.state.split.elsewhere(page):
            return ""  # written by the second renderer
        done = self.state.view.secured(self._images(output, page))
        for message in self.foreign.messages(page.file.src_uri, done.foreign):
            log.warning(message)
        return done.html

    @event_priority(-100)
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's 404 page gets its policy like every page (sitemap.xml is ours: artifacts)."""
        if self.state is None or not template_name.endswith(".html"):
            return output
        done = self.state.view.secured(output)
        for message in self.foreign.messages(template_name, done.foreign):
            log.warning(message)
        return done.html

    def _images(self, output: str, page: Page) -> str:
        if "<img" not in output:  # most pages: listings, questions, text-only articles
            return output
        here = posixpath.dirname(page.file.dest_uri)

        def resolve(src: str) -> str | None:
            if not src or "://" in src or src.startswith(("data:", "/")):
                return None
            return posixpath.normpath(posixpath.join(here, unquote(src)))

        try:
            return rewrite_images(output, resolve, self.state.resizer, lambda rel: posixpath.relpath(rel, here or "."))
        except OutputError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.state is None:
            return
        self.clock.append(time.perf_counter())
        state = self.state
        if state.split is not None:
            try:
                state.split.join()
            except RenderError as error:
                raise PluginError(f"{error}. Các thông báo ở trên cho biết trang nào; dựng lại với "
                                  "BANTIN_JOBS=1 để dựng mọi trang trong một tiến trình.") from None
            theirs = len(state.split.theirs)
            log.info(f"Bản tin: dựng trang trên hai tiến trình: {len(state.split.pages) - theirs} + {theirs} trang")
        try:
            state.finish(log)
        except OutputError as error:
            raise PluginError(str(error)) from None
        except JobFailed as error:  # kept as the cause: `bantin build` gives its words as the reason
            raise PluginError(str(error)) from error
        self.clock.append(time.perf_counter())
        if self.serving:
            cache = previewcache.SERVE
            log.info(f"Bản tin: xem trước: dùng lại {cache.hits} trang đã chuyển đổi, chuyển đổi {cache.misses} trang")
        read, render, post = (b - a for a, b in zip(self.clock, self.clock[1:]))
        log.info(f"Bản tin: thời gian: đọc và kiểm tra {format_decimal(read, 2)} giây; "
                 f"dựng trang {format_decimal(render, 2)} giây; tệp phụ {format_decimal(post, 2)} giây")
