"""Writing files in the project without following symlinks.

A symlink in the content folder could make the importer write outside the project; both
the article writer and the redirect map refuse one and say how to fix it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bantin.problems import visible
from bantin.tools.importer.result import ImportFailure


def _no_symlink_on_the_way(path: Path) -> str | None:
    """A message when `path`, or a folder on the way to it below the current folder, is a symlink."""
    path = Path(path)
    here = Path.cwd()
    full = path if path.is_absolute() else here / path
    steps = [full, *full.parents]
    for step in steps:
        if step == here or here not in step.parents and step != full:
            break
        if step.is_symlink():
            return (f"{visible(step)} là liên kết tượng trưng (symlink); bantin không ghi qua liên kết ra "
                    "chỗ khác. Cách sửa: xóa liên kết và dùng tệp, thư mục thật trong dự án")
    return None


def write_no_follow(path: Path, text: str) -> None:
    """Replace a text file, never through a symlink: a temporary file beside it, then a rename
    (a rename replaces a link itself, never its target; the link case is refused before)."""
    wrong = _no_symlink_on_the_way(path)
    if wrong:
        raise ImportFailure(wrong)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
