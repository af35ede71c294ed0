"""'Tin liên quan': items sharing tags, cited documents, title words or category (issue 4).

Scored through inverted indexes built once per build, never by comparing every pair:
a page costs the length of a few capped posting lists, so 10,000 articles stay linear.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .model import Item
from .vi import fold, syllables

WEIGHTS = {"tag": 3.0, "doc": 4.0, "word": 1.0, "category": 0.5}
POSTING_CAP = 150  # a word or tag shared with thousands of items says little; read the newest only
STOP = frozenset(fold(w) for w in (
    "và", "của", "cho", "các", "những", "về", "tại", "với", "trong", "năm", "ngày", "được", "là", "có", "một",
    "đến", "theo", "từ", "người", "tỉnh", "huyện", "xã", "sở", "tư", "pháp", "luật", "đợt", "số"))


def title_words(item: Item) -> set[str]:
    return {fold(s) for s in syllables(item.title) if len(s) > 1 and not s.isdigit()} - STOP


@dataclass
class RelatedIndex:
    """Inverted indexes over the listed items of one corpus."""

    corpus: Corpus
    postings: dict[tuple[str, str], list[Item]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for item in self.corpus.listed:  # newest first, so capped lists keep the newest
            for key in self._keys(item):
                self.postings[key].append(item)

    def _keys(self, item: Item) -> list[tuple[str, str]]:
        keys = [("tag", t.slug) for t in item.tags]
        keys += [("doc", d) for d in self.corpus.cites.get(item.path, ())]
        keys += [("word", w) for w in title_words(item)]
        return keys

    def related(self, item: Item, count: int = 5) -> list[Item]:
        """Best `count` other items; ties go to the newer one."""
        scores: Counter = Counter()
        for key in self._keys(item):
            weight = WEIGHTS[key[0]]
            for other in self.postings.get(key, ())[:POSTING_CAP]:
                scores[other.path] += weight
        scores.pop(item.path, None)
        # Only the best few can be lifted by the small category bonus: rank those alone.
        find = self.corpus.by_path
        shortlist = [(find(path), score) for path, score in heapq.nlargest(count * 3, scores.items(), key=_by_score)]
        bonus = WEIGHTS["category"]
        ranked = sorted(shortlist, key=lambda pair: (-(pair[1] + (bonus if pair[0].category == item.category else 0)),
                                                     -pair[0].date.timestamp(), pair[0].path))
        return [other for other, _ in ranked[:count]]


def _by_score(pair: tuple[str, float]) -> tuple[float, str]:
    return pair[1], pair[0]
