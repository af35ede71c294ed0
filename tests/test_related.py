"""'Tin liên quan': shared documents outweigh shared tags, which outweigh title words."""

from __future__ import annotations

import pickle

from bantin.related import RelatedIndex
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
