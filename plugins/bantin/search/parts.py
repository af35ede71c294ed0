"""A citizen's word and the law's words for it are one part of a question (issue 16, session 50).

A question's ranking multiplies each item's score by the square root of the share of the
question's terms it holds (`reader.SearchIndex._covered`). A citizen's word brings the law's
words with it (`terms.with_synonyms`): typed with marks, «giấy độc thân» was three terms of the
reader's and ten of «xác nhận tình trạng hôn nhân» (five syllables, five pairs). Counted one by
one, an item that says what the reader typed held a quarter of the question and one in the
law's words three quarters, so a news item titled «Xin giấy độc thân ở đâu» ranked below law
articles that never say it.

Here the two are alternatives: the part counts as many terms as the reader's side found in
the index, and an item holds the larger share of either side. A question without a citizen's
word is counted exactly as before. The folded pairs of a word typed with marks count only in
the items that hold it as written (`restricted_pairs`). Twins in bantin-search.js:
questionParts, restrictedPairs and the coverage of rankAll, compared in
tests/test_search_parity.py and tests/test_search_parts.py.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from bantin.search.terms import (
    BIGRAM, EXACT, MAX_QUESTION_SYLLABLES, QUESTION_SYLLABLES, _said_at, is_stop, written_words,
)

READER, LAW = 0, 1  # the two sides of a part


def question_parts(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> dict[str, tuple[int, int]]:
    """term -> (part, side) for the terms of each citizen's word a question says and of its
    law's words, the parts numbered in the order of `synonyms` (as `with_synonyms` adds them).

    A term the question says outside its citizen's words is its own and gets no part, even
    where the law's words hold it too; a term in two parts keeps the first. The terms are
    named as the plan looks them up (`terms.plan_question`): a syllable of a citizen's word
    typed with its marks in a short question as written (`EXACT`), the others folded.
    """
    asked = list(pairs[:MAX_QUESTION_SYLLABLES])
    written = written_words(asked, synonyms) if len(pairs) < QUESTION_SYLLABLES else set()
    said = _said(asked, synonyms)
    inside = {j for _, i, n in said for j in range(i, i + n)}
    own = {f for j, (_, f) in enumerate(asked) if j not in inside} | _own_pairs(asked, said)
    parts: dict[str, tuple[int, int]] = {}
    numbers: dict[int, int] = {}
    for k, i, n in said:
        part = numbers.setdefault(k, len(numbers))
        for term in _citizens_terms(asked[i:i + n], [j in written for j in range(i, i + n)]):
            if term not in own:
                parts.setdefault(term, (part, READER))
    for k, part in numbers.items():
        law = synonyms[k][1].split(" ")
        for term in law + [_pair(a, b) for a, b in zip(law, law[1:])]:
            if term not in own:
                parts.setdefault(term, (part, LAW))
    return parts


def restricted_pairs(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The folded pairs of each citizen's word a short question typed with its marks, each with
    the word's syllables as written that an item must hold for the pair to count in it (twin
    of restrictedPairs): «~so do» only in items holding «=sổ» and «=đỏ», not in a «sơ đồ».

    Session 48 left these pairs out, and an item in the reader's words lost its phrase against
    the law's words; looked up whole, a small site's «Sơ đồ tổ chức» came 8th for «sổ đỏ». A
    pair the question also says outside its citizen's words is its own, as in `question_parts`,
    and counts everywhere: «sơ đồ sổ đỏ» asks for «sơ đồ» too.
    """
    asked = list(pairs[:MAX_QUESTION_SYLLABLES])
    if len(pairs) >= QUESTION_SYLLABLES:
        return {}
    written = written_words(asked, synonyms)
    said = _said(asked, synonyms)
    own = _own_pairs(asked, said)
    needs: dict[str, tuple[str, ...]] = {}
    for k, i, n in said:
        if len(synonyms[k]) < 3 or i not in written:
            continue
        word = asked[i:i + n]
        marked = tuple(EXACT + s for s, f in word if s != f and not is_stop(s, f))
        if not marked:  # only question words marked: nothing to tell it apart by
            continue
        law = synonyms[k][1].split(" ")
        spelt = {_pair(a, b) for a, b in zip(law, law[1:])}  # «sảy thai» is «sẩy thai» in the law
        for a, b in zip(word, word[1:]):
            pair = _pair(a[1], b[1])
            if pair not in spelt and pair not in own:
                needs.setdefault(pair, marked)
    return needs


def _pair(a: str, b: str) -> str:
    return f"{BIGRAM}{a} {b}"


def _said(asked: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> list[tuple[int, int, int]]:
    """(entry, start, length) of each citizen's word the question says, entry by entry."""
    return [(k, i, n) for k, entry in enumerate(synonyms) for i in range(len(asked))
            if (n := _said_at(asked, i, entry))]


def _own_pairs(asked: Sequence[tuple[str, str]], said: Sequence[tuple[int, int, int]]) -> set[str]:
    """The question's folded pairs that join two syllables in no one citizen's word it says."""
    return {_pair(asked[j][1], asked[j + 1][1]) for j in range(len(asked) - 1) if not _one_word(said, j)}


def _one_word(said: Iterable[tuple[int, int, int]], j: int) -> bool:
    """Whether syllables j and j + 1 are in one citizen's word the question says."""
    return any(i <= j and j + 1 < i + n for _, i, n in said)


def _citizens_terms(word: Sequence[tuple[str, str]], written: Sequence[bool]) -> list[str]:
    """The terms of one citizen's word as the plan names them (stop syllables are never looked up)."""
    terms = [EXACT + s if w and s != f else f for (s, f), w in zip(word, written) if not is_stop(s, f)]
    return terms + [_pair(a[1], b[1]) for a, b in zip(word, word[1:])]


def held_shares(found: Sequence[str], ids: Mapping[str, Sequence[int]],
                parts: Mapping[str, tuple[int, int]]) -> tuple[dict[int, float], int]:
    """(how much of the question each item holds, out of how much) over the terms `found`.

    Each term of no part counts one; a part counts as many as its reader's side found (its law's
    side, when the reader's word is nowhere), and an item holds that many times the larger of
    its shares of either side. Sums run in `found`'s order, then part by part, as in the twin.
    """
    held: dict[int, float] = {}
    sides: dict[int, tuple[list[str], list[str]]] = {}
    total = 0
    for term in found:
        if term in parts:
            part, side = parts[term]
            sides.setdefault(part, ([], []))[side].append(term)
            continue
        total += 1
        for doc in ids[term]:
            held[doc] = held.get(doc, 0) + 1
    for part in sorted(sides):
        reader, law = sides[part]
        weight = len(reader) or len(law)
        total += weight
        counts = [_counts(reader, ids), _counts(law, ids)]
        for doc in _union(counts):
            share = max(counts[READER].get(doc, 0) / len(reader) if reader else 0,
                        counts[LAW].get(doc, 0) / len(law) if law else 0)
            held[doc] = held.get(doc, 0) + weight * share
    return held, total


def _counts(terms: Sequence[str], ids: Mapping[str, Sequence[int]]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for term in terms:
        for doc in ids[term]:
            counts[doc] = counts.get(doc, 0) + 1
    return counts


def _union(counts: Sequence[dict[int, int]]) -> list[int]:
    """The items of either side, the reader's first, each once, in the order first met."""
    return list(dict.fromkeys([*counts[0], *counts[1]]))
