"""A question's first page looked at again with the shown text (search/recheck.py, issue 16)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from bantin.search.codec import IDF_SCALE
from bantin.search.reader import load_search_index
from bantin.search.recheck import (
    LENGTH_SAMPLE, PAGE_SIZE, WEIGHT, bm25, question_terms, reorder, shown_length, shown_text, term_idf, text_terms,
)
from bantin.search.terms import BIGRAM, MAX_QUESTION_SYLLABLES, analyze
from bantin.search.writer import build_search_index
from search_support.samples import SAMPLE_DOCS


def folded(text: str) -> list[str]:
    return [f for _, f in analyze(text)]


def order(*args, **kwargs) -> list[int]:
    """The positions `reorder` puts first to last."""
    return [i for i, _ in reorder(*args, **kwargs)]


def test_question_terms_are_syllables_and_pairs_once_each_in_utf16_order():
    terms = question_terms(folded("hòa giải hòa giải ở đâu"))
    assert terms == ("dau", "giai", "hoa", "o", f"{BIGRAM}giai hoa", f"{BIGRAM}giai o", f"{BIGRAM}hoa giai",
                     f"{BIGRAM}o dau")


def test_question_terms_read_as_far_as_the_question_plan():
    many = [f"t{n}" for n in range(MAX_QUESTION_SYLLABLES + 20)]
    terms = question_terms(many)
    assert f"t{MAX_QUESTION_SYLLABLES - 1}" in terms and f"t{MAX_QUESTION_SYLLABLES}" not in terms


def test_text_terms_count_syllables_and_pairs_folded():
    counts, length = text_terms("Hòa giải, HOÀ GIẢI\nthành")
    assert counts["hoa"] == 2 and counts[f"{BIGRAM}hoa giai"] == 2 and counts[f"{BIGRAM}giai thanh"] == 1
    assert length == 5 + 4
    assert text_terms("") == (Counter(), 0)
    assert text_terms("một")[1] == 1


def test_shown_text_is_the_title_then_the_snippet():
    assert shown_text({"t": "Điều 5", "x": "Nội dung"}) == "Điều 5\nNội dung"
    assert shown_text({"t": "Chỉ tiêu đề"}) == "Chỉ tiêu đề\n"


def test_shown_length_counts_every_document_of_a_small_site_and_a_sample_of_a_large_one():
    small = [{"t": "Điều 1", "x": "một hai ba"}, {"t": "", "x": ""}, {"t": "Tin", "x": "hòa giải"}]
    assert shown_length(small) == 9 + 0 + 5
    assert shown_length([]) == 0
    large = [{"t": f"Bài {n}", "x": "lời " * (n % 37)} for n in range(LENGTH_SAMPLE * 7 + 3)]
    exact = sum(text_terms(shown_text(r))[1] for r in large)
    assert abs(shown_length(large) - exact) / exact < 0.02


def test_term_idf_prefers_the_looked_up_value_then_the_quiet_table():
    looked_up = {"toi": 70_000, f"{BIGRAM}toi pham": 90_000}
    quiet = {"toi": 70_000, "co": 3_000, "duoc": 2_000}
    assert term_idf("toi", looked_up, quiet) == 70_000
    assert term_idf("co", looked_up, quiet) == 3_000
    assert term_idf(f"{BIGRAM}toi pham", looked_up, quiet) == 90_000
    # two question words, never looked up: as if independent
    assert term_idf(f"{BIGRAM}co duoc", looked_up, quiet) == 5_000
    # in no shard and not quiet: in no document either
    assert term_idf("khunglong", looked_up, quiet) == 0
    assert term_idf(f"{BIGRAM}co khunglong", looked_up, quiet) == 0


def test_bm25_in_integers_is_plain_bm25():
    counts, length = text_terms("nghỉ hằng năm nghỉ hằng năm mười hai ngày làm việc")
    n, total = 40, 40 * 30
    idfs = [("nghi", 12_345), (f"{BIGRAM}hang nam", 23_456), ("vang", 9_999)]
    k1, b, avg = 1.2, 0.75, total / n
    expected = sum(w * counts[t] * (k1 + 1) / (counts[t] + k1 * (1 - b + b * length / avg))
                   for t, w in idfs if counts[t])
    assert math.isclose(bm25(counts, length, idfs, n, total), expected, rel_tol=1e-12)
    assert bm25(counts, length, [("vang", 9_999)], n, total) == 0.0


def test_reorder_puts_the_text_that_answers_above_a_title_match():
    question = "người lao động làm việc đủ mười hai tháng được nghỉ hằng năm bao nhiêu ngày"
    texts = [
        "Điều 97. Tiền lương làm thêm giờ\nNgười lao động làm thêm giờ được trả lương.",
        "Điều 113. Nghỉ hằng năm\nNgười lao động có đủ 12 tháng làm việc cho một người sử dụng lao động "
        "thì được nghỉ hằng năm, hưởng nguyên lương: 12 ngày làm việc.",
    ]
    terms = question_terms(folded(question))
    quiet = {t: 1_000 for t in folded(question)}
    assert order([1.0, 0.95], texts, terms, {}, quiet, n_docs=100, total=100 * 40) == [1, 0]


def test_reorder_weighs_the_first_stage_too_and_keeps_ties_in_order():
    texts = ["hòa giải", "hòa giải"]
    terms = question_terms(folded("hòa giải ở cơ sở là gì"))
    assert order([1.0, 0.5], texts, terms, {}, {"hoa": 5_000, "giai": 5_000}, 10, 100) == [0, 1]
    assert order([0.7, 0.7], texts, terms, {}, {"hoa": 5_000, "giai": 5_000}, 10, 100) == [0, 1]
    # nothing of the question in the texts: the ranking's order
    assert order([0.2, 0.9, 0.5], ["a", "b", "c"], terms, {}, {}, 10, 100) == [1, 2, 0]
    assert order([], [], terms, {}, {}, 10, 100) == []


def test_bm25_counts_twice_the_first_stage():
    # Equal first-stage scores: the text decides. A page where one item has twice the other's
    # BM25 but 60 % of its first-stage score still wins by WEIGHT.
    terms = question_terms(folded("nghỉ hằng năm"))
    texts = ["nghỉ hằng năm nghỉ hằng năm nghỉ hằng năm", "nghỉ"]
    ranked = reorder([0.6, 1.0], texts, terms, {}, {"nghi": 10_000, "hang": 10_000, "nam": 10_000}, 10, 50)
    assert WEIGHT == 2 and [i for i, _ in ranked] == [0, 1]
    # the best text counts WEIGHT, the best first-stage score 1
    assert ranked[0][1] == 0.6 / 1.0 + WEIGHT and 1.0 < ranked[1][1] < 1.0 + WEIGHT


def test_the_manifest_carries_the_quiet_idf_and_the_shown_length(tmp_path):
    build_search_index(SAMPLE_DOCS, tmp_path)
    index = load_search_index(tmp_path)
    m = index.manifest
    total = 0
    for n in range(m["n"]):
        total += text_terms(shown_text(index.doc(n)))[1]
    assert m["shownTerms"] == total > 0
    pairs = m["quietIdf"]
    assert isinstance(pairs, list) and [t for t, _ in pairs] == sorted(t for t, _ in pairs)
    quiet = dict(pairs)
    assert "cho" in quiet and "hoi" in quiet  # question words of the sample questions
    assert all(" " not in t and not t.startswith(BIGRAM) for t in quiet)
    # the same idf as the shards give for the syllable when a question looks it up
    found = index.term("cho")
    assert found is not None and quiet["cho"] == found.idf
    assert all(0 < v < 20 * IDF_SCALE for v in quiet.values())


def test_only_a_question_s_first_page_changes_order(tmp_path):
    docs = list(SAMPLE_DOCS) + [
        replace(SAMPLE_DOCS[0], url=f"/tin-tuc/bai-{n}/", title=f"Hòa giải ở cơ sở bài {n}", text="hòa giải " * n)
        for n in range(1, 15)
    ]
    build_search_index(docs, tmp_path)
    index = load_search_index(tmp_path)
    question = "tổ hòa giải ở cơ sở có bao nhiêu hòa giải viên"
    result = index.search(question)
    page = index.page_hits(question)
    assert result.question and len(result.hits) > PAGE_SIZE
    assert sorted(h.id for h in page[:PAGE_SIZE]) == sorted(h.id for h in result.hits[:PAGE_SIZE])
    assert page[PAGE_SIZE:] == result.hits[PAGE_SIZE:]
    assert page[:PAGE_SIZE] != result.hits[:PAGE_SIZE]
    keywords = index.search("hòa giải")
    assert not keywords.question and index.page_hits("hòa giải") == keywords.hits


def test_a_filtered_first_page_is_looked_at_again_after_filtering(tmp_path):
    """The search page filters, then looks at its first page again: not the unfiltered first
    page's order with the other kinds taken out."""
    build_search_index(SAMPLE_DOCS, tmp_path)
    index = load_search_index(tmp_path)
    question, kind = "cty nợ bhxh rồi tôi đuổi việc có được không", "tin-bai"
    page = index.page_hits(question, kind=kind)
    assert page and all(index.keep(h.id, kind=kind) for h in page)
    kept = [h for h in index.search(question).hits if index.keep(h.id, kind=kind)]
    assert sorted(h.id for h in page) == sorted(h.id for h in kept)
    unfiltered_then_kept = [h.id for h in index.page_hits(question) if index.keep(h.id, kind=kind)]
    assert [h.id for h in page] != unfiltered_then_kept
    assert [h.id for h in page] != [h.id for h in kept]
