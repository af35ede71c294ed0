"""What each front matter field may hold: a parsed YAML mapping validated into a `Meta`.

One `_Check` per file collects every problem (field, line, what is wrong, how to fix it)
instead of stopping at the first; the rules for dates, flags, categories, sources,
attachments, aliases, cited documents, slugs, images and tags are each a function here.
The placeholders `bantin new` and the importer write are defined here, where they are refused.
"""

from __future__ import annotations

import calendar
import difflib
import posixpath
import re
from urllib.parse import unquote, urlsplit
from datetime import date, datetime, time, timedelta
from typing import Any, Callable, Iterable

from bantin.legal.numbers import canonical_number, parse_reference
from bantin.content.model import FOLDER_KINDS, KINDS, Attachment, Meta, Source
from bantin.outputs.gate import HOST_FILES_ANYWHERE, HOST_FILES_TOP, segment_problem, shown
from bantin.problems import Problems, short
from bantin.config.settings import SiteConfig
from bantin.content import capitals, placeholders, plaintext, undeclared
from bantin.content.frontyaml import BlockList, Plain
from bantin.content.ownaddress import OwnAddress
from bantin.text.yamlerrors import CURLY_CLOSE, CURLY_OPEN, quoted_line
from bantin.text.vi import VIETNAM, cap_slug, full_slug, nfc, slugify


FIELDS = (
    "title", "date", "category", "type", "tags", "author", "source", "summary", "image",
    "image_alt", "documents", "attachments", "draft", "featured", "updated", "aliases", "slug",
)


_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?"  # web editors add .000
    r"\s*(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)
DATE_FIX = "viết ngày theo dạng năm-tháng-ngày, ví dụ `2024-11-21` hoặc `2024-11-21 08:30`"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2}))?", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(\d{1,2})[:h](\d{2}))?", re.ASCII)  # 2024/11/21
FLAG_WORDS = {"yes", "no", "on", "off", "y", "n", "có", "không"}
SLUG_MAX = 80  # characters of a slug made from a title; file names stay far below 255 bytes

PLACEHOLDER_CATEGORY = "chua-phan-loai"  # written by `bantin new` and the importer when none was given
PLACEHOLDER_TITLE = "Chưa có tiêu đề"  # written by the importer when the old page had no title
_EXAMPLE_PATH = {"image": "ảnh trong content/images/ thì viết `../images/ten-anh.jpg`",
                 "attachments": "tài liệu trong content/tai-lieu/ thì viết `file: ../tai-lieu/ten-tep.pdf`"}
INVALID = object()  # a value already reported as unreadable: not reported again as missing
Exists = Callable[[str], bool]


class _Check:
    """Validation of one file's fields, collecting every problem instead of stopping."""

    def __init__(self, src: str, data: dict, lines: dict[str, int], site: SiteConfig,
                 problems: Problems, exists: Exists):
        self.reported = {key for key, value in data.items() if value is INVALID}
        data = {key: value for key, value in data.items() if value is not INVALID}
        self.src, self.data, self.lines, self.site = src, data, lines, site
        self.problems, self.exists = problems, exists
        self.folder = posixpath.dirname(src)

    def error(self, key: str, message: str, fix: str) -> None:
        self.problems.error(self.src, self.lines.get(key, 1), key, message, fix)

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and key not in self.reported and value is None:
                self.problems.error(self.src, 1, key, f"thiếu trường bắt buộc `{key}`",
                                    f"thêm dòng `{key}: …` vào phần khai báo")
            elif required and key not in self.reported:
                self.error(key, f"`{key}` để trống", f"gõ nội dung sau `{key}: ` trên dòng này")
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, f"`{key}` phải là một dòng chữ, không phải {_shape(value)}", f"viết `{key}: …` trên một dòng")
            return ""
        text = nfc(str(value)).strip()
        if isinstance(value, Plain) and _curly_quoted(text):
            self.problems.warn(self.src, self.lines.get(key, 1), key,
                               "giá trị nằm trong dấu ngoặc kép cong “…”, dấu này được giữ lại như một phần của chữ",
                               f"muốn bỏ dấu ngoặc thì gõ dấu thẳng: {quoted_line(key, text[1:-1])}; "
                               "muốn hiện dấu ngoặc cong thì "
                               + (f"viết `{key}: '{text.replace(chr(39), chr(39) * 2)}'`" if len(text) <= 100 else
                                  f"thêm dấu nháy đơn ' ngay sau `{key}: ` và ở cuối dòng"))
        return text

    def flag(self, key: str) -> bool:
        """Only unquoted `true`/`false`: YAML 1.1's `yes`/`no`/`on`/`off` are named, not guessed."""
        value = self.data.get(key)
        if value is None:
            return False
        if isinstance(value, Plain) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        written = short(value if isinstance(value, str) else "[…]", 30)
        if isinstance(value, str) and not isinstance(value, Plain) and value.strip().lower() in ("true", "false"):
            self.error(key, f"`{key}` viết trong dấu ngoặc (`'{written}'`) nên là chữ, không phải có/không",
                       f"viết không có dấu ngoặc: `{key}: {value.strip().lower()}`")
            return False
        if isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
            message = f"`{key}: {written}` không còn được hiểu là có/không; chỉ `true` hoặc `false` được nhận"
        else:
            message = f"`{key}` chỉ nhận `true` hoặc `false`, không nhận `{written}`"
        self.error(key, message, f"viết `{key}: true` (có) hoặc `{key}: false` (không), không có dấu ngoặc kép")
        return False

    def when(self, key: str, required: bool = False) -> datetime | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and key not in self.reported:
                # Today, in Vietnam: a fixed example was pasted as the article's date (a province's review).
                today = datetime.now(VIETNAM).date().isoformat()
                self.problems.error(self.src, 1, key, f"thiếu trường bắt buộc `{key}`",
                                    f"thêm dòng `{key}: {today}` (ngày đăng bài; đây là ngày hôm nay, sửa nếu khác)")
            return None
        if isinstance(value, (dict, list)):
            self.error(key, f"`{key}` phải là một ngày, không phải {_shape(value)}", DATE_FIX)
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, *unread_date(key, str(value).strip()))
        return parsed

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            if ";" in value and "," not in value:
                parts = [p.strip() for p in value.split(";") if p.strip()]
                self.problems.warn(self.src, self.lines.get(key, 1), key,
                                   f"các mục của `{key}` được ngăn bằng dấu `;`; đã tách thành {len(parts)} mục",
                                   f"ngăn các mục bằng dấu phẩy: `{key}: [{short(', '.join(parts), 60)}]`")
                value = parts
            else:
                value = value.split(",")
            value = self._uncurled(key, value)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.error(key, f"`{key}` phải là một danh sách", f"viết `{key}: [mục một, mục hai]`")
            return ()
        items = [nfc(str(v)).strip() for v in value if v is not None]
        curly = [item for item in items if _curly_quoted(item)]
        found = tuple(item for item in (i[1:-1].strip() if _curly_quoted(i) else i for i in items) if item)
        if curly:
            self._curly_items(key, curly, found, isinstance(value, BlockList))
        return found

    def _curly_items(self, key: str, curly: list[str], kept: tuple[str, ...], block: bool) -> None:
        """One error for the entries of a list in curly quotes, with the whole list as the line
        to type: a fix with only the quoted entry (`tags: ["hòa giải"]`), pasted over the line
        as the guide says, dropped the other tags and `check` was then silent."""
        named = ", ".join(f"`{short(item, 40)}`" for item in curly[:3]) + (", …" if len(curly) > 3 else "")
        shown = flow_line(key, kept)
        where = (f"viết cả danh sách trên một dòng thay cho dòng `{key}:` và các dòng `- …` bên dưới nó: "
                 if block else "bỏ dấu ngoặc cong, chép cả dòng: ")
        self.error(key, f"{'các mục' if len(curly) > 1 else 'mục'} {named} của `{key}` nằm trong dấu ngoặc kép cong “…”, dấu này sẽ thành một phần "
                   "của mục", where + shown)

    def _uncurled(self, key: str, parts: list[str]) -> list[str]:
        """The parts of a list written as one line of text (`tags: “hòa giải, tập huấn”`) without
        the curly quotes a word processor put around it or around its parts: one error, with the
        line to type (the quotes would otherwise end up inside the first and last tag)."""
        bare = [p.strip() for p in parts]
        cleaned = [p.strip(CURLY_OPEN + CURLY_CLOSE).strip() for p in bare]
        if cleaned != bare:
            self.error(key, f"`{key}` có dấu ngoặc kép cong “…” (do Word hay điện thoại tự đổi), dấu này sẽ thành "
                       "một phần của mục", f"bỏ dấu ngoặc cong, viết: {flow_line(key, [c for c in cleaned if c])}")
        return cleaned

    def content_path(self, key: str, value: str, line: int | None = None) -> str:
        """Path relative to content/ of a file named relative to this file ('/x' = from content/);
        a problem on `line` when given (an attachment's `file:`), else on the key's."""
        line = line or self.lines.get(key, 1)
        target = posixpath.normpath(value.lstrip("/") if value.startswith("/") else posixpath.join(self.folder, value))
        if target.startswith("..") or posixpath.isabs(target) or "://" in value:
            self.problems.error(self.src, line, key, f"`{short(value)}` nằm ngoài thư mục content/",
                                "đặt tệp trong content/ và ghi đường dẫn tương đối")
            return ""
        if not self.exists(target):
            near = getattr(self.exists, "near", None)  # content/nearby.Known: the file meant, if any
            meant = near(target, self.folder) if near is not None else None
            named = "file" if key == "attachments" else key
            fix = (f"có tệp content/{posixpath.normpath(posixpath.join(self.folder, meant))}: viết `{named}: {meant}` "
                   f"(đường dẫn tính từ thư mục của bài, content/{self.folder or ''})" if meant else
                   "kiểm tra tên tệp (phân biệt hoa thường) và đường dẫn tính từ thư mục của bài "
                   f"(content/{self.folder or ''}): {_EXAMPLE_PATH.get(key, _EXAMPLE_PATH['image'])}; "
                   "chưa có tệp thì tải tệp lên thư mục đó")
            self.problems.error(self.src, line, key, f"không có tệp `{short(value)}` (tìm ở content/{short(target)})", fix)
            return ""
        return target


def _shape(value: object) -> str:
    """How an editor would call a YAML value that is not text: a list `[…]` or a group `tên: giá trị`."""
    return "danh sách" if isinstance(value, list) else "một nhóm `tên: giá trị` (dấu `{…}` hay các dòng thụt vào)"


FLOW_SHOWN = 200  # characters of a `tags: […]` line given whole in a fix
_FLOW_PLAIN = re.compile(r"(?![-?:,\[\]{}#&*!|>'\"%@`])(?:[^,\[\]{}:#]|:(?![\s,\[\]{}])|(?<!\s)#)*(?<!:)")


def _flow_item(item: str) -> str:
    """An entry of a `[…]` list as it must be typed: as is when YAML reads it back as the same
    text there, else in double quotes (`"*mới*"`: a `*` first is an alias to YAML)."""
    if _FLOW_PLAIN.fullmatch(item) and item == item.strip() and item.isprintable():
        return item
    escaped = item.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def flow_line(key: str, items: Iterable[str]) -> str:
    """`key: [a, b]` to type, in backticks, or how to write it when too long to show whole
    (a line cut by `…` must not be pasted)."""
    line = f"{key}: [{', '.join(_flow_item(item) for item in items)}]"
    return f"`{line}`" if len(line) <= FLOW_SHOWN else "xóa dấu ngoặc cong quanh các mục đó, giữ nguyên các mục khác"


def _curly_quoted(text: str) -> bool:
    """Text wrapped in typographic quotes, as Word and phones type them."""
    return len(text) >= 2 and text[0] in CURLY_OPEN and text[-1] in CURLY_CLOSE


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def missing_date(year: int, month: int, day: int) -> str:
    """Why a date does not exist, in the editor's words («tháng 2 năm 2026 chỉ có 28 ngày»),
    or "" when it does: "không hiểu ngày" sent an editor who had written 2026-02-30 in the
    right form looking for a wrong form (an outsider's trial, F6)."""
    if not 1 <= month <= 12:
        return f"không có tháng {month}, tháng chỉ từ 1 đến 12"
    last = _last_day(year, month)
    if day == 0:
        return "không có ngày 0, ngày bắt đầu từ 1"
    if day > last:
        return f"tháng {month}{f' năm {year}' if month == 2 else ''} chỉ có {last} ngày"
    return ""


def _clock(hour: str | None, minute: str | None) -> tuple[str, str]:
    """(' 08:30' or '', why the time does not exist or '')."""
    if not hour:
        return "", ""
    if int(hour) > 23 or int(minute) > 59:
        return "", f"không có giờ {hour}:{minute} (giờ chỉ từ 00 đến 23, phút từ 00 đến 59)"
    return f" {int(hour):02d}:{minute}", ""


def unread_date(key: str, text: str) -> tuple[str, str]:
    """(message, fix) for a date value `parse_date` could not read. Every date a fix offers
    exists: `31/02/2026` was told to become `2026-02-31`, `04/13/2026` `2026-13-04`, and the
    pasted fix was refused in turn."""
    if len(text) > 40:  # no date is longer (as in parse_date)
        return f"không hiểu ngày `{short(text, 40)}`", DATE_FIX
    shown = short(text, 30)
    iso, day_first, year_first = _DATE.fullmatch(text), _DAY_FIRST.fullmatch(text), _YEAR_FIRST.fullmatch(text)
    if iso:
        y, mo, d, h, mi = iso.groups()[:5]
        time_text, time_wrong = _clock(h, mi)
        if missing_date(int(y), int(mo), int(d)) or time_wrong:
            return _impossible(key, shown, int(y), int(mo), int(d), time_text, time_wrong)
        return f"không hiểu ngày `{short(text, 40)}`", DATE_FIX  # a date and a time that exist: the offset
    if day_first:
        d, mo, y, h, mi = day_first.groups()
        return _day_first(key, shown, int(y), int(mo), int(d), *_clock(h, mi))
    if year_first:
        y, mo, d, h, mi = year_first.groups()
        time_text, time_wrong = _clock(h, mi)
        if missing_date(int(y), int(mo), int(d)) or time_wrong:
            return _impossible(key, shown, int(y), int(mo), int(d), time_text, time_wrong)
        return (f"ngày `{shown}` ngăn bằng dấu `/` hoặc `.`; phần khai báo ngăn bằng dấu gạch ngang `-`",
                f"viết `{key}: {y}-{int(mo):02d}-{int(d):02d}{time_text}`")
    return f"không hiểu ngày `{short(text, 40)}`", DATE_FIX


def _day_first(key: str, shown: str, y: int, mo: int, d: int, time_text: str, time_wrong: str) -> tuple[str, str]:
    """`21/11/2024` as Vietnamese write it; `04/13/2026` as an American form writes it, when
    only that reading is a date."""
    if not missing_date(y, mo, d) and not time_wrong:
        return (f"ngày `{shown}` viết theo kiểu ngày/tháng/năm; phần khai báo cần năm-tháng-ngày",
                f"viết `{key}: {y}-{mo:02d}-{d:02d}{time_text}`")
    if not missing_date(y, d, mo) and not time_wrong:
        return (f"ngày `{shown}` không có: {missing_date(y, mo, d)} (có lẽ đây là kiểu tháng/ngày/năm của Mỹ)",
                f"nếu là ngày {mo} tháng {d} năm {y}, viết `{key}: {y}-{d:02d}-{mo:02d}{time_text}` (năm-tháng-ngày)")
    return _impossible(key, shown, y, mo, d, time_text, time_wrong)


def _impossible(key: str, shown: str, y: int, mo: int, d: int, time_text: str, time_wrong: str) -> tuple[str, str]:
    """A date (or time) that is not in the calendar: which part, and a form to type."""
    why = "; ".join(part for part in (missing_date(y, mo, d), time_wrong) if part)
    if not missing_date(y, mo, d):
        return (f"`{shown}` có giờ sai: {time_wrong}",
                f"viết giờ từ 00:00 đến 23:59, ví dụ `{key}: {y:04d}-{mo:02d}-{d:02d} 08:30`")
    if mo > 12 and 1 <= d <= 12 and not missing_date(y, d, mo) and not time_wrong:
        return (f"ngày `{shown}` không có: {why}", f"nếu tháng và ngày bị đảo chỗ, viết `{key}: {y}-{d:02d}-{mo:02d}"
                f"{time_text}` (năm-tháng-ngày)")
    last = 1 <= mo <= 12 and y >= EARLIEST_YEAR  # else the year is wrong too: no example of it
    example = f"{y}-{mo:02d}-{_last_day(y, mo):02d}" if last else "2024-11-21"
    return (f"ngày `{shown}` không có: {why}",
            "xem lại ngày trong văn bản gốc rồi viết một ngày có thật theo dạng năm-tháng-ngày, ví dụ "
            f"`{key}: {example}{time_text or (' 08:30' if time_wrong else '')}`" + (" (ngày cuối tháng)" if last else ""))


def _last_day(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (month 1–12)."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def parse_date(value: Any) -> datetime | None:
    """Aware datetime; dates without offset are Vietnam time (+07:00)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), VIETNAM)
    text = str(value).strip()
    if len(text) > 40:  # no date is longer; the regex then never sees a long value
        return None
    match = _DATE.fullmatch(text)
    if not match:
        return None
    y, mo, d, h, mi, s, tz = match.groups()
    try:
        when = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if not tz:
        return when.replace(tzinfo=VIETNAM)
    try:
        return datetime.fromisoformat(when.isoformat() + ("+00:00" if tz == "Z" else tz))
    except ValueError:  # an offset such as +99:00
        return None


EARLIEST_YEAR = 1945  # before any bulletin: a year typed short ("0202", "202") or wrong
FUTURE_AHEAD = timedelta(days=2)  # a date further ahead is warned of (the web editor's AHEAD_MS too)


def _implausible_date(check: _Check, when: datetime) -> bool:
    """An error for a year before EARLIEST_YEAR (True: the item is refused); a warning for a date
    more than two days ahead, which would keep a mistyped year (2035 for 2025) first in every
    listing for years."""
    if when.year < EARLIEST_YEAR:
        check.error("date", f"năm {when.year} không hợp lệ (ngày đăng của bài)", "ghi năm đủ bốn chữ số, ví dụ "
                    f"`date: {datetime.now():%Y-%m-%d}`")
        return True
    if when > datetime.now(when.tzinfo) + FUTURE_AHEAD:
        check.problems.warn(check.src, check.lines.get("date", 1), "date",
                            f"ngày đăng {when:%d/%m/%Y} ở tương lai: bài sẽ đứng đầu mọi danh sách tới ngày đó",
                            "kiểm tra lại năm, tháng; trang không hẹn giờ đăng bài")
    return False


def _kind(check: _Check) -> str:
    declared = check.text("type")
    if declared:
        if declared not in KINDS:
            check.error("type", f"loại `{short(declared, 30)}` không có", f"dùng một trong: {', '.join(KINDS)}")
            return "page"
        return declared
    return folder_kind(check.src) or "page"


def folder_kind(src: str) -> str | None:
    """The kind a file's folder gives it (`tin-tuc/a.md` an article), None outside the known folders."""
    return FOLDER_KINDS.get(src.split("/", 1)[0]) if "/" in src else None


def _unknown_keys(check: _Check) -> None:
    for key in check.data:
        if key in FIELDS:
            continue
        close = difflib.get_close_matches(str(key)[:40], FIELDS, n=1, cutoff=0.6)
        hint = f"có phải ý bạn là `{close[0]}`?" if close else f"các trường được phép: {', '.join(FIELDS)}"
        check.problems.error(check.src, check.lines.get(key, 1), short(str(key), 40),
                             f"trường `{short(str(key), 40)}` không được hỗ trợ", hint)


def _category(check: _Check, kind: str):
    """The registered category named by slug, title or any spelling that folds to it (marks
    left out, other case: that category, without a word). Missing or unknown: the closest one
    and every registered one, each as the line to type and its title.

    For a draft these are warnings and the draft has no category: a draft is in no listing,
    so its page needs none, and it stays in the live preview (content/drafts/policy.py) when the
    province renames a category the starter's samples name, or `bantin new` was given no
    `--category`. The warning is an error the moment `draft: true` goes."""
    written = check.data.get("category")
    name = check.text("category")  # a list or a mapping is named there, once
    say = _draft_warning(check) if _declared_draft(check) else check.error
    if not name:
        if kind in ("article", "qa", "guide") and "category" not in check.reported and written is None:
            say("category", "thiếu trường bắt buộc `category` (chuyên mục của bài)",
                f"thêm một dòng vào phần khai báo, chọn một trong: {_category_lines(check.site)}")
        elif kind in ("article", "qa", "guide") and isinstance(written, str):
            say("category", "`category` để trống", f"chọn một trong: {_category_lines(check.site)}")
        return None
    if name == PLACEHOLDER_CATEGORY:
        say("category", "bài chưa được xếp vào chuyên mục nào",
            f"thay dòng `category: {PLACEHOLDER_CATEGORY}` bằng một trong: {_category_lines(check.site)}")
        return None
    found = check.site.find_category(name)
    if found is None:
        categories = {c.slug: c for c in check.site.categories}
        close = difflib.get_close_matches(slugify(name), list(categories), n=1, cutoff=0.5)
        hint = (f"có phải ý bạn là `category: {close[0]}` ({categories[close[0]].title})? " if close else "")
        say("category", undeclared.message(name),
            f"{hint}viết một trong: {_category_lines(check.site)}; chuyên mục mới thì nhờ người quản trị "
            f"thêm vào mkdocs.yml{'' if close else _renamed(name)}")  # a near miss is a typo (trial, session 56)
    return found


def _renamed(name: str) -> str:
    """The one-line fix when the category was renamed in mkdocs.yml after articles used it: its
    old slug kept with `slug:` under the new title. Told only "edit every article", a province
    that renamed a category after importing its old portal faced one edit per article and a
    changed category address (a province's trial, session 41)."""
    old = slugify(name)
    if not old or len(old) > 80:
        return ""
    return (f"; nếu chuyên mục này vừa được đổi tên trong mkdocs.yml, không cần sửa bài nào: ghi dòng "
            f"`slug: {old}` ngay dưới `title:` mới của nó (giữ cả địa chỉ cũ của trang chuyên mục)")


def _declared_draft(check: _Check) -> bool:
    """`draft: true` as `flag` reads it, without reporting anything (`flag` reports, once, later)."""
    value = check.data.get("draft")
    return isinstance(value, Plain) and value.lower() == "true"


def _draft_warning(check: _Check):
    """`_Check.error`'s shape, as a warning on the field's line."""
    return lambda key, message, fix: check.problems.warn(check.src, check.lines.get(key, 1), key, message, fix)


def _category_lines(site: SiteConfig) -> str:
    """Every registered category as the line to type and its title: `category: hoa-giai-o-co-so` (Hòa giải ở cơ sở)."""
    return ", ".join(f"`category: {c.slug}` ({c.title})" for c in site.categories) or \
        "(mkdocs.yml chưa khai báo chuyên mục nào: nhờ người quản trị thêm mục `categories:`)"


def _source(check: _Check) -> Source | None:
    value = check.data.get("source")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Source(nfc(value).strip())
    if not isinstance(value, dict) or not value.get("name"):
        check.error("source", "`source` cần có `name` (tên nguồn) và có thể có `url`",
                    "viết `source:` rồi hai dòng thụt vào `  name: Báo …` và `  url: https://…`")
        return None
    extra = set(value) - {"name", "url"}
    if extra:
        check.error("source", f"`source` không có mục `{short(sorted(map(str, extra))[0], 40)}`", "chỉ dùng `name` và `url`")
    url = str(value.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        check.error("source", f"địa chỉ nguồn `{short(url)}` phải bắt đầu bằng http:// hoặc https://", "ghi đầy đủ địa chỉ")
        url = ""
    elif url and not _parses(url):
        check.error("source", f"địa chỉ nguồn `{short(url)}` viết sai (tên miền hoặc dấu ngoặc vuông `[ ]` không đúng)",
                    "chép lại đúng địa chỉ từ thanh địa chỉ của trình duyệt")
        url = ""
    return Source(nfc(str(value["name"])).strip(), url)


def _parses(url: str) -> bool:
    """True when urlsplit reads `url` (`http://[::1` raises: a broken IPv6 host)."""
    try:
        urlsplit(url).port
    except ValueError:
        return False
    return True


def _attachments(check: _Check) -> tuple[Attachment, ...]:
    value = check.data.get("attachments")
    if value is None:
        return ()
    if not isinstance(value, list):
        check.error("attachments", "`attachments` phải là danh sách các mục `title` + `file`",
                    "viết `attachments:` rồi `  - title: …` và `    file: ../tai-lieu/….pdf`")
        return ()
    found = []
    for k, entry in enumerate(value):
        # an entry's problem on its own line: its `file:`, else its `- …`, else the list's
        line = check.lines.get(f"attachments.{k}.file") or check.lines.get(f"attachments.{k}") or check.lines.get("attachments", 1)
        if not isinstance(entry, dict) or not entry.get("file"):
            check.problems.error(check.src, line, "attachments", "mỗi tệp đính kèm cần `title` và `file`",
                                 "viết `  - title: Tên tài liệu` và `    file: ../tai-lieu/tep.pdf`")
            continue
        path = check.content_path("attachments", str(entry["file"]), line)
        if path:
            title = nfc(str(entry.get("title") or posixpath.basename(path))).strip()
            found.append(Attachment(title, path, line=line, title_line=check.lines.get(f"attachments.{k}.title", line)))
            _hard_to_type(check, str(entry["file"]), path, line)
    return tuple(found)


_TYPABLE = re.compile(r"[a-z0-9][a-z0-9._-]*")  # what a reader types from paper without a doubt


def _hard_to_type(check: _Check, written: str, path: str, line: int) -> None:
    """A warning for an attachment whose file name has spaces, capitals or marks: its address is
    printed under the handout for readers to type (`…/To%20khai%20dang%20ky.PDF`), and the guide
    asks for plain names (a guide editor's trial, session 55). A warning: the file is served."""
    name = posixpath.basename(path)
    stem, ext = posixpath.splitext(name)
    slug = slugify(stem)
    if _TYPABLE.fullmatch(name) or not slug:
        return
    plain = slug + ext.lower()
    folder = written[: len(written) - len(posixpath.basename(written))]
    check.problems.warn(check.src, line, "attachments",
                        f"tên tệp đính kèm `{short(name, 60)}` có dấu cách, chữ hoa hay chữ có dấu: địa chỉ tải về in "
                        "dưới bản in thành một chuỗi khó gõ lại",
                        f"đổi tên tệp thành `{plain}` (chữ thường, không dấu, nối bằng `-`) rồi sửa dòng thành "
                        f"`file: {folder}{plain}`")


def _aliases(check: _Check) -> tuple[str, ...]:
    """Old paths on this site; each becomes a file of the output, so each must be a plain path
    inside it (checked here, before anything is written; clashes in pages.check_addresses)."""
    aliases = []
    for alias in check.strings("aliases"):
        if "://" in alias or "?" in alias or not alias.startswith("/"):
            check.error("aliases", f"`{shown(alias, tail=0)}` không phải đường dẫn trên trang này",
                        _alias_path_fix(alias, check.site))
            continue
        wrong = alias_problem(alias)
        if wrong and _HOST_FILE in wrong:
            check.error("aliases", f"bí danh `{shown(alias, tail=0)}`: {wrong}",
                        "bỏ bí danh này; địa chỉ cũ mang tên đó thì đưa vào bảng chuyển hướng của máy chủ "
                        "(`bantin redirects`, xem hướng dẫn biên tập), không tạo trang ở đó")
            continue
        if wrong:
            check.error("aliases", f"bí danh `{shown(alias, tail=0)}`: {wrong}",
                        "ghi đường dẫn cũ dạng `/thu-muc/ten-bai.html` hoặc `/thu-muc/ten-bai/`: mỗi phần "
                        "giữa hai dấu `/` là tên thường (không `.`, `..`, `\\`, ký tự điều khiển, không quá "
                        "255 byte, không phải con/nul/aux/prn/com1…/lpt1…); bỏ bí danh nếu không cần")
            continue
        aliases.append(alias)
    return tuple(aliases)


def _alias_path_fix(alias: str, site: SiteConfig) -> str:
    """An alias must be a path: one copied whole from the browser's address bar, of this site
    (`https://<site>/tin-tuc/ten-cu/`), or a path of one of its sections written without its
    first `/` (`tin-tuc/ten-cu/`), gets the path to type (a province's second-year trial,
    session 53: told only what an alias is). Not an old host's address, with or without its
    `https://` (`www.stp….gov.vn/…`: that is the redirect map's), nor one with `?…`."""
    path = None
    if "?" not in alias and "://" in alias:
        path = OwnAddress(site.site_url, site.published_url).path(alias)
    elif "?" not in alias and alias.strip().split("/", 1)[0] in site.prefixes.segments():
        path = alias.strip()
    if path is not None and path.strip("/"):
        return f"ghi phần đường dẫn: `- /{path.lstrip('/')}`"
    return ("ghi đường dẫn bắt đầu bằng `/`, không có tên miền hay `?…`; địa chỉ của máy chủ cũ thì đưa vào bảng "
            "chuyển hướng (xem hướng dẫn biên tập)")


_WINDOWS_INVALID = frozenset('<>:"|*')


def alias_problem(alias: str) -> str | None:
    """Why the old path `alias` (begins with '/') cannot be a file of the site, or None.

    Segments are checked as written and percent-decoded (a web server decodes `%2e%2e` to
    `..` before it looks for the file)."""
    body = alias[1:]
    body = body[:-1] if body.endswith("/") else body
    if not body:
        return None  # '/': the home page's address, reported as a clash by check_addresses
    for index, segment in enumerate(body.split("/")):
        if segment == "":
            return "có hai dấu `/` liền nhau"
        decoded = unquote(segment)
        host = _host_file(decoded, index == 0)
        if host:
            return host
        if "/" in decoded:
            return "có dấu `/` viết dưới dạng mã `%2F`"
        wrong = segment_problem(decoded) or segment_problem(segment)
        if wrong:
            return wrong
        if decoded.startswith("."):
            return f"có phần `{short(decoded, 60)}` bắt đầu bằng dấu chấm (tệp ẩn như .htaccess điều khiển máy chủ web)"
        if set(decoded) & _WINDOWS_INVALID or decoded.endswith((".", " ")):
            return f"có phần `{short(decoded, 60)}` chứa ký tự không dùng được trong tên tệp (< > : \" | * hoặc dấu chấm, khoảng trắng ở cuối)"
    return None


_HOST_FILE = "là tên tệp cấu hình"


def _host_file(segment: str, top: bool) -> str | None:
    """A name a web server or static host reads as its configuration, not as a page.

    `web.config` (IIS), `.htaccess`/`.htpasswd` (Apache), `.user.ini`, `php.ini` are read in
    every folder; `_headers`, `_redirects` (Netlify, Cloudflare Pages), `CNAME`, `_config.yml`
    (GitHub Pages), `netlify.toml`, `vercel.json`… and the files browsers and crawlers fetch
    by themselves (`robots.txt`, `favicon.ico`, `crossdomain.xml`) only at the top."""
    name = segment.casefold()
    if name in HOST_FILES_ANYWHERE or (top and name in HOST_FILES_TOP):
        where = "ở mọi thư mục" if name in HOST_FILES_ANYWHERE else "ở thư mục gốc của trang"
        return (f"`{short(segment, 60)}` {_HOST_FILE} mà máy chủ web hoặc dịch vụ lưu trữ đọc {where} "
                "(không phải một trang); một trang chuyển hướng mang tên đó có thể làm hỏng cả trang")
    return None


def _documents(check: _Check) -> tuple[str, ...]:
    """Cited document numbers; each must be a number we can identify (number + year)."""
    found = []
    for entry in check.strings("documents"):
        if parse_reference(entry, check.site.registry) is not None:
            found.append(entry)
        elif not any(canonical_number(token) for token in entry.split()):
            check.error("documents", f"`{short(entry)}` không phải số hiệu văn bản",
                        "viết số hiệu như trên văn bản, ví dụ `31/2024/QH15`, `42/2022/NĐ-CP`, `432/QĐ-UBND ngày 12/4/2024`")
        else:
            check.error("documents", f"không biết năm ban hành của `{short(entry)}`",
                        f"ghi thêm ngày ban hành, ví dụ `{short(entry)} ngày 12/4/2024`, hoặc khai báo văn bản "
                        "trong mục `documents:` của mkdocs.yml")
    return tuple(found)


def _slug(check: _Check, title: str) -> str:
    """The page's address: `slug` as written, else made from the title, at most SLUG_MAX long."""
    wanted = check.text("slug")
    if wanted:
        made = full_slug(wanted)
        if not made:
            suggestion = cap_slug(slugify(title), SLUG_MAX) or "tap-huan-hoa-giai-2024"
            check.error("slug", f"`slug: {short(wanted, 30)}` không có chữ hay số nên không tạo được địa chỉ",
                        f"viết `slug: {suggestion}` (chữ thường không dấu, số và dấu gạch ngang), "
                        "hoặc xóa dòng `slug:` để địa chỉ được tạo từ tiêu đề")
            return ""
        if made != wanted:
            check.error("slug", f"`{short(wanted)}` không phải địa chỉ hợp lệ",
                        f"chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ `{cap_slug(made, SLUG_MAX)}`")
        if len(made) > SLUG_MAX:
            check.problems.warn(check.src, check.lines.get("slug", 1), "slug",
                                f"`slug` dài {len(made)} ký tự; địa chỉ được rút còn {SLUG_MAX} ký tự",
                                f"viết `slug: {cap_slug(made, SLUG_MAX)}` hoặc một địa chỉ ngắn hơn")
        return cap_slug(made, SLUG_MAX)
    return cap_slug(slugify(title), SLUG_MAX)


TITLE_NAME_DASHES = 2  # a file name of three words or more was made from a title (a.md, bai-1.md were not)


def _address_from_title(check: _Check, kind: str, made: str, aliases: tuple[str, ...]) -> None:
    """Without `slug:`, the address comes from the title: retitling an article moves it, and
    every link and printed QR code to the old address breaks without a word (issue 14). When
    the file's name (which `bantin new`, the importer and the web editor make from the first
    title) is another slug, say so, with the line that keeps the address the file name
    suggests. Short names made by hand (`a.md`, `bai-1.md`, `index.md`) say nothing of a title.
    Nor once `aliases:` holds the file name's address, the guide's other fix: it went on
    saying the address would break (a province's second-year trial, session 53)."""
    stem = posixpath.splitext(posixpath.basename(check.src))[0]
    if stem == made or full_slug(stem) != stem or stem.count("-") < TITLE_NAME_DASHES:
        return
    prefix = getattr(check.site.prefixes, kind, "")
    if "/".join(part for part in (prefix, stem) if part) in {alias.strip("/") for alias in aliases}:
        return
    # a page titled "Tin tức" is at /tin-tuc/, the news listing's address: not one to keep
    generated = not prefix and made in check.site.prefixes.segments()
    keep = "" if generated else f", hoặc `slug: {made}` để giữ địa chỉ hiện tại"
    prefix = f"/{prefix}/" if prefix else "/"
    check.problems.warn(check.src, check.lines.get("title", 1), "title",
                        f"bài không có `slug:` nên địa chỉ lấy từ tiêu đề: {prefix}{made}/, khác tên tệp `{stem}`; "
                        "sửa tiêu đề là đổi địa chỉ, liên kết và mã QR tới địa chỉ cũ sẽ hỏng",
                        f"thêm dòng `slug: {stem}` vào phần khai báo để giữ địa chỉ theo tên tệp (nếu bài đã đăng ở "
                        f"địa chỉ đó){keep}")


def _image(check: _Check) -> tuple[str, str]:
    image, alt = check.text("image"), check.text("image_alt")
    if image and not alt:
        check.error("image", "có ảnh minh họa nhưng thiếu `image_alt` (mô tả ảnh cho người khiếm thị)",
                    "thêm dòng `image_alt: …` mô tả nội dung ảnh")
    return (check.content_path("image", image) if image else ""), alt


def _tags(check: _Check) -> tuple[str, ...]:
    """Tags; one with no letter or digit (`..`, `🙂`) has no address (/the/<slug>/) and would
    vanish from the page: an error on the `tags` line (review finding 10)."""
    names = check.strings("tags")
    if _empty_entries(check.data.get("tags")):
        check.error("tags", "`tags` có mục rỗng (chỉ có dấu cách, `~` hoặc không có gì)",
                    "xóa mục rỗng hoặc viết tên thẻ vào đó, ví dụ `tags: [hòa giải, đất đai]`")
    for name in names:
        if not slugify(name):
            check.error("tags", f"thẻ `{short(name, 40)}` không có chữ hay số nào nên không tạo được trang thẻ",
                        "viết thẻ bằng chữ hoặc số, ví dụ `tags: [hòa giải, đất đai]`; bỏ thẻ này nếu không cần")
    return tuple(name for name in names if slugify(name))


def _empty_entries(value: Any) -> bool:
    """True when a tags list (or comma-separated string) has an entry with nothing in it:
    `strings` drops those, and the editor meant some tag there. A comma ending the text
    (`tags: hòa giải, tập huấn,`) is a habit, not a missing tag."""
    if isinstance(value, str):
        value = value.split(";" if ";" in value and "," not in value else ",")
        value = value[:-1] if len(value) > 1 and not value[-1].strip() else value
    if not isinstance(value, list):
        return False
    return any(v is None or (isinstance(v, str) and not nfc(v).strip()) for v in value)


def _plain_text(check: _Check, **fields: str) -> None:
    """Warnings for markup typed into fields shown as plain text, for a pasted title, and for a
    title in capitals (content/capitals.py)."""
    for key, text in fields.items():
        found = plaintext.markup_problems(key, text)
        long = plaintext.length_problem(key, text)
        shouted = (capitals.problem("tiêu đề", text, lambda: capitals.title_line(capitals.as_sentence(text)))
                   if key == "title" else None)
        for message, fix in found + [extra for extra in (long, shouted) if extra]:
            check.problems.warn(check.src, check.lines.get(key, 1), key, message, fix)


def address_of(src: str, data: dict, lines: dict[str, int], site: SiteConfig) -> tuple[str, str] | None:
    """(kind, slug) that `validate` gives a file, read even when its other fields fail their
    checks (an impossible `date:`), or None when neither `slug:` nor the title gives one. A
    taken-down draft with such a slip has no item, yet its address is still its old page's,
    which a published page may write as text (content/drafts/mentions.py; session 39's review F2).
    Its problems are `validate`'s to report: none are kept here."""
    check = _Check(src, data, lines, site, Problems(), lambda _: False)
    title = check.text("title")
    slug = _slug(check, title) if title else ""
    return (_kind(check), slug) if slug else None


def validate(src: str, data: dict, lines: dict[str, int], site: SiteConfig,
             problems: Problems, exists: Exists) -> Meta | None:
    """Meta from a parsed mapping; None when a required field is unusable."""
    check = _Check(src, data, lines, site, problems, exists)
    _unknown_keys(check)
    kind = _kind(check)
    title = check.text("title", required=True)
    if title == PLACEHOLDER_TITLE:
        check.error("title", "bài nhập từ cổng cũ chưa có tiêu đề", "thay `Chưa có tiêu đề` bằng tiêu đề thật của bài")
    when = check.when("date", required=True)
    if when is not None and _implausible_date(check, when):
        when = None
    category = _category(check, kind)
    image, image_alt = _image(check)
    meta = dict(
        kind=kind, category=category, tag_names=_tags(check), author=check.text("author"),
        source=_source(check), summary=check.text("summary"), image=image, image_alt=image_alt,
        documents=_documents(check), attachments=_attachments(check),
        draft=check.flag("draft"), featured=check.flag("featured"), updated=check.when("updated"),
        aliases=_aliases(check), slug=_slug(check, title) if title else "",
    )
    if title and not meta["slug"] and not check.text("slug"):
        check.error("title", f"tiêu đề `{short(title)}` không tạo được địa chỉ (không có chữ hay số)",
                    "thêm dòng `slug: …` gồm chữ thường không dấu, số và dấu gạch ngang")
    if title and meta["slug"] and not check.text("slug") and not meta["draft"]:  # a draft has no old address
        _address_from_title(check, kind, meta["slug"], meta["aliases"])
    _plain_text(check, title=title, summary=meta["summary"])
    if not meta["draft"]:  # a draft may keep the example's words: they are its to-do list
        for field, text in placeholders.starter_fields(title, meta["summary"]):
            check.error(field, f"`{field}` còn là chữ của tệp mẫu («{short(text, 60)}»): bài chưa viết xong "
                        "thì không được xuất bản", f"viết {'tiêu đề' if field == 'title' else 'tóm tắt'} thật của "
                        "bài vào dòng này; nếu bài chưa xong, thêm lại dòng `draft: true`")
    if when is not None and meta["updated"] is not None and meta["updated"] < when:
        check.problems.warn(src, lines.get("updated", 1), "updated",
                            f"ngày cập nhật {meta['updated']:%d/%m/%Y} trước ngày đăng {when:%d/%m/%Y}",
                            "sửa `updated:` thành ngày sửa bài (sau ngày đăng), hoặc xóa dòng đó")
    updated = meta["updated"]
    if updated is not None and updated > datetime.now(updated.tzinfo) + FUTURE_AHEAD:
        check.problems.warn(src, lines.get("updated", 1), "updated",
                            f"ngày cập nhật {updated:%d/%m/%Y} ở tương lai: trang, nguồn tin và sơ đồ trang sẽ ghi "
                            "bài được sửa vào ngày đó", "sửa `updated:` thành ngày sửa bài, hoặc xóa dòng đó")
    if not title or when is None or not meta["slug"]:
        return None
    return Meta(title=title, date=when, lines=dict(lines), **meta)
