"""`bantin serve` and `bantin edit`: MkDocs' live preview, saying what is wrong instead of hanging.

MkDocs' server, when a rebuild fails, logs in English "The server will appear stuck until
build errors are resolved" and holds every page request until a build succeeds; a first
build that fails ends the server ("Aborted with a BuildError!"). An editor who saved a file
with a mistake saw the browser load for minutes and no reason (a province's review, session
23; `bantin edit`'s preview, beside the web editor, is the same server).

Here a failed build is said in the browser: the server moves on, so the page reloads at
once; every page of the last good build opens with a box listing the build's errors (the
same Vietnamese lines `bantin check` prints), and reloads again when the file is fixed. A
first build that fails leaves a start page holding the list. Each build goes to a folder
beside the served one and replaces it only when it succeeds (MkDocs empties its folder
before building, which left nothing of the last good build to show). What counts as the build's
errors is what it logged as errors; a build that stopped without one shows its exception.

A draft's mistake is not the build's (content/drafts/policy.py): the build succeeds without that
draft, and every page (the missing draft's address too, not /admin/) opens with a box naming
the drafts left out and why, from the log records the build marks (site/build.LEFT_OUT).

For the one call, two names of `mkdocs.commands.serve` are replaced: `build` (which now
reports instead of raising) and `LiveReloadServer` (which wraps the rebuild, where reading a
broken mkdocs.yml also fails, and adds the box to each page it sends). The rest is MkDocs'
own serve.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from mkdocs.commands import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from bantin.adapter import compat
from bantin.adapter.vendorfiles import VendoredFiles
from bantin.config import precheck, sitefile
from bantin.convert import previewcache
from bantin.site.build import LEFT_OUT
from bantin.site.webeditor import ADMIN

MAX_SHOWN = 30  # errors listed in the box; the rest are counted
SUMMARY = "xem các dòng ở trên"  # the build's last line points at the lines above it, in a terminal
START_PAGE = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bản xem trước</title></head>'
              '<body><p style="font:16px/1.5 Arial,sans-serif;padding:16px">Chưa dựng được trang lần nào.</p>'
              '</body></html>')


class Failures:
    """The errors of the last build (empty once a build succeeds)."""

    def __init__(self, config_file: str = "") -> None:
        self.messages: list[str] = []
        self.config_file = config_file  # read again, in Vietnamese, when a rebuild cannot load it
        self.built = False  # a build has succeeded: there is a last good build to show
        self.drafts: list[str] = []  # problems of the drafts the last build left out (content/drafts/policy.py)

    def run(self, action: Callable[[], None], site_dir: str | None = None, clears: bool = True) -> None:
        """Run a build and keep what it logged as errors when it fails; `clears`: a success
        forgets them (not for the rebuild around a build, which reports only its own failure:
        reading a broken mkdocs.yml)."""
        seen = _Collector()
        loggers = [logging.getLogger(name) for name in compat.engine_loggers()]
        for log in loggers:
            log.addHandler(seen)
        try:
            action()
        except Exception as exc:  # not Ctrl+C; a template's or the plugin's fault too, not only the content's
            listed = [m for m in dict.fromkeys(seen.messages) if SUMMARY not in m]
            self.messages = listed or self._reason(exc)
            loggers[0].error("Bản xem trước chưa cập nhật: %s (cũng hiện ở đầu trang trên trình duyệt). Sửa rồi "
                             "lưu tệp, trang sẽ tự dựng lại.", "nội dung có lỗi, xem các dòng trên" if seen.messages
                             else self.messages[0])
            loggers[0].debug("Chi tiết lỗi:", exc_info=True)
            if site_dir and not os.path.exists(os.path.join(site_dir, "index.html")):
                with open(os.path.join(site_dir, "index.html"), "w", encoding="utf-8") as page:
                    page.write(START_PAGE)
        else:
            if clears:
                self.messages, self.built = [], True
        finally:
            if clears:  # the build's own run (not the rebuild around it): its drafts are the current ones
                self.drafts = list(dict.fromkeys(seen.drafts))
            for log in loggers:
                log.removeHandler(seen)

    def _reason(self, exc: Exception) -> list[str]:
        """A failure that logged no error: a broken mkdocs.yml (said as `bantin check` says it),
        else the exception itself, named for whoever looks after the site."""
        if self.config_file:
            try:
                sitefile.load(self.config_file)
            except precheck.ConfigError as problem:
                return [str(problem)]
            except Exception:  # the check itself: fall back to the exception
                pass
        if isinstance(exc, MkDocsException):
            return [str(exc) or type(exc).__name__]
        return [f"lỗi không do nội dung ({type(exc).__name__}: {exc}); nếu sửa giao diện (theme/) thì xem lại tệp "
                "vừa sửa, nếu không hãy báo người phụ trách kỹ thuật"]

    @property
    def shown(self) -> bool:
        """Whether pages get a box: the last build failed, or left drafts out."""
        return bool(self.messages or self.drafts)

    def box(self) -> bytes:
        """The notice put at the top of each page while the last build has failed, or has
        left drafts out (then a milder one: the rest of the preview is up to date)."""
        if not self.messages:
            return _notice("status", "data-bantin-preview-drafts", "#fff8e1", "#5c3c00", "#b26a00",
                           "Bản nháp có lỗi nên chưa hiện trong bản xem trước.",
                           "Các trang khác đã cập nhật. Sửa các lỗi sau rồi lưu tệp; bản nháp sẽ hiện.", self.drafts)
        return _notice("alert", "data-bantin-preview-errors", "#fff4f4", "#7a0016", "#b00020",
                       "Bản xem trước chưa cập nhật: lần dựng mới có lỗi.",
                       f"{'Trang dưới đây là lần dựng trước. ' if self.built else ''}"
                       "Sửa các lỗi sau rồi lưu tệp; trang sẽ tự tải lại.", self.messages)


def _notice(role: str, marker: str, background: str, colour: str, border: str, title: str, text: str,
            lines: list[str]) -> bytes:
    """A box at the top of a page: `title` in bold, `text`, then `lines` (at most MAX_SHOWN)."""
    shown = "".join(f"<li>{html.escape(m)}</li>" for m in lines[:MAX_SHOWN])
    more = len(lines) - MAX_SHOWN
    if more > 0:
        shown += f"<li>… và {more} lỗi khác (chạy <code>bantin check</code> để xem hết).</li>"
    return (
        f'<div role="{role}" {marker} style="position:sticky;top:0;z-index:100000;'
        f"max-height:50vh;overflow:auto;margin:0;padding:12px 16px;background:{background};color:{colour};"
        f'border-bottom:3px solid {border};font:16px/1.5 Arial,Helvetica,sans-serif">'
        f"<strong>{title}</strong> {text}"
        f'<ul style="margin:.5em 0 0;padding-left:1.2em">{shown}</ul></div>'
    ).encode("utf-8")


class _Collector(logging.Handler):
    """A build's errors, and the problems of the drafts it left out (records marked LEFT_OUT)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []
        self.drafts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())
        elif getattr(record, LEFT_OUT, False):
            self.drafts.append(record.getMessage())


def _server_class(failures: Failures) -> type:
    vendored_files = VendoredFiles()  # Decap's bundle, with a validator (adapter/vendorfiles.py)

    class PreviewServer(LiveReloadServer):
        """MkDocs' server, its rebuilds reported (`failures`) and its pages carrying them."""

        def __init__(self, builder, *args, **kwargs) -> None:
            super().__init__(lambda *a, **k: failures.run(lambda: builder(*a, **k), clears=False), *args, **kwargs)
            self._request = threading.local()  # the path asked for, per request thread

        def _serve_request(self, environ, start_response):
            self._request.path = environ.get("PATH_INFO", "")
            parts = _site_parts(self._request.path, getattr(self, "mount_path", "/"))
            kept = vendored_files.answer(parts, self.root, environ, start_response, self._guess_type)
            return kept if kept is not None else super()._serve_request(environ, start_response)

        def _for_editor(self) -> bool:
            """Whether the page being sent is the web editor's (/admin/), read as MkDocs reads
            PATH_INFO (`/./admin/`, `//admin/` are /admin/ too)."""
            return _site_parts(getattr(self._request, "path", ""), getattr(self, "mount_path", "/"))[:1] == [ADMIN]

        def _guess_type(self, path):  # Decap reads config.yml by its type and said it was "not yaml"
            return "text/yaml" if str(path).endswith((".yml", ".yaml")) else super()._guess_type(path)

        def _boxed(self) -> bool:
            """Whether the page being sent gets the box: not the web editor's (/admin/). There it
            stood over Decap's top bar (its `top:0`, its z-index), and "Công bố", which saves
            the fix the box asks for, could not be pressed (editor's trial, session 34); and
            the editor's page refuses the reload script (webeditor.content_policy), so the box
            would stay after the fix. The preview pages keep it, and so does a missing page.
            PATH_INFO is read as MkDocs reads it (`/./admin/`, `//admin/` are /admin/ too)."""
            return failures.shown and not self._for_editor()

        @property
        def error_handler(self) -> Callable[[int], bytes | None]:
            return self._error_page

        @error_handler.setter
        def error_handler(self, handler: Callable[[int], bytes | None]) -> None:
            self._handler = handler  # MkDocs' own: the site's 404.html

        def _error_page(self, code: int) -> bytes | None:
            """A page the last good build lacks (a new article that failed; /admin/ too, when
            no build has succeeded yet: no editor to cover) says why and reloads once fixed."""
            content = self._handler(code)
            if not failures.shown:
                return content
            page = super()._inject_js_into_html(content or START_PAGE.encode("utf-8"), getattr(self, "_visible_epoch", 0))
            return _with_box(page, failures)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            if self._for_editor():  # its policy refuses the reload script: a console error at each load, nothing more
                return content  # (editor's trial, session 43, F7); a reload under an editor's typing is not wanted
            content = super()._inject_js_into_html(content, epoch)
            return _with_box(content, failures) if self._boxed() else content

    return PreviewServer


def _site_parts(path: str, mount: str) -> list[str]:
    """The folders and file of a request's PATH_INFO inside the site, read as MkDocs' server
    reads it (`/./admin/`, `//admin/` are /admin/ too; `..` cannot climb out of the site)."""
    path = path.encode("latin-1", "replace").decode("utf-8", "ignore")
    inside = path[len(mount):] if (path + "/").startswith(mount) else path
    return [part for part in posixpath.normpath("/" + inside).split("/") if part]


def _with_box(content: bytes, failures: Failures) -> bytes:
    """`content` with the build's errors at the top of its body."""
    body = content.find(b"<body")
    end = content.find(b">", body) if body >= 0 else -1
    at = end + 1 if end >= 0 else 0
    return content[:at] + failures.box() + content[at:]


@contextmanager
def _reporting(failures: Failures):
    build, server = mkdocs_serve.build, mkdocs_serve.LiveReloadServer

    def reported_build(config, **kwargs) -> None:
        served = config.site_dir
        staging = tempfile.mkdtemp(prefix="bantin-xem-truoc-", dir=os.path.dirname(os.path.abspath(served)))
        config.site_dir = staging  # MkDocs empties site_dir first: the last good build would be gone
        previewcache.SERVED.path = Path(served)  # its picture variants are reused, not encoded again
        try:
            failures.run(lambda: build(config, **kwargs), served)
        except BaseException:  # Ctrl+C, or a fault that is not the content's: nothing left behind
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            config.site_dir = served
            previewcache.SERVED.path = None
        if failures.messages:
            shutil.rmtree(staging, ignore_errors=True)
        else:
            _swap(staging, served)

    mkdocs_serve.build, mkdocs_serve.LiveReloadServer = reported_build, _server_class(failures)
    try:
        yield
    finally:
        mkdocs_serve.build, mkdocs_serve.LiveReloadServer = build, server


@contextmanager
def _terminated_as_interrupt():
    """SIGTERM (a closed terminal, a service manager, a test) ends the preview as Ctrl+C does, so
    MkDocs deletes its folder and a build in progress its own (they stayed in /tmp)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _swap(built: str, served: str) -> None:
    """Move a finished build into the served folder (the server holds page requests until the
    build is over, so none sees it half done), then delete the old one and the empty folder."""
    os.makedirs(served, exist_ok=True)  # deleted under it (a /tmp cleaner): served again from now
    old = tempfile.mkdtemp(prefix="bantin-xem-truoc-cu-", dir=os.path.dirname(os.path.abspath(served)))
    try:
        for name in os.listdir(served):
            os.replace(os.path.join(served, name), os.path.join(old, name))
        for name in os.listdir(built):
            os.replace(os.path.join(built, name), os.path.join(served, name))
    finally:  # whatever happened, no copy of the site is left behind
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(built, ignore_errors=True)


def serve(config_file: str, address: str) -> None:
    """Live preview of `config_file` at `address`, rebuilt on every change; errors shown in the
    page, where this MkDocs has the names it takes (compat.preview_hooks)."""
    if not compat.preview_hooks():
        mkdocs_serve.serve(config_file, dev_addr=address, livereload=True)
        return
    with _reporting(Failures(config_file)), _terminated_as_interrupt():
        mkdocs_serve.serve(config_file, dev_addr=address, livereload=True)
