"""Dates on an old page: "Ngày đăng", "Cập nhật", day/month/year and ISO forms.

A header clock (a time with seconds or AM/PM) and a "last visit" stamp are told apart
from the article's date, so the importer never takes today's time for the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bantin.text.vi import VIETNAM, fold
from bantin.tools.importer.lines import _words


_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")
# "ngày 5 tháng 9 năm 2019"; without "ngày" only at the start, after ':' or ','
# ("Ngày đăng: 21 tháng 11 năm 2024", "Thứ năm, 21 tháng 11, 2024"), never inside a sentence.
_WORDY = re.compile(r"(?:ngay\s+|(?:^|[:,])\s*)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,|\s)\s*(?:nam\s+)?(\d{4})")
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
