"""Reading a saved page's bytes into text (step 1 of the importer).

UTF-8 with or without BOM, UTF-16 with BOM, otherwise the charset an HTML page declares,
otherwise Windows-1258; normalised to NFC. TCVN3/VNI text is refused with a hint on how
to convert it (DESIGN §5): no normalisation repairs it. Web archives (`.mht`) give up
their HTML part here. A page showing more text than any article is refused before it is
analysed (`refuse_oversized`).
"""

from __future__ import annotations

import email
import email.policy  # not loaded by `import email`: every .mht failed in a fresh process
import re

from bantin.text.legacy import legacy_encoding_hint
from bantin.text.vi import format_integer, nfc
from bantin.tools.importer.lines import _SPACES
from bantin.tools.importer.result import ImportFailure


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_ALIASES = {
    # Browsers read ISO-8859-1 and ASCII labels as Windows-1252 (WHATWG Encoding).
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "windows-1258": "cp1258",
    "cp1258": "cp1258",
}

CONVERT_HINT = (
    "hãy chuyển sang Unicode trước bằng \"Công cụ chuyển mã\" của UniKey (bấm chuột phải "
    "vào biểu tượng UniKey, chọn \"Công cụ…\", hoặc bấm Ctrl+Shift+F6): chép chữ của trang, "
    "chọn Nguồn \"{enc}\" và Đích \"Unicode\", đánh dấu \"Chuyển mã clipboard\", bấm "
    "\"Chuyển mã\", dán vào một tệp văn bản mới lưu với bảng mã UTF-8, rồi nhập tệp đó"
)


def decode_bytes(data: bytes, name: str, *, html: bool = False) -> tuple[str, list[str]]:
    """Decode a saved page to NFC text; return (text, warnings).

    UTF-8 (BOM or not) and UTF-16/32 with BOM are read as such. Anything else is not
    UTF-8: an HTML page's declared charset is used when it is a Windows/ISO Latin one,
    otherwise Windows-1258 (Vietnamese Windows), with a warning to check the letters.
    """
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        if "\ufffd" in text and "\ufffd".encode() not in data:
            warnings.append(
                "một số byte không phải UTF-8 hợp lệ và đã bị thay bằng dấu �; "
                "hãy tìm dấu � trong bài và sửa lại chữ ở những chỗ đó"
            )
        return nfc(text), warnings
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            return nfc(text), warnings
    try:
        return nfc(data.decode("utf-8")), warnings
    except UnicodeDecodeError:
        pass
    codec = "cp1258"
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "replace").lower()
            codec = _CHARSET_ALIASES.get(declared, "cp1258")
    label = {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}[codec]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        warnings.append(
            f"một số byte cũng không đọc được theo bảng mã {label} và đã bị thay bằng dấu �; "
            "hãy tìm dấu � trong bài và sửa lại chữ ở những chỗ đó"
        )
    warnings.append(
        f"tệp không phải UTF-8; đã đọc theo bảng mã {label} và chuyển sang Unicode: "
        "hãy đọc lại chữ Việt trong bài xem có đúng không"
    )
    return nfc(text), warnings


def _refuse_legacy(text: str, name: str) -> None:
    hint = legacy_encoding_hint(text)
    if hint:
        enc = "VNI Windows" if hint == "VNI" else "TCVN3 (ABC)"
        raise ImportFailure(
            f"{name}: chữ trong trang có vẻ gõ bằng bảng mã cũ {hint}, không thể tự sửa "
            f"thành chữ Việt đúng; " + CONVERT_HINT.format(enc=enc)
        )


# What a saved page holds that no reader sees as its text (the analysis skips the same).
UNSHOWN_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "select", "option", "textarea",
    "button", "iframe", "object", "embed", "svg", "audio", "video", "canvas", "input", "map",
})
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def readable_html(html: str) -> str:
    """A decoded HTML page without an XHTML page's `<?xml … encoding="…"?>`: the bytes are
    decoded now, and lxml refuses a text that still declares an encoding (the page was refused
    as having no paragraph; hostile review, session 33)."""
    return _XML_DECLARATION.sub("", html, count=1)


# Characters a saved page may show. The whole text of a long code (Bộ luật Dân sự, Luật Đất
# đai) is well under half of it; a page over it is a list, a digest or a file that repeats
# itself. Analysis takes about 3 s a megabyte: the review's 15 MB page was refused by
# ANSWER_MAX only after 215 s (session 32), and an article had no limit at all.
PAGE_TEXT_MAX = 2_000_000


def refuse_oversized(text: str, name: str, *, html: bool) -> None:
    """ImportFailure, before any analysis, when the page shows over PAGE_TEXT_MAX characters.

    Counted without spaces and line breaks, the same way for an HTML page and for a text copy
    of it (the message advises one), and for HTML on the text it shows: not its tags, its
    head, scripts, styles, forms, or pictures written into it as data: addresses, so a page
    whose size is its pictures still imports. One no longer than the limit is not parsed.
    """
    if len(text) <= PAGE_TEXT_MAX:
        return
    shown = len(_SPACES.sub("", _shown_text(text) if html else text))
    if shown > PAGE_TEXT_MAX:
        raise ImportFailure(
            f"{name}: trang có {format_integer(shown)} ký tự (không kể dấu cách), quá giới hạn "
            f"{format_integer(PAGE_TEXT_MAX)} ký tự của một bài hay một câu hỏi (toàn văn một bộ luật dài chưa tới một "
            "nửa số đó); đây có phải trang danh sách, trang tổng hợp nhiều bài hay tệp bị lặp nội dung không? Hãy mở "
            "trang, chép phần cần giữ vào một tệp .txt (hoặc chia thành nhiều tệp) rồi nhập các tệp đó"
        )


def _shown_text(html: str) -> str:
    """The text an HTML page shows (lxml: linear in the page, about a second for 15 MB).
    `huge_tree`: libxml2 otherwise stops a text over 10 MB short, and a page of one 15 MB
    paragraph measured 0."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except Exception:  # lxml raises several types for empty or broken documents; analysis says why
        return ""
    lxml.etree.strip_elements(root, *UNSHOWN_TAGS, "title", lxml.etree.Comment, with_tail=False)
    return "".join(root.itertext())


def _mht_html(data: bytes, name: str) -> bytes:
    """The first text/html part of a web archive (.mht), re-encoded as UTF-8."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(charset).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    return payload
            return payload
    raise ImportFailure(
        f"{name}: tệp lưu trang web (.mht) không chứa trang HTML nào; hãy lưu lại trang dưới "
        "dạng \"Trang web\" (.html), hoặc chép chữ của trang vào một tệp .txt rồi nhập tệp đó"
    )
