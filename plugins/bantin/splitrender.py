"""Pages rendered on both cores: MkDocs works through pages one by one; forked copies help.

MkDocs has two page loops: converting every page's Markdown (after `on_nav`), then
rendering every page's template (after `on_env`). Each is shared with a forked copy of the
build that handles a page exactly as MkDocs would: the build from the front of MkDocs'
page list (its own loop), the fork from the back, each claim made under one shared lock,
meeting in the middle. Neither waits for the other, however uneven the pages and whatever
else the machine is running (the search worker).

The fork sends back what the build needs of its pages (`work`'s result per page: the
converted HTML, headings and anchors; nothing for rendered templates, which the fork
writes itself), its log records (so its warnings print once and count under `--strict`)
and its error if it had one; `join` replays the records, raises `RenderError` if the fork
failed, and returns the results.
Without fork (Windows), on small sites, with `--dirty` or with BANTIN_JOBS=1, every page
is rendered in the build process, as MkDocs alone would; BANTIN_JOBS=2 splits any site.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
from typing import Any, Callable, Sequence

from .background import die_with_parent

MIN_PAGES = 400  # below this a fork costs more than it saves
SKIPPED = "Page skipped: '{}'. Generated empty output."  # MkDocs' line for a page rendered to nothing


class RenderError(Exception):
    """The second renderer failed; its own messages have been logged already."""


class _Ends:
    """The next free page at each end of the list, in memory both processes share."""

    def __init__(self, count: int):
        self.shared = multiprocessing.get_context("fork").Array("q", [0, count])

    def front(self, index: int) -> bool:
        with self.shared.get_lock():
            if index < self.shared[1]:
                self.shared[0] = index + 1
                return True
            return False

    def back(self, index: int) -> bool:
        with self.shared.get_lock():
            if index >= self.shared[0]:
                self.shared[1] = index
                return True
            return False


class _Capture(logging.Handler):
    """The fork's log records, kept to be replayed by the build."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _HideSkipped(logging.Filter):
    """Drops MkDocs' 'Page skipped' line for the pages the fork wrote."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.INFO or record.getMessage() not in self.lines


def wanted(pages: int, dirty: bool) -> bool:
    """Whether a build of `pages` pages should share its page loops with forks."""
    jobs = os.environ.get("BANTIN_JOBS", "")
    if jobs == "1" or dirty or not hasattr(os, "fork"):
        return False
    return jobs == "2" or pages >= MIN_PAGES


class PageSplit:
    """Shares one of MkDocs' page loops with one forked process; see the module docstring."""

    def __init__(self, pages: Sequence, work: Callable[[object], Any]):
        self.pages, self.work = list(pages), work
        self.index = {page.file.src_uri: n for n, page in enumerate(self.pages)}
        self.ends = _Ends(len(self.pages))
        self.theirs: set[str] = set()  # src_uri of every page the fork claimed
        self.pid: int | None = None
        self.reader: int | None = None
        self.in_fork = False
        self.hide = _HideSkipped()

    def start(self) -> None:
        gc.freeze()  # the fork then shares the corpus' memory instead of copying it
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            self.in_fork = True
            self._run_fork(writer)  # never returns
        gc.unfreeze()
        os.close(writer)
        self.pid, self.reader = pid, reader
        logging.getLogger("mkdocs.commands.build").addFilter(self.hide)

    def mine(self, page) -> bool:
        """True when this process renders `page`; in the build process this claims it."""
        if self.in_fork:
            return True
        index = self.index.get(page.file.src_uri)
        if index is None or self.ends.front(index):
            return True
        self.theirs.add(page.file.src_uri)
        self.hide.lines.add(SKIPPED.format(page.file.src_uri))
        return False

    def elsewhere(self, page) -> bool:
        """True, in the build process, for a page the fork has."""
        return page.file.src_uri in self.theirs

    def _run_fork(self, writer: int) -> None:
        status = 1
        try:
            die_with_parent()
            capture = _capture_logs()
            error, results = None, {}
            try:
                for index in range(len(self.pages) - 1, -1, -1):
                    if not self.ends.back(index):
                        break
                    page = self.pages[index]
                    results[page.file.src_uri] = self.work(page)
            except BaseException as exc:  # reported to the build, never raised past the fork
                error = f"{type(exc).__name__}: {exc}"
            with os.fdopen(writer, "wb") as out:
                pickle.dump((capture.records, error, results), out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)

    def join(self) -> dict[str, Any]:
        """Wait for the fork, replay its log, raise RenderError if it failed; else its
        result for each page it had, by src_uri."""
        if self.in_fork or self.pid is None:
            return {}
        logging.getLogger("mkdocs.commands.build").removeFilter(self.hide)
        with os.fdopen(self.reader, "rb") as source:
            payload = source.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not payload:
            raise RenderError(f"tiến trình dựng trang thứ hai dừng bất thường (mã {status})")
        records, error, results = pickle.loads(payload)
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if error:
            raise RenderError(f"tiến trình dựng trang thứ hai gặp lỗi: {error}")
        return results

    def abort(self) -> None:
        """The build failed: end the fork and reap it."""
        if self.in_fork or self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if self.reader is not None:
            os.close(self.reader)
        self.pid = self.reader = None
        logging.getLogger("mkdocs.commands.build").removeFilter(self.hide)


def _capture_logs() -> _Capture:
    """In the fork: every record goes to one capture instead of the terminal."""
    capture = _Capture()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
    logging.getLogger("mkdocs").propagate = False
    return capture
