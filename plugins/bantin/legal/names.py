"""The name of a law as the author wrote it right before its number.

Readers do not know laws by number: the page of cited documents listed "Luật số 64/2025/QH15"
with no name unless the province had registered it (`documents:` in mkdocs.yml). Authors
nearly always write the name once: "Luật Hộ tịch năm 2014 (Luật số 60/2014/QH13)", "Bộ luật
Lao động số 45/2019/QH14". This module reads that name, and only in those two shapes, for
laws, codes and ordinances (Luật, Bộ luật, Pháp lệnh), whose names come before the number;
a decree's subject comes after its number and has no clear end, so decrees get no name here.

A wrong name on a legal page is worse than none, so anything unclear gives none (a hostile
review found each of these): a name with a digit or other punctuation than a comma, one that
does not start with a capital letter, more than `MAX_WORDS` words, a word no name holds
("Luật Đất đai mới số …", "… được Quốc hội thông qua với số …"), a clause about amending or
replacing ("Luật sửa đổi … của Luật Đất đai (Luật số …)" numbers the amending law), and the
bracketed shape after two names ("Luật A và Luật B (Luật số …)"). The clause is the text
after the last sentence end or closing bracket. A registered title always wins over a
written name (site/corpus.py).
"""

from __future__ import annotations

import re

__all__ = ["MAX_WORDS", "NAMED_KINDS", "written_name"]

NAMED_KINDS = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
MAX_WORDS = 16
_LOOK_BACK = 200  # characters before the number: a long name and its "năm 2014 (Luật số "

# What joins the name to its number, at the very end of the text before it: "năm 2014 (Luật
# số ", " số ", " (số: ", "(". Both shapes need "số" or an opening parenthesis. Spaces are
# bounded, so each place the search tries costs a few steps (a page of spaces stays linear).
_SP = r"[ \u00a0]"
_TAIL = re.compile(
    rf"{_SP}{{1,3}}(?:năm{_SP}{{1,3}}[0-9]{{4}}{_SP}{{0,3}})?"
    rf"(?:(?P<paren>\(){_SP}{{0,3}}(?:(?:Bộ{_SP}{{1,3}}[Ll]uật|Luật|Pháp{_SP}{{1,3}}lệnh){_SP}{{1,3}})?(?:số{_SP}{{0,3}}:?{_SP}{{0,3}})?"
    rf"|số{_SP}{{0,3}}:?{_SP}{{0,3}})\Z"
)
_KEYWORD = re.compile(rf"(?<!\w)(?:Bộ{_SP}+[Ll]uật|Luật|Pháp{_SP}+lệnh)(?!\w)")
# After the keyword: words of letters, single spaces, a comma only before a space ("Phòng,
# chống"). Linear: each character is read once.
_WORDS = re.compile(r"(?:[^\W\d_]+)(?:,?[ \u00a0][^\W\d_]+)*")
# Words no law's name holds, that end or surround one in a sentence: "Luật Đất đai mới số …",
# "Luật Đất đai được Quốc hội thông qua với số …", "Luật Hộ tịch hiện hành" ("với" is in some:
# "Pháp lệnh Ưu đãi người có công với cách mạng").
_NOT_IN_NAMES = frozenset("được là đã đang sẽ thì mà này đó ấy mới cũ hiện nói trên".split())
# A clause about amending: the number may be the amending law's, not the nearest name's.
_AMENDING = re.compile(r"sửa(?:\s|\u00a0)+đổi|bổ(?:\s|\u00a0)+sung|thay(?:\s|\u00a0)+thế", re.IGNORECASE)


def written_name(text: str, start: int) -> str:
    """The name written right before the number at `text[start:]`, or "" when unclear.

    `text` is NFC (every file is, once read), so the name is too; it is returned with single
    spaces.
    """
    before = text[max(0, start - _LOOK_BACK):start]
    tail = _TAIL.search(before)
    if tail is None:
        return ""
    head = before[:tail.start()]
    clause = head[_clause_start(head):]  # after the last sentence end or closed bracket
    keywords = list(_KEYWORD.finditer(clause))
    if not keywords or _AMENDING.search(clause):
        return ""
    if tail.group("paren") and len(keywords) > 1:  # "Luật A và Luật B (Luật số …)": whose?
        return ""
    keyword = keywords[-1]
    words = clause[keyword.end():]
    if not words.startswith((" ", "\u00a0")) or not _WORDS.fullmatch(words[1:]) or not words[1].isupper():
        return ""
    name = " ".join(clause[keyword.start():].split())
    parts = name.split(" ")
    if len(parts) > MAX_WORDS or _NOT_IN_NAMES.intersection(p.lower().rstrip(",") for p in parts):
        return ""
    return name


def _clause_start(head: str) -> int:
    """Offset just after the last sentence end or closing bracket in `head`, else 0."""
    return max(map(head.rfind, ".;!?\n)")) + 1
