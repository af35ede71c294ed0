"""Writing the compact, term-partitioned search index (DESIGN §6) at build time.

Why not lunr.py's index: its JSON (string refs, one vector per document and field) is many
times the download budget, and building it for 13,000 documents takes minutes. Instead the
build computes exactly lunr's BM25 (k1 1.2, b 0.75, idf over the postings of every field,
field boosts) itself and writes, per term, its idf and one quantised weight per document
(`bantin.search.codec`). The browser rebuilds a lunr.Index holding just the terms of a query
(bantin-search.js), and `tests/test_search_lunr.py` checks the ranking against lunr.py on the
whole index.

Why one lunr field: when every clause targets every field (as ours do), lunr scores a document
as q·(Σ_f d_f)/|q|, so the per-field vectors can be summed at build time and stored once.

Layout under out_dir (every file a script, so the offline build works from file://):

- manifest.js: document count, categories, facets (type and category per document, years),
  the first term of every shard, the weight table, the query boosts; for questions, the stop
  words, the site's common terms and the citizens' synonyms (one source for both languages).
  The search page carries the same JSON inside it (`SearchStats.manifest`, site/searchpage.py);
- u/N.js, x/N.js, b/N.js: shards of folded syllables, exact syllables and bigrams, each
  family partitioned by term range (the terms sharing a typed prefix sit in few shards), a
  shard closed once it holds SHARD_TARGET characters (a larger term alone); u/ shards also
  give each syllable's usual marked form and the items without it (`preferred_forms`), and
  hold most bigrams: each beside the rarer of its syllables a question looks up anyway
  (`codec.pair_homes`), so its pairs cost a question no file of their own (issue 16: at
  10,000 articles a question's term files went 16 -> 10, median);
- d/C-K.js: DOC_GROUP documents of category C (url, title, type, category, date, text for
  the snippet and a long text's later sections: search/snippets.py), the K-th such file in
  id order (`codec.doc_files`): a question's ten results come in about five files (issue 16,
  session 24).

Build time: pure Python, so the work is arranged for CPython: ids cached per text chunk,
loops inside C (map, Counter, array), and on a large corpus a forked worker that computes
the postings of half the documents and then writes the document files, while this process
merges the postings and writes the shards (about 15 s for 13,000 documents on 2 cores).
`build_search_index` is the entry the build calls.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from array import array
from bisect import bisect_left
from collections import Counter, deque
from itertools import accumulate, chain, repeat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from bantin.workers import policy
from bantin.workers.background import fork_process
from bantin.outputs.gate import Gate, write_new
from bantin.text.vi import fold
from bantin.search.terms import (
    ASKING, BIGRAM, EXACT, FIELD_BOOSTS, FIELD_PARTS, MAX_QUERY_CHARS, MAX_QUESTION_SYLLABLES, QUERY_BOOSTS,
    FOLDED_STOP, QUESTION_SYLLABLES, SAME_POSTINGS, STOP, USUAL_SEPARATOR, Analyzer, SearchDoc, SearchStats, doc_fields,
    folded_synonyms,
)
from bantin.search.recheck import shown_length
from bantin.search.snippets import snippet_text
from bantin.search.codec import (
    CODE_BASE, DOC_GROUP, FAMILIES, GLOBAL, IDF_SCALE, KIND_BITS, KINDS, TABLE, _CODE, _vlq_table, decode_ids, doc_files, encode_postings, family_of, halve_weights, idf,
    join_postings, pair_homes, quantise, utf16_key, vlq_list,
)


WHO = "chỉ mục tìm kiếm (assets/search/)"
K1, B = 1.2, 0.75


FIELDS = tuple(FIELD_BOOSTS)


SHARD_TARGET = 4_000  # characters of postings per shard; larger terms get a shard alone (issue 16)
MAX_PREFIX_SHARDS = 8  # a typed prefix that spans more shards is matched as a whole word
COMMON_SHARE = 0.5  # a syllable in more of the items than this is not looked up alone in a question


class _Bigrams(dict):
    """(folded id, folded id) -> bigram term id, made on first sight."""

    def __init__(self, vocabulary: "_Vocabulary") -> None:
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, pair: tuple[int, int]) -> int:
        terms = self.vocabulary.terms
        value = self[pair] = self.vocabulary.add(f"{BIGRAM}{terms[pair[0]]} {terms[pair[1]]}")
        return value


class _Chunks(dict):
    """Whitespace-separated chunk -> ids of its folded syllables (exact ones kept aside)."""

    def __init__(self, vocabulary: "_Vocabulary") -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.exact: dict[str, tuple[int, ...]] = {}

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        add, pairs = self.vocabulary.add, self.vocabulary.analyzer.pairs(chunk)
        self.exact[chunk] = tuple(add(EXACT + s) for s, f in pairs if s != f)
        value = self[chunk] = tuple(add(f) for _, f in pairs)
        return value


class _Vocabulary:
    """Term ids straight from text: the terms of `Analyzer.terms`, without making strings.

    A corpus of 13,000 documents has 14 million term occurrences but few distinct chunks
    and syllables. Ids are cached per chunk, bigrams keyed by their pair of ids, and the
    loops run inside C (map, chain, Counter), which keeps the build within seconds.
    `field` is checked against `Analyzer.terms` in the tests.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.terms: list[str] = []
        self._ids: dict[str, int] = {}
        self._chunks = _Chunks(self)
        self._bigrams = _Bigrams(self)

    def add(self, term: str) -> int:
        value = self._ids.get(term)
        if value is None:
            value = self._ids[term] = len(self.terms)
            self.terms.append(term)
        return value

    def field(self, text: str, part: str = "all") -> list[int]:
        """Ids of a field's terms in `Analyzer.terms(text, part)` order: folded, exact, bigrams."""
        words = text.split()
        folded = list(chain.from_iterable(map(self._chunks.__getitem__, words)))
        bigrams = list(map(self._bigrams.__getitem__, zip(folded, folded[1:])))
        if part == "pairs":
            return bigrams
        folded.extend(chain.from_iterable(map(self._chunks.exact.__getitem__, words)))
        if part == "all":
            folded.extend(bigrams)
        return folded


def order_docs(docs: Sequence[SearchDoc]) -> list[SearchDoc]:
    """Newest first, then by url: ids follow this order, and ranking ties go to the newer.
    Undated documents of a year (legal documents' pages) come newest year first, so the
    manifest's `years` has a run a year, not one a document (5,629 on the evaluation site)."""
    return sorted(sorted(docs, key=lambda d: d.url), key=lambda d: (d.date, d.year or 0), reverse=True)


def _bm25_tf(tf: int, length: int, average: float) -> float:
    return ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)


class _BodyCodes(dict):
    """tf -> weight code of a body-only posting in one document (lengths fixed per document)."""

    def __init__(self, length: int, average: float) -> None:
        super().__init__()
        self.length, self.average = length, average

    def __missing__(self, tf: int) -> int:
        value = self[tf] = quantise(BODY_BOOST * _bm25_tf(tf, self.length, self.average))
        return value


class _MixedCodes(dict):
    """tf per field -> weight code of a posting in several fields, in one document."""

    def __init__(self, lengths: tuple[int, ...], averages: list[float]) -> None:
        super().__init__()
        self.lengths, self.averages = lengths, averages
        self.fields: dict[tuple[int, ...], int] = {}

    def __missing__(self, tfs: tuple[int, ...]) -> int:
        score = sum(
            FIELD_BOOSTS[FIELDS[f]] * _bm25_tf(tf, self.lengths[f], self.averages[f])
            for f, tf in enumerate(tfs)
            if tf
        )
        self.fields[tfs] = sum(1 for tf in tfs if tf)
        value = self[tfs] = quantise(score)
        return value


@dataclass
class _Postings:
    """Encoded postings of a run of documents, ready to merge with the next run."""

    terms: list[str]
    df: list[int]
    encoded: list[str]
    last: list[int]
    count: int


BODY = FIELDS.index("body")
BODY_BOOST = FIELD_BOOSTS["body"]
_OTHERS = tuple(f for f in range(len(FIELDS)) if f != BODY)


class _Part:
    """Postings of a contiguous run of documents (ids first, first + 1, ...).

    Pass one counts terms per field; pass two, given the corpus-wide average field lengths,
    computes lunr's BM25 per (term, document). Terms found in the body only (nearly all) are
    handled in bulk; the few also in the title or the document numbers one by one. Runs in a
    worker process for half of a large corpus.
    """

    def __init__(self, docs: Sequence[SearchDoc], first: int) -> None:
        self.docs, self.first = docs, first
        self.vocabulary = _Vocabulary(Analyzer())
        # Per document, in arrays (about 5 KB a document less than lists of tuples: at 100,000
        # articles 700 MB less over the two processes, issue 17):
        self.body: list[tuple[array, array]] = []  # body-only term ids and their tf
        self.mixed: list[tuple[array, array]] = []  # other terms, and their tf per field, flat
        self.lengths: list[tuple[int, ...]] = []

    def length_sums(self) -> list[int]:
        field = self.vocabulary.field
        for doc in self.docs:
            texts = doc_fields(doc)
            ids = [field(texts[name], FIELD_PARTS.get(name, "all")) for name in FIELDS]
            counts = [Counter(t) for t in ids]
            body = counts[BODY]
            others = set().union(*(counts[f].keys() for f in _OTHERS))
            mixed = sorted(others)
            tfs = chain.from_iterable(zip(*[list(map(c.get, mixed, repeat(0))) for c in counts]))
            self.mixed.append((array("I", mixed), array("I", tfs)))
            for t in others & body.keys():
                body.pop(t)  # dict's own, in C (Counter's `del` is Python code)
            self.body.append((array("I", body.keys()), array("H" if max(body.values(), default=0) < 65536 else "I",
                                                               body.values())))
            self.lengths.append(tuple(map(len, ids)))
        return [sum(lengths[f] for lengths in self.lengths) for f in range(len(FIELDS))]

    def postings(self, averages: list[float]) -> _Postings:
        """Per term, ascending (doc << 8 | weight code) encoded, and lunr's df.

        The code quantises Σ_f boost_f * bm25tf_f; lunr's df counts a document once per
        field holding the term, so it is counted here rather than taken from the postings.
        Postings accumulate in arrays: no int object per posting, contiguous to encode.
        """
        lists = [array("I") for _ in self.vocabulary.terms]
        get = lists.__getitem__
        df_extra: Counter = Counter()
        for doc, (body, mixed, lengths) in enumerate(zip(self.body, self.mixed, self.lengths), self.first):
            base = doc << 8
            codes = _BodyCodes(lengths[BODY], averages[BODY])
            deque(map(array.append, map(get, body[0]), map(base.__or__, map(codes.__getitem__, body[1]))), 0)
            codes = _MixedCodes(lengths, averages)
            per_field = list(zip(*[iter(mixed[1])] * len(FIELDS)))
            deque(map(array.append, map(get, mixed[0]), map(base.__or__, map(codes.__getitem__, per_field))), 0)
            for t, tfs in zip(mixed[0], per_field):
                if codes.fields[tfs] > 1:
                    df_extra[t] += codes.fields[tfs] - 1
        self.body, self.mixed = [], []
        df = [len(p) for p in lists]
        for t, more in df_extra.items():
            df[t] += more
        last = [p[-1] >> 8 if p else -1 for p in lists]
        vlq = _vlq_table(self.first + len(self.docs) + 1)
        encoded = [f"{vlq[p[0] >> 8]}.{_CODE[p[0] & 255]}" if len(p) == 1 else encode_postings(p) for p in lists]
        count = sum(df) - sum(df_extra.values())
        terms, self.vocabulary = self.vocabulary.terms, None  # its caches are large
        return _Postings(terms, df, encoded, last, count)


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
            a.encoded[i] = join_postings(a.encoded[i], encoded, a.last[i])
            a.last[i] = last
    a.count += b.count
    return a


def _averages(sums: list[int], n_docs: int) -> list[float]:
    return [total / n_docs or 1.0 for total in sums] if n_docs else [1.0] * len(sums)


def _serial(docs: Sequence[SearchDoc]) -> _Postings:
    part = _Part(docs, 0)
    return part.postings(_averages(part.length_sums(), len(docs)))


def _worker_main(conn, docs: Sequence[SearchDoc], half: int, out_dir: Path, facets: dict) -> None:
    part = _Part(docs[half:], half)
    conn.send(part.length_sums())
    conn.send(part.postings(conn.recv()))
    conn.send(write_documents(docs, out_dir, facets))
    conn.close()


class _Worker:
    """A forked process: postings of the second half of the documents, then every document
    file, which overlaps with this process merging and writing the shards.

    Fork, not spawn: spawn re-runs the caller's main module, which a script without a
    `__main__` guard cannot survive. The worker starts before this process has threads.
    Whatever fails in it is redone here: slower, never wrong.
    """

    def __init__(self, process, conn) -> None:
        self.process, self.conn = process, conn

    @classmethod
    def start(cls, docs: Sequence[SearchDoc], out_dir: Path, facets: dict) -> "_Worker | None":
        if not policy.search_split(len(docs)):
            return None
        started = fork_process(_worker_main, docs, len(docs) // 2, out_dir, facets)
        return cls(*started) if started is not None else None

    def postings(self, docs: Sequence[SearchDoc]) -> _Postings:
        """Postings of all documents: the first half here, the second from the worker."""
        try:
            part = _Part(docs[: len(docs) // 2], 0)
            sums = [a + b for a, b in zip(part.length_sums(), self.conn.recv())]
            averages = _averages(sums, len(docs))
            self.conn.send(averages)
            mine = part.postings(averages)
            return _merge(mine, self.conn.recv())
        except (EOFError, OSError):
            self.close()
            return _serial(docs)

    def documents(self, docs: Sequence[SearchDoc], out_dir: Path, facets: dict) -> "_Written":
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return write_documents(docs, out_dir, facets)
        finally:
            self.close()

    def close(self) -> None:
        self.conn.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()


@dataclass
class _Shard:
    family: str
    number: int
    terms: list[str]
    idfs: list[int]
    postings: list[str]
    preferred: list[str]
    first: str = ""  # the shard's bound: its first term, or in u/ its first group's syllable
    layout: str = ""  # `layout_id` of the index: a reader with another manifest notices

    @property
    def key(self) -> str:
        return f"{self.family}/{self.number}"

    def data(self) -> dict:
        data = {"l": self.layout, "m": self.idfs, "p": self.postings, "t": self.terms}
        if self.family == "u":
            data["e"] = "\n".join(self.preferred)
        return data

    def script(self) -> str:
        """`_js(self.key, self.data())`, assembled directly: 45 MB at 10,000 articles of
        strings that need no escaping (base-64 postings, terms of word characters)."""
        terms = '","'.join(self.terms)
        preferred = "\\n".join(self.preferred)
        if _UNSAFE.search(terms) or _UNSAFE.search(preferred):
            return _js(self.key, self.data())
        return "".join((
            f'{GLOBAL}.load("{self.key}",{{',
            f'"e":"{preferred}",' if self.family == "u" else "",
            f'"l":"{self.layout}",',
            '"m":[', ",".join(map(str, self.idfs)),
            '],"p":["', '","'.join(self.postings),
            '"],"t":["', terms, '"]});\n',
        ))


_UNSAFE = re.compile(r'["\\\x00-\x1f\u2028\u2029]')


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _sorted_terms(keys: list[str]) -> list[str]:
    """Strings in JavaScript string order (code point order agrees with it below U+10000)."""
    return sorted(keys, key=utf16_key) if _ASTRAL.search("".join(keys)) else sorted(keys)


def _sorted_ids(ids: list[int], terms: list[str]) -> list[int]:
    """Term ids in JavaScript string order (code point order agrees with it below U+10000)."""
    if _ASTRAL.search("".join(map(terms.__getitem__, ids))):
        return sorted(ids, key=lambda t: utf16_key(terms[t]))
    return sorted(ids, key=terms.__getitem__)


def preferred_forms(terms: list[str], df: list[int], encoded: list[str]) -> dict[str, str]:
    """Folded syllable -> its usual marked form, as the u/ shards' "e" gives it.

    A query typed without marks ("hoa giai") then prefers what the site's texts usually mean
    ("hòa giải") over rarer readings ("hóa giải"), while still finding them. No form is
    usual where none is in the majority ('cho': chợ, chó, chờ and plain cho).

    - "=pháp" (SAME_POSTINGS): the form's postings are exactly its syllable's; x/ gives
      SAME_POSTINGS for its list, and the readers take the syllable's.
    - "hòa:<VLQ>" (USUAL_SEPARATOR): the positions, in the syllable's list, of the items
      without the form. An unmarked query weighs the usual form from the syllable's own
      shard (the `USUAL` clause), instead of fetching the form's list from x/ after the
      syllable's told its name: a round trip and, at 130,000 items, 70-85 KB a word
      (issue 17).
    """
    folded_id = {term: t for t, term in enumerate(terms) if family_of(term) == "u"}
    best: dict[str, tuple[int, str, int]] = {}
    for t, term in enumerate(terms):
        if term.startswith(EXACT):
            form = term[len(EXACT):]
            key = fold(form)
            if key not in best or (-df[t], form) < (-best[key][0], best[key][1]):
                best[key] = (df[t], form, t)
    out = {}
    for f, (count, form, t) in best.items():
        u = folded_id.get(f)
        if u is None or 2 * count <= df[u]:
            continue
        if count == df[u] and encoded[t] == encoded[u]:
            out[f] = SAME_POSTINGS + form
        else:
            out[f] = form + USUAL_SEPARATOR + _absent(encoded[u], encoded[t])
    return out


def _absent(word: str, form: str) -> str:
    """VLQ gaps of the positions in the word's list of the items the form's list lacks."""
    has = set(decode_ids(form))
    mask = bytes(map(has.__contains__, decode_ids(word)))
    positions = [m.start() for m in _ZERO.finditer(mask)]
    return vlq_list(b - a - 1 for a, b in zip([-1, *positions], positions))


_ZERO = re.compile(b"\x00")


class _Idfs(dict):
    """Document frequency -> round(lunr idf * IDF_SCALE), computed once per frequency."""

    def __init__(self, n_docs: int) -> None:
        super().__init__()
        self.n_docs = n_docs

    def __missing__(self, frequency: int) -> int:
        value = self[frequency] = round(idf(frequency, self.n_docs) * IDF_SCALE)
        return value


def common_syllables(terms: list[str], df: list[int], n_docs: int) -> list[str]:
    """Folded syllables in more than COMMON_SHARE of the items, for the question plan.

    Alone they barely rank (idf below 0.7) yet are the longest posting lists a question would
    fetch; their pairs still count. Measured per site, so a labour-law site's "lao" is common
    there and rare on a site about land. (lunr's df counts each field holding it: near enough.)
    """
    limit = COMMON_SHARE * n_docs
    return sorted(
        (term for t, term in enumerate(terms) if family_of(term) == "u" and df[t] > limit and not term.isdecimal()),
        key=utf16_key,
    )


def quiet_idf(terms: list[str], df: list[int], n_docs: int, common: list[str]) -> list[list]:
    """[syllable, idf × IDF_SCALE] of the syllables a question never looks up alone (question
    words, the site's common syllables), for the second look at its first page
    (search/recheck.py): a few hundred bytes in the manifest instead of a request for each.
    Pairs, not an object: manifest.js is a script, where `"__proto__": 5` makes no key."""
    wanted = FOLDED_STOP.union(common)
    idfs = _Idfs(n_docs)
    found = {t: idfs[df[i]] for i, t in enumerate(terms) if t in wanted}
    return [[t, found[t]] for t in sorted(found, key=utf16_key)]


def make_shards(terms: list[str], df: list[int], encoded: list[str], n_docs: int,
                preferred: dict[str, str] | None = None,
                common: frozenset[str] = frozenset()) -> dict[str, list[_Shard]]:
    """Range-partition each family's sorted terms into shards of about SHARD_TARGET chars.

    A form with its syllable's very postings gets SAME_POSTINGS for its list, and a term in
    most of the items weights on every other step (`codec.halve_weights`).

    A shard takes terms until its size reaches the target, and a term larger than the target
    sits alone, so a query never fetches a shard much larger than what it needs, nor a large
    list beside the small term it looks for. In u/, a
    syllable and the pairs stored beside it (`pair_homes`) are one group, never split.
    """
    preferred = preferred or {}
    idfs = _Idfs(n_docs)
    firsts = [term[:1] for term in terms]
    ids_of = {
        "u": [t for t, c in enumerate(firsts) if c != EXACT and c != BIGRAM],
        "x": [t for t, c in enumerate(firsts) if c == EXACT],
        "b": [t for t, c in enumerate(firsts) if c == BIGRAM],
    }
    same = {EXACT + form[len(SAME_POSTINGS):] for form in preferred.values() if form.startswith(SAME_POSTINGS)}
    limit = COMMON_SHARE * n_docs
    encoded = [
        SAME_POSTINGS if term in same else halve_weights(text) if count > limit else text
        for term, text, count in zip(terms, encoded, df)
    ]
    groups, ids_of["b"] = _home_groups(terms, df, ids_of, common)
    shards: dict[str, list[_Shard]] = {}
    for family, ids in ids_of.items():
        if family == "u":
            keys = _sorted_terms(list(groups))
            runs = [groups[k] for k in keys]
        else:
            runs = [[t] for t in _sorted_ids(ids, terms)]
            keys = [terms[run[0]][len(FAMILIES[family]):] for run in runs]
        shards[family] = _partition(family, keys, runs, terms, df, encoded, idfs, preferred)
    return shards


def _home_groups(terms: list[str], df: list[int], ids_of: dict[str, list[int]],
                 common: frozenset[str]) -> tuple[dict[str, list[int]], list[int]]:
    """Folded syllable -> term ids of its u/ group (itself, then the pairs it is home to),
    and the pairs without a home, which stay in b/.

    A pair goes beside the rarer of its homes. Syllables are keyed by their text, so a pair
    can find its home.
    """
    tag = len(BIGRAM)
    syllable_df = {terms[t]: df[t] for t in ids_of["u"]}
    groups: dict[str, list[int]] = {terms[t]: [t] for t in ids_of["u"]}
    loose = []
    for t in ids_of["b"]:
        homes = pair_homes(terms[t][tag:], common)
        if not homes:
            loose.append(t)
            continue
        home = min(homes, key=lambda h: syllable_df.get(h, 0))  # the first of equals
        groups.setdefault(home, []).append(t)
    for ids in groups.values():
        ids[1:] = sorted(ids[1:], key=terms.__getitem__)  # any fixed order: looked up by name
    return groups, loose


def _partition(family: str, keys: list[str], runs: list[list[int]], terms: list[str], df: list[int],
               encoded: list[str], idfs: "_Idfs", preferred: dict[str, str]) -> list[_Shard]:
    """Shards of consecutive runs of term ids (a run is never split), about SHARD_TARGET each.

    `keys[i]` names run i as the reader bisects for it (a term, or in u/ a group's syllable);
    the key of each shard's first run is its bound in the manifest.
    """
    tag = len(FAMILIES[family])
    ids = list(chain(*runs))
    names = [terms[t][len(FAMILIES[family_of(terms[t])]):] for t in ids]  # a pair in u/ loses its tag
    posts = list(map(encoded.__getitem__, ids))
    weights = list(map(idfs.__getitem__, map(df.__getitem__, ids)))
    prefs = [preferred.get(terms[t], "") for t in ids] if family == "u" else []
    chars = list(accumulate(len(p) + len(n) + tag for p, n in zip(posts, names)))  # cumulative, per term
    ends = list(accumulate(map(len, runs)))  # term index after each run
    sizes = [chars[e - 1] for e in ends]  # cumulative, per run
    out: list[_Shard] = []
    start = 0
    while start < len(runs):
        base = sizes[start - 1] if start else 0
        end = min(bisect_left(sizes, base + SHARD_TARGET, lo=start), len(runs) - 1) + 1
        if end - 1 > start and sizes[end - 1] - sizes[end - 2] >= SHARD_TARGET:
            end -= 1  # a run as large as a shard gets one of its own: a term beside it costs nothing extra
        lo, hi = ends[start - 1] if start else 0, ends[end - 1]
        out.append(_Shard(family, len(out), names[lo:hi], weights[lo:hi], posts[lo:hi], prefs[lo:hi], keys[start]))
        start = end
    return out


def layout_id(docs: Sequence[SearchDoc], bounds: dict[str, str]) -> str:
    """What a term shard must agree on with the manifest that routes to it: every family's
    bounds and the documents' order (their ids). A page that kept a manifest across a build
    (open in a tab, or in the browser's cache: GitHub Pages keeps files ten minutes) would
    look its terms up in the new build's shards through the old bounds; bantin-search.js
    compares this in each shard with its manifest's and fetches the manifest again."""
    digest = hashlib.sha1()
    for family, text in sorted(bounds.items()):  # the manifest's bounds: what routes a term to a shard
        digest.update(f"{family}\0".encode() + text.encode("utf-8", "surrogatepass") + b"\0")
    for doc in docs:
        digest.update(doc.url.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()[:12]


def _json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _js(key: str, data) -> str:
    """The file for `key`: a script handing `data` to the reader."""
    return _script(key, _json(data))


def _script(key: str, json_text: str) -> str:
    """The file for `key`, from JSON already made (the manifest's, also carried by the search page)."""
    return f'{GLOBAL}.load("{key}",{json_text});\n'


def _facets(docs: list[SearchDoc]) -> dict:
    """Kind and category per document, years as runs (documents are sorted newest first; an
    undated one has its `year`, else 0: no year)."""
    categories = sorted({(d.category_slug, d.category) for d in docs}, key=lambda c: (c[1], c[0]))
    index = {c: i for i, c in enumerate(categories)}
    kinds = [KINDS.index(d.kind) if d.kind in KINDS else 0 for d in docs]
    cats = [index[(d.category_slug, d.category)] for d in docs]
    years: list[list[int]] = []
    for d in docs:
        year = int(d.date[:4]) if d.date[:4].isdecimal() else d.year or 0
        if years and years[-1][0] == year:
            years[-1][1] += 1
        else:
            years.append([year, 1])
    return {
        "cats": [list(c) for c in categories],
        "facets": vlq_list(cat << KIND_BITS | kind for cat, kind in zip(cats, kinds)),
        "kindBits": KIND_BITS,
        "kinds": list(KINDS),
        "years": years,
    }


def _doc_record(doc: SearchDoc, categories: dict[tuple[str, str], int]) -> dict:
    """What the result shows; `s` (a document out of force) and `m` (a long text's later
    sections, search/snippets.py) only where set: bytes stay the same for the 13,000 items
    that have none."""
    record = {
        "c": categories[(doc.category_slug, doc.category)],
        "d": doc.date,
        "h": doc.handbook,
        "k": KINDS.index(doc.kind) if doc.kind in KINDS else 0,
        "t": doc.title,
        "u": doc.url,
        "x": snippet_text(doc.text),
    }
    if doc.status:
        record["s"] = doc.status
    if doc.sections:
        record["m"] = [list(section) for section in doc.sections]
    return record


@dataclass(frozen=True)
class _Written:
    files: int
    bytes: int
    digest: str
    shown_terms: int = 0  # documents only: the terms of their shown text (`recheck.shown_length`)


class _Writer:
    """Writes files on a second thread, keeping their sizes and a digest of their content.

    File writes release the GIL, so the thread overlaps with the next file's serialisation.
    (Compressed sizes are the benchmark's to measure: compressing every shard here only for
    a log line cost a second of CPU at 10,000 articles.)
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.gate = Gate(root)  # the search folder is all the search index's: confined to it
        self.digest = hashlib.sha1()
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._jobs: list[Future] = []

    def write(self, rel: str, text: str) -> None:
        data = text.encode("utf-8")
        self.digest.update(rel.encode() + b"\0" + data)
        self._jobs.append(self._pool.submit(self._write, self.gate.target(rel, WHO), data))

    @staticmethod
    def _write(path: Path, data: bytes) -> int:
        write_new(path, data)
        return len(data)

    def close(self) -> _Written:
        """Sizes and digest, once every file is on disk."""
        sizes = [job.result() for job in self._jobs]
        self._pool.shutdown()
        return _Written(len(sizes), sum(sizes), self.digest.hexdigest())


def write_documents(docs: Sequence[SearchDoc], out_dir: Path, facets: dict) -> _Written:
    """d/C-K.js: what results show (title, url, type, category, date, text for the snippet),
    DOC_GROUP documents of one category a file (`codec.doc_files`)."""
    writer = _Writer(out_dir)
    categories = {tuple(c): i for i, c in enumerate(facets["cats"])}
    records = [_doc_record(doc, categories) for doc in docs]
    files: dict[str, list[dict]] = {}
    for record, (key, _) in zip(records, doc_files([r["c"] for r in records], DOC_GROUP)):
        files.setdefault(key, []).append(record)
    for key, group in files.items():
        writer.write(f"{key}.js", _js(key, group))
    return dataclasses.replace(writer.close(), shown_terms=shown_length(records))


def write_index(docs: Sequence[SearchDoc], out_dir: Path) -> SearchStats:
    """Build and write the whole index; deterministic bytes for the same documents."""
    started = time.perf_counter()
    docs = order_docs(docs)
    for sub_dir in (*FAMILIES, "d"):
        shutil.rmtree(out_dir / sub_dir, ignore_errors=True)
    facets = _facets(docs)
    worker = _Worker.start(docs, out_dir, facets)
    if worker:
        index = worker.postings(docs)
    else:
        index = _serial(docs)
    common = common_syllables(index.terms, index.df, len(docs))
    preferred = preferred_forms(index.terms, index.df, index.encoded)
    shards = make_shards(index.terms, index.df, index.encoded, len(docs), preferred, frozenset(common))
    bounds = {f: "\n".join(s.first for s in shards[f][1:]) for f in FAMILIES}
    layout = layout_id(docs, bounds)
    writer = _Writer(out_dir)
    for family in shards.values():
        for shard in family:
            shard.layout = layout
            writer.write(f"{shard.key}.js", shard.script())
    documents = worker.documents(docs, out_dir, facets) if worker else write_documents(docs, out_dir, facets)
    writer.digest.update(documents.digest.encode())
    manifest = {
        **facets,
        "asking": [[words, int(folded_too), int(last)] for words, folded_too, last in ASKING],
        "bounds": bounds,
        "boosts": dict(QUERY_BOOSTS),
        "codeBase": CODE_BASE,
        "docGroup": DOC_GROUP,
        "common": "\n".join(common),
        "layout": layout,
        "maxChars": MAX_QUERY_CHARS,
        "maxQuestion": MAX_QUESTION_SYLLABLES,
        "n": len(docs),
        "prefixShards": MAX_PREFIX_SHARDS,
        "question": QUESTION_SYLLABLES,
        "quietIdf": quiet_idf(index.terms, index.df, len(docs), common),
        "shards": {f: len(s) for f, s in shards.items()},
        "shownTerms": documents.shown_terms,
        "stop": " ".join(sorted(STOP)),
        "synonyms": folded_synonyms(),
        "table": TABLE,
        "v": writer.digest.hexdigest()[:12],
    }
    manifest_json = _json(manifest)
    writer.write("manifest.js", _script("manifest", manifest_json))
    written = writer.close()
    return SearchStats(
        files=written.files + documents.files,
        bytes=written.bytes + documents.bytes,
        shards=sum(len(s) for s in shards.values()),
        docs=len(docs),
        terms=len(index.terms),
        postings=index.count,
        seconds=round(time.perf_counter() - started, 3),
        families={f: len(s) for f, s in shards.items()},
        manifest=manifest_json,
    )


def build_search_index(docs: Sequence[SearchDoc], out_dir: Path) -> SearchStats:
    """Write manifest, term shards and per-document files for the browser under out_dir."""
    return write_index(docs, Path(out_dir))
