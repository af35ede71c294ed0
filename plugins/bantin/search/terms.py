"""Vietnamese site search (DESIGN §5, §6): one text pipeline and the query plan.

The browser runs lunr.js over index objects rebuilt from term shards written by
`bantin.search.writer`; this module defines what a term *is*, so that the Python build, the
Python mirror of the browser query (`bantin.search.reader`) and `bantin-search.js` agree. Every
rule here has a twin in the JavaScript file and a parity test in `tests/test_search_parity.py`.
It imports nothing from the index modules: they build on it.

Terms of one document field, all in the same lunr field so that lunr's BM25 treats them alike:

- folded syllables, `dat`, `dai`: tone marks and đ dropped, so "dat dai" finds "đất đai";
- exact syllables, `=đất`: only where they differ from the folded form, queried when the
  reader typed a mark, so "hòa giải" ranks "hòa giải" above "hóa giải"; for a query typed
  without marks, the form the site's texts use most for each word is added, so "hoa giai"
  also prefers "hòa giải" (`with_preferred`);
- folded syllable bigrams, `~dat dai`: lunr has no positions, so adjacency is a term of its
  own and a phrase outranks the same syllables scattered.

Queries require every word (AND); when no item has them all, any word is enough and the
result says so (`approximate`). While the reader types, the last word also matches as a
prefix ("phap lu" finds "pháp luật").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from bantin.text.vi import fold, syllables

EXACT = "="
BIGRAM = "~"
FIELD_BOOSTS = {"title": 5, "body": 1, "documents": 5}
QUERY_BOOSTS = {"folded": 1, "exact": 1, "bigram": 1}
MIN_PREFIX = 2  # shorter last words are not expanded as prefixes: "p*" would fetch half the index
MAX_QUERY_SYLLABLES = 12

# Real text writes NĐ with U+00D0 (Icelandic eth) as often as with Đ; vi.fold keeps it.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Legal document type codes (DESIGN §5), so "nghi dinh 42" finds 42/2022/NĐ-CP.
DOCUMENT_TYPES = {
    "nd": "Nghị định",
    "qd": "Quyết định",
    "tt": "Thông tư",
    "ttlt": "Thông tư liên tịch",
    "nq": "Nghị quyết",
    "ct": "Chỉ thị",
    "kh": "Kế hoạch",
    "tb": "Thông báo",
    "hd": "Hướng dẫn",
    "bc": "Báo cáo",
    "qh": "Luật",
}


@dataclass(frozen=True)
class SearchDoc:
    """One search result: an article, a handbook, one of its questions, or a guide."""

    url: str
    title: str
    kind: str
    category: str
    category_slug: str
    date: str
    text: str
    documents: tuple[str, ...]
    handbook: str = ""


@dataclass(frozen=True)
class SearchStats:
    """What the build wrote, for the benchmark and the build summary."""

    files: int
    bytes: int
    shards: int
    docs: int
    terms: int = 0
    postings: int = 0
    seconds: float = 0.0
    families: dict = field(default_factory=dict)


# --- The text pipeline ----------------------------------------------------------------


def _pair(syllable: str) -> tuple[str, str]:
    """(exact, folded) forms; '09' and '9' are one number (09/2019 vs 9/2019 in real text)."""
    if syllable.isdecimal():
        number = syllable.lstrip("0") or "0"
        return number, number
    return syllable, fold(syllable)


class Analyzer:
    """Text -> (exact, folded) syllables, memoised per whitespace-separated chunk.

    `vi.syllables` re-tones every word with a Unicode round trip; a corpus of 5 million
    words has only a few hundred thousand distinct chunks, so caching by chunk makes the
    build fast without changing the result (syllables never span whitespace).
    """

    def __init__(self) -> None:
        self._chunks: dict[str, tuple[tuple[str, str], ...]] = {}

    def pairs(self, text: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        cache = self._chunks
        for chunk in text.split():
            hit = cache.get(chunk)
            if hit is None:
                hit = cache[chunk] = tuple(map(_pair, syllables(chunk.translate(_ETH))))
            out.extend(hit)
        return out

    def terms(self, text: str) -> list[str]:
        """Every index term of a field: folded syllables, exact ones, folded bigrams."""
        pairs = self.pairs(text)
        folded = [f for _, f in pairs]
        exact = [EXACT + s for s, f in pairs if s != f]
        bigrams = [f"{BIGRAM}{a} {b}" for a, b in zip(folded, folded[1:])]
        return folded + exact + bigrams


def analyze(text: str) -> list[tuple[str, str]]:
    """(exact, folded) syllables of text: the twin of `tokens()` in bantin-search.js."""
    return Analyzer().pairs(text)


def document_text(numbers: Sequence[str]) -> str:
    """Searchable text of cited document numbers: '42/2022/NĐ-CP' -> 'Nghị định 42/2022/NĐ-CP'.

    The type name before the number makes "nghi dinh 42" an adjacent-syllable match.
    """
    lines = []
    for number in numbers:
        name = _document_type(number)
        lines.append(f"{name} {number}" if name else number)
    return "\n".join(lines)


def _document_type(number: str) -> str:
    """Type name from the code after the number; a công văn has none (512/UBND-NC)."""
    tokens = [t for t in re.split(r"\W+", fold(number.translate(_ETH))) if t]
    for token in tokens:
        letters = token.rstrip("0123456789")
        if letters and not token.isdecimal():
            has_year = len(tokens) > 1 and tokens[1].isdecimal()
            return DOCUMENT_TYPES.get(letters, "" if has_year else "Công văn")
    return ""


def doc_fields(doc: SearchDoc) -> dict[str, str]:
    """The lunr fields of a document: what is weighed more (title, numbers) and the body."""
    return {"title": doc.title, "body": doc.text, "documents": document_text(doc.documents)}


# --- The query plan -------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One lunr query clause: `term` is looked up as is (or as a prefix), never re-analysed."""

    term: str
    boost: int
    required: bool = False
    prefix: bool = False


def plan_query(query: str, prefix: bool = False, strict: bool = True) -> list[Clause]:
    """Clauses for a query, before shards are known (prefix eligibility is decided later).

    Every folded syllable is required (AND), unless `strict` is off (the fallback when
    nothing has them all). Exact syllables count only when the reader typed a mark or đ.
    """
    pairs = analyze(query)[:MAX_QUERY_SYLLABLES]
    if not pairs:
        return []
    marked = any(s != f for s, f in pairs)
    clauses: list[Clause] = []
    seen: set[str] = set()

    def add(term: str, boost: int, required: bool = False, is_prefix: bool = False) -> None:
        if term not in seen:
            seen.add(term)
            clauses.append(Clause(term, boost, required and strict, is_prefix))

    last = len(pairs) - 1
    for i, (_, f) in enumerate(pairs):
        add(f, QUERY_BOOSTS["folded"], True, prefix and i == last and prefix_candidate(f))
    if marked:
        for s, f in pairs:
            if s != f:
                add(EXACT + s, QUERY_BOOSTS["exact"])
    for (_, a), (_, b) in zip(pairs, pairs[1:]):
        add(f"{BIGRAM}{a} {b}", QUERY_BOOSTS["bigram"])
    return clauses


def with_preferred(clauses: list[Clause], preferred: dict[str, str]) -> list[Clause]:
    """Clauses of an unmarked query plus, optionally, each word's most common marked form.

    `preferred` maps folded words to the form the site's texts use most ('hoa' -> 'hòa'),
    read from the index; a query typed with marks keeps its own and gets nothing added.
    """
    if any(c.term.startswith(EXACT) for c in clauses):
        return clauses
    seen = {c.term for c in clauses}
    out = list(clauses)
    for c in clauses:
        form = preferred.get(c.term)
        if form and not c.prefix and EXACT + form not in seen:
            seen.add(EXACT + form)
            out.append(Clause(EXACT + form, QUERY_BOOSTS["exact"]))
    return out


def prefix_candidate(folded: str) -> bool:
    """A last word worth expanding while the reader types: not a number, not one letter."""
    return len(folded) >= MIN_PREFIX and not folded.isdigit()
