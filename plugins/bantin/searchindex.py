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

import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import threading
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
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


def _vlq_table(size: int) -> list[str]:
    while len(_VLQ) < size:
        _VLQ.append(_vlq(len(_VLQ)))
    return _VLQ


def encode_postings(packed: Sequence[int], start: int = -1) -> str:
    """'gap-1' VLQ then a two-character weight, for each (doc << 8 | code), ids ascending.

    A plain loop over table look-ups: faster here than any map/slice pipeline measured.
    """
    out: list[str] = []
    append, vlq, code, last = out.append, _vlq_table((packed[-1] >> 8) + 2 if packed else 0), _CODE, start
    for p in packed:
        doc = p >> 8
        append(vlq[doc - last - 1])
        append(code[p & 255])
        last = doc
    return "".join(out)


def rebase_postings(text: str, last: int) -> str:
    """Postings encoded from id -1 re-encoded to follow a list that ended at id `last`."""
    i, value, shift = 0, 0, 0
    while True:
        digit = _CHAR[text[i]]
        i += 1
        value |= (digit & 31) << shift
        shift += 5
        if digit < 32:
            break
    return _vlq(value - last - 1) + text[i:]


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


class _Bigrams(dict):
    """Pair key (a << 32 | b) of folded syllable ids -> term id, made on first sight."""

    def __init__(self, vocabulary: "_Vocabulary") -> None:
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, key: int) -> int:
        terms = self.vocabulary.terms
        value = self[key] = self.vocabulary.add(f"{BIGRAM}{terms[key >> 32]} {terms[key & MASK]}")
        return value


MASK = (1 << 32) - 1


class _Vocabulary:
    """Term ids straight from text: the terms of `Analyzer.terms`, without making strings.

    A corpus of 13,000 documents has 14 million term occurrences but few distinct chunks
    and syllables; caching ids per chunk and keying bigrams by their pair of ids keeps the
    build within seconds. `field_terms` is checked against `Analyzer.terms` in the tests.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.terms: list[str] = []
        self._ids: dict[str, int] = {}
        self._chunks: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._bigrams = _Bigrams(self)

    def add(self, term: str) -> int:
        value = self._ids.get(term)
        if value is None:
            value = self._ids[term] = len(self.terms)
            self.terms.append(term)
        return value

    def _chunk(self, chunk: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        pairs = self.analyzer.pairs(chunk)
        folded = tuple(self.add(f) for _, f in pairs)
        exact = tuple(self.add(EXACT + s) for s, f in pairs if s != f)
        hit = self._chunks[chunk] = (folded, exact)
        return hit

    def field(self, text: str) -> list[int]:
        """Ids of a field's terms in `Analyzer.terms` order: folded, exact, bigrams."""
        folded: list[int] = []
        exact: list[int] = []
        chunks = self._chunks
        for chunk in text.split():
            hit = chunks.get(chunk) or self._chunk(chunk)
            folded.extend(hit[0])
            exact.extend(hit[1])
        keys = [a << 32 | b for a, b in zip(folded, folded[1:])]
        folded.extend(exact)
        folded.extend(map(self._bigrams.__getitem__, keys))
        return folded


def order_docs(docs: Sequence[SearchDoc]) -> list[SearchDoc]:
    """Newest first, then by url: ids follow this order, and ranking ties go to the newer."""
    return sorted(sorted(docs, key=lambda d: d.url), key=lambda d: d.date, reverse=True)


def _bm25_tf(tf: int, length: int, average: float) -> float:
    return ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)


@dataclass
class _Postings:
    """Encoded postings of a run of documents, ready to merge with the next run."""

    terms: list[str]
    df: list[int]
    encoded: list[str]
    last: list[int]
    count: int


class _Part:
    """Postings of a contiguous run of documents (ids first, first + 1, ...).

    Two passes: term ids and field lengths, then, given the corpus-wide average field
    lengths, lunr's BM25 per (term, document). Runs in a worker process for half the corpus.
    """

    def __init__(self, docs: Sequence[SearchDoc], first: int) -> None:
        self.docs, self.first = docs, first
        self.vocabulary = _Vocabulary(Analyzer())
        self.fields: list[list[array]] = []
        self.lengths: list[list[int]] = []

    def length_sums(self) -> list[int]:
        field = self.vocabulary.field
        for doc in self.docs:
            texts = doc_fields(doc)
            ids = [field(texts[name]) for name in FIELDS]
            self.fields.append([array("I", t) for t in ids])
            self.lengths.append([len(t) for t in ids])
        return [sum(lengths[f] for lengths in self.lengths) for f in range(len(FIELDS))]

    def postings(self, averages: list[float]) -> _Postings:
        """Per term, ascending (doc << 8 | weight code) encoded, and lunr's df.

        The code quantises Σ_f boost_f * bm25tf_f; lunr's df counts a document once per
        field holding the term, so it is counted here rather than taken from the postings.
        """
        boosts = [FIELD_BOOSTS[f] for f in FIELDS]
        body = FIELDS.index("body")
        others = [f for f in range(len(FIELDS)) if f != body]
        lists: list[list[int]] = []
        df_extra: Counter = Counter()
        for doc, (fields, lengths) in enumerate(zip(self.fields, self.lengths), self.first):
            if len(lists) < len(self.vocabulary.terms):
                lists.extend([] for _ in range(len(self.vocabulary.terms) - len(lists)))
            extra: dict[int, float] = {}
            for f in others:
                for t, tf in Counter(fields[f]).items():
                    if t in extra:
                        df_extra[t] += 1
                    extra[t] = extra.get(t, 0.0) + boosts[f] * _bm25_tf(tf, lengths[f], averages[f])
            length, average, boost = lengths[body], averages[body], boosts[body]
            by_tf: dict[int, int] = {}
            base = doc << 8
            for t, tf in Counter(fields[body]).items():
                if t in extra:
                    df_extra[t] += 1
                    code = quantise(boost * _bm25_tf(tf, length, average) + extra.pop(t))
                else:
                    code = by_tf.get(tf)
                    if code is None:
                        code = by_tf[tf] = quantise(boost * _bm25_tf(tf, length, average))
                lists[t].append(base | code)
            for t, score in extra.items():
                lists[t].append(base | quantise(score))
        self.fields = []
        df = [len(p) for p in lists]
        for t, more in df_extra.items():
            df[t] += more
        last = [p[-1] >> 8 for p in lists]
        encoded = [encode_postings(p) for p in lists]
        return _Postings(self.vocabulary.terms, df, encoded, last, sum(map(len, lists)))


def _merge(a: _Postings, b: _Postings) -> _Postings:
    """Postings of two consecutive runs of documents as one."""
    index = {term: i for i, term in enumerate(a.terms)}
    for term, df, encoded, last in zip(b.terms, b.df, b.encoded, b.last):
        i = index.get(term)
        if i is None:
            a.terms.append(term)
            a.df.append(df)
            a.encoded.append(encoded)
            a.last.append(last)
        else:
            a.df[i] += df
            a.encoded[i] += rebase_postings(encoded, a.last[i])
            a.last[i] = last
    a.count += b.count
    return a


def _averages(sums: list[int], n_docs: int) -> list[float]:
    return [total / n_docs or 1.0 for total in sums] if n_docs else [1.0] * len(sums)


def _part_worker(conn, docs: Sequence[SearchDoc], first: int) -> None:
    part = _Part(docs, first)
    conn.send(part.length_sums())
    conn.send(part.postings(conn.recv()))
    conn.close()


PARALLEL_FROM = 3_000  # documents; below this a second process costs more than it saves


def compute_postings(docs: Sequence[SearchDoc]) -> _Postings:
    """Postings of all documents, the second half in a worker process on a large corpus."""
    workers = min(2, os.cpu_count() or 1)
    if len(docs) < PARALLEL_FROM or workers < 2:
        part = _Part(docs, 0)
        return part.postings(_averages(part.length_sums(), len(docs)))
    half = len(docs) // 2
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    conn, child_conn = context.Pipe()
    worker = context.Process(target=_part_worker, args=(child_conn, docs[half:], half), daemon=True)
    worker.start()
    try:
        part = _Part(docs[:half], 0)
        sums = [a + b for a, b in zip(part.length_sums(), conn.recv())]
        averages = _averages(sums, len(docs))
        conn.send(averages)
        mine = part.postings(averages)
        theirs = conn.recv()
    finally:
        worker.join(timeout=60)
    return _merge(mine, theirs)


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


def _sorted_ids(ids: list[int], terms: list[str]) -> list[int]:
    """Term ids in JavaScript string order (code points agree with it below U+10000)."""
    if any(ord(ch) > 0xFFFF for t in ids for ch in terms[t]):
        return sorted(ids, key=lambda t: utf16_key(terms[t]))
    return sorted(ids, key=terms.__getitem__)


def make_shards(terms: list[str], df: list[int], encoded: list[str], n_docs: int):
    """Range-partition each family's sorted terms into shards of about SHARD_TARGET chars."""
    families: dict[str, list[int]] = {f: [] for f in FAMILIES}
    for t, term in enumerate(terms):
        families[family_of(term)].append(t)
    idfs: dict[int, int] = {}
    shards: dict[str, list[_Shard]] = {}
    for family, ids in families.items():
        tag = len(FAMILIES[family])
        out: list[_Shard] = []
        size = SHARD_TARGET
        for t in _sorted_ids(ids, terms):
            if size >= SHARD_TARGET:
                out.append(_Shard(family, len(out), [], [], []))
                size = 0
            shard = out[-1]
            frequency = df[t]
            if frequency not in idfs:
                idfs[frequency] = round(idf(frequency, n_docs) * IDF_SCALE)
            shard.terms.append(terms[t][tag:])
            shard.idfs.append(idfs[frequency])
            shard.postings.append(encoded[t])
            size += len(encoded[t]) + len(terms[t])
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


def _doc_record(doc: SearchDoc, categories: dict[tuple[str, str], int]) -> dict:
    return {
        "c": categories[(doc.category_slug, doc.category)],
        "d": doc.date,
        "h": doc.handbook,
        "k": KINDS.index(doc.kind) if doc.kind in KINDS else 0,
        "t": doc.title,
        "u": doc.url,
        "x": _snippet_text(doc.text),
    }


class _Writer:
    """Writes files on a second thread (zlib and file writes release the GIL), keeping sizes.

    Gzip sizes are measured at level 6, what web servers typically serve.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digest = hashlib.sha1()
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._jobs: list[Future] = []

    def write(self, rel: str, text: str) -> None:
        data = text.encode("utf-8")
        self.digest.update(rel.encode() + b"\0" + data)
        self._jobs.append(self._pool.submit(self._write, self.root / rel, data))

    @staticmethod
    def _write(path: Path, data: bytes) -> tuple[int, int]:
        try:
            path.write_bytes(data)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return len(data), len(zlib.compress(data, 6)) + 18  # + gzip header and trailer

    def close(self) -> tuple[int, int, int]:
        """(files, bytes, gzip bytes), once every file is on disk."""
        sizes = [job.result() for job in self._jobs]
        self._pool.shutdown()
        return len(sizes), sum(s[0] for s in sizes), sum(s[1] for s in sizes)


def write_index(docs: Sequence[SearchDoc], out_dir: Path) -> SearchStats:
    """Build and write the whole index; deterministic bytes for the same documents."""
    started = time.perf_counter()
    docs = order_docs(docs)
    index = compute_postings(docs)
    shards = make_shards(index.terms, index.df, index.encoded, len(docs))

    for sub_dir in (*FAMILIES, "d"):
        shutil.rmtree(out_dir / sub_dir, ignore_errors=True)
    writer = _Writer(out_dir)
    for family in shards.values():
        for shard in family:
            data = {"m": shard.idfs, "p": shard.postings, "t": shard.terms}
            writer.write(f"{shard.key}.js", _js(shard.key, data))
    facets = _facets(docs)
    categories = {tuple(c): i for i, c in enumerate(facets["cats"])}
    for i, doc in enumerate(docs):
        writer.write(f"d/{i}.js", _js(f"d/{i}", _doc_record(doc, categories)))
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
    files, size, gzip_size = writer.close()
    return SearchStats(
        files=files,
        bytes=size,
        gzip_bytes=gzip_size,
        shards=sum(len(s) for s in shards.values()),
        docs=len(docs),
        terms=len(index.terms),
        postings=index.count,
        seconds=round(time.perf_counter() - started, 3),
        families={f: len(s) for f, s in shards.items()},
    )


# --- Reading: the Python mirror of bantin-search.js -------------------------------------


def read_script(path: Path) -> tuple[str, object]:
    """(key, data) of a file written by `_js`."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(rf'{GLOBAL}\.load\("([^"]+)",(.*)\);\n', text, re.DOTALL)
    if not match:
        raise ValueError(f"{path}: not a search data file")
    return match.group(1), json.loads(match.group(2))


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


@dataclass(frozen=True)
class Result:
    """Ranked hits; `approximate` when no document had every word and any word was enough."""

    hits: list[Hit]
    approximate: bool = False


@dataclass(frozen=True)
class _Term:
    idf: int
    ids: list[int]
    codes: list[int]


KIND_GROUPS = {"tin-bai": ("article",), "hoi-dap": ("qa", "question"), "huong-dan": ("guide",)}


class SearchIndex:
    """Answers queries from the written files exactly as bantin-search.js does.

    Loads only the shards a query needs and records them in `fetched`, so the tests and the
    benchmark know what a browser downloads.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        _, self.manifest = read_script(self.root / "manifest.js")
        m = self.manifest
        self.bounds = {f: m["bounds"][f].split("\n") if m["shards"][f] > 1 else [] for f in FAMILIES}
        self.fetched: list[str] = ["manifest.js"]
        self._shards: dict[str, dict[str, _Term]] = {}
        self._docs: dict[int, dict] = {}
        facets = vlq_decode(m["facets"])
        self.kinds = [m["kinds"][v & 3] for v in facets]
        self.categories = [m["cats"][v >> 2][0] for v in facets]
        self.years = [year for year, count in m["years"] for _ in range(count)]

    # Shards

    def shard_of(self, family: str, term: str) -> int | None:
        if not self.manifest["shards"][family]:
            return None
        return bisect_right(self.bounds[family], utf16_key(term), key=utf16_key)

    def _shard(self, family: str, number: int) -> dict[str, _Term]:
        key = f"{family}/{number}"
        if key not in self._shards:
            self.fetched.append(f"{key}.js")
            _, data = read_script(self.root / f"{key}.js")
            self._shards[key] = {
                t: _Term(m, *decode_postings(p)) for t, m, p in zip(data["t"], data["m"], data["p"])
            }
        return self._shards[key]

    def term(self, term: str) -> _Term | None:
        family = family_of(term)
        bare = term[len(FAMILIES[family]) :]
        number = self.shard_of(family, bare)
        return None if number is None else self._shard(family, number).get(bare)

    def expand(self, prefix: str) -> list[str] | None:
        """Folded terms starting with prefix, or None when they span too many shards."""
        first, last = self.shard_of("u", prefix), self.shard_of("u", prefix + "\uffff")
        if first is None or last - first + 1 > self.manifest["prefixShards"]:
            return None
        found = []
        for number in range(first, last + 1):
            found += [t for t in self._shard("u", number) if t.startswith(prefix)]
        return sorted(found, key=utf16_key)

    # Queries

    def search(self, query: str, prefix: bool = False) -> Result:
        """All matching documents, best first; every word required unless none has all."""
        result = self._query(plan_query(query, prefix))
        if not result.hits and sum(c.required for c in plan_query(query, prefix)) > 1:
            return Result(self._query(plan_query(query, prefix, strict=False)).hits, True)
        return result

    def _query(self, clauses: list[Clause]) -> Result:
        """lunr.Index.query over one field, with integer weights (see the module docstring)."""
        vector: dict[str, int] = {}
        postings: dict[str, _Term] = {}
        required: set[int] | None = None
        for clause in clauses:
            terms = self.expand(clause.term) if clause.prefix else None
            terms = [clause.term] if terms is None else terms
            found = [(t, p) for t in terms if (p := self.term(t)) is not None]
            if clause.required and not found:
                return Result([])
            matches: set[int] = set()
            for t, p in found:
                vector[t] = vector.get(t, 0) + clause.boost
                postings[t] = p
                matches.update(p.ids)
            if clause.required:
                required = matches if required is None else required & matches
        return Result(self._rank(vector, postings, required))

    def _rank(self, vector: dict[str, int], postings: dict[str, _Term], required) -> list[Hit]:
        table = self.manifest["table"]
        magnitude = math.sqrt(sum(b * b for b in vector.values()))
        dots: dict[int, int] = {}
        for t, boost in vector.items():
            p = postings[t]
            for doc, code in zip(p.ids, p.codes):
                dots[doc] = dots.get(doc, 0) + boost * p.idf * table[code]
        hits = [
            Hit(doc, (dot / magnitude) if magnitude else 0.0)
            for doc, dot in dots.items()
            if required is None or doc in required
        ]
        return sorted(hits, key=lambda h: (-h.score, h.id))

    # Documents and filters

    def doc(self, i: int) -> dict:
        if i not in self._docs:
            self.fetched.append(f"d/{i}.js")
            _, self._docs[i] = read_script(self.root / f"d/{i}.js")
        return self._docs[i]

    def keep(self, i: int, kind: str = "", category: str = "", year: int | str = "") -> bool:
        """Whether document i passes the filters (kind group slug, category slug, year)."""
        return (
            (not kind or self.kinds[i] in KIND_GROUPS.get(kind, ()))
            and (not category or self.categories[i] == category)
            and (not year or self.years[i] == int(year))
        )

    def urls(self, query: str, limit: int = 10, prefix: bool = False, **filters) -> list[str]:
        """Urls of the first results, as the search page lists them."""
        hits = [h for h in self.search(query, prefix).hits if self.keep(h.id, **filters)]
        return [self.doc(h.id)["u"] for h in hits[:limit]]
