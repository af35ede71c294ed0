"""Vietnamese text rules (DESIGN §5): folding, tone placement, syllables, slugs, dates, encodings."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest

from bantin.text import legacy, vi
import legacytext
from sitekit import ROOT


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
    assert legacy.legacy_encoding_hint(text) == "TCVN3 (ABC)"


@pytest.mark.parametrize("text", VNI_SAMPLES)
def test_vni_detected(text):
    assert legacy.legacy_encoding_hint(text) == "VNI"


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024.",
    "Hòa giải ở cơ sở là việc hòa giải viên hướng dẫn, giúp đỡ các bên tự tìm được tiếng nói chung.",
    "hello world, plain ASCII text 123 --- # title: x",
    "Café résumé naïve à la carte",
    "",
])
def test_unicode_and_ascii_not_flagged(text):
    assert legacy.legacy_encoding_hint(text) is None
    assert legacy.legacy_encoding_hint(nfd(text)) is None


def test_unicode_with_common_symbols_not_flagged():
    """Genuine Unicode Vietnamese that uses °, ±, ² (weather notice, land-parcel table).

    These symbols are ordinary in real notices; a file like this must not be rejected as
    TCVN3, which would send the editor to "convert" text that is already correct.
    """
    weather = "Nhiệt độ 30°C – 35°C, độ ẩm ±5%."
    table = ("---\ntitle: Bảng giá đất\ndate: 2024-11-21\ncategory: dat-dai\n---\n"
             "| Thửa | Diện tích |\n|---|---|\n| 1 | 120 m² |\n| 2 | 150 m² |\n| 3 | 90 m² |\n| 4 | 60 m² |\n")
    assert legacy.legacy_encoding_hint(weather) is None
    assert legacy.legacy_encoding_hint(table) is None


# A paragraph pasted from a TCVN3 or VNI document into a Unicode article (an outsider's trial, F3):
# the whole-file ratio let it through, the genuine letters around it outnumbering it.
ARTICLE = (ROOT / "content/tin-tuc/pho-bien-luat-dat-dai-nam-2024-cho-can-bo-co-so.md").read_text(encoding="utf-8")
LAWS = sorted((ROOT / "scripts/searcheval/laws").glob("*.md"))


def with_paragraph(paragraph: str) -> str:
    """The sample article with `paragraph` pasted after its second paragraph (on line 21)."""
    lines = ARTICLE.split("\n")
    return "\n".join(lines[:20] + [paragraph, ""] + lines[20:])


@pytest.mark.parametrize("paragraph, encoding", [
    ("phæ biÕn ph¸p luËt vÒ ®Êt ®ai cho c¸n bé c¬ së.", "TCVN3 (ABC)"),
    (legacytext.tcvn3("Hòa giải viên cần nắm chắc pháp luật về đất đai."), "TCVN3 (ABC)"),
    (legacytext.vni("Hòa giải viên cần nắm chắc pháp luật về đất đai."), "VNI"),
])
def test_one_legacy_paragraph_in_a_unicode_article_is_found_on_its_line(paragraph, encoding):
    text = with_paragraph(paragraph)
    assert len(re.findall("[ăđơưạ-ỹ]", text)) > 2 * len(paragraph)  # the article outnumbers it
    found = legacy.find_legacy(text)
    assert (found.encoding, found.line, found.paragraphs) == (encoding, 21, 1)
    assert paragraph.startswith(found.words) and len(found.words) >= 20


def test_every_legacy_paragraph_is_counted():
    text = with_paragraph(legacytext.tcvn3("Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024.") + "\n\n"
                          + legacytext.tcvn3("Người sử dụng đất được cấp giấy chứng nhận."))
    found = legacy.find_legacy(text)
    assert (found.line, found.paragraphs) == (21, 2)


@pytest.mark.parametrize("text", [
    "Die Straße in Göttingen, über die Brücke nach Düsseldorf; Grüße an Herrn Müller und Frau Schäfer. Das Maß, "
    "daß wir für Köln zählen, äußerst schön. Öl, Bär, Übung, Fußgänger, Mädchen, Größe, dürfen, müssen, würde.",
    "Noël à Hà Nội: la leçon du maître, naïve et sûre; le garçon français reçoit où ça commence, île, "
    "Île-de-France, août, être, fête, château, déjà, très, élève, côte, hôpital, cœur, sœur, façade.",
    "El año pasado, el señor Muñoz y la niña española viajaron a Córdoba; mañana, pequeño, España, ¿qué?, ¡sí!",
    "© 2026 Sở Tư pháp tỉnh Sông Lam ® · Địa chỉ: 12 Lê Lợi · Điện thoại: 0238 3 123 456 · Ghi rõ nguồn "
    "«Sở Tư pháp» khi phát lại thông tin. © Bản quyền ® Nhãn hiệu ©",
    "Diện tích 120 m² ± 5 m²; 3 × 4 = 12; 12 ÷ 3 = 4; a × b; 30°C; 0,5 µm, 1 µm, 2 µm; ½, ¼, ¾, §5, ¶ 3, ¬p.",
    "«I» «i» «C» «Luật» «Văn bản» «Ông» «An» «Anh» «Em» «Ba» «Tôi» «Ai» «Ung» «Ô» «ơ»",
    # Ð (U+00D0) typed for Đ, as real legal text has it (DESIGN §5): NÐ, HÐ, ÐT read as TCVN3 né, hé, ét
    "Nghị định số 30/2020/NÐ-CP, hợp đồng HÐ số 12, ÐT: 0238 3 123 456, TÐ, Ðo đạc, ðo, Ðoàn, Ðiều 5.",
])
def test_foreign_words_symbols_and_math_are_not_legacy(text):
    """Each alone (a short file, where the whole-file ratio called all but the footer TCVN3) and
    pasted into the article."""
    assert legacy.find_legacy("---\ntitle: Bài\n---\n\n" + text + "\n") is None
    assert legacy.find_legacy(with_paragraph(text)) is None


def test_no_false_alarm_on_the_sample_site_and_the_twelve_laws():
    files = [*sorted((ROOT / "content").rglob("*.md")), *LAWS]
    assert len(LAWS) == 12 and len(files) > 30
    assert [path.name for path in files if legacy.find_legacy(path.read_text(encoding="utf-8"))] == []


def test_the_twelve_laws_written_in_tcvn3_or_vni_are_found_paragraph_by_paragraph():
    """Measured: every paragraph of eight words or more of the 12 laws (2,568), pasted into the
    article in TCVN3 and in VNI; the encoding named is the one used."""
    paragraphs = [p.strip() for law in LAWS for p in re.split(r"\n\s*\n", law.read_text(encoding="utf-8"))
                  if len(p.split()) >= 8 and not p.startswith("---")]
    assert len(paragraphs) > 2000
    for encode, name, share in ((legacytext.tcvn3, "TCVN3 (ABC)", 0.99), (legacytext.vni, "VNI", 0.97)):
        found = [legacy.find_legacy(with_paragraph(encode(p))) for p in paragraphs]
        assert sum(f is not None and f.line == 21 for f in found) >= share * len(paragraphs), name
        assert sum(f is not None and f.encoding != name for f in found) <= len(paragraphs) * 0.001, name


def test_sort_key_orders_words_in_the_vietnamese_alphabet():
    """đ after d, ă and â after a, ô and ơ after o, ư after u; tones after letters, in the
    dictionaries' order (the keyword list put «đất đai» before «dịch vụ»: a reader's trial, session 51)."""
    words = ["đồng bào", "dịch vụ", "đất đai", "công khai", "ăn", "an", "bà", "hóa", "hoa", "họa", "hòa", "hỏa",
             "Hòa giải", "2024", "Ánh", "ấp", "ơn", "ôn", "on", "ưu", "uy", "Zalo"]
    assert sorted(words, key=vi.sort_key) == [
        "2024", "an", "Ánh", "ăn", "ấp", "bà", "công khai", "dịch vụ", "đất đai", "đồng bào", "hoa", "hòa", "hỏa",
        "hóa", "họa", "Hòa giải", "on", "ôn", "ơn", "uy", "ưu", "Zalo"]
    # typed decomposed (NFD) or in capitals, a word sorts where its composed, small form does
    assert vi.sort_key(unicodedata.normalize("NFD", "Đất đai"))[:2] == vi.sort_key("đất đai")[:2]


def test_sort_key_reads_eth_typed_for_d_bar_as_d_bar():
    """`Ð` (Eth, U+00D0) typed for `Đ`, as `fold` and `slugify` read it: «Ðất đai» sorted before «an
    ninh», at the top of the keyword list, where slugify's order had it among the d's."""
    assert sorted(["Ðất đai", "an ninh", "dịch vụ", "em"], key=vi.sort_key) == ["an ninh", "dịch vụ", "Ðất đai", "em"]
    assert vi.sort_key("Ðất đai")[:2] == vi.sort_key("Đất đai")[:2]
