"""Legal document numbers (DESIGN §5): detection, normal form, identity, registry, links."""

from __future__ import annotations

import unicodedata

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.legal.markdown import LegalRefsExtension
from bantin.legal.numbers import (
    GROUPS,
    DocRef,
    _parse_groups,
    canonical_number,
    find_references,
    group_label,
    group_order,
    parse_reference,
)
from bantin.legal.registry import Registry

ETH = "\u00d0"  # Ð, the Icelandic letter that old fonts and OCR put in place of Đ


def found(text: str, registry: Registry | None = None) -> list[tuple[str, int | None, str, str]]:
    return [(r.number, r.year, r.kind, r.raw) for r in find_references(text, registry)]


# --- Detection in real sentences ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Thực hiện Kế hoạch số 60/KH-UBND ngày 15/3/2024 của UBND tỉnh về tuyên truyền, "
            "phổ biến pháp luật năm 2024, Sở Tư pháp đã tổ chức 12 hội nghị.",
            [("60/KH-UBND", 2024, "Kế hoạch", "60/KH-UBND")],
        ),
        (
            "Luật Đất đai số 31/2024/QH15 có hiệu lực từ ngày 01/8/2024, thay thế Luật Đất đai năm 2013.",
            [("31/2024/QH15", 2024, "Luật", "31/2024/QH15")],
        ),
        (
            f"Nghị định số 30/2020/N{ETH}-CP của Chính phủ quy định về công tác văn thư.",
            [("30/2020/NĐ-CP", 2020, "Nghị định", f"30/2020/N{ETH}-CP")],
        ),
        (
            "Thông tư số 22/2023/TT- BTTTT quy định về bảo đảm an toàn hệ thống thông tin.",
            [("22/2023/TT-BTTTT", 2023, "Thông tư", "22/2023/TT- BTTTT")],
        ),
        (
            "Công văn số 512/UBND-NC ngày 5/6/2023 của UBND tỉnh về việc tăng cường công tác hòa giải.",
            [("512/UBND-NC", 2023, "Công văn", "512/UBND-NC")],
        ),
        (
            "Triển khai Nghị quyết số 09-NQ/TU ngày 20/10/2021 của Ban Thường vụ Tỉnh ủy về chuyển đổi số.",
            [("09-NQ/TU", 2021, "Nghị quyết", "09-NQ/TU")],
        ),
        (
            "Thực hiện Quyết định số 432/QĐ-UBND ngày 12/4/2024 của UBND tỉnh, mới đây đoàn kiểm tra "
            "số 432 đã tiến hành kiểm tra công tác cải cách hành chính.",
            [("432/QĐ-UBND", 2024, "Quyết định", "432/QĐ-UBND")],
        ),
        (
            "Thông tư liên tịch số 01/2020/TTLT-BTP-BCA hướng dẫn phối hợp; Nghị quyết số "
            "15/2023/NQ-HĐND của HĐND tỉnh quy định mức chi cho công tác hòa giải ở cơ sở.",
            [
                ("01/2020/TTLT-BTP-BCA", 2020, "Thông tư liên tịch", "01/2020/TTLT-BTP-BCA"),
                ("15/2023/NQ-HĐND", 2023, "Nghị quyết", "15/2023/NQ-HĐND"),
            ],
        ),
        (
            "Chỉ thị số 05/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ về đẩy mạnh cải cách hành chính.",
            [("05/CT-TTg", 2024, "Chỉ thị", "05/CT-TTg")],
        ),
        (
            "Căn cứ các Nghị định 30/2020/NĐ-CP, 34/2016/NĐ-CP và 154/2020/NĐ-CP của Chính phủ.",
            [
                ("30/2020/NĐ-CP", 2020, "Nghị định", "30/2020/NĐ-CP"),
                ("34/2016/NĐ-CP", 2016, "Nghị định", "34/2016/NĐ-CP"),
                ("154/2020/NĐ-CP", 2020, "Nghị định", "154/2020/NĐ-CP"),
            ],
        ),
        (
            "Tổ chức Cuộc thi trực tuyến “Tìm hiểu Luật Đất đai số 31/2024/QH15” trên địa bàn tỉnh.",
            [("31/2024/QH15", 2024, "Luật", "31/2024/QH15")],
        ),
        (
            "Kết luận số 35-KL/TW ngày 05/5/2022 và Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.",
            [
                ("35-KL/TW", 2022, "Kết luận", "35-KL/TW"),
                ("08-QĐi/TW", 2018, "Quy định", "08-QĐi/TW"),
            ],
        ),
    ],
)
def test_real_sentences(sentence, expected):
    assert found(sentence) == expected


def test_offsets_point_at_the_written_number():
    text = "Thực hiện Kế hoạch số 60/KH-UBND ngày 15/3/2024 của UBND tỉnh"
    (ref,) = find_references(text)
    assert (ref.start, ref.end) == (22, 32)
    assert text[ref.start : ref.end] == "60/KH-UBND"


# --- Variants and normal form -------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("42/2022/NĐ-CP", "42/2022/NĐ-CP"),
        (f"42/2022/N{ETH}-CP", "42/2022/NĐ-CP"),
        ("42/2022/ND-CP", "42/2022/NĐ-CP"),
        ("42/2022/nđ-cp", "42/2022/NĐ-CP"),
        ("42/2022/ NĐ-CP", "42/2022/NĐ-CP"),
        ("42 /2022/NĐ-CP", "42/2022/NĐ-CP"),
        ("42/2022/NĐ–CP", "42/2022/NĐ-CP"),  # en dash
        ("9/2019/NĐ-CP", "09/2019/NĐ-CP"),
        ("009/2019/NĐ-CP", "09/2019/NĐ-CP"),
        ("22/2023/TT- BTTTT", "22/2023/TT-BTTTT"),
        ("22/2023/TT -BTTTT", "22/2023/TT-BTTTT"),
        ("432/QD-UBND", "432/QĐ-UBND"),
        ("432/qđ-ubnd", "432/QĐ-UBND"),
        ("15/2023/NQ-HDND", "15/2023/NQ-HĐND"),
        ("05/CT-TTG", "05/CT-TTg"),
        ("512/UBND-NC", "512/UBND-NC"),
        ("512/ubnd-nc", "512/UBND-NC"),
        ("9-NQ/TU", "09-NQ/TU"),
        ("08-QDi/TW", "08-QĐi/TW"),
        ("31/2024/qh15", "31/2024/QH15"),
        ("01/2020/TTLT-BTP-BCA", "01/2020/TTLT-BTP-BCA"),
        ("  31/2024/QH15 ", "31/2024/QH15"),
    ],
)
def test_canonical_number(written, canonical):
    assert canonical_number(written) == canonical


@pytest.mark.parametrize(
    "written",
    ["", "31/2024", "21/11/2024", "3/4", "số 31/2024/QH15", "0/QĐ-UBND", "QĐ-UBND", "2020-2022", "1900 1234"],
)
def test_canonical_number_rejects(written):
    assert canonical_number(written) is None


@pytest.mark.parametrize("lenient_first", [True, False])
def test_a_number_read_both_ways_keeps_each_reading(lenient_first):
    """Parsing is cached per number and per reading: a lower-case công văn symbol is a number
    as a whole value and not in running text, in whichever order the two are asked. (The date
    makes the running-text number identifiable, so only the strict reading keeps it out.)"""
    _parse_groups.cache_clear()
    text = "Xem văn bản 512/ubnd-nc ngày 3/5/2024 về việc này."
    asks = [lambda: canonical_number("512/ubnd-nc") == "512/UBND-NC", lambda: find_references(text) == []]
    for ask in asks if lenient_first else asks[::-1]:
        assert ask()
    assert [r.number for r in find_references("Công văn số 512/UBND-NC ngày 3/5/2024")] == ["512/UBND-NC"]


def test_canonical_number_accepts_nfd():
    assert canonical_number(unicodedata.normalize("NFD", "432/QĐ-UBND")) == "432/QĐ-UBND"


def test_variants_are_one_document():
    texts = [
        "Nghị định 09/2019/NĐ-CP",
        "Nghị định 9/2019/NĐ-CP",
        f"Nghị định 9/2019/N{ETH}-CP",
        "Nghị định 9/2019/ND-CP",
        "nghị định 9/2019/nđ-cp",
        "Nghị định 09/2019/ NĐ-CP",
    ]
    refs = [find_references(text)[0] for text in texts]
    assert {r.key for r in refs} == {refs[0].key}
    assert {r.number for r in refs} == {"09/2019/NĐ-CP"}
    assert {r.slug for r in refs} == {"09-2019-nd-cp"}


def test_nfd_input_keeps_offsets_of_the_input():
    text = unicodedata.normalize("NFD", "Quyết định số 432/QĐ-UBND ngày 12/4/2024 của Ủy ban nhân dân tỉnh")
    (ref,) = find_references(text)
    assert ref.number == "432/QĐ-UBND"
    assert ref.year == 2024
    assert ref.kind == "Quyết định"
    assert text[ref.start : ref.end] == ref.raw == "432/QĐ-UBND"


def test_same_number_different_years_are_different_documents():
    a, b = find_references(
        "Quyết định số 432/QĐ-UBND ngày 12/4/2024 thay thế Quyết định số 432/QĐ-UBND ngày 3/5/2019."
    )
    assert (a.year, b.year) == (2024, 2019)
    assert a.key != b.key
    assert (a.slug, b.slug) == ("432-qd-ubnd-2024", "432-qd-ubnd-2019")


@pytest.mark.parametrize(
    ("number", "year", "slug"),
    [
        ("31/2024/QH15", None, "31-2024-qh15"),
        ("432/QĐ-UBND", 2024, "432-qd-ubnd-2024"),
        ("09-NQ/TU", 2021, "09-nq-tu-2021"),
        ("01/2020/TTLT-BTP-BCA", None, "01-2020-ttlt-btp-bca"),
        ("05/CT-TTg", 2024, "05-ct-ttg-2024"),
    ],
)
def test_slugs(number, year, slug):
    suffix = f" ngày 1/2/{year}" if year else ""
    (ref,) = find_references(f"Văn bản số {number}{suffix}.")
    assert ref.slug == slug


# --- Year from the date written after the number -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 432/QĐ-UBND ngày 12/4/2024 của UBND tỉnh",
        "Quyết định số 432/QĐ-UBND, ngày 12/4/2024",
        "Quyết định số 432/QĐ-UBND ngày 12 tháng 4 năm 2024",
        "Quyết định số 432/QĐ-UBND ngày 12-4-2024",
        "Quyết định số 432/QĐ-UBND ngày 12.04.2024",
        "Quyết định số 432/QĐ-UBND Ngày 12/04/2024",
        "Quyết định số 432/QĐ-UBND\nngày 12/4/2024",  # soft line break in Markdown source
    ],
)
def test_year_from_date_after_number(text):
    assert found(text) == [("432/QĐ-UBND", 2024, "Quyết định", "432/QĐ-UBND")]


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 432/QĐ-UBND của UBND tỉnh",
        "Quyết định số 432/QĐ-UBND của UBND tỉnh ngày 12/4/2024",  # not right after
        "Quyết định số 432/QĐ-UBND năm 2024",
        "Quyết định số 432/QĐ-UBND ngày 31/2/2024",  # no such day
        "Quyết định số 432/QĐ-UBND ngày 12/4",
        "Quyết định số 432/QĐ-UBND\n\nngày 12/4/2024",  # next paragraph
        "Kế hoạch 60/KH-UBND và Công văn 512/UBND-NC đã được triển khai.",
    ],
)
def test_number_without_year_or_date_is_not_identified(text):
    assert find_references(text) == []


def test_year_in_number_wins_over_date():
    assert found("Luật số 31/2024/QH15 ngày 18/01/2023") == [("31/2024/QH15", 2024, "Luật", "31/2024/QH15")]


# --- Kind --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Luật Đất đai số 31/2024/QH15", "Luật"),
        ("số 31/2024/QH15", "Luật"),
        ("Bộ luật Dân sự số 91/2015/QH13", "Bộ luật"),
        ("Nghị quyết số 01/2021/QH15", "Nghị quyết"),
        ("nghị quyết 01/2021/QH15", "Nghị quyết"),
        ("Nghị quyết của Quốc hội về thí điểm một số chính sách số 01/2021/QH15", "Nghị quyết"),
        ("Nghị quyết hướng dẫn thi hành Luật Đất đai số 31/2024/QH15", "Luật"),
        ("theo quy định của pháp luật, Nghị quyết số 01/2021/QH15", "Nghị quyết"),
        ("Pháp lệnh số 02/2022/UBTVQH15", "Pháp lệnh"),
        ("số 1004/2024/UBTVQH15", "Nghị quyết"),
        ("Thông báo số 123/UBND-VP ngày 3/3/2024", "Thông báo"),
        ("Hướng dẫn số 45/STP-PBGDPL ngày 3/3/2024", "Hướng dẫn"),
        ("Thong bao so 123/UBND-VP ngay 3/3/2024", "Thông báo"),
        ("văn bản số 512/UBND-NC ngày 5/6/2023", "Công văn"),
        ("Quyết định số 42/2022/NĐ-CP", "Nghị định"),  # the type code wins over a wrong word
        ("Hướng dẫn số 12-HD/BTGTU ngày 1/3/2023", "Hướng dẫn"),
        ("Thông tri số 03-TT/TU ngày 1/3/2023", "Thông tri"),
    ],
)
def test_kind(text, kind):
    (ref,) = find_references(text)
    assert ref.kind == kind


@pytest.mark.parametrize(
    ("kind", "party", "group"),
    [
        ("Luật", False, "Luật"),
        ("Bộ luật", False, "Luật"),
        ("Nghị định", False, "Nghị định"),
        ("Thông tư liên tịch", False, "Thông tư"),
        ("Quyết định", False, "Quyết định"),
        ("Kế hoạch", False, "Kế hoạch"),
        ("Công văn", False, "Công văn"),
        ("Nghị quyết", False, "Nghị quyết"),
        ("Chỉ thị", False, "Chỉ thị"),
        ("Nghị quyết", True, "Văn bản của Đảng"),
        ("Thông báo", False, "Khác"),
        ("Pháp lệnh", False, "Khác"),
    ],
)
def test_group_label(kind, party, group):
    assert group_label(kind, party=party) == group


def test_group_order_is_fixed():
    assert GROUPS == (
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
    shuffled = ["Khác", "Chỉ thị", "Luật", "Văn bản của Đảng", "Nghị định"]
    assert sorted(shuffled, key=group_order) == ["Luật", "Nghị định", "Chỉ thị", "Văn bản của Đảng", "Khác"]
    assert group_order("không có") == len(GROUPS)


def test_party_reference_groups_apart():
    (ref,) = find_references("Nghị quyết số 09-NQ/TU ngày 20/10/2021")
    assert ref.party and ref.group == "Văn bản của Đảng"
    (ref,) = find_references("Nghị quyết số 15/2023/NQ-HĐND")
    assert not ref.party and ref.group == "Nghị quyết"


def test_label():
    (ref,) = find_references("Quyết định số 432/QĐ-UBND ngày 12/4/2024")
    assert ref.label == "Quyết định số 432/QĐ-UBND năm 2024"
    (ref,) = find_references("Luật Đất đai số 31/2024/QH15")
    assert ref.label == "Luật số 31/2024/QH15"


# --- No false positives ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thứ Năm, 21/11/2024",
        "Cập nhật lúc 10:13:21 AM, Thứ 5 Ngày 14/5/2020",
        "Kế hoạch cải cách hành chính năm 2024 của Sở",
        "Thực hiện nhiệm vụ nghiên cứu khoa học cấp tỉnh giai đoạn 2020-2022",
        "Đường dây nóng: 0238 3 123 456",
        "Điện thoại: 0238.3123456 hoặc tổng đài 1900 1234",
        "đã thực hiện được 26/28 nhiệm vụ đạt 92% kế hoạch, 3/4 số xã đạt chuẩn",
        "đã có 2.458/2.458 văn bản phát hành được ký số",
        "Xem trang 12/45 của tài liệu; tỷ lệ 50/50",
        "Nguồn: https://baochinhphu.vn/2024/11/21/nghi-dinh-so-42-2022-nd-cp-102241121.htm",
        "Link: https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?so=42/2022/ND-CP&ItemID=1",
        "Theo Điều 5, khoản 2 Luật Hòa giải ở cơ sở, hòa giải viên có quyền…",
        "mới đây đoàn kiểm tra số 432 đã tiến hành kiểm tra",
        "Tờ khai theo Mẫu số 01/ĐK-TCT ngày 1/7/2024",
        "đạt quy chuẩn QCVN 01:2009/BYT-TT ngày 1/1/2009",
        "hoạt động 24/7, hỗ trợ F0/F1 và COVID-19",
        "Công văn số 512/UBND-NC - V/v triển khai ngày 5/6/2023",  # date not right after
        "Số 12 đường Lê Lợi, thành phố Lam Giang; ĐT: 0238 3 123 456",
        "tháng 9/2022 Sở Tư pháp đã tổ chức; từ tháng 01/2022 đến tháng 5/2022",
    ],
)
def test_no_false_positives(text):
    assert find_references(text) == []


# --- Registry ----------------------------------------------------------------------------

CONFIG = [
    {"number": "31/2024/QH15", "title": "Luật Đất đai", "issuer": "Quốc hội", "url": "https://vbpl.vn/"},
    {
        "number": "45/2013/QH13",
        "title": "Luật Đất đai năm 2013",
        "issuer": "Quốc hội",
        "status": "hết hiệu lực",
        "replaced_by": "31/2024/QH15",
    },
    {"number": "01/2021/QH15", "title": "Nghị quyết về thí điểm chính sách đặc thù", "issuer": "Quốc hội"},
    {"number": "512/UBND-NC", "title": "Công văn về tăng cường hòa giải ở cơ sở", "year": 2023},
    {"number": "60/KH-UBND", "title": "Kế hoạch phổ biến pháp luật năm 2024"},
    {"number": "432/QD-UBND", "year": "2024", "title": "Quyết định về kiểm tra cải cách hành chính"},
    {"number": "09-NQ/TU", "title": "Nghị quyết về chuyển đổi số", "status": "con-hieu-luc"},
]


@pytest.fixture
def registry() -> Registry:
    registry, errors = Registry.from_config(CONFIG)
    assert errors == []
    return registry


def test_registry_entries(registry):
    assert len(registry) == 7
    law = registry.lookup("31/2024/QH15")
    assert (law.number, law.year, law.kind, law.slug) == ("31/2024/QH15", 2024, "Luật", "31-2024-qh15")
    assert (law.title, law.issuer, law.url, law.status) == ("Luật Đất đai", "Quốc hội", "https://vbpl.vn/", "")
    assert law.in_force and law.status_label == ""
    old = registry.lookup("45/2013/QH13")
    assert old.status == "het-hieu-luc" and not old.in_force and old.status_label == "Hết hiệu lực"
    assert old.replaced_by == "31/2024/QH15"
    assert registry.replacement(old) is law
    assert registry.replacement(law) is None
    assert registry.lookup("01/2021/QH15").kind == "Nghị quyết"  # from the title
    decision = registry.lookup("432/QĐ-UBND")
    assert (decision.number, decision.year, decision.slug) == ("432/QĐ-UBND", 2024, "432-qd-ubnd-2024")
    plan = registry.lookup("60/KH-UBND")
    assert (plan.year, plan.slug, plan.group) == (None, "60-kh-ubnd", "Kế hoạch")
    assert registry.lookup("09-nq/tu").group == "Văn bản của Đảng"
    assert registry.get(("31/2024/qh15", 2024)) is law
    assert registry.lookup("42/2022/NĐ-CP") is None


def test_registered_number_without_year_is_linked_without_date(registry):
    text = "Thực hiện Kế hoạch số 60/KH-UBND của UBND tỉnh và Công văn số 512/UBND-NC của UBND tỉnh."
    assert [(r.number, r.year, r.slug) for r in find_references(text, registry)] == [
        ("60/KH-UBND", None, "60-kh-ubnd"),
        ("512/UBND-NC", 2023, "512-ubnd-nc-2023"),  # the only registered 512/UBND-NC: its year
    ]
    assert find_references(text) == []  # without the registry: nothing identifiable


def test_registry_lends_canonical_form_and_kind(registry):
    (ref,) = find_references("Quyết định 432/QD-UBND về kiểm tra", registry)
    assert (ref.number, ref.year, ref.kind, ref.raw) == ("432/QĐ-UBND", 2024, "Quyết định", "432/QD-UBND")
    assert ref.key == registry.lookup("432/QĐ-UBND").key


def test_dated_reference_needs_a_document_of_that_year(registry):
    # Registered 60/KH-UBND has no year; a 60/KH-UBND dated 2019 is another committee's plan.
    (ref,) = find_references("Kế hoạch số 60/KH-UBND ngày 2/1/2019 của UBND huyện", registry)
    assert (ref.year, ref.slug) == (2019, "60-kh-ubnd-2019")
    assert registry.get(ref.key) is None
    (ref,) = find_references("Quyết định số 432/QĐ-UBND ngày 3/5/2019", registry)
    assert registry.get(ref.key) is None


def test_undated_reference_with_two_registered_years_is_ambiguous():
    registry, errors = Registry.from_config(
        [{"number": "432/QĐ-UBND", "year": 2019}, {"number": "432/QĐ-UBND", "year": 2024}]
    )
    assert errors == []
    assert find_references("Quyết định số 432/QĐ-UBND về kiểm tra", registry) == []
    (ref,) = find_references("Quyết định số 432/QĐ-UBND ngày 12/4/2024", registry)
    assert registry.get(ref.key).year == 2024


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"number": "42/2022-NĐ"},
            "mục 1 của `documents:` (42/2022-NĐ): `42/2022-NĐ` không phải số hiệu văn bản; hãy ghi "
            "số hiệu như trên văn bản, ví dụ `31/2024/QH15`, `42/2022/NĐ-CP`, `432/QĐ-UBND`, "
            "`512/UBND-NC` hoặc `09-NQ/TU`.",
        ),
        (
            {"title": "Luật Đất đai"},
            "mục 1 của `documents:`: thiếu trường bắt buộc `number`; hãy ghi số hiệu như trên văn "
            "bản, ví dụ `number: 42/2022/NĐ-CP`.",
        ),
        (
            {"number": "31/2024/QH15", "tittle": "Luật Đất đai"},
            "mục 1 của `documents:` (31/2024/QH15): trường `tittle` không được hỗ trợ; có phải ý "
            "bạn là `title`?",
        ),
        (
            {"number": "31/2024/QH15", "ghi_chu": "x"},
            "mục 1 của `documents:` (31/2024/QH15): trường `ghi_chu` không được hỗ trợ; chỉ dùng "
            "các trường `number`, `title`, `issuer`, `url`, `year`, `status`, `replaced_by`.",
        ),
        (
            {"number": "31/2024/QH15", "year": 2023},
            "mục 1 của `documents:` (31/2024/QH15): `year: 2023` khác với năm 2024 trong số hiệu; "
            "hãy xóa dòng `year` (năm đã có trong số hiệu).",
        ),
        (
            {"number": "432/QĐ-UBND", "year": "hai nghìn"},
            "mục 1 của `documents:` (432/QĐ-UBND): `year: hai nghìn` không phải năm; hãy viết năm "
            "bằng số, ví dụ `year: 2024`.",
        ),
        (
            {"number": "31/2024/QH15", "title": 2024},
            "mục 1 của `documents:` (31/2024/QH15): `title` phải là một dòng chữ, không phải số "
            "`2024`; hãy viết `title: …` trên một dòng, giá trị có dấu `:` hoặc bắt đầu bằng số thì "
            "đặt trong ngoặc kép.",
        ),
        (
            {"number": "31/2024/QH15", "url": "vbpl.vn/123"},
            "mục 1 của `documents:` (31/2024/QH15): đường dẫn `vbpl.vn/123` phải là địa chỉ đầy đủ "
            "tới văn bản chính thức, bắt đầu bằng https://, ví dụ `https://vbpl.vn/…`.",
        ),
        (
            {"number": "45/2013/QH13", "replaced_by": "Luật mới"},
            "mục 1 của `documents:` (45/2013/QH13): `replaced_by: Luật mới` không phải số hiệu văn "
            "bản; hãy ghi số hiệu của văn bản thay thế, ví dụ `replaced_by: 31/2024/QH15`.",
        ),
        (
            {"number": "45/2013/QH13", "replaced_by": "31/2024/QH15"},
            "mục 1 của `documents:` (45/2013/QH13): văn bản thay thế `31/2024/QH15` (trường "
            "`replaced_by`) chưa được khai báo trong `documents:`; hãy thêm một mục cho văn bản đó "
            "(`number`, `title`, `issuer`) hoặc sửa lại số hiệu.",
        ),
        (
            {"number": "45/2013/QH13", "status": "con-hieu-luc", "replaced_by": "45/2013/QH13"},
            "mục 1 của `documents:` (45/2013/QH13): `status` ghi `con-hieu-luc` (còn hiệu lực) nhưng "
            "lại có `replaced_by` (đã bị thay thế); hãy sửa hoặc xóa một trong hai dòng.",
        ),
    ],
)
def test_registry_errors_are_messages(entry, message):
    registry, errors = Registry.from_config([entry])
    assert errors == [message]


def test_registry_unknown_status_lists_the_choices():
    registry, errors = Registry.from_config([{"number": "31/2024/QH15", "status": "bãi bỏ"}])
    assert len(registry) == 0
    assert errors == [
        "mục 1 của `documents:` (31/2024/QH15): không có tình trạng `bãi bỏ` (trường `status`); hãy "
        "dùng một trong `con-hieu-luc` (còn hiệu lực), `het-hieu-luc-mot-phan` (hết hiệu lực một "
        "phần), `het-hieu-luc` (hết hiệu lực), `chua-co-hieu-luc` (chưa có hiệu lực)."
    ]


def test_registry_duplicates_and_bad_shapes():
    registry, errors = Registry.from_config(
        [
            {"number": "9/2019/ND-CP"},
            {"number": "09/2019/NĐ-CP", "title": "Nghị định"},
            "31/2024/QH15",
            {"number": 2024},
            {"number": "31/2024/QH15", "replaced_by": "31/2024/QH15"},
            ["01/2020/NĐ-CP"],
        ]
    )
    assert len(registry) == 2
    assert errors == [
        "mục 2 của `documents:` (09/2019/NĐ-CP): trùng văn bản với mục 1 của `documents:` "
        "(9/2019/ND-CP); hãy xóa một trong hai mục.",
        "mục 3 của `documents:`: mỗi mục phải gồm các dòng `number:`, `title:`, …, nhưng ở đây là "
        "dòng chữ `31/2024/QH15`; hãy viết `- number: 31/2024/QH15`, rồi các dòng `title:`, "
        "`issuer:` thụt vào thẳng hàng.",
        "mục 4 của `documents:`: `2024` không phải số hiệu văn bản; hãy ghi số hiệu như trên văn "
        "bản, ví dụ `31/2024/QH15`, `42/2022/NĐ-CP`, `432/QĐ-UBND`, `512/UBND-NC` hoặc `09-NQ/TU`.",
        "mục 6 của `documents:`: mỗi mục phải gồm các dòng `number:`, `title:`, …, nhưng ở đây là "
        "một danh sách; hãy viết mục đó thành `- number: …`, rồi các dòng `title:`, `issuer:` thụt "
        "vào thẳng hàng.",
        "mục 5 của `documents:` (31/2024/QH15): `replaced_by` ghi chính số hiệu của văn bản này; "
        "hãy ghi số hiệu của văn bản thay thế, hoặc xóa dòng `replaced_by`.",
    ]
    assert Registry.from_config({"number": "31/2024/QH15"})[1] == [
        "`documents:` phải là danh sách văn bản, nhưng ở đây là các dòng `tên: giá trị`; hãy viết "
        "mỗi văn bản thành một mục bắt đầu bằng `- number: …`."
    ]
    assert len(Registry.from_config(None)[0]) == 0


def test_registry_refuses_a_ring_of_replacements():
    """A replaced by B and B by A (a hostile review, session 35): both pages, and the search
    results, said «được thay thế bởi B. Thay thế B.». A ring of any length is named once."""
    old = {"status": "het-hieu-luc"}
    registry, errors = Registry.from_config([
        {"number": "01/2020/QĐ-UBND", "replaced_by": "02/2021/QĐ-UBND", **old},
        {"number": "02/2021/QĐ-UBND", "replaced_by": "01/2020/QĐ-UBND", **old},
        {"number": "10/2010/NĐ-CP", "replaced_by": "11/2011/NĐ-CP", **old},
        {"number": "11/2011/NĐ-CP", "replaced_by": "12/2012/NĐ-CP", **old},
        {"number": "12/2012/NĐ-CP", "replaced_by": "10/2010/NĐ-CP", **old},
        {"number": "45/2013/QH13", "replaced_by": "31/2024/QH15", **old},  # a chain, not a ring
        {"number": "31/2024/QH15"},
    ])
    fix = ("; một văn bản không thể vừa thay thế vừa bị văn bản đó thay thế. Hãy giữ `replaced_by` ở văn bản "
           "cũ (bị thay thế) và xóa dòng `replaced_by` ở văn bản mới.")
    assert errors == [
        "mục 1 của `documents:` (01/2020/QĐ-UBND): các trường `replaced_by` tạo thành vòng tròn: "
        "01/2020/QĐ-UBND → 02/2021/QĐ-UBND → 01/2020/QĐ-UBND" + fix,
        "mục 3 của `documents:` (10/2010/NĐ-CP): các trường `replaced_by` tạo thành vòng tròn: "
        "10/2010/NĐ-CP → 11/2011/NĐ-CP → 12/2012/NĐ-CP → 10/2010/NĐ-CP" + fix,
    ]
    assert len(registry) == 7


def test_registry_status_spellings():
    registry, errors = Registry.from_config(
        [
            {"number": "01/2020/NĐ-CP", "status": "Hết hiệu lực"},
            {"number": "02/2020/NĐ-CP", "status": "het_hieu_luc"},
            {"number": "03/2020/NĐ-CP", "status": "còn hiệu lực"},
            {"number": "04/2020/NĐ-CP", "status": "hết hiệu lực một phần"},
        ]
    )
    assert errors == []
    assert [(d.status, d.in_force) for d in registry] == [
        ("het-hieu-luc", False),
        ("het-hieu-luc", False),
        ("con-hieu-luc", True),
        ("het-hieu-luc-mot-phan", True),
    ]


def test_replaced_by_with_a_date_picks_the_year():
    registry, errors = Registry.from_config(
        [
            {"number": "433/QĐ-UBND", "year": 2019},
            {"number": "433/QĐ-UBND", "year": 2024},
            {"number": "12/QĐ-UBND", "year": 2018, "replaced_by": "433/QĐ-UBND ngày 5/1/2024"},
        ]
    )
    assert errors == []
    old = registry.lookup("12/QĐ-UBND")
    assert registry.replacement(old).year == 2024


def test_parse_reference():
    assert parse_reference("Quyết định số 432/QĐ-UBND ngày 12/4/2024").key == ("432/qd-ubnd", 2024)
    assert parse_reference("432/QĐ-UBND năm 2024").slug == "432-qd-ubnd-2024"
    assert parse_reference("432/QĐ-UBND (2024)").year == 2024
    assert parse_reference("Nghị quyết số 01/2021/QH15").kind == "Nghị quyết"
    assert parse_reference("Luật Đất đai số 31/2024/QH15").kind == "Luật"
    assert parse_reference("432/QĐ-UBND") is None  # no year, no registry
    assert parse_reference("42/2022/NĐ-CP và 43/2022/NĐ-CP") is None
    assert parse_reference("xem 42/2022/NĐ-CP") is None


# --- Markdown extension ------------------------------------------------------------------


def render(source: str, registry: Registry | None = None, extensions=(), resolve=None):
    resolve = resolve or (lambda ref: f"/van-ban/{ref.slug}/")
    md = markdown.Markdown(extensions=[LegalRefsExtension(resolve=resolve, registry=registry), *extensions])
    return md, md.convert(source)


def test_extension_links_a_reference():
    md, html = render("Theo Nghị định số 42/2022/NĐ-CP của Chính phủ.")
    assert html == (
        '<p>Theo Nghị định số <a class="vanban" href="/van-ban/42-2022-nd-cp/" '
        'title="Nghị định số 42/2022/NĐ-CP">42/2022/NĐ-CP</a> của Chính phủ.</p>'
    )
    assert [r.number for r in md.bantin_refs] == ["42/2022/NĐ-CP"]


def test_extension_keeps_the_written_text_and_links_several():
    md, html = render(f"Nghị định 30/2020/N{ETH}-CP và Thông tư 22/2023/TT- BTTTT, xem thêm.")
    assert html == (
        '<p>Nghị định <a class="vanban" href="/van-ban/30-2020-nd-cp/" title="Nghị định số 30/2020/NĐ-CP">'
        f"30/2020/N{ETH}-CP</a> và Thông tư "
        '<a class="vanban" href="/van-ban/22-2023-tt-btttt/" title="Thông tư số 22/2023/TT-BTTTT">'
        "22/2023/TT- BTTTT</a>, xem thêm.</p>"
    )


def test_extension_leaves_code_and_links_alone():
    source = (
        "Mã `42/2022/NĐ-CP` và [Nghị định 43/2022/NĐ-CP](https://vbpl.vn/43) và "
        '<a href="https://vbpl.vn/44">Nghị định 44/2022/NĐ-CP</a> và <code>45/2022/NĐ-CP</code>.\n\n'
        "```\n46/2022/NĐ-CP\n```\n\n"
        "    47/2022/NĐ-CP\n"
    )
    md, html = render(source, extensions=["fenced_code"])
    assert 'class="vanban"' not in html
    assert "<code>42/2022/NĐ-CP</code>" in html
    assert '<a href="https://vbpl.vn/43">Nghị định 43/2022/NĐ-CP</a>' in html
    assert '<a href="https://vbpl.vn/44">Nghị định 44/2022/NĐ-CP</a>' in html
    # Cited in links: recorded; in code: not a citation.
    assert [r.number for r in md.bantin_refs] == ["43/2022/NĐ-CP", "44/2022/NĐ-CP"]


def test_extension_links_after_a_raw_link_closes():
    md, html = render('<a href="https://x.vn">Nghị định 44/2022/NĐ-CP</a> và Nghị định 45/2022/NĐ-CP.')
    assert html.count('class="vanban"') == 1
    assert '<a class="vanban" href="/van-ban/45-2022-nd-cp/"' in html


def test_extension_records_but_does_not_link_headings():
    md, html = render("## Nghị định 42/2022/NĐ-CP quy định gì?\n\nTrả lời.", extensions=["toc"])
    assert 'class="vanban"' not in html
    assert [r.number for r in md.bantin_refs] == ["42/2022/NĐ-CP"]


def test_extension_context_crosses_inline_tags():
    md, html = render("**Quyết định số 432/QĐ-UBND** *ngày 12/4/2024* của UBND tỉnh.")
    assert (
        '<strong>Quyết định số <a class="vanban" href="/van-ban/432-qd-ubnd-2024/" '
        'title="Quyết định số 432/QĐ-UBND năm 2024">432/QĐ-UBND</a></strong>'
    ) in html


def test_extension_inline_tag_ends_a_number():
    md, html = render("Nghị định 42/2022/NĐ-CP<sup>1</sup> và 42/<em>2022/NĐ-CP</em>")
    assert html.count('class="vanban"') == 1
    assert "42/2022/NĐ-CP</a><sup>1</sup>" in html


def test_extension_title_and_registry(registry):
    md, html = render(
        "Luật Đất đai 45/2013/QH13 đã được thay thế; Kế hoạch số 60/KH-UBND đang triển khai.", registry
    )
    assert (
        '<a class="vanban" href="/van-ban/45-2013-qh13/" '
        'title="Luật Đất đai năm 2013 (45/2013/QH13) – hết hiệu lực">45/2013/QH13</a>'
    ) in html
    assert (
        '<a class="vanban" href="/van-ban/60-kh-ubnd/" '
        'title="Kế hoạch phổ biến pháp luật năm 2024 (60/KH-UBND)">60/KH-UBND</a>'
    ) in html


def test_extension_resolve_none_keeps_the_number_whole_but_records():
    """No page to link to: the number is not a link, only a box the style sheet keeps on one
    line (browsers break after «NĐ-»); the author's text is unchanged inside it."""
    md, html = render("Nghị định 42/2022/NĐ-CP và Luật 31/2024/QH15.", resolve=lambda ref: None)
    assert html == ('<p>Nghị định <span class="vanban-so">42/2022/NĐ-CP</span> và Luật '
                    '<span class="vanban-so">31/2024/QH15</span>.</p>')
    assert [r.slug for r in md.bantin_refs] == ["42-2022-nd-cp", "31-2024-qh15"]


def test_extension_refs_are_per_conversion():
    md = markdown.Markdown(extensions=[LegalRefsExtension(resolve=lambda ref: "/x/")])
    md.convert("Nghị định 42/2022/NĐ-CP.")
    assert [r.number for r in md.bantin_refs] == ["42/2022/NĐ-CP"]
    md.reset()
    assert md.bantin_refs == []
    md.convert("Luật 31/2024/QH15.")
    assert [r.number for r in md.bantin_refs] == ["31/2024/QH15"]
    md.convert("Không có văn bản.")
    assert md.bantin_refs == []


def test_extension_with_attr_list_abbr_and_lists():
    source = (
        "- Kế hoạch số 60/KH-UBND ngày 15/3/2024\n"
        "- Nghị quyết 09-NQ/TU ngày 20/10/2021\n\n"
        "Quyết định 432/QĐ-UBND ngày 12/4/2024 của UBND tỉnh.\n"
        "{: .lead }\n\n"
        "*[UBND]: Ủy ban nhân dân\n"
    )
    md, html = render(source, extensions=["attr_list", "abbr"])
    assert '<li>Kế hoạch số <a class="vanban" href="/van-ban/60-kh-ubnd-2024/"' in html
    assert '<a class="vanban" href="/van-ban/09-nq-tu-2021/"' in html
    assert '<p class="lead">Quyết định <a class="vanban" href="/van-ban/432-qd-ubnd-2024/"' in html
    assert 'title="Quyết định số 432/QĐ-UBND năm 2024">432/QĐ-UBND</a> ngày 12/4/2024 của ' in html
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr> tỉnh.' in html  # abbr still applies outside


def test_extension_escapes_title_attribute():
    registry, errors = Registry.from_config([{"number": "31/2024/QH15", "title": 'Luật "Đất đai" <2024>'}])
    assert errors == []
    md, html = render("Luật 31/2024/QH15.", registry)
    assert 'title="Luật &quot;Đất đai&quot; &lt;2024&gt; (31/2024/QH15)"' in html


# --- Never raises ------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "42", "9", "/", "-", " ", "2024", "NĐ", "ND", ETH, "CP", "QĐ", "UBND", "QH15", "TT", "- ",
        "ngày ", "12/4/2024", "tháng", "năm", "Luật ", "Nghị quyết ", "số ", "\u0301", "\n", "\u2060",
        "https://", "đ", ",", ".", ":", "TU", "NQ", "(", "0", "\x02wzxhzdk:0\x03",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(FRAGMENTS, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_find_references_never_raises(text):
    registry, _ = Registry.from_config(CONFIG)
    for registry_or_none in (None, registry):
        for ref in find_references(text, registry_or_none):
            assert isinstance(ref, DocRef)
            assert text[ref.start : ref.end] == ref.raw
            assert canonical_number(ref.number) == ref.number
            assert ref.year is not None or registry_or_none is not None


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_canonical_and_parse_never_raise(text):
    number = canonical_number(text)
    assert number is None or canonical_number(number) == number
    parse_reference(text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_markdown_extension_never_raises(text):
    md = markdown.Markdown(extensions=[LegalRefsExtension(resolve=lambda ref: f"/van-ban/{ref.slug}/")])
    html = md.convert(text)
    assert html.count('class="vanban"') <= len(md.bantin_refs)
