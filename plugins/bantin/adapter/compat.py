"""Every private name of MkDocs, Material and Python-Markdown the build uses, behind one gate.

The build's fast paths (one shared Markdown instance, the second page renderer, the quick
inline pass, cached chrome) lean on names MkDocs and Python-Markdown do not promise to keep:
`_build_page`, the `_…Treeprocessor` classes and their `_register()`, the text of MkDocs'
"Page skipped" line, `File`'s cached properties, Python-Markdown's `Registry._priority` and
`InlineProcessor.__handleInline`. They are all here and nowhere else, so a new release of
either is checked in one place.

`gate()` allows the fast paths only on the exact releases we pin and test (`TESTED`) and only
when every name below still has the shape we use. Otherwise the build takes MkDocs' public
path: MkDocs' own `Page.render` for every page, one process, Material rendering every page
whole. On the pinned releases its output is the same bytes (tests/test_compat.py builds
both), only slower; on an untested release it uses no private name, which is all we know of
it, so `announce` asks the maintainer once per build to compare pages before publishing.
`BANTIN_COMPAT=public` forces the public path with any versions.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import inspect
import logging
import sys
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from bantin.convert import quickinline
from bantin.problems import env_choice
from bantin.convert.previewcache import Conversion

ENV = "BANTIN_COMPAT"  # "public": the public path whatever the versions (tests, a suspect build)
# The exact releases pinned in pyproject.toml and tested: the render caches (rendering.py)
# assume Material's exact templates and Jinja's low-level rendering API, so a later patch
# release is untested too. `mkdocs` is the engine imported as `mkdocs`: ProperDocs aliases
# that name to itself and answers with its own version (tests/test_engines.py).
TESTED = {"mkdocs": "1.6.1", "properdocs": "1.6.7", "markdown": "3.11.3", "mkdocs-material": "9.8.1",
          "jinja2": "3.1.6", "markupsafe": "3.0.4"}


def _private(module: str, name: str):
    """A private name, or None when this release no longer has it (never an ImportError)."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


_build_page = _private("mkdocs.commands.build", "_build_page")
_RawHTML = _private("mkdocs.structure.pages", "_RawHTMLPreprocessor")
_Anchors = _private("mkdocs.structure.pages", "_ExtractAnchorsTreeprocessor")
_Title = _private("mkdocs.structure.pages", "_ExtractTitleTreeprocessor")
_RelativePath = _private("mkdocs.structure.pages", "_RelativePathTreeprocessor")

# MkDocs' log line for a page rendered to nothing, which the second renderer hides.
SKIPPED_LINE = "Page skipped: '{}'. Generated empty output."
_SKIPPED_PIECES = ("Page skipped: '", "'. Generated empty output.")  # as `_build_page`'s f-string holds it



def skipped_logger() -> str:
    """The logger `_build_page` writes its "Page skipped" line to: `mkdocs.commands.build`,
    or `properdocs.commands.build` under ProperDocs, whose import hook serves `mkdocs.*`
    from `properdocs.*` (a filter on the wrong logger let one line per page through)."""
    module = sys.modules.get(getattr(_build_page, "__module__", "") or "")
    log = getattr(module, "log", None)
    return log.name if isinstance(log, logging.Logger) else "mkdocs.commands.build"


def engine_loggers() -> tuple[str, ...]:
    """The loggers whose handlers print and count a build's warnings: `mkdocs`, and the
    engine's own top logger where it differs (`properdocs`, whose `--strict` counter sits
    there): the second renderer's fork must capture records on each (workers/splitrender)."""
    engine = (getattr(_build_page, "__module__", "") or "mkdocs").split(".")[0]
    return tuple(dict.fromkeys(("mkdocs", engine)))


def preview_hooks() -> bool:
    """Whether the live preview can report a failed build in the page (adapter/preview.py):
    MkDocs' serve module still calls the `build` and `LiveReloadServer` it imports, and the
    server still adds its script to each page through `_inject_js_into_html(content, epoch)`.
    Otherwise `bantin serve` is MkDocs' own (which holds pages while a build fails)."""
    serve = _private("mkdocs.commands.serve", "serve")
    server = _private("mkdocs.livereload", "LiveReloadServer")
    inject = getattr(server, "_inject_js_into_html", None)
    return (serve is not None and callable(_private("mkdocs.commands.serve", "build"))
            and _private("mkdocs.commands.serve", "LiveReloadServer") is server and server is not None
            and inject is not None and _params(inject) == ["self", "content", "epoch"])


_HANDLE_INLINE = "_InlineProcessor__handleInline"  # InlineProcessor.__handleInline, name-mangled


# --- the gate ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Gate:
    """Whether this build may take the fast paths; `reasons` says why not."""

    fast: bool
    reasons: tuple[str, ...] = ()
    forced: bool = False  # BANTIN_COMPAT=public


def gate() -> Gate:
    """The fast paths only on tested releases whose private names have the shape we use."""
    if env_choice(ENV, ("", "public"), "biến này chỉ nhận `public` (dựng theo đường công khai của MkDocs)") == "public":
        return Gate(False, (f"{ENV}=public",), forced=True)
    reasons = [*_version_problems(), *_shape_problems()]
    return Gate(not reasons, tuple(reasons))


def engine() -> str:
    """The engine behind `import mkdocs`: "mkdocs", or "properdocs" under ProperDocs."""
    try:
        return importlib.import_module("mkdocs").__name__.split(".")[0]
    except ImportError:
        return "mkdocs"


def _installed(name: str) -> str | None:
    """The version of the module actually imported (ProperDocs answers for `mkdocs`);
    Jinja2 and MarkupSafe by their installed metadata (MarkupSafe deprecates `__version__`)."""
    module = {"mkdocs": "mkdocs", "markdown": "markdown", "mkdocs-material": "material"}.get(name)
    version = None
    if module is not None:
        try:
            version = getattr(importlib.import_module(module), "__version__", None)
        except ImportError:
            return None
    if version is None:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None
    return str(version)


def _version_problems() -> list[str]:
    found = []
    for name in ("mkdocs", "markdown", "mkdocs-material", "jinja2", "markupsafe"):
        version, label = _installed(name), name
        if name == "mkdocs":
            label = engine()
        if version != TESTED.get(label):
            found.append(f"{label} {version or 'không có'} (đã thử: {TESTED.get(label, TESTED['mkdocs'])})")
    return found


def _params(function) -> list[str]:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _shape_problems() -> list[str]:
    """Each private name we use, checked for what we use of it."""
    pages = "mkdocs.structure.pages"
    checks = {
        "mkdocs.commands.build._build_page": lambda: (
            _params(_build_page)[:5] == ["page", "config", "doc_files", "nav", "env"]
            and "excluded" in _params(_build_page)
            and all(piece in _build_page.__code__.co_consts for piece in _SKIPPED_PIECES)),
        f"{pages}._RawHTMLPreprocessor": lambda: (
            hasattr(_RawHTML, "_register") and isinstance(_RawHTML().present_anchor_ids, set)),
        f"{pages}._ExtractTitleTreeprocessor": lambda: hasattr(_Title, "_register") and hasattr(_Title(), "title"),
        f"{pages}._ExtractAnchorsTreeprocessor": lambda: (
            hasattr(_Anchors, "_register") and _params(_Anchors) == ["file", "files", "config"]),
        f"{pages}._RelativePathTreeprocessor": lambda: (
            all(hasattr(_RelativePath, n) for n in ("_register", "_target_uri", "path_to_url"))
            and _params(_RelativePath) == ["file", "files", "config"]),
        f"{pages}.Page._title_from_render": lambda: "_title_from_render" in Page.render.__code__.co_names,
        "mkdocs.structure.files.File.url, .abs_dest_path (cached_property)": lambda: all(
            isinstance(File.__dict__.get(n), functools.cached_property) for n in ("url", "abs_dest_path")),
        "markdown.util.Registry._priority": _registry_shape,
        "markdown.treeprocessors.InlineProcessor.__handleInline": lambda: (
            _params(getattr(InlineProcessor, _HANDLE_INLINE))[:3] == ["self", "data", "patternIndex"]),
    }
    return [f"{name} không còn như MkDocs 1.6 / Markdown 3" for name, check in checks.items() if not _holds(check)]


def _holds(check) -> bool:
    """A shape check; whatever a changed name raises (missing, not callable) means no."""
    try:
        return bool(check())
    except Exception:  # noqa: BLE001 (any surprise from a private name is a failed check)
        return False


def _registry_shape() -> bool:
    registry = Registry()
    registry.register(object(), "x", 7)
    items = getattr(registry, "_priority", None)
    return isinstance(items, list) and [(i.name, i.priority) for i in items] == [("x", 7)]


def announce(found: Gate, log: logging.Logger) -> None:
    """Once per build, for technical maintainers (`bantin serve` shows it to editors too):
    what differs, what the public path does and does not promise, what to do. Identical
    bytes are proven only on the pinned releases; on another, the public path merely avoids
    private names. INFO, not a warning: `--strict` must not fail a build for it."""
    if found.fast:
        return
    why = "; ".join(found.reasons)
    if found.forced:
        log.info(f"Bản tin (cho người quản trị kỹ thuật): dựng theo đường công khai của MkDocs ({why}): "
                 f"chậm hơn; trên các phiên bản đã ghim, trang ra giống hệt đường nhanh. Cách sửa: bỏ biến "
                 f"môi trường {ENV} để dựng nhanh trở lại.")
        return
    log.info(f"Bản tin (cho người quản trị kỹ thuật): dựng theo đường công khai của MkDocs ({why}): mỗi trang "
             f"qua Page.render của MkDocs, một tiến trình, không dùng tên nội bộ của MkDocs/Material/"
             f"Python-Markdown, nên chậm hơn. Phiên bản này chưa được kiểm thử với Bản tin: hãy so sánh các "
             f"trang với bản đang xuất bản trước khi xuất bản. Cách sửa: cài đúng các phiên bản ghi trong "
             f"pyproject.toml (pip install -e .) để dựng nhanh trở lại.")


# --- MkDocs -----------------------------------------------------------------------------
@functools.cache
def _relative_to_docs(links_config: type):
    """What `absolute_links: relative_to_docs` means, asked of MkDocs' own config option
    (its value is the private `_AbsoluteLinksValidationValue.RELATIVE_TO_DOCS`)."""
    links = links_config()
    links.load_dict({"absolute_links": "relative_to_docs"})
    failed, _warnings = links.validate()
    if failed:  # site links '/van-ban/x.md' need it: an engine without it cannot build the site right
        raise PluginError("MkDocs này không hiểu `validation: links: absolute_links: relative_to_docs` "
                          "(có từ MkDocs 1.6), mà liên kết '/van-ban/…' của Bản tin cần nó. Cài đúng các "
                          "phiên bản ghi trong pyproject.toml (pip install -e .).")
    return links.absolute_links


def relative_to_docs(config):
    return _relative_to_docs(type(config.validation.links))


def build_page(page, config, doc_files, nav, env) -> None:
    """MkDocs' own rendering and writing of one page (the second renderer's loop)."""
    _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


def readdress(files: Files, file: File, dest_uri: str, fast: bool) -> File:
    """`file` written at `dest_uri`. Fast: in place, dropping the cached `url` and
    `abs_dest_path`; public: a new File made with that address, in place of the old one
    (it moves to the end of `files`, which no output depends on)."""
    if fast:
        file.dest_uri = dest_uri
        for cached in ("url", "abs_dest_path"):
            file.__dict__.pop(cached, None)
        return file
    moved = File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=dest_uri,
                 inclusion=file.inclusion)
    files.remove(file)
    files.append(moved)
    return moved


@functools.cache
def page_links() -> type:
    """`PageLinks`, made on first use, on the fast path only: subclassing a private MkDocs
    name when compat is imported would break the import itself (and with it the public
    path) the day that name is no longer a class."""

    class PageLinks(_RelativePath):
        """MkDocs' link rewriting, with absolute links ('/van-ban/x.md') looked up once per build.

        An article cites about five documents, each linked as '/van-ban/<slug>.md'; such a
        link names the same file from every page, so its target's URL is kept and only made
        relative per page. Anything else (relative links, anchors, queries, missing or
        excluded targets, other validation settings) takes MkDocs' own path and messages.
        """

        def __init__(self, file: File, files: Files, config, known: dict[str, str]):
            super().__init__(file, files, config)
            self.known = known  # absolute link -> its target's URL, shared by the build's pages

        def path_to_url(self, url: str) -> str:
            target = self.known.get(url)
            if target is None:
                target = self._lookup(url)
                if target is None:
                    return super().path_to_url(url)
            return get_relative_url(target, self.file.url)

        def _lookup(self, url: str) -> str | None:
            if (not url.startswith("/") or any(c in url for c in "?#%\\")
                    or self.config.validation.links.absolute_links is not relative_to_docs(self.config)):
                return None
            found = self.files.get_file_from_path(self._target_uri(self.file.src_uri, url))  # as MkDocs
            if found is None or found.inclusion.is_excluded():
                return None
            self.known[url] = found.url
            return found.url

    return PageLinks


def convert(md: Markdown, page, config, files: Files, known: dict[str, str]) -> Conversion:
    """`page`'s Markdown converted as MkDocs' `Page.render` does, by the build's shared
    instance `md`: MkDocs' per-page processors (links, anchors, title) are registered anew
    on it, replacing the previous page's. The toc is MkDocs' own (titles not yet Markup)."""
    md.reset()
    raw_html = _RawHTML()
    raw_html._register(md)
    anchors = _Anchors(page.file, files, config)
    anchors._register(md)
    links = page_links()(page.file, files, config, known)
    links._register(md)
    title = _Title()
    title._register(md)
    try:
        content = md.convert(page.markdown)
    except RecursionError:  # nesting the reader's limits (content/nesting.py) did not foresee
        raise PluginError(f"content/{page.file.src_uri}: nội dung lồng nhau quá sâu (danh sách, trích dẫn, thẻ HTML "
                          "trong nhau), không tạo được trang. Cách sửa: bỏ bớt các tầng lồng nhau") from None
    keep_links = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG
    return Conversion(content, get_toc(getattr(md, "toc_tokens", [])), title.title,
                      anchors.present_anchor_ids | raw_html.present_anchor_ids,
                      {f.src_uri: v for f, v in links.links_to_anchors.items()} if keep_links else None)


def apply(page, conversion: Conversion, files: Files) -> None:
    """Leave on `page` what MkDocs' `Page.render` leaves (the title it found is private)."""
    page.content, page.toc, page._title_from_render = conversion.content, conversion.toc, conversion.title
    page.present_anchor_ids = conversion.anchors
    if conversion.links is not None:
        page.links_to_anchors = {files.get_file_from_path(src): v for src, v in conversion.links.items()}


# --- Python-Markdown --------------------------------------------------------------------
class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass, leaving text without inline syntax untouched
    (see convert/quickinline.py for why that is exactly what the pass would do)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and quickinline.SYNTAX.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def install_quick_inline(md: Markdown) -> bool:
    """Use the quick inline pass on `md` when its patterns allow it; True if installed."""
    if "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
        return False
    if not quickinline.all_known((item.name, md.inlinePatterns[item.name]) for item in md.inlinePatterns._priority):
        return False
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)
    return True
