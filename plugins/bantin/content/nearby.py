"""The file an editor meant when a path names none (issue 14, part 5): `images/anh.png` written
from content/ instead of from the article's folder, `content/tin-tuc/bai.md` copied from the
repository's file list, `Anh.PNG` for `anh.png`. The message then gives the exact path to type.

A file of the same name (compared without case) anywhere in content/; when several share it,
the one closest to the path written. No guess when the name matches nothing.
"""

from __future__ import annotations

import posixpath
from typing import Iterable


class Known:
    """The files of content/ a path may name: `known(path)` says whether one is there,
    `known.near(path, folder)` which one was meant, as a path relative to `folder`."""

    def __init__(self, paths: Iterable[str]):
        self.paths = frozenset(paths)
        self._by_name: dict[str, list[str]] | None = None

    def __call__(self, path: str) -> bool:
        return path in self.paths

    def __contains__(self, path: str) -> bool:
        return path in self.paths

    def near(self, path: str, folder: str) -> str | None:
        """The path to type, relative to `folder` (the page's folder), or None."""
        if self._by_name is None:
            self._by_name = {}
            for known in sorted(self.paths):
                self._by_name.setdefault(posixpath.basename(known).lower(), []).append(known)
        found = self._by_name.get(posixpath.basename(path).lower(), [])
        if not found:
            return None
        parts = path.lower().split("/")
        best = max(found, key=lambda known: (_shared_tail(known.lower().split("/"), parts), -len(known)))
        return posixpath.relpath(best, folder or ".")


def _shared_tail(a: list[str], b: list[str]) -> int:
    """How many trailing path parts two paths share."""
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count
