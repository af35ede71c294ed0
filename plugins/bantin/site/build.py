"""The order of a build, without the engine (issue 13).

A build, and `bantin check`, read from the top of this module down:

1. `site_config`: mkdocs.yml's plugin options → `SiteConfig` (errors name their line);
2. `read_site`: the inventory of content/, the corpus, the generated pages, links and
   images, addresses, and what must not be published: every problem, nothing rendered
   (`check` stops here); a draft's problems are warnings when drafts are left out
   (content/drafts/policy.py);
3. `Build.begin`: problems reported (a build fails on errors), the site view, the
   background worker and its jobs (QR codes, related lists, search index);
4. the engine places pages and generated pages (adapter);
5. `Build.claim_outputs`: the output gate, every file the engine writes claimed;
6. the engine renders pages (adapter, splitrender);
7. `Build.finish`: search index collected (its manifest written into the search page), the
   worker let go, artifacts written.

Everything here takes plain data: `Settings` (the options), `Inputs` (the files the engine
will write, as `SourceFile`s, and a reader for the bytes of content files). The adapter
only translates the engine's objects into these and calls down (adapter/translate.py).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from markupsafe import Markup

from bantin.config import sitefile
from bantin.config.backslash import quoted_backslash
from bantin.config.editor import build_editor
from bantin.config.emblem import check_agency_images, theme_image_problem
from bantin.config import palette, siteurl
from bantin.config.settings import (CONFIG_FILE, Agency, SiteConfig, build_categories, category_lines, check_iframe_hosts,
                                    check_numbers)
from bantin.config.urlprefixes import build_prefixes
from bantin.content import undeclared
from bantin.content.drafts import broken
from bantin.content.drafts.files import uses_of
from bantin.content.drafts.mentions import DraftAddresses, without_drafts_all
from bantin.content.drafts.policy import (declared_type, demote, demote_shown, failing, is_draft_problem,
                                          is_left_out, unpublished_drafts)
from bantin.content.checks import check_links, check_unread_links, draft_only, link_site
from bantin.content.ownaddress import OwnAddress
from bantin.content.sanitize import clean
from bantin.convert.tablelabels import label_tables
from bantin.content.model import Item, Text
from bantin.content.frontmatter import body_of
from bantin.content.fields import folder_kind
from bantin.content.handbook.page import split_print_html
from bantin.problems import Problems
from bantin.content.inventory import Inventory, take_inventory
from bantin.legal.registry import Registry
from bantin.outputs.gate import Gate
from bantin.search.writer import build_search_index
from bantin.site import (artifacts, imagecache, images, originals, printlinks, published, qrcodes, redirectmap,
                         searchpage, sharing, unusedpictures, webeditor)
from bantin.site.corpus import Corpus, build_corpus
from bantin.site.images import Resizer
from bantin.site.pages import Generated, alias_pages, artifact_files, check_addresses, generated_pages
from bantin.site.qrcodes import QrCodes
from bantin.site.related import RelatedIndex
from bantin.site.urls import UrlScheme
from bantin.site.views import SiteView
from bantin.workers import background
from bantin.text.vi import format_decimal

SEARCH_DIR = "assets/search"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")  # the engine's own, replaced by artifacts.write_all
SEARCH, RELATED = "chỉ mục tìm kiếm", "danh sách tin liên quan"  # worker jobs, as a failure names them
LEFT_OUT = "bantin_left_out"  # a log record's attribute: the problem of a draft a build that shows drafts left out


# --- inputs -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """The options of mkdocs.yml that the core reads, as plain data."""

    config_file: str | None = None  # mkdocs.yml: its folder holds content/
    site_file: sitefile.SiteFile | None = None  # mkdocs.yml parsed once a build: the lines of configuration errors
    site_url: str = ""
    published_url: str = ""  # mkdocs.yml's site_url when the live preview put its own address in site_url
    site_name: str = ""
    site_description: str = ""
    share_image: str = ""
    categories: Sequence[Mapping] = ()
    agency: Mapping = field(default_factory=dict)
    documents: Sequence[Mapping] = ()
    page_size: int = 20
    feed_size: int = 30
    image_max_kb: int = 1500
    iframe_hosts: Sequence[str] = ()
    content_policy: bool = True
    editor: object = None  # the `editor:` option as written (config/editor.py checks it)
    urls: object = None  # the `urls:` option as written (config/urlprefixes.py checks it)
    docs_dir: str = "content"  # relative to mkdocs.yml's folder: the web editor's folders


@dataclass(frozen=True)
class SourceFile:
    """One file the engine knows: a page or a file it copies, from content/ or the theme."""

    src: str  # path in its folder (content/ or the theme)
    dest: str  # path in the built site
    from_content: bool = True  # else the theme's, or generated by a plugin
    page: bool = False  # a Markdown page (its address: check_addresses)
    excluded: bool = False  # left out by the site's `exclude_docs`: never written


@dataclass(frozen=True)
class Inputs:
    """What one build or check reads, as plain data."""

    docs_dir: str
    site_dir: str
    files: Sequence[SourceFile]
    read: Callable[[str], bytes]  # bytes of a file of content/ by its path
    keep: frozenset[str] = frozenset()  # files of content/ that mkdocs.yml names (logo, extra_css…)
    static_templates: Sequence[str] = ()  # the theme's templates rendered to a file of their name
    extra_templates: Sequence[str] = ()  # content files rendered as templates
    theme_dirs: Sequence[str] = ()  # folders the theme's files come from
    inventory: Inventory | None = None  # taken moments ago with the same `keep`, else taken here
    redirect_map: str | None = None  # redirects/old-host.map beside mkdocs.yml (site/redirectmap.py)
    config_text: str = ""  # mkdocs.yml's text: a picture its `extra:` names keeps its original (site/originals.py)
    theme_images: Sequence[tuple[str, str, int]] = ()  # (key, path, line) of theme.logo and theme.favicon
    theme_palette: Sequence[tuple[str, str, int, str]] = ()  # (role, colour, line, scheme) of theme.palette's primary/accent
    custom_dir: str = ""  # the site's own theme folder (theme.custom_dir): its stylesheets may name a picture
    published: str | None = None  # the published site's address record (site/published.py), when known


# --- 1. settings --------------------------------------------------------------------------

def site_config(settings: Settings, problems: Problems) -> SiteConfig:
    """The core's settings; configuration errors name the line of their option in mkdocs.yml."""
    line = sitefile.lines(settings.site_file)
    registry, errors = Registry.from_config(list(settings.documents))
    for message in errors:
        item = re.match(r"mục (\d+) của `documents:`", message)  # legalrefs numbers its entries from 1
        where = line("documents", int(item.group(1)) - 1) if item else line("documents")
        problems.error(CONFIG_FILE, where, "documents", message, "sửa mục `documents:` của plugin bantin trong mkdocs.yml")
    site = SiteConfig(
        registry=registry,
        categories=build_categories([dict(c) for c in settings.categories], problems, line),
        agency=Agency(**dict(settings.agency)),
        prefixes=build_prefixes(settings.urls, problems, line),
        page_size=settings.page_size,
        feed_size=settings.feed_size,
        site_url=settings.site_url,
        published_url=settings.published_url,
        site_name=settings.site_name,
        site_description=settings.site_description or "",
        share_image=sharing.configured_image(settings.share_image, problems, line("share_image")),
        share_image_line=line("share_image"),
        category_lines=category_lines([dict(c) for c in settings.categories], line),
        image_max_kb=settings.image_max_kb,
        iframe_hosts=tuple(settings.iframe_hosts),
        content_policy=settings.content_policy,
        editor=replace(build_editor(settings.editor, problems, line), content=settings.docs_dir),
    )
    if site.editor.online and settings.docs_dir.startswith(".."):  # the editor names folders from the repository's top
        problems.error(CONFIG_FILE, line("editor"), "plugins.bantin.editor",
                       f"trình biên tập web cần thư mục nội dung nằm trong thư mục của mkdocs.yml (docs_dir: {settings.docs_dir})",
                       "đặt mkdocs.yml ở thư mục gốc của kho, cạnh thư mục content/")
    check_numbers(site, problems, line)
    check_iframe_hosts(site, problems, line)
    content = Path(os.path.dirname(os.path.abspath(settings.config_file)) if settings.config_file else ".") / settings.docs_dir
    return replace(site, agency=check_agency_images(site.agency, content, problems, line))


# --- 2. reading and checking --------------------------------------------------------------

_THEME_IMAGES = {"logo": ("biểu trưng ở đầu trang (logo)", "images/logo.png"),
                 "favicon": ("biểu tượng trên thẻ trình duyệt (favicon)", "images/favicon.png")}


def _check_theme_images(inputs: Inputs, problems: Problems) -> None:
    """theme.logo and theme.favicon name a file the build has (content/ or the theme's folders):
    a missing one was accepted without a word, and every page then linked an address that
    answers 404 (a province's review, session 23). A file that is there is checked as
    content by the inventory (it is in `keep`), and one of content/ is held to the emblem's
    weight and size (config/emblem.theme_image_problem). One in double quotes whose `\\` YAML read as
    an escape is said as typed (config/backslash.py)."""
    present = {f.src for f in inputs.files if not f.excluded}
    in_content = {f.src for f in inputs.files if f.from_content and not f.excluded}
    for key, path, line in inputs.theme_images:
        if (eaten := quoted_backslash(key, path)) is not None:
            problems.error(CONFIG_FILE, line, f"theme.{key}", *eaten)
            continue
        rel = path.replace("\\", "/").lstrip("/")  # Windows' `\` read as `/` (adapter/translate.slashed_theme_paths)
        if not rel or "://" in rel or path.startswith("//"):
            continue
        if (rel := posixpath.normpath(rel)) in present:
            if rel in in_content and (heavy := theme_image_problem(key, rel, inputs.read(rel))):
                problems.error(CONFIG_FILE, line, f"theme.{key}", *heavy)
            continue
        what, example = _THEME_IMAGES[key]
        problems.error(CONFIG_FILE, line, f"theme.{key}", f"không có tệp `{path[:80]}` ({what}) trong content/",
                       f"chép tệp ảnh vào content/ rồi ghi đường dẫn tính từ content/ ở dòng `{key}:` của mục "
                       f"`theme:`, ví dụ `{key}: {example}`; hoặc xóa dòng đó để dùng hình mặc định")

@dataclass
class SiteRead:
    """What `read_site` found: the build's corpus and pages, every problem, and the files of
    content/ that must not be published (refused by the inventory, or used by drafts only)."""

    corpus: Corpus
    generated: list[Generated]
    problems: Problems
    withheld: set[str] = field(default_factory=set)
    query_pages: dict = field(default_factory=dict)  # output file -> redirectmap.Rule list
    linked: dict = field(default_factory=dict)  # page src -> srcs of the items linking it (checks.Site.linked)
    pictures: frozenset[str] = frozenset()  # files pages show only as pictures (site/originals.py)
    files: frozenset[str] = frozenset()  # what a link may name on the built site (_public_files), generated pages
    unused_pictures: frozenset[str] = frozenset()  # pictures nothing uses (site/unusedpictures.py)
    aliases: list = field(default_factory=list)  # pages.alias_pages of the final corpus
    served: published.Served | None = None  # what an online build serves, for the address record (site/published.py)
    compared: published.Compared | None = None  # the published site's record compared with it, when given


def read_site(inputs: Inputs, site: SiteConfig, urls: UrlScheme, include_drafts: bool) -> SiteRead:
    """Corpus, generated pages and every problem, from content/ (build and check alike).

    The inventory decides what each file of content/ is; the engine's list only says which
    of them the site's own `exclude_docs` leaves out. No page or alias may replace another
    output (`planned_outputs`). A build that shows drafts leaves out each draft with an error
    and checks the site again without it (content/drafts/policy.py), until no shown draft has one.
    """
    keep = inputs.keep
    inventory = inputs.inventory or take_inventory(inputs.docs_dir, keep)
    problems = Problems()
    problems.extend(list(inventory.problems))
    in_content = {f.src for f in inputs.files if f.from_content}
    content = {f.src for f in inputs.files if f.from_content and not f.excluded}
    pages_md = [src for src in inventory.pages if src in content]
    assets = {src: size for src, size in inventory.static.items() if src in content}
    corpus, found = build_corpus({src: inputs.read(src) for src in pages_md}, site, urls,
                                 assets=assets, include_drafts=include_drafts)
    problems.extend(found)
    sharing.check_image(site.share_image, assets, inputs.read, problems, site.share_image_line, in_content - set(assets))
    _check_theme_images(inputs, problems)
    if inputs.theme_palette:
        palette.check(inputs.theme_palette, palette.stylesheet(inputs.theme_dirs), problems)
    if "CNAME" in assets and (found_cname := siteurl.cname_problem(site.site_url, inputs.read("CNAME"))):
        problems.items.append(found_cname)
    # A page that failed its own checks is "not published, see its errors" to a page linking
    # it, not "missing": a province's review went looking for a file that was there.
    failed_pages = {src for src in pages_md if corpus.by_src(src) is None}
    unread = {src: inputs.read(src) for src in failed_pages}
    texts = tuple(text for src in sorted(failed_pages) if (text := body_of(src, unread[src], site)) is not None)
    handbooks = frozenset(src for src in failed_pages if (declared_type(unread[src]) or folder_kind(src)) == "qa")
    read = _Read(inputs, urls, keep | {site.share_image} - {""}, inventory, assets, in_content, pages_md,
                 failed_pages, unread, include_drafts, frozenset(content), texts, handbooks)
    every_draft = unpublished_drafts(corpus.items, unread)
    if not include_drafts:  # a draft's problems never block publishing: it is not published
        checked = _checked(read, corpus, problems)
        checked.problems = demote(checked.problems, every_draft)
        return _counted(read, checked, unpublished_drafts((), unread))
    left_out = failing(problems, every_draft)
    found_before: list = []  # problems of drafts left out by a later round, which that round no longer finds
    while True:
        checked = _checked(read, corpus.leaving_out(left_out), problems)
        more = failing(checked.problems, every_draft) - left_out
        if not more:
            break
        left_out |= more
        found_before += [p for p in checked.problems.items if p.path in more]
    said = set(checked.problems.items)
    checked.problems.extend([p for p in dict.fromkeys(found_before) if p not in said])
    checked.problems = demote_shown(checked.problems, every_draft, left_out)
    return _counted(read, checked, every_draft & set(unread))


@dataclass(frozen=True)
class _Read:
    """What `read_site` read once, for each round of `_checked`."""

    inputs: Inputs
    urls: UrlScheme
    keep: frozenset[str]  # named in mkdocs.yml: published whoever links it
    inventory: Inventory
    assets: Mapping[str, int]
    in_content: set[str]
    pages_md: list[str]
    failed_pages: set[str]
    unread: Mapping[str, bytes]  # bytes of the pages that failed their own checks
    include_drafts: bool  # a preview: drafts are shown, so their addresses written as text stay
    content: frozenset[str] = frozenset()  # content/'s files, those the site's `exclude_docs` leaves out aside
    unread_texts: tuple[Text, ...] = ()  # the bodies of the pages that failed their own checks: their links
    unread_handbooks: frozenset[str] = frozenset()  # which of those are handbooks (their questions failed)


@dataclass
class _Checked:
    """One round of `_checked`: a SiteRead but for its counts and the redirect map's pages."""

    corpus: Corpus
    generated: list[Generated]
    problems: Problems
    withheld: set[str]
    linked: dict
    held: int  # static files only drafts use (Counts.draft_only)
    planned: list[tuple[str, str]]  # planned_outputs
    pictures: frozenset[str] = frozenset()  # originals.shown_only
    unused_pictures: frozenset[str] = frozenset()  # unusedpictures.unused


def _checked(read: _Read, corpus: Corpus, found: Problems) -> _Checked:
    """Generated pages, links, addresses and what must not be published, for `corpus` (its
    drafts left out given no page), on top of the problems `found` so far (not changed)."""
    inputs, urls, inventory, assets, unread = read.inputs, read.urls, read.inventory, read.assets, read.unread
    problems = Problems(list(found.items))
    site = corpus.site
    generated = generated_pages(corpus, urls)
    unread_drafts = unpublished_drafts((), unread)  # a takedown whose front matter broke is one too
    targets = link_site(corpus, assets, generated=[urls.src_uri(p.path) for p in generated],
                        refused=inventory.refused | (read.failed_pages - unread_drafts), read=inputs.read,
                        short_prefix=urls.prefixes.short, unread_drafts=unread_drafts)
    used = check_links(corpus.items, targets, problems)
    check_unread_links(read.unread_texts, targets, unread_drafts, read.unread_handbooks, problems)  # with their own errors
    as_read = corpus
    if targets.by_address:  # links by the site's full address become links to files (checks._own_address)
        corpus = corpus.with_files(targets.by_address, targets.hidden)
    if targets.to_drafts:  # published pages' links to drafts become their words (checks._to_draft), those too
        corpus = corpus.unlinked(targets.to_drafts)
    mentioned = {} if read.include_drafts else _without_drafts_addresses(
        corpus, as_read, site, urls, problems, {src: unread[src] for src in unread_drafts}, generated)
    if mentioned:  # a draft's address written as text, in a summary, a source: left out (content/drafts/mentions.py)
        corpus = corpus.replaced(mentioned)
    if targets.to_drafts or targets.by_address or mentioned:
        generated = generated_pages(corpus, urls)  # listings and question pages hold the items
    # What drafts with a slip use, read from their text: theirs too, not nobody's (content/drafts/files.py)
    own = OwnAddress(site.site_url, site.published_url)  # `https://<site>/tai-lieu/a.pdf` too, as the check reads it
    used = _merged(used, uses_of({src: unread[src] for src in unread_drafts}, assets, own))
    held = draft_only(used, corpus, unread_drafts) - read.keep
    problems.extend(inventory.draft_link_problems(held))
    # What a page that failed its own checks names is its own, not nobody's: it is not published
    # this build, but the editor mends its date, not deletes its picture (a hostile review, session 42)
    failed = set(uses_of({src: unread[src] for src in set(unread) - unread_drafts}, assets, own))
    unused = (inventory.loose & set(assets)) - set(used) - read.keep - failed  # a Word file no page uses (issue 14)
    problems.extend(inventory.unused_problems(unused))
    aliases = [(page.old, page.src) for page in alias_pages(corpus, urls)]
    planned = planned_outputs(inputs)  # once: it looks each content file up in every theme folder
    check_addresses(corpus, generated, urls, problems, aliases, planned)
    withheld = (read.in_content - inventory.accepted) | held | unused
    pictures = originals.shown_only(used, targets.as_file, read.keep) - withheld
    spare = unusedpictures.unused(set(assets) - withheld, used, read.keep) - failed
    named = originals.mentioned_in(_outside_texts(read.inputs), pictures | spare) if pictures or spare else set()
    pictures -= named  # the old host's map, mkdocs.yml, the site's stylesheets
    spare -= named
    problems.extend(unusedpictures.problems(spare))
    return _Checked(corpus, generated, problems, withheld, targets.linked, len(held), planned, pictures, spare)


def _outside_texts(inputs: Inputs) -> Iterator[str]:
    """Texts beyond the built site that may name a picture by its address: the redirect map
    (old portal addresses of an image, shared on Zalo, lead to it), mkdocs.yml (`extra:`) and
    the site's own theme folder (a stylesheet's `url()`, a template), which `bantin check` reads
    too, so that it calls unused no picture the build keeps. One at a time: read only when asked."""
    try:
        redirects = redirectmap.read_map_text(inputs.redirect_map) if inputs.redirect_map else None
    except (OSError, UnicodeDecodeError, ValueError):
        redirects = None  # `bantin check` says why (redirectmap.check_map)
    yield redirects or ""
    yield inputs.config_text
    if inputs.custom_dir and os.path.isdir(inputs.custom_dir):
        yield from originals.texts_under(Path(inputs.custom_dir))


def _counted(read: _Read, checked: _Checked, unread_drafts: set[str]) -> SiteRead:
    """`checked` with its corpus's counts and the redirect map's own pages, once its problems are final."""
    problems = checked.problems
    corpus = checked.corpus.recounted(len(read.pages_md) + read.inventory.failed_files(problems, read.assets), problems,
                                      draft_only=checked.held, unread_drafts=unread_drafts)
    site, urls, generated = corpus.site, read.urls, checked.generated
    aliases = alias_pages(corpus, urls)
    taken = _outputs(corpus, generated, urls, aliases, checked.planned)
    query_pages = _query_pages(read.inputs, site, urls, corpus, taken, problems)
    files = _public_files(read.content, corpus, checked.withheld, unread_drafts) | {
        urls.src_uri(page.path) for page in generated}
    served = published.served_by(corpus, generated, urls, aliases) if urls.directory_urls else None
    taken |= set(query_pages) | set(artifact_files(corpus, urls))
    compared = _published_moves(read.inputs, served, taken, problems)
    return SiteRead(corpus, generated, problems, checked.withheld, query_pages, checked.linked,
                    checked.pictures, frozenset(files), checked.unused_pictures, aliases, served, compared)


def _outputs(corpus: Corpus, generated: list[Generated], urls: UrlScheme, aliases: list,
             planned: list[tuple[str, str]]) -> set[str]:
    """The output files of the build's pages, aliases, short links and other files (a
    folder one writer owns ends with '/'): where a redirect made from an old address (the
    redirect map's, the published record's) may not go."""
    taken = {urls.dest(item.path) for item in corpus.published} | {urls.dest(page.path) for page in generated}
    taken |= {urls.redirect_file(page.old, urls.directory_urls) for page in aliases}
    taken |= {urls.redirect_file(urls.short(q.id), urls.directory_urls) for _, q in corpus.questions()}
    return taken | {out for out, _ in planned}


def _published_moves(inputs: Inputs, served: published.Served | None, taken: set[str],
                     problems: Problems) -> published.Compared | None:
    """What comparing with the published site's record gives: redirects from its addresses
    that moved, warnings for those no page serves now (site/published.py). Online builds only
    (`served`): the offline copy has no address anyone printed."""
    if not inputs.published or served is None:
        return None
    record = published.read_file(inputs.published, problems)
    if record is None:
        return None
    failing = published.failing_keys(p.path for p in problems.errors)  # told by their errors, not as lost
    compared = published.compare(record, served, frozenset(rel.casefold() for rel in taken), failing)
    for src, message, fix in compared.warnings:
        problems.warn(src, 0, "", message, fix)
    return compared


def _public_files(content: frozenset[str], corpus: Corpus, withheld: set[str], unread_drafts: set[str]) -> set[str]:
    """content/'s files this build's site has: not a draft's page it does not show (a takedown
    too, or a draft that did not read), not a file it withholds (only drafts use it, no page
    uses a Word file, refused). /admin/tep.json lists them (webeditor.known_files), and /admin/
    is public: a draft's file name says its title (hostile review H2, session 41)."""
    def shown(src: str) -> bool:
        item = corpus.by_src(src)
        return src not in unread_drafts and (item is None or corpus.shows(item))
    return {src for src in content if src not in withheld and shown(src)}


def _draft_notes(problems: Problems, corpus: Corpus) -> dict[str, tuple]:
    """Problems of each draft this build shows, by source: its page lists them under its
    "bản nháp" banner (bantin-item.html), so the editor sees there what to fix before it goes
    out. Only the shown drafts' own: a draft left out has no page (the preview lists those)."""
    notes: dict[str, list] = {}
    for problem in problems.items:
        item = corpus.by_src(problem.path)
        if item is not None and item.meta.draft and corpus.shows(item) and is_draft_problem(problem):
            notes.setdefault(problem.path, []).append(problem)
    return {src: tuple(sorted(found)) for src, found in notes.items()}


def _without_drafts_addresses(corpus: Corpus, as_read: Corpus, site: SiteConfig, urls: UrlScheme, problems: Problems,
                              unread_drafts: Mapping[str, bytes], generated: list[Generated]) -> dict[str, Item]:
    """src → each published item that writes a draft's address, without it (warned of). A draft
    that failed its own checks counts too, at the addresses its lines and file name give it, with
    its questions' pages (content/drafts/broken.py); never at another page of the build."""
    shown = corpus.published
    unread: dict[str, tuple[str, tuple[str, ...]]] = {}
    for src, data in unread_drafts.items():
        found = broken.addresses(src, data, site)
        for kind, slug in found.places:
            unread.setdefault(urls.item(kind, slug), (src, found.ids if kind == "qa" else ()))
    reserved = [page.path for page in generated] + [alias for item in shown for alias in item.meta.aliases]
    addresses = DraftAddresses.of([item for item in corpus.items if item.meta.draft], shown,
                                  (site.published_url, site.site_url), urls.prefixes.short, unread, reserved)
    if addresses is None:
        return {}
    return without_drafts_all(shown, {item.src: item for item in as_read.items}, addresses, problems)


def _merged(used: dict[str, set[str]], more: dict[str, set[str]]) -> dict[str, set[str]]:
    """file → users of both maps, in a new map: `used` is the link check's own."""
    return {path: used.get(path, set()) | more.get(path, set()) for path in used.keys() | more.keys()}


def _query_pages(inputs: Inputs, site: SiteConfig, urls: UrlScheme, corpus: Corpus, taken: set[str],
                 problems: Problems) -> dict:
    """The site's own redirect pages for the redirect map's old addresses with a query
    (redirectmap.query_pages), kept clear of every other output file (`taken`: `_outputs`)."""
    try:
        text = redirectmap.read_map_text(inputs.redirect_map) if inputs.redirect_map else None
    except (OSError, UnicodeDecodeError, ValueError):
        text = None  # `bantin check` says why (redirectmap.check_map)
    if text is None:
        return {}
    lines, _ = redirectmap.parse_redirect_lines(text, redirectmap.DEFAULT_REDIRECT_MAP)
    # A draft's address (its slug often says its title) never goes into a published page;
    # `bantin check` warns about such a line (redirectmap.check_targets).
    drafts = {item.path for item in corpus.items if item.meta.draft} - {item.path for item in corpus.published}
    lines = [line for line in lines if redirectmap.target_path(line[2]) not in drafts]
    # A line written under an earlier `urls: article:` leads to the article now at its slug,
    # as `bantin redirects` makes it (`bantin check` names the line to fix).
    moved = redirectmap.moved_articles([redirectmap.target_path(new) for _, _, new in lines], corpus, urls)
    lines = [(n, old, "/" + moved[p] + "/" if (p := redirectmap.target_path(new)) in moved else new)
             for n, old, new in lines]
    return redirectmap.query_pages(lines, site.site_url, {t.lower() for t in taken}, urls,
                                   redirectmap.DEFAULT_REDIRECT_MAP, problems)


def planned_outputs(inputs: Inputs) -> list[tuple[str, str]]:
    """(output file, writer) of every file the engine writes that is not a page: the theme's
    static templates and assets, then the static files from content/ (a content file that
    would replace a theme asset, say `assets/javascripts/bantin.js`, is reported), and the
    folders of the search index and the image variants ('…/')."""
    found = [(f"{SEARCH_DIR}/", "chỉ mục tìm kiếm (assets/search/)"), (f"{images.OUT_DIR}/", images.WHO),
             (f"{webeditor.ADMIN}/", webeditor.WHO)]  # reserved even when this build writes no editor
    found += [(name, f"giao diện ({name})") for name in inputs.static_templates if name not in SITEMAPS]
    found += [(name, name) for name in inputs.extra_templates]  # a content file, rendered by the engine
    for file in inputs.files:
        if file.page or file.excluded:  # pages: check_addresses; excluded: not written
            continue
        if not file.from_content:
            found.append((file.dest, f"giao diện ({file.src})"))
            continue
        if any(os.path.isfile(os.path.join(folder, file.src)) for folder in inputs.theme_dirs):
            found.append((file.dest, f"giao diện ({file.src})"))
        found.append((file.dest, file.src))
    return found


def check(settings: Settings, inputs: Inputs) -> tuple[Corpus | None, Problems]:
    """What `bantin check` reports: the build's own validation, without rendering anything."""
    problems = Problems()
    site = site_config(settings, problems)
    if problems.errors:
        return None, problems
    urls = UrlScheme(site.prefixes)
    found = read_site(inputs, site, urls, include_drafts=False)
    problems.extend(found.problems)
    if inputs.redirect_map:  # the redirect map beside mkdocs.yml: targets still pages? (issue 14)
        redirectmap.check_map(inputs.redirect_map, redirectmap.DEFAULT_REDIRECT_MAP, found.corpus, found.generated,
                              urls, inputs.files, problems)
    return found.corpus, problems


# --- 3., 5., 7. a build -------------------------------------------------------------------

class Failed(Exception):
    """The build stops: `problems.errors` say why (the adapter logs them)."""

    def __init__(self, what: str, problems: Problems):
        super().__init__(what)
        self.what, self.problems = what, problems


def _related_lists() -> dict[str, list[str]]:
    """Worker job: every item's related list (the worker inherits the view, see background)."""
    return RelatedIndex(background.shared("view").corpus).all()


def _search_index(out_dir: Path):
    """Worker job: the search index, written to `out_dir`."""
    return build_search_index(background.shared("view").search_docs(), out_dir)


@dataclass
class Build:
    """Everything one build derives from the content; replaced wholesale on each build.
    The adapter's own state (the engine's nav, the second renderer) extends it."""

    corpus: Corpus
    urls: UrlScheme
    view: SiteView
    site_dir: str = ""
    withheld: set[str] = field(default_factory=set)  # files of content/ never copied
    generated_pages: list[Generated] = field(default_factory=list)  # to add to the engine's files, in order
    items_by_src: dict[str, Item] = field(default_factory=dict)
    generated: dict[str, Generated] = field(default_factory=dict)
    resizer: Resizer | None = None
    worker: object = None  # background.start(): QR codes, related lists and search on the second core
    search: background.Job | None = None
    gate: Gate | None = None  # every file this build writes (outputs/gate.py)
    query_pages: dict = field(default_factory=dict)  # the redirect map's own pages (SiteRead.query_pages)
    linked: dict = field(default_factory=dict)  # page src -> srcs of the items linking it (SiteRead.linked)
    pictures: frozenset[str] = frozenset()  # copied, then removed once their variants are made (finish)
    files: frozenset[str] = frozenset()  # what a link may name (SiteRead.files), for the web editor
    unused_pictures: frozenset[str] = frozenset()  # copied, then removed unless the built site names them (finish)
    aliases: list = field(default_factory=list)  # the aliases' redirect pages (SiteRead.aliases)
    served: published.Served | None = None  # what an online build serves (SiteRead.served)
    compared: published.Compared | None = None  # the published site's record compared (SiteRead.compared)
    short_links: dict[str, str] | None = None  # a question's page → its short link, for print (printlinks)

    @classmethod
    def begin(cls, inputs: Inputs, site: SiteConfig, urls: UrlScheme, *, include_drafts: bool, serving: bool,
              log: logging.Logger) -> "Build":
        """Read and check the site (`Failed` on errors, warnings logged), then start the work
        that needs no rendered page on the second core."""
        found = read_site(inputs, site, urls, include_drafts)
        later = set(unusedpictures.problems(found.unused_pictures))  # said once removed (withdraw_originals)
        for warning in found.problems.warnings:  # the live preview lists the drafts left out (adapter/preview.py)
            if warning not in later:
                log.info(str(warning), extra={LEFT_OUT: True} if is_left_out(warning) else None)
        if found.problems.errors:  # many articles naming one undeclared category: one error (content/undeclared.py)
            used = {item.category.slug for item in found.corpus.items if item.category is not None}
            raise Failed("Nội dung có lỗi", undeclared.folded(found.problems, site, used, dict(site.category_lines)))
        corpus = found.corpus
        log.info(corpus.counts.summary())
        if found.compared is not None and found.compared.line:
            log.info(found.compared.line)
        if drafts_line := corpus.counts.drafts_line():
            log.info(drafts_line)
        view = SiteView(corpus, urls, content_policy=site.content_policy and not serving and urls.directory_urls,
                        draft_notes=_draft_notes(found.problems, corpus))
        worker = background.start(len(corpus.items), view=view)
        # In the worker, in this order: QR codes and related lists are needed by pages (and
        # settled before the second renderer forks); search is collected at the end.
        view = replace(view, qrcodes=QrCodes(view.printed_urls(), worker, qrcodes.KEPT if serving else None),
                       related_lists=background.Job(worker, _related_lists, what=RELATED))
        build = cls(corpus, urls, view, inputs.site_dir, found.withheld, found.generated, worker=worker,
                    query_pages=found.query_pages, linked=found.linked, pictures=found.pictures, files=found.files,
                    unused_pictures=found.unused_pictures, aliases=found.aliases, served=found.served,
                    compared=found.compared)
        build.search = background.Job(worker, _search_index, Path(inputs.site_dir) / SEARCH_DIR, what=SEARCH)
        background.release(worker)  # the last job: the worker ends with it
        return build

    def nav_sections(self) -> list:
        """The site's navigation, as {title: source path} entries: sections and categories
        only (a nav listing every article makes the build O(n²)), then the pages of trang/."""
        src, urls, corpus = self.urls.src_uri, self.urls, self.corpus
        nav: list = [{"Trang chủ": src("")}, {"Tin tức": src(urls.prefixes.article)}]
        # The categories index first: Material's tab for a section opens its first page, which
        # was the first category (a reader's review, session 22).
        nav.append({"Chuyên mục": [src(urls.category()), *({c.title: src(urls.category(c.slug))} for c in corpus.categories)]})
        nav += [{"Hỏi - Đáp": src(urls.prefixes.qa)}, {"Hướng dẫn": src(urls.prefixes.guide)},
                {"Văn bản": src(urls.document())}, {"Lưu trữ": src(urls.year())}, {"Tìm kiếm": src(urls.search())}]
        nav += [{i.title: i.src} for i in corpus.published if i.kind == "page" and i.src.startswith("trang/")]
        return nav

    def page_meta(self, src: str) -> dict | None:
        """Title and template of a page this build owns (a content item or a generated
        page), None for a page it leaves to the engine."""
        item = self.items_by_src.get(src)
        if item is not None:
            return {"title": item.title, "template": "bantin-item.html"}
        generated = self.generated.get(src)
        if generated is not None:
            return {"title": generated.nav_title or generated.title, "template": generated.template}
        return None

    def has_toc(self, src: str) -> bool:
        """Whether the page's own headings make its table of contents: not the printable
        handbook's, whose Markdown is only its intro (a contents of the intro alone, without
        the questions, misled; the questions are the page)."""
        generated = self.generated.get(src)
        return generated is None or generated.kind != "handbook-print"

    def page_html(self, src: str, html: str, iframe_hosts: Sequence[str]) -> Markup:
        """A page's converted HTML as it may be published. What editors wrote (content items,
        question pages, the printable handbook, whose Markdown is its handbook's intro) goes
        through the sanitiser, then its plain tables get their column names on each cell for a
        phone (convert/tablelabels.py); generated listings, whose Markdown is empty, are kept as they
        are (their template writes the page). A question's answer is kept for the printable
        handbook and JSON-LD."""
        generated = self.generated.get(src)
        if generated is not None and generated.kind == "handbook-print":  # its groups' intros apart
            html, intros = split_print_html(html)
            for place, part in intros.items():
                self.view.group_intros[f"{generated.path}#{place}"] = self._published(part, generated.path, iframe_hosts)
        if src in self.items_by_src or (generated is not None and generated.shows_text):
            item = self.items_by_src.get(src)
            html = self._published(str(html), item.path if generated is None else generated.path, iframe_hosts, item)
        else:
            html = Markup(html)
        if generated is not None and generated.question is not None:
            self.view.answers[generated.path] = html
        return html

    def _published(self, html: str, page: str, iframe_hosts: Sequence[str], item: Item | None = None) -> Markup:
        """Editors' HTML sanitised, its plain tables labelled, its links' addresses after them
        on paper (the page at `page` resolves them; an address `item`'s footer prints, its
        source's or an attachment's, is not printed twice)."""
        view = self.view
        if self.short_links is None:  # once a build: every question's page and place → its short link
            self.short_links = printlinks.short_links(self.urls, ((h.path, q.id) for h, q in self.corpus.questions()))
        address_of = printlinks.addresser(self.urls, page, view.file_address if self.corpus.site.site_url else None,
                                          self.short_links)
        footer = () if item is None else self._footer_addresses(item)
        return Markup(printlinks.print_addresses(label_tables(clean(html, iframe_hosts)), address_of, footer))

    def _footer_addresses(self, item: Item) -> list[str]:
        """The addresses an item's footer prints: its source's and its attachments'."""
        source = item.meta.source
        return ([source.url] if source and source.url else []) + [
            self.view.file_address(a.file) for a in item.meta.attachments]

    def claim_outputs(self, files: Iterable[SourceFile], static_templates: Iterable[str],
                      extra_templates: Iterable[str], read: Callable[[str], bytes | None],
                      image_widths: tuple[int, ...], previous: Path | None = None) -> None:
        """The output gate, every file the engine writes already claimed (see outputs/gate.py),
        and the image resizer writing through it (reusing the variants of `previous`, the last
        good build `bantin serve` shows, and of the folder BANTIN_IMAGE_CACHE names). Raises
        OutputError on a clash."""
        gate = Gate(self.site_dir)
        gate.own(SEARCH_DIR, "chỉ mục tìm kiếm (assets/search/)")
        gate.own(images.OUT_DIR, images.WHO)
        gate.own(webeditor.ADMIN, webeditor.WHO)
        for name in static_templates:
            gate.claim(name, artifacts.ARTIFACTS if name in SITEMAPS else f"giao diện ({name})")
        for name in extra_templates:
            gate.claim(name, name)  # the content file of that name, rendered
        for file in files:
            if not file.excluded:
                gate.claim(file.dest, file.src)
        self.gate = gate
        self.resizer = Resizer(read, gate, image_widths, previous, imagecache.from_environment())
        self.view = replace(self.view, resizer=self.resizer,  # pages' shared pictures are its variants
                            thumbnails=self.resizer.thumbnail)  # cards are made after this

    def finish(self, log: logging.Logger) -> None:
        """Search index collected, the worker let go, artifacts written (OutputError on a clash;
        background.JobFailed when the worker failed or died)."""
        stats = self.search.result()
        background.stop(self.worker)
        log.info(f"Bản tin: tìm kiếm: {stats.docs} mục, {stats.shards} phần, "
                 f"{format_decimal(stats.bytes / 1e6)} MB ({stats.files} tệp)")
        self.embed_search_manifest(stats.manifest)
        artifacts.write_all(self.view, list(self.generated.values()), self.gate, self.redirects(), self.query_pages)
        self.write_published()
        self.write_editor()
        self.withdraw_originals(log)

    def withdraw_originals(self, log: logging.Logger) -> None:
        """The originals of pictures every page shows through variants, removed from the site now
        that every page is written (site/originals.py). The resizer's verdict is asked here for a
        picture only the second renderer's pages showed: the same bytes give the same verdict.
        The pictures nothing uses go too (site/unusedpictures.py); the site is read once for both."""
        pictures = self.pictures if self.resizer is not None else frozenset()
        if not pictures and not self.unused_pictures:
            return
        resizer = self.resizer
        named = originals.named(self.gate.root, pictures | self.unused_pictures)  # a `url()`, a page's text
        removed = originals.withdraw(pictures - named, self.gate, lambda rel: resizer.get(rel) is not None)
        if removed:
            total = sum(size for _, size in removed)
            log.info(f"Bản tin: {len(removed)} ảnh gốc không đăng (trang chỉ dùng các cỡ thu nhỏ), "
                     f"bớt {format_decimal(total / 1e6)} MB")
        spare = originals.withdraw(self.unused_pictures - named, self.gate, lambda rel: True)
        for warning in unusedpictures.problems(rel for rel, _ in spare):  # what was removed, not what was
            log.info(str(warning))  # feared: a picture a built page names stays, unwarned (review M1, session 42)
        if spare:
            total = sum(size for _, size in spare)
            log.info(f"Bản tin: {len(spare)} ảnh không bài nào dùng, không đăng (`bantin check` liệt kê), "
                     f"bớt {format_decimal(total / 1e6)} MB")

    def embed_search_manifest(self, manifest_json: str) -> None:
        """The index's manifest written into the rendered search page, which then needs no
        manifest.js (site/searchpage.py); left as rendered when its template has no place
        for it or the manifest is too large."""
        rel = self.urls.dest(self.urls.search())
        who = self.gate.writer(rel)
        page = self.gate.read(rel, who) if who else None
        html = searchpage.embed_manifest(page.decode("utf-8", "replace"), manifest_json) if page else None
        if html is not None:
            self.gate.write(rel, html, who)

    def write_published(self) -> None:
        """The record of every address this online build serves (site/published.py), for the
        next build to compare with."""
        if self.served is not None:
            text = published.record_text(self.served, self.compared, self.corpus)
            self.gate.write(published.RECORD, text.encode("utf-8"), artifacts.ARTIFACTS)

    def write_editor(self) -> None:
        """The web editor at /admin/, when this build has one (webeditor.wanted)."""
        site = self.corpus.site
        if not webeditor.wanted(site.editor, offline=not self.urls.directory_urls):
            return
        pages = webeditor.page_addresses(self.corpus.published, self.corpus.questions(), self.urls.prefixes.short)
        for rel, data in webeditor.admin_files(site, self.corpus.questions(), self.corpus.items, self.linked,
                                               self.files, pages):
            self.gate.write(rel, data, webeditor.WHO)

    def abort(self) -> None:
        """The build failed: the worker ends now, its folder is about to be deleted."""
        background.stop(self.worker, kill=True)

    def redirects(self) -> list[tuple[str, str, str]]:
        """(old path, new path, title): question short links and editors' aliases."""
        corpus, urls = self.corpus, self.urls
        found = [(urls.short(q.id), urls.question(h.path, q.id), q.title) for h, q in corpus.questions()]
        found += [(page.alias, page.path, page.title) for page in self.aliases]
        titles = {page.path: page.title for page in self.generated.values()}
        titles.update((item.path, item.title) for item in corpus.published)
        found += [(old, new, titles.get(new, "")) for old, new, _ in (self.compared.moved if self.compared else [])]
        return found
