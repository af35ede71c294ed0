"""MkDocs adapter: translates MkDocs events into core calls, nothing more (DESIGN §2).

State is rebuilt in `on_config`/`on_files` on every build, so `mkdocs serve` rebuilds
never see the previous corpus.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.commands.build import _build_page
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from bantin.site import artifacts
from bantin.workers import background
from bantin.config import precheck as configcheck
from bantin.site import images
from bantin.convert import previewcache
from bantin.site import qrcodes
from bantin.content.checks import check_links, draft_only, heading_id, html_links, link_site, rebase_links, resolve
from bantin.site.corpus import Corpus, build_corpus
from bantin.site.images import Resizer, rewrite_images
from bantin.inputs.inventory import Inventory, take_inventory
from bantin.content.model import Item
from bantin.outputs.gate import Gate, OutputError, site_dir_problem
from bantin.site.pages import Generated, check_addresses, generated_pages
from bantin.content.problems import Problems
from bantin.content.qa import handbook_markdown
from bantin.legal.refs import LegalRefsExtension, Registry
from bantin.site.qrcodes import QrCodes
from bantin.site.related import RelatedIndex
from bantin.adapter.rendering import (RELATIVE_TO_DOCS, SERVE_TEMPLATES, ChromeCache, ContentPage, FragmentCache, ListingPage,
                        SharedMarkdown, ShellCache)
from bantin.content.sanitize import clean
from bantin.search.terms import build_search_index
from bantin.workers.splitrender import RenderError, SplitRender, wanted
from bantin.config.settings import CONFIG_FILE, Agency, SiteConfig, UrlPrefixes, build_categories, check_numbers
from bantin.site.urls import UrlScheme
from bantin.site.views import SiteView

log = logging.getLogger("mkdocs.plugins.bantin")
SEARCH_DIR = "assets/search"
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "tables", "bantin.convert.htmlguard")  # htmlguard: issue 12


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


class BantinConfig(base.Config):
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    agency = c.SubConfig(AgencyConfig)
    documents = c.ListOfItems(c.Type(dict), default=[])
    """Registered legal documents: number, title, issuer, url, status, replaced_by."""
    page_size = c.Type(int, default=20)
    feed_size = c.Type(int, default=30)
    image_max_kb = c.Type(int, default=1500)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    drafts = c.Type(bool, default=False)
    """Render drafts (with a 'bản nháp' banner); set by `bantin serve`."""


@dataclass
class BuildState:
    """Everything one build derives from the content; replaced wholesale on each build."""

    corpus: Corpus
    urls: UrlScheme
    view: SiteView
    items_by_src: dict[str, Item] = field(default_factory=dict)
    generated: dict[str, Generated] = field(default_factory=dict)
    resizer: Resizer | None = None
    worker: object = None  # background.start(): QR codes and search on the second core
    search: background.Job | None = None
    nav_sources: set[str] = field(default_factory=set)  # src_uris that appear in the nav
    nav: object = None  # MkDocs' Navigation, for pages rendered in the second process
    shell_templates: set[str] = field(default_factory=set)  # page templates ShellCache may fill
    split: SplitRender | None = None  # the second process rendering pages, when there is one
    gate: Gate | None = None  # every file this build writes (outputs.py)


def _site_config(plugin_config: BantinConfig, config: MkDocsConfig, problems: Problems) -> SiteConfig:
    """The core's settings; configuration errors name the line of their option in mkdocs.yml."""
    line = configcheck.config_lines(config.config_file_path)
    entries = [dict(cat) for cat in plugin_config.categories]
    registry, errors = Registry.from_config(plugin_config.documents)
    for message in errors:
        item = re.match(r"mục (\d+) của `documents:`", message)  # legalrefs numbers its entries from 1
        where = line("documents", int(item.group(1)) - 1) if item else line("documents")
        problems.error(CONFIG_FILE, where, "documents", message, "sửa mục `documents:` của plugin bantin trong mkdocs.yml")
    site = SiteConfig(
        registry=registry,
        categories=build_categories(entries, problems, line),
        agency=Agency(**dict(plugin_config.agency)),
        prefixes=UrlPrefixes(),
        page_size=plugin_config.page_size,
        feed_size=plugin_config.feed_size,
        site_url=config.site_url or "",
        site_name=config.site_name,
        image_max_kb=plugin_config.image_max_kb,
        iframe_hosts=tuple(plugin_config.iframe_hosts),
    )
    check_numbers(site, problems, line)
    return site


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


def _reader(files: Files):
    """Bytes of a content file by its path, for image resizing (None when absent)."""
    def read(rel: str) -> bytes | None:
        found = files.get_file_from_path(rel)
        return found.content_bytes if found is not None else None
    return read


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


def _fail(problems: Problems, what: str) -> None:
    for problem in problems.errors:
        log.error(str(problem))
    raise PluginError(f"{what}: {len(problems.errors)} lỗi, xem các dòng ở trên. "
                      "Chạy `bantin check` để xem lại danh sách.")


@dataclass
class SiteRead:
    """What `read_site` found: the build's corpus and pages, every problem, and the files of
    content/ that must not be published (refused by the inventory, or used by drafts only)."""

    corpus: Corpus
    generated: list[Generated]
    problems: Problems
    withheld: set[str] = field(default_factory=set)


def _content_files(files: Files, docs_dir: str) -> dict[str, File]:
    """MkDocs' files that come from content/ (not the theme, not generated), by src_uri."""
    root = os.path.abspath(docs_dir)
    return {f.src_uri: f for f in files if f.src_dir is not None and os.path.abspath(f.src_dir) == root}


def read_site(files: Files, site: SiteConfig, urls: UrlScheme, include_drafts: bool, docs_dir: str,
              keep: frozenset[str] = frozenset(), inventory: Inventory | None = None,
              outputs=()) -> SiteRead:
    """Corpus, generated pages and every problem, from content/ (build and check alike).

    The inventory decides what each file of content/ is; MkDocs' list only says which of
    them the site's own `exclude_docs` leaves out. `keep`: files mkdocs.yml names;
    `inventory`: one taken moments ago with the same `keep` (else it is taken here);
    `outputs`: (file, writer) of every other output, which no page or alias may replace.
    """
    inventory = inventory or take_inventory(docs_dir, keep)
    problems = Problems()
    problems.extend(list(inventory.problems))
    content = {src: f for src, f in _content_files(files, docs_dir).items() if not f.inclusion.is_excluded()}
    pages_md = {src: content[src] for src in inventory.pages if src in content}
    assets = {src: size for src, size in inventory.static.items() if src in content}
    corpus, found = build_corpus({src: f.content_bytes for src, f in pages_md.items()}, site, urls,
                                 assets=assets, include_drafts=include_drafts)
    problems.extend(found)
    generated = generated_pages(corpus, urls)
    targets = link_site(corpus, assets, generated=[urls.src_uri(p.path) for p in generated],
                        refused=inventory.refused, read=lambda rel: content[rel].content_bytes,
                        short_prefix=urls.prefixes.short)
    held = draft_only(check_links(corpus.items, targets, problems), corpus) - keep
    problems.extend(inventory.draft_link_problems(held))
    aliases = [(alias.strip("/"), item.src) for item in corpus.published for alias in item.meta.aliases]
    check_addresses(corpus, generated, urls, problems, aliases, outputs)
    corpus = corpus.recounted(len(pages_md) + inventory.failed_files(problems, assets), problems, draft_only=len(held))
    withheld = (set(_content_files(files, docs_dir)) - inventory.accepted) | held
    return SiteRead(corpus, generated, problems, withheld)


def configured_files(config: MkDocsConfig) -> frozenset[str]:
    """Files of content/ that mkdocs.yml names (logo, favicon, extra_css, extra_javascript):
    whoever controls mkdocs.yml publishes them, whatever their type and whoever links them."""
    named = [config.theme.get("logo"), config.theme.get("favicon"), *config.extra_css,
             *(getattr(s, "path", s) for s in config.extra_javascript)]
    return frozenset(posixpath.normpath(str(n)).lstrip("/") for n in named
                     if n and "://" not in str(n) and not str(n).startswith("//"))


SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")  # MkDocs' own, replaced by artifacts.write_all


def build_outputs(files: Files, config: MkDocsConfig) -> list[tuple[str, str]]:
    """(output file, writer) of every file MkDocs writes that is not a page: the theme's
    static templates and assets, then the static files from content/ (a content file that
    would replace a theme asset, say `assets/javascripts/bantin.js`, is reported), and the
    folders of the search index and the image variants ('…/')."""
    found = [(f"{SEARCH_DIR}/", "chỉ mục tìm kiếm (assets/search/)"), (f"{images.OUT_DIR}/", images.WHO)]
    found += [(name, f"giao diện ({name})") for name in config.theme.static_templates if name not in SITEMAPS]
    found += [(name, name) for name in config.extra_templates]  # a content file, rendered by MkDocs
    docs_dir = os.path.normpath(config.docs_dir)
    for file in files:
        if file.is_documentation_page() or file.inclusion.is_excluded():  # pages: check_addresses; excluded: not written
            continue
        if os.path.normpath(file.src_dir or "") != docs_dir:
            found.append((file.dest_uri, f"giao diện ({file.src_uri})"))
            continue
        if any(os.path.isfile(os.path.join(folder, file.src_uri)) for folder in config.theme.dirs):
            found.append((file.dest_uri, f"giao diện ({file.src_uri})"))
        found.append((file.dest_uri, file.src_uri))
    return found


def _gate(files: Files, config: MkDocsConfig) -> Gate:
    """The build's output gate, every file MkDocs writes already claimed (see outputs.py)."""
    gate = Gate(config.site_dir)
    gate.own(SEARCH_DIR, "chỉ mục tìm kiếm (assets/search/)")
    gate.own(images.OUT_DIR, images.WHO)
    for name in config.theme.static_templates:
        gate.claim(name, artifacts.ARTIFACTS if name in SITEMAPS else f"giao diện ({name})")
    for name in config.extra_templates:
        gate.claim(name, name)  # the content file of that name, rendered
    for file in files:
        if not file.inclusion.is_excluded():
            gate.claim(file.dest_uri, file.src_uri)
    return gate


def _related_lists() -> dict[str, list[str]]:
    """Worker job: every item's related list (the worker inherits the view, see background)."""
    return RelatedIndex(background.shared("view").corpus).all()


def _search_index(out_dir: Path):
    """Worker job: the search index, written to `out_dir`."""
    return build_search_index(background.shared("view").search_docs(), out_dir)


def site_config(config: MkDocsConfig) -> SiteConfig:
    """SiteConfig of a loaded mkdocs.yml, for commands that do not build (problems ignored)."""
    return _site_config(config.plugins["bantin"].config, config, Problems())


def check_site(config: MkDocsConfig, plugin: "BantinPlugin") -> tuple[Corpus, Problems]:
    """What `bantin check` reports: the build's own validation, without rendering anything."""
    from mkdocs.structure.files import set_exclusions

    problems = Problems()
    site = _site_config(plugin.config, config, problems)
    if problems.errors:
        return None, problems
    # MkDocs' own walk follows symbolic links; the inventory lists what a build would read.
    keep = configured_files(config)
    inventory = take_inventory(config.docs_dir, keep)
    files = Files([File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
                   for src in sorted(inventory.accepted)])
    set_exclusions(files, config)
    files.add_files_from_theme(config.theme.get_env(), config)  # as the build does: theme assets are outputs
    found = read_site(files, site, UrlScheme(site.prefixes), False, config.docs_dir, keep, inventory,
                      outputs=build_outputs(files, config))
    problems.extend(found.problems)
    return found.corpus, problems


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problems = Problems()
        self.site = _site_config(self.config, config, problems)
        if problems.errors:
            _fail(problems, "Cấu hình mkdocs.yml có lỗi")
        wrong = site_dir_problem(config.site_dir, config.config_file_path, config.docs_dir, config.theme.custom_dir)
        if wrong:  # before MkDocs empties the folder: `mkdocs build -d .git` is refused here
            raise PluginError(wrong)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(LegalRefsExtension(resolve=self._document_link, registry=self.site.registry))
        # Links like '/van-ban/x.md' are relative to content/, so MkDocs checks and relativises them.
        config.validation.links.absolute_links = RELATIVE_TO_DOCS
        # Heading anchors the Vietnamese way ('đăng ký' → 'dang-ky', not 'ang-ky').
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", heading_slug)
        if not config.use_directory_urls:
            # Offline flavour (file://): every link relative, the 404 page included; the
            # public address stays in SiteConfig for QR codes and printed links.
            config.site_url = None
        # MkDocs' walk of content/ (next) follows links to folders, even to '/': stop here.
        self.inventory = take_inventory(config.docs_dir, configured_files(config))  # read_site uses it too
        if self.inventory.walk_hazards:
            _fail(Problems(list(self.inventory.walk_hazards)),
                  "Thư mục content/ có liên kết tới thư mục hoặc lồng quá sâu")
        # Generated and content pages stay out of the nav on purpose: don't list them all.
        config.validation.nav.omitted_files = logging.DEBUG
        self.state = None
        return config

    # --- files ----------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.clock = [time.perf_counter()]
        urls = UrlScheme(self.site.prefixes, config.use_directory_urls)
        found = read_site(files, self.site, urls, self.serving or self.config.drafts, config.docs_dir,
                          configured_files(config), self.inventory, build_outputs(files, config))
        corpus, generated, problems = found.corpus, found.generated, found.problems
        for file in list(files):  # refused or draft-only files of content/ are never copied
            if file.src_uri in found.withheld and file.src_dir is not None:
                files.remove(file)
        for warning in problems.warnings:
            log.info(str(warning))
        if problems.errors:
            _fail(problems, "Nội dung có lỗi")
        log.info(corpus.counts.summary())
        view = SiteView(corpus, urls)
        worker = background.start(len(corpus.items), view=view)
        # In the worker, in this order: QR codes and related lists are needed by pages (and
        # settled before the second renderer forks); search is collected at the end.
        view = replace(view, qrcodes=QrCodes(view.printed_urls(), worker, qrcodes.KEPT if self.serving else None),
                       related_lists=background.Job(worker, _related_lists))
        self.state = BuildState(corpus, urls, view, worker=worker)
        self.state.search = background.Job(worker, _search_index, Path(config.site_dir) / SEARCH_DIR)
        shared = SharedMarkdown(config, previewcache.SERVE if self.serving else None)
        self._place_content(files, corpus, urls, config, shared)
        self._add_generated(files, generated, config, urls, shared)
        if shared.cache is not None:
            shared.cache.start(previewcache.signature(
                [(f.src_uri, f.url) for f in files], config.markdown_extensions, config.mdx_configs,
                corpus.documents, self.config.documents))
        try:  # every name was checked by read_site; this is the last line of defence
            self.state.gate = _gate(files, config)
        except OutputError as error:
            raise PluginError(str(error)) from None
        self.state.resizer = Resizer(_reader(files), self.state.gate, self.site.image_widths)
        config.nav = self._nav(corpus, urls)
        self.state.nav_sources = set(_flatten(config.nav))
        # MkDocs' sitemap stamps the build date and ours replaces it (artifacts.write_all): not
        # rendered at all, sparing a template loop over every page (0.4 s at 2,000 articles).
        # Only now: MkDocs has collected the theme's files, and would otherwise copy the
        # template itself as a static file.
        config.theme.static_templates.discard("sitemap.xml")
        self.clock.append(time.perf_counter())
        return files

    def _place_content(self, files: Files, corpus: Corpus, urls: UrlScheme, config: MkDocsConfig,
                       shared: SharedMarkdown) -> None:
        """Give every content page its address; drafts leave the built site entirely."""
        for file in list(files.documentation_pages()):
            src = file.src_uri
            item = corpus.by_src(src)
            if item is None or (item.meta.draft and not corpus.include_drafts):
                files.remove(file)
                continue
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
            file.dest_uri = urls.dest(item.path)
            self.state.items_by_src[src] = item
            ContentPage(None, file, config, shared)

    def _add_generated(self, files: Files, pages: list[Generated], config: MkDocsConfig, urls: UrlScheme,
                       shared: SharedMarkdown) -> None:
        for page in pages:
            src_uri = urls.src_uri(page.path)
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"content/{src_uri}: tên tệp này dành cho trang tự tạo '{page.title}'; "
                                  "hãy đổi tên tệp")
            file = File.generated(config, src_uri, content="")
            files.append(file)
            self.state.generated[src_uri] = page
            if page.question is None:
                ListingPage(page.title, file, config)
            else:
                ContentPage(None, file, config, shared)

    @staticmethod
    def _nav(corpus: Corpus, urls: UrlScheme) -> list:
        """Sections and categories only: a nav listing every article makes the build O(n²)."""
        src = urls.src_uri
        nav: list = [{"Trang chủ": src("")}, {"Tin tức": src(urls.prefixes.article)}]
        nav.append({"Chuyên mục": [{c.title: src(urls.category(c.slug))} for c in corpus.categories]})
        nav += [{"Hỏi - Đáp": src(urls.prefixes.qa)}, {"Hướng dẫn": src(urls.prefixes.guide)},
                {"Lưu trữ": src(urls.year())}, {"Tìm kiếm": src(urls.search())}]
        nav += [{i.title: i.src} for i in corpus.published if i.kind == "page" and i.src.startswith("trang/")]
        return nav

    def _document_link(self, ref) -> str | None:
        """Markdown link target of a cited document's page, when the build has one."""
        state = self.state
        if state is None or not state.corpus.citing(ref.slug):
            return None
        return "/" + state.urls.src_uri(state.urls.document(ref.slug))

    # --- pages ----------------------------------------------------------------------------
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        state, src = self.state, page.file.src_uri
        item = state.items_by_src.get(src)
        if item is not None:
            return self._handbook_source(item, page) if item.kind == "qa" else item.body
        generated = state.generated.get(src)
        if generated is not None:
            if generated.question is None:
                return ""
            return rebase_links(generated.question.body, generated.item.src, src)  # links as from the handbook
        return None

    def _handbook_source(self, item: Item, page: Page) -> str:
        here = posixpath.dirname(page.file.src_uri)
        urls = self.state.urls

        def link(question) -> str:
            return posixpath.relpath(urls.src_uri(urls.question(item.path, question.id)), here or ".")

        return handbook_markdown(item.intro, item.questions, link, lambda q: self.state.view.short_path(q))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state, src = self.state, page.file.src_uri
        item = state.items_by_src.get(src)
        if item is not None:
            page.meta = {"title": item.title, "template": "bantin-item.html"}
        elif src in state.generated:
            generated = state.generated[src]
            page.meta = {"title": generated.title, "template": generated.template}
        else:
            return markdown
        return html_links(markdown, lambda target: _page_url(target, page.file, files))

    @event_priority(-100)  # last: the second renderer needs everyone's nav
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.state.nav = nav
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
        if env.cache is not None:
            env.cache.clear()
        env.globals["bt_site"] = self.state.view.site_data()  # data, not the view: templates call no Python
        env.auto_reload = False  # a new environment per build: no need to stat templates per include
        if self.serving:
            env.bytecode_cache = SERVE_TEMPLATES
        chrome = ChromeCache(self.state.nav_sources, self._link_targets(config, files))
        env.globals["bantin_chrome"] = chrome
        env.globals["bantin_shell"] = ShellCache(chrome)
        self.state.shell_templates = {name for name in self._templates(files)
                                      if "content" in env.get_template(name).blocks}
        env.globals["bantin_card"] = FragmentCache().card
        self._start_split(env, config, files)
        return env

    def _templates(self, files: Files) -> set[str]:
        """Templates of the pages this build renders."""
        return {f.page.meta.get("template", "main.html") for f in files.documentation_pages() if f.page is not None}

    def _link_targets(self, config: MkDocsConfig, files: Files) -> list[tuple[str, ...]]:
        """Folders that cached chrome links to: nav targets, footer links, theme and extra assets."""
        urls = self.state.urls
        sources = sorted(self.state.nav_sources) + [urls.src_uri(p) for p in (urls.category(), urls.year(), urls.tag())]
        found = [posixpath.dirname(f.dest_uri) for f in map(files.get_file_from_path, sources) if f is not None]
        found += ["assets/x"] + [posixpath.dirname(str(p)) for p in (*config.extra_css, *config.extra_javascript)]
        return sorted({tuple(p for p in folder.split("/") if p) for folder in found})

    def _start_split(self, env, config: MkDocsConfig, files: Files) -> None:
        """Fork the second renderer over MkDocs' own page list (see splitrender)."""
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        if not wanted(len(doc_files), self.dirty):
            return
        others = sorted({type(getattr(handler, "__self__", handler)).__name__
                         for event in ("page_context", "post_page") for handler in config.plugins.events[event]
                         if getattr(handler, "__self__", None) is not self})
        if others:  # they would see only the pages this process renders
            log.info(f"Bản tin: dựng trang trong một tiến trình vì plugin {', '.join(others)} xử lý từng trang")
            return
        state = self.state
        state.view.settle()  # the fork cannot ask the worker

        def build_page(page: Page) -> None:
            _build_page(page, config, doc_files, state.nav, env, excluded=page.file.inclusion.is_excluded())

        state.split = SplitRender([f.page for f in doc_files], build_page)
        state.split.start()

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
        context["bt_shell"] = (page.meta.get("template") in state.shell_templates
                               and ShellCache.wanted(page, state.nav_sources))
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise what editors wrote; keep answers for the printable handbook and JSON-LD."""
        key = page.file.src_uri
        if key in self.state.items_by_src or (key in self.state.generated and self.state.generated[key].question):
            html = Markup(clean(str(html), self.site.iframe_hosts))  # HTML the sanitiser produced
        else:  # generated listings: their Markdown is empty, the template writes the page
            html = Markup(html)
        generated = self.state.generated.get(key)
        if generated is not None and generated.question is not None:
            self.state.view.answers[generated.path] = html
        return html

    def on_build_error(self, *, error: Exception | None) -> None:
        """End the forked helpers now: the build's folder is about to be deleted."""
        if self.state is not None:
            if self.state.split is not None:
                self.state.split.abort()
            background.stop(self.state.worker, kill=True)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Responsive, lazy images, in the body and in the templates alike."""
        if self.state.split is not None and self.state.split.elsewhere(page):
            return ""  # written by the second renderer
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
        stats = state.search.result()
        background.stop(state.worker)
        log.info(f"Bản tin: tìm kiếm: {stats.docs} mục, {stats.shards} phần, "
                 f"{stats.bytes / 1e6:.1f} MB ({stats.files} tệp)")
        try:
            artifacts.write_all(state.view, list(state.generated.values()), state.gate, self._redirects())
        except OutputError as error:
            raise PluginError(str(error)) from None
        self.clock.append(time.perf_counter())
        if self.serving:
            cache = previewcache.SERVE
            log.info(f"Bản tin: xem trước: dùng lại {cache.hits} trang đã chuyển đổi, chuyển đổi {cache.misses} trang")
        read, render, post = (b - a for a, b in zip(self.clock, self.clock[1:]))
        log.info(f"Bản tin: thời gian: đọc và kiểm tra {read:.2f} s; dựng trang {render:.2f} s; tệp phụ {post:.2f} s")

    def _redirects(self) -> list[tuple[str, str, str]]:
        """(old path, new path, title): question short links and editors' aliases."""
        corpus, urls = self.state.corpus, self.state.urls
        found = [(urls.short(q.id), urls.question(h.path, q.id), q.title) for h, q in corpus.questions()]
        found += [(alias, item.path, item.title) for item in corpus.published for alias in item.meta.aliases]
        return found
