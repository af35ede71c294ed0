"""The redirect map: old addresses a static host cannot serve, and their new paths (step 5).

One `old new` pair a line, in `redirects/old-host.map` by default. Its format and reading
are `bantin.site.redirectmap`'s (`bantin check` reads it too); updating it here keeps
existing pairs and reports conflicts.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from bantin.config.settings import UrlPrefixes
from bantin.problems import visible
from bantin.site.redirectmap import MAX_MAP_BYTES, parse_redirect_map, read_map_text
from bantin.tools.importer.result import ImportFailure
from bantin.tools.importer.safefiles import _no_symlink_on_the_way, write_no_follow


def read_redirect_map(path: Path) -> list[tuple[str, str]]:
    """Good pairs from a redirect map file (`OLD_URL NEW_PATH` per line; `#` comments); see
    parse_redirect_map for the lines left out (and reported by `bantin redirects`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_redirect_map(text, str(path))[0]


def map_text(path: Path) -> str:
    """The map's text ("" when there is none yet), or ImportFailure saying, in the words of
    `unreadable`, why it cannot be read. Not opened unless a regular file: a folder named
    `old-host.map` made the write fail with Python's «[Errno 21] Is a directory», a FIFO
    would block the open."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ImportFailure(unreadable(path, exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportFailure(unreadable(path, IsADirectoryError() if stat.S_ISDIR(info.st_mode) else
                                       ValueError("không phải tệp thường")))
    try:
        return read_map_text(str(path)) or ""
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ImportFailure(unreadable(path, exc)) from None


def unreadable(path: Path, exc: Exception) -> str:
    """Why the redirect map cannot be read, in Vietnamese, with the line and the fix
    (`read_map_text`'s errors: Python's own words were shown, «'utf-8' codec can't decode
    byte 0xe1 in position 3», with no line and no fix)."""
    shown = visible(path)
    if isinstance(exc, UnicodeDecodeError):
        data = exc.object if isinstance(exc.object, bytes) else b""
        line = data[: exc.start].count(b"\n") + 1
        return (f"{shown}:{line}: bảng chuyển hướng không phải chữ UTF-8 (có thể đã được lưu bằng Windows-1258 / "
                "ANSI). Cách sửa: mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8)")
    if isinstance(exc, IsADirectoryError):
        return (f"{shown}: đây là một thư mục, không phải tệp; bảng chuyển hướng là một tệp văn bản. Cách sửa: đổi "
                "tên thư mục đó (hay chuyển các tệp trong nó ra chỗ khác rồi xóa nó) để `bantin import` tạo lại "
                "bảng, hoặc chỉ một tệp khác bằng --redirect-map")
    if isinstance(exc, ValueError):  # not a regular file, or over MAX_MAP_BYTES (read_map_text's words)
        return (f"{shown}: không đọc được bảng chuyển hướng ({exc}). Cách sửa: bảng chuyển hướng phải là một tệp "
                f"văn bản thường (không phải liên kết tượng trưng hay thiết bị), dưới {MAX_MAP_BYTES // 1_000_000} MB")
    if getattr(exc, "errno", None) == errno.ELOOP:  # opened with O_NOFOLLOW
        return (f"{shown}: bảng chuyển hướng là liên kết tượng trưng (symlink); bantin không đọc qua liên kết. "
                "Cách sửa: thay liên kết bằng chính tệp bảng chuyển hướng")
    return (f"{shown}: không đọc được bảng chuyển hướng ({getattr(exc, 'strerror', None) or exc}). Cách sửa: "
            "kiểm tra quyền đọc tệp")


# A map target that names an item: `/<segment>/<slug>/`.
TARGET = re.compile(r"/([a-z0-9-]+)/([a-z0-9-]+)/?")


def moved_article(target: str, prefixes: UrlPrefixes) -> str | None:
    """The slug of a map target under a segment none of the site's (`/tin-tuc-su-kien/<slug>/`
    after `urls: article:` changed), else None. The map's lines are the importer's, which
    names articles: such a target is the article of that slug, wherever articles are now."""
    match = TARGET.fullmatch(target)
    if match is None or match.group(1) in prefixes.segments():
        return None
    return match.group(2)


@dataclass
class MapUpdate:
    """What adding pairs to the map did beyond adding them: `conflicts`, old address → the
    message saying its line was kept (it sends readers to another page); `followed`, old
    address → the target its line had, under the articles' segment before `urls:` changed,
    now replaced by the article's address of today; `replaced`, old address → the target its
    line had, a page no longer there, now replaced by the page imported again."""

    conflicts: dict[str, str] = field(default_factory=dict)
    followed: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)


def update_redirect_map(path: Path, pairs: Iterable[tuple[str, str]], root: Path,
                        prefixes: UrlPrefixes = UrlPrefixes()) -> MapUpdate:
    """Add pairs to the map file (sorted, no duplicates): `RedirectMap.add` once."""
    return RedirectMap(path, root, prefixes).add(pairs)


_COMMENTS = [
    "# Bảng chuyển hướng: địa chỉ cũ mà trang tĩnh không phục vụ được (có tham số",
    "# như ?ItemID=…, trang .aspx, .php) và trang mới mà mỗi địa chỉ phải chuyển tới.",
    "# Mỗi dòng: địa chỉ cũ, một dấu cách, địa chỉ mới. Tệp do `bantin import` ghi;",
    "# lệnh `bantin redirects --nginx` (hoặc `--apache`, `--caddy`) in ra cấu hình máy chủ web.",
]


class RedirectMap:
    """The map file as one run of the importer adds to it, page after page.

    Each `add` rewrites the whole file (a temporary file renamed over it: a kill leaves the
    map as it was before or after, never half written), so a page's lines are in the map as
    soon as its file is written. The file is read and parsed once a run, not once a page: a
    map of 5,000 lines from earlier runs made each page's writing cost 35 ms of parsing. It
    is parsed again only when it is no longer the text this run wrote (saved by someone
    else meanwhile, or put back by `git checkout`): their lines are kept, and so are the
    lines this run added before.
    """

    def __init__(self, path: Path, root: Path, prefixes: UrlPrefixes = UrlPrefixes()) -> None:
        """`root`: the project's folder, below which no symlink is followed (write_no_follow)."""
        self.path, self.root, self.prefixes = Path(path), root, prefixes
        self._written: str | None = None  # the text this run wrote last
        self._comments: list[str] = []
        self._kept: list[str] = []
        self._mapping: dict[str, str] = {}
        self._added: dict[str, str] = {}  # this run's pairs, written again if the file lost them

    def add(self, pairs: Iterable[tuple[str, str]], replace: dict[str, str] | None = None) -> MapUpdate:
        """Add pairs to the map file (sorted, no duplicates).

        An old address already mapped to another page keeps its first mapping (`conflicts`),
        unless that mapping is the same article under a segment the site no longer has
        (`moved_article`): re-imported after `urls: article:` changed, its line follows it
        (`followed`); or unless `replace` names that very mapping (old address → the target
        the caller found gone: the page was deleted and imported again elsewhere), which is
        replaced (`replaced`); a line someone changed since is kept. Lines the map cannot use (parse_redirect_map) are kept as written, for
        `bantin redirects` to report. The file is never written through a symlink below
        `root`, the project's folder (write_no_follow).
        """
        path = self.path
        wrong = _no_symlink_on_the_way(path, self.root)
        if wrong:
            raise ImportFailure(wrong)
        text = map_text(path)
        if text != self._written:
            self._read(text)
        mapping = self._mapping
        done = MapUpdate()
        replace = replace or {}
        for old, new in pairs:
            if old in mapping and mapping[old] != new:
                slug = moved_article(mapping[old], self.prefixes)
                if replace.get(old) == mapping[old]:
                    done.replaced[old] = mapping[old]
                elif slug is not None and new == f"/{self.prefixes.article}/{slug}/":
                    done.followed[old] = mapping[old]
                else:
                    done.conflicts[old] = (
                        f"địa chỉ cũ {old} đã được chuyển hướng tới {mapping[old]} trong {path} nên "
                        f"không đổi sang {new}; nếu bài mới đúng là {new}, hãy sửa dòng đó trong {path}"
                    )
                    continue
            mapping[old] = self._added[old] = new
        lines = self._comments + self._kept + [f"{old} {new}" for old, new in sorted(mapping.items())]
        written = "\n".join(lines) + "\n"
        self._written = None  # until written whole: a failed write is read again next time
        try:
            write_no_follow(path, written, self.root)
        except OSError as exc:
            raise ImportFailure(f"{visible(path)}: không ghi được bảng chuyển hướng ({exc.strerror or exc}). Cách "
                                "sửa: kiểm tra quyền ghi vào tệp và thư mục của nó, và chỗ trống trên đĩa") from None
        self._written = written
        return done

    def _read(self, text: str) -> None:
        """The map's comments, the lines it cannot use (kept as written) and its pairs."""
        good, _ = parse_redirect_map(text, str(self.path))
        self._mapping = dict(good)
        for old, new in self._added.items():
            self._mapping.setdefault(old, new)
        good_lines = {f"{old} {new}" for old, new in good}
        self._comments = [line for line in text.splitlines() if line.strip().startswith("#")] or list(_COMMENTS)
        self._kept = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")
                      and " ".join(line.split()) not in good_lines]
