"""'Tin liên quan': items sharing tags, cited documents, title words or category (issue 4).

Scored through inverted indexes built once per build, never by comparing every pair:
a page costs the length of a few capped posting lists, so 10,000 articles stay linear.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from itertools import chain, compress

from bantin.site.corpus import Corpus
from bantin.content.model import Item
from bantin.text.vi import fold, syllables

WEIGHTS = {"tag": 3, "doc": 4, "word": 1}  # whole numbers: a posting list is counted that many times
CATEGORY_BONUS = 0.5  # below 1: it orders items of equal score, never lifts one above another
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
        for found in self.postings.values():
            del found[POSTING_CAP:]

    @staticmethod
    def _keys(corpus: Corpus, item: Item) -> list[tuple[str, str]]:
        keys = [("tag", t.slug) for t in item.tags]
        keys += [("doc", d) for d in corpus.cites.get(item.path, ())]
        keys += [("word", w) for w in title_words(item)]
        return keys

    def related(self, path: str, count: int = COUNT) -> list[str]:
        """Paths of the best `count` other items; ties go to the newer one."""
        lists = [self.postings.get(key, ()) for key in self.keys.get(path, ()) for _ in range(WEIGHTS[key[0]])]
        scores = Counter(chain.from_iterable(lists))  # counted in C: the weights are repeats
        scores.pop(path, None)
        candidates = list(scores)
        if len(candidates) > count:
            # Scores are whole and the category bonus is below 1: an item scoring under the
            # count-th best score is outranked by at least `count` others. Filtered in C.
            floor = heapq.nlargest(count, scores.values())[-1]
            candidates = list(compress(candidates, map(floor.__le__, scores.values())))
        category, info = self.info[path][0], self.info

        def rank(other: str) -> tuple[float, float, str]:
            bonus = CATEGORY_BONUS if info[other][0] == category else 0
            return -(scores[other] + bonus), info[other][1], other

        return heapq.nsmallest(count, candidates, key=rank)

    def all(self) -> dict[str, list[str]]:
        """Every published item's related paths (run in the worker)."""
        return {path: self.related(path) for path in self.keys}

