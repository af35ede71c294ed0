"""A question's first page, looked at again with the text the results show (issue 16).

The first stage (`reader.SearchIndex._rank`, rankAll in bantin-search.js) ranks every item
from the term shards: lunr's BM25 with the title in two fields of its own and coverage.
It finds the answer among the first ten about as often as plain BM25 does, but ranks it
first less often: a title holding one of the question's pairs, a short neighbouring
article ("Điều 97" for 98), wins on its title field's short length. The page fetches the
ten documents it shows anyway (their title and the text kept for snippets), so the second
stage costs no request: plain BM25 over those texts (one field, folded syllables and
adjacent pairs, k1 1.2, b 0.75, the index's idf) is added to the first stage's score, each
divided by its best on the page, BM25 counting twice. Measured on scripts/searcheval's set
(docs/performance.md, session 21): MRR@10 +0.003 to +0.014, and the estimate on the issue's
held-out set 0.87 → 0.91 marked, 0.86 → 0.90 folded. Only the order within the first page
changes: the same ten items, the same later pages.

Exact in both languages: integer idf and lengths, and only IEEE operations (+, *, /), in
one order; the twin is recheck() in bantin-search.js, compared in tests/test_search_parity.py.
"""

from __future__ import annotations

from collections import Counter
from typing import Collection, Sequence

from bantin.search.codec import utf16_key
from bantin.search.terms import BIGRAM, EXACT, MAX_QUESTION_SYLLABLES, Analyzer

PAGE_SIZE = 10  # the search page's first page (PAGE_SIZE in bantin-search.js)
WEIGHT = 2  # BM25 over the shown text against the first stage, each over its page's best


def question_terms(folded: Sequence[str], law: Sequence[str] = (), written: Collection[int] = (),
                   marked: Sequence[str] = ()) -> tuple[str, ...]:
    """A question's folded syllables and adjacent pairs ("~a b"), once each, in UTF-16 order
    (the order the scores are summed in).

    `law`: the law's words for the citizen's words a short question holds (`terms.with_synonyms`,
    a blank between expansions), counted as its own, and `written`: the syllables of a
    citizen's word typed with its marks (`terms.written_words`), asked as written, as the first
    stage looked them up: each marked syllable as "=sổ", and each pair inside the word as
    "~=sổ đỏ" (`marked`: the question's syllables as typed). Folded, «sổ đỏ» looked again for
    «~so do» too: the page of a «sơ đồ» and any «hồ sơ» rose above the land certificate the
    first stage had ranked first (session 48). Left out, the reader's own word counted next to
    nothing in the second look (its folded syllables were not looked up, so had no idf unless
    common): a news item «Xin giấy độc thân ở
    đâu», first among the first stage's ten, was shown tenth below the law's words (session
    50). Long questions pass neither (their figures fell with them). Twin: questionTerms in
    bantin-search.js."""
    asked = list(folded[:MAX_QUESTION_SYLLABLES])
    typed = list(marked[:MAX_QUESTION_SYLLABLES]) or asked
    terms = {f"{EXACT}{typed[i]}" if i in written and typed[i] != f else f for i, f in enumerate(asked)}
    terms |= {f"{BIGRAM}{EXACT}{typed[i]} {typed[i + 1]}" if i in written and i + 1 in written else f"{BIGRAM}{a} {b}"
              for i, (a, b) in enumerate(zip(asked, asked[1:]))}
    terms |= {w for w in law if w} | {f"{BIGRAM}{a} {b}" for a, b in zip(law, law[1:]) if a and b}
    return tuple(sorted(terms, key=utf16_key))


def shown_text(record: dict) -> str:
    """What a result shows and the second stage reads: its title, then its snippet text."""
    return f"{record.get('t', '')}\n{record.get('x', '')}"


def text_terms(text: str, analyzer: Analyzer | None = None) -> tuple[Counter, int]:
    """(count of each term a question may look again for, the number of folded syllables and
    pairs) in text: folded syllables and pairs, marked syllables as written ("=sổ") and every
    pair as written ("~=sổ đỏ"), for a citizen's word typed with its marks (`question_terms`)."""
    pairs = (analyzer or Analyzer()).pairs(text)
    folded = [f for _, f in pairs]
    counts = Counter(folded)
    counts.update(f"{BIGRAM}{a} {b}" for a, b in zip(folded, folded[1:]))
    counts.update(f"{EXACT}{s}" for s, f in pairs if s != f)
    counts.update(f"{BIGRAM}{EXACT}{a} {b}" for (a, _), (b, _) in zip(pairs, pairs[1:]))
    return counts, len(folded) + max(len(folded) - 1, 0)


LENGTH_SAMPLE = 500  # documents whose shown text is counted for the average length


def shown_length(records: Sequence[dict]) -> int:
    """The manifest's `shownTerms`: the number of terms in the documents' shown text, the
    second stage's average length times the number of documents.

    Counted on every document of a site under twice LENGTH_SAMPLE, and beyond on every k-th
    (LENGTH_SAMPLE to twice that many): counting all 13,569 documents of the 10,000-article
    site took 2 s of the build, for a mean the sample gives within 0.3 % there (the lengths of
    the shown documents are exact; only the average they are compared with is estimated).
    """
    step = max(1, len(records) // LENGTH_SAMPLE)
    sample = records[::step]
    if not sample:
        return 0
    analyzer = Analyzer()
    counted = sum(2 * len(s) - 1 for r in sample if (s := analyzer.pairs(shown_text(r))))
    return round(counted * len(records) / len(sample))


def term_idf(term: str, looked_up: dict[str, int], quiet: dict[str, int]) -> int:
    """A term's idf × IDF_SCALE: the index's, from the shards the question fetched, or for a
    question word or common syllable (never looked up alone) the manifest's `quietIdf`; a pair
    of two of those, not looked up either, as if its syllables were independent (the sum). A
    pair as written ("~=sổ đỏ", never looked up) is the sum too, each syllable's idf as it was
    looked up: as written ("=sổ"), or for one typed without marks («ca» of «tăng ca») folded or
    quiet; a marked syllable not looked up (a question word, «được») counts 0."""
    if term in looked_up:
        return looked_up[term]
    if term.startswith(BIGRAM + EXACT):
        return sum(_syllable_idf(s, looked_up, quiet) for s in term[len(BIGRAM + EXACT):].split(" "))
    if not term.startswith(BIGRAM):
        return quiet.get(term, 0)
    first, second = term[len(BIGRAM):].split(" ")
    return quiet[first] + quiet[second] if first in quiet and second in quiet else 0


def _syllable_idf(syllable: str, looked_up: dict[str, int], quiet: dict[str, int]) -> int:
    """The idf of a syllable of a pair as written: "=sổ" if looked up, else the syllable as
    typed, which is a key of `looked_up` or `quiet` only without marks ("ca", not "sổ")."""
    if EXACT + syllable in looked_up:
        return looked_up[EXACT + syllable]
    if syllable in looked_up:
        return looked_up[syllable]
    return quiet.get(syllable, 0)


def bm25(counts: Counter, length: int, idfs: Sequence[tuple[str, int]], n_docs: int, total: int) -> float:
    """Plain BM25 with k1 = 6/5, b = 3/4 and average length total/n_docs, in integers:
    tf (k1 + 1) / (tf + k1 (1 - b + b L / avg)) = 22 T tf / (10 T tf + 3 T + 9 L N)."""
    score = 0.0
    for term, weight in idfs:
        tf = counts.get(term, 0)
        if tf:
            score += weight * (22 * total * tf / (10 * total * tf + 3 * total + 9 * length * n_docs))
    return score


def reorder(scores: Sequence[float], texts: Sequence[str], terms: Sequence[str], looked_up: dict[str, int],
            quiet: dict[str, int], n_docs: int, total: int) -> list[tuple[int, float]]:
    """(position, new score) of a first page's results, in their new order (stable on ties)."""
    idfs = [(t, term_idf(t, looked_up, quiet)) for t in terms]
    analyzer = Analyzer()
    texts_bm25 = [bm25(*text_terms(text, analyzer), idfs, n_docs, total) for text in texts]
    best, best_bm25 = max(scores, default=0.0), max(texts_bm25, default=0.0)
    final = [(s / best if best > 0 else 0.0) + (WEIGHT * (b / best_bm25) if best_bm25 > 0 else 0.0)
             for s, b in zip(scores, texts_bm25)]
    return [(i, final[i]) for i in sorted(range(len(final)), key=lambda i: (-final[i], i))]
