"""Vietnamese legal document numbers (DESIGN §5): find, normalise, identify.

Numbers come in three shapes (Nghị định 30/2020/NĐ-CP on công tác văn thư):

- with a year: ``31/2024/QH15``, ``42/2022/NĐ-CP``, ``01/2020/TTLT-BTP-BCA``;
- without a year: ``432/QĐ-UBND``, ``60/KH-UBND``, ``512/UBND-NC`` (công văn: no type code);
- Party documents: ``09-NQ/TU``, ``35-KL/TW``.

Canonical form: the number part has at least two digits, as the decree prescribes
("số nhỏ hơn 10 phải ghi thêm số 0 phía trước"): ``9/2019/nd-cp`` -> ``09/2019/NĐ-CP``,
``009/QĐ-UBND`` -> ``09/QĐ-UBND``. Symbols are upper case with ``Đ`` restored where the
ASCII spelling is unambiguous (``QD`` -> ``QĐ``, ``HDND`` -> ``HĐND``, ``TTG`` -> ``TTg``);
``Ð`` (U+00D0), stray spaces, en dashes and NFD input are absorbed.

Identity is the number *and* the year (every committee issues a ``432/QĐ-UBND``). Two
spellings are the same document when their canonical numbers fold to the same ASCII text
(``vi.fold``) and their years agree; so ``HD`` typed for ``HĐ`` still meets its document.

This module holds the vocabulary, the pattern, the value types (``DocRef``, ``Document``)
and the parsers. A registry (``bantin.legal.registry``) is built on them, so the parsers
only ask it through ``Lookup`` and never import it; the Markdown extension that links
numbers in pages is ``bantin.legal.markdown``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from bantin.text.vi import fold, nfc, slugify

__all__ = [
    "GROUPS",
    "DocRef",
    "Document",
    "Lookup",
    "canonical_number",
    "find_references",
    "group_label",
    "group_order",
    "parse_reference",
]


# --- Vocabulary -------------------------------------------------------------------------

#: Index-page groups in display order (DESIGN §5); everything unlisted goes to "Khác".
GROUPS = (
    "Luật",
    "Nghị định",
    "Thông tư",
    "Quyết định",
    "Kế hoạch",
    "Công văn",
    "Nghị quyết",
    "Chỉ thị",
    "Văn bản của Đảng",
    "Khác",
)
PARTY_GROUP = "Văn bản của Đảng"
_GROUP_OF_KIND = {
    "Luật": "Luật",
    "Bộ luật": "Luật",
    "Nghị định": "Nghị định",
    "Thông tư": "Thông tư",
    "Thông tư liên tịch": "Thông tư",
    "Quyết định": "Quyết định",
    "Kế hoạch": "Kế hoạch",
    "Công văn": "Công văn",
    "Nghị quyết": "Nghị quyết",
    "Nghị quyết liên tịch": "Nghị quyết",
    "Chỉ thị": "Chỉ thị",
}

# ASCII (folded, upper-case) spelling -> canonical symbol. Only spellings that cannot mean
# anything else: HD stays HD (Hướng dẫn; HĐ is Hợp đồng), DA stays DA (Dự án; ĐA is Đề án).
_CANON_SEGMENT = {
    "QD": "QĐ",
    "ND": "NĐ",
    "QDI": "QĐi",
    "QYD": "QyĐ",
    "TTG": "TTg",
    "TTR": "TTr",
    "CTR": "CTr",
    "CD": "CĐ",
    "HDND": "HĐND",
    "HDTP": "HĐTP",
    "HDBC": "HĐBC",
    "HDPH": "HĐPH",
    "BCD": "BCĐ",
    "BCSD": "BCSĐ",
    "DU": "ĐU",
    "DUK": "ĐUK",
    "BGDDT": "BGDĐT",
    "SGDDT": "SGDĐT",
    "BKHDT": "BKHĐT",
    "SKHDT": "SKHĐT",
    "BLDTBXH": "BLĐTBXH",
    "SLDTBXH": "SLĐTBXH",
    "DHQG": "ĐHQG",
    "TLD": "TLĐ",
}

# Type codes of state documents (Nghị định 30/2020/NĐ-CP, Phụ lục III), canonical -> kind.
_STATE_TYPES = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "L": "Lệnh",
    "CĐ": "Công điện",
    "BC": "Báo cáo",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "PA": "Phương án",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "TC": "Thông cáo",
    "TTr": "Tờ trình",
    "KL": "Kết luận",
    "CV": "Công văn",
    "HĐ": "Hợp đồng",
    "BB": "Biên bản",
}
# Type codes of Party documents (Hướng dẫn 36-HD/VPTW): "TT" is Thông tri there.
_PARTY_TYPES = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "TT": "Thông tri",
}
_STATE_TYPES_FOLDED = {fold(k).upper() for k in _STATE_TYPES}

# Words that name a kind when written right before a number ("Thông báo số 12/UBND-VP"),
# matched on folded text so "Thong bao so" counts too. Longest alternatives first.
_KIND_WORDS = {
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
    "nghi dinh": "Nghị định",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "quyet dinh": "Quyết định",
    "ke hoach": "Kế hoạch",
    "cong van": "Công văn",
    "nghi quyet lien tich": "Nghị quyết liên tịch",
    "nghi quyet": "Nghị quyết",
    "chi thi": "Chỉ thị",
    "thong bao": "Thông báo",
    "huong dan": "Hướng dẫn",
    "ket luan": "Kết luận",
    "quy dinh": "Quy định",
    "chuong trinh": "Chương trình",
    "cong dien": "Công điện",
    "to trinh": "Tờ trình",
    "thong tri": "Thông tri",
    "quy che": "Quy chế",
    "lenh": "Lệnh",
}
_WORDS_ALT = "|".join(sorted(_KIND_WORDS, key=len, reverse=True))
_WORD_BEFORE = re.compile(rf"(?<![a-z0-9])({_WORDS_ALT})(?:[\s\u2060]+so)?[\s\u2060:.]*$")
_WORD_START = re.compile(rf"({_WORDS_ALT})(?![a-z0-9])")
# Forms and annexes share the shape of numbers ("Mẫu số 01/ĐK-TCT"): not documents.
_NOT_A_DOCUMENT = re.compile(r"(?<![a-z0-9])(?:mau|phu luc|bieu)(?:[\s\u2060]+so)?[\s\u2060:.]*$")
# For QH numbers without a word right before: the last of these in the sentence decides
# ("Nghị quyết của Quốc hội về ... số 01/2021/QH15"). "Luật" only capitalised, so that
# "pháp luật", "kỷ luật" do not count.
_QH_HINT = re.compile(
    r"(?<!\w)(?:(?i:ngh[iị]\s+quy[eế]t)|(?i:ph[aá]p\s+l[eệ]nh)|Bộ\s+luật|BỘ\s+LUẬT|Luật|LUẬT)(?!\w)"
)
_SENTENCE_END = r"[.;!?](?=\s)|\n"
# Through the last sentence end: one match from the right instead of a loop over them all.
_LAST_SENTENCE_END = re.compile(rf"(?s:.*)(?:{_SENTENCE_END})")

# --- The pattern -----------------------------------------------------------------------

_LET = "A-Za-zĐđ"
_HY = "\\-\u2010\u2011\u2012\u2013"  # hyphen, non-breaking hyphen, figure dash, en dash
_SEG = rf"[{_LET}][{_LET}0-9]{{0,11}}"
_USEG = r"[A-ZĐ][A-ZĐ0-9]{1,11}[a-z]?"  # after a spaced hyphen: "TT- BGTVT"
_JOIN = rf"(?:[{_HY}]{_SEG}|[{_HY}][ \u00a0]{_USEG}|[ \u00a0][{_HY}]{_USEG})"
_CODE2 = rf"{_SEG}{_JOIN}+"
_QH = r"(?:[Uu][Bb][Tt][Vv])?[Qq][Hh][0-9]{1,2}"
_SP = r"[ \u00a0]?"
_YEAR = r"19[4-9][0-9]|20[0-9]{2}"
# Not after a digit, letter, '/', '.', '-' or URL punctuation: keeps dates, URLs, decimals
# and "QCVN 01:2009/BYT" out.
_BEFORE = rf"(?<![\w/.{_HY}#@=&?%+~])(?<![0-9]:)"
_AFTER = rf"(?![\w/]|[{_HY}][{_LET}0-9])"
_PARTY_TYPE = r"(?i:NQLT|NQ|CTr|CT|KL|QĐi|QDi|QĐ|QD|QC|HD|KH|TB|CV|BC|TTr|TT|ĐA)"

_REF_RE = re.compile(
    rf"""{_BEFORE}(?:
      (?P<n1>[0-9]{{1,5}}){_SP}/{_SP}(?P<y>{_YEAR}){_SP}/{_SP}(?P<ca>{_QH}|{_CODE2}){_AFTER}
    | (?P<n2>[0-9]{{1,5}}){_SP}/{_SP}(?P<cb>{_CODE2}){_AFTER}
    | (?P<n3>[0-9]{{1,5}}){_SP}[{_HY}]{_SP}(?P<pt>{_PARTY_TYPE}){_SP}/{_SP}(?P<pi>{_SEG}(?:[{_HY}]{_SEG})*){_AFTER}
    )""",
    re.VERBOSE,
)
_SPLIT_CODE = re.compile(rf"(?<![ \u00a0])[ \u00a0]*[{_HY}][ \u00a0]*")  # a run of spaces tried once
_UPPER_SEG = re.compile(r"[A-ZĐ][A-ZĐ0-9]+[a-z]?")

# A date written right after a number without a year: "ngày 12/4/2024", "ngày 12-4-2024",
# "ngày 12 tháng 4 năm 2024", optionally after a comma.
_SPACE = "[ \t\u00a0\u2060]"
_GAP = rf"{_SPACE}*(?:\n{_SPACE}*)?"  # a soft line break at most
_DATE_AFTER = re.compile(
    rf"""{_SPACE}*,?{_GAP}ng[aà]y{_SPACE}+(?:
        (?P<d>[0-9]{{1,2}})(?P<sep>[/.\-])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}})
      | (?P<d2>[0-9]{{1,2}}){_SPACE}+th[aá]ng{_SPACE}+(?P<m2>[0-9]{{1,2}}){_SPACE}+n[aă]m{_SPACE}+(?P<y2>[0-9]{{4}})
    )(?![0-9])""",
    re.VERBOSE | re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r"[\s,]*(?:nam\s+([0-9]{4})|\(\s*([0-9]{4})\s*\))")  # folded text
# What may precede a whole-value reference: "số", or a kind word and a name
# ("Luật Đất đai số …").
_PREFIX = re.compile(rf"so\s*:?|(?:{_WORDS_ALT})(?![a-z0-9]).*")

# Letters that look like Đ: Ð (U+00D0, Icelandic eth) and Ɖ (U+0189); one-to-one, so
# offsets are preserved.
_D_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u0256": "\u0111"})
# Where a number can start: digits before '/' or a hyphen.
_CANDIDATE = re.compile(rf"[0-9]+[ \u00a0]?[/{_HY}]")

_MIN_YEAR, _MAX_YEAR = 1945, 2099


# --- Public value types ------------------------------------------------------------------


class _Numbered:
    """What a cited reference and a registered document share: identity, group, label."""

    number: str
    year: int | None
    kind: str

    @property
    def key(self) -> tuple[str, int | None]:
        """Identity (number + year): equal keys mean the same document, however spelt."""
        return _key(self.number, self.year)

    @property
    def party(self) -> bool:
        """Party documents ("09-NQ/TU") are grouped apart from state documents."""
        return _is_party(self.number)

    @property
    def group(self) -> str:
        """Index-page group, one of :data:`GROUPS`."""
        return group_label(self.kind, party=self.party)

    @property
    def label(self) -> str:
        """Plain label for tooltips and lists: 'Quyết định số 432/QĐ-UBND năm 2024'."""
        return _label(self.kind, self.number, self.year)


@dataclass(frozen=True)
class DocRef(_Numbered):
    """One identified document reference in a text.

    ``number``/``year`` say which document it is; ``raw``/``start``/``end`` say where and how
    it was written, so a caller can wrap exactly the author's text in a link.
    """

    number: str  #: canonical number, e.g. "42/2022/NĐ-CP", "432/QĐ-UBND", "09-NQ/TU"
    year: int | None  #: from the number, else from "ngày …" after it, else from the registry
    kind: str  #: "Luật", "Nghị định", "Công văn", "Thông tri", …
    slug: str  #: ASCII URL slug, e.g. "31-2024-qh15", "432-qd-ubnd-2024"
    raw: str  #: the text as written, e.g. "30/2020/NÐ-CP" with U+00D0
    start: int  #: offset of ``raw`` in the searched text
    end: int
    name: str = ""  #: a law's name written right before it ("Luật Hộ tịch"), from legal/names.py



_STATUS_LABELS = {
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc-mot-phan": "Hết hiệu lực một phần",
    "het-hieu-luc": "Hết hiệu lực",
    "chua-co-hieu-luc": "Chưa có hiệu lực",
}


@dataclass(frozen=True)
class Document(_Numbered):
    """A document registered in configuration: what pages link to and list."""

    number: str  #: canonical number
    year: int | None  #: None only for a number without year registered without ``year``
    kind: str
    slug: str
    title: str = ""
    issuer: str = ""
    url: str = ""  #: official link (vbpl.vn, congbao…), may be empty
    status: str = ""  #: "" (unknown) or a key of the status labels: "het-hieu-luc", …
    replaced_by: str = ""  #: canonical number of the replacing document, may be empty
    replaced_by_year: int | None = field(default=None, repr=False)

    @property
    def in_force(self) -> bool:
        """False when known to be out of force (or not yet in force); unknown counts as in force,
        so a page never claims "hết hiệu lực" without configuration saying so."""
        return self.status not in ("het-hieu-luc", "chua-co-hieu-luc")

    @property
    def status_label(self) -> str:
        """'Hết hiệu lực', 'Còn hiệu lực', … or '' when the status is not configured."""
        return _STATUS_LABELS.get(self.status, "")



def group_label(kind: str, party: bool = False) -> str:
    """Group of a kind for the document index: Party documents together, rare kinds in 'Khác'."""
    if party:
        return PARTY_GROUP
    return _GROUP_OF_KIND.get(kind, "Khác")


def index_order(number: str, year: int | None) -> tuple:
    """Sort key of the document index within a group: newest year first, then the number as
    an integer (11/2017 before 104/2016, 9/2024 before 10/2024), undated documents last.
    Text order put '104/2016' before '11/2017' (issue 15)."""
    digits = re.match(r"\d+", number)
    return (year is None, -(year or 0), int(digits.group()) if digits else 0, fold(number))


def group_order(label: str) -> int:
    """Sort key putting groups in the fixed display order of :data:`GROUPS`."""
    try:
        return GROUPS.index(label)
    except ValueError:
        return len(GROUPS)


# --- Parsing -----------------------------------------------------------------------------


class Lookup(Protocol):
    """What parsing asks of a registry: the registered document a number and year name.

    ``bantin.legal.registry.Registry`` is one; it parses with this module, so this module
    names the one method it needs instead of importing the registry back.
    """

    def match(self, number: str, year: int | None) -> Document | None: ...


@dataclass(frozen=True)
class _Parsed:
    number: str
    year: int | None  # year written in the number
    type_code: str | None  # canonical type code ("NĐ", "QĐ", …) or None (công văn, QH)
    qh: str | None  # "QH" / "UBTVQH" for numbers of the National Assembly
    party: bool


def _key(number: str, year: int | None) -> tuple[str, int | None]:
    return fold(number), year


def _is_party(number: str) -> bool:
    head = number.split("/", 1)[0]
    return "-" in head


def _label(kind: str, number: str, year: int | None) -> str:
    text = f"{kind} số {number}"
    if year is not None and str(year) not in number:
        text += f" năm {year}"
    return text


@functools.lru_cache(maxsize=4096)
def _canon_segment(segment: str) -> str:
    upper = segment.upper()
    return _CANON_SEGMENT.get(fold(upper).upper(), upper)


_GROUPS = ("n1", "y", "ca", "n2", "cb", "n3", "pt", "pi")


def _parse(match: re.Match[str], strict: bool) -> _Parsed | None:
    """Canonical number from a pattern match; None when the match is not a document number.

    ``strict`` (free text) also rejects a year-less number whose symbol neither starts with a
    type code nor is written in capitals: "1/ha-ha" is not a công văn.
    """
    return _parse_groups(match.group(*_GROUPS), strict)


@functools.lru_cache(maxsize=16384)
def _parse_groups(groups: tuple[str | None, ...], strict: bool) -> _Parsed | None:
    """`_parse` on the groups it reads: a pure function of them, so a number cited on many
    pages (a province cites the same laws and decisions again and again) is parsed once per
    process. It was a quarter of the legal-citation scan, itself a third of what `bantin
    check` spends reading content/ (issue 17)."""
    n1, y, ca, n2, cb, n3, pt, pi = groups
    if ca is not None:
        digits, code, year = n1, ca, int(y)
    elif cb is not None:
        digits, code, year = n2, cb, None
    else:
        number = int(n3)
        if number == 0:
            return None
        ptype = _canon_segment(pt)
        issuer = "-".join(_canon_segment(s) for s in _SPLIT_CODE.split(pi))
        return _Parsed(f"{number:02d}-{ptype}/{issuer}", None, ptype, None, True)
    number = int(digits)
    if number == 0:
        return None
    raw_segments = _SPLIT_CODE.split(code)
    segments = [_canon_segment(s) for s in raw_segments]
    first = segments[0]
    qh = None
    if len(segments) == 1:
        qh = "UBTVQH" if first.startswith("UBTV") else "QH"
    type_code = first if qh is None and fold(first).upper() in _STATE_TYPES_FOLDED else None
    if strict and year is None and type_code is None:
        if not all(_UPPER_SEG.fullmatch(s) for s in raw_segments):
            return None
    if type_code is not None and type_code not in _STATE_TYPES:  # "HD" typed for "HĐ"…
        type_code = next(k for k in _STATE_TYPES if fold(k).upper() == fold(type_code).upper())
    canonical = f"{number:02d}/{year}/" if year is not None else f"{number:02d}/"
    return _Parsed(canonical + "-".join(segments), year, type_code, qh, False)


def canonical_number(raw: str) -> str | None:
    """Canonical form of one written number ('9/2019/nd-cp' -> '09/2019/NĐ-CP'), or None.

    For configuration and front matter, where the whole value is the number; lower-case
    công văn symbols ('512/ubnd-nc') are accepted here though not in running text.
    """
    text = _map_d(nfc(str(raw))).strip()
    match = _REF_RE.fullmatch(text)
    parsed = _parse(match, strict=False) if match else None
    return parsed.number if parsed else None


def _kind(parsed: _Parsed, word: str | None, qh_hint: str | None) -> str:
    """Kind from the type code; the word before the number decides only when the code names
    no type (QH numbers, công văn symbols), because codes are more reliable than prose."""
    if parsed.party:
        return _PARTY_TYPES.get(parsed.type_code or "", "Văn bản")
    if parsed.type_code is not None:
        return _STATE_TYPES[parsed.type_code]
    if parsed.qh == "QH":
        if word in ("Luật", "Bộ luật", "Nghị quyết"):
            return word
        return qh_hint if qh_hint in ("Bộ luật", "Nghị quyết") else "Luật"
    if parsed.qh == "UBTVQH":
        if word in ("Pháp lệnh", "Nghị quyết"):
            return word
        return qh_hint if qh_hint == "Pháp lệnh" else "Nghị quyết"
    if word is not None:
        return word
    return "Văn bản" if parsed.year is not None else "Công văn"


def _qh_hint(before: str) -> str | None:
    """Last of 'Nghị quyết' / 'Pháp lệnh' / 'Luật' in the sentence before a QH number."""
    end = _LAST_SENTENCE_END.match(before)  # the sentence starts after the last end
    cut = end.end() if end else 0
    last = None
    for last in _QH_HINT.finditer(before, cut):
        pass
    if last is None:
        return None
    word = fold(last.group(0))
    if word.startswith("nghi"):
        return "Nghị quyết"
    if word.startswith("phap"):
        return "Pháp lệnh"
    return "Bộ luật" if word.startswith("bo") else "Luật"


def _date_year(text: str, pos: int) -> int | None:
    """Year of a valid date written right after ``pos`` ("… ngày 12/4/2024"), else None."""
    match = _DATE_AFTER.match(text, pos)
    if not match:
        return None
    day, month, year = (
        (match.group("d"), match.group("m"), match.group("y"))
        if match.group("d")
        else (match.group("d2"), match.group("m2"), match.group("y2"))
    )
    try:
        value = _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value.year if _MIN_YEAR <= value.year <= _MAX_YEAR else None


@functools.lru_cache(maxsize=65536)
def _slug(number: str, year: int | None) -> str:
    slug = slugify(number)
    if year is not None and str(year) not in number:
        slug += f"-{year}"
    return slug


def _map_d(text: str) -> str:
    """Map Đ look-alikes to Đ (one-to-one, offsets kept); cheap when there are none."""
    if "\u00d0" in text or "\u00f0" in text or "\u0189" in text or "\u0256" in text:
        return text.translate(_D_LOOKALIKES)
    return text


def _work_text(text: str) -> tuple[str, list[int] | None]:
    """NFC text to search, with Đ look-alikes mapped, and a map back to input offsets.

    Input that is already NFC (the build normalises every file) costs one check; NFD input
    is composed cluster by cluster so each output character knows where it came from.
    """
    if unicodedata.is_normalized("NFC", text):
        return _map_d(text), None
    pieces: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        pieces.append(chunk)
        origin.extend([i] * len(chunk))
        i = j
    origin.append(n)
    return _map_d("".join(pieces)), origin


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of the pattern, tried only next to a '/' (every form has one).

    Running the full pattern at every position of a page costs more than everything else
    together; ``str.find`` jumps between slashes and the pattern runs a few times per slash.
    """
    done = 0  # text before this offset is matched or known not to start a number
    slash = text.find("/")
    while slash != -1:
        candidate = _CANDIDATE.search(text, max(done, slash - 16), slash + 1)
        while candidate is not None:
            match = _REF_RE.match(text, candidate.start())
            if match is not None:
                yield match
                done = match.end()
                break
            done = candidate.end()
            candidate = _CANDIDATE.search(text, done, slash + 1)
        slash = text.find("/", max(slash + 1, done))


def _scan(text: str) -> Iterator[tuple[re.Match[str], _Parsed, str | None, int | None]]:
    """Every number in ``text`` with its kind word and the year of a date right after it."""
    for match in _matches(text):
        parsed = _parse(match, strict=True)
        if parsed is None:
            continue
        before = text[max(0, match.start() - 80) : match.start()]
        folded_before = fold(before[-40:])
        if _NOT_A_DOCUMENT.search(folded_before):
            continue
        found = _WORD_BEFORE.search(folded_before)
        word = _KIND_WORDS[found.group(1)] if found else None
        hint = _qh_hint(before) if parsed.qh and word is None else None
        year = parsed.year if parsed.year is not None else _date_year(text, match.end())
        yield match, parsed, _kind(parsed, word, hint), year


def find_references(text: str, registry: Lookup | None = None) -> list[DocRef]:
    """Identifiable document references in ``text``, in order of appearance.

    A reference is identifiable when its year is known (in the number, or from "ngày …"
    written right after it) or when the registry knows the number. A registered document
    lends its canonical number, year, kind and slug, so every page names it the same way.
    Never raises on any input.
    """
    if "/" not in text:
        return []
    work, origin = _work_text(text)
    refs: list[DocRef] = []
    for match, parsed, kind, year in _scan(work):
        start, end = match.start(), match.end()
        if origin is not None:
            start, end = origin[start], origin[end]
        ref = _make_ref(parsed, kind, year, registry, text, start, end)
        if ref is not None:
            refs.append(ref)
    return refs


def _make_ref(parsed: _Parsed, kind: str, year: int | None, registry: Lookup | None,
              text: str, start: int, end: int) -> DocRef | None:
    """The reference written at text[start:end], named as the registry names it if it can."""
    document = registry.match(parsed.number, year) if registry is not None else None
    if document is not None:
        number, year, kind, slug = document.number, document.year, document.kind, document.slug
    elif year is None:
        return None
    else:
        number, slug = parsed.number, _slug(parsed.number, year)
    return DocRef(number, year, kind, slug, text[start:end], start, end)


def parse_reference(value: str, registry: Lookup | None = None) -> DocRef | None:
    """One reference written as a whole value (front matter ``documents``, ``replaced_by``).

    Accepts the number alone or with its kind and date or year: '31/2024/QH15',
    'Quyết định số 432/QĐ-UBND ngày 12/4/2024', '432/QĐ-UBND năm 2024', '432/QĐ-UBND (2024)'.
    Returns None when it is not a number or cannot be identified (no year, not registered);
    :func:`canonical_number` tells the two apart for error messages.
    """
    text = _map_d(nfc(str(value))).strip()
    matches = list(_REF_RE.finditer(text))
    if len(matches) != 1:
        return None
    match = matches[0]
    parsed = _parse(match, strict=False)
    prefix = fold(text[: match.start()]).strip()
    if parsed is None or (prefix and not _PREFIX.fullmatch(prefix)):
        return None
    found = _WORD_START.match(prefix)
    word = _KIND_WORDS[found.group(1)] if found else None
    rest = text[match.end() :]
    year = parsed.year
    date = _DATE_AFTER.match(rest)
    date_year = _date_year(rest, 0)
    if date is not None:
        if date_year is None:
            return None  # "ngày 31/2/2024": not a date
        rest, year = rest[date.end() :], year or date_year
    folded_rest = fold(rest)
    written = _YEAR_AFTER.match(folded_rest)
    if written is not None and date is None:
        written_year = int(written.group(1) or written.group(2))
        if not _MIN_YEAR <= written_year <= _MAX_YEAR:
            return None
        folded_rest, year = folded_rest[written.end() :], year or written_year
    if folded_rest.strip():
        return None
    written = str(value)
    return _make_ref(parsed, _kind(parsed, word, None), year, registry, written, 0, len(written))
