"""`bantin new` and `bantin ids`: files editors start from, and ids for their questions.

A new file is a draft (`draft: true`) until the editor says otherwise: valid the moment it is
written (the category placeholder is flagged on purpose, as a draft's warning), never
published with the template's placeholder text (content/placeholders.py), and nothing an
editor wrote is ever overwritten.
"""

from __future__ import annotations

import codecs
import os
import stat
from datetime import datetime
from pathlib import Path

import yaml

from bantin.content import frontmatter
from bantin.files.replace import replace_file
from bantin.content import placeholders as ph
from bantin.content.fields import PLACEHOLDER_CATEGORY, SLUG_MAX
from bantin.content.inventory import take_inventory
from bantin.content.model import FOLDER_KINDS, KINDS
from bantin.problems import Problems, visible
from bantin.content.handbook.headings import heading_lines, split_heading
from bantin.content.handbook.ids import fill_ids
from bantin.text.vi import cap_slug, is_utf16, nfc, slugify, strip_control
from bantin.tools.newkinds import FOLDERS

# The placeholder sentences are content/placeholders.py's: published with them is an error.
BODIES = {
    "article": f"{ph.LEAD}\n\n{ph.ARTICLE_TEXT}\n",
    "qa": (
        f"{ph.HANDBOOK_INTRO}\n\n"
        f"## Câu hỏi 1: {ph.QUESTIONS[0]} {{{{#{{id1}}}}}}\n\n"
        f"{ph.ANSWER}\n\n"
        f"Căn cứ pháp lý: {ph.LEGAL_BASIS}.\n\n"
        f"## Câu hỏi 2: {ph.QUESTIONS[1]} {{{{#{{id2}}}}}}\n\n"
        f"{ph.ANSWER}\n\n"
        f"Căn cứ pháp lý: {ph.LEGAL_BASIS}.\n"
    ),
    "guide": (
        f"{ph.GUIDE_INTRO}\n\n"
        f"## 1. Đối tượng áp dụng\n\n{ph.GUIDE_TEXT}\n\n"
        f"## 2. Trình tự thực hiện\n\n### Bước 1\n\n{ph.GUIDE_TEXT}\n"
    ),
}


class NewContentError(Exception):
    """A file could not be created; the message tells the editor why and what to do."""


def front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def create(content_dir: Path, kind: str, title: str, *, category: str | None, now: datetime) -> Path:
    """Write content/<folder>/<slug>.md from the template of `kind`; return its path."""
    title = strip_control(nfc(title)).strip()
    slug = cap_slug(slugify(title), SLUG_MAX)
    if not slug:
        raise NewContentError("Tiêu đề trống: hãy viết tiêu đề trong dấu ngoặc kép, ví dụ "
                              "bantin new article \"Tập huấn hòa giải viên\"")
    path = content_dir / FOLDERS[kind] / f"{slug}.md"
    if path.exists():
        raise NewContentError(f"{path} đã có; không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đang có.")
    # `slug` written out, so retitling the article later never moves its address.
    fields = {"title": title, "slug": slug, "date": now.strftime("%Y-%m-%d %H:%M"),
              "category": category or PLACEHOLDER_CATEGORY, "draft": True}
    if kind == "article":
        fields.update(tags=[], author="", summary="")
    body = BODIES[kind].format(**_new_ids(content_dir, slug)) if kind == "qa" else BODIES[kind]
    try:
        _no_linked_folder(content_dir, path)  # before mkdir: a linked content/ must get no folder either
        path.parent.mkdir(parents=True, exist_ok=True)
        _no_linked_folder(content_dir, path)  # and after it: a link made in between
        # O_EXCL: never overwrite, even in a race, and never through a symlink (even a dangling one).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(front_matter(fields) + body)
    except FileExistsError:
        raise NewContentError(f"{path} đã có; không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đang có.") from None
    except OSError as exc:
        raise NewContentError(f"{path}: không tạo được tệp ({exc.strerror}). Kiểm tra quyền ghi vào thư mục "
                              f"{path.parent} và chỗ trống trên đĩa.") from None
    return path


def read_text(path: Path) -> str:
    """A Markdown file's text; NewContentError saying why when it is missing, binary or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NewContentError(f"{path}: không có tệp này. Kiểm tra tên tệp (phân biệt hoa thường) và "
                              "chạy lệnh trong thư mục của trang.") from None
    except OSError as exc:
        raise NewContentError(f"{path}: không đọc được tệp ({exc.strerror}). Kiểm tra quyền đọc tệp.") from None
    if is_utf16(data):
        raise NewContentError(f"{path}: tệp được lưu bằng bảng mã UTF-16, không phải UTF-8. Mở tệp và lưu lại "
                              "với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8).")
    if b"\x00" in data[:8192]:
        raise NewContentError(f"{path}: đây là tệp nhị phân (ảnh, Word, PDF…), không phải sổ tay Markdown. "
                              "Chỉ đưa tệp .md vào lệnh này.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NewContentError(f"{path}:{line}: tệp không phải UTF-8 (có thể là Windows-1258 / ANSI). Mở tệp và "
                              "lưu lại với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8).") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode read it


def _no_linked_folder(content_dir: Path, path: Path) -> None:
    """Refuse a file whose folder is, or lies under, a symlink (content/ itself included): the
    write would land outside the project."""
    here = path.parent
    while here == content_dir or content_dir in here.parents:
        if here.is_symlink():
            raise NewContentError(f"{visible(here)} là liên kết tượng trưng (symlink); bantin không ghi qua liên kết. "
                                  "Xóa liên kết và tạo thư mục thật trong content/.")
        here = here.parent


def _write_text(path: Path, text: str, newline: str = "\n", bom: bool = False) -> None:
    """Rewrite a handbook whole or not at all, never through a symbolic link, only a regular file.

    The new text replaces it in one step (files/replace.py): a kill midway leaves the old
    text, where writing in place could leave an empty handbook. Its line
    endings and byte-order mark stay as they were (`newline`, `bom`): a province's review
    found a CRLF file with a BOM rewritten as LF without one, every line changed in git."""
    def failed(reason: str) -> NewContentError:
        return NewContentError(f"{visible(path)}: không ghi được tệp ({reason}); chưa có mã nào được thêm vào tệp "
                               "này. Kiểm tra tệp có đang chỉ đọc (read-only) hay đang mở trong chương trình khác.")
    try:
        found = os.lstat(path)
    except OSError as exc:
        raise failed(exc.strerror) from None
    if stat.S_ISLNK(found.st_mode):
        raise NewContentError(f"{visible(path)} là liên kết tượng trưng (symlink); bantin không ghi qua liên "
                              "kết. Sửa tệp gốc trong content/hoi-dap/ thay vì liên kết.")
    if not stat.S_ISREG(found.st_mode):
        raise NewContentError(f"{visible(path)}: không phải tệp thường; không ghi.")
    if not os.access(path, os.W_OK):  # replacing it would get round its being read-only
        raise failed("Permission denied")
    data = (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8")
    try:  # its own mode, not narrowed by the umask (0664 stays 0664)
        replace_file(path, data, stat.S_IMODE(found.st_mode))
    except OSError as exc:
        raise failed(exc.strerror or str(exc)) from None


def _new_ids(content_dir: Path, slug: str) -> dict[str, str]:
    """Ids for the template's two questions, unused anywhere in the site's handbooks."""
    taken = set().union(set(), *(_ids_in(read_text(p)) for p in handbooks(content_dir)))
    ids = {}
    for n in (1, 2):
        candidate, extra = f"{slug}-cau-{n}", 2
        while candidate in taken:
            candidate, extra = f"{slug}-cau-{n}-{extra}", extra + 1
        taken.add(candidate)
        ids[f"id{n}"] = candidate
    return ids


def _ids_in(text: str) -> set[str]:
    return {split_heading(heading)[1] for _, heading in heading_lines(text)} - {""}


def handbooks(content_dir: Path) -> list[Path]:
    """The handbooks as the build reads them: pages the inventory accepts (no symlinks, hidden
    or NFD names) whose kind is `qa` (`type: qa`, or no `type` and in hoi-dap/)."""
    if not content_dir.is_dir():
        return []
    found = []
    for rel in take_inventory(content_dir).pages:
        path = content_dir / rel
        in_folder = rel.split("/", 1)[0] == FOLDERS["qa"] and "/" in rel
        try:
            text = read_text(path)
        except NewContentError:
            if in_folder:  # a handbook the build cannot read either: say so before writing anything
                raise
            continue
        if _kind(rel, text) == "qa":
            found.append(path)
    return found


def _kind(rel: str, text: str) -> str:
    """The page's kind as fields._kind decides it, without reporting anything."""
    scratch = Problems()
    parts = frontmatter.split(rel, text, scratch)
    loaded = frontmatter.parse_yaml(rel, parts[0], scratch) if parts else None
    declared = loaded[0].get("type") if loaded else None
    if isinstance(declared, str) and declared.strip():
        return declared.strip() if declared.strip() in KINDS else "page"
    top = rel.split("/", 1)[0]
    return FOLDER_KINDS[top] if top in FOLDER_KINDS and "/" in rel else "page"


def _chosen(content_dir: Path, files: list[Path], known: list[Path]) -> list[Path]:
    """Files named on the command line, each one of the handbooks (same file, not a link to it)."""
    by_identity = {os.path.normcase(os.path.abspath(p)): p for p in known}
    chosen = []
    for path in files:
        found = by_identity.get(os.path.normcase(os.path.abspath(path)))
        if found is None:
            if not path.exists() and not path.is_symlink():
                read_text(path)  # the "no such file" message
            raise NewContentError(f"{visible(path)}: không phải sổ tay Hỏi - Đáp mà trang đọc (phải là tệp .md thật, "
                                  f"không phải liên kết tượng trưng, nằm trong {visible(content_dir)}/ với `type: qa` "
                                  f"hoặc trong {FOLDERS['qa']}/). Không ghi gì.")
        chosen.append(found)
    return chosen


def fill_question_ids(content_dir: Path, files: list[Path], rewritten: list[str] | None = None,
                      groups: list[tuple[Path, int, str]] | None = None) -> list[tuple[Path, list[str]]]:
    """Add ids to questions that lack one, unique across every handbook; returns what changed.
    Ids written in a form the build does not read are rewritten (`handbook.ids.fill_ids`), and also
    listed in `rewritten` when given; headings left without one because they read as a
    group's name go to `groups` (file, line, text)."""
    known = handbooks(content_dir)
    targets = _chosen(content_dir, files, known) if files else known
    texts = {path: read_text(path) for path in known}
    taken = set().union(*(_ids_in(t) for t in texts.values())) if texts else set()
    changed = []
    for path in targets:
        text = texts[path]
        split_at = text.find("\n---", 3)
        head, body = (text[: split_at + 4], text[split_at + 4 :]) if text.startswith("---") and split_at > 0 else ("", text)
        left: list[tuple[int, str]] = []
        new_body, added = fill_ids(body, taken, rewritten, left)
        if groups is not None:
            groups.extend((path, head.count("\n") + index + 1, text) for index, text in left)
        if added:
            raw = path.read_bytes()
            crlf = raw.count(b"\r\n")  # the file's usual line ending: one stray CRLF does not make them all
            _write_text(path, head + new_body, "\r\n" if crlf > raw.count(b"\n") - crlf else "\n",
                        raw.startswith(codecs.BOM_UTF8))
            changed.append((path, added))
    return changed
