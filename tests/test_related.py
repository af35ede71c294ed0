"""'Tin liên quan': shared documents outweigh shared tags, which outweigh title words."""

from __future__ import annotations

import pickle

from bantin.site.related import RelatedIndex
from test_corpus import build, doc


def site():
    body = "Theo Luật Hòa giải ở cơ sở số 35/2013/QH13, hòa giải viên được hỗ trợ.\n"
    files = {
        "tin-tuc/a.md": doc("Hòa giải viên thôn Đông", "2024-05-10", tags=["hòa giải"], body=body),
        "tin-tuc/b.md": doc("Tập huấn tổ trưởng", "2024-01-01", body=body),
        "tin-tuc/c.md": doc("Một tin khác", "2024-02-01", tags=["hòa giải"]),
        "tin-tuc/d.md": doc("Thôn Bắc làm tốt", "2024-03-01"),
        "tin-tuc/e.md": doc("Thôn Nam làm tốt", "2024-04-01"),
        "tin-tuc/f.md": doc("Thôn Tây làm tốt", "2024-04-02", category="hoa-giai-o-co-so"),
        "tin-tuc/g.md": doc("Cấp phiếu lý lịch", "2024-05-09"),
    }
    corpus, problems = build(files)
    assert not problems.errors
    return corpus


def titles(corpus, paths):
    return [corpus.by_path(p).title for p in paths]


def test_ranking_weighs_documents_then_tags_then_words():
    corpus = site()
    related = titles(corpus, RelatedIndex(corpus).related("tin-tuc/hoa-giai-vien-thon-dong", count=6))
    assert related[:2] == ["Tập huấn tổ trưởng", "Một tin khác"]  # shares the law (4), the tag (3)
    assert sorted(related[2:]) == ["Thôn Bắc làm tốt", "Thôn Nam làm tốt", "Thôn Tây làm tốt"]  # a word
    assert "Cấp phiếu lý lịch" not in related and "Hòa giải viên thôn Đông" not in related


def test_among_equals_the_same_category_comes_first_then_the_newer():
    corpus = site()
    related = titles(corpus, RelatedIndex(corpus).related("tin-tuc/hoa-giai-vien-thon-dong", count=6))
    # the original is in 'Đất đai' (the default here); 'Tây' is newest but in another category
    assert related[2:] == ["Thôn Nam làm tốt", "Thôn Bắc làm tốt", "Thôn Tây làm tốt"]
    assert titles(corpus, RelatedIndex(corpus).related("tin-tuc/hoa-giai-vien-thon-dong", count=3))[2] == \
        "Thôn Nam làm tốt"


def test_the_worker_gets_a_picklable_index_and_the_same_lists():
    corpus = site()
    index = RelatedIndex(corpus)
    copy = pickle.loads(pickle.dumps(index))
    assert copy.all() == {item.path: index.related(item.path) for item in corpus.published}


def test_the_lists_are_those_of_ranking_every_candidate_in_full():
    """The shortcut (only items at or above the count-th best score are ranked) is exact."""
    import random
    from collections import Counter

    from bantin.site.related import CATEGORY_BONUS, POSTING_CAP, WEIGHTS

    rng = random.Random(7)
    words = ["hòa giải", "đất đai", "hộ tịch", "chứng thực", "thôn", "xã", "tập huấn", "cấp phiếu"]
    files = {}
    for n in range(80):
        title = " ".join(rng.sample(words, 3)) + f" {n}"
        tags = rng.sample(["hòa giải", "đất đai", "hộ tịch", "lý lịch", "trẻ em"], rng.randint(0, 2))
        laws = rng.sample(["35/2013/QH13", "31/2024/QH15", "60/2014/QH13"], rng.randint(0, 2))
        body = "".join(f"Theo Luật số {law}.\n" for law in laws) or "Nội dung.\n"
        files[f"tin-tuc/b{n}.md"] = doc(title, f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                        category=rng.choice(["dat-dai", "hoa-giai-o-co-so"]), tags=tags, body=body)
    corpus, problems = build(files)
    assert not problems.errors
    index = RelatedIndex(corpus)

    def in_full(path, count):
        scores = Counter()
        for key in index.keys[path]:
            for other in index.postings.get(key, ())[:POSTING_CAP]:
                scores[other] += WEIGHTS[key[0]]
        scores.pop(path, None)
        category = index.info[path][0]
        return sorted(scores, key=lambda o: (-(scores[o] + (CATEGORY_BONUS if index.info[o][0] == category else 0)),
                                             index.info[o][1], o))[:count]

    for path in index.keys:
        for count in (1, 5, 12):
            assert index.related(path, count) == in_full(path, count)
