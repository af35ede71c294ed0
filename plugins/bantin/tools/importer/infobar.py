"""Portal info bars: "Ngày đăng: … | Tác giả: … | Lượt xem: 1.234" above or below an article.

Such a line is never the title (an editor found one imported as the title, issue 14) nor
a paragraph: its date is read by `units._find_date`, and an author it names ("Tác giả: …")
is kept. A line is an info bar when each of its parts (split at `|`, `•`, `·` or a spaced
dash) is a counter or toolbar word, a labelled or bare date, or a labelled author; a single
part counts when it starts with a publishing label ("Ngày đăng: Thứ năm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bantin.text.vi import fold
from bantin.tools.importer.bylines import _BYLINE_LABEL, parse_byline
from bantin.tools.importer.dates import _PUBLISHED_LABEL, _UPDATED_LABEL, _is_clock, parse_date
from bantin.tools.importer.lines import _BAR_SPLIT, _FURNITURE, _words


# Who uploaded the page ("Người đăng: admin"): the portal's account, not the article's author.
_UPLOADER_LABEL = re.compile(r"^((nguoi dang( tin| bai)?|nguoi cap nhat|nguoi duyet|bien tap vien|bien tap)\s*:"
                             r"|(dang boi|posted by)\s)")
# "Ngày đăng: …", "Cập nhật lúc 08:30": a label followed by ':' or a number, not "Ngày đăng ký kết hôn".
_DATE_LABEL = re.compile(
    r"^(?:" + _PUBLISHED_LABEL.pattern.removesuffix(r"\s*:?") + "|"
    + _UPDATED_LABEL.pattern.removesuffix(r"\s*:?") + r")(?:\s*:|\s+(?=\d)|\s*$)"
)
_MAX_WORDS = 40


@dataclass
class InfoBar:
    """What an info bar says besides its counters."""

    author: str | None = None
    dated: bool = False  # one of its parts carries or labels a date


def info_bar(text: str) -> InfoBar | None:
    """The info bar that `text` is, or None when it is something else (a title, a sentence)."""
    if _words(text) > _MAX_WORDS or len(text) > 10 * _MAX_WORDS:
        return None
    parts = [p for p in _BAR_SPLIT.split(text) if p.strip()]
    if not parts:
        return None
    bar = InfoBar()
    labelled = False
    for part in parts:
        folded = fold(part).strip()
        if _DATE_LABEL.match(folded):
            bar.dated = labelled = True
        elif _UPLOADER_LABEL.match(folded):
            labelled = True
        elif _BYLINE_LABEL.match(folded):
            author = parse_byline(part)
            if author is None:
                return None
            bar.author = bar.author or author
            labelled = True
        elif any(f.search(folded) for f in _FURNITURE):
            continue
        elif _words(part) <= 8 and (parse_date(part) is not None or _is_clock(part)):
            bar.dated = True
        else:
            return None
    return bar if len(parts) > 1 or labelled else None
