"""Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings, found paragraph by paragraph.

Text typed with a TCVN3 (.VnTime) or VNI font and read as Windows-1252 turns Vietnamese letters
into Latin-1 symbols (`phæ biÕn ph¸p luËt`, `Vieät Nam`); no Unicode normalisation repairs it,
so DESIGN §5 has it refused, naming the line. A whole-file ratio missed one pasted paragraph
in a Unicode article (an outsider's trial, F3): the genuine letters around it outnumbered it.

A word is counted as legacy only when it holds a Latin-1 character no Unicode Vietnamese word
has (`¸`, `æ`, `ä`, `ñ`, `«`…) *and* reading it back through the TCVN3 or VNI table gives a
Vietnamese syllable. French, German or Spanish words (`Müller`, `Straße`, `leçon`, `año`), `©`,
`®`, `±`, `×` and units (`µm`) almost never read back as syllables; three different legacy
words in one paragraph, and more of them than other such words, are needed. A text with legacy
words one or two a line (a title, a short list) is judged whole, when its Unicode letters do
not outnumber them. The whole-file ratio of Latin-1 symbols to Vietnamese letters it replaces
also called a short German, French or Spanish text, or a line of maths, TCVN3.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Unicode Vietnamese letters of the Latin-1 range: a word made of these and ASCII may be real.
VI_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Eth typed for Đ in real Unicode text (`30/2020/NÐ-CP`, DESIGN §5): `NÐ`, `HÐ`, `ÐT` read as
# TCVN3 are né, hé, ét; a word needs another character to be a candidate.
_AS_D = frozenset("Ðð")

# TCVN3 (ABC, TCVN 5712:1993 VN3) bytes read as Windows-1252 → the letters they stand for.
_TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"))

# VNI Windows: a base letter followed by a mark character, read as Windows-1252.
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_HATS = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}  # ô, ê, â + tone
_BREVES = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}  # ă + tone
_VNI_MARKS = {**_TONES, **{k: "\u0302" + v for k, v in _HATS.items()},
              **{k: "\u0306" + v for k, v in _BREVES.items()}}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_LETTERS.update({k.upper(): v.upper() for k, v in list(_VNI_LETTERS.items())})
_VNI_VOWELS = frozenset("aeiouyơư")

# A syllable's letters without tone: onset, then a rhyme Vietnamese spelling allows.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:o?(?:a(?:ch|nh|ng|[cimnoptuy])?|ă(?:ng|[cmnpt])|e(?:ng|[cmnopt])?)"
    r"|u?(?:â(?:ng|[cmnptuy])|ê(?:ch|nh|[mnptu])?|y(?:ê(?:ng|[cmnptu])|a|ch|nh|[npt])?|ơ[imnpt]?)"
    r"|i(?:ê(?:ng|[cmnptu])|a|ch|nh|[mnptu])?|o(?:ng|[cimnpt])?|ô(?:ng|[cimnpt])?"
    r"|u(?:ô(?:ng|[cimnt])|a|ng|[cimnpt])?|ư(?:ơ(?:ng|[cimnptu])|a|ng|[cinptu])?)")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_WORD_CHARS = "A-Za-z\u00a1-\u00ff"
# A word of at most 19 characters holding a character no Unicode Vietnamese word has. Bounded
# repeats and a look-behind that fails inside a word keep one scan linear on any line.
_STRONG = "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in VI_LATIN1 | _AS_D)
_CANDIDATE = re.compile(rf"(?<![\w\u00a1-\u00ff])[{_WORD_CHARS}]{{0,9}}[{re.escape(_STRONG)}][{_WORD_CHARS}]{{0,9}}"
                        rf"(?![\w\u00a1-\u00ff])")
_ANY_STRONG = re.compile(f"[{re.escape(_STRONG)}]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Letters that only Unicode Vietnamese has (ă, đ, ĩ, ũ, ơ, ư and the U+1EA0 block).
_VI_SPECIFIC = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
LEGACY_WORDS = 3  # different legacy words in one paragraph before it is called legacy


@dataclass(frozen=True)
class Legacy:
    """The first paragraph typed in a legacy encoding: its encoding, line and first words."""

    encoding: str  # "TCVN3 (ABC)" or "VNI"
    line: int  # 1-based line of its first legacy word
    words: str  # its first 40 characters or so from that word, as they show («phæ biÕn ph¸p…»)
    paragraphs: int  # how many paragraphs of the text are legacy
    start: int = 0  # offset of its first legacy word in the text


def _syllable(decoded: str) -> bool:
    """Whether decoded text is one Vietnamese syllable (at most one tone, any placement)."""
    parts = unicodedata.normalize("NFD", decoded.lower())
    if sum(ch in _TONE_MARKS for ch in parts) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def _tcvn3(word: str) -> str | None:
    """The word read through the TCVN3 table, or None when it holds a byte TCVN3 leaves empty."""
    out = []
    for ch in word:
        if ch.isascii():
            out.append(ch)
        elif ch in _TCVN3:
            out.append(_TCVN3[ch])
        else:
            return None
    return "".join(out)


def _vni(word: str) -> str | None:
    """The word read through VNI's letters and marks, or None when a mark follows no vowel."""
    out: list[str] = []
    for ch in word:
        if ch.isascii():
            out.append(ch)
        elif ch in _VNI_MARKS and out and out[-1].lower() in _VNI_VOWELS:
            out.append(_VNI_MARKS[ch])
        elif ch in _VNI_LETTERS:
            out.append(_VNI_LETTERS[ch])
        else:
            return None
    return unicodedata.normalize("NFC", "".join(out))


ENCODINGS = (("TCVN3 (ABC)", _tcvn3), ("VNI", _vni))


def readings(word: str) -> tuple[str, ...]:
    """The encodings ("TCVN3 (ABC)", "VNI") in which the word is a Vietnamese syllable: none
    for a word of another language, both for a few short ones (`chuû` is chủ in VNI, chuỷ in
    TCVN3), which the paragraph's other words then decide."""
    if not any(ch.isalpha() for ch in word):
        return ()  # `©`, `·`, `×` alone: a symbol, not a word
    return tuple(name for name, decode in ENCODINGS if (decoded := decode(word)) is not None and _syllable(decoded))


def legacy_encoding_hint(text: str) -> str | None:
    """The legacy encoding (TCVN3/VNI) text looks typed in, or None if it reads as Unicode."""
    found = find_legacy(text)
    return found.encoding if found else None


def find_legacy(text: str) -> Legacy | None:
    """The first paragraph of `text` typed in TCVN3 or VNI, with how many there are."""
    if _ANY_STRONG.search(text) is None:
        return None
    found: list[Legacy] = []
    paragraph, whole = _Paragraph(), _Paragraph()
    line, at = 1, 0
    for match in _candidates(text):
        start = match.start()
        if _PARAGRAPH_BREAK.search(text, at, start):
            paragraph.close(found)
            paragraph = _Paragraph()
        line += text.count("\n", at, start)
        at = start
        paragraph.add(match.group(), line, start)
        whole.add(match.group(), line, start)
    paragraph.close(found)
    if not found and len(whole.words) >= LEGACY_WORDS and whole.legacy * 2 >= len(_VI_SPECIFIC.findall(text)):
        whole.close(found)  # legacy words one or two a line, in a text with few Unicode letters
    if not found:
        return None
    first = found[0]
    end = text.find("\n", first.start, first.start + 41)
    shown = text[first.start: end] if end >= 0 else text[first.start: first.start + 41].rsplit(" ", 1)[0]
    return Legacy(first.encoding, first.line, shown, len(found), first.start)


def _candidates(text: str):
    """Candidate words, read only on the lines holding a legacy character: a whole article
    with one `«` costed ten times the scan of the lines that have one."""
    at = 0
    while (hit := _ANY_STRONG.search(text, at)) is not None:
        start = max(at, text.rfind("\n", at, hit.start()) + 1)  # `at` starts a line
        end = text.find("\n", hit.start())
        end = len(text) if end < 0 else end
        yield from _CANDIDATE.finditer(text, start, end)
        at = end + 1


class _Paragraph:
    """Legacy and other candidate words of one paragraph, as they are met."""

    def __init__(self) -> None:
        self.words: dict[str, tuple[str, ...]] = {}  # legacy word → the encodings it reads in, in order met
        self.legacy = self.other = 0
        self.line = self.start = 0

    def add(self, word: str, line: int, start: int) -> None:
        name = _readings(word)
        if not name:
            self.other += 1
            return
        self.legacy += 1
        if not self.words:
            self.line, self.start = line, start
        self.words.setdefault(word, name)

    def close(self, found: list[Legacy]) -> None:
        if len(self.words) >= LEGACY_WORDS and self.legacy > self.other:
            names = [name for names in self.words.values() for name in names]
            encoding = max(("TCVN3 (ABC)", "VNI"), key=names.count)  # a tie: TCVN3, the commoner
            found.append(Legacy(encoding, self.line, "", 1, self.start))


_CACHE: dict[str, tuple[str, ...]] = {}


def _readings(word: str) -> tuple[str, ...]:
    """`readings`, remembered: a long text repeats its words (bounded, so hostile text cannot grow it)."""
    if word in _CACHE:
        return _CACHE[word]
    name = readings(word)
    if len(_CACHE) < 65536:
        _CACHE[word] = name
    return name
