"""«Có phải bạn muốn tìm: khai sinh?»: a syllable typed wrong, fixed from the index's own syllables.

A reader's trial (session 34): «khai sihn» ranked on «khai» alone, «phap luatt» on «pháp»; the
page never said that «sihn» is in no item. A keyword query's syllable that the index lacks is
compared with the folded syllables of the very u/ shard its look-up already fetched (shards
are cut by ranges of sorted terms, so «sinh» sits beside «sihn» unless the first letters
differ): the nearest at Damerau–Levenshtein distance 1 (a letter wrong, missing, extra, or two
side by side swapped; `MAX_DISTANCE`), the one in most items first. When the first letters are
wrong («khai isnh») the shard holds nothing near: a whole query then reads one u/ shard more
(`other_shard`, session 36), never while typing. The results do not change: the page only
offers the fixed query as a link.

This module is the pure part, shared in shape with bantin-search.js (`suggestion` there):
which of the reader's words may be fixed (`typed_words`), the distance, the choice among a
shard's syllables (`nearest`) and the query written back with the fixes (`rewrite`).
`SearchIndex.suggest` (reader.py) brings the shard.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from bantin.search.terms import analyze, clip_query, prefix_candidate

MIN_LETTERS = 3  # «tn»: one letter from «to», «tu», «ta», «tin»… a guess, not a fix
MAX_LETTERS = 10  # a Vietnamese syllable has at most 7 letters; a pasted URL or a 300-letter word none
MAX_DISTANCE = 1  # distance 2 for long words measured in scripts/suggesteval.py: more wrong than right
# The reader's chunks are cut where JavaScript's \s cuts (twin: WHITESPACE in bantin-search.js).
_CHUNK = re.compile("[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_WORD = re.compile(r"\w+")  # vi.syllables' words, JavaScript's [\p{L}\p{N}_]+
_LETTERS = re.compile("[a-z]+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# What a Vietnamese syllable can be, folded: an onset, a vowel group, a final. A word of that
# shape is a word, maybe one the site never uses («thuế» on a site of twenty articles became
# «thực»): it is not "fixed". Only a shape no syllable has («sihn», «luatt», «giia») is a typo
# for sure. Generous on purpose (a rare real rhyme must never be taken for a typo). Twin:
# SYLLABLE in bantin-search.js, the same text.
SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi(?!i)|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    "(?:ieu|oai|oay|oao|oeo|uoi|uou|uya|uye|uyu|yeu|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    "(?:ch|ng|nh|[cmnpt])?")


@dataclass(frozen=True)
class TypedWord:
    """One of the reader's words: where it is in the (NFC) query, as typed, and analysed."""

    start: int
    end: int
    typed: str
    exact: str
    folded: str
    typing: bool = False  # the last word while the reader types: fixed only if no syllable begins so


def typed_words(query: str, prefix: bool = False) -> tuple[str, list[TypedWord]]:
    """(the query as NFC text, its words that may be fixed).

    A word may be fixed when it folds to 3–10 letters a–z that no Vietnamese syllable could be
    (`SYLLABLE`) and its chunk (what lies between spaces) holds no digit and no "/": numbers
    and document numbers (432/QĐ-UBND, 80/2015/QH13) are never "corrected". While typing (`prefix`), the last word may be unfinished: it is
    marked `typing`, to be fixed only when no syllable of the index begins with it («sihn»).
    """
    text = unicodedata.normalize("NFC", clip_query(query))
    words = []
    for chunk in _CHUNK.finditer(text):
        number = any(ch.isdecimal() or ch == "/" for ch in chunk.group())
        for m in _WORD.finditer(chunk.group()):
            pairs = analyze(m.group())
            if len(pairs) != 1:
                continue
            exact, folded = pairs[0]
            if not number:
                words.append(TypedWord(chunk.start() + m.start(), chunk.start() + m.end(), m.group(), exact, folded))
    if prefix and words and prefix_candidate(words[-1].folded) and words[-1].end == _last_word_end(text):
        words[-1] = replace(words[-1], typing=True)
    return text, [w for w in words if MIN_LETTERS <= len(w.folded) <= MAX_LETTERS and _LETTERS.fullmatch(w.folded)
                  and not SYLLABLE.fullmatch(w.folded)]


def _last_word_end(text: str) -> int:
    """Where the query's last word ends (the one a prefix search expands)."""
    ends = [m.end() for m in _WORD.finditer(text)]
    return ends[-1] if ends else -1


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein, each pair swapped once), or
    limit + 1 when it is more than limit. Syllables are short: a full table is cheap."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return min(row[len(b)], limit + 1)


def edits(word: str) -> set[str]:
    """Every string one edit (OSA) from word over a–z: a letter wrong, missing, extra, or two
    side by side swapped."""
    out = set()
    for i in range(len(word) + 1):
        for c in _ALPHABET:
            out.add(word[:i] + c + word[i:])
            if i < len(word):
                out.add(word[:i] + c + word[i + 1:])
        if i < len(word):
            out.add(word[:i] + word[i + 1:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    out.discard(word)
    return out


def other_shard(word: str, own: int | None, shard_of: Callable[[str], int | None]) -> int | None:
    """The one other u/ shard worth a request when the word's own shard holds no near syllable:
    the one most of its one-edit neighbours of a syllable's shape fall in (a typo in the first
    letters, «hkai», «ohap», sorts far from the word meant), the nearer to its own on a tie,
    then the first. None when no neighbour lies outside its own shard.

    Measured (scripts/suggesteval.py, session 36): one-letter typos of a non-syllable shape
    fixed right 54 → 73 % on the sample site, 39 → 64 % on a searcheval site (88 u/ shards),
    wrong 18 → 22 % and 17 → 24 %; looking in the shard before or after the word's instead
    gained 4–7 points on the sample."""
    if own is None:
        return None
    counts: dict[int, int] = {}
    for candidate in edits(word):
        if SYLLABLE.fullmatch(candidate):
            n = shard_of(candidate)
            if n is not None and n != own:
                counts[n] = counts.get(n, 0) + 1
    return min(counts, key=lambda n: (-counts[n], abs(n - own), n)) if counts else None


def nearest(word: str, terms: Iterable[str], df) -> str | None:
    """The shard's syllable nearest to `word` (at most MAX_DISTANCE), the one in most items
    (`df(term)`: its posting list's length) among the nearest, then the first in order."""
    best: tuple[int, int, str] | None = None
    for term in terms:
        if term == word or not _LETTERS.fullmatch(term) or len(term) < MIN_LETTERS - 1:
            continue
        d = distance(word, term, MAX_DISTANCE)
        if d > MAX_DISTANCE:
            continue
        key = (d, -df(term), term)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def shown_form(word: TypedWord, folded: str, usual: str) -> str:
    """The fix as the reader would have typed it: the site's usual marked form (`usual`, from
    the shard's "e") when the reader typed marks on this word, else folded; upper case kept."""
    fix = usual if word.exact != word.folded and usual else folded
    if len(word.typed) > 1 and word.typed == word.typed.upper() and word.typed != word.typed.lower():
        return fix.upper()
    if word.typed[:1] != word.typed[:1].lower():
        return fix[:1].upper() + fix[1:]
    return fix


def rewrite(text: str, fixes: list[tuple[TypedWord, str]]) -> str | None:
    """The query with each fixed word replaced, every other character as typed; None without fixes."""
    if not fixes:
        return None
    out, at = [], 0
    for word, fix in sorted(fixes, key=lambda f: f[0].start):
        out += [text[at:word.start], fix]
        at = word.end
    return "".join(out) + text[at:]
