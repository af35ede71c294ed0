"""A title or a question written all in capitals: a warning, with the line in sentence case.

Provincial portals print their titles in capitals («HỘI NGHỊ TRIỂN KHAI CÔNG TÁC PHỔ BIẾN PHÁP
LUẬT NĂM 2027»), and Word handbooks their questions; editors copy them as they are (editor's
trial F5, session 43). On a phone a title of capitals reads as one block in every list, in the
search results and on a shared link's card, and a screen reader may spell a word of capitals
letter by letter. A warning, not an error: the page is right, only harder to read, and an
imported portal may hold hundreds of such titles. The fix offers the line rewritten as a
sentence: first letter capital, the rest small, except what cannot be a Vietnamese word (a
word that is no Vietnamese syllable is an abbreviation: UBND, HĐND, TP; a word with a digit is a
number: 45/2019/QH14; Roman numerals: II, XIII, and VI after «Phần»; in a text written with its
marks, a word ending in c, ch, p or t without a sắc or nặng mark, which no Vietnamese syllable is:
VAT); names (Sông Lam, Đất đai) and abbreviations spelt like a word (AI, EU) are the editor's to
restore, which the fix says. The web editor's title field has the twin
(bantin-capitals.js).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

import yaml

# At least LETTERS letters that have a case, none of them small, in at least WORDS Vietnamese
# words (abbreviations and numbers aside): «UBND XÃ AN BÌNH», «LUẬT ĐẤT ĐAI» are names, not titles
# in capitals.
LETTERS = 10
WORDS = 4
# A Vietnamese syllable without its marks: initial consonants, one to three vowels, a final.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_ROMAN = re.compile(r"[IVXLC]+")
# The Roman numerals that are also Vietnamese syllables (vi phạm, xi măng, li): small unless a
# word that counts comes before. Any other (I, II, III, XIII: «[aeiouy]{1,3}» matched «iii») is a
# numeral wherever it stands: «Đại hội XIII», «Tập III».
_ROMAN_WORDS = frozenset({"vi", "xi", "li"})
# Compared bare and with đ as d («đoạn», «đợt»: _bare keeps đ).
_COUNTING = frozenset({"phan", "chuong", "muc", "tiet", "quy", "khoa", "ky", "dot", "lan", "thu", "cap", "vung",
                       "khu", "nhom", "loai", "hang", "doan", "bang", "phu", "luc", "tap"})
# Words and what parts them: spaces, and a hyphen or en dash inside a word («KINH TẾ-XÃ HỘI»:
# «tế», «xã» are syllables apart, «TẾXÃ» none), so «QĐ-UBND» is two abbreviations.
_WORD = re.compile(r"[^\s\-\u2013]+")
_TOKEN = re.compile(r"[^\s\-\u2013]+|[\s\-\u2013]+")
# A syllable that ends in p, t, c or ch carries a sắc or nặng mark (tập, đất, các, việc): «VAT»
# without one is an abbreviation, in a text that has marks (in one typed without them, «CONG TAC»
# is Vietnamese).
_CHECKED = ("c", "ch", "p", "t")
_CHECKED_TONES = frozenset("\u0301\u0323")
# The marks Vietnamese is written with, once decomposed: five tones, circumflex, breve, horn (not
# any mark: an emoji's U+FE0F is a mark to the web editor's \p{Mn}, and no Vietnamese).
_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
# A sentence's first letter: at the start, or after «: » «. » «? » «! », a quote or bracket or two
# between (bounded: a hostile run of «: : : …» is read once, not once from each colon).
_STARTS = re.compile(r"(^\W{0,3}|[:.?!]\s{1,3}\W{0,3})([^\W\d_])")


def _cased(text: str) -> list[str]:
    return [c for c in text if c.lower() != c.upper()]


def in_capitals(text: str) -> bool:
    """Whether `text` is written all in capitals, as a title or question is."""
    letters = _cased(text)
    if len(letters) < LETTERS or any(c != c.upper() for c in letters):
        return False
    before, words, marked = "", 0, _marked(text)
    for word in _WORD.findall(text):
        words += not _kept(word, before, marked)
        before = word
    return words >= WORDS


def _bare(word: str) -> str:
    """`word` small, its tone and vowel marks dropped (đ kept): «Luật» → «luat»."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _marked(text: str) -> bool:
    """Whether `text` is written with Vietnamese marks (one is enough: «Đ», «Ô», «À»)."""
    return "đ" in text.lower() or not _MARKS.isdisjoint(unicodedata.normalize("NFD", text))


def _kept(word: str, before: str, marked: bool) -> bool:
    """A word that keeps its capitals in a sentence: one with a digit (45/2019/QH14), one that
    is no Vietnamese syllable (an abbreviation: UBND, HĐND, TP; VAT in a text with marks), a
    Roman numeral (but «VI», «XI», «LI», syllables too, only after a word that counts: Phần VI,
    but vi phạm, xi măng)."""
    letters = "".join(c for c in word if c.isalpha())
    if any(c.isdigit() for c in word) or not letters:
        return True
    if _ROMAN.fullmatch(letters):
        counted = _bare(before).replace("đ", "d").strip(".,:;()«»\"'") in _COUNTING
        return counted or _bare(letters) not in _ROMAN_WORDS
    bare = _bare(letters)
    if not _SYLLABLE.fullmatch(bare):
        return True
    # the word's tones, not its letters': a tone typed apart (NFD, «Unicode tổ hợp») is no letter
    return marked and bare.endswith(_CHECKED) and _CHECKED_TONES.isdisjoint(unicodedata.normalize("NFD", word))


def as_sentence(text: str) -> str:
    """`text` in sentence case: each word small but those `_kept`, and capital the first letter
    of the text and of what follows «: », «. », «? », «! » («Câu hỏi 15: Ai được…»)."""
    words, before, marked = [], "", _marked(text)
    for token in _TOKEN.findall(text):
        if not _WORD.fullmatch(token):
            words.append(token)
            continue
        words.append(token if _kept(token, before, marked) else token.lower())
        before = token
    return _STARTS.sub(lambda m: m.group(1) + m.group(2).upper(), "".join(words))


def problem(what: str, text: str, line: Callable[[], str]) -> tuple[str, str] | None:
    """(message, fix) when `text` is in capitals; `what` names it («tiêu đề», «câu hỏi») and
    `line()` is the line to type (made only then: a question's keeps its «Câu hỏi 3:», which
    `text`, the shown question, has not)."""
    if not in_capitals(text):
        return None
    return (f"{what} viết toàn chữ in hoa: trên điện thoại, trong danh sách bài, kết quả tìm kiếm và khi "
            "chia sẻ, chữ in hoa đọc thành một khối khó đọc, và trình đọc màn hình có thể đánh vần từng chữ",
            f"viết như một câu, chỉ viết hoa chữ đầu và tên riêng, ví dụ `{line()}` "
            "(viết hoa lại tên người, tên địa phương, tên văn bản và chữ viết tắt như AI, EU nếu có)")


def title_line(sentence: str) -> str:
    """`title: …` as YAML reads back `sentence`: plain, or in quotes when it needs them («: »,
    « #», a leading `[`…)."""
    try:
        if yaml.safe_load(f"title: {sentence}") == {"title": sentence}:
            return f"title: {sentence}"
    except yaml.YAMLError:
        pass
    if '"' in sentence or "\\" in sentence:
        return "title: '" + sentence.replace("'", "''") + "'"
    return f'title: "{sentence}"'
