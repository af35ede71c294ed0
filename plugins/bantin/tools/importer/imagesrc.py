"""What an image's src names, before any file is touched (no I/O here).

A browser's "save page, complete" writes `bai.html` and its pictures in `bai_files/`, and
the page names them `./bai_files/anh.jpg`, `bai_files/anh%20hai.png` or, saved on Windows,
`bai_files\\anh.jpg`. These rules tell such a file from an address on the old server, refuse
a src that points elsewhere on the editor's disk, name the copy in `content/images/`, and
word the notes for images not imported. `images` does the reading and copying.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bantin.text.vi import fold, nfc, slugify
from bantin.tools.importer.lines import clean_line
from bantin.tools.importer.units import Block

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAVED_WITH_PAGE = re.compile(r"^(?:\./)?[^/:?#]+_files/", re.IGNORECASE)
_CAPTION_WORDS = 40
_CAPTION_START = re.compile(r"^anh(\s+minh\s+hoa)?\s*:")  # on folded text
_CAPTION_LABEL = re.compile(r"^ảnh(\s+minh\s+họa|\s+minh\s+hoạ)?\s*:\s*", re.IGNORECASE)
COPY_YOURSELF = "nếu cần ảnh này, hãy tự chép tệp vào `content/images/` rồi chèn vào bài (kèm mô tả ảnh)"


class Refused(Exception):
    """An image saved with the page that is not copied: (why, what to do), in Vietnamese."""


def saved_with_page(src: str) -> bool:
    """Whether src names a file of the page's `…_files/` folder (`\\` read as `/`)."""
    return bool(_SAVED_WITH_PAGE.match(src.strip().replace("\\", "/")))


def local_parts(src: str) -> list[str] | None:
    """The path segments src names inside the saved page's folder; None when src is an
    address on the old server (http…, `/Uploads/…`, a relative path with `..` outside the
    `…_files/` folder: browsers never write one for a saved file). Refused when src points
    at the editor's disk outside the page's folder."""
    src = src.strip()
    scheme = _SCHEME.match(src)
    if scheme and len(scheme.group(1)) == 1 or src.startswith(("\\", "file:", "FILE:")):
        raise Refused("đường dẫn tuyệt đối trên máy (ổ đĩa, thư mục dùng chung), không nằm trong thư mục của "
                      "trang đã lưu", COPY_YOURSELF)
    if scheme or src.startswith("/"):
        return None
    path = unquote(src.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        if not saved_with_page(src):
            return None
        raise Refused("đường dẫn có `..`, trỏ ra ngoài thư mục của trang đã lưu",
                      COPY_YOURSELF)
    if not parts or any(":" in p or "\x00" in p for p in parts):
        raise Refused("đường dẫn không chỉ tới một tệp trong thư mục của trang đã lưu",
                      COPY_YOURSELF)
    return parts


def target_name(parts: list[str]) -> str:
    """`Ảnh Hội nghị.JPG` → `anh-hoi-nghi.jpg`: an ASCII slug (never a name Windows reserves)
    with its extension in lower case, as the guide asks editors to name pictures."""
    stem, dot, ext = nfc(parts[-1]).rpartition(".")
    if not dot:
        stem, ext = ext, ""
    slug = slugify(stem) or "anh"  # text.vi.slugify never gives a name Windows reserves ("con" → "con-1")
    return f"{slug}.{ext.lower()}" if ext else slug


def caption_of(body: list[Block], index: int) -> str:
    """The caption printed under the image at body[index]: the next paragraph when it is short
    and set apart as captions are (in italics, or starting "Ảnh:"); else "". A credit in
    brackets, "(Ảnh: Minh Anh)", names the photographer, not what the picture shows."""
    if index + 1 >= len(body):
        return ""
    block = body[index + 1]
    if block.kind != "p" or len(block.plain.split()) > _CAPTION_WORDS:
        return ""
    md = block.markdown
    italic = md.startswith("*") and md.endswith("*") and not md.endswith("\\*")
    return block.plain if italic or _CAPTION_START.match(fold(block.plain)) else ""


def alt_of(body: list[Block], index: int) -> str:
    """The image's description: its alt attribute, else its caption without an "Ảnh:" label
    (the guide asks for what the picture shows, never the word "ảnh"), else ""."""
    alt = clean_line(body[index].alt)
    if alt:
        return alt
    return _CAPTION_LABEL.sub("", caption_of(body, index), count=1).strip()


def image_notes(images: list[str]) -> list[str]:
    """The notes for images not imported: those saved beside the page (named as written:
    they are files on the editor's disk) apart from those still on the old server."""
    saved = [i for i in images if saved_with_page(i)]
    remote = [i for i in images if i not in saved]
    notes = []
    if saved:
        notes.append(
            f"bài có {len(saved)} ảnh lưu cùng trang chưa được nhập: {_shown(saved)} (trong thư mục "
            "`…_files` bên cạnh tệp đã lưu, nếu trình duyệt đã lưu ảnh); hãy chép những ảnh cần dùng "
            "vào `content/images/` rồi tự chèn vào bài (kèm mô tả ảnh)"
        )
    if remote:
        notes.append(
            f"bài có {len(remote)} ảnh chưa được nhập: {_shown(remote)}; hãy tải về những ảnh cần "
            "dùng, đặt vào `content/images/` rồi tự chèn vào bài (kèm mô tả ảnh)"
        )
    return notes


def _shown(images: list[str]) -> str:
    return ", ".join(images[:5]) + (", …" if len(images) > 5 else "")
