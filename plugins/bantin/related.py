"""'Tin liên quan': items sharing tags, cited documents, title words or category (issue 4).

Scored through inverted indexes built once per build, never by comparing every pair:
a page costs the length of a few capped posting lists, so 10,000 articles stay linear.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from itertools import chain

from .corpus import Corpus
from .model import Item
from .vi import fold, syllables

WEIGHTS = {"tag": 3, "doc": 4, "word": 1}  # whole numbers: a posting list is counted that many times
CATEGORY_BONUS = 0.5
POSTING_CAP = 150  # a word or tag shared with thousands of items says little; read the newest only
COUNT = 5
STOP = frozenset(fold(w) for w in (
    "và", "của", "cho", "các", "những", "về", "tại", "với", "trong", "năm", "ngày", "được", "là", "có", "một",
    "đến", "theo", "từ", "người", "tỉnh", "huyện", "xã", "sở", "tư", "pháp", "luật", "đợt", "số"))


def title_words(item: Item) -> set[str]:
    return {fold(s) for s in syllables(item.title) if len(s) > 1 and not s.isdigit()} - STOP


class RelatedIndex:
    """Inverted indexes over the listed items of one corpus, by path only.

    Plain strings and numbers, so the index pickles cheaply to the background worker,
    which ranks every item's list while the build converts Markdown (`all`).
    """

    def __init__(self, corpus: Corpus):
        self.postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.keys = {item.path: self._keys(corpus, item) for item in corpus.published}
        self.info = {item.path: (item.category.slug if item.category else None, -item.date.timestamp())
                     for item in corpus.published}
        for item in corpus.listed:  # newest first, so capped lists keep the newest
            for key in self.keys[item.path]:
                self.postings[key].append(item.path)

    @staticmethod
    def _keys(corpus: Corpus, item: Item) -> list[tuple[str, str]]:
        keys = [("tag", t.slug) for t in item.tags]
        keys += [("doc", d) for d in corpus.cites.get(item.path, ())]
        keys += [("word", w) for w in title_words(item)]
        return keys

    def related(self, path: str, count: int = COUNT) -> list[str]:
        """Paths of the best `count` other items; ties go to the newer one."""
        lists = [self.postings.get(key, ())[:POSTING_CAP] for key in self.keys.get(path, ())
                 for _ in range(WEIGHTS[key[0]])]
        scores = Counter(chain.from_iterable(lists))  # counted in C: the weights are repeats
        scores.pop(path, None)
        # Only the best few can be lifted by the small category bonus: rank those alone.
        category, info = self.info[path][0], self.info

        def rank(pair: tuple[str, int]) -> tuple[float, float, str]:
            other, score = pair
            return -(score + (CATEGORY_BONUS if info[other][0] == category else 0)), info[other][1], other

        shortlist = heapq.nlargest(count * 3, scores.items(), key=_by_score)
        return [other for other, _ in sorted(shortlist, key=rank)[:count]]

    def all(self) -> dict[str, list[str]]:
        """Every published item's related paths (run in the worker)."""
        return {path: self.related(path) for path in self.keys}


def _by_score(pair: tuple[str, int]) -> tuple[int, str]:
    return pair[1], pair[0]
