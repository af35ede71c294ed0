"""One writer at a time in a folder: an advisory lock held for a whole command.

Two `bantin import` runs into the same handbook at once lost questions: each read the
handbook, added its question and renamed its copy over the file, so one run's rename dropped
what the other had just written, while both reported the question written and put its line
in the redirect map (review of session 32, H2). Checking the file again before the rename
only narrows that window; a lock held from the first read to the last write closes it.

The lock is `flock` on the folder itself (a descriptor of the directory, opened read-only):
- no file is made, so there is nothing for an editor to commit and nothing the build or
  `bantin check` reports, and nothing to clean up after a crash;
- the system drops it when the process ends, however it ends (kill -9, a closed terminal):
  a lock never outlives its run;
- it is advisory: it orders the commands that take it and stops nobody else (an editor's
  program, `git`), which only `replace_file`'s whole-file renames protect.

Without `fcntl` (Windows) there is no lock (`FolderLock.acquire` says so by returning False):
`msvcrt` locks byte ranges of a file, and there a file would have to be made in the site.
A file system that refuses `flock` (some network shares) is treated the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class FolderLock:
    """An exclusive lock on one folder, taken once and released once (or by the process's end)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._fd: int | None = None

    def acquire(self, waiting: Callable[[], None]) -> bool:
        """Take the lock, calling `waiting()` once first when another process holds it, then
        waiting for it (Ctrl-C raises KeyboardInterrupt, nothing held). False, without
        waiting, when no lock can be taken here (no fcntl, the folder cannot be opened, the
        file system refuses): the command then runs as it did before the lock existed."""
        if fcntl is None:
            return False
        try:
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return False
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # ENOLCK, EINVAL…: a file system without flock
            os.close(fd)
            return False
        except BaseException:  # Ctrl-C while waiting
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        """Let the next command in (closing the descriptor drops the lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def run_locked(folder: Path, waiting: Callable[[], None], stopped: Callable[[], None], work: Callable[[], int]) -> int:
    """`work()`'s exit code, run under `folder`'s lock (`waiting()` said once if it has to
    wait); 130 after `stopped()` when Ctrl-C ends the wait, nothing done. The commands that
    rewrite content (`bantin import`, `bantin ids`) run through here."""
    lock = FolderLock(folder)
    try:
        lock.acquire(waiting)
    except KeyboardInterrupt:
        stopped()
        return 130
    try:
        return work()
    finally:
        lock.release()
