"""Text of the old page's article that the imported body lacks (a safety net).

trafilatura leaves out what it takes for noise: a list inside a layout-table cell was
dropped without a word, and other shapes may be too. Whatever the cause, an editor must
hear of it: this compares the page's own units from the article's first paragraph to its
last known line (the last body paragraph, or the byline or source taken off the end)
with the body, and names each unit found in neither. Units past that line are sidebars
and footers, not the article, and are never named.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from bantin.text.vi import fold
from bantin.tools.importer.lines import _words, is_end_marker, is_furniture, strip_image_name
from bantin.tools.importer.units import Block, Unit

_NOT_WORD = re.compile(r"\W+")
PROBE = 40  # a unit is in the body when its first or last PROBE letters are
MIN_WORDS = 3  # shorter units are buttons and labels, not content
SHOWN = 3


def _squash(text: str) -> str:
    """Letters and digits only, folded: markup, escapes and spacing never decide."""
    return _NOT_WORD.sub("", fold(text))


def _found_in(squashed: str, whole: str) -> bool:
    return bool(squashed) and (squashed[:PROBE] in whole or squashed[-PROBE:] in whole)


def lost_units(units: Sequence[Unit], start: int, body: Sequence[Block],
               known: Iterable[str]) -> list[str]:
    """Texts of units between the article's start and its last known line that are
    neither in the body nor among `known` (author, source, tags, texts already warned of)."""
    whole = _squash(" ".join(b.plain for b in body))
    known_squashed = [k for k in (_squash(k) for k in known if k) if len(k) >= 4]
    candidates: list[str] = []
    lost: list[str] = []
    for unit in units[start:]:
        text = strip_image_name(unit.text)
        if is_end_marker(text):
            break
        squashed = _squash(text)
        if _found_in(squashed, whole) or any(k in squashed or _found_in(squashed, k) for k in known_squashed):
            lost += candidates  # the article goes on below them: they were part of it
            candidates = []
        elif _words(text) >= MIN_WORDS and not is_furniture(text):
            candidates.append(text)
    return list(dict.fromkeys(lost))


def lost_warning(lost: Sequence[str], source: str) -> str:
    """The Vietnamese warning naming what the body lacks and the saved page to compare with."""
    shown = "», «".join(t if len(t) <= 80 else t[:79] + "…" for t in lost[:SHOWN])
    more = f" và {len(lost) - SHOWN} đoạn nữa" if len(lost) > SHOWN else ""
    return (
        f"{len(lost)} đoạn của bài trên trang cũ {source} không có trong bài đã nhập: «{shown}»{more} "
        "(thường là danh sách gạch đầu dòng hay khung nằm trong bảng dàn trang); hãy mở trang "
        "cũ, so với bài và chép lại những đoạn đó vào đúng chỗ"
    )
