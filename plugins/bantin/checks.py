"""Checks of the Markdown body: links, images, alt text (issue 5, DESIGN §7).

Run by both `bantin check` and every build, so an editor sees the same message in both,
with the file and the line of the body where the mistake is.
"""

from __future__ import annotations

import posixpath
import re
from typing import Mapping
from urllib.parse import unquote, urlsplit

from .model import Item
from .problems import Problems

_FENCE = re.compile(r"^(```|~~~)")
# [text](target "title") and ![alt](src); the target has no spaces unless in <…>.
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "//", "data:", "javascript:")


def body_lines(body: str):
    """(offset, line) of body lines outside code (fenced blocks, inline spans): real Markdown."""
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
        elif not fenced:
            yield offset, _INLINE_CODE.sub("", line)


def resolve(item_src: str, target: str) -> str | None:
    """Path relative to content/ of a relative link target, or None when it leaves content/."""
    path = unquote(urlsplit(target).path)
    if not path:
        return ""  # a pure '#anchor' link
    base = "" if path.startswith("/") else posixpath.dirname(item_src)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return None if joined.startswith("..") else joined


def _exists(path: str, known: Mapping[str, int]) -> bool:
    """A link may name a file or a folder with an index page."""
    stripped = path.rstrip("/")
    return stripped in known or f"{stripped}/index.md" in known or f"{stripped}.md" in known


def check_body(item: Item, known: Mapping[str, int], image_max_kb: int, problems: Problems) -> None:
    """Broken internal links and images, images without alt text, oversized originals."""
    for offset, line in body_lines(item.body) if "](" in item.body else ():  # most bodies link nothing
        for bang, text, target in _LINK.findall(line):
            where = item.body_line + offset
            if target.lower().startswith(_EXTERNAL) or target.startswith("#"):
                continue
            what = "ảnh" if bang else "liên kết"
            path = resolve(item.src, target)
            if path is None:
                problems.error(item.src, where, "", f"{what} `{target}` trỏ ra ngoài thư mục content/",
                               "chỉ liên kết tới tệp trong content/, bằng đường dẫn tương đối")
            elif path and not _exists(path, known):
                problems.error(item.src, where, "", f"{what} `{target}` trỏ tới tệp không có (content/{path})",
                               "sửa tên hoặc đường dẫn tệp (phân biệt chữ hoa, chữ thường), hoặc thêm tệp vào content/")
            if bang and not text.strip():
                problems.error(item.src, where, "", f"ảnh `{target}` chưa có mô tả (alt)",
                               "viết mô tả trong ngoặc vuông: `![Hội nghị tập huấn hòa giải viên](…)`")
            if bang and path and known.get(path, 0) > image_max_kb * 1024:
                problems.warn(item.src, where, "", f"ảnh `{target}` nặng {known[path] // 1024} KB",
                              f"thu nhỏ ảnh dưới {image_max_kb} KB trước khi đưa lên (bản dựng tự tạo các cỡ nhỏ, "
                              "nhưng ảnh gốc vẫn nằm trong kho)")
    if item.meta.image and known.get(item.meta.image, 0) > image_max_kb * 1024:
        problems.warn(item.src, 1, "image", f"ảnh `{item.meta.image}` nặng {known[item.meta.image] // 1024} KB",
                      f"thu nhỏ ảnh dưới {image_max_kb} KB trước khi đưa lên")
