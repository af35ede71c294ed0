"""Is a static file of content/ what its extension says? (review of issue 12, findings 5 and 6)

The inventory used to decide by the name alone: `images/anh.png` holding an HTML page with
script was published, and a browser that sniffs (or a server that sends no type) runs it on
our origin. Every static file is now checked by content before it is published, whether or
not a page links it:

- images: decoded by imagecheck (whole file, verdicts cached by content hash);
- PDF, Office (ZIP or OLE containers), RTF, icons, audio and video: their magic number, read
  from the first bytes only, so a 200 MB video costs one small read;
- CSV and any file whose type has no magic number: refused when its first bytes look like
  markup or script (HTML, XML, SVG), whatever its name;
- SVG only where mkdocs.yml names it as the logo or favicon, and only after `svg_problem`.

No MkDocs import. Each check returns (what is wrong, how to fix it) or None.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .imagecheck import FORMATS as IMAGE_FORMATS
from .imagecheck import verify_image

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
}
# What the first bytes say a file is, to suggest the right extension.
_KNOWN = [(b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx/.xlsx/.zip"), (_OLE[0], ".doc/.xls/.ppt"),
          (b"{\\rtf", ".rtf"), (b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"),
          (b"OggS", ".ogg"), (b"ID3", ".mp3")]
# Markup a browser sniffs as HTML or XML (WHATWG: after optional whitespace); matched on the
# lower-cased head, so `<SCRIPT` too. A text file holding any of these is refused.
_MARKUP = re.compile(rb"<(?:!doctype|html|head|script|iframe|body|svg|\?xml|object|embed|xsl|meta|style|img)")
MARKUP_FIX = ("xóa tệp này; trang web thì chép nội dung vào một bài .md, tài liệu thì lưu lại đúng "
              "định dạng (PDF, Word, Excel) rồi chép lại")


IMAGE_READ_MAX = 100_000_000  # bytes; an image is read whole to be decoded, never a bigger one


def check_static(name: str, ext: str, head: bytes, read_all, size: int = 0) -> tuple[str, str] | None:
    """Verdict for static file `name` (extension `ext`, lower case, `size` bytes) from its
    first bytes `head`; `read_all()` gives the whole file, called for images only."""
    head = head[:HEAD]
    if ext in IMAGE_FORMATS and size > IMAGE_READ_MAX:
        return (f"ảnh `{name}` nặng {size // 1_000_000} MB, quá {IMAGE_READ_MAX // 1_000_000} MB",
                "thu nhỏ ảnh (chiều ngang khoảng 1.600 điểm ảnh là đủ cho trang web) rồi lưu lại dạng JPG")
    if _looks_like_markup(head):
        return (f"`{name}` có đuôi {ext} nhưng nội dung là trang web hoặc mã (HTML, XML, SVG, script): trình "
                "duyệt có thể chạy mã đó trên trang của cơ quan", MARKUP_FIX)
    if ext in IMAGE_FORMATS:
        return verify_image(name, read_all())
    if ext in MAGIC:
        starts, what = MAGIC[ext]
        return None if head.startswith(starts) else _mismatch(name, ext, what, head)
    media = _media(ext, head)
    if media is not None:
        return None if media else _mismatch(name, ext, f"âm thanh/video {ext}", head)
    return None  # .csv and text: nothing to match but the markup test above


def _media(ext: str, head: bytes) -> bool | None:
    """Whether an audio or video file starts as its format does; None for other types."""
    if ext == ".mp3":  # ID3 tag, or an MPEG audio frame (11 sync bits)
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    if ext in (".mp4", ".m4a"):
        return head[4:8] == b"ftyp"
    if ext == ".wav":
        return head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    return None


def _mismatch(name: str, ext: str, what: str, head: bytes) -> tuple[str, str]:
    actual = next((right for start, right in _KNOWN if head.startswith(start)), None)
    if not head:
        return f"`{name}` là tệp rỗng (0 byte)", "chép lại tệp đầy đủ, hoặc xóa tệp nếu không cần"
    if actual:
        return (f"`{name}` có đuôi {ext} nhưng nội dung là tệp {actual}",
                f"đổi đuôi tệp cho đúng ({actual}), hoặc mở tệp và lưu lại dạng {what}")
    return (f"`{name}` có đuôi {ext} nhưng nội dung không phải tệp {what}",
            f"mở tệp bằng chương trình của nó và lưu lại dạng {what} (tệp có thể đã hỏng khi tải về), "
            "hoặc xóa tệp nếu không cần")


def _looks_like_markup(head: bytes) -> bool:
    """Markup within the first bytes: a browser sniffing the file could take it for HTML/XML.
    A known binary signature comes first in its file, so a sniffer stops there (and the
    compressed bytes after it may hold `<img` by chance, or a JPEG its XMP `<?xpacket`)."""
    boms = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # text, whatever follows (FF FE is no MP3 frame)
    if not head.startswith(boms) and _binary_magic(head):
        return False
    for bom in boms:
        head = head.removeprefix(bom)
    text = head.replace(b"\x00", b"").lower()  # UTF-16 markup too
    return text.lstrip(b" \t\r\n\x0c").startswith(b"<") or _MARKUP.search(text) is not None


def _binary_magic(head: bytes) -> bool:
    """The first bytes are the signature of a known binary format."""
    return (any(head.startswith(start) for start, _ in _KNOWN) or head[4:8] == b"ftyp"
            or head.startswith((b"\x1a\x45\xdf\xa3", b"RIFF", b"\x00\x00\x01\x00"))
            or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0))


# --- SVG: only as the configured logo or favicon ------------------------------------------------

SVG_MAX = 1_000_000  # bytes; a logo is a few kilobytes
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
# `url(#gradient)` is a reference inside the image; any other `url(` fetches.
_CSS_FETCH = re.compile(r"url\s*\((?![\s'\"]*#)|@import|expression\s*\(", re.IGNORECASE)
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
    if tag.lower() in ("set", "animate") and _local(element.get("attributeName", "")).lower() in ("href", "src"):
        return f"có phần tử `<{tag}>` đổi liên kết"
    if tag.lower() == "style" and _CSS_FETCH.search("".join(element.itertext())):
        return "có kiểu (style) tải tài nguyên khác (`url(` hoặc `@import`)"
    for attribute, value in element.attrib.items():
        local = _local(attribute).lower()
        if local.startswith("on"):
            return f"có thuộc tính sự kiện `{_local(attribute)}` (chạy mã)"
        if local in ("href", "src") and not value.strip().startswith("#"):
            return f"có liên kết `{local}` ra ngoài ảnh (chỉ nhận `#...`)"
        if "javascript:" in value.lower().replace(" ", ""):
            return f"có thuộc tính `{_local(attribute)}` chứa `javascript:`"
        if _CSS_FETCH.search(value):
            return f"có thuộc tính `{_local(attribute)}` tải tài nguyên khác (`url(...)`)"
    return None


def _local(name: str) -> str:
    """`{http://www.w3.org/1999/xlink}href` → `href`."""
    return name.rsplit("}", 1)[-1]
