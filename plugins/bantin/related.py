"""'Tin liên quan': items sharing tags, cited documents, title words or category (issue 4).

Scored through inverted indexes built once per build, never by comparing every pair:
a page costs the length of a few capped posting lists, so 10,000 articles stay linear.
"""

from __future__ import annotations

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
        by_path: dict[str, Item] = {}
        for key in self._keys(item):
            for other in self.postings.get(key, ())[:POSTING_CAP]:
                scores[other.path] += WEIGHTS[key[0]]
                by_path[other.path] = other
        scores.pop(item.path, None)
        for path in scores:
            if item.category and by_path[path].category == item.category:
                scores[path] += WEIGHTS["category"]
        ranked = sorted(scores, key=lambda p: (-scores[p], -by_path[p].date.timestamp(), p))
        return [by_path[p] for p in ranked[:count]]
