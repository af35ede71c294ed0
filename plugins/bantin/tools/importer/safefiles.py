"""Writing files in the project without following symlinks.

A symlink in the content folder could make the importer write outside the project; both
the article writer and the redirect map refuse one and say how to fix it.
"""

from __future__ import annotations

import os
from pathlib import Path

from bantin.files.replace import replace_file, umask
from bantin.problems import visible
from bantin.tools.importer.result import ImportFailure


def _no_symlink_on_the_way(path: Path, root: Path) -> str | None:
    """A message when `path`, or a folder on the way to it below `root` (the project's folder),
    is a symlink. Anchored on the project, not on the current folder: run from elsewhere with
    an absolute --content-dir, a committed `content/tin-tuc` link still decides nothing."""
    here = Path.cwd()
    if _climbs_back(Path(path)) or _climbs_back(Path(root)):  # `lnk/../content` would pass a textual check
        return (f"{visible(path)}: đường dẫn có `..`; bantin chỉ ghi theo đường dẫn thẳng tới thư mục trong dự án. "
                "Cách sửa: ghi đường dẫn không có `..` (ví dụ `content`)")
    full = Path(path) if Path(path).is_absolute() else here / path
    top = Path(root) if Path(root).is_absolute() else here / root
    full, top = Path(os.path.normpath(full)), Path(os.path.normpath(top))
    if top != full and top not in full.parents:
        return f"{visible(full)} nằm ngoài thư mục dự án {visible(top)}; bantin chỉ ghi trong dự án"
    for step in [full, *full.parents]:
        if step == top:
            break
        if step.is_symlink():
            return (f"{visible(step)} là liên kết tượng trưng (symlink); bantin không ghi qua liên kết ra "
                    "chỗ khác. Cách sửa: xóa liên kết và dùng tệp, thư mục thật trong dự án")
    return None


def _climbs_back(path: Path) -> bool:
    """A `..` after a named folder (`lnk/..`): where it leads depends on links the textual
    check cannot see. Leading `../` (a project beside the current folder) is fine."""
    parts = list(path.parts[1:] if path.is_absolute() else path.parts)
    while parts and parts[0] == "..":
        parts.pop(0)
    return ".." in parts


def write_no_follow(path: Path, text: str, root: Path) -> None:
    """Replace a text file under `root`, never through a symlink: a temporary file beside it,
    then a rename (a rename replaces a link itself, never its target; refused before)."""
    wrong = _no_symlink_on_the_way(path, root)
    if wrong:
        raise ImportFailure(wrong)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, text.encode("utf-8"), 0o666 & ~umask())
