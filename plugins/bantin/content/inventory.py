"""Inventory of content/: every file is a page, a static file we publish, or a problem (issue 12).

MkDocs' own `get_files` follows symbolic links (a link to `/etc/passwd` or to
`../../.git/config` is published), copies any file type verbatim (an `.html` page or an
`.svg` with script runs on our origin), publishes `bai.MD` or `bai.md~` as raw source and
silently drops dotfiles and a top-level `templates/` folder. This module walks content/
itself with `os.scandir`, never following a link, and decides for each file; the build and
`bantin check` both use it (site/build.py's read_site), and the adapter removes from MkDocs' file
list every file that is not accepted here, so it is never copied.

No MkDocs import: the rules are the content model's, not the engine's.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from bantin.files.filecheck import HEAD, check_static, svg_problem
from bantin.problems import Problem, Problems

PAGE = ".md"
# Other spellings of Markdown: MkDocs takes some as pages and copies the rest as raw source.
MARKDOWN_LIKE = {".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"}
IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
DOCUMENTS = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp",
             ".csv", ".zip"}
MEDIA = {".mp3", ".m4a", ".ogg", ".oga", ".wav", ".mp4", ".webm", ".ogv"}
OTHER = {".ico"}  # a favicon
ALLOWED = IMAGES | DOCUMENTS | MEDIA | OTHER
# Types a browser runs script in when the file is opened from our origin.
SCRIPTABLE = {
    ".html": "trang HTML", ".htm": "trang HTML", ".xhtml": "trang HTML", ".xht": "trang HTML",
    ".shtml": "trang HTML", ".xml": "tệp XML", ".xsl": "tệp XSL", ".xslt": "tệp XSL",
    ".js": "mã JavaScript", ".mjs": "mã JavaScript", ".svg": "ảnh SVG", ".svgz": "ảnh SVG",
    ".swf": "tệp Flash",
}
# Editors' text saved into content/ instead of being written as a page (issue 14): published
# only when a page links to it or attaches it (site/build.py), else a warning, never published.
TEXT_DOCUMENTS = {".txt", ".doc", ".docx", ".odt", ".rtf", ".pages"}
LOOSE_FIX = ("nếu đây là nội dung một bài: chép nội dung vào một tệp .md (bài mới) rồi xóa tệp này; nếu là tài liệu "
             "để tải về: đặt trong content/tai-lieu/ và khai báo ở `attachments:` của bài; nếu không cần: xóa tệp")
BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".orig", ".rej")
MAX_DEPTH = 32  # folders inside content/; real sites use three or four
ROOT_FILES = {"CNAME"}  # GitHub Pages' custom domain, beside index.html: plain text, never run
SILENT = {".gitkeep"}  # placeholder that keeps an empty folder in git: not content, not reported
HIDDEN_FOLDERS_TOP = {"templates"}  # MkDocs skips content/templates/ without a word
# Invisible characters that reorder or hide text (review 2, finding 11): `y\u202efdp.zip`
# shows as `ypdf.zip`. Bidirectional embeddings, overrides and isolates, the marks LRM, RLM
# and ALM, zero-width space, word joiner and BOM. Kept here, not in vi, to stay a file rule.
INVISIBLE_IN_NAMES = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Inventory:
    """What content/ holds, decided once: pages, static files, and everything reported."""

    pages: tuple[str, ...] = ()  # .md files, paths relative to content/
    static: Mapping[str, int] = field(default_factory=dict)  # accepted static files → size in bytes
    problems: tuple[Problem, ...] = ()
    refused: frozenset[str] = frozenset()  # files seen and not published (reported or silent)
    walk_hazards: tuple[Problem, ...] = ()  # folder links: MkDocs' own walk would follow them
    links: Mapping[str, str] = field(default_factory=dict)  # accepted symlink → its target (both in content/)
    loose: frozenset[str] = frozenset()  # accepted text documents, published only when a page uses them

    def unused_problems(self, unused: Iterable[str]) -> list[Problem]:
        """Text documents no page links to or attaches: not published, and said so (a warning:
        like a draft, a file that is not published does not stop everyone else's publishing)."""
        found = Problems()
        for path in sorted(unused):
            found.warn(path, 0, "", f"tệp `{posixpath.basename(path)}` (Word, văn bản) không được bài nào dẫn tới "
                       "hay đính kèm nên không được xuất bản", LOOSE_FIX)
        return list(found.items)

    @property
    def accepted(self) -> frozenset[str]:
        return frozenset(self.pages) | frozenset(self.static)

    def failed_files(self, problems: Problems, static: Iterable[str]) -> int:
        """Files that are not pages with an error, the inventory's own and those found later
        (a static file in a name clash): "N tệp có lỗi" agrees with the errors listed."""
        later = {p.path for p in problems.errors} & set(static)
        return len(({p.path for p in self.problems if p.is_error} | later) - set(self.pages))

    def draft_link_problems(self, held: Iterable[str]) -> list[Problem]:
        """A link to a file only drafts use would publish that file before its draft."""
        found = Problems()
        held = set(held)
        for link, target in self.links.items():
            if target in held and link not in held:
                found.error(link, 0, "", f"là liên kết tượng trưng (symlink) tới `{target}`, tệp chỉ bài nháp dùng: "
                            "tệp đó sẽ bị đăng trước bài", "xóa liên kết; khi bài được đăng, dẫn thẳng tới tệp gốc")
        return list(found.items)


def take_inventory(docs_dir: str | os.PathLike, allowed: Iterable[str] = ()) -> Inventory:
    """Walk `docs_dir` without following links and classify every file.

    `allowed` are files the site's configuration names (extra_css, extra_javascript, logo,
    favicon). Kept in content/, editors can change them, so they are checked by content too:
    an SVG is accepted there only (after filecheck.svg_problem), script and style sheets are
    refused (they belong in theme/), other types are checked like any file.
    """
    walker = _Walker(os.fspath(docs_dir), frozenset(allowed))
    walker.walk(walker.root, "")
    return Inventory(tuple(sorted(walker.pages)), dict(sorted(walker.static.items())),
                     tuple(sorted(walker.problems.items)), frozenset(walker.refused), tuple(walker.hazards),
                     dict(sorted(walker.links.items())), frozenset(walker.loose))


class _Walker:
    def __init__(self, root: str, allowed: frozenset[str]):
        self.root, self.allowed = root, allowed
        self.real_root = os.path.realpath(root)
        self.pages: list[str] = []
        self.static: dict[str, int] = {}
        self.problems = Problems()
        self.refused: set[str] = set()
        self.hazards: list[Problem] = []
        self.links: dict[str, str] = {}
        self.loose: set[str] = set()
        self.pending: list[tuple[str, str]] = []  # folders still to read

    def walk(self, folder: str, rel: str) -> None:
        """Every entry below `folder`, depth first in name order; a stack, not recursion, so
        folders nested thousands deep are walked too."""
        self.pending = [(folder, rel)]
        while self.pending:
            here, base = self.pending.pop()
            try:
                entries = sorted(os.scandir(here), key=lambda e: e.name, reverse=True)
            except OSError as exc:
                self.problems.error(base or ".", 0, "", f"không đọc được thư mục ({exc.strerror})",
                                    "kiểm tra quyền đọc của thư mục")
                continue
            names = {entry.name for entry in entries}
            for entry in entries:
                path = posixpath.join(base, entry.name) if base else entry.name
                if self.normalised(entry, path, names):
                    self.entry(entry, path)

    def entry(self, entry: os.DirEntry, path: str) -> None:
        try:
            if entry.is_symlink():
                self.link(entry, path)
            elif entry.is_dir(follow_symlinks=False):
                self.folder(entry, path)
            elif entry.is_file(follow_symlinks=False):
                self.file(path, entry.stat(follow_symlinks=False).st_size)
            else:  # sockets, pipes, devices
                self.refuse(path, "không phải tệp thường", "xóa nó khỏi content/")
        except OSError as exc:
            self.refuse(path, f"không đọc được ({exc.strerror})", "kiểm tra quyền đọc của tệp")

    # --- links -------------------------------------------------------------------------
    def link(self, entry: os.DirEntry, path: str) -> None:
        """A link is never followed out of content/; one to a file inside is that file."""
        target = os.path.realpath(entry.path)
        inside = target == self.real_root or target.startswith(self.real_root + os.sep)
        if not inside:
            self.refuse(path, "là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/; "
                        "tệp đó không được đọc và không được xuất bản",
                        "xóa liên kết; nếu cần tệp đó thì chép một bản vào content/")
            if os.path.isdir(target):
                self.hazards.append(self.problems.items[-1])
        elif os.path.isdir(target):
            self.refuse(path, "là liên kết tượng trưng (symlink) tới một thư mục",
                        "xóa liên kết; đặt tệp trực tiếp trong thư mục cần dùng")
            self.hazards.append(self.problems.items[-1])
        elif not os.path.isfile(target):
            self.refuse(path, "là liên kết tượng trưng (symlink) hỏng, không trỏ tới tệp nào",
                        "xóa liên kết")
        elif _hidden(os.path.relpath(target, self.real_root).replace(os.sep, "/")):
            self.refuse(path, "là liên kết tượng trưng (symlink) tới một tệp ẩn, không được xuất bản",
                        "xóa liên kết; chép tệp cần đăng ra ngoài thư mục ẩn")
        else:
            self.linked_file(path, target)

    def linked_file(self, path: str, target: str) -> None:
        """Rule: a link to a file is followed only when the target is a static file (never a
        page or Markdown source) with the link's own extension; the target's bytes are then
        checked like any file. (A draft's use of the target is checked by site/build.py's read_site.)"""
        rel = os.path.relpath(target, self.real_root).replace(os.sep, "/")
        ext, target_ext = _ext(path), _ext(rel)
        if target_ext in MARKDOWN_LIKE:
            self.refuse(path, f"là liên kết tượng trưng (symlink) tới bài viết `{rel}`: mã nguồn của bài "
                        "(kể cả bài nháp) sẽ bị xuất bản dưới tên khác", "xóa liên kết")
        elif ext != target_ext:
            self.refuse(path, f"là liên kết tượng trưng (symlink) có đuôi `{ext or '(không có)'}` nhưng trỏ tới "
                        f"`{rel}` (đuôi `{target_ext or '(không có)'}`)",
                        "xóa liên kết; cần tệp ở hai nơi thì chép một bản với đúng đuôi của nó")
        else:
            self.file(path, os.path.getsize(target), target)
            if path in self.static:
                self.links[path] = rel

    # --- names -------------------------------------------------------------------------
    def normalised(self, entry: os.DirEntry, path: str, siblings: set[str]) -> bool:
        """Names are compared in NFC, as links are (frontmatter.decode): a name written with
        separate marks (NFD, typical of zips made on a Mac) can never be linked, and beside
        its NFC twin it is a second file that one disk (macOS) holds as one. Such a name is an
        error; its NFC twin, if any, is named in the message (a clash). A name holding bidi or
        zero-width characters (INVISIBLE_IN_NAMES) is an error too: it shows as another name."""
        if INVISIBLE_IN_NAMES.search(entry.name):
            self.refuse(path, f"tên có ký tự vô hình đảo chiều hoặc che chữ ({_codepoints(entry.name)}): tên "
                        "hiện ra khác tên thật, ví dụ `tep.pdf` thật ra là tệp .zip",
                        "đổi tên tệp: xóa tên cũ và gõ lại bằng bàn phím (không dán tên chép từ nơi khác)")
            return not entry.is_file(follow_symlinks=False)
        nfc = unicodedata.normalize("NFC", entry.name)
        if nfc == entry.name:
            return True
        twin = f"; trùng với `{posixpath.join(posixpath.dirname(path), nfc)}` đã có" if nfc in siblings else ""
        self.refuse(path, "tên trông bình thường nhưng chữ có dấu được viết bằng ký tự dấu rời (Unicode NFD, hay "
                    f"gặp ở tệp nén tạo trên máy Mac): liên kết tới tên này không bao giờ khớp{twin}",
                    "xóa tệp trùng" if twin else
                    f"đổi tên thành `{nfc}` bằng cách gõ lại tên (xóa tên cũ, gõ lại bằng bàn phím tiếng Việt)")
        # Folders and links still go on: MkDocs walks them too (a link to a folder is a hazard),
        # and the error above stops the build whatever is found.
        return not entry.is_file(follow_symlinks=False)

    # --- folders -----------------------------------------------------------------------
    def folder(self, entry: os.DirEntry, path: str) -> None:
        top_templates = "/" not in path and entry.name in HIDDEN_FOLDERS_TOP
        if path.count("/") >= MAX_DEPTH:  # MkDocs' own walk recurses: Python would stop with a traceback
            self.refuse(path, f"thư mục lồng quá sâu (hơn {MAX_DEPTH} cấp)", "đặt tệp ở thư mục nông hơn")
            self.hazards.append(self.problems.items[-1])
            return
        if not entry.name.startswith(".") and not top_templates:
            self.pending.append((entry.path, path))
            return
        inside = _files_under(entry.path, path)
        self.refused.update(inside)
        pages = [p for p in inside if p.endswith(PAGE)]
        why = "tên bắt đầu bằng dấu chấm (thư mục ẩn)" if entry.name.startswith(".") else \
            "MkDocs bỏ qua thư mục `templates/` ở gốc content/"
        if pages:
            self.problems.error(path, 0, "", f"thư mục có {len(pages)} bài (.md) không được xuất bản: {why}",
                                "đổi tên thư mục (bỏ dấu chấm đầu, hoặc không đặt tên `templates`); muốn "
                                "giữ bài chưa đăng thì dùng `draft: true`")
        elif inside:
            self.problems.warn(path, 0, "", f"thư mục có {len(inside)} tệp không được xuất bản: {why}",
                               "xóa thư mục nếu không cần; nếu cần xuất bản thì đổi tên thư mục")

    # --- files -------------------------------------------------------------------------
    def file(self, path: str, size: int, real: str | None = None) -> None:
        name = posixpath.basename(path)
        ext = posixpath.splitext(name)[1].lower()
        real = real or os.path.join(self.root, path)
        if path in self.allowed:
            self.configured(path, ext, size, real)
        elif path in ROOT_FILES:
            self.verified(path, ext, size, real)
        elif name in SILENT:
            self.refused.add(path)
        elif name.startswith("."):
            hidden = "tệp ẩn (tên bắt đầu bằng dấu chấm) không được xuất bản"
            if ext in MARKDOWN_LIKE:
                self.refuse(path, f"bài này là {hidden}", "bỏ dấu chấm ở đầu tên tệp; muốn giữ bài chưa "
                            "đăng thì dùng `draft: true`")
            else:
                self.refused.add(path)
                self.problems.warn(path, 0, "", *_hidden_file(name, hidden))
        elif _is_backup(name):
            self.refuse(path, "là tệp sao lưu hoặc tệp tạm của trình soạn thảo, không được xuất bản",
                        "xóa tệp này (nội dung thật nằm ở tệp gốc)")
        elif name.endswith(PAGE):
            self.pages.append(path)
        elif ext in MARKDOWN_LIKE:
            fixed = posixpath.join(posixpath.dirname(path), posixpath.splitext(name)[0] + PAGE)
            self.refuse(path, f"đuôi `{posixpath.splitext(name)[1]}` không được nhận là bài viết",
                        f"đổi tên thành `{posixpath.basename(fixed)}` (đuôi .md, chữ thường)")
        elif ext in TEXT_DOCUMENTS and ext in ALLOWED:  # .doc, .docx, .odt, .rtf: an attachment, if a page uses it
            self.verified(path, ext, size, real)
            if path in self.static:
                self.loose.add(path)
        elif ext in TEXT_DOCUMENTS:  # .txt, .pages: never published
            self.refused.add(path)
            self.problems.warn(path, 0, "", f"tệp `{name}` ({ext}) không được xuất bản: trang chỉ đăng bài .md, "
                               "ảnh và tài liệu (PDF, Word…)", LOOSE_FIX)
        elif ext in SCRIPTABLE:
            self.refuse(path, f"{SCRIPTABLE[ext]} (`{ext}`) có thể chứa mã chạy trong trình duyệt người đọc "
                        "nên không được xuất bản", _script_fix(ext))
        elif ext in ALLOWED:
            self.verified(path, ext, size, real)
        else:
            self.refuse(path, f"loại tệp `{ext or name}` không được xuất bản",
                        "ảnh: " + ", ".join(sorted(IMAGES)) + "; tài liệu: " + ", ".join(sorted(DOCUMENTS))
                        + "; âm thanh, video: " + ", ".join(sorted(MEDIA)) + ". Xóa tệp nếu không cần")

    def verified(self, path: str, ext: str, size: int, real: str) -> None:
        """Published if its content is what its extension says (filecheck)."""
        with open(real, "rb") as handle:
            head = handle.read(HEAD)
        wrong = check_static(path, ext, head, lambda: _read(real), size)
        if wrong:
            self.refuse(path, *wrong)
        else:
            self.static[path] = size

    def configured(self, path: str, ext: str, size: int, real: str) -> None:
        """A file mkdocs.yml names (logo, favicon, extra_css, extra_javascript) kept in content/."""
        if ext in (".svg", ".svgz"):
            wrong = svg_problem(path, _read(real)) if ext == ".svg" else \
                (f"ảnh SVG nén `{path}` không kiểm tra được", "dùng tệp .svg thường hoặc .png")
            if wrong:
                self.refuse(path, *wrong)
            else:
                self.static[path] = size
        elif ext in (".js", ".mjs", ".css"):
            self.refuse(path, f"tệp {'mã JavaScript' if ext != '.css' else 'kiểu CSS'} do mkdocs.yml khai báo "
                        "(extra_javascript/extra_css) nằm trong content/, nơi biên tập viên sửa được",
                        "người quản trị: chuyển tệp vào thư mục theme/ (custom_dir), giữ nguyên đường dẫn trong "
                        "mkdocs.yml")
        elif ext in ALLOWED or ext in SCRIPTABLE or ext in MARKDOWN_LIKE:
            self.allowed = self.allowed - {path}
            self.file(path, size, real)  # the ordinary rules
        else:  # a font or other type the maintainer chose: only the markup test
            self.verified(path, ext, size, real)

    def refuse(self, path: str, message: str, fix: str) -> None:
        self.refused.add(path)
        self.problems.error(path, 0, "", message, fix)


def _codepoints(name: str) -> str:
    """The invisible characters of `name`, as `U+202E` (never printed raw)."""
    found = dict.fromkeys(INVISIBLE_IN_NAMES.findall(name))
    return ", ".join(f"U+{ord(char):04X}" for char in found)


def _ext(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[1].lower()


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _hidden(rel: str) -> bool:
    """A path the inventory never publishes by its name: a hidden part, or under templates/."""
    parts = rel.split("/")
    return any(p.startswith(".") for p in parts) or parts[0] in HIDDEN_FOLDERS_TOP


_PARTIAL = re.compile(r"\.(.+)\.[A-Za-z0-9_]{8}(?:\.tmp)?")  # tempfile.mkstemp(prefix=".name.") of files/replace.py


def _hidden_file(name: str, hidden: str) -> tuple[str, str]:
    """(what, fix) for a hidden file: our own writes (files/replace.py, the importer's
    `write_new`) name their partial file `.name.XXXXXXXX`; a kill midway leaves it, and the
    person who finds it should know it is safe to delete."""
    partial = _PARTIAL.fullmatch(name)
    if partial:
        return (f"{hidden}: đây là tệp tạm mà một lần ghi `{partial.group(1)}` bị ngắt giữa chừng để lại (lệnh "
                "`bantin import` hay `bantin ids` bị dừng, máy tắt)", f"xóa tệp này; tệp `{partial.group(1)}` "
                "không bị ảnh hưởng (nếu lệnh nhập chưa xong, chạy lại đúng lệnh đó)")
    return hidden, "xóa tệp nếu không cần; nếu cần thì bỏ dấu chấm đầu tên"


def _is_backup(name: str) -> bool:
    """Editors' leftovers: `bai.md~`, `bai.bak`, Emacs `#bai.md#`, Office lock files `~$bai.docx`."""
    lower = name.lower()
    return (lower.endswith(BACKUP_SUFFIXES) or (name.startswith("#") and name.endswith("#"))
            or name.startswith("~$"))


def _script_fix(ext: str) -> str:
    if ext in (".svg", ".svgz"):
        return "xuất ảnh ra PNG (trong Inkscape: Export PNG; hoặc chụp màn hình) rồi dùng tệp .png"
    if ext in (".html", ".htm", ".xhtml", ".xht", ".shtml"):
        return "chép nội dung vào một bài .md (lệnh `bantin new` hoặc `bantin import` cho trang của cổng cũ)"
    return "xóa tệp; giao diện và mã của trang do người quản trị cấu hình trong mkdocs.yml"


def _files_under(folder: str, rel: str) -> list[str]:
    """Every file below a folder that is not published, links included (never followed)."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        sub = os.path.relpath(here, folder)
        base = rel if sub == "." else posixpath.join(rel, sub.replace(os.sep, "/"))
        found += [posixpath.join(base, name) for name in files]
        found += [posixpath.join(base, name) for name in dirs if os.path.islink(os.path.join(here, name))]
    return sorted(found)
