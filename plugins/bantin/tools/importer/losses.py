"""Text of the old page's article that the imported body lacks (a safety net).

trafilatura leaves out what it takes for noise: a list inside a layout-table cell was
dropped without a word, and other shapes may be too. Whatever the cause, an editor must
hear of it: this compares the page's own units from under the article's title (or its
first paragraph, when the title is not among them) to its last known line (the last body
paragraph, or the byline or source taken off the end) with the body, and names each piece
found in neither. Units past that line are sidebars and footers, not the article, and are
never named.

A unit is compared word by word, not by its ends (it counted as kept when its first or last
40 letters were): a line whose ends are kept but whose middle is not (`<br>`-separated lines
the extraction split and dropped half of) names the missing words, and a line that repeats
most words of a kept one is not taken for it (session 32, H3). The page and the body (then
the known texts: author, source, title, tags, warnings) are aligned in order on runs of
SHINGLE words, so one word spelt or glued differently never counts as a loss; a run left
out that the body holds elsewhere was moved, not lost.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from bantin.text.vi import fold
from bantin.tools.importer.lines import _ends_sentence, _words, is_end_marker, is_furniture, strip_image_name
from bantin.tools.importer.units import Block, Unit, is_header_line

_WORD = re.compile(r"\w+")
SHINGLE = 3  # words: runs of this many are compared, so one word spelt differently costs nothing
MIN_WORDS = 3  # shorter units and missing pieces are buttons and labels, not content
CREDIT_WORDS = 16  # a unit this short holding a known name whole is its credit line
ALIGN_MAX = 60_000  # words: a longer page is compared run by run, not aligned
_GAP = "\x00"  # between the body and each known text: no run of words crosses it
SHOWN = 3


def _folded_words(text: str) -> list[str]:
    """Words of `text`, folded: markup, escapes, spacing and tone placement never decide."""
    return _WORD.findall(fold(text))


def _runs(words: Sequence[str]) -> list[int]:
    """A hash per run of SHINGLE words starting at each word (the last ones: what is left)."""
    return [hash(tuple(words[i:i + SHINGLE])) for i in range(len(words))]


def _aligned(page: Sequence[str], kept: Sequence[str]) -> list[bool]:
    """Per word of the page: is it in the body at its place?

    The two are aligned in order (difflib, on runs of words), so a line that repeats the
    words of another line the body keeps («Câu số 3 …» beside «Câu số 2 …») is not taken
    for it: every word of the body accounts for one word of the page. A page longer than
    ALIGN_MAX words is compared run by run, in any order.
    """
    covered = [False] * len(page)
    if len(page) > ALIGN_MAX or len(kept) > ALIGN_MAX:
        runs = set(_runs(kept))
        for i, run in enumerate(_runs(page)):
            if run in runs:
                covered[i:i + SHINGLE] = [True] * len(covered[i:i + SHINGLE])
        return covered
    matcher = SequenceMatcher(None, _runs(page), _runs(kept), autojunk=True)
    for i, _, size in matcher.get_matching_blocks():
        covered[i:i + size + SHINGLE - 1] = [True] * len(covered[i:i + size + SHINGLE - 1])
    return covered


def _pieces(text: str, covered: Sequence[bool], elsewhere: str) -> list[str]:
    """The unit's runs of words that are not kept, cut from its own text (a run at either end
    takes the unit's punctuation there along). A run written elsewhere in the body (moved:
    trafilatura puts a nested table after the text) is kept."""
    spans = [m.span() for m in _WORD.finditer(text)]
    if len(spans) != len(covered):  # folding changed the word count: the unit is one piece
        spans = [(0, len(text))] * len(covered)
    words = _folded_words(text)
    pieces: list[str] = []
    i = 0
    while i < len(covered):
        j = i
        while j < len(covered) and covered[j] == covered[i]:
            j += 1
        if not covered[i] and f" {' '.join(words[i:j])} " not in elsewhere:
            begin = 0 if i == 0 else spans[i][0]
            end = len(text) if j == len(covered) else spans[j - 1][1]
            pieces.append(text[begin:end].strip())
        i = j
    return pieces


def _credit(words: Sequence[str], known: Sequence[Sequence[str]]) -> bool:
    """A short unit holding a known text whole: a byline or source line («Tin và ảnh: …»)."""
    if len(words) > CREDIT_WORDS:
        return False
    return any(list(words[i:i + len(k)]) == list(k) for k in known for i in range(len(words) - len(k) + 1))


def lost_units(units: Sequence[Unit], start: int, body: Sequence[Block],
               known: Iterable[str], top: int | None = None) -> list[str]:
    """Texts of units (or the pieces of them) between the article's start and its last known
    line that are neither in the body nor among `known` (author, source, tags, texts already
    warned of).

    `top`: the unit under the article's title, when above `start`: the units from there to
    the first paragraph are compared too, except the header's lines (dates, bylines, info
    bars, captions, labels, section names: what does not end like a sentence), which the
    body never holds.
    """
    texts: list[str] = []
    for index in range(start if top is None else min(top, start), len(units)):
        text = strip_image_name(units[index].text)
        if is_end_marker(text):
            break
        if index >= start or _ends_sentence(text) and not is_header_line(text):
            texts.append(text)
    known_words = [w for w in (_folded_words(k) for k in known if k) if len("".join(w)) >= 4]
    kept = [w for b in body for w in _folded_words(b.plain)]
    for words in known_words:
        kept += [_GAP, *words]
    unit_words = [_folded_words(t) for t in texts]
    covered = _aligned([w for ws in unit_words for w in ws], kept)
    # Where a run the alignment left out may have moved (a long page is compared in any order)
    elsewhere = f" {' '.join(kept)} " if max(len(covered), len(kept)) <= ALIGN_MAX else ""
    candidates: list[str] = []
    lost: list[str] = []
    at = 0
    for text, words in zip(texts, unit_words):
        mask, at = covered[at:at + len(words)], at + len(words)
        if _credit(words, known_words):
            lost += candidates  # the article goes on below them: they were part of it
            candidates = []
            continue
        pieces = [p for p in _pieces(text, mask, elsewhere) if _words(p) >= MIN_WORDS and not is_furniture(p)]
        missing = sum(_words(p) for p in pieces)
        if words and 2 * missing <= _words(text):
            lost += candidates + pieces
            candidates = []
        elif _words(text) >= MIN_WORDS and not is_furniture(text):
            candidates.append(text)
    return list(dict.fromkeys(lost))


def lost_warning(lost: Sequence[str], source: str) -> str:
    """The Vietnamese warning naming what the body lacks and the saved page to compare with."""
    shown = "», «".join(t if len(t) <= 80 else t[:79] + "…" for t in lost[:SHOWN])
    more = f" và {len(lost) - SHOWN} đoạn nữa" if len(lost) > SHOWN else ""
    return (
        f"{len(lost)} đoạn của bài trên trang cũ {source} không có trong bài đã nhập: «{shown}»{more} "
        "(thường là danh sách gạch đầu dòng hay khung nằm trong bảng dàn trang); hãy mở trang "
        "cũ, so với bài và chép lại những đoạn đó vào đúng chỗ"
    )
