"""Compact, term-partitioned search index (DESIGN §6) and its Python reader.

Why not lunr.py's index: its JSON (string refs, one vector per document and field) is many
times the download budget, and building it for 13,000 documents takes minutes. Instead the
build computes exactly lunr's BM25 (k1 1.2, b 0.75, idf over postings of every field, field
boosts) itself and writes, per term, its idf and one quantised weight per document. lunr.js
then queries an index object rebuilt from the shards a query needs (bantin-search.js).

Why one lunr field: when every clause targets every field (as ours do), lunr scores a document
as q·(Σ_f d_f)/|q|, so the per-field vectors can be summed at build time and stored once.

Layout under out_dir (every file a script, so the offline build works from file://):

- manifest.js: document count, category list, facets (kind, category, year), the shard
  boundaries of each term family, the weight table, the query boosts;
- u/N.js, x/N.js, b/N.js: shards of folded syllables, exact syllables and bigrams, partitioned
  by term range (all terms sharing a prefix sit in few shards, which the typing-ahead prefix
  needs);
- d/N.js: one document (url, title, type, date, text for the snippet).

Weights: w(t, d) = m_t * T[c], m_t = round(idf * 10^4), c a byte indexing the geometric table T
(steps of 3 %) for Σ_f boost_f * bm25tf_f. Both are integers, so lunr.js and the Python mirror
add them exactly and rank identically, ties included (ties go to the newer document).

Postings: doc ids ascending (documents are numbered newest first), each written as the gap
minus one in base-64 VLQ (5 bits a character), followed by the weight byte in two characters.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import shutil
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from bantin.search import (
    BIGRAM,
    EXACT,
    FIELD_BOOSTS,
    QUERY_BOOSTS,
    Analyzer,
    Clause,
    SearchDoc,
    SearchStats,
    doc_fields,
    plan_query,
)

K1, B = 1.2, 0.75
IDF_SCALE = 10_000
KINDS = ("article", "qa", "question", "guide")
FIELDS = tuple(FIELD_BOOSTS)
FAMILIES = {"u": "", "x": EXACT, "b": BIGRAM}
SHARD_TARGET = 12_000  # characters of postings per shard; larger terms get a shard alone
MAX_PREFIX_SHARDS = 3  # a typed prefix that spans more shards is matched as a whole word
SNIPPET_CHARS = 4_000  # text kept per document for snippets
GLOBAL = "__bantinSearch"

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
_CODE = [ALPHABET[c >> 6] + ALPHABET[c & 63] for c in range(256)]


def encode_postings(ids: Sequence[int], codes: Sequence[int]) -> str:
    """'gap-1' VLQ then a two-character weight, for each posting in ascending id order."""
    out, last = [], -1
    vlq = _VLQ
    for doc, code in zip(ids, codes):
        gap = doc - last - 1
        out.append(vlq[gap] if gap < 32768 else _vlq(gap))
        out.append(_CODE[code])
        last = doc
    return "".join(out)


def decode_postings(text: str) -> tuple[list[int], list[int]]:
    """Inverse of encode_postings (the twin of decodePostings in bantin-search.js)."""
    ids, codes, i, last, n = [], [], 0, -1, len(text)
    while i < n:
        value, shift = 0, 0
        while True:
            digit = _CHAR[text[i]]
            i += 1
            value |= (digit & 31) << shift
            shift += 5
            if digit < 32:
                break
        last += value + 1
        ids.append(last)
        codes.append(_CHAR[text[i]] * 64 + _CHAR[text[i + 1]])
        i += 2
    return ids, codes


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


# --- Building ---------------------------------------------------------------------------


class _Ids(dict):
    """Term -> dense integer id, assigned on first sight."""

    def __missing__(self, term: str) -> int:
        value = self[term] = len(self)
        return value


@dataclass
class _Counts:
    """Per document and field: distinct term ids, their frequencies, the field length."""

    ids: list[array]
    tfs: list[array]
    lengths: list[int]


def order_docs(docs: Sequence[SearchDoc]) -> list[SearchDoc]:
    """Newest first, then by url: ids follow this order, and ranking ties go to the newer."""
    return sorted(sorted(docs, key=lambda d: d.url), key=lambda d: d.date, reverse=True)


def count_terms(docs: Sequence[SearchDoc], analyzer: Analyzer, ids: _Ids) -> list[_Counts]:
    out = []
    for doc in docs:
        fields = doc_fields(doc)
        counts = _Counts([], [], [])
        for name in FIELDS:
            terms = analyzer.terms(fields[name])
            tf = Counter(terms)
            counts.ids.append(array("I", map(ids.__getitem__, tf.keys())))
            counts.tfs.append(array("I", tf.values()))
            counts.lengths.append(len(terms))
        out.append(counts)
    return out


def _bm25_tf(tf: int, length: int, average: float) -> float:
    return ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)


def postings(counts: list[_Counts], n_terms: int) -> tuple[list[list[int]], list[list[int]]]:
    """Per term: ascending doc ids and weight codes of Σ_f boost_f * bm25tf_f (lunr's formula)."""
    n = len(counts) or 1
    averages = [sum(c.lengths[f] for c in counts) / n or 1.0 for f in range(len(FIELDS))]
    boosts = [FIELD_BOOSTS[f] for f in FIELDS]
    body = FIELDS.index("body")
    docs: list[list[int]] = [[] for _ in range(n_terms)]
    codes: list[list[int]] = [[] for _ in range(n_terms)]
    for doc, c in enumerate(counts):
        extra: dict[int, float] = {}
        for f in range(len(FIELDS)):
            if f == body:
                continue
            for t, tf in zip(c.ids[f], c.tfs[f]):
                extra[t] = extra.get(t, 0.0) + boosts[f] * _bm25_tf(tf, c.lengths[f], averages[f])
        length, average, boost = c.lengths[body], averages[body], boosts[body]
        by_tf: dict[int, int] = {}
        for t, tf in zip(c.ids[body], c.tfs[body]):
            if t in extra:
                code = quantise(boost * _bm25_tf(tf, length, average) + extra.pop(t))
            else:
                code = by_tf.get(tf)
                if code is None:
                    code = by_tf[tf] = quantise(boost * _bm25_tf(tf, length, average))
            docs[t].append(doc)
            codes[t].append(code)
        for t, score in extra.items():
            docs[t].append(doc)
            codes[t].append(quantise(score))
    return docs, codes


def document_frequencies(counts: list[_Counts], n_terms: int) -> list[int]:
    df = Counter()
    for c in counts:
        for ids in c.ids:
            df.update(ids)
    return [df[t] for t in range(n_terms)]


@dataclass
class _Shard:
    family: str
    number: int
    terms: list[str]
    idfs: list[int]
    postings: list[str]

    @property
    def key(self) -> str:
        return f"{self.family}/{self.number}"


def family_of(term: str) -> str:
    if term.startswith(EXACT):
        return "x"
    return "b" if term.startswith(BIGRAM) else "u"


def _sorted_terms(terms: list[str]) -> list[str]:
    if any(ord(ch) > 0xFFFF for ch in "".join(terms)):
        return sorted(terms, key=utf16_key)
    return sorted(terms)


def make_shards(vocabulary: dict[str, int], df: list[int], encoded: list[str], n_docs: int):
    """Range-partition each family's sorted terms into shards of about SHARD_TARGET chars."""
    families: dict[str, list[str]] = {f: [] for f in FAMILIES}
    for term in vocabulary:
        families[family_of(term)].append(term)
    shards: dict[str, list[_Shard]] = {}
    for family, terms in families.items():
        tag = len(FAMILIES[family])
        out: list[_Shard] = []
        size = SHARD_TARGET
        for term in _sorted_terms(terms):
            t = vocabulary[term]
            if size >= SHARD_TARGET:
                out.append(_Shard(family, len(out), [], [], []))
                size = 0
            shard = out[-1]
            shard.terms.append(term[tag:])
            shard.idfs.append(round(idf(df[t], n_docs) * IDF_SCALE))
            shard.postings.append(encoded[t])
            size += len(encoded[t]) + len(term)
        shards[family] = out
    return shards


def _js(key: str, data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'{GLOBAL}.load("{key}",{text});\n'


def _snippet_text(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS]


def _facets(docs: list[SearchDoc]) -> dict:
    """Kind and category per document, years as runs (documents are sorted newest first)."""
    categories = sorted({(d.category_slug, d.category) for d in docs}, key=lambda c: (c[1], c[0]))
    index = {c: i for i, c in enumerate(categories)}
    kinds = [KINDS.index(d.kind) if d.kind in KINDS else 0 for d in docs]
    cats = [index[(d.category_slug, d.category)] for d in docs]
    years: list[list[int]] = []
    for d in docs:
        year = int(d.date[:4]) if d.date[:4].isdecimal() else 0
        if years and years[-1][0] == year:
            years[-1][1] += 1
        else:
            years.append([year, 1])
    return {
        "cats": [list(c) for c in categories],
        "facets": vlq_list(cat * 4 + kind for cat, kind in zip(cats, kinds)),
        "kinds": list(KINDS),
        "years": years,
    }


def _doc_record(doc: SearchDoc, facets: dict) -> dict:
    cats = [tuple(c) for c in facets["cats"]]
    return {
        "c": cats.index((doc.category_slug, doc.category)),
        "d": doc.date,
        "h": doc.handbook,
        "k": KINDS.index(doc.kind) if doc.kind in KINDS else 0,
        "t": doc.title,
        "u": doc.url,
        "x": _snippet_text(doc.text),
    }


class _Writer:
    """Writes files, remembering sizes for the stats (gzip at level 9, as servers serve)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = self.bytes = self.gzip_bytes = 0
        self.digest = hashlib.sha1()

    def write(self, rel: str, text: str, measure_gzip: bool = True) -> None:
        data = text.encode("utf-8")
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.digest.update(rel.encode() + b"\0" + data)
        self.files += 1
        self.bytes += len(data)
        self.gzip_bytes += len(gzip.compress(data, 9, mtime=0)) if measure_gzip else 0


def write_index(docs: Sequence[SearchDoc], out_dir: Path) -> SearchStats:
    """Build and write the whole index; deterministic bytes for the same documents."""
    started = time.perf_counter()
    docs = order_docs(docs)
    vocabulary = _Ids()
    counts = count_terms(docs, Analyzer(), vocabulary)
    df = document_frequencies(counts, len(vocabulary))
    doc_ids, codes = postings(counts, len(vocabulary))
    n_postings = sum(map(len, doc_ids))
    del counts
    encoded = [encode_postings(i, c) for i, c in zip(doc_ids, codes)]
    del doc_ids, codes
    shards = make_shards(vocabulary, df, encoded, len(docs))

    for sub in (*FAMILIES, "d"):
        shutil.rmtree(out_dir / sub, ignore_errors=True)
    writer = _Writer(out_dir)
    for family in shards.values():
        for shard in family:
            data = {"m": shard.idfs, "p": shard.postings, "t": shard.terms}
            writer.write(f"{shard.key}.js", _js(shard.key, data))
    facets = _facets(docs)
    for i, doc in enumerate(docs):
        writer.write(f"d/{i}.js", _js(f"d/{i}", _doc_record(doc, facets)))
    manifest = {
        **facets,
        "bounds": {f: "\n".join(s.terms[0] for s in shards[f][1:]) for f in FAMILIES},
        "boosts": dict(QUERY_BOOSTS),
        "n": len(docs),
        "prefixShards": MAX_PREFIX_SHARDS,
        "shards": {f: len(s) for f, s in shards.items()},
        "table": TABLE,
        "v": writer.digest.hexdigest()[:12],
    }
    writer.write("manifest.js", _js("manifest", manifest))
    return SearchStats(
        files=writer.files,
        bytes=writer.bytes,
        gzip_bytes=writer.gzip_bytes,
        shards=sum(len(s) for s in shards.values()),
        docs=len(docs),
        terms=len(vocabulary),
        postings=n_postings,
        seconds=round(time.perf_counter() - started, 3),
        families={f: len(s) for f, s in shards.items()},
    )
