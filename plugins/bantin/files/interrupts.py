"""Ctrl-C held back while a page or a file is being written.

Python turns Ctrl-C (SIGINT) into KeyboardInterrupt at whatever line the program is on. In
the middle of a write that left a hidden temporary file beside the file (raised inside
`mkstemp`, after it had made the file: once in 18 stops, session 33), and between a page's
writes it could leave its pictures without the article or the article without its redirect
line. Held, the signal is noted and given back once the block is done: a file is written
whole or not at all, a page with its pictures, its file and its map line, and the run stops
right after.

`held()` holds for its whole block (`files/replace.py` around one file). `page_turn()` wraps
one page of an import: Ctrl-C stops at once while the page is read and checked (nothing is
written yet), and is held from `hold_from_here()` (just before the first write) to the end
of the turn. Holding the signal inside the write alone was tried and dropped (session 33):
the late KeyboardInterrupt surfaced in the importer right after the file was written, which
took it for a failed write and removed the pictures of an article it had written.

Only in the main thread, where Python runs signal handlers: elsewhere nothing is held (the
build's worker threads never write the project's files).
"""

from __future__ import annotations

import signal
import threading
from contextlib import ExitStack, contextmanager
from typing import Iterator


class _Held:
    """What the outermost `held()` block set aside: the handler it replaced, and whether a
    Ctrl-C came while it held."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.previous: object = None

    def note(self, signum: int, frame: object) -> None:  # the handler while held
        self.pending = True


_HELD = _Held()
_TURNS: list[ExitStack] = []


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C for the block, then give it back as the handler there was would have
    (KeyboardInterrupt, normally). Nested blocks hold until the outermost one ends."""
    if not _main_thread():
        yield
        return
    if _HELD.depth == 0:
        _HELD.pending = False
        _HELD.previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, _HELD.note)
    _HELD.depth += 1
    try:
        yield
    finally:
        _HELD.depth -= 1
        if _HELD.depth == 0:
            _release()


def _release() -> None:
    """Put the earlier handler back, then run it if a Ctrl-C came meanwhile."""
    previous = _HELD.previous
    signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if not _HELD.pending:
        return
    _HELD.pending = False
    if callable(previous):
        previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt
    elif previous != signal.SIG_IGN:
        raise KeyboardInterrupt


@contextmanager
def page_turn() -> Iterator[None]:
    """One page of an import: Ctrl-C as usual until `hold_from_here()`, held from there to
    the end of the block."""
    with ExitStack() as stack:
        _TURNS.append(stack)
        try:
            yield
        finally:
            _TURNS.pop()


def hold_from_here() -> None:
    """The page's first write comes next: hold Ctrl-C to the end of its turn (nothing when
    no turn is open, as when a test imports one page alone)."""
    if _TURNS and _main_thread():
        _TURNS[-1].enter_context(held())
