"""Issue 16's bar: plain BM25 over a built site's search documents, computed offline.

The issue defines the ranking target as what plain BM25 reaches on the same questions and
documents: folded syllables plus adjacent syllable pairs, one field, k1 1.2, b 0.75, every
document sharing a term with the question ranked. `scripts/searcheval.py --bm25` ranks its
set with this beside the site's own search, so the comparison is made on one site in one
run, with and without the synthetic distractors.

The documents are those the site's search publishes (`assets/search/d/*.js`): a title and
the text kept for snippets, which is the whole text up to `SNIPPET_CHARS` (4,000) characters;
longer documents are cut there. On the evaluation site with 10,000 distractors, BM25 over
the laws' full text instead moved recall@10 and MRR@10 by 0.002-0.004 (session 13).
Tokens come from the search's own analyser, so "09" and "9" are one number here too. The
idf is Lucene's and lunr's, ln(1 + (N - df + 0.5) / (df + 0.5)), never negative; a term
repeated in the question counts once.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from bantin.search.codec import idf
from bantin.search.reader import load_search_index
from bantin.search.terms import Analyzer

K1, B = 1.2, 0.75


class Bm25:
    """An in-memory BM25 index of (url, text) documents."""

    def __init__(self, documents: Iterable[tuple[str, str]]) -> None:
        self.analyzer = Analyzer()
        self.urls: list[str] = []
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for n, (url, text) in enumerate(documents):
            terms = self.terms(text)
            self.urls.append(url)
            self.lengths.append(len(terms))
            for term, tf in Counter(terms).items():
                self.postings[term].append((n, tf))
        self.average = sum(self.lengths) / max(1, len(self.lengths))

    def terms(self, text: str) -> list[str]:
        """Folded syllables, then every adjacent pair of them."""
        folded = [f for _, f in self.analyzer.pairs(text)]
        return folded + [f"{a} {b}" for a, b in zip(folded, folded[1:])]

    def idf(self, term: str) -> float:
        return idf(len(self.postings.get(term, ())), len(self.urls))  # the site's own, lunr's

    def scores(self, query: str) -> dict[int, float]:
        """Every document sharing a term with `query` (by its number), with its score."""
        scores: dict[int, float] = defaultdict(float)
        for term in sorted(set(self.terms(query))):  # each term once, as lunr; a fixed order of sums
            idf = self.idf(term)
            for doc, tf in self.postings.get(term, ()):
                norm = K1 * (1 - B + B * self.lengths[doc] / self.average)
                scores[doc] += idf * tf * (K1 + 1) / (tf + norm)
        return scores

    def search(self, query: str, limit: int = 10) -> list[str]:
        """Urls of the best `limit` documents; equal scores keep the documents' order."""
        best = heapq.nsmallest(limit, self.scores(query).items(), key=lambda hit: (-hit[1], hit[0]))
        return [self.urls[doc] for doc, _ in best]


def site_documents(site: Path) -> list[tuple[str, str]]:
    """(url, title + text) of every document the site's search publishes."""
    index = load_search_index(site / "assets" / "search")
    out = []
    for n in range(len(index.kinds)):
        doc = index.doc(n)
        out.append((doc["u"], f"{doc['t']}\n{doc.get('x', '')}"))
    return out
