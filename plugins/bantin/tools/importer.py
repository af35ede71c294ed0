"""Import pages saved from old portals as articles (`bantin import FILE...`).

Old provincial portals are full of furniture: header clocks, visitor counters, font-size
and contrast bars, audio-player timers, ratings, comment boxes with captchas, "related"
and "same category" link lists. An editor saves a page (as HTML, as a web archive `.mht`,
or by copying its text into a `.txt` file) and this module turns it into an article
(DESIGN §3) under `content/tin-tuc/<slug>.md`.

What it does, in order:

1. Read bytes and decode them (UTF-8 with or without BOM, UTF-16 with BOM, otherwise the
   charset an HTML page declares, otherwise Windows-1258), normalise to NFC, and refuse
   TCVN3/VNI text, which no normalisation repairs (DESIGN §5).
2. Cut the page into *units*: one per line of a text copy; one per block element of an
   HTML page, flagged when it comes from a heading or an element whose class says "title".
   HTML bodies come from trafilatura's main-content extraction; our own rules then drop
   what it keeps (counters, timers, ratings, link-only paragraphs, glued image names).
3. Find the article's first paragraph (the *anchor*). The title is the nearest title-like
   unit above it; the date is a "Ngày đăng"/"Cập nhật" line or a date line next to the
   title — never a header clock (a time with seconds or AM/PM above the article) or a
   "last visit" stamp. Bylines, "Nguồn: … Link: …" and "(TTXVN) -" prefixes give author and
   source. The article ends at the first "Tin liên quan" / "Đánh giá:" / "Bình luận" unit.
4. Write YAML front matter with only the fields DESIGN §3 allows, never overwriting a file,
   and report every field it could not determine instead of guessing: a missing title or
   date gets a visible placeholder and `draft: true`, a missing category the placeholder
   `chua-phan-loai`, which the checker flags.
5. Record the page's old address: a plain path becomes an alias (the new site serves a
   redirect page there); an address a static host cannot serve (a query string such as
   `?ItemID=123`, or a server-side script such as `.aspx`) goes into a redirect map, from
   which `nginx_redirects` / `apache_redirects` write configuration for the old host.

This module is part of the engine-independent core: it does not import MkDocs.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import email
import email.policy
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import yaml

from bantin.text.vi import VIETNAM, fold, legacy_encoding_hint, nfc, slugify, strip_control

ARTICLE_DIR = "tin-tuc"
from bantin.content.frontmatter import PLACEHOLDER_CATEGORY, PLACEHOLDER_TITLE  # noqa: E402 (one definition, checked there)
from bantin.content.frontyaml import short as _short  # noqa: E402
from bantin.content.problems import Problem, Problems, visible  # noqa: E402
ALLOWED_FIELDS = (
    "title",
    "date",
    "category",
    "tags",
    "author",
    "source",
    "summary",
    "aliases",
    "draft",
)
DEFAULT_REDIRECT_MAP = "redirects/old-host.map"
URL_ALONE = "--url chỉ ghi địa chỉ cũ của một trang: khi dùng --url, hãy nhập riêng từng tệp"

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp"}
MHT_SUFFIXES = {".mht", ".mhtml"}
SLUG_MAX = 80


class ImportFailure(Exception):
    """A file could not be imported; the message names the file and says what to do."""


@dataclass
class ImportResult:
    """What importing one file produced.

    `path` is the written article (None when the import failed, see `error`); `fields`
    holds only what was found on the page (never placeholders); `missing` has one human
    message per field that could not be determined; `redirects` are (old URL, new path)
    pairs a static site cannot serve and the old host's web server must redirect;
    `warnings` are things an editor should check (encoding, dropped lines, attachments).
    """

    source: Path
    path: Path | None = None
    fields: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    redirects: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def report(self, content_dir: Path | None = None) -> list[str]:
        """Report lines, each prefixed with the article's path (relative to content_dir)."""
        if self.error:
            return [f"lỗi: {self.error}"]
        assert self.path is not None
        name = _display_path(self.path, content_dir)
        lines = [f"{self.source}: đã nhập thành bài {name}"]
        lines += [f"{name}: {message}" for message in self.missing]
        lines += [f"{name}: lưu ý: {message}" for message in self.warnings]
        lines += [
            f"{name}: trang tĩnh không phục vụ được địa chỉ cũ {old}; "
            f"máy chủ web cũ cần chuyển hướng địa chỉ đó tới {new} (xem bảng chuyển hướng)"
            for old, new in self.redirects
        ]
        return lines


def _display_path(path: Path, content_dir: Path | None) -> str:
    if content_dir is not None:
        try:
            return path.relative_to(content_dir).as_posix()
        except ValueError:
            pass
    return path.as_posix()


# --- Reading bytes -------------------------------------------------------------------

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


# --- Text helpers ----------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_line(text: str) -> str:
    """NFC, one space between words, no invisible characters, no surrounding space.

    Control, bidirectional and zero-width characters (`&#x7;`, `&#x202E;` on the old page)
    go too: `bantin check` would report them in every imported file (vi.CONTROL)."""
    return _SPACES.sub(" ", strip_control(_INVISIBLE.sub("", nfc(text)))).strip()


def _words(text: str) -> int:
    return len(text.split())


_TERMINAL = ".!?…:;"
_CLOSERS = "\"”’»)]'"


def _ends_sentence(text: str) -> bool:
    """Ends like a sentence: '.', '!', '?', '…', ':', ';', or one of them inside '”' / ')'."""
    text = text.rstrip(_CLOSERS) if text and text[-1] in _CLOSERS else text
    return bool(text) and text[-1] in _TERMINAL


def _looks_like_body(text: str) -> bool:
    """A paragraph of running text (not a title, caption, menu item or counter).

    A short question is a title ("Người dân cần biết gì khi …?"), not running text.
    """
    words = _words(text)
    question = text.rstrip(_CLOSERS).endswith("?")
    return (words >= 12 and _ends_sentence(text) and not question) or words >= 30


# Image file names glued to the start of a paragraph by copy-and-paste: Zalo names
# (z<digits>_<md5>), camera names (IMG_0123, DSC01234), Facebook downloads, bare hashes.
_IMAGE_NAME = re.compile(
    r"^(?:z\d{6,}_[0-9a-f]{32}"
    r"|(?:IMG|DSC|DSCN|DCIM|PXL|FB_IMG|received|Screenshot|Zalo)[_-]?\d[\d_-]{2,}"
    r"|[0-9a-f]{32,40}"
    r"|[\w-]+\.(?:jpe?g|png|gif|webp|bmp|heic)"
    r")(?:\.(?:jpe?g|png|gif|webp|bmp|heic))?",
    re.IGNORECASE,
)


def strip_image_name(text: str) -> str:
    """Remove an image file name glued to the start of a paragraph."""
    match = _IMAGE_NAME.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if rest and rest[0].isalnum() and not rest[0].isupper():
        return text  # the "name" runs on into a lower-case word: not a file name
    return rest.strip()


# Portal furniture, matched against fold(line): lower case, no tones, đ -> d.
_FURNITURE = [re.compile(p) for p in (
    r"^[\d\s.,:/|-]*$",  # counter digits, lone numbers, separators
    r"^(so )?luot (truy cap|xem|doc|nghe|danh gia|binh chon|chia se|thich)\b.{0,30}$",
    r"^(tong (so )?)?(luot )?truy cap( hom nay| trong ngay| thang| nam)?\s*:?[\d\s.,]*$",
    r"^(so (luot|nguoi) )?(dang )?(online|truc tuyen)\s*:?[\d\s.,]*$",
    r"^(so luot )?dang online\b.{0,20}$",
    r"^thong ke( truy cap)?\s*(:[\d\s.,]*)?$",
    r"^thong ke truy cap\s*:?[\d\s.,]*(\|\s*dang online\s*:?[\d\s.,]*)?$",
    r"^(hom nay|hom qua|tuan nay|tuan truoc|thang nay|thang truoc|nam nay|tat ca|"
    r"tong cong|khach|thanh vien|luot truy cap)\s*:\s*[\d.,]+$",
    r"^ban la (nguoi|vi khach|khach) (truy cap )?thu\b",
    r"^(danh gia|binh chon|xep hang|cham diem)\s*:?$",
    r"luot danh gia\s*:",
    r"^(binh luan|y kien ban doc|y kien cua ban|gui y kien( cua ban)?|gui binh luan|"
    r"gui phan hoi|phan hoi|viet binh luan|cac binh luan)\s*:?$",
    r"^binh luan cua ban (se|duoc)\b",
    r"^(vui long )?(nhap |go )?ma (xac thuc|xac nhan|bao ve|an toan|kiem tra)\b.{0,25}$",
    r"\bma (xac thuc|xac nhan) khong (dung|hop le|chinh xac)",
    r"\bcaptcha\b",
    r"^(ho (va )?ten|email|e-mail|dien thoai|so dien thoai|dia chi email|noi dung|"
    r"tieu de)\s*:?\s*\*?$",
    r"^(gui|xoa|nhap lai|lam lai|huy|huy bo|dong y|tim kiem|tim|dang nhap|dang ky)$",
    r"(^|\s)a-\s*a\s*a\+", r"(^|\s)a\+\s*a\s*a-",  # font-size bar "A- A A+"
    r"^(co chu|kich (thuoc|co) chu|phong chu|chu to|chu nho)\b.{0,40}$",
    r"^(che do |do )?tuong phan( cao)?\b.{0,30}$",
    r"^(nghe (doc|bai|tin|noi dung)|doc bai( viet)?|doc tin|nghe audio|phat am thanh)\b.{0,40}$",
    r"(^|\s)\d{1,2}:\d{2}(:\d{2})?\s*/\s*\d{1,2}:\d{2}(:\d{2})?$",  # audio timer
    r"^\d{1,2}:\d{2}(:\d{2})?$",
    # toolbars: "In bài | Gửi email | Về đầu trang", "Chia sẻ", "Quay lại"
    r"^((in|in bai|in bai viet|in trang|ban in|in tin|gui email|gui mail|gui cho ban be|"
    r"gui bai|chia se|chia se bai viet|share|tweet|like|thich|luu|luu bai|luu tin|"
    r"quay lai|tro ve|tro lai|ve dau trang|len dau trang|dau trang|trang chu|doc tiep|top|"
    r"phan hoi|ve trang truoc|xem ban in|bao loi)\s*[|/•·-]?\s*)+:?$",
    r"^(chia se|share)\s*:.{0,60}$",
    r"^(lien ket website|lien ket web|website lien ket|lien ket)\s*:?$",
    r"^((facebook|zalo|twitter|youtube|email|linkedin|print)\s*)+$",
    r"^trang chu\s*[>»/|›]",  # breadcrumb
    r"^(« ?)?(truoc|sau|bai truoc|bai sau|tin truoc|tin sau)( ?»)?$",
    r"^(tham do y kien|binh chon|ket qua binh chon)\b.{0,40}$",
    r"^(lan truy cap|truy cap lan|lan cuoi truy cap|lan truy cap cuoi|last visit)",
)]
_FURNITURE_MAX_WORDS = 14
# Footer lines: owning agency, responsible editor, copyright, the "cite the source" notice.
_FOOTER = re.compile(
    r"^(ghi ro nguon|co quan chu quan|chiu trach nhiem( chinh| noi dung)?\s*:|ban quyen|"
    r"copyright|©|giay phep( so)?\s*:?\s*\d|trang thong tin dien tu .{0,60} giay phep)"
)

# Units after which the article is over: related lists, ratings, comments, footer blocks.
_END_MARKERS = [re.compile(p) for p in (
    r"^(tin|bai( viet)?|cac tin|cac bai( viet)?|nhung tin) (lien quan|cung chuyen muc|"
    r"khac|da dua|moi( nhat)?|cung loai|noi bat|xem nhieu)\s*:?$",
    r"^(cung chuyen muc|doc them|xem them|co the ban quan tam|tin noi bat|"
    r"xem nhieu nhat|tin xem nhieu)\s*:?$",
    r"^(danh gia|binh chon)\s*:?$",
    r"luot danh gia\s*:",
    r"^(binh luan|y kien ban doc|gui y kien( cua ban)?|gui binh luan|y kien cua ban|"
    r"cac binh luan|viet binh luan)\s*:?$",
    r"^(thong ke truy cap|lien ket website|lien ket web|website lien ket)\s*:?$",
)]


def is_furniture(text: str) -> bool:
    """True for a unit that is portal furniture, not part of any article."""
    if not text.strip():
        return True
    folded = fold(text).strip()
    if _words(text) <= 40 and _FOOTER.match(folded):
        return True
    if _words(text) > _FURNITURE_MAX_WORDS:
        return False
    return any(p.search(folded) for p in _FURNITURE)


def is_end_marker(text: str) -> bool:
    """True for a unit that starts the trailer (related lists, ratings, comments)."""
    if _words(text) > 10:
        return False
    folded = fold(text).strip()
    return any(p.search(folded) for p in _END_MARKERS)


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(text: str) -> str:
    """Escape what Markdown (and attr_list) would read as markup in imported plain text.

    Old-portal text stays text: '<' and '>' become `&lt;`/`&gt;`, and an '&' that would
    start an entity becomes `&amp;`, so text that was `&lt;img …&gt;` on the old page
    (shown there as characters) is shown as those same characters, never parsed (issue 12).
    """
    text = text.replace("\\", "\\\\")
    for ch in "*`[]{":
        text = text.replace(ch, "\\" + ch)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"^(#|>|[-+](?=\s)|=+$)", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return text


# --- Dates -----------------------------------------------------------------------------

_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")
_WORDY = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_TIME = re.compile(
    r"(?<![\d/.:])(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?![\d/])"
    r"(?:\s*(am|pm|sa|ch)\b)?"
)
_PUBLISHED_LABEL = re.compile(
    r"(ngay dang|dang ngay|dang luc|ngay dang tai|ngay xuat ban|xuat ban|ngay phat hanh|"
    r"thoi gian dang|ngay viet|ngay dua tin|dang tai)\s*:?"
)
_UPDATED_LABEL = re.compile(r"(cap nhat|ngay cap nhat|cap nhat luc|cap nhat ngay)\s*:?")
_VISIT_WORDS = re.compile(
    r"(truy cap|last visit|lan cuoi|hom nay la|bay gio|gio hien tai|dang nhap|visit)"
)


@dataclass
class FoundDate:
    value: date
    time: str | None  # "HH:MM"
    text: str  # the unit it came from

    def front_matter(self) -> date | str:
        return f"{self.value.isoformat()} {self.time}" if self.time else self.value


def parse_date(text: str) -> FoundDate | None:
    """The first calendar date in a unit ('05/09/2019', 'ngày 5 tháng 9 năm 2019', ISO)."""
    folded = fold(text)
    found: tuple[int, int, int, int, int] | None = None  # y, m, d, start, end
    for match in _DMY.finditer(folded):
        d, m, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        found = (y, m, d, match.start(), match.end())
        break
    if found is None:
        match = _WORDY.search(folded)
        if match:
            d, m, y = (int(g) for g in match.groups())
            found = (y, m, d, match.start(), match.end())
    if found is None:
        match = _ISO.search(folded)
        if match:
            y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
            found = (y, m, d, match.start(), match.start() + 10)
    if found is None:
        return None
    y, m, d, start, end = found
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    rest = folded[:start] + " " + folded[end:]
    time = None
    tmatch = _TIME.search(rest)
    if tmatch:
        hour, minute = int(tmatch.group(1)), int(tmatch.group(2))
        marker = tmatch.group(4)
        if marker in ("pm", "ch") and hour < 12:
            hour += 12
        if marker in ("am", "sa") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            time = f"{hour:02d}:{minute:02d}"
    return FoundDate(value, time, text)


def _is_clock(text: str) -> bool:
    """A header clock: a time with seconds or AM/PM ('Thứ 7 Ngày 18/11/2023, 04:52:10 PM')."""
    folded = fold(text)
    return bool(re.search(r"\d{1,2}:\d{2}:\d{2}", folded) or re.search(r"\d\s*(am|pm)\b", folded))


def _is_visit_stamp(text: str) -> bool:
    return bool(_VISIT_WORDS.search(fold(text)))


def _is_date_line(text: str) -> bool:
    """A short unit that carries a date (a dateline, not a sentence mentioning one)."""
    return _words(text) <= 16 and not text.endswith(".") and parse_date(text) is not None


def _parse_iso_meta(value: str) -> FoundDate | None:
    """A machine date from a meta tag or <time datetime>, converted to Vietnam time."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = parse_date(value)
        return found
    if isinstance(parsed, datetime):
        has_time = bool(re.search(r"\d[T ]\d{2}:\d{2}", value))
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(VIETNAM)
        if has_time and (parsed.hour, parsed.minute) != (0, 0):
            return FoundDate(parsed.date(), f"{parsed.hour:02d}:{parsed.minute:02d}", value)
        return FoundDate(parsed.date(), None, value)
    return None


# --- Bylines and sources ----------------------------------------------------------------

# First words of organisations and of ordinary sentences: a capitalised run starting with
# one of them is not a person's name ("Sở Tư Pháp", "Báo Pháp Luật", "Trong Năm").
_ORG_WORDS = {
    "so", "bo", "bao", "tap", "cong", "trang", "phong", "ban", "uy", "ubnd", "hdnd", "dai",
    "trung", "toa", "vien", "cuc", "vu", "hoi", "tinh", "huyen", "xa", "van", "chi", "dang",
    "thong", "theo", "nguon", "tin", "bai", "anh", "tac", "co", "truong", "hoc", "ngan",
    "kho", "quy", "lien", "tong", "nha", "doan", "mat", "quoc", "chinh", "nguoi", "lanh",
    "to", "thon", "ttxvn", "vov", "vtv", "nhung", "cac", "mot", "ket", "ve", "trong", "de",
    "voi", "tai", "ngay", "thang", "nam", "thu", "chu",
}
_BYLINE_LABEL = re.compile(
    r"^\(?\s*(tac gia|nguoi viet|but danh|bai viet|thuc hien|phong vien|nhom phong vien|"
    r"bai va anh|bai, anh|bai/anh|bai - anh|bai|tin va anh|tin, anh|tin/anh|tin - anh|tin|"
    r"nhom pv|pv)\s*:\s*"
)
_SHORT_BYLINE = re.compile(r"^\(?(nhom )?(pv|p\.v|ctv|bbt|btv|nhom pv)\)?$")
_SOURCE_LABEL = re.compile(r"^(nguon|nguon tin|nguon bai|trich nguon)\s*:\s*")
_THEO_LABEL = re.compile(r"^theo\s+")
_LINK_LABEL = re.compile(r"^(link|lien ket|duong dan|link bai( viet| goc)?|link goc|bai goc)\s*:\s*")
_URL_LABEL = re.compile(r"^(url|dia chi( bai viet| trang)?|link bai viet|link goc|bai goc|trang goc)\s*:\s*")
_URL = re.compile(r"https?://[^\s<>\"“”]+", re.IGNORECASE)
_LEAD_SOURCE = re.compile(r"^\(\s*([A-ZĐ][\w.&\- ]{1,30}?)\s*\)\s*[-–—]\s*")
_TRAILING_CREDIT = re.compile(
    r"\(\s*(?:Tin|Bài|Tin,\s*ảnh|Tin và ảnh|Bài và ảnh|Bài,\s*ảnh|Tin/ảnh|Bài/ảnh|"
    r"Tác giả|TG)\s*:\s*([^()]{2,80})\)\s*$"
)


def _label_value(text: str, label: re.Pattern[str]) -> str | None:
    """The text after a label that matched fold(text); folding keeps character offsets."""
    folded = fold(text)
    match = label.match(folded)
    if not match:
        return None
    value = text[match.end():].strip()
    if value.endswith(")") and text.lstrip().startswith("("):
        value = value[:-1].strip()
    return value


def _name_token(token: str) -> bool:
    """'Hà', 'Đức', 'A.', 'HÀ' — a capitalised syllable (or initial) of a name."""
    word = token.rstrip(".")
    if not word.isalpha() or not word[0].isupper():
        return False
    return word[1:].islower() or word.isupper() or len(word) == 1


def is_person_name(text: str) -> bool:
    """2–5 capitalised syllables that do not start like an organisation ('Lê Thu Hà')."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if fold(tokens[0]).strip(".") in _ORG_WORDS:
        return False
    return all(_name_token(t) for t in tokens)


# Each run of spaces is tried once (the look-behind), not from each of its spaces: linear.
_BYLINE_SPLIT = re.compile(r"(?<!\s)\s+[-–—]\s+|,\s+|(?<!\s)\s+\(")


def parse_byline(text: str) -> str | None:
    """The author of a byline unit, or None: 'Tác giả: X', '(Tin: X)', 'X - Phòng PBGDPL'."""
    if _words(text) > 16 or text.endswith(".") and not re.search(r"\b[A-ZĐ]\.$", text):
        return None
    value = _label_value(text, _BYLINE_LABEL)
    if value:
        return value.rstrip(" .")
    if _SHORT_BYLINE.match(fold(text)):
        return text.strip("() ")
    head = _BYLINE_SPLIT.split(text, maxsplit=1)[0].strip()
    if is_person_name(head) and parse_date(text) is None:  # not "Hà Nội, ngày 5/6/2024"
        return text.strip()
    return None


def _split_source(value: str) -> tuple[str | None, str | None, str | None]:
    """'Lê Thu Hà - Báo Sông Lam (https://…)' -> (author, source name, url)."""
    url = None
    match = _URL.search(value)
    if match:
        url = match.group(0).rstrip(".,;)")
        value = (value[:match.start()] + value[match.end():]).strip(" -–—,;:()")
    parts = re.split(r"\s+[-–—]\s+", value, maxsplit=1)
    if len(parts) == 2 and is_person_name(parts[0].strip()):
        return parts[0].strip(), parts[1].strip() or None, url
    return None, value.strip() or None, url


# --- URLs ------------------------------------------------------------------------------

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_STATIC_EXT = {"", ".html", ".htm"}
_ALIAS_PATH = re.compile(r"^/[A-Za-z0-9/._~\-]*$")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL (or a root-relative path), percent-encoded, no fragment."""
    url = url.strip().strip("\"'<>")
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if not parts.scheme and not url.startswith("/"):
        return None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def classify_old_url(url: str) -> tuple[str, str] | None:
    """('alias', path) when a static site can serve the old path, else ('redirect', url).

    A static host can put a redirect page at a plain path ('/tin-tuc/abc-123.html',
    '/tin-tuc/abc/'); it cannot answer a query string ('?ItemID=123'), and a page named
    '.aspx' or '.php' would be served with the wrong type. None for a site's home page.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/" and not parts.query:
        return None
    if _dot_segments(path):
        return ("outside", url)  # '/../theme/main.html' would name a file of the new site
    if parts.query:
        return ("redirect", url)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    ext = ("." + last.rsplit(".", 1)[1].lower()) if "." in last else ""
    if ext not in _STATIC_EXT or not _ALIAS_PATH.match(path):
        return ("redirect", url)
    return ("alias", path)


def _dot_segments(path: str) -> bool:
    """True when a path has '.' or '..' segments (also percent-encoded, or after a '\\')."""
    return any(s in (".", "..") for s in unquote(path).replace("\\", "/").split("/"))


# --- Page units ------------------------------------------------------------------------

@dataclass
class Unit:
    """One line of a text copy, or one block of an HTML page."""

    text: str
    heading: bool = False


@dataclass
class Block:
    """One block of the article body: Markdown text and the plain text rules look at."""

    markdown: str
    plain: str
    kind: str = "p"  # p, h, list, table, quote
    link_only: bool = False
    links: list[str] = field(default_factory=list)


def _text_block(text: str) -> Block:
    return Block(md_escape(text), text)


def text_units(text: str) -> list[Unit]:
    """One unit per non-blank line: browsers copy one paragraph per line."""
    return [Unit(line) for line in (clean_line(raw) for raw in text.splitlines()) if line]


@dataclass
class Extracted:
    """Everything found on one page, before it is turned into front matter."""

    title: str | None = None
    date: FoundDate | None = None
    author: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    category_hint: str | None = None
    urls: list[str] = field(default_factory=list)  # the page's own (old) addresses
    body: list[Block] = field(default_factory=list)
    rejected_dates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_text: str = ""  # all visible text of an HTML page (for the encoding check)


def _first_of_run(texts: Sequence[str]) -> int | None:
    """Index of the article's first paragraph among page texts.

    The first paragraph of running text that another one follows closely (within three
    non-furniture texts): a lone sentence in a sidebar or footer is not the article.
    Falls back to the first paragraph of running text.
    """
    candidates = []
    for i, raw in enumerate(texts):
        text = strip_image_name(raw)
        if is_furniture(text) or is_end_marker(text):
            continue
        if _label_value(text, _SOURCE_LABEL) is not None:
            continue
        candidates.append((i, _looks_like_body(text)))
    bodies = [k for k, (_, body) in enumerate(candidates) if body]
    for k in bodies:
        if any(candidates[j][1] for j in range(k + 1, min(k + 4, len(candidates)))):
            return candidates[k][0]
    return candidates[bodies[0]][0] if bodies else None


def _find_start(units: Sequence[Unit], anchor: str | None) -> int | None:
    """Index of the article's first paragraph: the anchor if given and found, else guessed."""
    if anchor:
        key = fold(anchor)[:60]
        for i, unit in enumerate(units):
            if key and key in fold(strip_image_name(unit.text)):
                return i
    return _first_of_run([u.text for u in units])


def _title_like(text: str, heading: bool = False) -> bool:
    """A title: 3–40 words, not ending like a sentence (a question mark is fine)."""
    words = _words(text)
    if not (3 <= words <= 40 and len(text) <= 300) or _URL.match(text):
        return False
    if text.rstrip(_CLOSERS).endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    return heading or text.rstrip(_CLOSERS).endswith(("?", "!")) or not _looks_like_body(text)


def analyse_header(units: Sequence[Unit], start: int, found: Extracted) -> None:
    """Title, date, labeled byline and category hint from the units above the article."""
    title_idx = None
    seen = 0
    for i in range(start - 1, -1, -1):
        text = units[i].text
        if is_furniture(text) or _is_visit_stamp(text) and _is_date_line(text):
            continue
        seen += 1
        if seen > 8:
            break
        if _is_date_line(text) or _is_clock(text):
            continue
        folded = fold(text)
        if re.match(r"^(danh muc|chuyen muc|linh vuc)\s*:", folded):
            found.category_hint = found.category_hint or _label_value_any(text)
            continue
        if re.match(r"^(tu khoa|tags?|the)\s*:", folded):
            continue
        byline = parse_byline(text) if _BYLINE_LABEL.match(folded) else None
        if byline:
            found.author = found.author or byline
            continue
        if _title_like(text, units[i].heading):
            title_idx = i
            found.title = text
        break
    _find_date(units, start, title_idx, found)


def _label_value_any(text: str) -> str | None:
    return text.split(":", 1)[1].strip() or None if ":" in text else None


def _find_date(units: Sequence[Unit], start: int, title_idx: int | None, found: Extracted) -> None:
    if found.date is not None:
        return
    published: FoundDate | None = None
    updated: FoundDate | None = None
    near: list[tuple[int, FoundDate]] = []
    window_from = (title_idx if title_idx is not None else start) - 3
    for i, unit in enumerate(units[:start]):
        text = unit.text
        if not _is_date_line(text) and not (
            _PUBLISHED_LABEL.match(fold(text)) or _UPDATED_LABEL.match(fold(text))
        ):
            continue
        parsed = parse_date(text)
        if parsed is None:
            continue
        folded = fold(text).strip()
        if _is_visit_stamp(text):
            found.rejected_dates.append(text)
            continue
        if _PUBLISHED_LABEL.match(folded):
            published = published or parsed
            continue
        if _UPDATED_LABEL.match(folded):
            updated = updated or parsed
            continue
        between = title_idx is not None and title_idx < i < start
        if _is_clock(text) and not between:
            found.rejected_dates.append(text)
            continue
        if window_from <= i:
            near.append((i, parsed))
        else:
            found.rejected_dates.append(text)
    choice = published
    if choice is None and near:
        ref = title_idx if title_idx is not None else start
        choice = min(near, key=lambda item: (abs(item[0] - ref), item[0] < ref))[1]
    choice = choice or updated
    if choice is not None:
        found.date = choice
        prefix = _date_prefix(choice.text)
        if prefix:
            found.warnings.append(
                f"dòng ngày đăng còn có chữ «{prefix}» (thẻ hay chuyên mục?); "
                "nếu đó là thẻ thì hãy tự thêm vào `tags:`"
            )


def _date_prefix(text: str) -> str | None:
    """Words written before the date on an unlabeled date line ('hòa giải cơ sở 05/09/2019')."""
    folded = fold(text)
    match = _DMY.search(folded)
    if not match or _PUBLISHED_LABEL.match(folded) or _UPDATED_LABEL.match(folded):
        return None
    prefix = text[: match.start()].strip(" -–—|,:")
    prefix_folded = fold(prefix)
    prefix_folded = re.sub(r"\b(thu (hai|ba|tu|nam|sau|bay|\d)|chu nhat|ngay)\b", "", prefix_folded)
    if _words(prefix_folded) < 2:
        return None
    return prefix


def _trailer_meta(blocks: list[Block], found: Extracted) -> list[Block]:
    """Take bylines, "Nguồn: … Link: …" and URL lines off the end of the body."""
    blocks = list(blocks)
    pending_link: str | None = None
    taken = 0
    while blocks and taken < 6:
        text = blocks[-1].plain
        folded = fold(text)
        link = _label_value(text, _LINK_LABEL)
        if link is not None and _URL.match(link):
            pending_link = _URL.match(link).group(0)
            blocks.pop()
            taken += 1
            continue
        url_value = _label_value(text, _URL_LABEL)
        if url_value is not None and _URL.match(url_value):
            found.urls.append(_URL.match(url_value).group(0))
            blocks.pop()
            taken += 1
            continue
        source = _label_value(text, _SOURCE_LABEL)
        if source is None and _THEO_LABEL.match(folded) and _words(text) <= 10 and not text.endswith("."):
            source = text[len("Theo"):].strip()
        if source is not None:
            author, name, url = _split_source(source)
            found.source_name = found.source_name or name
            found.source_url = found.source_url or url or pending_link
            pending_link = None
            if author:
                found.author = found.author or author
            blocks.pop()
            taken += 1
            continue
        byline = parse_byline(text)
        if byline and not found.author:
            found.author = byline
            blocks.pop()
            taken += 1
            continue
        break
    if pending_link:
        # A "Link:" line with no "Nguồn:" above it is the page's own address.
        found.urls.append(pending_link)
    if blocks and not found.author:
        last = blocks[-1]
        match = _TRAILING_CREDIT.search(last.plain)
        if match:
            found.author = match.group(1).strip()
            plain = last.plain[: match.start()].rstrip()
            blocks[-1] = Block(md_escape(plain), plain) if last.kind == "p" else last
    return blocks


def clean_body(blocks: Iterable[Block], found: Extracted, *, text_copy: bool) -> list[Block]:
    """Drop furniture from body blocks, cut the trailer, take the byline, keep paragraphs.

    In a text copy, links are lost: a long line that does not end like a sentence, between
    paragraphs, is taken for a link to another article (dropped, and reported). In HTML
    such links are recognised as paragraphs that are nothing but a link.
    """
    out: list[Block] = []
    started = False
    title_key = fold(found.title) if found.title else None
    for block in blocks:
        plain = block.plain
        if block.kind == "p":
            stripped = strip_image_name(plain)
            if stripped != plain:
                if not stripped:
                    continue
                block = Block(md_escape(stripped), stripped, links=block.links)
                plain = stripped
        if started and is_end_marker(plain):
            break
        if is_furniture(plain) or _is_visit_stamp(plain) and _is_date_line(plain):
            continue
        if title_key and fold(plain) == title_key:
            continue
        if not started:
            if block.kind == "p" and _looks_like_body(plain):
                started = True
            elif _is_date_line(plain) or _is_clock(plain):
                continue
            elif block.kind == "p" and is_end_marker(plain):
                continue
        folded = fold(plain)
        if re.match(r"^(tu khoa|tags?|the)\s*:", folded) and _words(plain) <= 20:
            found.tags = found.tags or _split_tags(plain)
            continue
        if block.link_only:
            found.warnings.append(
                f"đã bỏ một đoạn chỉ gồm liên kết tới trang khác: «{plain}»; "
                "nếu đoạn đó thuộc về bài thì hãy chép lại vào bài"
            )
            continue
        if (
            text_copy
            and started
            and block.kind == "p"
            and _words(plain) >= 12
            and not _ends_sentence(plain)
            and "." not in plain[:-1].replace("...", "")
            and not block.markdown.startswith("**")
        ):
            found.warnings.append(
                f"đã bỏ một dòng giống tiêu đề của bài khác: «{plain}»; "
                "nếu dòng đó thuộc về bài thì hãy chép lại vào bài"
            )
            continue
        byline = parse_byline(plain) if _BYLINE_LABEL.match(folded) else None
        if byline and not found.author:
            found.author = byline
            continue
        out.append(block)
    return _trailer_meta(out, found)


def _split_tags(text: str) -> list[str]:
    value = text.split(":", 1)[1]
    tags = [clean_line(t) for t in re.split(r"[,;|]", value)]
    seen: list[str] = []
    for tag in tags:
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def _lead(found: Extracted) -> None:
    """Summary: the first paragraph, without a "(TTXVN) -" source prefix."""
    for block in found.body:
        if block.kind != "p":
            continue
        text = block.plain
        match = _LEAD_SOURCE.match(text)
        if match:
            if not found.source_name:
                found.source_name = match.group(1).strip()
            text = text[match.end():].strip()
        if _looks_like_body(text) or _words(text) >= 8:
            found.summary = text
        return


def analyse_text(text: str) -> Extracted:
    """Extract an article from a plain-text copy of a portal page."""
    units = text_units(text)
    found = Extracted()
    # A bare address or "URL: …" on the first or last line is the page's own address.
    for index in (0, -1):
        if not units:
            break
        line = units[index].text
        value = _label_value(line, _URL_LABEL)
        if _URL.fullmatch(line) or (value and _URL.fullmatch(value)):
            found.urls.append(_URL.search(line).group(0))
            del units[index]
    start = _find_start(units, None)
    if start is None:
        return found
    analyse_header(units, start, found)
    blocks = [_text_block(u.text) for u in units[start:]]
    found.body = clean_body(blocks, found, text_copy=True)
    _tags_from_units(units[start:], found)
    _lead(found)
    return found


def _tags_from_units(units: Sequence[Unit], found: Extracted) -> None:
    if found.tags:
        return
    for unit in units:
        if re.match(r"^(tu khoa|tags?|the)\s*:", fold(unit.text)) and _words(unit.text) <= 20:
            found.tags = _split_tags(unit.text)
            return


# --- HTML ------------------------------------------------------------------------------

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "head", "select", "option", "textarea",
    "button", "iframe", "object", "embed", "svg", "audio", "video", "canvas", "input", "map",
}
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "br", "section",
    "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "dl", "blockquote",
    "figure", "figcaption", "center", "pre", "address", "main", "aside", "nav", "form",
    "fieldset", "legend", "label", "hr", "caption", "tbody", "thead",
}
_TITLE_CLASS = re.compile(r"title|tieu-?de|tieude|headline", re.IGNORECASE)
_DECORATIVE = re.compile(
    r"(banner|logo|icon|star|captcha|print|e?mail|top|arrow|bullet|spacer|button|btn|"
    r"share|facebook|zalo|twitter|rss|loading)[^/]*$|\.gif$",
    re.IGNORECASE,
)
_DOC_EXT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z)(\?|$)", re.IGNORECASE)


def html_units(root) -> list[Unit]:
    """The page as units: one per block element, flagged when it is a heading."""
    units: list[Unit] = []
    pieces: list[tuple[str, bool]] = []

    def flush() -> None:
        text = clean_line("".join(p for p, _ in pieces))
        if text:
            heading = all(h for p, h in pieces if p.strip())
            units.append(Unit(text, heading))
        pieces.clear()

    def walk(el, in_heading: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None or tag.lower() in _SKIP_TAGS:
            if el.tail:
                pieces.append((el.tail, in_heading))
            return
        tag = tag.lower()
        marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        heading = in_heading or tag in ("h1", "h2", "h3", "h4", "h5", "h6") or bool(
            _TITLE_CLASS.search(marker)
        )
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            pieces.append((el.text, heading))
        for child in el:
            walk(child, heading)
        if block:
            flush()
        if el.tail:
            pieces.append((el.tail, in_heading))

    walk(root, False)
    flush()
    return units


def _meta(root, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in root.xpath(f"//meta[@{attr}=$n]", n=name):
                value = clean_line(el.get("content") or "")
                if value:
                    return value
    return None


_INLINE_TAGS = {"hi", "ref", "lb", "graphic", "del", "code"}


def _render_inline(el, links: list[str], base: str | None) -> list[tuple[str, str]]:
    """Markdown of a trafilatura element's inline content, split into paragraphs at <lb/>.

    Returns (markdown, link text) per paragraph: the link text tells a paragraph that
    is nothing but a link (an inline "related article") from one that contains one.
    """
    parts: list[list[str]] = [["", ""]]

    def add(text: str | None) -> None:
        if text:
            parts[-1][0] += md_escape(_SPACES.sub(" ", text))

    def walk(node) -> None:
        add(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "lb":
                parts.append(["", ""])
            elif tag == "hi":
                rend = child.get("rend", "")
                mark = "**" if "#b" in rend else "*" if "#i" in rend else ""
                for k, (part, link_text) in enumerate(_render_inline(child, links, base)):
                    if k:
                        parts.append(["", ""])
                    if part:
                        parts[-1][0] += f"{mark}{part}{mark}" if mark else part
                        parts[-1][1] += link_text
            elif tag == "ref":
                target = child.get("target") or ""
                text = _SPACES.sub(" ", "".join(child.itertext())).strip()
                label = md_escape(text)
                url = normalize_url(target, base) if target and not target.startswith("#") else None
                if url and url.startswith("http") and label:
                    links.append(url)
                    parts[-1][0] += f"[{label}]({url})"
                else:
                    parts[-1][0] += label
                parts[-1][1] += text + " "
            elif tag == "graphic":
                pass
            else:
                walk(child)
            add(child.tail)

    walk(el)
    return [(clean_line(md), link_text) for md, link_text in parts]


# A link's text stops at an unescaped '[' too, so no '[' rescans the rest of the line.
_MD_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\[\]\\])*)\]\([^()]*\)")


def _plain_of_markdown(markdown: str) -> str:
    """The text of Markdown written by `md_escape` and the inline walk, markup undone."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = text.replace("**", "")
    text = re.sub(r"(?<!\\)\*", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return clean_line(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def _paragraph_blocks(el, base: str | None, kind: str = "p") -> list[Block]:
    blocks = []
    for part, link_text in _render_inline(el, links := [], base):
        if not part:
            continue
        plain = _plain_of_markdown(part)
        link_only = bool(link_text.strip()) and fold(plain) == fold(clean_line(link_text))
        md = ("> " + part) if kind == "quote" else part
        part_links = [u for u in links if u in part]
        blocks.append(Block(md, plain, kind, link_only, part_links))
    return blocks


def _is_layout_table(table) -> bool:
    """A table used for page layout (cells hold paragraphs or long text), not data."""
    for cell in table.iter("cell"):
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "head", "table", "quote")
               for c in cell):
            return True
        if len(clean_line("".join(cell.itertext()))) > 250:
            return True
    rows = list(table.iter("row"))
    return all(len(list(r.iter("cell"))) <= 1 for r in rows)


def _container_blocks(container, base: str | None, top: int) -> list[Block]:
    """Blocks of an element whose children mix inline content and block elements."""
    from lxml import etree

    blocks: list[Block] = []
    pending = etree.Element("p")
    pending.text = container.text

    def flush() -> None:
        nonlocal pending
        if (pending.text or "").strip() or len(pending):
            blocks.extend(_paragraph_blocks(pending, base))
        pending = etree.Element("p")

    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _INLINE_TAGS or not tag:
            if tag:
                pending.append(copy.deepcopy(child))  # the copy keeps its tail
        else:
            flush()
            blocks.extend(_element_blocks(child, base, top))
            if child.tail and child.tail.strip():
                pending.text = child.tail
    flush()
    return blocks


def _element_blocks(el, base: str | None, top: int) -> list[Block]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("p", "quote"):
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "table", "head") for c in el):
            return _container_blocks(el, base, top)
        return _paragraph_blocks(el, base, "quote" if tag == "quote" else "p")
    if tag == "head":
        text = clean_line("".join(el.itertext()))
        if not text:
            return []
        rend = el.get("rend", "")
        level = int(rend[1:]) if re.fullmatch(r"h[1-6]", rend) else top
        hashes = "#" * min(2 + max(level - top, 0), 4)
        return [Block(f"{hashes} {md_escape(text)}", text, "h")]
    if tag == "list":
        items, plains, links = [], [], []
        all_links = True
        for item in el.iter("item"):
            rendered = [(md, lt) for md, lt in _render_inline(item, links, base) if md]
            if not rendered:
                continue
            whole = clean_line("".join(item.itertext()))
            link_text = clean_line(" ".join(lt for _, lt in rendered))
            if not link_text or fold(link_text) != fold(whole):
                all_links = False
            items.append("- " + " ".join(md for md, _ in rendered))
            plains.append(whole)
        if not items:
            return []
        return [Block("\n".join(items), " ".join(plains), "list", all_links, links)]
    if tag == "table":
        if _is_layout_table(el):
            blocks = []
            for cell in el.iter("cell"):
                blocks.extend(_container_blocks(cell, base, top))
            return blocks
        rows, links = [], []
        for row in el.iter("row"):
            cells = [" ".join(md for md, _ in _render_inline(c, links, base)).replace("|", "\\|")
                     for c in row.iter("cell")]
            if any(cells):
                rows.append(cells)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        lines = []
        for k, row in enumerate(rows):
            row = row + [""] * (width - len(row))
            lines.append("| " + " | ".join(row) + " |")
            if k == 0:
                lines.append("|" + " --- |" * width)
        plain = " ".join(clean_line("".join(c.itertext())) for c in el.iter("cell"))
        return [Block("\n".join(lines), plain, "table", False, links)]
    if tag in ("div", "cell", "item", "row", "body"):
        return _container_blocks(el, base, top)
    return []


def trafilatura_blocks(html: str, base: str | None) -> tuple[list[Block], list[str]]:
    """Main content of an HTML page as blocks (trafilatura), and the addresses of its images.

    Links are resolved against base; images are listed, not imported (icons, banners and
    GIFs are left out). Layout tables (cells holding paragraphs) are flattened.
    """
    import trafilatura  # imported here: slow to import, and only HTML needs it

    doc = trafilatura.bare_extraction(
        html,
        url=base,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_formatting=True,
        include_links=True,
        with_metadata=False,
    )
    if doc is None or getattr(doc, "body", None) is None:
        return [], []
    levels = [int(h.get("rend")[1:]) for h in doc.body.iter("head")
              if re.fullmatch(r"h[1-6]", h.get("rend", ""))]
    top = min(levels) if levels else 2
    blocks: list[Block] = []
    for el in doc.body:
        blocks.extend(_element_blocks(el, base, top))
    images = [
        normalize_url(g.get("src") or "", base) or g.get("src")
        for g in doc.body.iter("graphic")
        if g.get("src") and not _DECORATIVE.search(g.get("src"))
    ]
    return blocks, list(dict.fromkeys(images))


def _strip_wrapping_bold(block: Block) -> Block:
    md = block.markdown
    if block.kind == "p" and md.startswith("**") and md.endswith("**") and md.count("**") == 2:
        return Block(md[2:-2].strip(), block.plain, block.kind, block.link_only, block.links)
    return block


def analyse_html(html: str) -> Extracted:
    """Extract an article from a saved HTML page."""
    import lxml.html

    found = Extracted()
    saved = _SAVED_FROM.search(html[:2048])
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types for empty or broken documents
        return found
    addresses: list[str] = []
    for el in root.xpath("//link[@rel='canonical']"):
        if el.get("href"):
            addresses.append(el.get("href"))
    og_url = _meta(root, "og:url")
    if og_url:
        addresses.append(og_url)
    if saved:
        addresses.append(saved.group(1))
    base = next((a for a in addresses if a.lower().startswith("http")), None)
    for address in addresses:
        url = normalize_url(address, base)
        if url and url not in found.urls:
            found.urls.append(url)

    meta_date = _meta(root, "article:published_time", "datePublished", "pubdate",
                      "publishdate", "dc.date.issued", "date")
    if not meta_date:
        times = root.xpath("//time[@datetime]")
        if times:
            meta_date = times[0].get("datetime")
    if meta_date:
        found.date = _parse_iso_meta(meta_date)

    units = html_units(root.body if root.body is not None else root)
    found.page_text = " ".join(u.text for u in units)
    blocks, images = trafilatura_blocks(html, base)
    anchor = None
    first = _first_of_run([b.plain if b.kind == "p" else "" for b in blocks])
    if first is not None:
        anchor = strip_image_name(blocks[first].plain)
        # What trafilatura kept above the first paragraph is header, menus and
        # sidebars; the title and date are read from the page's own units.
        blocks = blocks[first:]
    start = _find_start(units, anchor)
    if start is None:
        return found
    sapo = _sapo(root, units, start)
    if sapo is not None:
        # A lead in its own block ("sapo") that trafilatura left out: it is the first
        # paragraph, and the article starts there.
        blocks.insert(0, _text_block(units[sapo].text))
        start = sapo
    analyse_header(units, start, found)
    if found.title is None:
        found.title = _meta_title(root, units)
    text_copy = False
    if not blocks or anchor is None:
        # trafilatura found no running text: fall back to the page's own blocks, which
        # have lost their links like a text copy.
        blocks = [_text_block(u.text) for u in units[start:]]
        images = []
        text_copy = True
    body = clean_body(blocks, found, text_copy=text_copy)
    if body and body[0].kind == "p":
        body[0] = _strip_wrapping_bold(body[0])
    found.body = body
    after = _units_after(units, body, start)
    if not found.author or not found.source_name:
        # A signature or "Nguồn:" block right after the text, which trafilatura dropped:
        # the units up to the first furniture must all be byline or source lines.
        tail: list[Block] = []
        for unit in after[:4]:
            if is_furniture(unit.text) or is_end_marker(unit.text):
                break
            tail.append(_text_block(unit.text))
        extra = Extracted(author=found.author, source_name=found.source_name,
                          source_url=found.source_url)
        if tail and not _trailer_meta(tail, extra):
            found.author = extra.author
            found.source_name = extra.source_name
            found.source_url = extra.source_url
            found.urls += [u for u in extra.urls if u not in found.urls]
    _tags_from_units(after, found)
    if not found.author:
        for el in root.xpath("//*[contains(@class,'author') or contains(@class,'tac-gia') "
                             "or contains(@class,'byline') or @itemprop='author']"):
            text = clean_line(el.text_content())
            author = parse_byline(text) if text else None
            if author:
                found.author = author
                break
    _lead(found)
    docs = [u for b in found.body for u in b.links if _DOC_EXT.search(u)]
    for url in dict.fromkeys(docs):
        found.warnings.append(
            f"bài có liên kết tới một tệp trên trang cũ: {url}; hãy tải tệp về, khai báo "
            "trong `attachments:` và sửa liên kết cho trỏ tới tệp đã tải"
        )
    if images:
        shown = ", ".join(images[:5]) + (", …" if len(images) > 5 else "")
        found.warnings.append(
            f"bài có {len(images)} ảnh chưa được nhập: {shown}; hãy tải về những ảnh cần "
            "dùng, đặt vào `content/images/` rồi tự chèn vào bài (kèm mô tả ảnh)"
        )
    return found


_SAPO_CLASS = re.compile(
    r"(^|[\s_-])(sapo|chapeau|lead|summary|tom-?tat|tomtat|mo-?ta|mota|intro|teaser|"
    r"abstract|description)($|[\s_-])",
    re.IGNORECASE,
)


def _sapo(root, units: Sequence[Unit], start: int) -> int | None:
    """Index of the unit of a lead block (class "sapo", "lead", "tom-tat"…) within the
    eight units above the article's first paragraph, or None."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if not _SAPO_CLASS.search(marker):
            continue
        text = clean_line(el.text_content())
        if not (_words(text) >= 12 and _ends_sentence(text)):
            continue
        key = fold(text)[:60]
        for i in range(max(0, start - 8), start):
            if key in fold(units[i].text):
                return i
    return None


def _units_after(units: Sequence[Unit], body: Sequence[Block], start: int) -> list[Unit]:
    """Page units after the last body paragraph (where a byline trafilatura dropped sits)."""
    if not body:
        return list(units[start:])
    key = fold(body[-1].plain)[:60]
    for i in range(len(units) - 1, start - 1, -1):
        if key and key in fold(units[i].text):
            return list(units[i + 1:])
    return []


def _meta_title(root, units: Sequence[Unit]) -> str | None:
    """og:title, or the part of <title> that is also written on the page."""
    site = fold(_meta(root, "og:site_name") or "")
    og = _meta(root, "og:title", "twitter:title")
    if og and fold(og) != site and _words(og) >= 3:
        return og
    title = clean_line(root.findtext(".//title") or "")
    visible = {fold(u.text) for u in units}
    for part in sorted(re.split(r"\s+[-–|:»]\s+", title), key=len, reverse=True):
        if _words(part) >= 3 and fold(part) in visible:
            return part
    return None


# --- Writing ---------------------------------------------------------------------------

def _today(today: date | None) -> date:
    return today or datetime.now(VIETNAM).date()


def _slug_for(title: str | None, source: Path) -> str:
    slug = slugify(title) if title else ""
    if not slug:
        slug = slugify(source.stem) or "bai-nhap"
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def _read_article(path: Path) -> tuple[dict, str]:
    """(front matter, body) of an existing article; ({}, "") when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, ""
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}, text.strip()
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), text[match.end():].strip()


def _choose_path(content_dir: Path, slug: str, front: dict, body: str, source: Path) -> Path:
    """A file name no existing article uses (`slug`, `slug-2`, …).

    Refuses when the same page was imported before: same body, same old address, or
    same title and date. A different article that happens to share the title gets a
    numeric suffix instead.
    """
    folder = content_dir / ARTICLE_DIR
    taken = {p.stem: p for p in folder.rglob("*.md")} if folder.is_dir() else {}
    candidate, n = slug, 1
    while candidate in taken:
        existing, existing_body = _read_article(taken[candidate])
        same_page = (
            existing_body == body.strip()
            or bool(set(existing.get("aliases") or []) & set(front.get("aliases") or []))
            or (
                front["title"] != PLACEHOLDER_TITLE
                and str(existing.get("title")) == str(front["title"])
                and str(existing.get("date")) == str(front["date"])
            )
        )
        if same_page:
            raise ImportFailure(
                f"{source}: trang này đã được nhập thành "
                f"{_display_path(taken[candidate], content_dir)} (trùng nội dung, trùng địa "
                "chỉ cũ, hoặc trùng tiêu đề và ngày đăng); không tệp nào bị ghi đè — muốn nhập "
                "lại thì hãy xóa tệp đó trước"
            )
        n += 1
        candidate = f"{slug}-{n}"
    return folder / f"{candidate}.md"


def front_matter_text(front: dict) -> str:
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096,
                          default_flow_style=False)


def check_front_matter(front: dict) -> list[str]:
    """Problems with front matter the importer is about to write (empty when valid)."""
    problems = [f"trường `{k}` không được hỗ trợ" for k in front if k not in ALLOWED_FIELDS]
    if not isinstance(front.get("title"), str) or not front["title"].strip():
        problems.append("`title` phải là một dòng chữ")
    value = front.get("date")
    if not (
        isinstance(value, date) and not isinstance(value, datetime)
        or isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", value)
    ):
        problems.append("`date` phải có dạng năm-tháng-ngày (`2024-11-21` hoặc `2024-11-21 08:30`)")
    if not isinstance(front.get("category"), str) or slugify(front["category"]) != front["category"]:
        problems.append("`category` phải là mã chuyên mục (chữ thường không dấu, gạch ngang)")
    if "tags" in front and not all(isinstance(t, str) and t for t in front["tags"]):
        problems.append("`tags` phải là danh sách các dòng chữ")
    if "source" in front:
        source = front["source"]
        if not isinstance(source, dict) or not source.get("name") or set(source) - {"name", "url"}:
            problems.append("`source` phải có `name` và chỉ có thể có thêm `url`")
        elif "url" in source and not str(source["url"]).startswith(("http://", "https://")):
            problems.append("`url` trong `source` phải bắt đầu bằng http:// hoặc https://")
    if "aliases" in front and not all(
        isinstance(a, str) and a.startswith("/") and "?" not in a for a in front["aliases"]
    ):
        problems.append("`aliases` phải là các đường dẫn bắt đầu bằng /")
    if "draft" in front and not isinstance(front["draft"], bool):
        problems.append("`draft` chỉ nhận `true` hoặc `false`")
    return problems


_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
)


def _analyse(path: Path) -> tuple[Extracted, list[str]]:
    """Read, decode and analyse one saved page; ImportFailure when that is impossible."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(
            f"{name}: không có tệp này; hãy kiểm tra tên tệp, thư mục và phần đuôi (.html, .txt…)"
        ) from None
    except IsADirectoryError:
        raise ImportFailure(
            f"{name}: đây là thư mục, không phải trang đã lưu; hãy ghi tên các tệp trong thư "
            "mục, ví dụ `trang-cu/*.html`"
        ) from None
    except OSError as exc:
        raise ImportFailure(
            f"{name}: không đọc được tệp ({exc.strerror}); hãy đóng chương trình đang mở tệp "
            "và kiểm tra quyền đọc tệp"
        ) from None
    suffix = path.suffix.lower()
    if suffix in MHT_SUFFIXES or data[:400].lower().find(b"multipart/related") >= 0:
        data = _mht_html(data, name)
        suffix = ".html"
    binary = data.startswith(_BINARY_MAGIC) or (
        b"\x00" in data[:1000] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    )
    if binary:
        raise ImportFailure(
            f"{name}: đây không phải tệp văn bản hay HTML (tệp Word, PDF hay ảnh?); "
            "hãy mở trang trên trình duyệt và lưu dạng \"Trang web\" (.html), hoặc chép chữ "
            "của trang vào một tệp .txt"
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    is_html = suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and head.startswith((b"<!doctype", b"<html", b"<!--", b"<head"))
    ) or bool(re.match(rb"\s*<(!doctype|html)", head))
    text, warnings = decode_bytes(data, name, html=is_html)
    if is_html:
        found = analyse_html(text)
        checked = " ".join(b.plain for b in found.body) + " " + (found.title or "")
        if not found.body:
            checked = found.page_text
    else:
        checked = text
        found = None
    _refuse_legacy(checked, name)
    if found is None:
        found = analyse_text(text)
    if not found.body:
        raise ImportFailure(
            f"{name}: không tìm thấy nội dung bài (không có đoạn văn nào); hãy kiểm tra đây "
            "có đúng là trang của bài viết không, hoặc chép chữ của bài vào một tệp .txt rồi "
            "nhập tệp đó"
        )
    return found, warnings


def import_file(
    path: Path,
    content_dir: Path,
    *,
    category: str | None = None,
    url: str | None = None,
    today: date | None = None,
) -> ImportResult:
    """Import one saved page as `content_dir/tin-tuc/<slug>.md`; never overwrites.

    Raises ImportFailure (message names the file) when nothing can be imported.
    """
    path = Path(path)
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ImportFailure(
            f"{path}: không có thư mục nội dung {content_dir}; hãy chạy lệnh trong thư mục "
            "của trang, hoặc chỉ rõ thư mục nội dung bằng --content-dir"
        )
    found, warnings = _analyse(path)
    today = _today(today)
    result = ImportResult(source=path, warnings=list(warnings) + found.warnings)
    missing = result.missing

    if found.date is not None and not (date(1990, 1, 1) <= found.date.value <= today):
        found.rejected_dates.append(found.date.text)
        found.date = None

    front: dict = {}
    draft = False
    if found.title:
        front["title"] = found.title
        result.fields["title"] = found.title
    else:
        front["title"] = PLACEHOLDER_TITLE
        draft = True
        missing.append(
            f"không tìm thấy tiêu đề; hãy thay `title: {PLACEHOLDER_TITLE}` bằng tiêu đề "
            "của bài (tới lúc đó bài là bản nháp: kiểm tra xong thì xóa dòng `draft: true`)"
        )
    if found.date:
        front["date"] = found.date.front_matter()
        result.fields["date"] = front["date"]
    else:
        front["date"] = today
        draft = True
        ignored = ""
        if found.rejected_dates:
            shown = "», «".join(dict.fromkeys(found.rejected_dates))
            ignored = (f" (đã bỏ qua «{shown}»: đồng hồ của cổng thông tin, giờ truy cập "
                       "lần trước hoặc ngày trong tương lai)")
        missing.append(
            f"không tìm thấy ngày đăng bài{ignored}; hãy tự sửa `date:` "
            f"(đã ghi tạm ngày hôm nay {today.isoformat()} và bài là bản nháp: "
            "kiểm tra xong thì xóa dòng `draft: true`)"
        )
    if category:
        front["category"] = slugify(category) or PLACEHOLDER_CATEGORY
        result.fields["category"] = front["category"]
    else:
        front["category"] = PLACEHOLDER_CATEGORY
        hint = ""
        if found.category_hint:
            hint = f"; trang cũ xếp bài vào mục «{found.category_hint}»"
        missing.append(
            f"chưa chọn chuyên mục (--category); hãy thay `category: {PLACEHOLDER_CATEGORY}` "
            f"bằng một chuyên mục có trong mkdocs.yml{hint}"
        )
    if found.tags:
        front["tags"] = found.tags
        result.fields["tags"] = found.tags
    if found.author:
        front["author"] = found.author
        result.fields["author"] = found.author
    else:
        missing.append("không tìm thấy tác giả; hãy tự thêm dòng `author:`")
    source_url = normalize_url(found.source_url) if found.source_url else None
    if found.source_name or source_url:
        source = {}
        if found.source_name:
            source["name"] = found.source_name
        else:  # `name` is required: the publication's web address is what the page gives
            host = urlsplit(source_url).netloc.removeprefix("www.")
            source["name"] = host
            missing.append(
                f"tìm thấy liên kết của nguồn nhưng không thấy tên nguồn; đã ghi tạm "
                f"`name: {host}`, hãy thay bằng tên của báo, trang tin đó"
            )
        if source_url:
            source["url"] = source_url
        else:
            missing.append(
                "tìm thấy tên nguồn nhưng không thấy liên kết; nếu có liên kết, hãy tự thêm "
                "`url:` dưới `source:`"
            )
        front["source"] = source
        result.fields["source"] = dict(source)
    else:
        missing.append(
            "không tìm thấy nguồn (“Nguồn: …”); nếu bài lấy từ báo, trang tin khác, hãy "
            "thêm `source:` với `name:` và `url:`"
        )
    if found.summary:
        front["summary"] = found.summary
        result.fields["summary"] = found.summary
    else:
        missing.append("không tìm thấy đoạn mở đầu; hãy tự thêm dòng `summary:`")

    old_urls = [normalize_url(url)] if url else list(found.urls)
    if url and old_urls[0] is None:
        raise ImportFailure(
            f"{path}: --url {url!r} không phải địa chỉ http:// hay https://, cũng không phải "
            "đường dẫn bắt đầu bằng /; hãy ghi đầy đủ địa chỉ của trang trên cổng thông tin "
            "cũ, trong dấu ngoặc kép"
        )
    old_urls = [u for u in dict.fromkeys(old_urls) if u]
    aliases: list[str] = []
    unmapped: list[str] = []
    for old in old_urls:
        kind = classify_old_url(old)
        if kind is None:
            result.warnings.append(
                f"đã bỏ qua địa chỉ cũ {old} vì đó là trang chủ; nếu bài có địa chỉ riêng, "
                "hãy dùng --url"
            )
        elif kind[0] == "outside":
            result.warnings.append(
                f"đã bỏ qua địa chỉ cũ {_short(old)} vì có đoạn `.` hoặc `..`: địa "
                "chỉ như vậy có thể trỏ ra ngoài bài, tới tệp khác của trang; nếu đó đúng là địa "
                "chỉ của bài trên cổng cũ, hãy nhập lại với --url và địa chỉ đã rút gọn"
            )
        elif kind[0] == "alias":
            if kind[1] not in aliases:
                aliases.append(kind[1])
        else:
            unmapped.append(old)
    if aliases:
        front["aliases"] = aliases
        result.fields["aliases"] = list(aliases)
    if not old_urls:
        missing.append(
            "không tìm thấy địa chỉ cũ của trang nên chưa ghi `aliases` hay chuyển hướng "
            "nào; nếu biết địa chỉ cũ, hãy xóa bài vừa tạo rồi nhập lại với --url"
        )
    if draft:
        front["draft"] = True

    problems = check_front_matter(front)
    if problems:  # a bug here, not the editor's fault; still a message, not a traceback
        raise ImportFailure(
            f"{path}: không ghi được phần khai báo hợp lệ ({'; '.join(problems)}); đây là lỗi "
            "của chương trình, hãy báo cho người phụ trách kỹ thuật, kèm theo tệp này"
        )
    slug = _slug_for(found.title, path)
    body = nfc("\n\n".join(b.markdown for b in found.body))
    target = _choose_path(content_dir, slug, front, body, path)
    new_path = f"/{ARTICLE_DIR}/{target.stem}/"
    front["aliases"] = [a for a in front.get("aliases", []) if a != new_path]
    if not front["aliases"]:
        front.pop("aliases")
        result.fields.pop("aliases", None)
    front = {k: front[k] for k in ALLOWED_FIELDS if k in front}
    result.redirects = [(old, new_path) for old in unmapped]
    if draft and result.redirects:
        # A draft is not published: a redirect to it would lead readers to a missing page.
        lines = "; ".join(f"`{_short(old)} {new}`" for old, new in result.redirects)
        result.warnings.append(
            f"bài là bản nháp nên địa chỉ cũ chưa được ghi vào bảng chuyển hướng; khi xuất bản "
            f"bài (xóa dòng `draft: true`), thêm vào bảng chuyển hướng dòng {lines}"
        )
        result.redirects = []

    document = "---\n" + front_matter_text(front) + "---\n\n" + body + "\n"
    linked = _no_symlink_on_the_way(target)
    if linked:
        raise ImportFailure(f"{path}: {linked}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x" (O_EXCL): never through a link
            handle.write(document)
    except FileExistsError:
        raise ImportFailure(
            f"{path}: tệp {target} vừa xuất hiện trong lúc nhập nên không bị ghi đè; hãy chạy "
            "lại lệnh"
        ) from None
    except OSError as exc:
        raise ImportFailure(
            f"{path}: không ghi được tệp {target} ({exc.strerror}); hãy kiểm tra quyền ghi vào "
            "thư mục nội dung và chỗ trống trên đĩa"
        ) from None
    result.path = target
    return result


# --- Several files and the redirect map ---------------------------------------------------

# A redirect target is a path on this site; its text goes verbatim into nginx and Apache rules,
# where quotes, `;`, braces, `$var` and `%{VAR}` would be configuration, not an address.
_UNSAFE_IN_RULES = re.compile(r"[\s\"'`;{}\\$\x00-\x1f\x7f-\x9f]|%\{")


def redirect_line_problem(old: str, new: str) -> str | None:
    """Why one `OLD NEW` line of the map cannot become a server rule, or None."""
    bad = _UNSAFE_IN_RULES.search(old)
    if bad:
        return (f"địa chỉ cũ có ký tự `{visible(bad.group())}` không được phép trong quy tắc máy chủ "
                "(dấu nháy, `;`, `{`, `}`, `$`, `%{`, `\\`, ký tự điều khiển)")
    bad = _UNSAFE_IN_RULES.search(new)
    if bad:
        return (f"địa chỉ mới có ký tự `{visible(bad.group())}` không được phép (dấu nháy, `;`, `{{`, `}}`, "
                "`$`, `%{`, `\\`, ký tự điều khiển)")
    if not new.startswith("/") or new.startswith("//") or "://" in new:
        return (f"địa chỉ mới `{_short(visible(new))}` phải là đường dẫn trên trang này, bắt đầu bằng `/` "
                "(ví dụ `/tin-tuc/ten-bai/`), không có `http://`, `https://` hay tên miền khác")
    return None


def parse_redirect_map(text: str, name: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(good pairs, problems): every line that is not a comment, blank, or exactly two safe fields
    is a problem with its line number, never dropped in silence nor written into rules."""
    pairs: list[tuple[str, str]] = []
    problems = Problems()
    fix = ("mỗi dòng ghi đúng hai phần cách nhau bằng dấu cách: địa chỉ cũ và đường dẫn mới trên trang "
           "này, ví dụ `http://cu.gov.vn/tin.aspx?ItemID=12 /tin-tuc/ten-bai/`; dòng ghi chú bắt đầu bằng `#`")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split()
        if len(parts) != 2:
            problems.error(name, number, "", f"dòng có {len(parts)} phần, không phải 2 (địa chỉ cũ, địa chỉ mới)", fix)
            continue
        wrong = redirect_line_problem(*parts)
        if wrong:
            problems.error(name, number, "", wrong, fix)
            continue
        pairs.append((parts[0], parts[1]))
    return pairs, problems.items


def read_redirect_map(path: Path) -> list[tuple[str, str]]:
    """Good pairs from a redirect map file (`OLD_URL NEW_PATH` per line; `#` comments); see
    parse_redirect_map for the lines left out (and reported by `bantin redirects`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_redirect_map(text, str(path))[0]


def _no_symlink_on_the_way(path: Path) -> str | None:
    """A message when `path`, or a folder on the way to it below the current folder, is a symlink."""
    path = Path(path)
    here = Path.cwd()
    full = path if path.is_absolute() else here / path
    steps = [full, *full.parents]
    for step in steps:
        if step == here or here not in step.parents and step != full:
            break
        if step.is_symlink():
            return (f"{visible(step)} là liên kết tượng trưng (symlink); bantin không ghi qua liên kết ra "
                    "chỗ khác. Cách sửa: xóa liên kết và dùng tệp, thư mục thật trong dự án")
    return None


def write_no_follow(path: Path, text: str) -> None:
    """Replace a text file, never through a symlink: a temporary file beside it, then a rename
    (a rename replaces a link itself, never its target; the link case is refused before)."""
    wrong = _no_symlink_on_the_way(path)
    if wrong:
        raise ImportFailure(wrong)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def update_redirect_map(path: Path, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Add pairs to the map file (sorted, no duplicates).

    An old address already mapped to another page keeps its first mapping; the
    returned dict gives, for each such address, a message saying so. Lines the map
    cannot use (parse_redirect_map) are kept as written, for `bantin redirects` to report.
    The file is never written through a symlink (write_no_follow).
    """
    path = Path(path)
    wrong = _no_symlink_on_the_way(path)
    if wrong:
        raise ImportFailure(wrong)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    good, _ = parse_redirect_map(text, str(path))
    mapping = dict(good)
    good_lines = {f"{old} {new}" for old, new in good}
    conflicts: dict[str, str] = {}
    for old, new in pairs:
        if old in mapping and mapping[old] != new:
            conflicts[old] = (
                f"địa chỉ cũ {old} đã được chuyển hướng tới {mapping[old]} trong {path} nên "
                f"không đổi sang {new}; nếu bài mới đúng là {new}, hãy sửa dòng đó trong {path}"
            )
            continue
        mapping[old] = new
    comments = [line for line in text.splitlines() if line.strip().startswith("#")]
    kept = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")
            and " ".join(line.split()) not in good_lines]
    if not comments:
        comments = [
            "# Bảng chuyển hướng: địa chỉ cũ mà trang tĩnh không phục vụ được (có tham số",
            "# như ?ItemID=…, trang .aspx, .php) và trang mới mà mỗi địa chỉ phải chuyển tới.",
            "# Mỗi dòng: địa chỉ cũ, một dấu cách, địa chỉ mới. Tệp do `bantin import` ghi;",
            "# lệnh `bantin redirects --nginx` hoặc `--apache` in ra cấu hình máy chủ web.",
        ]
    lines = comments + kept + [f"{old} {new}" for old, new in sorted(mapping.items())]
    write_no_follow(path, "\n".join(lines) + "\n")
    return conflicts


def import_files(
    paths: Iterable[Path],
    content_dir: Path,
    *,
    category: str | None = None,
    url: str | None = None,
    today: date | None = None,
    redirect_map: Path | None = None,
) -> list[ImportResult]:
    """Import several pages; failures become results with `error` set, never exceptions.

    Old addresses a static site cannot serve are added to `redirect_map`.
    """
    paths = [Path(p) for p in paths]
    if url and len(paths) > 1:
        raise ValueError(URL_ALONE)
    results: list[ImportResult] = []
    for path in paths:
        try:
            result = import_file(path, content_dir, category=category, url=url, today=today)
        except ImportFailure as exc:
            result = ImportResult(source=path, error=str(exc))
        except Exception as exc:  # never a traceback for an editor
            result = ImportResult(
                source=path,
                error=f"{path}: gặp sự cố không lường trước ({type(exc).__name__}: {exc}); "
                "hãy báo cho người phụ trách kỹ thuật, kèm theo tệp này",
            )
        results.append(result)
    pairs = [pair for r in results for pair in r.redirects]
    if redirect_map is not None and pairs:
        try:
            conflicts = update_redirect_map(redirect_map, pairs)
        except (ImportFailure, OSError, UnicodeDecodeError) as exc:
            reason = str(exc) if isinstance(exc, ImportFailure) else f"không đọc hoặc ghi được tệp ({exc})"
            for r in results:
                if r.redirects:
                    lines = "; ".join(f"`{_short(old)} {new}`" for old, new in r.redirects)
                    r.warnings.append(f"chưa ghi được bảng chuyển hướng {redirect_map}: {reason}; hãy tự thêm "
                                      f"các dòng {lines}")
                    r.redirects = []
            return results
        for r in results:
            r.warnings += [conflicts[old] for old, _ in r.redirects if old in conflicts]
    return results


# --- Web server configuration --------------------------------------------------------------

_REGEX_SPECIAL = re.compile(r"([.^$*+?()\[\]{}|\\])")


def _re_escape(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def _query_conditions(query: str) -> list[str]:
    """Regexes that each match one `name=value` of the query, in any order."""
    conditions = []
    for param in query.split("&"):
        if param:
            conditions.append(f"(?:^|&){_re_escape(param)}(?:&|$)")
    return conditions


def _rule_order(pair: tuple[str, str]) -> tuple[int, str, str]:
    """Most query parameters first: both servers stop at the first rule that matches."""
    query = urlsplit(pair[0]).query
    return (-len([p for p in query.split("&") if p]), pair[0], pair[1])


def _hosts_comment(pairs: Sequence[tuple[str, str]]) -> str:
    hosts = sorted({urlsplit(old).netloc for old, _ in pairs if urlsplit(old).netloc})
    return ", ".join(hosts) if hosts else "tên miền cũ"


def nginx_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """nginx configuration: a `map` on `$request_uri` and a `return 301` for the old host.

    Each old address becomes a case-insensitive regex on path and query; query
    parameters match in any order and extra parameters (`&fbclid=…`) are ignored.
    """
    pairs = sorted(set(pairs), key=_rule_order)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        "# 1) Đặt trong khối http { }:",
        "map $request_uri $bantin_redirect {",
        '    default "";',
    ]
    for old, new in pairs:
        parts = urlsplit(old)
        path = _re_escape(parts.path or "/")
        if parts.query:
            looks = "".join(
                f"(?=(?:.*&)?{_re_escape(p)}(?:&|$))" for p in parts.query.split("&") if p
            )
            pattern = f"~*^{path}\\?{looks}"
        else:
            pattern = f"~*^{path}(?:\\?|$)"
        lines.append(f'    "{pattern}" {target_base}{new};')
    lines += [
        "}",
        f"# 2) Đặt trong khối server {{ }} của {_hosts_comment(pairs)}:",
        "if ($bantin_redirect) {",
        "    return 301 $bantin_redirect;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def apache_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """Apache mod_rewrite rules: one `RewriteCond %{QUERY_STRING}` per parameter + `RewriteRule`."""
    pairs = sorted(set(pairs), key=_rule_order)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        f"# Đặt trong <VirtualHost> của {_hosts_comment(pairs)} hoặc trong tệp .htaccess"
        " (cần bật mod_rewrite).",
        "RewriteEngine On",
    ]
    for old, new in pairs:
        parts = urlsplit(old)
        path = _re_escape(unquote(parts.path or "/").lstrip("/")).replace(" ", "\\s")
        lines.append("")
        for condition in _query_conditions(parts.query):
            lines.append(f"RewriteCond %{{QUERY_STRING}} {condition} [NC]")
        # The trailing "?" drops the old query string from the redirect.
        lines.append(f"RewriteRule ^/?{path}$ {target_base}{new}? [NC,R=301,L]")
    return "\n".join(lines) + "\n"


# --- Command line --------------------------------------------------------------------------

from bantin.cli.argvi import VietnameseParser as _Parser, parse as _parse  # noqa: E402 (shared with cli.py)


def main_import(argv: Sequence[str] | None = None) -> int:
    """`bantin import FILE... [--category C] [--url U] [--content-dir D] [--redirect-map M]`."""
    parser = _Parser(
        prog="bantin import",
        description="Chuyển các trang lưu từ cổng thông tin cũ (.html, .mht, hoặc tệp .txt chép "
        "chữ của trang) thành tin bài trong content/tin-tuc/.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="TỆP",
                        help="trang đã lưu: .html, .mht hoặc .txt (có thể ghi nhiều tệp)")
    parser.add_argument("--category", metavar="CHUYÊN_MỤC",
                        help="mã hoặc tên chuyên mục cho các bài được nhập")
    parser.add_argument("--url", metavar="ĐỊA_CHỈ",
                        help="địa chỉ của trang trên cổng thông tin cũ (chỉ dùng khi nhập một tệp)")
    parser.add_argument("--content-dir", type=Path, default=Path("content"), metavar="THƯ_MỤC",
                        help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--redirect-map", type=Path, default=Path(DEFAULT_REDIRECT_MAP),
                        metavar="BẢNG",
                        help=f"bảng chuyển hướng, nơi ghi các địa chỉ cũ mà trang tĩnh không "
                        f"phục vụ được (mặc định: {DEFAULT_REDIRECT_MAP})")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    if args.url and len(args.files) > 1:
        print(f"lỗi: {URL_ALONE}", file=sys.stderr)
        return 2
    results = import_files(args.files, args.content_dir, category=args.category, url=args.url,
                           redirect_map=args.redirect_map)
    failed = 0
    for result in results:
        out = sys.stderr if result.error else sys.stdout
        failed += bool(result.error)
        for line in result.report(args.content_dir):
            print(line, file=out)
    if any(r.redirects for r in results):
        print(f"Các địa chỉ cũ cần chuyển hướng đã được ghi vào {args.redirect_map}; lệnh "
              "`bantin redirects --nginx` hoặc `--apache` in ra cấu hình cho máy chủ web cũ")
    imported = len(results) - failed
    print(f"{imported} tệp đã nhập, {failed} tệp không nhập được")
    return 1 if failed else 0


_TARGET = re.compile(r"/([a-z0-9-]+)/([a-z0-9-]+)/")


def _is_draft(content_dir: Path, target: str) -> bool:
    """True when the new page of a redirect is a draft in content/ (not published)."""
    match = _TARGET.fullmatch(target)
    if not match:
        return False
    try:
        text = (content_dir / match.group(1) / f"{match.group(2)}.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    head = re.match(r"---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", text.replace("\r\n", "\n"), re.S)
    if head is None:
        return False
    from bantin.content.frontyaml import load
    from bantin.content.problems import Problems

    loaded = load("", head.group(1), Problems())
    value = loaded[0] if loaded else None
    return isinstance(value, dict) and str(value.get("draft", "")).lower() == "true"


def _without_drafts(pairs: list[tuple[str, str]], content_dir: Path) -> list[tuple[str, str]]:
    """Pairs whose new page is published; each left out is named on stderr."""
    kept = []
    for old, new in pairs:
        if _is_draft(content_dir, new):
            print(f"bỏ qua {_short(old)} → {new}: bài mới còn là bản nháp (`draft: true`)", file=sys.stderr)
        else:
            kept.append((old, new))
    return kept


def main_redirects(argv: Sequence[str] | None = None) -> int:
    """`bantin redirects [--nginx | --apache] [--redirect-map M] [--target-base URL]`."""
    parser = _Parser(
        prog="bantin redirects",
        description="In cấu hình máy chủ web để chuyển hướng các địa chỉ của cổng thông tin cũ "
        "(ghi trong bảng chuyển hướng) tới các trang mới.",
    )
    server = parser.add_mutually_exclusive_group()
    server.add_argument("--nginx", action="store_true", help="cấu hình cho nginx (mặc định)")
    server.add_argument("--apache", action="store_true", help="quy tắc mod_rewrite cho Apache")
    parser.add_argument("--redirect-map", type=Path, default=Path(DEFAULT_REDIRECT_MAP),
                        metavar="BẢNG",
                        help=f"bảng chuyển hướng do `bantin import` ghi (mặc định: {DEFAULT_REDIRECT_MAP})")
    parser.add_argument("--content-dir", type=Path, default=Path("content"), metavar="THƯ_MỤC",
                        help="thư mục nội dung, để bỏ qua địa chỉ trỏ tới bản nháp (mặc định: content)")
    parser.add_argument("--target-base", default="", metavar="ĐỊA_CHỈ",
                        help="phần đầu ghép vào trước địa chỉ mới khi trang mới nằm ở tên miền "
                        "khác, ví dụ https://bantin.example.org")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    if not args.redirect_map.is_file():
        print(f"lỗi: {args.redirect_map}: không có tệp này; hãy chạy lệnh trong thư mục của "
              "trang, hoặc chỉ rõ tệp bằng --redirect-map", file=sys.stderr)
        return 1
    try:
        pairs, problems = parse_redirect_map(args.redirect_map.read_text(encoding="utf-8"), str(args.redirect_map))
    except (OSError, UnicodeDecodeError):
        print(f"lỗi: {args.redirect_map}: không đọc được tệp; hãy lưu lại tệp với bảng mã "
              "UTF-8 và kiểm tra quyền đọc tệp", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} dòng trong {args.redirect_map} không dùng được; chưa in cấu hình nào. "
              "Sửa các dòng đó rồi chạy lại lệnh", file=sys.stderr)
        return 1
    if not pairs:
        print(f"lỗi: {args.redirect_map}: chưa có địa chỉ chuyển hướng nào; mỗi dòng phải gồm "
              "địa chỉ cũ, một dấu cách và địa chỉ mới (`bantin import` tự ghi các dòng này khi "
              "gặp địa chỉ cũ có tham số ?ItemID=… hoặc trang .aspx, .php)", file=sys.stderr)
        return 1
    pairs = _without_drafts(pairs, args.content_dir)
    base = args.target_base.rstrip("/")
    print(apache_redirects(pairs, base) if args.apache else nginx_redirects(pairs, base), end="")
    return 0
