"""Replacing a file of the project whole or not at all.

The new bytes go to a new file beside it (`mkstemp`: created exclusively, so never through a
link), flushed to disk, given the mode asked for, then renamed over the old one: a kill
midway leaves the old file, never an empty or half-written one, and a rename replaces a
symbolic link itself, never its target. `bantin ids` (handbooks) and the importer (articles,
the redirect map) write through here. Ctrl-C is held until the file is in place
(`interrupts.held`): raised inside `mkstemp`, after it made the file, it left that hidden file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bantin.files.interrupts import held


def replace_file(path: Path, data: bytes, mode: int) -> None:
    """Write `data` to `path` in one step, with permission bits `mode` (the umask not applied);
    OSError when it cannot, with nothing left beside `path`."""
    with held():
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, mode)
            os.replace(partial, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
