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
  without marks, the items using the form the site's texts use most for each word count
  that word once more, so "hoa giai" also prefers "hòa giải" (`with_preferred`);
- folded syllable bigrams, `~dat dai`: lunr has no positions, so adjacency is a term of its
  own and a phrase outranks the same syllables scattered.

Two kinds of query (issue 16):

- **Keywords** (up to `QUESTION_SYLLABLES` syllables: "dat dai", "dieu 5", "hòa giải ở cơ sở",
  unless they ask, below) require every word (AND); when no item has them all, any word is
  enough and the result says so (`approximate`). While the reader types, the last word also matches as a prefix ("phap
  lu" finds "pháp luật").
- **Questions** (longer: "Tôi mới đi làm được tám tháng thì có được nghỉ phép năm không?",
  or shorter with a word that asks, `ASKING`: «hòa giải viên là ai», «nghỉ đẻ mấy tháng»)
  are a ranked search: nothing is required, so an answer that lacks one of the asker's words
  still ranks; question words and particles (`STOP`) and the syllables found in most of the
  site's items (the manifest's `common`, measured at build time) are not looked up alone, but
  every adjacent pair is, so "người lao động" and "Điều 113" still count as phrases. BM25's
  length normalisation keeps long definition articles from winning on word count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

from bantin.text.vi import fold, i_for_y, syllables

EXACT = "="
BIGRAM = "~"
# The title is two lunr fields: its syllables weigh little more than the body's, its adjacent
# pairs (phrases) much more. A title's single syllables ("Điều 8", "Nghĩa vụ của …") matched
# nearly every question alone; its phrases are what the reader typed when it is the answer.
FIELD_BOOSTS = {"title": 1, "phrase": 2, "body": 1, "documents": 5}
FIELD_PARTS = {"title": "words", "phrase": "pairs"}  # the other fields hold all their terms
QUERY_BOOSTS = {"folded": 1, "exact": 1, "bigram": 1}
MIN_PREFIX = 2  # shorter last words are not expanded as prefixes: "p*" would fetch half the index
QUESTION_SYLLABLES = 6  # a query of at least this many syllables is a question
MAX_QUESTION_SYLLABLES = 80  # bounds the work of a pasted page; real questions are far shorter
MAX_QUERY_CHARS = 2_000  # a query is cut here before it is analysed: 80 syllables take ~500
SAME_POSTINGS = "="  # before a preferred form (u/ shards' "e"): its postings are its folded word's
USUAL_SEPARATOR = ":"  # after any other preferred form in "e": the items of its word that lack it
USUAL = "+"  # "+hoa": a clause for the items of "hoa" that use its usual form, weighed as "hoa"

# Question words, pronouns and particles citizens wrap around their question ("cho tôi hỏi",
# "có được không ạ", "như thế nào", "bao nhiêu"): written with marks, checked on the exact
# syllable when the reader typed marks ("tội" is not "tôi"), folded when not. A dropped
# syllable still counts inside its pairs ("~toi pham"), so a folded collision costs little.
STOP = frozenset("""
    à ạ ai anh bao bây bị biết các cái cần chị cho chứ chưa có còn của cũng dạ đã đang
    đâu đây để đến đều đi đó đúng được gì giúp gồm hả hay hãy hỏi họ hoặc không khi kia là
    làm lại luôn mà mấy mình một mới muốn nào này nay nếu nên nhé nhỉ nhiêu nhiều như những
    nữa ơi phải ra rằng rồi sai sao sau sẽ thế thể thì thôi thưa tôi tớ trong từ vào vậy
    vẫn về vì việc với xin xem
    k ko khong đc dc hok ntn vs
""".split())

# Citizens' words for what the law calls otherwise (issue 16): a question holding the left
# side also looks up the right side's syllables and pairs. Common knowledge of how people
# speak about the law, kept short: each entry is a word a reader uses and no legal text does.
SYNONYMS = {
    "sổ đỏ": "giấy chứng nhận quyền sử dụng đất",
    "sổ hồng": "giấy chứng nhận quyền sở hữu nhà ở",
    "nghỉ phép": "nghỉ hằng năm",
    "phép năm": "nghỉ hằng năm",
    "tăng ca": "làm thêm giờ",
    "đuổi việc": "đơn phương chấm dứt hợp đồng lao động",
    "nghỉ ngang": "đơn phương chấm dứt hợp đồng lao động",
    "bằng lái": "giấy phép lái xe",
    "ly dị": "ly hôn",
    "có bầu": "mang thai",
    "mang bầu": "mang thai",
    "nghỉ đẻ": "nghỉ thai sản",
    "hộ khẩu": "đăng ký thường trú",
    "chứng minh nhân dân": "thẻ căn cước",
    "cmnd": "thẻ căn cước",
    "cccd": "thẻ căn cước",
    "căn cước công dân": "thẻ căn cước",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "rút bảo hiểm": "bảo hiểm xã hội một lần",
    "về hưu": "nghỉ hưu",
    "cty": "công ty",
    "sếp": "người sử dụng lao động",
    "đền bù": "bồi thường",
    "giải tỏa": "thu hồi đất",
    "uống rượu": "nồng độ cồn",
    "uống bia": "nồng độ cồn",
    "luật sư miễn phí": "trợ giúp pháp lý",
    "tư vấn miễn phí": "trợ giúp pháp lý",
    # Session 49, written from how people speak before measuring, then measured entry by entry
    # on the three sets of scripts/searcheval (decisions.md, "More citizens' words"). Left out
    # for what they cost long questions or the blind short set: «xe máy» (the law's «xe mô tô,
    # xe gắn máy» spread a question over every traffic article), «nghỉ việc», «mất phí», «tốn
    # phí», «cần gì» (conditions as often as papers), «không có sổ», «thi bằng», «xin thông tin»,
    # «đổi tên» («đổi tên xã»: a commune renamed is news, not civil status). Also words that news
    # and notices write as such, which no set measured: typed alone, their item fell below law
    # articles («bán đất» 1st → 28th, «đám cưới», «thổ cư» 1st → 10th, «vượt đèn đỏ» → 7th on
    # the review's site with ten news items): «đám cưới», «thổ cư», «bán đất», «mua bán đất»,
    # «vượt đèn đỏ», «say rượu», «báo tử», «đẻ con» (unmarked, «để con»), «sinh đẻ».
    "lấy vợ": "kết hôn",
    "lấy chồng": "kết hôn",
    "cưới vợ": "kết hôn",
    "cưới chồng": "kết hôn",
    "được cưới": "kết hôn",
    "giấy độc thân": "xác nhận tình trạng hôn nhân",
    "bỏ vợ": "ly hôn",
    "bỏ chồng": "ly hôn",
    "bỏ nhau": "ly hôn",
    "tiền nuôi con": "cấp dưỡng",
    "đánh vợ": "bạo lực gia đình",
    "đánh chồng": "bạo lực gia đình",
    "đánh con": "bạo lực gia đình",
    "chồng đánh": "bạo lực gia đình",
    "chửi bới": "lăng mạ xúc phạm danh dự nhân phẩm",
    "sửa năm sinh": "cải chính hộ tịch",
    "sửa ngày sinh": "cải chính hộ tịch",
    "sửa tên": "thay đổi cải chính hộ tịch",
    "làm căn cước": "cấp thẻ căn cước",
    "mất căn cước": "cấp lại thẻ căn cước",
    "vneid": "căn cước điện tử",
    "lên thổ cư": "chuyển mục đích sử dụng đất",
    "tách sổ": "tách thửa",
    "sang tên": "chuyển nhượng",
    "đất ruộng": "đất trồng lúa",
    "hợp đồng miệng": "hợp đồng bằng lời nói",
    "nghỉ ốm": "ốm đau",
    "sảy thai": "sẩy thai",
    "thông tin mật": "bí mật nhà nước",
    "hòa giải thất bại": "hòa giải không thành",
    # What a question word asks for, in the law's words: where is which authority, how long is
    # a time limit, which papers a file.
    "ở đâu": "thẩm quyền",
    "bao lâu": "thời hạn",
    "giấy tờ gì": "hồ sơ",
}

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
    """One search result: an article, a handbook, one of its questions, a guide, a page of trang/
    or a legal document's page (van-ban/)."""

    url: str
    title: str
    kind: str
    category: str
    category_slug: str
    date: str
    text: str
    documents: tuple[str, ...]
    handbook: str = ""
    # The year filter's year when there is no date: a legal document's year of issue (its
    # page is no news of that year, so no date is shown, but "Năm 2015" must list it).
    year: int | None = None
    # What a document's page marks as out of force ("Hết hiệu lực"), for its result to mark it
    # the same way (bold, red: bantin-search.js), as data and not as HTML; "" for all else.
    status: str = ""
    # A long text's sections past what its record keeps for the snippet: [id, heading, lead]
    # each (search/snippets.py), so its result can open the page at the one it matches.
    sections: tuple[tuple[str, str, str], ...] = ()


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
    manifest: str = field(default="", repr=False)  # manifest.js's JSON, for the search page (site/searchpage.py)


# --- The text pipeline ----------------------------------------------------------------


def _pair(syllable: str) -> tuple[str, str]:
    """(exact, folded) forms; '09' and '9' are one number (09/2019 vs 9/2019 in real text),
    'lý' and 'lí' one syllable (`vi.i_for_y`)."""
    if syllable.isdecimal():
        number = syllable.lstrip("0") or "0"
        return number, number
    syllable = i_for_y(syllable)
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

    def terms(self, text: str, part: str = "all") -> list[str]:
        """Index terms of a field: folded syllables, exact ones, folded bigrams.

        `part` keeps only the syllables ("words") or the bigrams ("pairs"): `FIELD_PARTS`.
        """
        pairs = self.pairs(text)
        folded = [f for _, f in pairs]
        exact = [EXACT + s for s, f in pairs if s != f]
        bigrams = [f"{BIGRAM}{a} {b}" for a, b in zip(folded, folded[1:])]
        if part == "words":
            return folded + exact
        if part == "pairs":
            return bigrams
        return folded + exact + bigrams

    def field_terms(self, name: str, text: str) -> list[str]:
        """The terms lunr's field `name` holds for text."""
        return self.terms(text, FIELD_PARTS.get(name, "all"))


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


@lru_cache(maxsize=16384)
def _document_type(number: str) -> str:
    """Type name from the code after the number; a công văn has none (512/UBND-NC).

    Remembered: a site cites a few thousand numbers, each in many documents of the index."""
    tokens = [t for t in re.split(r"\W+", fold(number.translate(_ETH))) if t]
    for token in tokens:
        letters = token.rstrip("0123456789")
        if letters and not token.isdecimal():
            has_year = len(tokens) > 1 and tokens[1].isdecimal()
            return DOCUMENT_TYPES.get(letters, "" if has_year else "Công văn")
    return ""


def doc_fields(doc: SearchDoc) -> dict[str, str]:
    """The lunr fields of a document: what is weighed more (title, numbers) and the body."""
    return {"title": doc.title, "phrase": doc.title, "body": doc.text, "documents": document_text(doc.documents)}


# --- The query plan -------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One lunr query clause: `term` is looked up as is (or as a prefix), never re-analysed."""

    term: str
    boost: int
    required: bool = False
    prefix: bool = False


# A legal document's number in keywords («31/2024/QH15», «432/QĐ-UBND», «09-NQ/TU», «35/2013/qh13»):
# digits, a year after a `/` or not, then `/` or `-` and a letter. Twin: DOCUMENT_NUMBER in
# bantin-search.js (digits and spaces written out: Python's \d and \s take more than JS's).
DOCUMENT_NUMBER = re.compile(r"[0-9]{1,4} *(?:/ *[0-9]{4} *)?[/-] *[^\W\d_]")


def names_document(query: str) -> bool:
    """Whether keywords hold a legal document's number, whose page (kind "document") then
    comes before the items citing it (`SearchIndex.search`). An item citing the number two or
    three times, or in its title, outweighs the page on the number alone: at 10,000 articles
    «35/2013/QH13» listed 1,354 items before the law's page (session 36)."""
    return DOCUMENT_NUMBER.search(clip_query(query)) is not None  # a pasted megabyte: its first 2,000 points, as analysed


def clip_query(query: str) -> str:
    """The first MAX_QUERY_CHARS code points of a query (the twin of `clip` in bantin-search.js).

    A link can carry a megabyte in `?q=`; analysing it whole would freeze the reader's tab
    for a minute before the syllable cap applies. Real questions are a few hundred characters.
    """
    return query[:MAX_QUERY_CHARS]


def is_question(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]] = ()) -> bool:
    """Whether analysed query syllables are a question (ranked) rather than keywords (AND):
    long, or shorter with a word that asks (`asks`) beside at least one that is not a question
    word, or with a citizen's word of `synonyms` (`says_citizens_word`). Every word required,
    «hòa giải viên là ai» wanted "là" and "ai" in the answer and listed first the items that
    happened to hold them (issue 16, session 44: on the 66 short questions of
    scripts/searcheval/ngan that ask, recall@10 / MRR@10 0.758 / 0.401 → 0.803 / 0.525 as
    written, 0.667 / 0.365 → 0.758 / 0.485 without marks)."""
    if len(pairs) >= QUESTION_SYLLABLES:
        return True
    if asks(pairs) and any(not is_stop(s, f) for s, f in pairs):
        return True
    return says_citizens_word(pairs, synonyms)


def says_citizens_word(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> bool:
    """Whether a query holds a citizen's word for a legal one (`SYNONYMS`, as the manifest ships
    them: folded key, folded expansion, key as analysed), so that a short query is ranked as a
    question and looks up the law's words too (twin of `saysCitizensWord` in bantin-search.js).

    As keywords, «sổ đỏ» and «so do» required both syllables and listed 24 items about «sơ đồ»,
    «số đó», never the law's «giấy chứng nhận quyền sử dụng đất» (a reader's trial, session 41;
    session 48). A syllable typed with marks must be the key's as typed, so «sơ đồ tổ chức»
    stays keywords; one typed without marks is compared folded. An entry without its third
    field (a manifest from before session 48) never matches: the query is keywords, as then."""
    return any(_citizens_words(pairs, synonyms))


def _citizens_words(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]):
    """(start, length) of each citizen's word the query says, for the entries that carry the key
    as analysed (a manifest of session 48 or later; twin of `citizensWords`)."""
    for entry in synonyms:
        if len(entry) > 2:
            for i in range(len(pairs)):
                n = _said_at(pairs, i, entry)
                if n:
                    yield i, n


def _said_at(pairs: Sequence[tuple[str, str]], i: int, entry: Sequence[str]) -> int:
    """The length of `entry`'s citizen's word when the query says it at syllable i, else 0:
    with the key as analysed (entry[2]), a syllable typed with marks must be the key's as
    written; typed without, and with an older manifest's entry, folded (twin of `saidAt`)."""
    folded = entry[0].split(" ")
    exact = entry[2].split(" ") if len(entry) > 2 else None
    n = len(folded)
    if i + n > len(pairs):
        return 0
    for k in range(n):
        typed, plain = pairs[i + k]
        if plain != folded[k] or (exact is not None and typed != plain and typed != exact[k]):
            return 0
    return n


# Words that make a short query a question (`asks`): (words, also when typed without marks,
# only as the query's last words). Typed without marks, a word counts only where its folded
# form is rarely anything else: "dau" is also "đầu" (đầu tư), "may" "máy", "chua" "chùa";
# those count with their marks, or in a pair ("o dau"). "Sao" asks only in a pair ("ra sao"):
# alone it is also «bản sao». "Không" and "chưa" ask only at the end («… có được không»), not
# in «không có giấy tờ»; "k" never: «điểm k» is a point of a legal article.
ASKING: tuple[tuple[str, bool, bool], ...] = (
    ("ai", True, False), ("gì", True, False), ("nào", True, False), ("ntn", True, False),
    ("đâu", False, False), ("mấy", False, False),
    ("bao nhiêu", True, False), ("bao lâu", True, False), ("bao giờ", True, False),
    ("thế nào", True, False), ("như nào", True, False), ("ra sao", True, False), ("làm sao", True, False),
    ("vì sao", True, False), ("tại sao", True, False), ("ở đâu", True, False), ("đi đâu", True, False),
    ("không", True, True), ("ko", True, True), ("hok", True, True), ("chưa", False, True),
)


# A citizen's word that is itself a question word («ở đâu», «bao lâu»: what the question asks
# for, in the law's words) is no name to tell from another: looked up as written it fetched
# «=ở», in 61% of the items of the 10,000-article site, and lost the pair «~o dau» (review,
# session 49). Its syllables are asked as any question's.
_ASKED = frozenset(words for words, _, _ in ASKING)


def asks(pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether analysed syllables hold a word of `ASKING` where it asks (twin of `asks` in
    bantin-search.js). A syllable typed with marks is compared as typed, one typed without
    marks by its folded form, and only for words marked as safe to fold."""
    for words, folded_too, last in ASKING:
        wanted = words.split(" ")
        n = len(wanted)
        starts = [len(pairs) - n] if last else range(len(pairs) - n + 1)
        for i in starts:
            if i >= 0 and all(_says(pairs[i + k], wanted[k], folded_too) for k in range(n)):
                return True
    return False


def _says(pair: tuple[str, str], word: str, folded_too: bool) -> bool:
    exact, folded = pair
    return exact == word if exact != folded else folded_too and folded == fold(word)


def plan_query(query: str, prefix: bool = False, strict: bool = True,
               common: frozenset[str] = frozenset(), synonyms: Sequence[Sequence[str]] = (),
               marks: bool = True, keywords: bool = False) -> list[Clause]:
    """Clauses for a query, before shards are known (prefix eligibility is decided later).

    Keywords: every syllable is required (AND), unless `strict` is off (the fallback when
    nothing has them all); exact syllables count only when the reader typed a mark or đ.
    A syllable typed with its marks is required as typed (required only folded, «di chúc» found
    «đi … tổ chức» and «ma túy» «mà tùy»: a reader's trial, session 28), the last one
    too while it is typed (a word with a mark is not expanded as a prefix: the header box and
    the search page list the same). When nothing has the words as typed, the reader asks
    again without `marks`: every syllable required folded, as before, the result said to be
    so (a mark typed wrong, «bão hiểm», still finds «bảo hiểm»).
    The fallback leaves out question words (`is_stop`) and pairs of two: «xyzabc không có»
    listed every item of the site for its "không" and "có"; now it finds what the other words
    find, or nothing. Questions: `plan_question`, with the index's most frequent syllables and
    its synonyms.
    """
    pairs = analyze(clip_query(query))
    if is_question(pairs, synonyms) and not keywords:  # `keywords`: a short question asked again as keywords
        return plan_question(pairs, common, synonyms)
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
    stop = [not strict and is_stop(s, f) for s, f in pairs]
    as_typed = [marks and s != f for s, f in pairs]
    typing = [prefix and i == last and prefix_candidate(f) and not as_typed[i] for i, (_, f) in enumerate(pairs)]
    for i, (_, f) in enumerate(pairs):
        if not stop[i]:
            add(f, QUERY_BOOSTS["folded"], not as_typed[i], typing[i])
    if marked:
        for i, (s, f) in enumerate(pairs):
            if s != f and not stop[i]:
                add(EXACT + s, QUERY_BOOSTS["exact"], as_typed[i])
    for i in range(last):
        if not (stop[i] and stop[i + 1]):
            add(f"{BIGRAM}{pairs[i][1]} {pairs[i + 1][1]}", QUERY_BOOSTS["bigram"])
    return clauses


FOLDED_STOP = frozenset(map(fold, STOP))


def is_stop(exact: str, folded: str) -> bool:
    """A question word or particle: by its marks when typed with them, else by its folded form."""
    return exact in STOP if exact != folded else folded in FOLDED_STOP


def folded_synonyms() -> list[list[str]]:
    """SYNONYMS as [folded words, folded expansion, words as analysed]: what the manifest ships
    to the browser (the third for `says_citizens_word`)."""
    return [[" ".join(f for _, f in analyze(k)), " ".join(f for _, f in analyze(v)), " ".join(e for e, _ in analyze(k))]
            for k, v in SYNONYMS.items()]


def usable_synonyms(shipped: object) -> list[list[str]]:
    """The manifest's synonyms a reader can use (twin of `usableSynonyms` in bantin-search.js):
    entries with a key and its expansion as strings, the key as analysed kept only with as
    many words as the key (else the entry is read as a manifest's of before session 48).

    A manifest is the build's, but a page keeps an older one, and a hand-edited or cut one
    gave a `null` entry or a number: both engines threw on every question, and a shorter third
    field threw in Python only (review, session 48)."""
    usable = []
    for entry in shipped if isinstance(shipped, list) else ():
        if not (isinstance(entry, list) and len(entry) >= 2 and all(isinstance(e, str) and e for e in entry[:2])):
            continue
        exact = entry[2] if len(entry) > 2 else None
        keeps = isinstance(exact, str) and len(exact.split(" ")) == len(entry[0].split(" "))
        usable.append([entry[0], entry[1], exact] if keeps else [entry[0], entry[1]])
    return usable


def with_synonyms(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """The question's syllables, then for each citizen's word it holds, the law's words.

    A blank pair ("", "") separates each expansion, so no pair joins two of them. The law's
    words are never stop words ("sử dụng" folds like "đúng").
    """
    out = list(pairs)
    for entry in synonyms:
        if any(_said_at(pairs, i, entry) for i in range(len(pairs))):
            out.append(("", ""))
            out.extend((f, f) for f in entry[1].split(" "))
    return out


def written_words(pairs: Sequence[tuple[str, str]], synonyms: Sequence[Sequence[str]]) -> set[int]:
    """The syllables of a citizen's word typed with its marks («sổ đỏ», not «so do»), which a
    short question looks up as written (`EXACT`), and its second look asks as written, pairs
    too («~=sổ đỏ», recheck.question_terms): «~so do» is also «sơ đồ», and a short page «Sơ đồ
    tổ chức» came before the land certificates (session 48). The folded pair is looked up as
    well since session 50: left out, an item in the reader's words lost its phrase against
    the law's words («sang tên» 6th, «làm căn cước» 20th; with it 3rd and 11th), counted only
    in items holding the word as written (`parts.restricted_pairs`), which with the second
    look keeps a «sơ đồ» off the first page. Only with the key as analysed (a manifest of
    session 48 or later). Not in a long question, whose other words tell the two apart, and
    where laws of before also write «chứng minh nhân dân» or «căn cước công dân»: measured,
    two answers fell out of the first ten."""
    written: set[int] = set()
    for i, n in _citizens_words(pairs, synonyms):
        said = pairs[i:i + n]
        if any(s != f for s, f in said) and " ".join(s for s, _ in said) not in _ASKED:
            written.update(range(i, i + n))
    return written


def plan_question(pairs: Sequence[tuple[str, str]], common: frozenset[str] = frozenset(),
                  synonyms: Sequence[Sequence[str]] = ()) -> list[Clause]:
    """A ranked search over a question's informative syllables and all its adjacent pairs.

    Nothing is required. Folded terms only, so a question typed with or without tone marks
    finds the same items (pairs tell "hòa giải" from "hóa chất" well enough). Syllables
    that are question words (`is_stop`) or in most items (`common`) are not looked up alone:
    they rank nothing and cost the longest posting lists; a pair is skipped only when both of
    its syllables are stop words. A citizen's word for a legal one (`SYNONYMS`: "sổ đỏ",
    "tăng ca") adds the legal words; typed with its marks, its syllables are looked up as
    written (`written_words`), its pairs folded. A cited reference ("Điều 113",
    "45/2019/QH14") is a pair found in its article's title or its document's number, which
    weigh more.
    """
    asked = list(pairs[:MAX_QUESTION_SYLLABLES])
    written = written_words(asked, synonyms) if len(pairs) < QUESTION_SYLLABLES else set()
    pairs = with_synonyms(asked, synonyms)
    stop = [is_stop(s, f) for s, f in asked] + [not f for _, f in pairs[len(asked):]]
    clauses: list[Clause] = []
    seen: set[str] = set()

    def add(term: str, boost: int) -> None:
        if term not in seen:
            seen.add(term)
            clauses.append(Clause(term, boost))

    for i, ((s, f), skip) in enumerate(zip(pairs, stop)):
        if skip:  # a question word, also inside a citizen's word («được cưới», «về hưu»)
            continue
        if i in written and s != f:  # as written: a common syllable's marked form is rarer
            add(EXACT + s, QUERY_BOOSTS["folded"])
        elif f not in common:
            add(f, QUERY_BOOSTS["folded"])
    for i in range(len(pairs) - 1):
        if pairs[i][1] and pairs[i + 1][1] and not (stop[i] and stop[i + 1]):
            add(f"{BIGRAM}{pairs[i][1]} {pairs[i + 1][1]}", QUERY_BOOSTS["bigram"])
    return clauses


def with_preferred(clauses: list[Clause], preferred: dict[str, str]) -> list[Clause]:
    """Clauses of an unmarked query plus, optionally, each word's usual marked form.

    `preferred` maps folded words to the form the site's texts use most ('hoa' -> 'hòa'),
    read from the index; a query typed with marks keeps its own and gets nothing added.
    The items of "hoa" that use "hòa" count "hoa" once more (the `USUAL` clause "+hoa",
    read from the word's own shard); where every item of the word has the form with the
    same weight (SAME_POSTINGS), that is the word's clause with its boost raised.
    """
    if any(c.term.startswith(EXACT) for c in clauses):
        return clauses
    out = list(clauses)
    for i, c in enumerate(clauses):
        form = preferred.get(c.term)
        if not form or c.prefix:
            continue
        if form.startswith(SAME_POSTINGS):
            out[i] = replace(c, boost=c.boost + QUERY_BOOSTS["exact"])
        else:
            out.append(Clause(USUAL + c.term, QUERY_BOOSTS["exact"]))
    return out


def prefix_candidate(folded: str) -> bool:
    """A last word worth expanding while the reader types: not a number, not one letter."""
    return len(folded) >= MIN_PREFIX and not folded.isdigit()
