"""Bylines and sources: author names, "Nguồn: … Link: …", "(TTXVN) -" prefixes.
"""

from __future__ import annotations

import re

from bantin.text.vi import fold
from bantin.tools.importer.dates import parse_date
from bantin.tools.importer.lines import _words


# First words of organisations and of ordinary sentences: a capitalised run starting with
# one of them is not a person's name ("Sở Tư Pháp", "Báo Pháp Luật", "Trong Năm").
_ORG_WORDS = {
    "so", "bo", "bao", "tap", "cong", "trang", "phong", "ban", "uy", "ubnd", "hdnd", "dai",
    "trung", "toa", "vien", "cuc", "vu", "hoi", "tinh", "huyen", "xa", "van", "chi", "dang",
    "thong", "theo", "nguon", "tin", "bai", "anh", "tac", "co", "truong", "hoc", "ngan",
    "kho", "quy", "lien", "tong", "nha", "doan", "mat", "quoc", "chinh", "nguoi", "lanh",
    "to", "thon", "ttxvn", "vov", "vtv", "nhung", "cac", "mot", "ket", "ve", "trong", "de",
    "voi", "tai", "ngay", "thang", "nam", "thu", "chu",
}
_BYLINE_LABEL = re.compile(
    r"^\(?\s*(tac gia|nguoi viet|but danh|bai viet|thuc hien|phong vien|nhom phong vien|"
    r"bai va anh|bai, anh|bai/anh|bai - anh|bai|tin va anh|tin, anh|tin/anh|tin - anh|tin|"
    r"nhom pv|pv)\s*:\s*"
)
_SHORT_BYLINE = re.compile(r"^\(?(nhom )?(pv|p\.v|ctv|bbt|btv|nhom pv)\)?$")
_SOURCE_LABEL = re.compile(r"^(nguon|nguon tin|nguon bai|trich nguon)\s*:\s*")
_THEO_LABEL = re.compile(r"^theo\s+")
_LINK_LABEL = re.compile(r"^(link|lien ket|duong dan|link bai( viet| goc)?|link goc|bai goc)\s*:\s*")
_URL_LABEL = re.compile(r"^(url|dia chi( bai viet| trang)?|link bai viet|link goc|bai goc|trang goc)\s*:\s*")
_URL = re.compile(r"https?://[^\s<>\"“”]+", re.IGNORECASE)
_LEAD_SOURCE = re.compile(r"^\(\s*([A-ZĐ][\w.&\- ]{1,30}?)\s*\)\s*[-–—]\s*")
_TRAILING_CREDIT = re.compile(
    r"\(\s*(?:Tin|Bài|Tin,\s*ảnh|Tin và ảnh|Bài và ảnh|Bài,\s*ảnh|Tin/ảnh|Bài/ảnh|"
    r"Tác giả|TG)\s*:\s*([^()]{2,80})\)\s*$"
)


def _label_value(text: str, label: re.Pattern[str]) -> str | None:
    """The text after a label that matched fold(text); folding keeps character offsets."""
    folded = fold(text)
    match = label.match(folded)
    if not match:
        return None
    value = text[match.end():].strip()
    if value.endswith(")") and text.lstrip().startswith("("):
        value = value[:-1].strip()
    return value


def _name_token(token: str) -> bool:
    """'Hà', 'Đức', 'A.', 'HÀ' — a capitalised syllable (or initial) of a name."""
    word = token.rstrip(".")
    if not word.isalpha() or not word[0].isupper():
        return False
    return word[1:].islower() or word.isupper() or len(word) == 1


def is_person_name(text: str) -> bool:
    """2–5 capitalised syllables that do not start like an organisation ('Lê Thu Hà')."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if fold(tokens[0]).strip(".") in _ORG_WORDS:
        return False
    return all(_name_token(t) for t in tokens)


# Degrees and professions written before a signature's name: "ThS. Nguyễn Văn A", "Luật sư Lê B".
_HONORIFIC = re.compile(r"^((pgs|gs|ts|ths|ls|cn|ks|bs|nb)\.\s*)+|^(luat su|nha bao|thac si|tien si)\s+")


# Each run of spaces is tried once (the look-behind), not from each of its spaces: linear.
_BYLINE_SPLIT = re.compile(r"(?<!\s)\s+[-–—]\s+|,\s+|(?<!\s)\s+\(")


def parse_byline(text: str) -> str | None:
    """The author of a byline unit, or None: 'Tác giả: X', '(Tin: X)', 'X - Phòng PBGDPL'."""
    if _words(text) > 16 or text.endswith(".") and not re.search(r"\b[A-ZĐ]\.$", text):
        return None
    value = _label_value(text, _BYLINE_LABEL)
    if value:
        return value.rstrip(" .")
    if _SHORT_BYLINE.match(fold(text)):
        return text.strip("() ")
    head = _BYLINE_SPLIT.split(text, maxsplit=1)[0].strip()
    honorific = _HONORIFIC.match(fold(head))
    if honorific:
        head = head[honorific.end():].strip()
    if is_person_name(head) and parse_date(text) is None:  # not "Hà Nội, ngày 5/6/2024"
        return text.strip()
    return None


def _split_source(value: str) -> tuple[str | None, str | None, str | None]:
    """'Lê Thu Hà - Báo Sông Lam (https://…)' -> (author, source name, url)."""
    url = None
    match = _URL.search(value)
    if match:
        url = match.group(0).rstrip(".,;)")
        value = (value[:match.start()] + value[match.end():]).strip(" -–—,;:()")
    parts = re.split(r"\s+[-–—]\s+", value, maxsplit=1)
    if len(parts) == 2 and is_person_name(parts[0].strip()):
        return parts[0].strip(), parts[1].strip() or None, url
    return None, value.strip() or None, url
