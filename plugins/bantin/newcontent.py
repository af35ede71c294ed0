"""`bantin new` and `bantin ids`: files editors start from, and ids for their questions.

A new file is valid the moment it is written (except the category placeholder, which
`bantin check` flags on purpose), and nothing an editor wrote is ever overwritten.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from .frontmatter import PLACEHOLDER_CATEGORY, SLUG_MAX
from .qa import fill_ids, heading_lines, split_heading
from .vi import cap_slug, nfc, slugify, strip_control

VIETNAM = timezone(timedelta(hours=7))
FOLDERS = {"article": "tin-tuc", "qa": "hoi-dap", "guide": "huong-dan"}

BODIES = {
    "article": (
        "Viết đoạn mở đầu (sapo) ở đây: một hai câu nói điều quan trọng nhất của tin.\n\n"
        "Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.\n"
    ),
    "qa": (
        "Giới thiệu ngắn về sổ tay Hỏi - Đáp này.\n\n"
        "## Câu hỏi 1: Viết câu hỏi thứ nhất ở đây? {{#{id1}}}\n\n"
        "Viết câu trả lời ở đây.\n\n"
        "Căn cứ pháp lý: Điều … Luật … năm ….\n\n"
        "## Câu hỏi 2: Viết câu hỏi thứ hai ở đây? {{#{id2}}}\n\n"
        "Viết câu trả lời ở đây.\n\n"
        "Căn cứ pháp lý: Điều … Luật … năm ….\n"
    ),
    "guide": (
        "Giới thiệu ngắn: tài liệu này hướng dẫn ai, làm việc gì.\n\n"
        "## 1. Đối tượng áp dụng\n\nViết nội dung ở đây.\n\n"
        "## 2. Trình tự thực hiện\n\n### Bước 1\n\nViết nội dung ở đây.\n"
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
              "category": category or PLACEHOLDER_CATEGORY}
    if kind == "article":
        fields.update(tags=[], author="", summary="")
    body = BODIES[kind].format(**_new_ids(content_dir, slug)) if kind == "qa" else BODIES[kind]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
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


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NewContentError(f"{path}: không ghi được tệp ({exc.strerror}); chưa có mã nào được thêm vào tệp này. "
                              "Kiểm tra tệp có đang chỉ đọc (read-only) hay đang mở trong chương trình khác.") from None


def _new_ids(content_dir: Path, slug: str) -> dict[str, str]:
    """Ids for the template's two questions, unused anywhere in the site's handbooks."""
    taken = set().union(set(), *(_ids_in(read_text(p))
                                 for p in (content_dir / FOLDERS["qa"]).glob("**/*.md")))
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


def fill_question_ids(content_dir: Path, files: list[Path]) -> list[tuple[Path, list[str]]]:
    """Add ids to questions that lack one, unique across every handbook; returns what changed."""
    handbooks = sorted((content_dir / FOLDERS["qa"]).glob("**/*.md"))
    texts = {path: read_text(path) for path in sorted(set(handbooks) | set(files))}
    taken = set().union(*(_ids_in(t) for t in texts.values())) if texts else set()
    changed = []
    for path in files or handbooks:
        text = texts[path]
        split_at = text.find("\n---", 3)
        head, body = (text[: split_at + 4], text[split_at + 4 :]) if text.startswith("---") and split_at > 0 else ("", text)
        new_body, added = fill_ids(body, taken)
        if added:
            _write_text(path, head + new_body)
            changed.append((path, added))
    return changed
