"""Reading a written search index: the Python mirror of bantin-search.js.

`SearchIndex` answers a query from the files exactly as the browser does, loading only the
shards the query needs, so the tests compare rankings with lunr.py and the benchmark knows
what a browser downloads. `load_search_index` is the entry the tests and the benchmark call.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from itertools import accumulate, compress
from dataclasses import dataclass, field, replace
from pathlib import Path

from bantin.search.terms import (
    EXACT, QUESTION_SYLLABLES, SAME_POSTINGS, USUAL, USUAL_SEPARATOR, Clause, analyze,
    clip_query, is_question, names_document, plan_question, plan_query, usable_synonyms, with_preferred, with_synonyms,
    written_words,
)
from bantin.text.vi import fold
from bantin.search.codec import FAMILIES, GLOBAL, decode_postings, doc_files, family_of, pair_homes, utf16_key, vlq_decode
from bantin.search.parts import held_shares, question_parts, restricted_pairs
from bantin.search.recheck import PAGE_SIZE, question_terms, reorder, shown_text
from bantin.search.suggest import nearest, other_shard, rewrite, shown_form, typed_words


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


# Keywords of three syllables or more that few items hold all of: «đơn ly hôn», «thủ tục ly
# hôn» listed one or two items that had the words apart, and not the one on divorce, which
# lacks «đơn» (a reader's trial, session 28). Below those, the items with some of the words
# (twin: bantin-search.js). Two syllables are often one word: «kết hôn» alone stays strict.
FEW_WHOLE = 5  # fewer items than this with every word: the others follow
MORE_FROM_WORDS = 3  # required words (syllables) a query needs for that


@dataclass(frozen=True)
class Result:
    """Ranked hits; `approximate` when no document had every word and any word was enough;
    `folded` when none had the words with the marks typed and their folded forms were enough.

    A question's also carries what its first page is looked at again with (`recheck`): its
    syllables and pairs, and the idf of those it looked up. `whole`, when not -1: only the first
    `whole` hits have every word; those after have some (`FEW_WHOLE`).
    """

    hits: list[Hit]
    approximate: bool = False
    folded: bool = False
    whole: int = -1
    question: bool = False
    asked: tuple[str, ...] = ()
    idf: dict[str, int] = field(default_factory=dict)
    share: float = 1.0  # a question's: the most of it any item holds (`SearchIndex._covered`)


@dataclass(frozen=True)
class _Term:
    idf: int
    ids: list[int]
    codes: list[int]
    preferred: str = ""  # a syllable's usual form: "=pháp" (SAME_POSTINGS) or "hòa"
    absent: str = ""  # VLQ gaps: the positions in `ids` of the items without that form


def _entry(m: int, postings: str, usual: str) -> _Term | None:
    """A shard's term; `usual` is its "e" entry (`writer.preferred_forms`). None: a form with
    its syllable's very postings, which x/ does not repeat."""
    if postings == SAME_POSTINGS:
        return None
    form, _, absent = usual.partition(USUAL_SEPARATOR)
    return _Term(m, *decode_postings(postings), form, absent)


KIND_GROUPS = {"tin-bai": ("article",), "hoi-dap": ("qa", "question"), "huong-dan": ("guide",), "van-ban": ("document",)}


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
        self._docs: dict[str, list[dict]] = {}
        facets = vlq_decode(m["facets"])
        bits = m.get("kindBits", 2)  # an index written before pages were searched: 2
        self.kinds = [m["kinds"][v & ((1 << bits) - 1)] for v in facets]
        self.categories = [m["cats"][v >> bits][0] for v in facets]
        self._files = doc_files([v >> bits for v in facets], m.get("docGroup"))  # each document's d/ file
        self.years = [year for year, count in m["years"] for _ in range(count)]
        self.common = frozenset(m["common"].split("\n")) if m.get("common") else frozenset()
        self.synonyms = usable_synonyms(m.get("synonyms"))
        self.quiet = dict(m.get("quietIdf") or ())  # a question's second look (recheck)

    # Shards

    def shard_of(self, family: str, term: str) -> int | None:
        if not self.manifest["shards"][family]:
            return None
        return bisect_right(self.bounds[family], utf16_key(term), key=utf16_key)

    def _shard(self, family: str, number: int) -> dict[str, _Term | None]:
        key = f"{family}/{number}"
        if key not in self._shards:
            self.fetched.append(f"{key}.js")
            _, data = read_script(self.root / f"{key}.js")
            preferred = data["e"].split("\n") if "e" in data else [""] * len(data["t"])
            self._shards[key] = {t: _entry(m, p, e) for t, m, p, e in zip(data["t"], data["m"], data["p"], preferred)}
        return self._shards[key]

    def term(self, term: str) -> _Term | None:
        if term.startswith(USUAL):
            return self._usual(term[len(USUAL):])
        family = family_of(term)
        bare = term[len(FAMILIES[family]) :]
        homes = pair_homes(bare, self.common) if family == "b" else []
        if homes:  # in the u/ shard of one of its syllables, both fetched by the query anyway
            numbers = [n for h in homes if (n := self.shard_of("u", h)) is not None]
            found = [self._shard("u", n).get(bare) for n in numbers]
            return next((t for t in found if t is not None), None)
        number = self.shard_of(family, bare)
        shard = {} if number is None else self._shard(family, number)
        if bare in shard and shard[bare] is None:  # a form with its syllable's very postings
            return self.term(fold(bare))
        return shard.get(bare)

    def _usual(self, word: str) -> _Term | None:
        """The items of `word` that use its usual form, with the word's weights (a `USUAL` clause)."""
        t = self.term(word)
        if t is None or not t.preferred:
            return None
        skip = set(accumulate((gap + 1 for gap in vlq_decode(t.absent)), initial=-1))
        keep = [k not in skip for k in range(len(t.ids))]
        return _Term(t.idf, list(compress(t.ids, keep)), list(compress(t.codes, keep)))

    def expand(self, prefix: str) -> list[str] | None:
        """Folded terms starting with prefix, or None when they span too many shards."""
        first, last = self.shard_of("u", prefix), self.shard_of("u", prefix + "\uffff")
        if first is None or last - first + 1 > self.manifest["prefixShards"]:
            return None
        found = []
        for number in range(first, last + 1):
            found += [t for t in self._shard("u", number) if t.startswith(prefix) and " " not in t]
        return sorted(found, key=utf16_key)

    # Queries

    def plan(self, query: str, prefix: bool = False, strict: bool = True, marks: bool = True,
             keywords: bool = False) -> list[Clause]:
        """The clauses the browser ranks: a question's, or keywords' with the preferred forms
        (`keywords`: a short question asked again as keywords, `search`)."""
        pairs = analyze(clip_query(query))
        if is_question(pairs, self.synonyms) and not keywords:
            return plan_question(pairs, self.common, self.synonyms)
        clauses = plan_query(query, prefix, strict, marks=marks, keywords=True)
        preferred = {}
        for c in clauses:
            term = None if c.prefix or family_of(c.term) != "u" else self.term(c.term)
            if term and term.preferred:
                preferred[c.term] = term.preferred
        return with_preferred(clauses, preferred)

    def search(self, query: str, prefix: bool = False) -> Result:
        """All matching documents, best first; every word required unless none has all (and,
        for three words or more that fewer than FEW_WHOLE items hold, those with some after).

        A question: every document sharing a term, ranked with `coverage`. A short question
        (`asks`) that finds nothing so is asked again as keywords: «luật nào», whose one word in
        most items is not looked up alone, and «hòa giảii là gì», a typo (a review, session 44).
        """
        pairs = analyze(clip_query(query))
        if is_question(pairs, self.synonyms):
            found: dict[str, _Term] = {}
            parts = question_parts(pairs, self.synonyms)
            restrict = restricted_pairs(pairs, self.synonyms)
            ranked = self._query(self.plan(query), coverage=parts, found=found, restrict=restrict)
            if ranked.hits or len(pairs) >= QUESTION_SYLLABLES:
                asked = self._asked(pairs)
                return replace(ranked, question=True, asked=asked, idf={t: p.idf for t, p in found.items()})
        strict = self.plan(query, prefix, keywords=True)
        result = self._documents_first(query, self._query(strict))
        if not result.hits and any(c.required and c.term.startswith(EXACT) for c in strict):
            folded = self._documents_first(query, self._query(self.plan(query, prefix, marks=False, keywords=True)))
            if folded.hits:  # a mark typed wrong, «thủ tục ly hôn»: the words folded, and few items with all of them
                return self._with_some(query, prefix, strict, Result(folded.hits, folded=True))
        if not result.hits and sum(c.required for c in strict) > 1:
            return Result(self._query(self.plan(query, prefix, strict=False, keywords=True)).hits, True)
        return self._with_some(query, prefix, strict, result)

    def _documents_first(self, query: str, result: Result) -> Result:
        """Keywords holding a document's number (`names_document`): the documents' pages with
        every word first, in their order, then the other items in theirs."""
        if not names_document(query):
            return result
        pages = [h for h in result.hits if self.kinds[h.id] == "document"]
        return replace(result, hits=pages + [h for h in result.hits if self.kinds[h.id] != "document"])

    def _with_some(self, query: str, prefix: bool, strict: list[Clause], result: Result) -> Result:
        """Fewer than FEW_WHOLE hits with every word of MORE_FROM_WORDS or more: those with some after."""
        if prefix or not result.hits or len(result.hits) >= FEW_WHOLE or sum(c.required for c in strict) < MORE_FROM_WORDS:
            return result
        held = {h.id for h in result.hits}
        some = [h for h in self._query(self.plan(query, prefix, strict=False, keywords=True)).hits if h.id not in held]
        return replace(result, hits=result.hits + some, whole=len(result.hits)) if some else result

    def _asked(self, pairs: list[tuple[str, str]]) -> tuple[str, ...]:
        """What a question's first page is looked at again with (`recheck.question_terms`): its
        own terms, and in a short one the law's words for the citizen's words it holds."""
        if len(pairs) >= QUESTION_SYLLABLES:  # a long question: its own words (law's words measured worse)
            return question_terms([f for _, f in pairs])
        law = [f for _, f in with_synonyms(pairs, self.synonyms)[len(pairs):]]
        return question_terms([f for _, f in pairs], law, written_words(pairs, self.synonyms), [s for s, _ in pairs])

    def _query(self, clauses: list[Clause], coverage: dict[str, tuple[int, int]] | None = None,
               found: dict | None = None, restrict: dict[str, tuple[str, ...]] | None = None) -> Result:
        """lunr.Index.query over one field, with integer weights (see the module docstring).

        `coverage`, a question's parts (`parts.question_parts`): the scores times the share of
        the question each item holds, and the largest share kept (`Result.share`). `found`, when given, receives the postings of every term
        found (a question's idf). `restrict` (`parts.restricted_pairs`): terms that count only
        in the items holding every one of their terms.
        """
        vector: dict[str, int] = {}
        postings: dict[str, _Term] = {} if found is None else found
        required: set[int] | None = None
        missing = False  # a required word nowhere: no result, but the browser fetched every clause's file
        for clause in clauses:
            terms = self.expand(clause.term) if clause.prefix else None
            terms = [clause.term] if terms is None else terms
            found = [(t, p) for t in terms if (p := self.term(t)) is not None]
            missing = missing or (clause.required and not found)
            matches: set[int] = set()
            for t, p in found:
                vector[t] = vector.get(t, 0) + clause.boost
                postings[t] = p
                matches.update(p.ids)
            if clause.required:
                required = matches if required is None else required & matches
        if missing:
            return Result([])
        for term, needs in (restrict or {}).items():
            if term in postings:
                self._restrict(term, needs, postings, vector)
        hits = self._rank(vector, postings, required)
        if coverage is None:
            return Result(hits)
        return self._covered(hits, postings, coverage, len({c.term for c in clauses} - postings.keys()))

    @staticmethod
    def _restrict(term: str, needs: tuple[str, ...], postings: dict[str, _Term], vector: dict[str, int]) -> None:
        """`term`'s postings kept for the items holding every term of `needs`; none left, the
        term is as if not found (twin of restrict in bantin-search.js)."""
        keep = set.intersection(*(set(postings[n].ids) if n in postings else set() for n in needs)) if needs else set()
        p = postings[term]
        kept = [(doc, code) for doc, code in zip(p.ids, p.codes) if doc in keep]
        if kept:
            postings[term] = _Term(p.idf, [doc for doc, _ in kept], [code for _, code in kept])
        else:
            del postings[term], vector[term]

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

    @staticmethod
    def _covered(hits: list[Hit], postings: dict[str, _Term], parts: dict[str, tuple[int, int]],
                 nowhere: int) -> Result:
        """A question's scores times the square root of the share of its terms an item has,
        a citizen's word and its law's words counted as one part (search/parts.py).

        BM25 lets one rare syllable repeated outweigh the rest of a question; an answer usually
        has most of the asker's words and phrases (scripts/searcheval: MRR@10 +0.02).

        `share` is the most of the question any item holds, over the terms found and the
        `nowhere` terms looked up and found nowhere (or in no item their pair needs): the page
        says its items may not answer when even this is small. A labour question on a site with
        nothing on leave listed a land article for «hằng năm» alone (a reader's trial, session
        51); counted over the found terms only, that article held 3/4 of it.
        """
        if not postings:
            return Result(hits, share=0.0)
        held, total = held_shares(list(postings), {t: p.ids for t, p in postings.items()}, parts)
        scored = [Hit(h.id, h.score * math.sqrt(held[h.id] / total)) for h in hits]
        share = max(held.values()) / (total + nowhere) if held else 0.0
        return Result(sorted(scored, key=lambda h: (-h.score, h.id)), share=share)

    def suggest(self, query: str, prefix: bool = False) -> str | None:
        """The query with each syllable the index lacks replaced by its nearest syllable in
        the same u/ shard (search/suggest.py), or None: a question, every word found, no near
        syllable. Reads the shards the query's own search reads, and for a whole query (not
        while typing, `prefix`) whose missing word has no near syllable there, one shard more
        (`suggest.other_shard`: a typo in the first letters sorts far from the word meant).
        While typing, the last word is fixed only when no term begins with it: «sih» may
        become «sinh»."""
        pairs = analyze(clip_query(query))
        if is_question(pairs, self.synonyms) and (len(pairs) >= QUESTION_SYLLABLES or self.search(query, prefix).question):
            return None  # a question answered as one; a short one asked again as keywords is offered a fix
        text, words = typed_words(query, prefix)
        fixes, missed = [], []
        for word in words:
            number = self.shard_of("u", word.folded)
            shard = {} if number is None else self._shard("u", number)
            if word.folded in shard or (word.typing and self._begins(word.folded, number, shard)):
                continue
            fix = self._fix(word, shard)
            if fix:
                fixes.append(fix)
            elif not prefix:
                missed.append((word, other_shard(word.folded, number, lambda t: self.shard_of("u", t))))
        chosen = next((other for _, other in missed if other is not None), None)
        if chosen is not None:  # one request more at most, for the words it may fix
            shard = self._shard("u", chosen)
            fixes += filter(None, (self._fix(word, shard) for word, other in missed if other == chosen))
        return rewrite(text, fixes)

    @staticmethod
    def _fix(word, shard: dict) -> tuple | None:
        """(word, its fix as shown) from the shard's nearest syllable, or None."""
        fix = nearest(word.folded, (t for t in shard if shard[t] is not None), lambda t: len(shard[t].ids))
        return (word, shown_form(word, fix, shard[fix].preferred.removeprefix(SAME_POSTINGS))) if fix else None

    def _begins(self, prefix: str, number: int | None, shard: dict) -> bool:
        """Whether a term of the index begins with prefix: in its shard, or past it (the next
        shard's bound begins so), which the bounds tell without a file."""
        bounds = self.bounds["u"]
        return any(t.startswith(prefix) for t in shard) or (number is not None and number < len(bounds)
                                                               and bounds[number].startswith(prefix))

    # Documents and filters

    def doc_file(self, i: int) -> str:
        """The file under the index's folder that holds document i ("d/3-0.js")."""
        return f"{self._files[i][0]}.js"

    def doc(self, i: int) -> dict:
        """Document i, from its category's d/ file (read once, as the browser fetches it once)."""
        key, place = self._files[i]
        if key not in self._docs:
            self.fetched.append(f"{key}.js")
            _, self._docs[key] = read_script(self.root / f"{key}.js")
        data = self._docs[key]
        return data if place < 0 else data[place]

    def keep(self, i: int, kind: str = "", category: str = "", year: int | str = "") -> bool:
        """Whether document i passes the filters (kind group slug, category slug, year)."""
        return (
            (not kind or self.kinds[i] in KIND_GROUPS.get(kind, ()))
            and (not category or self.categories[i] == category)
            and (not year or self.years[i] == int(year))
        )

    def recheck(self, result: Result, hits: list[Hit]) -> list[Hit]:
        """A question's first page (`hits`, filtered) in the order the search page shows it:
        looked at again with the documents' shown text (search/recheck.py), each hit with its
        new score. Other queries' pages, and later pages, keep the ranking's order and scores."""
        if not result.question or len(hits) < 2:
            return hits
        m = self.manifest
        texts = [shown_text(self.doc(h.id)) for h in hits]
        ranked = reorder([h.score for h in hits], texts, result.asked, result.idf, self.quiet, m["n"], m["shownTerms"])
        return [Hit(hits[i].id, final) for i, final in ranked]

    def page_hits(self, query: str, prefix: bool = False, **filters) -> list[Hit]:
        """Every result as the search page lists them: filtered, the first page looked at again."""
        result = self.search(query, prefix)
        hits = [h for h in result.hits if self.keep(h.id, **filters)]
        return self.recheck(result, hits[:PAGE_SIZE]) + hits[PAGE_SIZE:]

    def urls(self, query: str, limit: int = 10, prefix: bool = False, **filters) -> list[str]:
        """Urls of the first results, as the search page lists them."""
        return [self.doc(h.id)["u"] for h in self.page_hits(query, prefix, **filters)[:limit]]


def load_search_index(out_dir: Path) -> SearchIndex:
    """The Python mirror of the browser search over a built index (tests, benchmark)."""
    return SearchIndex(Path(out_dir))
