"""The name of a law as the author wrote it right before its number.

Readers do not know laws by number: the page of cited documents listed "Luật số 64/2025/QH15"
with no name unless the province had registered it (`documents:` in mkdocs.yml). Authors
nearly always write the name once: "Luật Hộ tịch năm 2014 (Luật số 60/2014/QH13)", "Bộ luật
Lao động số 45/2019/QH14". This module reads that name, and only in those two shapes, for
laws, codes and ordinances (Luật, Bộ luật, Pháp lệnh), whose names come before the number;
a decree's subject comes after its number and has no clear end, so decrees get no name here.

A wrong name on a legal page is worse than none, so anything unclear gives none: a name with
a digit or other punctuation than a comma, one that does not start with a capital letter,
more than `MAX_WORDS` words, or the parenthesised shape after another law's "… của" ("Luật
sửa đổi … của Luật Đất đai (Luật số …)" numbers the amending law, not Luật Đất đai). A
registered title always wins over a written name (site/corpus.py).
"""

from __future__ import annotations

import re

from bantin.text.vi import nfc

__all__ = ["MAX_WORDS", "NAMED_KINDS", "written_name"]

NAMED_KINDS = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
MAX_WORDS = 16
_LOOK_BACK = 200  # characters before the number: a long name and its "năm 2014 (Luật số "

# What joins the name to its number, at the very end of the text before it: "năm 2014 (Luật
# số ", " số ", " (số: ", "(". Both shapes need "số" or an opening parenthesis.
_TAIL = re.compile(
    r"[ \u00a0]+(?:năm[ \u00a0]+[0-9]{4}[ \u00a0]*)?"
    r"(?:(?P<paren>\()[ \u00a0]*(?:(?:Bộ[ \u00a0]+luật|Luật|Pháp[ \u00a0]+lệnh)[ \u00a0]+)?(?:số[ \u00a0]*:?[ \u00a0]*)?"
    r"|số[ \u00a0]*:?[ \u00a0]*)\Z"
)
_KEYWORD = re.compile(r"(?<!\w)(?:Bộ[ \u00a0]+luật|Luật|Pháp[ \u00a0]+lệnh)(?!\w)")
# After the keyword: words of letters, single spaces, a comma only before a space ("Phòng,
# chống"). Linear: each character is read once.
_WORDS = re.compile(r"(?:[^\W\d_]+)(?:,?[ \u00a0][^\W\d_]+)*")


def written_name(text: str, start: int) -> str:
    """The name written right before the number at `text[start:]`, or "" when unclear.

    `text` is NFC (every file is, once read); the name is returned with single spaces.
    """
    before = text[max(0, start - _LOOK_BACK):start]
    tail = _TAIL.search(before)
    if tail is None:
        return ""
    head = before[:tail.start()]
    earlier = keyword = None
    for found in _KEYWORD.finditer(head):
        earlier, keyword = keyword, found
    if keyword is None:
        return ""
    words = head[keyword.end():]
    if not words.startswith((" ", "\u00a0")) or not _WORDS.fullmatch(words[1:]) or not words[1].isupper():
        return ""
    if tail.group("paren") and earlier is not None and _amends(head[earlier.end():keyword.start()]):
        return ""
    name = " ".join(nfc(head[keyword.start():]).split())
    return name if len(name.split(" ")) <= MAX_WORDS else ""


def _amends(between: str) -> bool:
    """True for "Luật sửa đổi, bổ sung một số điều |của| Luật Đất đai (Luật số …)": the number
    in parentheses is the first law's, so the name nearest to it is not the number's."""
    return between.rstrip().endswith("của") and not re.search(r"[.;!?\n]", between)
