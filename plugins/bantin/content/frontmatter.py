"""Read a content file: bytes → text → front matter → validated `Meta` (DESIGN §3, §5, §7).

We parse YAML ourselves because MkDocs' reader silently drops front matter it cannot parse;
here every failure becomes a `Problem` with file, line, field and a fix, and nothing raises.
This module holds the pipeline (`read`) and its first steps (decoding, splitting the front
matter from the body, the YAML mapping, the body's own checks); what each field may hold is
`bantin.content.fields`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import yaml

from bantin.content.model import Meta, Text
from bantin.problems import Problems
from bantin.config.settings import SiteConfig
from bantin.content import frontyaml
from bantin.content.nesting import check_nesting
from bantin.content.pagesize import page_too_big, too_much_markup
from bantin.text.legacy import Legacy, find_legacy
from bantin.text.vi import CONTROL, CONTROL_FIX, control_chars, is_utf16, nfc, strip_control
from bantin.content.fields import FIELDS, Exists, validate


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Parsed:
    """A file split into validated metadata and Markdown body."""

    meta: Meta
    body: str
    body_line: int


# --- bytes → text -----------------------------------------------------------------------

def decode(src: str, data: bytes, problems: Problems) -> str | None:
    """UTF-8 text, NFC, LF line ends; other encodings are reported with how to convert."""
    if is_utf16(data):
        problems.error(src, 1, "", "tệp được lưu bằng bảng mã UTF-16, không phải UTF-8",
                       "mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8)")
        return None
    if b"\x00" in data[:8192]:
        problems.error(src, 1, "", "đây là tệp nhị phân (ảnh, Word, PDF…), không phải văn bản Markdown",
                       "đổi phần mở rộng của tệp, hoặc chép nội dung vào một tệp .md mới")
        return None
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(src, line, "", "tệp không phải UTF-8 (có thể là Windows-1258 / ANSI)",
                       "mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8)")
        return None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    legacy = find_legacy(text)
    if legacy:
        _legacy_problem(src, legacy, problems)
        return None
    return text


def _legacy_problem(src: str, legacy: Legacy, problems: Problems) -> None:
    """One error on the first line typed in TCVN3/VNI, with its words as they show and how many
    other paragraphs are like it: a pasted paragraph in a Unicode article must be found."""
    others = f"; {legacy.paragraphs - 1} đoạn khác trong tệp cũng vậy" if legacy.paragraphs > 1 else ""
    problems.error(src, legacy.line, "", f"chữ Việt ở dòng {legacy.line} («{legacy.words}…») có vẻ gõ bằng bảng mã "
                   f"cũ {legacy.encoding}, hiển thị sai{others}",
                   "chuyển mã sang Unicode bằng UniKey: chép đoạn đó từ tài liệu gốc, Công cụ chuyển mã "
                   f"(Ctrl+Shift+F6), nguồn {legacy.encoding}, đích Unicode, rồi chép lại vào tệp thay đoạn cũ")


# --- text → YAML mapping ----------------------------------------------------------------

def split(src: str, text: str, problems: Problems) -> tuple[str, str, int] | None:
    """(front matter, body, line of the body's first line), or None with a problem."""
    if not text.startswith("---"):
        _no_opening(src, text, problems)
        return None
    first_break = text.find("\n")
    closing = _CLOSING.search(text, first_break + 1) if first_break >= 0 else None
    if closing is None:
        line = _body_start_guess(text)
        where = f" trước dòng {line} (nơi nội dung bài có vẻ bắt đầu)" if line else " sau dòng khai báo cuối cùng"
        problems.error(src, line or 1, "", "phần khai báo mở bằng `---` nhưng không có dòng `---` đóng lại, "
                       "nên cả bài bị đọc như phần khai báo", f"thêm một dòng chỉ có `---`{where}")
        return None
    yaml_text = text[first_break + 1 : closing.start()]
    inside = _body_inside(yaml_text)
    if inside is not None:
        rule = text.count("\n", 0, closing.start()) + 1
        line = _CLOSING.match(text, closing.start()).group().strip()
        problems.error(src, inside, "", "phần khai báo không có dòng `---` đóng lại trước nội dung bài: dòng "
                       f"`{line}` ở dòng {rule} là đường kẻ trong bài nhưng bị hiểu là dòng đóng, nên nội dung bài "
                       f"từ dòng {inside} bị đọc như phần khai báo",
                       f"thêm một dòng chỉ có `---` trước dòng {inside} (nơi nội dung bài bắt đầu)")
        return None
    body_start = text.find("\n", closing.end())
    body = "" if body_start < 0 else text[body_start + 1 :]
    body_line = text.count("\n", 0, body_start + 1) + 1 if body_start >= 0 else 1
    return yaml_text, body, body_line


def _no_opening(src: str, text: str, problems: Problems) -> None:
    """The error of a file that does not start with `---`. When it starts with field lines
    closed by a `---` (only the opening line was deleted), the fix is that one line: told to
    "add `---`, `title:`… then `---`" at the top, an editor in the trial wrote a second front
    matter above the first, whose lines were then published as the article's text."""
    lines = text.split("\n")
    start = _first_filled(lines)
    if start is not None and lines[start].strip(" \t") == "---":  # a blank line or a space above it
        above = f"các dòng 1–{start}" if start > 1 else "dòng 1" if start else "dấu cách ở đầu dòng 1"
        problems.error(src, start + 1, "", f"dòng `---` mở phần khai báo phải ở đầu dòng 1, nhưng ở dòng {start + 1} "
                       "có dòng trống hoặc dấu cách phía trên hay phía trước nó",
                       f"xóa {above} để `---` là những ký tự đầu tiên của tệp; đừng viết thêm một phần khai báo nữa")
        return
    # a YAML comment above the fields (`# ghi chú`) is the front matter's too (a review, session 51)
    start = _first_filled(lines, comments=False)
    first = _KNOWN_FIELD.match(lines[start]) if start is not None else None
    closed = first and any(_CLOSING.fullmatch(line) for line in lines[start + 1:start + 200])
    if closed:
        problems.error(src, start + 1, first.group(1), "phần khai báo thiếu dòng `---` mở đầu: tệp bắt đầu bằng dòng "
                       f"`{first.group(1)}:` mà bên trên không có dòng `---`",
                       "thêm một dòng chỉ có `---` làm dòng đầu tiên của tệp, trên mọi dòng đang có (trên cả dòng "
                       f"`{first.group(1)}:`); giữ nguyên các dòng khai báo đang có, đừng viết lại chúng")
        return
    problems.error(src, 1, "", "tệp không có phần khai báo (front matter) ở đầu",
                   "ở dòng 1 (trên cùng) thêm một dòng chỉ có `---`, rồi các dòng `title:`, `date:`, `category:`, "
                   "rồi một dòng chỉ có `---`; nội dung bài viết bên dưới (xem tệp mẫu do `bantin new` tạo)")


def _first_filled(lines: list[str], comments: bool = True) -> int | None:
    """Index of the first of the first 50 lines that is not blank (nor, unless `comments`, a
    YAML comment at the margin), or None."""
    return next((n for n, line in enumerate(lines[:50])
                 if line.strip() and (comments or not line.startswith("#"))), None)


_FIELD_LINE = re.compile(r"[A-Za-z_]+[ \t]*:|[ \t]|-[ \t]|#|$")


def _body_start_guess(text: str) -> int:
    """Line of the first blank line or line that is no `key: value`, after an unclosed `---`."""
    for number, line in enumerate(text.split("\n")[1:200], start=2):
        if not line.strip() or not _FIELD_LINE.match(line):
            return number
    return 0


_MARGIN_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*[ \t]*:|[ \t#-]")


def _body_inside(yaml_text: str) -> int | None:
    """File line of the body's first sentence when the front matter's closing `---` is
    missing and a later `---` (a rule before the photo credit) closed it instead, or None.

    A sentence of three words or more at the margin after a blank line, past the fields,
    is no YAML a front matter holds when YAML cannot read the text up to it (a quoted value
    may span a blank line); its first word is no field name (`category dat-dai` lacks
    only its colon). Left to YAML, the editor was told to indent the paragraph or join it
    to `category:`, which put the paragraph into the category."""
    lines = yaml_text.split("\n")
    blank, fields = False, False
    for index, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        if fields and blank and not _MARGIN_FIELD.match(line) and len(line.split()) >= 3 \
                and line.split()[0] not in _FIELD_NAMES:
            return index + 2 if not _reads("\n".join(lines[: index + 1])) else None
        fields, blank = fields or bool(_MARGIN_FIELD.match(line)), False
    return None


def _reads(yaml_text: str) -> bool:
    """Whether YAML parses this text (events only: nothing is built, no alias expanded)."""
    if len(yaml_text) > frontyaml.MAX_BYTES:
        return True  # too long to try; the size limit reports it
    try:
        for _ in yaml.parse(yaml_text, Loader=frontyaml.LOADER):
            pass
    except yaml.YAMLError:
        return False
    except (RecursionError, MemoryError, ValueError):  # the pure-Python parser on hostile nesting
        return True  # not body text; frontyaml.load reports it
    return True


_FIELD_NAMES = frozenset(FIELDS)  # `category dat-dai` lacks a colon; it does not continue a value
# A line that sets one of our fields (`title: …`, `date:`), as YAML at the margin writes it.
_KNOWN_FIELD = re.compile(r"(" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")[ \t]*:(?:[ \t]|$)")


def parse_yaml(src: str, yaml_text: str, problems: Problems) -> tuple[dict, dict[str, int]] | None:
    """Mapping and the file line of each key; bad YAML is an error, never empty metadata.

    Read by `frontyaml.load`: limits and refusals on the event stream, and every value the
    text the editor wrote (no YAML 1.1 booleans, octals, sexagesimals or floats); each
    field's validator below decides its type and reports on the field's own line.
    """
    loaded = frontyaml.load(src, yaml_text, problems, _FIELD_NAMES)
    if loaded is None:
        return None
    value, lines = loaded
    if value is None:
        return {}, {}
    if not isinstance(value, dict):
        problems.error(src, 2, "", "phần khai báo phải là các dòng `tên: giá trị`",
                       "viết mỗi trường trên một dòng, ví dụ `title: Tiêu đề bài`")
        return None
    return value, lines


def _strip_body_controls(src: str, body: str, body_line: int, problems: Problems) -> str:
    """The body without invisible control characters: a warning on the first line that had one.

    A warning, not an error: the text is still what the editor meant, minus characters no
    reader can see (and which would make every feed invalid XML).
    """
    found = control_chars(body)
    if not found:
        return body
    first = body.count("\n", 0, CONTROL.search(body).start()) + body_line
    lines = sum(1 for line in body.split("\n") if control_chars(line))
    more = f" (ở {lines} dòng)" if lines > 1 else ""
    problems.warn(src, first, "", f"nội dung có ký tự điều khiển vô hình ({found}){more}, đã bị xóa", CONTROL_FIX)
    return strip_control(body)


def _fields_in_body(src: str, body: str, body_line: int, problems: Problems) -> None:
    """An error when the body starts with two field lines or more (`title: …`, `date: …`): a
    second front matter written under the first (the trial's editor, told to add the missing
    `---` and the fields, kept the old lines below), or a block pasted twice. Markdown shows
    them as a paragraph of `title: …` in the article, its description and the search; no
    article's text begins so. The lines named are the whole block: its own opening `---` (a
    block pasted twice) and each value's lines (`source:`'s `  name:`, `tags:`'s `- x`), or the
    editor, deleting the field lines only, published the rest without a word."""
    lines = body.split("\n")
    top = _first_filled(lines)
    if top is None:
        return
    # A whole block pasted twice starts with its own `---` (Markdown: a rule, then its lines as text).
    start = top + 1 if lines[top].rstrip(" \t") == "---" else top
    names, end, listing = [], start, False
    for offset, line in enumerate(lines[start:start + 200]):
        found = _KNOWN_FIELD.match(line)
        if found:
            names.append(found.group(1))
            listing = not line[found.end():].strip()  # `tags:` alone: its `- x` lines may follow at the margin
        elif not (names and (line[:1] in " \t" and line.strip() or listing and _LIST_ITEM.match(line))):
            break
        end = start + offset  # a value's own lines (`source:`'s `  name:`, `tags:`'s `- x`) go with it
    if len(names) < 2:
        return
    first, last = body_line + top, body_line + end
    shown = ", ".join(f"`{name}:`" for name in dict.fromkeys(names))
    problems.error(src, first, names[0], f"nội dung bài bắt đầu bằng các dòng khai báo ({shown}) nằm ngoài phần khai "
                   "báo: chúng sẽ hiện thành chữ ở đầu bài, trong phần tóm tắt và khi chia sẻ",
                   f"xóa các dòng {first}–{last} (và dòng `---` ngay sau chúng, nếu có); điều gì cần giữ thì sửa "
                   "trong phần khai báo ở trên, giữa hai dòng `---`")


_LIST_ITEM = re.compile(r"-(?:[ \t]|$)")


def read(src: str, data: bytes, site: SiteConfig, problems: Problems, exists: Exists) -> Parsed | None:
    """The whole pipeline for one file; None (with problems recorded) when it cannot be used."""
    parsed, _ = read_file(src, data, site, problems, exists)
    return parsed


def body_of(src: str, data: bytes, site: SiteConfig) -> Text | None:
    """The body of a file that failed its own checks, read again for what is checked once every
    page is known (its links: checks.check_unread_links); its problems were said when it was
    first read, so they are not kept here. None when even the body could not be read."""
    return read_file(src, data, site, Problems(), lambda path: True)[1]


def read_file(src: str, data: bytes, site: SiteConfig, problems: Problems,
              exists: Exists) -> tuple[Parsed | None, Text | None]:
    """(`read`'s answer, the file's body whenever it could be read): a body whose front matter
    failed is still checked, so the editor hears of every mistake in one build (session 56).
    No body when the file is too big, not text, without front matter, or too heavy in markup."""
    if page_too_big(src, data, problems):
        return None, None
    text = decode(src, data, problems)
    if text is None:
        return None, None
    parts = split(src, text, problems)
    if parts is None:
        return None, None
    yaml_text, body, body_line = parts
    body = _strip_body_controls(src, body, body_line, problems)
    _fields_in_body(src, body, body_line, problems)
    check_nesting(src, body, body_line, problems)
    if too_much_markup(src, body, body_line, problems):
        return None, None
    parsed = parse_yaml(src, yaml_text, problems)
    meta = validate(src, parsed[0], parsed[1], site, problems, exists) if parsed is not None else None
    return (Parsed(meta, body, body_line) if meta else None), Text(src, body, body_line)

