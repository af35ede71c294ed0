"""Is a static file of content/ what its extension says? (review of issue 12, findings 5 and 6)

The inventory used to decide by the name alone: `images/anh.png` holding an HTML page with
script was published, and a browser that sniffs (or a server that sends no type) runs it on
our origin. Every static file is now checked by content before it is published, whether or
not a page links it:

- images: decoded by imagecheck (whole file, verdicts cached by content hash);
- PDF, Office (ZIP or OLE containers), RTF, icons, audio, video and fonts: their signature
  at offset 0, read from the first bytes only, so a 200 MB video costs one small read;
- CSV, CNAME and any file whose type has no signature: refused when its first 1,445 bytes
  hold a `<` that could open a tag (review 2: a list of tags was bypassed), whatever its name;
- SVG only where mkdocs.yml names it as the logo or favicon, and only after `svg_problem`.

No MkDocs import. Each check returns (what is wrong, how to fix it) or None.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bantin.files.imagecheck import FORMATS as IMAGE_FORMATS
from bantin.files.imagecheck import verify_image

HEAD = 1445  # bytes browsers read to sniff a type (WHATWG MIME Sniffing, "resource header")
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Extension → (accepted first bytes, name of the format for the message).
MAGIC: dict[str, tuple[tuple[bytes, ...], str]] = {
    ".pdf": ((b"%PDF-",), "PDF"),
    ".docx": (_ZIP, "Word (.docx)"), ".xlsx": (_ZIP, "Excel (.xlsx)"), ".pptx": (_ZIP, "PowerPoint (.pptx)"),
    ".odt": (_ZIP, "OpenDocument"), ".ods": (_ZIP, "OpenDocument"), ".odp": (_ZIP, "OpenDocument"),
    ".zip": (_ZIP + (b"PK\x05\x06",), "ZIP"),
    ".doc": (_OLE, "Word 97-2003 (.doc)"), ".xls": (_OLE, "Excel 97-2003 (.xls)"),
    ".ppt": (_OLE, "PowerPoint 97-2003 (.ppt)"),
    ".rtf": ((b"{\\rtf",), "RTF"),
    ".ico": ((b"\x00\x00\x01\x00", b"\x89PNG\r\n\x1a\n"), "biểu tượng ICO"),
    ".ogg": ((b"OggS",), "Ogg"), ".oga": ((b"OggS",), "Ogg"), ".ogv": ((b"OggS",), "Ogg"),
    ".webm": ((b"\x1a\x45\xdf\xa3",), "WebM"),
    # fonts a maintainer may name in mkdocs.yml (theme.font is served from Google; local ones here)
    ".woff": ((b"wOFF",), "phông WOFF"), ".woff2": ((b"wOF2",), "phông WOFF2"),
    ".ttf": ((b"\x00\x01\x00\x00", b"true"), "phông TrueType"), ".otf": ((b"OTTO",), "phông OpenType"),
}
# Image extension → its signature at offset 0 (WebP: RIFF, then WEBP at offset 8).
_IMAGE_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
# What the first bytes say a file is, to suggest the right extension.
_KNOWN = [(b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx/.xlsx/.zip"), (_OLE[0], ".doc/.xls/.ppt"),
          (b"{\\rtf", ".rtf"), (b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"),
          (b"OggS", ".ogg"), (b"ID3", ".mp3")]
# Rule for types without a signature (CSV, CNAME, a configured type): no tag-like `<` at all in
# the bytes a browser sniffs. Every HTML/XML sniff (WHATWG, Chromium, old IE scanning anywhere)
# needs `<` then a letter, `!` (`<!--`, `<!DOCTYPE`), `?` (`<?xml`) or `/`. Linear, no backtracking.
_TAG = re.compile(rb"<[A-Za-z!?/]")
_TEXT_TAG = re.compile(r"<[A-Za-z!?/]")
MARKUP_FIX = ("xóa tệp này; trang web thì chép nội dung vào một bài .md, tài liệu thì lưu lại đúng "
              "định dạng (PDF, Word, Excel) rồi chép lại")


IMAGE_READ_MAX = 100_000_000  # bytes; an image is read whole to be decoded, never a bigger one


def check_static(name: str, ext: str, head: bytes, read_all, size: int = 0) -> tuple[str, str] | None:
    """Verdict for static file `name` (extension `ext`, lower case, `size` bytes) from its
    first bytes `head`; `read_all()` gives the whole file, called for images only.

    Structural rule (review 2, finding 5): a file is published only if a browser that gets no
    Content-Type cannot take it for HTML. Either it starts at offset 0 with the strong
    signature of its type (a sniffer decides on the first bytes, and these are not text), or
    its type has no signature and its first HEAD bytes hold no `<` that could open a tag."""
    head = head[:HEAD]
    if ext in IMAGE_FORMATS and size > IMAGE_READ_MAX:
        return (f"ảnh `{name}` nặng {size // 1_000_000} MB, quá {IMAGE_READ_MAX // 1_000_000} MB",
                "thu nhỏ ảnh (chiều ngang khoảng 1.600 điểm ảnh là đủ cho trang web) rồi lưu lại dạng JPG")
    signed = _signed(ext, head)
    if signed is None:  # no signature for this type: the text rule
        return _markup(name, ext) if has_tag(head) else None
    if ext in IMAGE_FORMATS:
        if not (signed or _any_image(head)):
            return _markup(name, ext) if has_tag(head) else verify_image(name, read_all()) or \
                _mismatch(name, ext, f"ảnh {ext}", head)
        return verify_image(name, read_all())
    if signed:
        return None
    if has_tag(head):
        return _markup(name, ext)
    what = MAGIC[ext][1] if ext in MAGIC else f"âm thanh/video {ext}"
    return _mismatch(name, ext, what, head)


def _signed(ext: str, head: bytes) -> bool | None:
    """Whether `head` starts with the signature of type `ext`; None if the type has none."""
    if ext in _IMAGE_MAGIC:
        return head.startswith(_IMAGE_MAGIC[ext]) and (ext != ".webp" or head[8:12] == b"WEBP")
    if ext in MAGIC:
        return head.startswith(MAGIC[ext][0])
    if ext == ".mp3":
        return head.startswith(b"ID3") or _mpeg_frame(head)
    if ext in (".mp4", ".m4a"):
        return _iso_bmff(head)
    if ext == ".wav":
        return head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    return None


def _any_image(head: bytes) -> bool:
    """Starts as some image format does (a GIF named .png is then reported by imagecheck)."""
    return any(_signed(ext, head) for ext in _IMAGE_MAGIC)


def _mpeg_frame(head: bytes) -> bool:
    """An MPEG audio frame header at offset 0: 11 sync bits, a version that is not reserved,
    layer II or III, a bitrate and a sample rate that are not reserved. (FF FE, a UTF-16
    byte-order mark, reads as layer I and is refused.)"""
    if len(head) < 3 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    return version != 1 and layer in (1, 2) and head[2] >> 4 != 0xF and (head[2] >> 2) & 3 != 3


def _iso_bmff(head: bytes) -> bool:
    """MP4/M4A: a first box of plausible size (8..4096, big-endian, so the file starts with two
    zero bytes), typed `ftyp`, whose major brand is four letters, digits or spaces (`isom`, `M4A `)."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return False
    brand = head[8:12].replace(b" ", b"0")
    return 8 <= int.from_bytes(head[:4], "big") <= 4096 and brand.isascii() and brand.isalnum()


def has_tag(head: bytes) -> bool:
    """`<` followed by a letter, `!`, `?` or `/` in `head`: decoded as UTF-16 when it starts
    with that byte-order mark, and also with NUL bytes removed (UTF-16 without a mark)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        if _TEXT_TAG.search(head[2:].decode(codec, errors="replace")):
            return True
    return _TAG.search(head) is not None or _TAG.search(head.replace(b"\x00", b"")) is not None


def _described(name: str, ext: str) -> str:
    """`x.csv` có đuôi .csv / `CNAME` (không có đuôi)."""
    return f"`{name}` có đuôi {ext}" if ext else f"`{name}` (tệp không có đuôi)"


def _markup(name: str, ext: str) -> tuple[str, str]:
    return (f"{_described(name, ext)} nhưng nội dung có thẻ trang web hoặc mã (HTML, XML, SVG, script: "
            "dấu `<` liền trước chữ, `!`, `?` hoặc `/`): trình duyệt có thể chạy mã đó trên trang của cơ quan",
            MARKUP_FIX)


def _mismatch(name: str, ext: str, what: str, head: bytes) -> tuple[str, str]:
    actual = next((right for start, right in _KNOWN if head.startswith(start)), None)
    if not head:
        return f"`{name}` là tệp rỗng (0 byte)", "chép lại tệp đầy đủ, hoặc xóa tệp nếu không cần"
    if actual:
        return (f"{_described(name, ext)} nhưng nội dung là tệp {actual}",
                f"đổi đuôi tệp cho đúng ({actual}), hoặc mở tệp và lưu lại dạng {what}")
    return (f"{_described(name, ext)} nhưng nội dung không phải tệp {what} (phần đầu tệp không đúng dạng)",
            f"mở tệp bằng chương trình của nó và lưu lại dạng {what} (tệp có thể đã hỏng khi tải về), "
            "hoặc xóa tệp nếu không cần")


# --- SVG: only as the configured logo or favicon ------------------------------------------------

SVG_MAX = 1_000_000  # bytes; a logo is a few kilobytes
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
# `url(#gradient)` is a reference inside the image; any other `url(` fetches.
_CSS_FETCH = re.compile(r"url\s*\((?![\s'\"]*#)|@import|expression\s*\(", re.IGNORECASE)
# Processing instructions but the XML declaration: `<?xml-stylesheet href=…?>` makes a browser
# opening the file fetch a style sheet (or an XSLT) from anywhere (review of issue 15).
_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])", re.IGNORECASE)
# CSS escapes (`u\72l(` is `url(`), undone before _CSS_FETCH looks (review of issue 15).
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
SVG_FIX = ("dùng logo dạng PNG; nếu cần SVG thì lưu lại bằng Inkscape (Save As → Optimized SVG) và bỏ mọi "
           "script, liên kết, sự kiện `on…`, `<foreignObject>` và `url(...)` trong kiểu")


def svg_problem(name: str, data: bytes) -> tuple[str, str] | None:
    """Why an SVG logo is unsafe on our origin, or None: no DTD or entity (billion laughs,
    external entities), no script, no `foreignObject` (HTML inside), no event attribute, no
    link but `#fragment`, no style that fetches (`url(`, `@import`)."""
    if len(data) > SVG_MAX:
        return f"ảnh SVG `{name}` lớn {len(data) // 1000} KB, quá {SVG_MAX // 1000} KB", SVG_FIX
    if _DECLARATION.search(data):
        return f"ảnh SVG `{name}` có khai báo DOCTYPE/ENTITY", SVG_FIX
    if _INSTRUCTION.search(data):
        return f"ảnh SVG `{name}` có chỉ thị `<?…?>` (ví dụ xml-stylesheet) tải tài nguyên khác", SVG_FIX
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"ảnh SVG `{name}` không phải XML hợp lệ ({exc})", SVG_FIX
    if _local(root.tag) != "svg":
        return f"`{name}` không phải ảnh SVG (phần tử gốc là `{_local(root.tag)}`)", SVG_FIX
    for element in root.iter():
        wrong = _svg_element_problem(element)
        if wrong:
            return f"ảnh SVG `{name}` {wrong}", SVG_FIX
    return None


def _svg_element_problem(element: ET.Element) -> str | None:
    tag = _local(element.tag) if isinstance(element.tag, str) else "?"
    if tag.lower() in ("script", "foreignobject", "iframe", "embed", "object", "handler", "listener"):
        return f"có phần tử `<{tag}>`"
    if tag.lower() in ("set", "animate") and _local(element.get("attributeName", "")).split(":")[-1].lower() in ("href", "src"):
        return f"có phần tử `<{tag}>` đổi liên kết"
    if tag.lower() == "style" and _CSS_FETCH.search(_css_unescaped("".join(element.itertext()))):
        return "có kiểu (style) tải tài nguyên khác (`url(` hoặc `@import`)"
    for attribute, value in element.attrib.items():
        local = _local(attribute).lower()
        if local.startswith("on"):
            return f"có thuộc tính sự kiện `{_local(attribute)}` (chạy mã)"
        if local in ("href", "src") and not value.strip().startswith("#"):
            return f"có liên kết `{local}` ra ngoài ảnh (chỉ nhận `#...`)"
        if "javascript:" in value.lower().replace(" ", ""):
            return f"có thuộc tính `{_local(attribute)}` chứa `javascript:`"
        if _CSS_FETCH.search(_css_unescaped(value)):
            return f"có thuộc tính `{_local(attribute)}` tải tài nguyên khác (`url(...)`)"
    return None


def _css_unescaped(text: str) -> str:
    """CSS text with its escapes undone: `\\72` and `\\r` are both `r` to a browser."""
    if "\\" not in text:
        return text

    def one(match: re.Match) -> str:
        if match.group(2) is not None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CSS_ESCAPE.sub(one, text)


def _local(name: str) -> str:
    """`{http://www.w3.org/1999/xlink}href` → `href`."""
    return name.rsplit("}", 1)[-1]
