"""The browser engine (bantin-search.js with lunr.js 2.3.9, run in node) answers exactly as the
Python mirror does on the same files: same documents, same order, same scores, same shards."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace

import pytest

from bantin.search import writer
from bantin.search.reader import load_search_index, read_script
from bantin.search.terms import analyze
from bantin.search.writer import build_search_index
from search_support.corpus import mixed_docs
from search_support.node import node_available, run_node
from search_support.samples import EXPECTED_FIRST, SAMPLE_DOCS

pytestmark = pytest.mark.skipif(not node_available(), reason="node and node_modules/lunr are needed (make test installs them)")

QUERIES = [(q, False) for q in EXPECTED_FIRST] + [
    ("hoa giai", False), ("hòa giải", False), ("hoà giải", False), ("HÒA GIẢI Ở CƠ SỞ", False),
    ("phap lu", True), ("hoa gi", True), ("t", True), ("dieu 5", True), ("tổ hòa giải có bao nhiêu", True),
    ("đất đai khủng long", False), ("zzz", False), ("", False), ("!!!", False), ("09/2019", False),
    # the fallback without question words (session 18): nothing, or what the other words find
    ("xyzabc không có", False), ("xyzabc khong co", False), ("đất đai khủng long có không", False),
    ("khủng long có", True), ("có không vậy", False),
    # typed with marks: required as typed, but the word being typed (session 28)
    ("hóa giải", False), ("di chúc", False), ("hòa giảy cơ sở", False), ("hòa giải cơ s", True), ("hòa gi", True),
    ("hòa giãi", False), ("giãi", False), ("hòa giãi", True), ("di chú", True), ("bão hiểm", False),
    # few items with every word of three: those with some follow (session 29); typed, not
    ("đơn ly hôn", False), ("don ly hon", False), ("thủ tục ly hôn", False), ("đơn ly hôn", True),
    ("hòa giải viên thù lao", False), ("kết hôn", False), ("đất đai khủng long có", False),
    (unicodedata.normalize("NFD", "Điều 5 Luật Hòa giải"), False),
    # a final 'y' after consonants meets its 'i' (session 34)
    ("đăng kí khai sinh", False), ("lí lịch tư pháp", False), ("li hôn", False), ("qui định", True),
    ("thủy lợi", False), ("Mĩ", False),
    # Questions (issue 16): ranked, stop words and common syllables not looked up alone.
    ("Cho tôi hỏi tổ hòa giải ở thôn có bao nhiêu hòa giải viên ạ?", False),
    ("cho toi hoi to hoa giai o thon co bao nhieu hoa giai vien a", True),
    ("có được không như thế nào ạ vậy", False),
    ("theo Điều 5 Luật Hòa giải ở cơ sở 35/2013/QH13 thì hòa giải viên phải làm gì", False),
    (" ".join(["đất đai pháp luật hòa giải"] * 30), False),
    ("sổ đỏ bị mất thì xin cấp lại ở đâu", False), ("so do bi mat thi xin cap lai o dau", False),
    ("cty nợ bhxh rồi tôi đuổi việc có được không", False),
    # A pasted page: cut at 2,000 code points in both (astral characters count one each).
    ("𝒳😀 " * 600 + "hòa giải " * 300, False), ("hòa 😀 " * 330 + "đất đai " * 100, False),
    ("hòa giải" + "😀" * 1992 + " đất đai là gì có được không", False),
    ("hòa giải" + "😀" * 1000 + " đất đai là gì có được không", False),
    # a syllable typed wrong: «Có phải bạn muốn tìm» from the same shard (session 35)
    ("phap luatt", False), ("pháp luậtt", False), ("phap lauat", False), ("hoa giia", False), ("HÒA GIẢII", False),
    ("Dat dia 31/2024/QH15", False), ("phap luatt", True), ("phap luatt hoa", True), ("hoa giia", True),
    ("<b>hoa</b> giia", False), ("x" * 300, False), ("qqqq zzzz", False), ("luatt 432/QD-UBNDD", False),
    ("phap luatt cho tôi hỏi có được không", False),
    ("thuế đất", False), ("thue dat", True), ("khung long", False), ("hoaf giair", False),
    # a typo in the first letters: one u/ shard more, the first such word's, never while typing (session 36)
    ("hoa igai", False), ("hoa igai", True), ("Hòa IGẢI", False), ("ohap luat", False), ("hoa igai phap lautt", False),
    ("hoa igai ohap luatt", False), ("ohap igai", False), ("igai ohap", False),
    # a document's number in keywords: the documents' pages first (session 36)
    ("35/2013/QH13", False), ("35/2013/qh13", True), ("luật 35 / 2013 / QH13", False), ("432/QĐ-UBND", False),
    ("09-NQ/TU", False), ("nghị định 42/2022/NÐ-CP", False), ("42/2022/NĐ-CP", True), ("1/2 lương", False),
    ("5-ă", False), ("٣/2013/QH13", False),
    # short questions: a word that asks makes them ranked (session 44); one that may be another
    # word typed without marks («dau tu», «ban sao», «may») leaves keywords as they were
    ("hòa giải viên là ai", False), ("hoa giai vien la ai", False), ("hòa giải viên là ai", True),
    ("hòa giải là gì", False), ("hoa giai la gi", True), ("tổ hòa giải mấy người", False),
    ("đất đai ở đâu", False), ("dat dai o dau", False), ("đất đai đâu", False), ("dat dai dau", False),
    ("hòa giải bao lâu", False), ("hòa giải ra sao", False), ("bản sao hòa giải", False),
    ("hòa giải có được không", False), ("không có hòa giải", False), ("hòa giải chưa", False),
    ("hoa giai chua", False), ("là gì", False), ("có được không", False), ("ai", False), ("hòa ai", True),
    # one that finds nothing so is asked again as keywords, offered a fix (a review, session 44)
    ("hòa giảii là gì", False), ("hoa giia la gi", False), ("hoa giia la gi", True), ("khủng long là gì", False),
    ("ai cập", False), ("điều 5 điểm k", False), ("luật nào", False),
    # a citizen's word makes a short query a question, with the law's words (session 48); typed
    # with marks it must be the word as written («sơ đồ» stays keywords)
    ("sổ đỏ", False), ("so do", False), ("so do", True), ("sơ đồ", False), ("sơ đồ tổ chức", False),
    ("cấp sổ đỏ", False), ("so dỏ", False), ("bhxh", False), ("BHXH", True), ("nghi phep nam", False),
    ("ly dị", False), ("lý dị", False), ("sổ đỏ hòa giải", False),
    # session 49's citizen's words, and what a question word asks for in the law's words; a
    # question word inside a citizen's word is never looked up («được», «về», «có»)
    ("mấy tuổi được cưới", False), ("may tuoi duoc cuoi", False), ("về hưu", False), ("có bầu hòa giải", False),
    ("khai tử trong bao lâu", False), ("hòa giải ở đâu", False), ("chồng đánh vợ báo ai", False),
    ("lên thổ cư", False), ("len tho cu", False), ("giấy tờ gì", False),
    # capitals, NFD, two citizens' words, one key inside another («bán đất» in «mua bán đất»),
    # a question word's key alone, and keys while they are typed (a review, session 49)
    ("SỔ ĐỎ", False), ("Bao Lâu", False), (unicodedata.normalize("NFD", "sổ đỏ ở đâu"), False),
    ("sổ đỏ bao lâu", False), ("mua bán đất", False), ("tách sổ đỏ", False), ("ở đâu", False),
    ("bao lâu", False), ("được cưới", False), ("DAM CUOI", False), ("đám cưới", True), ("thổ cư", True),
    ("khong de con", False), ("ve huu bao lau", False),
]
TEXTS = ["Hoà giải ở cơ sở, THUỶ lợi", unicodedata.normalize("NFD", "Pháp luật đất đai"),
         "42/2022/NÐ-CP và 09/2019/TT-BTP", "về việc được quý khoẻ", "snake_case x² ½ ٣"]


def compare(index_dir, queries, lunr_limit=None):
    """Asserts the two engines agree; returns how many first pages the second look reordered."""
    js = run_node(index_dir, queries, lunr_limit=lunr_limit)["results"]
    reordered = 0
    for (query, prefix), got in zip(queries, js):
        index = load_search_index(index_dir)
        expected = index.search(query, prefix)
        fetched = list(index.fetched)
        assert got["suggest"] == index.suggest(query, prefix), query
        extra = index.fetched[len(fetched):]  # one u/ shard at most, the same in both, none while typing
        assert index.fetched[:len(fetched)] == fetched and len(extra) <= (0 if prefix else 1), query
        assert all(f.startswith("u/") for f in extra), query
        assert got["suggestLoaded"] == got["loaded"] + [f[:-3] for f in extra], query
        assert got["hits"] == [[h.id, h.score] for h in expected.hits], query
        assert got["approximate"] == expected.approximate, query
        assert got["folded"] == expected.folded, query
        assert got["whole"] == expected.whole, query
        assert sorted(got["loaded"]) == sorted(f[:-3] for f in fetched), query
        page = index.page_hits(query, prefix)[:10]
        assert got["page"] == [h.id for h in page], query
        assert got["pageUrls"] == [index.doc(h.id)["u"] for h in page], query
        assert got["question"] == expected.question, query
        assert got["share"] == (expected.share if expected.question else None), query  # the page's "may not answer"
        if expected.question and len(page) > 1:  # the second look's own scores, not only its order
            assert got["pageScores"] == [h.score for h in page], query
        reordered += got["page"] != [h.id for h in expected.hits[:10]]
    return reordered


def test_pipeline_twin():
    assert run_node(".", analyze=TEXTS)["analyzed"] == [[list(p) for p in analyze(t)] for t in TEXTS]


def test_same_answers_on_the_samples(tmp_path):
    build_search_index(SAMPLE_DOCS, tmp_path)
    assert compare(tmp_path, QUERIES) >= 5  # questions' first pages reordered alike (recheck)


def test_same_answers_across_many_small_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "SHARD_TARGET", 300)
    monkeypatch.setattr(writer, "DOC_GROUP", 3)  # result documents from many small d/ files
    stats = build_search_index([*SAMPLE_DOCS, *mixed_docs(400)], tmp_path)
    assert stats.shards > 50
    compare(tmp_path, QUERIES)


def test_same_answers_with_proto_as_a_word(tmp_path):
    """`__proto__` is a syllable (letters and `_`): in the manifest's quiet idf (common here)
    and in a question's found terms it must stay a key in the browser too."""
    base = SAMPLE_DOCS[0]
    docs = [replace(base, url=f"/tin-tuc/p{n}/", title=f"Tin __proto__ {n}", text=f"__proto__ constructor bài {n}")
            for n in range(5)]
    docs += [replace(base, url="/tin-tuc/a/", title="Thuế môn bài", text="Thuế môn bài nộp hằng năm. xyz"),
             replace(base, url="/tin-tuc/b/", title="Thuế môn bài", text="Thuế môn bài nộp hằng năm. __proto__")]
    build_search_index(docs, tmp_path)
    assert "__proto__" in dict(load_search_index(tmp_path).manifest["quietIdf"])
    compare(tmp_path, [("thuế môn bài __proto__ nộp khi nào vậy", False),
                       ("thuế môn bài constructor hasOwnProperty nộp khi nào", False)])
    build_search_index([*SAMPLE_DOCS, *docs[5:]], tmp_path)  # rare: looked up, not quiet
    compare(tmp_path, [("thuế môn bài __proto__ nộp khi nào vậy", False)])


def test_a_manifest_of_another_shape_does_not_stop_the_browser(tmp_path):
    # A page that kept an older or newer manifest: without `quietIdf`, or with an object.
    build_search_index(SAMPLE_DOCS, tmp_path)
    path = tmp_path / "manifest.js"
    key, manifest = read_script(path)
    for quiet in ({"cho": 5}, None):
        manifest["quietIdf"] = quiet
        path.write_text(f'__bantinSearch.load("{key}",{json.dumps(manifest)});\n', encoding="utf-8")
        got = run_node(tmp_path, [("cho tôi hỏi tổ hòa giải có bao nhiêu người", False)])["results"][0]
        assert got["question"] and len(got["page"]) > 1


# A manifest's synonyms of another shape: older (two fields), hand-edited or cut short.
ODD_SYNONYMS = [
    [["so do", "giay chung nhan quyen su dung dat"]], [None, 5, "abc", [], [""], ["", "", ""]],
    [["so do", "giay chung nhan", 5]], [["so do", "giay chung nhan", "sổ"]], [["so do", "giay chung nhan", None]],
    [[5, "giay", "x"]], [["so do", 5, "sổ đỏ"]], {"so do": "giay"}, None, [["so  do", "giay  chung", "sổ  đỏ"]],
]


@pytest.mark.parametrize("synonyms", ODD_SYNONYMS, ids=range(len(ODD_SYNONYMS)))
def test_odd_synonyms_in_the_manifest_stop_neither_engine(tmp_path, synonyms):
    """Each reader keeps the entries it can use (a key and its expansion as strings; the key
    as analysed only with as many words as the key) and answers as the other: before, a
    `null` or a number threw in both, a short third field only in Python (review, session 48)."""
    build_search_index(SAMPLE_DOCS, tmp_path)
    path = tmp_path / "manifest.js"
    key, manifest = read_script(path)
    manifest["synonyms"] = [*synonyms, ["hoa giai", "phap luat", "hòa giải"]] if isinstance(synonyms, list) else synonyms
    path.write_text(f'__bantinSearch.load("{key}",{json.dumps(manifest)});\n', encoding="utf-8")
    compare(tmp_path, [("sổ đỏ", False), ("so đỏ", False), ("so do", False), ("hòa giải", False),
                       ("sổ đỏ mất thì xin cấp lại ở đâu", False)])
    if isinstance(synonyms, list):  # the usable entry after the odd ones still counts
        assert load_search_index(tmp_path).search("hòa giải").question


def test_same_answers_when_lunr_ranks_only_the_best_candidates(tmp_path):
    # Past `lunrLimit` matches the engine orders the tail by the score lunr computes.
    build_search_index([*SAMPLE_DOCS, *mixed_docs(300)], tmp_path)
    compare(tmp_path, QUERIES, lunr_limit=3)


def test_an_index_from_before_document_files_is_still_read(tmp_path):
    """A page open across the upgrade keeps its manifest without `docGroup`, whose documents
    were one a file (d/N.js): both readers read those, not the new files (session 24)."""
    build_search_index(SAMPLE_DOCS, tmp_path)
    index = load_search_index(tmp_path)
    docs = [index.doc(i) for i in range(index.manifest["n"])]
    for i, record in enumerate(docs):
        (tmp_path / "d" / f"{i}.js").write_text(f'{writer.GLOBAL}.load("d/{i}",{json.dumps(record)});\n')
    manifest = dict(index.manifest)
    del manifest["docGroup"]
    (tmp_path / "manifest.js").write_text(f'{writer.GLOBAL}.load("manifest",{json.dumps(manifest)});\n')
    for old in (tmp_path / "d").glob("*-*.js"):
        old.unlink()  # only the old layout's files are there
    queries = [("hoa giai", False), ("Cho tôi hỏi tổ hòa giải ở thôn có bao nhiêu hòa giải viên ạ?", False)]
    compare(tmp_path, queries)
    assert load_search_index(tmp_path).doc(3) == docs[3]


def test_few_items_with_every_word_are_followed_by_those_with_some(tmp_path):
    """«đơn ly hôn» listed the one item with the three words apart, not the one on divorce,
    which lacks «đơn» (a reader's trial, session 28): fewer than FEW_WHOLE items with every
    word of three or more, and the others follow, in both engines; not while typing, and not
    for two syllables (often one word) or enough whole matches."""
    base = SAMPLE_DOCS[0]
    docs = [replace(base, url="/tin-tuc/xa/", title="Đơn vị mới", text="Cách ly dịch bệnh; nụ hôn của mẹ."),
            replace(base, url="/tin-tuc/ly-hon/", title="Thủ tục ly hôn", text="Ly hôn thuận tình nộp ở tòa án."),
            replace(base, url="/tin-tuc/ket-hon/", title="Đăng ký kết hôn", text="Kết hôn ở xã nơi cư trú."),
            *[replace(base, url=f"/tin-tuc/d{n}/", title=f"Tin đất đai {n}", text="Đất đai và quy hoạch.")
              for n in range(4)]]
    build_search_index(docs, tmp_path)
    index = load_search_index(tmp_path)
    url = lambda h: index.doc(h.id)["u"]  # noqa: E731
    found = index.search("đơn ly hôn")
    assert found.whole == 1 and [url(h) for h in found.hits[:2]] == ["/tin-tuc/xa/", "/tin-tuc/ly-hon/"]
    assert index.search("don ly hon").whole == 1
    assert index.search("đơn ly hôn", prefix=True).whole == -1  # typing: the box stays strict
    assert index.search("ly hôn").whole == -1 and index.search("đất đai quy hoạch").whole == -1
    compare(tmp_path, [("đơn ly hôn", False), ("don ly hon", False), ("đơn ly hôn", True), ("ly hôn", False),
                       ("đất đai quy hoạch", False), ("thủ tục ly hôn tòa", False)])


def test_few_items_with_the_words_folded_are_followed_by_those_with_some_too(tmp_path):
    """«thủ tục ly hôn» on the sample site: no item has the words with the marks as typed, the
    folded retry found two, and they came alone, while «thu tuc ly hon» listed the divorce
    items after them (hostile review, session 29). The retry is followed too, in both engines."""
    base = SAMPLE_DOCS[0]
    docs = [replace(base, url="/tin-tuc/xa/", title="Đơn vị mới", text="Cách ly dịch bệnh; nụ hôn của mẹ."),
            replace(base, url="/tin-tuc/ly-hon/", title="Thủ tục ly hôn", text="Ly hôn thuận tình nộp ở tòa án."),
            *[replace(base, url=f"/tin-tuc/d{n}/", title=f"Tin đất đai {n}", text="Đất đai và quy hoạch.")
              for n in range(4)]]
    build_search_index(docs, tmp_path)
    index = load_search_index(tmp_path)
    found = index.search("đơn ly hốn")  # «hốn» nowhere: folded
    assert found.folded and found.whole == 1, found
    assert [index.doc(h.id)["u"] for h in found.hits[:2]] == ["/tin-tuc/xa/", "/tin-tuc/ly-hon/"]
    assert index.search("đơn ly hốn", prefix=True).whole == -1
    compare(tmp_path, [("đơn ly hốn", False), ("đơn ly hốn", True), ("ly hốn", False)])


def test_same_answers_when_a_documents_page_comes_first(tmp_path):
    """Keywords holding a document's number list the documents' pages first (session 36), in
    the browser as in Python: a law's page and forty items citing its number more often."""
    base = SAMPLE_DOCS[0]
    law = replace(base, url="van-ban/35-2013-qh13/", title="Luật số 35/2013/QH13: Luật Hòa giải ở cơ sở",
                  kind="document", category="", category_slug="", date="", documents=("35/2013/QH13",),
                  text="Còn hiệu lực. Cơ quan ban hành: Quốc hội. 40 mục trên trang trích dẫn văn bản này.")
    citing = [replace(base, url=f"tin-tuc/bai-{n}/", title=f"Hòa giải theo Luật 35/2013/QH13, đợt {n}",
                      documents=("35/2013/QH13", "33/2013/QH13"), text="Luật số 35/2013/QH13 và 33/2013/QH13. " * 2)
              for n in range(40)]
    build_search_index([*citing, law, *SAMPLE_DOCS], tmp_path)
    queries = [("35/2013/QH13", False), ("35/2013/qh13", True), ("luật 35/2013/QH13", False), ("hòa giải 2013", False)]
    compare(tmp_path, queries)
    index = load_search_index(tmp_path)
    assert index.urls("35/2013/QH13", 1) == ["van-ban/35-2013-qh13/"]
