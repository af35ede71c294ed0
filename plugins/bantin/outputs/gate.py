"""One gate for every file a build writes (issue 12, DESIGN §7).

Every writer of the build (feeds, sitemap, redirect pages, robots.txt, image variants, the
search index) asks a `Gate` for the place of its file, and the adapter registers every file
MkDocs itself writes (pages, static files, theme assets) with the same gate before a page is
rendered. The gate refuses, with a Vietnamese message and never a traceback:

- a name that is not a plain relative path: absolute, `..`/`.`/empty segments, backslashes,
  NUL or control characters, a segment longer than 255 bytes, a Windows-reserved name
  (`con`, `nul`, `com1`…, with or without extension: the offline copy goes on a USB stick);
- a path that leaves the output folder, through `..` or through a symlinked folder;
- a second writer of one file, a file under another output file (`feed.xml/x`), a file
  where another output is a folder, a file in a folder that belongs to one writer
  (`assets/search/`, `assets/img/`).

No MkDocs import: the content checks (`pages.check_addresses`) use the same rules, so
`bantin check` reports what the build would refuse.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bantin.outputs import offlinecopy
from bantin.problems import visible
from bantin.text.names import windows_reserved

MAX_SEGMENT_BYTES = 255  # ext4, NTFS and FAT (in UTF-16 units there, fewer bytes) alike
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FIX = "đổi đường dẫn thành các phần chữ thường không dấu, số và dấu gạch ngang, ngăn bởi `/`"


class OutputError(Exception):
    """A file the build must not write; the message is for editors, in Vietnamese."""


def segment_problem(segment: str) -> str | None:
    """Why one path segment cannot be a file or folder name of the site, or None."""
    if segment in ("", ".", ".."):
        return f"phần `{segment or '(trống)'}` không được dùng trong đường dẫn"
    if "\\" in segment:
        return "có dấu `\\` (đường dẫn phải dùng `/`)"
    if _CONTROL.search(segment):
        return "có ký tự điều khiển (không nhìn thấy)"
    if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
        return f"một phần dài {len(segment.encode('utf-8'))} byte, quá {MAX_SEGMENT_BYTES} byte mà ổ đĩa cho phép"
    if windows_reserved(segment):
        return f"`{segment}` là tên Windows dành riêng (con, prn, aux, nul, com1…, lpt1…), không chép được sang USB"
    return None


_PLAIN_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")
_MAYBE_RESERVED = re.compile(r"(?:^|/)(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[. /]|$)", re.IGNORECASE)


def path_problem(rel: str) -> str | None:
    """Why `rel` is not a plain relative output path, or None when it is one."""
    if (isinstance(rel, str) and len(rel) <= MAX_SEGMENT_BYTES and _PLAIN_PATH.fullmatch(rel)
            and not _MAYBE_RESERVED.search(rel)):
        return None  # the common case, in one pass: ASCII names, no dot segments, nothing reserved
    return _path_problem(rel)


def _path_problem(rel: str) -> str | None:
    """path_problem, segment by segment (the authority the fast path must agree with)."""
    if not isinstance(rel, str) or not rel:
        return "đường dẫn trống"
    if rel.startswith("/") or re.match(r"[A-Za-z]:", rel):
        return f"`{shown(rel)}` là đường dẫn tuyệt đối"
    for segment in rel.split("/"):
        problem = segment_problem(segment)
        if problem:
            return f"`{shown(rel)}`: {problem}"
    return None


def shown(text: str, tail: int = 15) -> str:
    """A path or alias as it can be printed: control characters visible (problems.visible),
    a very long one cut to its first 100 characters and its last `tail`."""
    text = visible(text)
    return text if len(text) <= 120 else text[:100] + "…" + (text[-tail:] if tail else "")


def parents(rel: str) -> list[str]:
    """'a/b/c.html' → ['a', 'a/b']."""
    found, cut = [], rel.find("/")
    while cut >= 0:
        found.append(rel[:cut])
        cut = rel.find("/", cut + 1)
    return found


class Gate:
    """The only way a build writes a file into its output folder (see the module docstring)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.real_root = Path(os.path.realpath(self.root))
        self.files: dict[str, str] = {}  # output file (case-folded) → who writes it
        self.dirs: dict[str, str] = {}  # folder implied by a file → the first writer under it
        self.owned: dict[str, str] = {}  # folder reserved for one writer → that writer
        self._safe_dirs: set[str] = set()  # folders already made and found inside the root

    # --- claims ---------------------------------------------------------------------------
    # Keys are case-folded: on the USB copy (FAT, NTFS) and on Windows or macOS checkouts
    # `Feed.xml` and `feed.xml` are one file, so two outputs may not differ by case only.
    def own(self, folder: str, who: str) -> None:
        """Reserve `folder` and everything under it for `who`."""
        self._valid(folder)
        key = folder.casefold()
        if key in self.files:
            raise OutputError(f"{who} cần thư mục `{folder}` nhưng {self.files[key]} ghi tệp cùng tên")
        self.owned[key] = who
        self._claim_parents(key, who)

    def owner(self, rel: str) -> str | None:
        """Who owns the reserved folder `rel` lies in, if any."""
        key = rel.casefold()
        if not self.owned or not key.startswith(self._owned_starts):  # most files: one C call
            return None
        for folder in (*parents(key), key):
            if folder in self.owned:
                return self.owned[folder]
        return None

    @property
    def _owned_starts(self) -> tuple[str, ...]:
        return tuple(self.owned)

    def claim(self, rel: str, who: str) -> str:
        """Register `who` as the writer of `rel`; raises OutputError for any clash."""
        self._valid(rel)
        key = rel.casefold()
        first = self.files.get(key)
        if first is not None and first != who:
            raise OutputError(f"{who} và {first} cùng ghi tệp `{shown(rel)}` (chữ hoa và chữ thường là một "
                              "trên USB); mỗi tệp chỉ thuộc một nơi")
        owner = self.owner(rel)
        if owner is not None and owner != who:
            raise OutputError(f"{who} muốn ghi `{shown(rel)}` trong thư mục dành riêng cho {owner}")
        if key in self.dirs:
            raise OutputError(f"{who} muốn ghi tệp `{shown(rel)}` nhưng đó là thư mục chứa tệp của {self.dirs[key]}")
        folders = parents(key)
        for folder in folders:
            if folder in self.files:
                raise OutputError(f"{who} muốn ghi `{shown(rel)}` bên trong tệp `{folder}` của {self.files[folder]}")
        self.files[key] = who
        for folder in folders:
            self.dirs.setdefault(folder, who)
        return rel

    def writer(self, rel: str) -> str | None:
        """Who claimed the file `rel`, if anyone did."""
        return self.files.get(rel.casefold())

    def _claim_parents(self, rel: str, who: str) -> None:
        for folder in parents(rel):
            self.dirs.setdefault(folder, who)

    @staticmethod
    def _valid(rel: str) -> None:
        problem = path_problem(rel)
        if problem:
            raise OutputError(f"không ghi tệp ra ngoài khuôn khổ thư mục trang: {problem}. Cách sửa: {_FIX}")

    # --- writing --------------------------------------------------------------------------
    def target(self, rel: str, who: str) -> Path:
        """The absolute path to write `rel` to, its folder created and checked to lie inside."""
        self.claim(rel, who)
        path = self.root / rel
        folder = rel.rpartition("/")[0]
        if folder not in self._safe_dirs:
            self._make_folder(rel, folder)
        return path

    def _make_folder(self, rel: str, folder: str) -> None:
        """Make `folder` (relative) inside the root, sure that no part of it leads out.

        Below the nearest folder already found safe, a part that exists is resolved (it may
        be a planted symlink); parts this call creates are plain folders and need no look.
        """
        if "" not in self._safe_dirs:  # the root itself, which a writer of a subfolder may be first to need
            self.root.mkdir(parents=True, exist_ok=True)
            self._inside(rel, self.root)
            self._safe_dirs.add("")
        known = folder
        while known and known not in self._safe_dirs:
            known = known.rpartition("/")[0]
        for part in (*parents(folder), folder)[len(parents(known)) + (1 if known else 0):]:
            here = self.root / part
            if os.path.lexists(here):
                self._inside(rel, here)
            else:
                here.mkdir(exist_ok=True)
                self._inside_if_link(rel, here)
            self._safe_dirs.add(part)

    def _inside_if_link(self, rel: str, folder: Path) -> None:
        """A folder that mkdir just made is plain, unless something raced it into a symlink."""
        if folder.is_symlink():
            self._inside(rel, folder)

    def _inside(self, rel: str, folder: Path) -> None:
        real = Path(os.path.realpath(folder))
        if real != self.real_root and self.real_root not in real.parents:
            raise OutputError(f"thư mục của `{shown(rel)}` dẫn ra ngoài thư mục trang ({real}): "
                              "có một liên kết tượng trưng (symlink) trong thư mục trang; hãy xóa nó")

    def write(self, rel: str, data: str | bytes, who: str) -> Path:
        """Write `data` (text as UTF-8) to `rel`, never through a symlink at the file itself."""
        path = self.target(rel, who)
        write_new(path, data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def read(self, rel: str, who: str) -> bytes | None:
        """The bytes an earlier step wrote to `rel` (a file `who` writes), to change them;
        None when it is missing or is a symlink (never followed: it may lead anywhere)."""
        path = self.target(rel, who)
        try:
            fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as found:
            return None if path.is_symlink() else found.read()

    def remove(self, rel: str, who: str) -> None:
        """Delete a stale output `rel` (a file this writer owns), if it is there."""
        self._valid(rel)
        (self.root / rel).unlink(missing_ok=True)


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_new(path: Path, data: bytes) -> None:
    """Write bytes to `path`; a symlink in its place is replaced, never followed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError:
        if not path.is_symlink():
            raise
        path.unlink()
        fd = os.open(path, flags, 0o666)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


# --- the output folder itself -------------------------------------------------------------

def within(path: str, folder: str) -> bool:
    """True when `path` is `folder` or lies inside it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _git_dirs(project: str) -> list[str]:
    """The `.git` of the project and of the repository above it, if any."""
    found, here = [], project
    while True:
        candidate = os.path.join(here, ".git")
        if os.path.exists(candidate):
            found.append(candidate)
        parent = os.path.dirname(here)
        if parent == here:
            return found
        here = parent


def site_dir_problem(site_dir: str, config_file: str | None, docs_dir: str, custom_dir: str | None = None) -> str | None:
    """Why the build must not write (and first empty) `site_dir`, or None.

    Emptying the output folder is the first thing a build does, so it may never be, or
    contain, the project (where mkdocs.yml is), `content/`, `.git`, `theme/` or the site's
    custom_dir, and may not lie inside `content/`, `.git` or the theme.
    """
    real = os.path.realpath
    site = real(site_dir)
    project = real(os.path.dirname(os.path.abspath(config_file))) if config_file else real(os.getcwd())
    named = {project: "thư mục dự án (nơi có mkdocs.yml)", real(docs_dir): "thư mục nội dung (docs_dir)",
             real(os.path.join(project, "theme")): "thư mục giao diện theme/"}
    if custom_dir:
        named[real(custom_dir)] = "thư mục giao diện riêng (custom_dir)"
    for git in _git_dirs(project):
        named[real(git)] = "kho git (.git)"
    fix = ("dùng một thư mục riêng cho trang đã dựng, ví dụ `site` (mặc định) hoặc `-d public`; "
           "không trỏ vào dự án, content/, theme/ hay .git")
    for folder, what in named.items():
        if within(folder, site):
            which = "chính là" if folder == site else "chứa"
            return (f"Không dựng vào {site_dir}: thư mục đích {which} {what} ({folder}); dựng trang sẽ xóa "
                    f"sạch thư mục đích trước khi ghi. Cách sửa: {fix}")
    for folder, what in named.items():
        if folder != project and within(site, folder):
            return f"Không dựng vào {site_dir}: thư mục đích nằm trong {what} ({folder}). Cách sửa: {fix}"
    return None


# The theme's own script: every folder a build of Bản tin wrote has it (previous versions too).
OUR_SCRIPT = ("assets", "javascripts", "bantin.js")
# Files a web server or static host reads as its configuration, not as pages (see HOST_FILES_ANYWHERE).
HOST_FILES_TOP = frozenset({"_headers", "_redirects", "_routes.json", "_config.yml", "cname", "crossdomain.xml",
                            "clientaccesspolicy.xml", "favicon.ico", "robots.txt", "netlify.toml",
                            "vercel.json", "staticwebapp.config.json", "firebase.json"})
BUILD_MAY_WRITE = frozenset({"cname", "robots.txt", "favicon.ico"})  # from content/ or our artifacts
HOST_FILES_ANYWHERE = frozenset({"web.config", ".htaccess", ".htpasswd", ".user.ini", "php.ini"})
_MOVE = ("Cách sửa: dựng vào một thư mục trống hoặc chưa có (ví dụ `site` hay `-d public`), hoặc chuyển những "
         "tệp đó ra chỗ khác trước; nhánh GitHub Pages (gh-pages) thì đừng dựng thẳng vào bản sao của nó mà "
         "dùng quy trình xuất bản tự động (.github/workflows/publish.yml)")


SERVER_SCRIPTS = (".php", ".phtml", ".php5", ".asp", ".aspx", ".ashx", ".jsp", ".cgi")


def _stranger(folder: str, deep: bool = False, limit: int = 200_000) -> str | None:
    """The first name anywhere under `folder` that a build never writes, or None.

    Always: a name starting with `.`. With `deep` (a folder without a mark, see
    foreign_folder_problem): also a host configuration file (web.config, .htaccess) or a
    server-side script (.php, .aspx…) at any depth: an application lives there."""
    pending, seen = [folder], 0
    while pending and seen < limit:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    seen += 1
                    name = entry.name.casefold()
                    if name.startswith(".") or deep and (name in HOST_FILES_ANYWHERE or name.endswith(SERVER_SCRIPTS)):
                        return os.path.relpath(entry.path, folder)
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
        except OSError:
            continue
    return None


def foreign_folder_problem(site_dir: str, mark: dict | None = None, default_dir: bool = False) -> str | None:
    """Why `bantin build` must not replace the existing folder `site_dir`, or None.

    Publishing swaps whole folders, so everything in the old folder goes. It may therefore
    only be: missing or empty; or the output of an earlier build. "Ours" means the mark
    the last build left in the lock file beside the folder (publish.read_mark) names this
    very folder and every top-level entry is one it wrote; a folder built before marks
    existed is accepted only when it is the project's own default output (`default_dir`:
    mkdocs.yml's `site_dir`, inside the project), holds index.html and the theme's script
    (in `ban-tin/` for an offline copy, outputs/offlinecopy.py) and nothing a build never
    writes (host configuration, server scripts) at any depth. Any other folder given with
    `-d` must be missing, empty or marked: a web root that once received a copy of an old
    build also holds other people's uploads and applications.
    Either way a name starting with `.` anywhere (`.git`, `.well-known`, `.htaccess`,
    `.nojekyll`) is refused: a build never writes one, so someone else put it there.
    """
    try:
        names = set(os.listdir(site_dir))
    except (FileNotFoundError, NotADirectoryError):
        return None if not os.path.lexists(site_dir) or os.path.isdir(site_dir) else (
            f"Không dựng vào {site_dir}: đó là một tệp, không phải thư mục. Cách sửa: chọn thư mục khác")
    if not names:
        return None
    hidden = _stranger(site_dir)
    if hidden:
        return (f"Không dựng vào {site_dir}: thư mục có `{shown(hidden)}`, thứ mà bantin không bao giờ tạo "
                f"(kho git, .well-known, .htaccess…); dựng trang sẽ thay cả thư mục và xóa nó. {_MOVE}")
    if mark is not None:
        unknown = sorted(names - set(mark.get("names", ())))
        if not unknown:
            return None
        return (f"Không dựng vào {site_dir}: lần dựng trước không tạo {', '.join(f'`{shown(n)}`' for n in unknown[:5])}"
                f"{' …' if len(unknown) > 5 else ''}; ai đó đã thêm vào, và dựng trang sẽ xóa chúng. {_MOVE}. Nếu chúng "
                "do `mkdocs build` tạo ra thì xóa cả thư mục đó rồi dựng lại")
    inner, inner_names = site_dir, names
    if names == {offlinecopy.START_FILE, offlinecopy.SITE_FOLDER}:  # an offline copy: its site is one level down
        inner = os.path.join(site_dir, offlinecopy.SITE_FOLDER)
        try:
            inner_names = set(os.listdir(inner))
        except OSError:
            inner_names = set()
    host = [n for n in inner_names if n.casefold() in (HOST_FILES_TOP | HOST_FILES_ANYWHERE) - BUILD_MAY_WRITE]
    looks_ours = os.path.isfile(os.path.join(inner, *OUR_SCRIPT)) and "index.html" in inner_names
    if looks_ours and not default_dir:
        return (f"Không dựng vào {site_dir}: thư mục trông như trang do phiên bản bantin cũ dựng nhưng không có dấu "
                "của lần dựng trước (tệp khóa bên cạnh), nên không biết chắc mọi tệp trong đó đều do bantin tạo; "
                "chỉ thư mục mặc định trong dự án (`site_dir` của mkdocs.yml, ví dụ site/) mới được thay như vậy. "
                "Cách sửa: dựng vào một thư mục trống hoặc chưa có rồi chép sang, hoặc tự kiểm tra và xóa thư mục "
                "đó trước nếu chắc chắn nó chỉ chứa trang đã dựng")
    stranger = _stranger(site_dir, deep=True) if looks_ours and not host else None
    if looks_ours and not host and not stranger:
        return None  # our default output, built by a version of bantin before the mark
    if stranger:
        return (f"Không dựng vào {site_dir}: thư mục có `{shown(stranger)}` (cấu hình máy chủ hoặc chương trình "
                f"chạy trên máy chủ), thứ mà bantin không bao giờ tạo; dựng trang sẽ thay cả thư mục và xóa nó. {_MOVE}")
    return (f"Không dựng vào {site_dir}: thư mục đã có {len(names)} tệp và không phải trang đã dựng bằng bantin "
            f"(không có dấu của lần dựng trước, không có assets/javascripts/bantin.js); dựng trang sẽ thay thế và "
            f"xóa chúng. {_MOVE}")
