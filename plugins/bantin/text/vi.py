"""Vietnamese text rules (DESIGN §5): normalisation, folding, slugs, dates, UTF-16 (legacy
encodings: `legacy`).

Everything that compares, indexes or addresses Vietnamese text goes through here, so
search, slugs and tag merging agree on what "the same word" means.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from slugify import slugify as _slugify

from bantin.text.names import WINDOWS_RESERVED

VIETNAM = timezone(timedelta(hours=7))  # dates without an offset are Vietnam time (DESIGN §3)

# Combining tone marks in NFD. Vowel-quality marks (circumflex, breve, horn) are not tones.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OPEN_GLIDE = re.compile(r"([^aeiouy]*)(o[ae]|uy)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# A syllable of consonants and one final 'y' (lý, kỳ, mỹ, sỹ, quý, ty): written with 'i' as
# often (lí, kì, mĩ, sĩ, quí, ti); 'uy', 'ay', 'yê' and a lone 'ý' are other vowels.
_CONSONANTS_Y = re.compile(r"(?:qu|[bcdđghklmnprstvx]{1,3})y")
_Y_LAST = frozenset("yýỳỷỹỵ")

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def nfc(text: str) -> str:
    """Compose text so that a letter typed on any keyboard compares equal to itself."""
    return unicodedata.normalize("NFC", text)


def _fold_table() -> dict[int, str | None]:
    """Every precomposed Latin letter → its base letters; combining marks → nothing.

    Built once from Unicode's own decompositions, so `fold` is one `str.translate` (a
    build folds millions of syllables) and gives the same result for NFC and NFD input.
    """
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D", ord("\u00f0"): "d", ord("\u00d0"): "D"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch))
        if base and base != chr(code):
            table[code] = base
    for code in range(0x300, 0x370):
        table[code] = None
    return table


_FOLD = _fold_table()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower-case, tone-less, đ-less form: 'Đất đai' -> 'dat dai'.

    `đ` has no decomposition, so it is mapped explicitly; dropping every combining mark
    also makes old and new tone placement ('hoà' / 'hòa') meet. The table does all of
    Vietnamese; text it leaves decomposable (other scripts) takes the general path.
    """
    quick = text.lower().translate(_FOLD)  # lower first: lowering may itself add marks ('İ')
    if quick.isascii() or (unicodedata.is_normalized("NFD", quick)
                           and not any(unicodedata.combining(ch) for ch in _NON_ASCII.findall(quick))):
        return quick
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", quick) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# The Vietnamese alphabet inside the Latin one: ă, â after a, đ after d, ê after e, ô, ơ after o,
# ư after u (f, j, w, z in their Latin places); the five tones order words alike otherwise, as
# dictionaries do: none, huyền, hỏi, ngã, sắc, nặng.
_LETTERS = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple:
    """A key that orders Vietnamese words as a reader looks them up: «dịch vụ» before «đất đai»,
    «an» before «ăn» before «bà» (slugify's ASCII put «đất» among the d's, a reader's trial of
    the keyword list, session 51), then by tones, then as written. Digits and other characters
    come before the letters, by code point."""
    letters, tones = [], []
    # Eth typed for Đ (`NÐ-CP`, as `fold` and slugify read it) sorts as đ, not before every letter
    for char in unicodedata.normalize("NFD", text.lower().replace("\u00f0", "đ")):
        if char in _TONE_ORDER:
            if tones:
                tones[-1] = _TONE_ORDER[char]
            continue
        if unicodedata.combining(char) and letters:  # a vowel's hat, breve or horn: another letter
            base = letters[-1][1]
            composed = unicodedata.normalize("NFC", base + char)
            if composed in _LETTERS:
                letters[-1] = (1, composed, _LETTERS[composed])
            continue
        rank = _LETTERS.get(char)
        letters.append((1, char, rank) if rank is not None else (0, char, ord(char)))
        tones.append(0)
    return tuple((kind, rank) for kind, _, rank in letters), tuple(tones), text


def _retone_syllable(syllable: str) -> str:
    """Put the tone of an open 'oa', 'oe', 'uy' syllable on its first vowel: 'hoà' -> 'hòa'."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) != 1:
        return syllable
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    match = _OPEN_GLIDE.fullmatch(base)
    if not match or match.group(1).lower().endswith("q"):
        return syllable  # 'quý': 'qu' is the onset, the tone sits on 'y'
    split = len(match.group(1)) + 1
    return nfc(base[:split] + tones[0] + base[split:])


def normalize_tones(text: str) -> str:
    """NFC text with one tone placement for 'oa/oe/uy', so 'thuỷ' and 'thủy' are one word."""
    return _WORD.sub(lambda m: _retone_syllable(m.group(0)), nfc(text))


def i_for_y(syllable: str) -> str:
    """A lower-case syllable with its final 'y' after consonants written 'i', tone kept:
    'lý' -> 'lí', 'kỳ' -> 'kì', 'quy' -> 'qui'. Both spellings are in use (the 1984 rules
    write 'i', most people and many laws 'y'), so «đăng kí» and «đăng ký», «li hôn» and
    «ly hôn» must meet in search, as old and new tone placement do. 'thủy', 'hay', 'yêu'
    and a lone 'ý' keep their 'y'."""
    if not syllable or syllable[-1] not in _Y_LAST:
        return syllable
    decomposed = unicodedata.normalize("NFD", syllable)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    if not _CONSONANTS_Y.fullmatch(base):
        return syllable
    return nfc(decomposed.replace("y", "i"))


def syllables(text: str) -> list[str]:
    """Lower-cased syllables of NFC text, tone placement normalised, punctuation dropped."""
    return _WORD.findall(normalize_tones(text).lower())


SLUG_MAX = 200  # bytes of one path segment: 255 at most, less room for '.html' and suffixes


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """ASCII lower-case slug: 'Hòa giải cơ sở' -> 'hoa-giai-co-so' (DESIGN §4).

    Cached: tags, categories and document numbers repeat across thousands of files.
    A slug is a file name of the site, also on the USB copy: at most SLUG_MAX characters
    (cut at a word) and never a name Windows reserves (`con` → `con-1`, DESIGN §7).
    """
    return full_slug(text, SLUG_MAX)


def full_slug(text: str, limit: int = 0) -> str:
    """`slugify` without its length cap (limit 0): to tell whether a written slug is one."""
    slug = _slugify(fold(text), lowercase=True, max_length=limit, word_boundary=bool(limit))
    return slug + "-1" if slug in WINDOWS_RESERVED else slug


def format_date(value: date | datetime) -> str:
    """Date as Vietnamese readers expect it: 'Thứ Năm, 21/11/2024'."""
    return f"{WEEKDAYS[value.weekday()]}, {value.day:02d}/{value.month:02d}/{value.year}"


def format_decimal(value: float, digits: int = 1) -> str:
    """A number as Vietnamese writes it, with a decimal comma: '4,5'."""
    return f"{value:.{digits}f}".replace(".", ",")


def format_integer(value: int) -> str:
    """A count as Vietnamese writes it, thousands apart with dots: '2.000.000'."""
    return f"{value:,}".replace(",", ".")


def format_short_date(value: date | datetime) -> str:
    """'21/11/2024', for listings where the weekday is noise."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# --- Encodings -----------------------------------------------------------------------

def is_utf16(data: bytes) -> bool:
    """True when bytes are UTF-16 text, with or without a byte-order mark.

    Old Notepad's "Unicode" saves UTF-16; without the mark the NUL bytes made such a file
    "binary (a picture, Word, PDF?)", which sent the editor looking for the wrong mistake.
    Text has NULs at every other byte (the high byte of Latin letters, digits, spaces and most
    accented Vietnamese vowels) and few at the others (U+0300, the grave accent of NFD text);
    a picture or a PDF has them at both, and decodes to unprintable characters.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:8192]
    head = head[:len(head) & ~1]
    pairs = len(head) // 2
    if pairs < 2:
        return False
    low, high = head[0::2].count(0), head[1::2].count(0)
    for zeros, others, codec in ((high, low, "utf-16-le"), (low, high, "utf-16-be")):
        if zeros >= pairs * 0.3 and others <= pairs * 0.1:  # NFD text: U+0300 has a zero byte too
            text = head.decode(codec, "replace")
            shown = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
            if "\ufffd" not in text[:-1] and shown >= len(text) * 0.95:
                return True
    return False


# --- Invisible characters ----------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates (only YAML escapes can
# make them) and the non-characters U+FFFE/U+FFFF: none is visible, and each makes every
# feed and sitemap invalid XML (issue 12). Also the bidirectional controls (U+202A–U+202E,
# U+2066–U+2069: `y\u202Efdp.zip` shows as `ypdf.zip`, a title can read backwards) and the
# zero-width spaces U+200B, U+2060, U+FEFF (split words so search and tags miss them). The
# joiners U+200C/U+200D stay: emoji sequences and other scripts need them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060\u2066-\u2069"
                     "\ud800-\udfff\ufeff\ufffe\uffff]")
CONTROL_FIX = ("ký tự này thường lọt vào khi dán từ Word, PDF hoặc trang web; gõ lại đoạn đó, "
               "hoặc dán qua Notepad trước khi dán vào tệp")


def control_chars(text: str) -> str:
    """'U+0008, U+001F' naming the invisible characters in text (at most three), or ''."""
    if CONTROL.search(text) is None:
        return ""
    found = sorted({ord(ch) for ch in CONTROL.findall(text)})
    names = ", ".join(f"U+{code:04X}" for code in found[:3])
    return names + (", …" if len(found) > 3 else "")


def strip_control(text: str) -> str:
    """Text without the characters `control_chars` names."""
    return CONTROL.sub("", text)


def cap_slug(slug: str, limit: int = 80) -> str:
    """A slug at most `limit` characters, cut at a hyphen when there is one in the second half.

    Titles of 300 characters exist; their slugs become folder names, which file systems cap
    at 255 bytes.
    """
    if len(slug) <= limit:
        return slug
    cut = slug.rfind("-", limit // 2, limit + 1)
    return slug[: cut if cut > 0 else limit].strip("-")
