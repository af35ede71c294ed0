"""Vietnamese text rules (DESIGN §5): folding, tone placement, syllables, slugs, dates, encodings."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest

from bantin.text import vi


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- fold ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, folded", [
    ("Đất đai", "dat dai"),
    ("ĐẤT ĐAI", "dat dai"),
    ("Pháp luật", "phap luat"),
    ("Tiếp cận thông tin", "tiep can thong tin"),
    ("Điều 5", "dieu 5"),
    ("Nghị định 30/2020/NĐ-CP", "nghi dinh 30/2020/nd-cp"),
    ("hoà giải", "hoa giai"),
    ("hòa giải", "hoa giai"),
    ("thuỷ lợi", "thuy loi"),
    ("Ưu tiên Ơn", "uu tien on"),
    ("plain ascii 123", "plain ascii 123"),
    ("", ""),
])
def test_fold(text, folded):
    assert vi.fold(text) == folded


def test_fold_accepts_nfd_input():
    assert vi.fold(nfd("Đất đai")) == "dat dai"
    assert vi.fold(nfd("PHÁP LUẬT về Hòa giải")) == "phap luat ve hoa giai"
    # Decomposed letter with stacked marks (ậ = a + dot below + circumflex).
    assert vi.fold("a\u0323\u0302") == "a"


def test_fold_maps_d_stroke_explicitly():
    # đ/Đ have no canonical decomposition, so NFD alone would keep them.
    assert unicodedata.normalize("NFD", "đ") == "đ"
    assert vi.fold("đ") == "d"
    assert vi.fold("Đ") == "d"


def test_old_and_new_tone_placement_fold_together():
    assert vi.fold("hoà") == vi.fold("hòa") == "hoa"
    assert vi.fold("thuỷ") == vi.fold("thủy") == "thuy"


# --- normalize_tones ----------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("hoà", "hòa"),
    ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"),
    ("Hoà", "Hòa"),
    ("HOÀ", "HÒA"),
    ("tuỳ", "tùy"),
    ("uỷ ban", "ủy ban"),
    ("xoá", "xóa"),
    ("hoạ", "họa"),
])
def test_normalize_tones_meets(old, new):
    assert vi.normalize_tones(old) == vi.normalize_tones(new) == new


@pytest.mark.parametrize("word", ["quý", "Quý", "hoàng", "thuyền", "khuỷu", "huýt", "Nguyễn", "pháp", "luật"])
def test_normalize_tones_leaves_other_syllables(word):
    assert vi.normalize_tones(word) == word


def test_normalize_tones_on_sentence_and_nfd():
    assert vi.normalize_tones("Hoà giải ở cơ sở, thuỷ lợi và sức khoẻ.") == "Hòa giải ở cơ sở, thủy lợi và sức khỏe."
    assert vi.normalize_tones(nfd("hoà")) == "hòa"
    assert unicodedata.is_normalized("NFC", vi.normalize_tones(nfd("Thuỷ lợi Đất đai")))


# --- syllables ----------------------------------------------------------------------------

def test_syllables():
    assert vi.syllables("Pháp luật, tiếp cận thông tin!") == ["pháp", "luật", "tiếp", "cận", "thông", "tin"]
    assert vi.syllables("Hoà giải") == vi.syllables("HÒA GIẢI") == ["hòa", "giải"]
    assert vi.syllables("Điều 5 Luật số 35/2013/QH13") == ["điều", "5", "luật", "số", "35", "2013", "qh13"]
    assert vi.syllables(nfd("Thuỷ")) == ["thủy"]
    assert vi.syllables("  ,.;  ") == []


# --- slugify ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, slug", [
    ("Hòa giải cơ sở", "hoa-giai-co-so"),
    ("Hoà giải cơ sở", "hoa-giai-co-so"),
    ("Điều 5", "dieu-5"),
    ("ĐẤT ĐAI: Luật mới 2024!", "dat-dai-luat-moi-2024"),
    ("Nghị định 30/2020/NĐ-CP", "nghi-dinh-30-2020-nd-cp"),
    ("  Tiếp   cận  thông tin  ", "tiep-can-thong-tin"),
    ("", ""),
    ("!!!", ""),
])
def test_slugify(text, slug):
    assert vi.slugify(text) == slug


def test_slugify_nfd_input():
    assert vi.slugify(nfd("Hòa giải cơ sở")) == "hoa-giai-co-so"
    assert vi.slugify(nfd("Điều 5")) == "dieu-5"


# --- dates --------------------------------------------------------------------------------

def test_format_date_weekdays():
    assert vi.format_date(date(2024, 11, 21)) == "Thứ Năm, 21/11/2024"
    assert vi.format_date(date(2024, 11, 24)) == "Chủ Nhật, 24/11/2024"
    assert vi.format_date(date(2024, 11, 18)) == "Thứ Hai, 18/11/2024"
    assert vi.format_date(date(2024, 11, 23)) == "Thứ Bảy, 23/11/2024"
    assert vi.format_date(date(2024, 1, 5)) == "Thứ Sáu, 05/01/2024"


def test_format_date_datetime_uses_its_own_calendar_day():
    vn = timezone(timedelta(hours=7))
    assert vi.format_date(datetime(2024, 11, 21, 23, 30, tzinfo=vn)) == "Thứ Năm, 21/11/2024"
    assert vi.format_short_date(datetime(2024, 3, 2, 8, 0, tzinfo=vn)) == "02/03/2024"


# --- legacy encodings ---------------------------------------------------------------------

# "Cộng hòa xã hội chủ nghĩa Việt Nam" / "Trách nhiệm của cán bộ tư pháp" typed with a TCVN3
# (.VnTime) font and read as Windows-1252, as found in old Word documents.
TCVN3_SAMPLES = [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "Tr¸ch nhiÖm cña c¸n bé t­ ph¸p",
    "LuËt §Êt ®ai n¨m 2024",
]
# The same kind of text typed with a VNI font.
VNI_SAMPLES = [
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Phaùp luaät veà ñaát ñai",
]


@pytest.mark.parametrize("text", TCVN3_SAMPLES)
def test_tcvn3_detected(text):
    assert vi.legacy_encoding_hint(text) == "TCVN3 (ABC)"


@pytest.mark.parametrize("text", VNI_SAMPLES)
def test_vni_detected(text):
    assert vi.legacy_encoding_hint(text) == "VNI"


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024.",
    "Hòa giải ở cơ sở là việc hòa giải viên hướng dẫn, giúp đỡ các bên tự tìm được tiếng nói chung.",
    "hello world, plain ASCII text 123 --- # title: x",
    "Café résumé naïve à la carte",
    "",
])
def test_unicode_and_ascii_not_flagged(text):
    assert vi.legacy_encoding_hint(text) is None
    assert vi.legacy_encoding_hint(nfd(text)) is None


def test_unicode_with_common_symbols_not_flagged():
    """Genuine Unicode Vietnamese that uses °, ±, ² (weather notice, land-parcel table).

    These symbols are ordinary in real notices; a file like this must not be rejected as
    TCVN3, which would send the editor to "convert" text that is already correct.
    """
    weather = "Nhiệt độ 30°C – 35°C, độ ẩm ±5%."
    table = ("---\ntitle: Bảng giá đất\ndate: 2024-11-21\ncategory: dat-dai\n---\n"
             "| Thửa | Diện tích |\n|---|---|\n| 1 | 120 m² |\n| 2 | 150 m² |\n| 3 | 90 m² |\n| 4 | 60 m² |\n")
    assert vi.legacy_encoding_hint(weather) is None
    assert vi.legacy_encoding_hint(table) is None
