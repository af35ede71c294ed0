"""The search index's file format, shared by the writer and the reader (and bantin-search.js).

Weights: w(t, d) = m_t * T[c], m_t = round(idf * 10^4), c a byte indexing the geometric table T
(steps of 3 %) for Σ_f boost_f * bm25tf_f. Both are integers, so lunr.js and the Python mirror
add them exactly and rank identically, ties included (ties go to the newer document).

Postings: doc ids ascending (documents are numbered newest first), their gaps minus one in
base-64 VLQ (5 bits a character), then ".", then the weight bytes in the same order: one
character for the common bytes CODE_BASE .. CODE_BASE + 62 (a body weight between about 0.55
and 3.4, where nearly all postings fall), "_" and two characters for the others. Gaps and
weights apart, a dense list's gaps gzip to almost nothing and its weights to near their
entropy (issue 17: a syllable in every one of 130,000 items, 108 KB gz -> 89). The terms in
most of the items have their weights on every other step (`halve_weights`).

Pairs ("phap luat") sit in the u/ shard of one of their syllables, the rarer of those a
question looks up alone (`pair_homes`), so a question's pairs cost no file beyond its
syllables'; only pairs of two question words or very common syllables keep a b/ shard.

Result documents come DOC_GROUP of one category a file (`doc_files`), so a question's ten
need about five files, not ten. Every file is a script calling `GLOBAL.load(key, data)`, so
the offline build works from file://; the term families (`FAMILIES`) and the document kinds
(`KINDS`) are numbered here.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from itertools import accumulate
from typing import Iterable, Sequence

from bantin.search.terms import BIGRAM, EXACT, FOLDED_STOP


IDF_SCALE = 10_000
KINDS = ("article", "qa", "question", "guide", "page", "document")  # "page": trang/ (Liên hệ, Giới thiệu), session 23; "document": /van-ban/…/, session 35
KIND_BITS = 3  # a document's facet is category << KIND_BITS | kind (manifest "kindBits"; 2 before "page")


FAMILIES = {"u": "", "x": EXACT, "b": BIGRAM}


GLOBAL = "__bantinSearch"


DOC_GROUP = 16  # documents of one category a d/ file holds (manifest "docGroup"; issue 16, session 24)


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CHAR = {ch: i for i, ch in enumerate(ALPHABET)}


def weight_table() -> list[int]:
    """256 weights (x1000): +1 steps up to 32, then +1/32 (3 %) steps, up to ~31,000."""
    table = [10]
    while len(table) < 256:
        table.append(table[-1] + max(1, table[-1] >> 5))
    return table


TABLE = weight_table()


def quantise(score: float) -> int:
    """Byte whose table weight is nearest to score*1000 in ratio."""
    value = score * 1000
    i = bisect_left(TABLE, value)
    if i == 0:
        return 0
    if i == len(TABLE):
        return 255
    return i if TABLE[i] / value < value / TABLE[i - 1] else i - 1


def _vlq(value: int) -> str:
    out = []
    while True:
        digit, value = value & 31, value >> 5
        out.append(ALPHABET[digit | 32] if value else ALPHABET[digit])
        if not value:
            return "".join(out)


_VLQ = [_vlq(v) for v in range(1 << 15)]
CODE_BASE = quantise(0.55)  # the weight of a word found once in a body three times the average length
_ESCAPE = ALPHABET[63]
_CODE = [ALPHABET[c - CODE_BASE] if 0 <= c - CODE_BASE < 63 else _ESCAPE + ALPHABET[c >> 6] + ALPHABET[c & 63]
         for c in range(256)]


def _vlq_table(size: int) -> list[str]:
    while len(_VLQ) < size:
        _VLQ.append(_vlq(len(_VLQ)))
    return _VLQ


def encode_postings(packed: Sequence[int], start: int = -1) -> str:
    """The gaps ('gap-1' VLQ), ".", the weights, of each (doc << 8 | code), ids ascending.

    A plain loop over table look-ups: faster here than any map/slice pipeline measured.
    """
    gaps: list[str] = []
    codes: list[str] = []
    append, vlq, code, last = gaps.append, _vlq_table((packed[-1] >> 8) + 2 if packed else 0), _CODE, start
    add = codes.append
    for p in packed:
        doc = p >> 8
        append(vlq[doc - last - 1])
        add(code[p & 255])
        last = doc
    return "".join(gaps) + "." + "".join(codes)


def join_postings(first: str, then: str, last: int) -> str:
    """One list from two: `then` was encoded from id -1 and follows `first`, which ended at
    id `last` (the halves of a corpus indexed by two processes)."""
    gaps, _, codes = first.partition(".")
    more_gaps, _, more_codes = then.partition(".")
    value, i = _read_vlq(more_gaps, 0)
    return f"{gaps}{_vlq(value - last - 1)}{more_gaps[i:]}.{codes}{more_codes}"


_HALVED = str.maketrans({ALPHABET[d]: ALPHABET[d & ~1] for d in range(63)})
_CODE_RUNS = re.compile(f"{_ESCAPE}..|[^{_ESCAPE}]+")


def halve_weights(text: str) -> str:
    """An encoded list with its one-character weights on 6 % steps instead of 3 % (each odd
    step down to the even one below); escaped weights are kept.

    For terms in most of a site's items (idf below 0.7, against up to 12 for a rare word):
    they barely move a ranking, yet are the largest lists a query downloads, and half the
    weight steps gzip about 15 % smaller (issue 17: «dat dai» at 130,000 items, 257 KB of
    lists -> 224).
    """
    gaps, _, codes = text.partition(".")
    if _ESCAPE not in codes:
        return f"{gaps}.{codes.translate(_HALVED)}"
    runs = _CODE_RUNS.findall(codes)  # "_" and its two characters, or a run without "_"
    return gaps + "." + "".join(run if run[0] == _ESCAPE else run.translate(_HALVED) for run in runs)


def _read_vlq(text: str, i: int) -> tuple[int, int]:
    """(value, index after it) of the VLQ number starting at text[i]."""
    value, shift = 0, 0
    while True:
        digit = _CHAR[text[i]]
        i += 1
        value |= (digit & 31) << shift
        shift += 5
        if digit < 32:
            return value, i


_GAP_BYTES = bytes.maketrans(ALPHABET.encode(), bytes(range(1, 65)))  # a terminal digit d -> d + 1


def decode_ids(text: str) -> list[int]:
    """The doc ids of an encoded list, without its weights.

    A list whose gaps all fit one character (nearly every large one) is decoded by C loops
    (translate, accumulate): the writer compares whole lists of ids (`writer.preferred_forms`).
    """
    gaps = text.partition(".")[0]
    steps = gaps.encode("ascii").translate(_GAP_BYTES)  # gap - 1 + 1, for a single digit
    if max(steps, default=0) > 32:  # some gap takes more than one character
        steps = [value + 1 for value in vlq_decode(gaps)]
    return list(accumulate(steps, initial=-1))[1:]


def decode_postings(text: str) -> tuple[list[int], list[int]]:
    """Inverse of encode_postings (the twin of decodePostings in bantin-search.js)."""
    codes, weights = [], text.partition(".")[2]
    i, n = 0, len(weights)
    while i < n:
        digit = _CHAR[weights[i]]
        if digit == 63:
            codes.append(_CHAR[weights[i + 1]] * 64 + _CHAR[weights[i + 2]])
            i += 3
        else:
            codes.append(CODE_BASE + digit)
            i += 1
    return decode_ids(text), codes


def vlq_list(values: Iterable[int]) -> str:
    return "".join(_VLQ[v] if v < 32768 else _vlq(v) for v in values)


def vlq_decode(text: str) -> list[int]:
    out, value, shift = [], 0, 0
    for ch in text:
        digit = _CHAR[ch]
        value |= (digit & 31) << shift
        shift += 5
        if digit < 32:
            out.append(value)
            value, shift = 0, 0
    return out


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr.idf: documents_with_term counts a document once per field holding the term."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def utf16_key(term: str) -> bytes:
    """Order of JavaScript string comparison (UTF-16 code units)."""
    return term.encode("utf-16-be")


def family_of(term: str) -> str:
    if term.startswith(EXACT):
        return "x"
    return "b" if term.startswith(BIGRAM) else "u"


def pair_homes(pair: str, common: frozenset[str] | set[str]) -> list[str]:
    """The syllables of a pair ("a b", folded) whose u/ shard may hold it; none: it is in b/.

    A syllable a question looks up alone (not a question word, not in most items) is fetched
    anyway, so a pair stored beside it costs no request of its own (issue 16). The writer puts
    the pair beside the rarer home (fewer pairs per syllable, smaller shards); the readers
    look in both homes' shards, which a query fetches in any case. The twin of pairHomes in
    bantin-search.js.
    """
    return [s for s in pair.split(" ") if s not in FOLDED_STOP and s not in common]


def doc_files(categories: Sequence[int], size: int | None) -> list[tuple[str, int]]:
    """Each document's d/ file ("d/3-0") and its place in that file's list.

    A file holds `size` documents of one category, in id order (newest first): a question's
    answers mostly share a category (a law's articles, a handbook's questions, one topic's
    news), so its ten results come in about five files instead of ten, and an article costs
    2.9 files of output instead of 4.1 (Cloudflare Pages' free plan takes 20,000 files).
    `categories`: each document's category number (the manifest's facets). A manifest with
    no size (written before session 24) has a file per document holding it alone (place -1).
    The twin of docFiles in bantin-search.js.
    """
    if not size:
        return [(f"d/{i}", -1) for i in range(len(categories))]
    seen: dict[int, int] = {}
    out = []
    for c in categories:
        k = seen.get(c, 0)
        seen[c] = k + 1
        out.append((f"d/{c}-{k // size}", k % size))
    return out
