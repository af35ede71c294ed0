"""A law's name as written before its number: what /van-ban/ shows where nothing is registered."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bantin.legal.names import written_name
from bantin.legal.numbers import find_references
from bantin.legal.registry import Registry
from bantin.site.corpus import build_corpus
from tests.test_corpus import SITE, URLS, doc


def names(text: str) -> dict[str, str]:
    return {ref.number: written_name(text, ref.start) for ref in find_references(text)}


@pytest.mark.parametrize("text, number, name", [
    ("Theo Luật Trợ giúp pháp lý năm 2017 (Luật số 11/2017/QH14), nạn nhân", "11/2017/QH14", "Luật Trợ giúp pháp lý"),
    ("Luật Phòng, chống bạo lực gia đình năm 2022 (Luật số 13/2022/QH15)", "13/2022/QH15",
     "Luật Phòng, chống bạo lực gia đình"),
    ("điểm mới của Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15", "64/2025/QH15",
     "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Bộ luật Lao động số 45/2019/QH14 quy định", "45/2019/QH14", "Bộ luật Lao động"),
    ("Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14", "02/2020/UBTVQH14",
     "Pháp lệnh Ưu đãi người có công với cách mạng"),
    ("quy định của Luật Hộ tịch năm 2014 (Luật số 60/2014/QH13)", "60/2014/QH13", "Luật Hộ tịch"),
    ("Luật Hôn nhân và gia đình số: 52/2014/QH13", "52/2014/QH13", "Luật Hôn nhân và gia đình"),
    ("Luật Đất đai năm 2024 (31/2024/QH15)", "31/2024/QH15", "Luật Đất đai"),
    ("[Luật Hộ tịch số 60/2014/QH13](https://vbpl.vn/)", "60/2014/QH13", "Luật Hộ tịch"),
    ("Bộ Luật Lao động số 45/2019/QH14", "45/2019/QH14", "Bộ Luật Lao động"),
    ("Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14", "44/2019/QH14", "Luật Phòng, chống tác hại của rượu, bia"),
    # Each name in brackets of its own: the clause starts after the closing bracket.
    ("Luật Đất đai năm 2024 (Luật số 31/2024/QH15) và Luật Nhà ở năm 2023 (Luật số 27/2023/QH15)",
     "27/2023/QH15", "Luật Nhà ở"),
    ("Theo Luật A năm 2017 (Luật số 11/2017/QH14). Luật Phòng, chống bạo lực gia đình năm 2022 (Luật số 13/2022/QH15)",
     "13/2022/QH15", "Luật Phòng, chống bạo lực gia đình"),
    ("Luật\u00a0Nhà ở số 27/2023/QH15", "27/2023/QH15", "Luật Nhà ở"),
    # The nearest name in a list of laws each with its number.
    ("của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15", "27/2023/QH15", "Luật Nhà ở"),
    ("của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15", "31/2024/QH15", "Luật Đất đai"),
])
def test_the_name_written_before_the_number(text, number, name):
    assert names(text)[number] == name


@pytest.mark.parametrize("text", [
    "Theo Luật số 60/2014/QH13 thì",  # no name
    "Luật sửa đổi, bổ sung một số điều của Luật Đất đai (Luật số 43/2024/QH15)",  # the amending law's number
    "Luật sửa đổi, bổ sung Luật Đất đai số 43/2024/QH15".replace("Luật Đất", "luật đất"),  # lower case
    "Luật Đất đai năm 2024 (thay thế Luật số 45/2013/QH13)",
    "**Luật Hộ tịch** số 60/2014/QH13",  # emphasis marks: not read, rather than half read
    "Luật Đất đai 2024 số 31/2024/QH15",  # a digit in the name
    "Luật Đất đai (sửa đổi) số 31/2024/QH15",
    "Luật " + "Mới " * 20 + "số 31/2024/QH15",  # too long to be a name
    "Luật Đất đai ban hành ngày 18/01/2024, số 31/2024/QH15",
    "Nghị định số 100/2019/NĐ-CP",  # a decree's subject follows its number
    # Found by a hostile review (session 22): each gave a wrong name.
    "của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng (Luật số 43/2024/QH15)",
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14",
    "Luật sửa đổi Bộ luật Hình sự (Luật số 12/2017/QH14)",
    "Luật Đất đai mới số 31/2024/QH15",
    "Luật Đất đai được Quốc hội thông qua với số 31/2024/QH15",
    "Luật Đất đai và Luật Nhà ở (Luật số 31/2024/QH15, Luật số 27/2023/QH15)",
    "Luật Hộ tịch hiện hành số 60/2014/QH13",
])
def test_no_name_rather_than_a_wrong_one(text):
    assert set(names(text).values()) == {""}


def test_hostile_text_before_a_number_is_read_in_bounded_time():
    text = ("Luật A, " * 50_000) + "số 31/2024/QH15"
    assert names(text) == {"31/2024/QH15": ""}
    # Spaces before every number: the tail's search once cost 200² steps a number (2 s for 300 KB).
    unit = "Luật A" + " " * 190 + "số 1/2024/QH15 "
    page = unit * (300_000 // len(unit))
    started = time.process_time()
    assert set(names(page).values()) <= {""}
    assert time.process_time() - started < 2.0


def _corpus(files, registry=None):
    site = SITE if registry is None else replace(SITE, registry=registry)
    corpus, _ = build_corpus(files, site, URLS)
    return corpus


def test_the_list_of_documents_names_a_law_by_what_its_pages_write():
    files = {
        "tin-tuc/a.md": doc("Bài A", body="Theo Luật Hộ tịch năm 2014 (Luật số 60/2014/QH13).\n"),
        "tin-tuc/b.md": doc("Bài B", body="Luật Hộ tịch số 60/2014/QH13 và Luật Đất đai số 31/2024/QH15.\n"),
        "tin-tuc/c.md": doc("Bài C", body="Luật Hộ tich số 60/2014/QH13 (a typo, outvoted).\n"),
        "tin-tuc/d.md": doc("Bài D", body="Luật Nhà ở số 27/2023/QH15.\n", draft=True),  # drafts name nothing
        "tin-tuc/e.md": doc("Bài E", body="Xem thêm Luật số 27/2023/QH15.\n"),
    }
    corpus = _corpus(files)
    assert corpus.document_label("60-2014-qh13") == "Luật số 60/2014/QH13: Luật Hộ tịch"
    assert corpus.document_label("31-2024-qh15") == "Luật số 31/2024/QH15: Luật Đất đai"
    assert corpus.document_label("27-2023-qh15") == "Luật số 27/2023/QH15"


def test_a_registered_title_wins_over_a_written_name():
    registry, errors = Registry.from_config([{"number": "31/2024/QH15", "title": "Luật Đất đai (bản chính thức)"}])
    assert errors == []
    files = {"tin-tuc/a.md": doc("Bài A", body="Luật Đất đai mới số 31/2024/QH15.\n")}
    corpus = _corpus(files, registry)
    assert corpus.document_label("31-2024-qh15") == "Luật số 31/2024/QH15: Luật Đất đai (bản chính thức)"


def test_a_built_site_names_the_law_on_its_page_in_the_list_and_in_the_tooltip(tmp_path):
    """End to end, `mkdocs build --strict`: the name a page writes reaches /van-ban/, the
    document's own page and the tooltip of every link to it, also on a page that writes only
    the number."""
    import html as htmllib
    import re

    from sitekit import article, build, read, write_site

    root = write_site(tmp_path / "s", {
        "tin-tuc/a.md": article("Bài A", body="Theo Luật Hộ tịch năm 2014 (Luật số 60/2014/QH13), ai cũng được khai sinh.\n"),
        "tin-tuc/b.md": article("Bài B", date="2024-06-01", body="Xem Luật số 60/2014/QH13.\n"),
    })
    build(root)
    listed = htmllib.unescape(read(root, "van-ban/index.html"))
    assert "Luật số 60/2014/QH13: Luật Hộ tịch" in listed
    own = read(root, "van-ban/60-2014-qh13/index.html")
    assert re.search(r"<h1[^>]*>Luật số 60/2014/QH13: Luật Hộ tịch</h1>", own), own[own.find("<h1"):][:200]
    for page in ("tin-tuc/bai-a/index.html", "tin-tuc/bai-b/index.html"):
        assert 'title="Luật Hộ tịch (60/2014/QH13)">60/2014/QH13</a>' in read(root, page), page


def test_a_document_page_states_no_status_the_site_has_not_set(tmp_path):
    """"Tình trạng: Chưa có thông tin" under the current land law made the page look unreliable
    (a reader's review, session 22): no status set, no row; a status set, its row."""
    from sitekit import article, build, read, write_site

    root = write_site(tmp_path / "s", {
        "tin-tuc/a.md": article("Bài A", body="Luật số 31/2024/QH15 và Luật số 35/2013/QH13.\n"),
    }, documents=[{"number": "31/2024/QH15", "title": "Luật Đất đai", "issuer": "Quốc hội"},
                  {"number": "35/2013/QH13", "title": "Luật Hòa giải ở cơ sở", "status": "con-hieu-luc"}])
    build(root)
    unset = read(root, "van-ban/31-2024-qh15/index.html")
    assert "Cơ quan ban hành" in unset and "Tình trạng" not in unset and "Chưa có thông tin" not in unset
    assert "<dt>Tình trạng</dt>\n    <dd>Còn hiệu lực</dd>" in read(root, "van-ban/35-2013-qh13/index.html")


def test_laws_replaced_alike_get_one_notice(tmp_path):
    """An article citing a law and its amendment, both replaced by one new law, opened with two
    notices naming the same replacement (a second review, session 22): one notice for both; a
    law replaced by another gets its own."""
    import re

    from sitekit import article, build, read, write_site

    root = write_site(tmp_path / "s", {
        "tin-tuc/a.md": article("Bài A", body="Luật số 80/2015/QH13, Luật số 63/2020/QH14, Luật số 45/2013/QH13.\n"),
        "tin-tuc/b.md": article("Bài B", date="2024-06-01", body="Luật số 64/2025/QH15 và Luật số 31/2024/QH15.\n"),
    }, documents=[
        {"number": "64/2025/QH15", "title": "Luật Ban hành văn bản quy phạm pháp luật"},
        {"number": "80/2015/QH13", "title": "Luật 2015", "replaced_by": "64/2025/QH15"},
        {"number": "63/2020/QH14", "title": "Luật 2020", "replaced_by": "64/2025/QH15"},
        {"number": "31/2024/QH15", "title": "Luật Đất đai"},
        {"number": "45/2013/QH13", "title": "Luật Đất đai năm 2013", "replaced_by": "31/2024/QH15"},
    ])
    build(root)
    notices = [" ".join(re.sub(r"<[^>]+>", "", n).split())
               for n in re.findall(r'<p class="bt-notice" role="note">(.*?)</p>', read(root, "tin-tuc/bai-a/index.html"), re.S)]
    assert notices == [
        "Lưu ý: Luật số 80/2015/QH13 (Luật 2015) và Luật số 63/2020/QH14 (Luật 2020) được nhắc đến trong bài này "
        "đã hết hiệu lực; văn bản thay thế: Luật số 64/2025/QH15.",
        "Lưu ý: Luật số 45/2013/QH13 (Luật Đất đai năm 2013) được nhắc đến trong bài này đã hết hiệu lực; "
        "văn bản thay thế: Luật số 31/2024/QH15.",
    ], notices
