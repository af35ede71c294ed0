"""Pages rendered on both cores: MkDocs renders pages one by one; a forked copy helps.

At `on_env` every page's Markdown is converted and the template environment is final, so
a forked copy of the build can render any page exactly as MkDocs would. The two processes
take pages from opposite ends of MkDocs' page list and meet in the middle: the build from
the front (MkDocs' own loop), the fork from the back, each claim made under one shared
lock. Neither waits for the other, however uneven the pages and whatever else the machine
is running. The fork may start late (`start(when=…)`): the build renders alone until the
background worker has made the search index, so that the two never hold their memory at
once (issue 17: at 100,000 articles that moment was the build's peak, 7.8 GB); the cores
stay busy meanwhile, with the worker's two processes.

The build renders the pages the fork claimed to nothing and does not write them. The fork
sends back its log records (so its warnings print once and count under `--strict`) and
its error if it had one; `join` replays them and raises `RenderError` when it failed.
Without fork (Windows), on small sites, with `--dirty`, with BANTIN_JOBS=1 or on MkDocs'
public path (adapter/compat.py), every page is rendered in the build process, as MkDocs
alone would; BANTIN_JOBS=2 splits any site (policy.py).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
from typing import Callable, Sequence

from bantin.workers import policy
from bantin.workers.background import settle
from bantin.workers.logrecords import Recorder, replay



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


class _HideSkipped(logging.Filter):
    """Drops the engine's 'Page skipped' line for the pages the fork wrote."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.INFO or record.getMessage() not in self.lines


def wanted(pages: int, dirty: bool) -> bool:
    """Whether a build of `pages` pages should fork a second renderer (policy.py decides)."""
    return policy.render_split(pages, dirty)


class SplitRender:
    """Shares MkDocs' page loop with one forked process; see the module docstring.

    `hide`: (logger, line with '{}' for the page's src_uri) that the engine logs for a page
    rendered to nothing, as the build process renders the fork's pages (the adapter knows
    the text: compat.SKIPPED_LINE); those lines are dropped.
    `loggers`: the loggers whose handlers print and count warnings (`--strict`); the engine
    decides (`properdocs` under ProperDocs, compat.engine_loggers), the fork captures there."""

    def __init__(self, pages: Sequence, build_page: Callable[[object], None],
                 hide: tuple[str, str] | None = None, loggers: Sequence[str] = ("", "mkdocs")):
        self.pages, self.build_page = list(pages), build_page
        self.loggers = tuple(loggers)
        self.hidden_logger, self.hidden_line = hide or ("", "")
        self.index = {page.file.src_uri: n for n, page in enumerate(self.pages)}
        self.ends = _Ends(len(self.pages))
        self.theirs: set[str] = set()  # src_uri of every page the fork claimed
        self.pid: int | None = None
        self.reader: int | None = None
        self.in_fork = False
        self.hide = _HideSkipped()
        self.when: Callable[[], bool] | None = None  # the fork starts once this is true

    def start(self, when: Callable[[], bool] | None = None) -> None:
        """Fork now, or once `when()` is true: it is asked at each page the build claims,
        which until then are all of them."""
        if when is not None and not when():
            self.when = when
            return
        self._fork()

    def _fork(self) -> None:
        self.when = None
        gc.freeze()  # the fork then shares the corpus' memory instead of copying it
        reader, writer = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            self.in_fork = True
            self._run_fork(writer, parent)  # never returns
        gc.unfreeze()
        os.close(writer)
        self.pid, self.reader = pid, reader
        if self.hidden_line:
            logging.getLogger(self.hidden_logger).addFilter(self.hide)

    def mine(self, page) -> bool:
        """True when this process renders `page`; in the build process this claims it."""
        if self.in_fork:
            return True
        if self.when is not None and self.when():
            self._fork()
        index = self.index.get(page.file.src_uri)
        if index is None or self.ends.front(index):
            return True
        self.theirs.add(page.file.src_uri)
        if self.hidden_line:
            self.hide.lines.add(self.hidden_line.format(page.file.src_uri))
        return False

    def elsewhere(self, page) -> bool:
        """True for a page the fork renders and writes (in the build process)."""
        return page.file.src_uri in self.theirs

    def _run_fork(self, writer: int, parent: int) -> None:
        status = 1
        try:
            settle(parent)
            capture = _capture_logs(self.loggers)
            error = None
            try:
                for index in range(len(self.pages) - 1, -1, -1):
                    if not self.ends.back(index):
                        break
                    self.build_page(self.pages[index])
            except BaseException as exc:  # reported to the build, never raised past the fork
                error = f"{type(exc).__name__}: {exc}"
            with os.fdopen(writer, "wb") as out:
                out.write(pickle.dumps((capture.records, error)))
            status = 0
        finally:
            os._exit(status)

    def join(self) -> None:
        """Wait for the fork, replay its log and raise RenderError if it failed."""
        if self.in_fork or self.pid is None:
            return
        logging.getLogger(self.hidden_logger).removeFilter(self.hide)
        with os.fdopen(self.reader, "rb") as source:
            payload = source.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not payload:
            raise RenderError(f"tiến trình dựng trang thứ hai dừng bất thường (mã {status})")
        records, error = pickle.loads(payload)
        replay(records)
        if error:
            raise RenderError(f"tiến trình dựng trang thứ hai gặp lỗi: {error}")

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
        logging.getLogger(self.hidden_logger).removeFilter(self.hide)


def _capture_logs(names: Sequence[str]) -> Recorder:
    """In the fork: every record goes to one recorder instead of the terminal. A logger
    left out would print its records in the fork and count them there, where `--strict`
    never sees the count."""
    capture = Recorder()
    for name in dict.fromkeys(("", *names)):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
        if name:
            logger.propagate = False
    return capture
