"""«Có phải bạn muốn tìm: khai sinh?»: a syllable typed wrong, fixed from the index (search/suggest.py).

On the sample site (session 34's reader trial: «khai sihn», «phap luatt» found nothing of the word)."""

from __future__ import annotations

import time

import pytest

from bantin.search.reader import load_search_index
from bantin.search.suggest import distance


@pytest.fixture(scope="module")
def index_dir(sample_sites):
    return sample_sites[0] / "assets" / "search"


@pytest.mark.parametrize("typed, meant", [
    ("khai sihn", "khai sinh"),  # two letters swapped
    ("phap luatt", "phap luat"),  # one letter more: folded, as typed
    ("pháp luậtt", "pháp luật"),  # typed with marks: the site's usual form
    ("Khai SIHN", "Khai SINH"),  # the reader's capitals kept
    ("hoa giia", "hoa giai"),
    ("đăng ký khai snh", "đăng ký khai sinh"),  # one letter less
    ("<b>khai</b> sihn", "<b>khai</b> sinh"),  # the other words exactly as typed (the page shows text, not HTML)
])
def test_a_word_typed_wrong_is_fixed_from_the_same_shard(index_dir, typed, meant):
    index = load_search_index(index_dir)
    before = index.search(typed)
    fetched = list(index.fetched)
    assert index.suggest(typed) == meant
    assert index.fetched == fetched  # no file the search had not read
    assert index.search(typed) == before  # and the results as they were


@pytest.mark.parametrize("typed, meant", [
    ("khai isnh", "khai sinh"),  # the first two letters swapped: «isnh» sorts among the i's
    ("hoa igai", "hoa giai"),
    ("Khai ISNH", "Khai SINH"),
])
def test_a_typo_in_the_first_letters_is_fixed_from_one_shard_more(index_dir, typed, meant):
    """Session 35 looked only in the typed word's own u/ shard: a typo in its first letters
    sorts far from the word meant, and got nothing. When the own shard has no near syllable,
    one shard more is read (suggest.other_shard), never while typing; results unchanged."""
    index = load_search_index(index_dir)
    before = index.search(typed)
    fetched = list(index.fetched)
    assert index.suggest(typed) == meant
    extra = index.fetched[len(fetched):]
    assert len(extra) == 1 and extra[0].startswith("u/"), extra
    assert index.search(typed) == before
    typing = load_search_index(index_dir)
    typing.search(typed, prefix=True)
    fetched = list(typing.fetched)
    assert typing.suggest(typed, prefix=True) is None and typing.fetched == fetched


def test_one_shard_more_at_most_for_a_query(index_dir):
    """Two such typos pointing to two shards: the first word's is read, the other word waits."""
    index = load_search_index(index_dir)
    index.search("khai isnh hoa igai")
    fetched = list(index.fetched)
    assert index.suggest("khai isnh hoa igai") == "khai sinh hoa igai"
    assert len(index.fetched) == len(fetched) + 1


def test_the_other_shard_is_where_most_neighbours_of_a_syllables_shape_sort():
    from bantin.search.suggest import edits, other_shard

    bounds = ["d", "k", "s", "t"]  # shard n holds terms from bounds[n - 1] up to bounds[n]
    def shard_of(term: str) -> int:
        return sum(b <= term for b in bounds)

    assert other_shard("isnh", shard_of("isnh"), shard_of) == shard_of("sinh")
    assert other_shard("sinh", None, shard_of) is None
    assert other_shard("xyzq", shard_of("xyzq"), shard_of) is None  # no neighbour of a syllable's shape
    assert "sinh" in edits("isnh") and "isnh" not in edits("isnh") and len(edits("ab")) == len(set(edits("ab")))


@pytest.mark.parametrize("query", [
    "khai sinh", "phap luat", "pháp luật", "hòa giải ở cơ sở",  # every word found
    "80/2015/QH13", "432/QD-UBNDD", "31/2024/QH15x", "dieu 5555",  # numbers and document numbers
    "s" * 300, "khai " + "x" * 300,  # a 300-letter word: no Vietnamese syllable is near it
    "xyzq",  # nothing near
    "tôi muốn làm giấy khai sihn cho con thì làm sao",  # a question: ranked, not fixed
    "", "!!!", "tn",  # too short to guess
    "thuế đất", "thue dat", "khủng long", "khung long",  # words the sample never uses: words all the same (was «thực đất»)
])
def test_no_suggestion(index_dir, query):
    assert load_search_index(index_dir).suggest(query) is None


def test_a_hostile_query_costs_little(index_dir):
    index = load_search_index(index_dir)
    started = time.process_time()
    assert index.suggest(("khai sihn " + "y" * 300 + " ") * 3) is None  # a question by its length
    assert index.suggest("sihn" + "<script>alert(1)</script>" * 80) is None
    assert time.process_time() - started < 1


def test_while_typing_the_last_word_is_fixed_only_when_nothing_begins_so(index_dir):
    index = load_search_index(index_dir)
    assert index.suggest("khai si", prefix=True) is None  # «sinh», «sinh» …: still being typed
    assert index.suggest("khai sihn", prefix=True) == "khai sinh"  # no syllable begins «sihn»
    assert index.suggest("phap luatt hoa", prefix=True) == "phap luat hoa"


@pytest.mark.parametrize("word, shape", [
    ("thue", True), ("khung", True), ("nghieng", True), ("quyen", True), ("khuyu", True), ("nguoi", True),
    ("ruou", True), ("gia", True), ("giup", True), ("oach", True), ("yeu", True), ("khuya", True),
    ("sihn", False), ("luatt", False), ("giia", False), ("giaii", False), ("snh", False), ("phpa", False),
    ("hoaf", False), ("covid", False), ("xyzq", False),
])
def test_the_shape_of_a_syllable(word, shape):
    from bantin.search.suggest import SYLLABLE

    assert bool(SYLLABLE.fullmatch(word)) == shape


@pytest.mark.parametrize("a, b, d", [
    ("sinh", "sihn", 1), ("luat", "luatt", 1), ("luat", "lat", 1), ("luat", "loat", 1),
    ("sinh", "sinh", 0), ("sinh", "snih", 1), ("sinh", "hnis", 2), ("luat", "ltt", 2), ("ab", "abcdef", 2), ("x" * 300, "xinh", 2),
])
def test_distance(a, b, d):
    assert distance(a, b, 1) == d
