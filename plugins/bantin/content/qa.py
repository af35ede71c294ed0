"""Hỏi - Đáp handbooks: every `## ` heading is a question with a permanent id (DESIGN §3).

The id, not the position or wording, is the question's address, so trainers' printed links
survive reordering and retitling. A missing id is an error; `bantin ids` fills them in.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import replace
from typing import Callable, Iterator, NamedTuple

from markdown.extensions.toc import unique

from bantin.content.model import Group, Question
from bantin.content.anchors import heading_id, reserved_id
from bantin.content.rawblocks import open_blocks, rendered_h2_ids
from bantin.text.names import windows_reserved
from bantin.problems import Problem, Problems
from bantin.problems import short
from bantin.text.vi import cap_slug, slugify
from bantin.text.plain import inline_text

_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r"^##(?!#)\s+(.*)$")  # text stripped in code: a lazy `(.*?)\s*$` is quadratic
_ID = re.compile(r"#([^\s}]+)")
# A question heading written inside a list item or a quote (`* ## Câu hỏi 2: … {#…}`): Markdown
# makes it part of the previous answer, so no question. The web editor writes this when its
# block goes into a bullet (session 17).
_NESTED = re.compile(r"^[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*)+##(?!#)[ \t]+(.*)$")
# A group of questions (session 40): `# I. NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ`, a level-1 heading line.
_GROUP = re.compile(r"^#(?!#)[ \t]+(.*)$")
# A `# ` group line inside a list item or a quote: Markdown makes it a heading of the answer above.
_NESTED_GROUP = re.compile(r"^[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*)+#(?!#)[ \t]+(.*)$")
# What starts a section's name in a Word handbook: «I.», «IV)», «Phần II», «Chương 3», «Mục 1», «Nhóm …».
# A Roman numeral is one of I to XXXIX, of I, V and X only: a single C, D, L or M first is an A/B/C/D
# list's letter («C. Cá nhân nào phải đăng ký tạm trú»), a question (session 40's review, finding 3).
_NUMERAL = r"(?-i:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))"
_ROMAN = re.compile(_NUMERAL + r"[.)]")
# «Nhóm» names a group only before a number, a numeral, «câu hỏi» or «:» («Nhóm máu O…» asks).
_SECTION_WORD = re.compile(r"(?:Phần|Chương|Mục)\s+(?:" + _NUMERAL + r"|\d{1,4}|thứ)(?![^\W\d_])"
                           r"|Nhóm(?:\s*:|\s+(?:\d|" + _NUMERAL + r"(?![^\W\d_])|câu\s+hỏi(?![^\W\d_])))", re.IGNORECASE)
# The words that make a line in capitals a question (session 40's review, finding 3: Word
# handbooks print questions in capitals without «?»), matched as whole words on the line's
# words in lower case: «ĐĂNG KÝ KẾT HÔN CẦN NHỮNG GIẤY TỜ GÌ». When in doubt it is a question:
# the build then names the line with both fixes, while a question made a group loses its page.
# bantin-paste.js `QUESTION_WORDS` and `NOT_ASKING` are the twins.
# «thế nào», «được không», «hay không», «tại sao» are found by their last word.
QUESTION_WORDS = ("gì", "nào", "sao", "ai", "đâu", "bao nhiêu", "bao lâu", "bao giờ", "mấy", "không", "chưa",
                  "có phải", "chăng")
# Part names of legal handbooks that hold one of those words without asking: a minor, a copy, airlines.
_NOT_ASKING = ("chưa thành niên", "bản sao", "sao y", "hàng không", "không gian")
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")  # a word or a number
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")  # an ATX heading's marks (CommonMark: up to 3 spaces before)
_HTML_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(r"^(?:Câu\s+hỏi|Câu)\s*\d+\s*[:.)–-]\s*", re.IGNORECASE)
# What starts a question pasted from Word in bold or italics: "Câu hỏi 4:", "Câu 4.", "Câu hỏi số 4:".
# Not «Hỏi:»: an imported answer opens with the asker's «**Hỏi:** Tôi…» (emphasised_question).
# Each part is a run of one class followed by a fixed character: linear.
_PASTED_PREFIX = re.compile(r"(?:Câu\s+hỏi|Câu)\s*(?:số\s*)?\d+\s*[:.)–-]", re.IGNORECASE)
# «Câu hỏi N» names a question; «Câu N» alone (a quiz's answer key: «**Câu 1:** B.») only when the
# emphasised words end with «?» (session 39's review F3).
_ASKED = re.compile(r"Câu\s+hỏi", re.IGNORECASE)
# A question written as a paragraph of its own, neither heading nor bold (session 40), a warning:
# «Câu hỏi 5: …?» (_PASTED_PREFIX and _ASKED: «Câu 5. …?» alone is a quiz's item as often), or a
# Word numbered list's item «1. Câu hỏi: …?», «5. Ông A hỏi: …?» (_LIST_ITEM, then _LISTED or
# _ASKER). Each part is a run of one class then a fixed character, the asker's words at most six:
# linear. `plain_question` says when they count; the web editor's paste has its twin
# (bantin-paste.js `plainQuestion`, tests/test_webeditor.py).
_LIST_ITEM = re.compile(r"\d{1,9}[.)][ \t]+")
_LISTED = re.compile(r"Câu\s+hỏi\s*(?:số\s*)?(\d*)\s*[:.)–-]", re.IGNORECASE)
# The asker, as Q&A columns name one: «Ông A», «Bà Nguyễn Thị B (xã X)», «Bạn đọc», then «hỏi:».
_ASKER = re.compile(r"(?:Ông|Bà|Anh|Chị|Em|Cô|Chú|Bác|Cháu|Bạn|Bạn đọc|Độc giả|Công dân|Người dân)"
                    r"(?:[ \t]+[^\s:?]+){0,5}[ \t]+hỏi[ \t]*:")
# What follows a quiz's question, never a lost question's answer: an option «A.», «b)», «(C)»,
# «A/», «A:», «A -», «A –» (session 40's review: «A/ 16 tuổi; B/ 18 tuổi»), or a key «Đáp án: B»,
# «Đáp: …» (with its colon: «Đáp.» is an answer's word), «Trả lời đúng:», «Câu trả lời đúng là»,
# «Phương án đúng:» (a colon or «là»: «Trả lời đúng hạn…» is an answer's). Not «Trả lời:»: a lost
# question's answer starts so. Anchored, each part a run of one class then a fixed character: linear.
_OPTION = re.compile(r"(?:[-*+][ \t]+)?(?:\(?[A-Da-d](?:[.)/:]|[ \t]*[-–])[ \t]|Đáp án(?!\w)|Đáp[ \t]*:"
                     r"|(?:(?:Câu[ \t]+)?Trả[ \t]+lời|Phương[ \t]+án)[ \t]+đúng[ \t]*(?::|là(?!\w)))", re.IGNORECASE)
_CLOSING = "\"”’»)"  # after a question's «?»: «… không?”»
# One token of an attribute list as attr_list reads it: `key="a b"`, `key='…'`, `key=v`, a word.
# A quote closes at its next own character, so an unclosed one is scanned once: linear.
_ATTR_TOKEN = re.compile(r"""[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+""")
LEGAL_BASIS = "Căn cứ pháp lý:"
VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX = 80  # an id is a folder name (/hoi-dap/<handbook>/<id>/) and a printed short link
ID_SUGGESTED = 60  # an id made from a question (bantin ids, the importer, the web editor's ID_MAX): shorter to print
NO_ID = "chưa có mã (id)"  # the end of a missing id's message (site/corpus.py makes its id unique site-wide)


def unfenced(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of the lines outside fenced code blocks. A fence closes only with a run of
    its own character at least as long and nothing after it (a ``` line inside ~~~ is code)."""
    fence: tuple[str, int] | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = (match.group(1)[0], len(match.group(1)))
            else:
                yield index, line
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= fence[1] and not match.group(2).strip():
            fence = None


def heading_lines(body: str) -> list[tuple[int, str]]:
    """(index, text) of `## ` headings outside fenced code blocks."""
    return [(index, match.group(1).rstrip()) for index, line in unfenced(body.split("\n"))
            if (match := _HEADING.match(line))]


def nested_questions(body: str) -> list[tuple[int, str]]:
    """(index, text) of question headings (with an `{#id}` or a "Câu hỏi" number) written
    inside a list item or a quote, outside fenced code: each is a question the site loses."""
    found = []
    for index, line in unfenced(body.split("\n")):
        if (match := _NESTED.match(line)):
            text = match.group(1).rstrip()
            if split_heading(text)[1] or _NUMBER_PREFIX.match(text):
                found.append((index, text))
    return found


def group_lines(body: str, title: str = "") -> list[tuple[int, str]]:
    """(index, text) of the `# ` lines outside fenced code that are groups of questions
    (session 40): neither a question written with one `#` (`misplaced_questions` names it) nor
    the handbook's own `title:` written again at the top (`shape` says to delete that line:
    read as a group, every question would be in a group named as the handbook)."""
    if "#" not in body:
        return []
    own = title.strip().casefold()
    found = []
    for index, line in unfenced(body.split("\n")):
        if (match := _GROUP.match(line)) and (text := match.group(1).strip()) and not _question_like(text):
            words = split_heading(text)[0]
            if words and words.casefold() != own:
                found.append((index, text))
    return found


def handbook_groups(found: list[tuple[int, str]], questions: list[int], title: str) -> list[tuple[int, str]]:
    """The `# ` lines of `found` (`group_lines`) that are groups, given the question lines'
    indices (ascending, at least one). A line before the first question is the intro's, not a
    group (session 40's review, finding 4: «# Lời nói đầu», Word's «# SỔ TAY HỎI ĐÁP …» put
    every question in a false group) when another `# ` follows it before any question, when its
    words hold the title's, or when it would be the only group holding questions: one group for
    all of them says nothing. A later group with no question (an appendix) does not count."""
    first, last = questions[0], questions[-1]
    top = [(index, text) for index, text in found if index < first]
    later = [(index, text) for index, text in found if index > first]
    if not top:
        return found
    own = _folded(title)
    if (own and own in _folded(split_heading(top[-1][1])[0])) or not any(at < last for at, _ in later):
        return later
    return [top[-1], *later]


def _folded(text: str) -> str:
    """A text's words in lower case, one space between, one at each end: «Hỏi - Đáp» is « hỏi đáp »."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    return f" {' '.join(words)} " if words else ""


def nested_groups(body: str) -> list[tuple[int, str]]:
    """(index, text) of group lines (`# …`, no question) written inside a list item or a quote,
    outside fenced code: Markdown makes each a big heading inside the answer above."""
    return [(index, text) for index, line in unfenced(body.split("\n"))
            if (match := _NESTED_GROUP.match(line)) and (text := match.group(1).strip()) and not _question_like(text)]


def _question_like(text: str) -> bool:
    """A heading's text reads as a question: a «Câu hỏi 3:» number, or «?» at its end."""
    return bool(_NUMBER_PREFIX.match(text)) or _without_attributes(text).endswith("?")


def looks_like_group(text: str) -> bool:
    """A `## ` heading's text (without its id) that names a part of the handbook rather than
    asks: no «?», not «Câu…»/«Hỏi…»/a number first, and a Roman numeral («I.», «IV)»), «Phần
    II», «Chương 3», «Mục 1», «Nhóm 2» / «Nhóm câu hỏi…» first, or every letter a capital and
    no question word (`holds_question_word`). What a Word handbook's Heading 2 between its
    questions reads (an outsider's trial, session 40); when in doubt, a question (session 40's
    review: a question made a group loses its page). The web editor's paste applies the same
    rule (bantin-paste.js `groupHeading`)."""
    words = text.strip()
    if not words or "?" in words or words[:1].isdigit() or words.casefold().startswith(("câu", "hỏi")):
        return False
    if _ROMAN.match(words) or _SECTION_WORD.match(words):
        return True
    return (words == words.upper() and words != words.lower() and sum(c.isalpha() for c in words) >= 3
            and not holds_question_word(words))


def holds_question_word(text: str) -> bool:
    """The text holds a question word (`QUESTION_WORDS`) as whole words, in any case: a line
    in capitals that asks without «?». One pass to the words, then one search per word."""
    words = " " + " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower())) + " "
    for phrase in _NOT_ASKING:
        words = words.replace(f" {phrase} ", " - ")
    return any(f" {word} " in words for word in QUESTION_WORDS)


def misplaced_questions(body: str) -> list[tuple[int, str, str]]:
    """(index, text, what is wrong) of lines outside fenced code that look like a question
    (an `{#id}` or a "Câu hỏi 3:" number) but are not a `## ` heading: `##Câu hỏi 2…` (Python-
    Markdown makes it a heading inside the previous answer), `# Câu hỏi…`, `### Câu hỏi 4…`,
    `**Câu hỏi 4: …?**` (`emphasised_question`). The text is the question without those
    marks. Errors: each has a mark that says "question" (`#`, bold around a number); a
    paragraph or numbered item that reads like one has none (`paragraph_questions`)."""
    found = []
    for index, line in unfenced(body.split("\n")):
        if (bold := emphasised_question(line)) is not None:
            found.append((index, bold, "viết bằng chữ đậm (hay nghiêng), không phải tiêu đề `## `"))
            continue
        if not line.startswith("#") or _HEADING.match(line):
            continue
        marks = len(line) - len(line.lstrip("#"))
        text = line[marks:].strip()
        numbered = bool(_NUMBER_PREFIX.match(text))
        if marks == 2 and text:
            found.append((index, text, "thiếu dấu cách sau `##`"))
        elif marks == 1 and text and (_question_like(text) or (split_heading(text)[1] and not _GROUP.match(line))):
            # a `# ` line that asks nothing is a group (`group_lines`)
            found.append((index, text, "bắt đầu bằng một dấu `#` (tiêu đề lớn), không phải `## `"))
        elif marks > 2 and numbered:
            found.append((index, text, f"bắt đầu bằng `{'#' * marks}` (tiêu đề nhỏ trong câu trả lời), không phải `## `"))
    return found


def paragraph_questions(body: str) -> list[tuple[int, str, str]]:
    """(index, text, what is wrong) of lines outside fenced code that read like a question
    written as a paragraph `Câu hỏi 5: …?` or a numbered list's item `5. Ông A hỏi: …?` with
    its answer below (`plain_question`; for an item, the text has its number: `Câu hỏi 5: Ông
    A hỏi: …?`). A warning, never an error (session 40's review): nothing in such a line says
    "heading", and a false alarm (a self-test quiz in an answer) must never stop the site."""
    lines = body.split("\n")
    return [(index, *plain) for index, _ in unfenced(lines) if (plain := plain_question(lines, index)) is not None]


def emphasised_question(line: str) -> str | None:
    """The question of a line that starts with bold or italics around a question's number
    ("Câu hỏi 4:", "Câu 4.", "Câu hỏi số 4:"), without the emphasis marks; None for any
    other line. What text pasted from Word gives for a question (session 39): a paragraph of
    the answer above, so no page, no short link, no QR code, and the answer above loses its
    "Căn cứ pháp lý" box. «Câu N» without «hỏi» counts only when the words end with «?»: a
    quiz's answer key writes «**Câu 1:** B. 12 tháng.» in an answer (review F3). A bold
    sentence of an answer that is not numbered ("**Lưu ý: …?**")
    is no question; nor a list item (`* Câu hỏi 2`: a space after the mark). Nor «**Hỏi:** …»:
    `bantin import` has written old portal pages' answers with the asker's «**Hỏi:** Tôi là…»
    first, on many sites; read as a lost question, each would be an error whose fix makes a
    new question of the asker's words."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not (mark := _emphasis_mark(stripped)):
        return None
    rest = stripped[len(mark):]
    if rest[:1].isspace() or not _PASTED_PREFIX.match(rest):
        return None
    close = rest.find(mark)  # none: bold over two lines (a soft line break), its second line is below
    question = (rest[:close] + rest[close + len(mark):] if close >= 0 else rest).strip()
    if not _ASKED.match(rest) and not _without_attributes(question).endswith("?"):
        return None  # «**Câu 1:** B. 12 tháng.»: a quiz's answer key, not a question (review F3)
    return question


def plain_question(lines: list[str], index: int) -> tuple[str, str] | None:
    """(the question, what is wrong) of line `index` when it is a question written as a
    paragraph of its own, neither heading nor bold: `Câu hỏi 5: …?` (not `Câu 5. …?`: a
    self-test quiz's item as often as a lost question), or a Word numbered list's item `1. Câu
    hỏi: …?`, `5. Ông A hỏi: …?` (session 40); else None. A warning (`paragraph_questions`).

    Without `##` or bold the signal is weak, so every part must hold (no false alarm on the
    sample site, the docs, the evaluation laws or imported pages, measured): the line asks
    (ends with «?», an attribute list and closing quotes aside), is alone in its paragraph,
    and has its answer below it: the next paragraph is text, neither heading, nor another
    numbered question (a list of questions in an intro or a revision list), nor a quiz's
    option («A.», «b)», «A/», «A:», «A –») or key («Đáp án», «Đáp:», «Trả lời đúng:»;
    `_OPTION`); the paragraph before it is an answer's text, not a heading (`bantin import`
    writes a shortened question's whole words first in its answer) nor a numbered question,
    and not nothing (the text's start: a part `qaparts` re-reads starts at its heading). A
    list item counts when it is its list's only item (no item or indented line next to it)
    and its words start «Câu hỏi» or name an asker as Q&A columns do («Ông A», «Bà B (xã X)»,
    «Bạn đọc», up to six words) before «hỏi:» («Nhiều người hỏi:» is an answer's words); a plain paragraph «Ông A hỏi: …?» does not (how an imported page's
    answer starts). Not «Hỏi:», as in bold (`emphasised_question`)."""
    line = lines[index]
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not _asks(stripped):
        return None
    if _PASTED_PREFIX.match(stripped) and _ASKED.match(stripped):  # «Câu 5. …?» alone: a quiz's item as often
        text, listed, wrong = stripped.strip(), False, "viết thành một đoạn văn thường, không phải tiêu đề `## `"
    elif (item := _LIST_ITEM.match(stripped)) and (text := _listed_question(stripped, item)) is not None:
        listed, wrong = True, f"viết thành một mục danh sách đánh số (`{stripped[: item.end()].strip()}`), không phải tiêu đề `## `"
    else:
        return None
    if not _alone(lines, index, listed):
        return None
    return text, wrong


def _asks(text: str) -> bool:
    """Whether a line ends with «?», an attribute list (`{#id}`) and closing quotes aside."""
    return _without_attributes(text.strip()).rstrip(_CLOSING).endswith("?")


def _listed_question(stripped: str, item: re.Match) -> str | None:
    """The heading's words for a numbered list's item that is a question (`5. Ông A hỏi: …?`
    → `Câu hỏi 5: Ông A hỏi: …?`, `1. Câu hỏi: …?` → `Câu hỏi 1: …?`), or None."""
    number, words = stripped[: item.end()].strip()[:-1], stripped[item.end():].strip()
    if (asked := _LISTED.match(words)) is not None:
        return words if asked.group(1) else f"Câu hỏi {number}: {words[asked.end():].strip()}"
    if _ASKER.match(words):
        return f"Câu hỏi {number}: {words}"
    return None


def _alone(lines: list[str], index: int, listed: bool) -> bool:
    """Whether line `index` is a paragraph (or list) of its own, between an answer's text
    above and text below: what a lost question looks like, and a list of questions or a
    quiz does not (`plain_question`)."""
    if (index > 0 and lines[index - 1].strip()) or (index + 1 < len(lines) and lines[index + 1].strip()):
        return False
    before, after = _next_text(lines, index, -1), _next_text(lines, index, 1)
    if before is None or after is None or _OPTION.match(after.lstrip(" ")):
        return False
    for other in (before, after):
        stripped = other.lstrip(" ")
        if stripped.startswith("#") or _numbered(stripped):
            return False
        if listed and (len(other) - len(stripped) > 3 or other[:1] == "\t" or _LIST_ITEM.match(stripped)
                       or stripped[:2] in ("* ", "- ", "+ ")):
            return False
    return True


def _next_text(lines: list[str], index: int, step: int) -> str | None:
    """The first line that is not blank from `index` on in the direction `step`, or None."""
    index += step
    while 0 <= index < len(lines) and not lines[index].strip():
        index += step
    return lines[index] if 0 <= index < len(lines) else None


def _numbered(stripped: str) -> bool:
    """Whether a line (spaces before it gone) starts like a numbered question, whatever its
    marks: a list marker, emphasis, then «Câu hỏi», «Câu hỏi 2:», «Câu 2.»."""
    if (item := _LIST_ITEM.match(stripped)) is not None:
        stripped = stripped[item.end():]
    elif stripped[:2] in ("* ", "- ", "+ "):
        stripped = stripped[2:]
    stripped = stripped.lstrip("*_ ")
    return bool(_PASTED_PREFIX.match(stripped) or _LISTED.match(stripped))


def _without_attributes(text: str) -> str:
    """`text` without an attribute list at its end (`… thế nào? {#id}`); one scan."""
    if text.endswith("}") and (start := text.rfind("{")) >= 0:
        return text[:start].strip()
    return text


def _emphasis_mark(text: str) -> str:
    """The run of `*` or `_` (three at most: bold and italics) `text` starts with, or ''."""
    if text[:1] not in ("*", "_"):
        return ""
    return text[0] * min(3, len(text) - len(text.lstrip(text[0])))


def answer_line(line: str, text: str) -> str:
    """The line of an answer that keeps how `line` shows when it reads like a question
    (`misplaced_questions` gave `text`) and that the build takes for no question:
    `bantin import --handbook` writes a heading of the old page's answer this way.

    Bold or italics around a question's number (`**Câu hỏi 2: …**`) would be a question pasted
    from Word: the marks become `<strong>`/`<em>`, which show the same. A heading
    (`### Câu hỏi 2: …`) becomes bold words after a plain number. A paragraph or list item
    (`Câu hỏi 2: …?`, `plain_question`) gets the mark after its number as an entity (`&#58;`)."""
    stripped = line.lstrip(" ")
    if emphasised_question(line) is not None:
        mark = _emphasis_mark(stripped)
        opening, closing = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>")}.get(
            len(mark), ("<strong><em>", "</em></strong>"))
        rest = stripped[len(mark):]
        close = rest.find(mark)
        if close < 0:  # bold opened and never closed on this line: the marks show as they are
            return "\\" + "\\".join(mark) + rest
        return opening + rest[:close] + closing + rest[close + len(mark):]
    if not stripped.startswith("#"):  # a paragraph or list item (plain_question): its separator as an entity
        return _separator_written(line)
    number = _PASTED_PREFIX.match(text)
    if number is None:
        return f"**{text}**"
    words = text[number.end():].strip()
    return f"{text[:number.end()]} **{words}**" if words else text[:number.end()]


def _separator_written(line: str) -> str:
    """`line` with the mark after a question's number or asker (`Câu hỏi 5:`, `Ông A hỏi:`)
    written as an HTML entity (`&#58;`): shown the same, and no question to `plain_question`."""
    stripped = line.lstrip(" ")
    start = len(line) - len(stripped)
    if (item := _LIST_ITEM.match(stripped)) is not None:
        start += item.end()
    rest = line[start:]
    found = _PASTED_PREFIX.match(rest) or _LISTED.match(rest) or _ASKER.match(rest)
    if found is None:
        return line
    at = start + found.end() - 1
    return f"{line[:at]}&#{ord(line[at])};{line[at + 1:]}"


def swallowed_questions(body: str) -> list[tuple[int, str, tuple[int, str] | None]]:
    """(index, text, (index, tag) of the block-level tag left open above it, or None) of each
    question heading (with a valid `{#id}`) that raw HTML swallows: Python-Markdown reads an
    unclosed `<details>`, `<div>`… at a line's start as raw HTML to the end, and the heading
    reaches the handbook page as text, with no anchor (`rawblocks`). Fenced code is read as
    `heading_lines` reads it."""
    lines = body.split("\n")
    outside = dict(unfenced(lines))
    plain = [outside.get(index, "") for index in range(len(lines))]
    ids = rendered_h2_ids(plain)
    if ids is None:
        return []
    found = [(index, text) for index, text in heading_lines(body)
             if (qid := split_heading(text)[1]) and VALID_ID.fullmatch(qid) and qid not in ids]
    if not found:
        return []
    openers = open_blocks(plain, [index for index, _ in found])
    return [(index, text, openers.get(index)) for index, text in found]


def _report_swallowed(src: str, body: str, body_line: int, problems: Problems) -> None:
    """One warning per tag left open that swallows questions, naming its line and the first
    question: the fix is one closing tag."""
    by_opener: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for index, text, opener in swallowed_questions(body):
        if opener is not None:  # nothing found left open: not named, rather than named wrongly
            by_opener.setdefault(opener, []).append((index, text))
    for (at, tag), swallowed in by_opener.items():
        index, text = swallowed[0]
        more = f" và {len(swallowed) - 1} câu hỏi sau nó" if len(swallowed) > 1 else ""
        problems.warn(src, body_line + index, "", f"câu hỏi «{short(split_heading(text)[0])}»{more} nằm trong "
                      f"khối HTML `<{tag}>` mở ở dòng {body_line + at} mà chưa đóng: trang sổ tay hiện "
                      "chúng thành chữ thô, không có tiêu đề và không có neo",
                      f"đóng khối đó: thêm dòng `</{tag}>` ở cuối phần nó bao (trước dòng {body_line + index}), "
                      f"hoặc xóa thẻ `<{tag}>` ở dòng {body_line + at}")


def _attrs(text: str) -> tuple[int, str] | None:
    r"""(where the attribute list starts, its inside) of a heading ending in `{…}`, or None.

    What `\s*\{:?\s*([^}]*)\}\s*$` found, with `str` searches: that regex rescanned the
    line from every '{' and every space (quadratic on a hostile 300 KB heading).
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    close = len(stripped) - 1
    previous = stripped.rfind("}", 0, close)
    opening = stripped.find("{", previous + 1, close)
    if opening < 0:
        return None
    inner = stripped[opening + 1 : close]
    inner = inner[1:] if inner.startswith(":") else inner
    return len(stripped[:opening].rstrip()), inner.strip()


def split_heading(text: str) -> tuple[str, str]:
    """('question text', 'id' or '') from a heading like 'Câu hỏi 1: … {#id}'."""
    attrs = _attrs(text)
    if not attrs:
        return text.strip(), ""
    ident = _ID.search(attrs[1])
    return text[: attrs[0]].strip(), ident.group(1) if ident else ""


def display_title(heading: str) -> str:
    """The question without its 'Câu hỏi 3:' number, which changes when questions move."""
    return _NUMBER_PREFIX.sub("", heading).strip() or heading


def mark_legal_basis(answer: str) -> tuple[str, str]:
    """(answer with its closing 'Căn cứ pháp lý:' paragraph tagged for styling, that paragraph)."""
    stripped = answer.rstrip()
    start = stripped.rfind("\n\n") + 2 if "\n\n" in stripped else 0
    found = _legal_basis(stripped[start:])
    if found is None:
        return answer, ""
    paragraph, basis = found
    return stripped[:start] + paragraph + "\n{: .bt-can-cu }\n", basis


def _legal_basis(paragraph: str) -> tuple[str, str] | None:
    """(the paragraph as its box shows it, the basis) of a 'Căn cứ pháp lý:' paragraph, or None.

    Word italicises or bolds that line, so a paste gives `*Căn cứ pháp lý: …*`, `**Căn cứ
    pháp lý:** …`, `_Căn cứ pháp lý:_ …`, `**Căn cứ pháp lý**: …`: read as the plain form, the
    box is the emphasis (an outsider's trial, session 40: they lost their box without a
    word). The label's marks go; a paragraph emphasised whole loses its marks, unless they
    close inside it (`*…: Điều 7* và *Điều 8*`: kept as written, no box)."""
    if paragraph.startswith(LEGAL_BASIS):
        return paragraph, paragraph[len(LEGAL_BASIS):].strip()
    mark = _emphasis_mark(paragraph)
    label = LEGAL_BASIS[:-1]
    if not mark or not paragraph.startswith(label, len(mark)):
        return None
    rest = paragraph[len(mark) + len(label):]
    if rest.startswith((":" + mark, mark + ":")):  # the label alone: `**Căn cứ pháp lý:** Điều 7.`
        basis = rest[len(mark) + 1:].strip()
    elif rest.startswith(":") and paragraph.endswith(mark) and mark not in rest[1: len(rest) - len(mark)]:
        basis = rest[1: len(rest) - len(mark)].strip()  # the whole paragraph: `*Căn cứ pháp lý: Điều 7.*`
    else:
        return None
    return f"{LEGAL_BASIS} {basis}".rstrip(), basis


class Handbook(NamedTuple):
    """A handbook body as the build reads it: the text before the first question or group,
    the questions, the groups."""

    intro: str
    questions: tuple[Question, ...]
    groups: tuple[Group, ...]


def parse_questions(src: str, body: str, body_line: int, problems: Problems) -> tuple[str, tuple[Question, ...]]:
    """(intro Markdown, questions) of a handbook body; bad or missing ids are reported."""
    handbook = parse_handbook(src, body, body_line, problems)
    return handbook.intro, handbook.questions


def parse_handbook(src: str, body: str, body_line: int, problems: Problems, title: str = "") -> Handbook:
    """The intro, questions and groups of a handbook body (`title`: its `title:`, which a `# `
    line may repeat without being a group); bad or missing ids are reported.

    A question's answer ends at the next `## ` or `# ` line; a group holds the questions up
    to the next `# `. Numbers run on over the groups: a question's number is its place in the
    handbook, as before groups were read."""
    lines = body.split("\n")
    for index, text in nested_questions(body):
        problems.error(src, body_line + index, "", f"câu hỏi «{short(text)}» nằm trong một mục danh sách hay "
                       "trích dẫn (dòng bắt đầu bằng `*`, `-`, số hoặc `>` trước `##`), nên trang không coi là câu hỏi",
                       "xóa phần trước `## ` để dòng bắt đầu bằng `## `, và để một dòng trống trước và sau dòng đó "
                       "(trình biên tập web: bật công tắc Markdown để sửa)")
    for index, text in nested_groups(body):
        problems.error(src, body_line + index, "", f"tên nhóm câu hỏi «{short(text)}» nằm trong một mục danh sách hay "
                       "trích dẫn (dòng bắt đầu bằng `*`, `-`, số hoặc `>` trước `#`), nên trang không coi là nhóm: nó "
                       "thành một tiêu đề lớn giữa câu trả lời phía trên",
                       "xóa phần trước `# ` để dòng bắt đầu bằng `# `, và để một dòng trống trước và sau dòng đó "
                       "(trình biên tập web: bật công tắc Markdown để sửa)")
    headings = heading_lines(body)
    taken = {split_heading(text)[1] for _, text in headings} - {""}
    for index, text, wrong in misplaced_questions(body):
        problems.error(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, "
                       "nên trang coi nó là một phần câu trả lời phía trên: câu hỏi không có trang riêng, liên kết "
                       "ngắn và mã QR", _misplaced_fix(text, taken))
    for index, text, wrong in paragraph_questions(body):  # no mark says "heading": a warning (a quiz's item?)
        problems.warn(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, nên "
                      "trang coi nó là một phần câu trả lời phía trên: nếu là câu hỏi, nó không có trang riêng, liên "
                      "kết ngắn và mã QR", "nếu là câu hỏi mới: " + _misplaced_fix(text, taken) + _AS_ANSWER)
    if not headings:
        problems.error(src, body_line, "", "sổ tay Hỏi - Đáp chưa có câu hỏi nào",
                       "mỗi câu hỏi là một dòng bắt đầu bằng `## `, ví dụ `## Câu hỏi 1: … {#ma-cau-hoi}`")
        return Handbook(body, (), ())
    _report_swallowed(src, body, body_line, problems)
    group_at = handbook_groups(group_lines(body, title), [index for index, _ in headings], title)
    stops = sorted([index for index, _ in headings] + [index for index, _ in group_at]) + [len(lines)]
    groups = _read_groups(src, lines, group_at, stops, body_line, taken, problems)
    questions = []
    group_of = _group_of([index for index, _ in headings], group_at, {group.line: group for group in groups}, body_line)
    for number, (index, text) in enumerate(headings, start=1):
        end = stops[bisect_right(stops, index)]
        question = read_question(src, lines[index + 1 : end], index, text, number, body_line, taken, problems)
        if question is not None:
            if (group := group_of[number - 1]) is not None:
                question = replace(question, group=group.id, group_title=group.title)
            questions.append(question)
    _intro_ids(src, lines[: stops[0]], body_line, {q.id: q.line for q in questions}, problems)
    _empty_groups(src, groups, headings, body_line, problems)
    return Handbook("\n".join(lines[: stops[0]]).strip("\n"), tuple(questions), groups)


def _read_groups(src: str, lines: list[str], group_at: list[tuple[int, str]], stops: list[int], body_line: int,
                 taken: set[str], problems: Problems) -> tuple[Group, ...]:
    """The groups of `group_at`, each with its intro (its lines up to the next question or
    group) and an anchor id unique on the handbook page: its own `{#id}`, else its words'
    slug as the page's other headings get theirs (`anchors.heading_id`)."""
    used = set(taken)
    groups = []
    for index, text in group_at:
        words, own = split_heading(text)
        line = body_line + index
        if own and own in taken:
            problems.error(src, line, "", f"nhóm câu hỏi «{short(words)}» dùng mã `{{#{own}}}` của một câu hỏi: "
                           "liên kết tới câu hỏi sẽ dẫn tới tên nhóm", f"đổi hoặc xóa mã `{{#{own}}}` ở cuối dòng {line}")
            continue
        if own and (not VALID_ID.fullmatch(own) or reserved_id(own)):
            problems.error(src, line, "", f"mã nhóm câu hỏi `{short(own)}` không hợp lệ",
                           f"xóa mã (trang tự đặt mã từ tên nhóm), hoặc chỉ dùng chữ thường không dấu, số và dấu gạch "
                           f"ngang, ví dụ `# {short(words)} {{#{heading_id(words)}}}`")
            continue
        shown = inline_text(words) or words
        gid = (own if own not in used else unique(own, used)) if own else group_anchor(shown, used)
        used.add(gid)
        end = stops[bisect_right(stops, index)]
        groups.append(Group(gid, shown, "\n".join(lines[index + 1 : end]).strip("\n"), line,
                            "" if shown == words else words, bool(own)))
    return tuple(groups)


def group_anchor(title: str, used: set[str]) -> str:
    """The anchor of a group without its own `{#id}`: its title's slug as the page's other
    headings get theirs (`anchors.heading_id`), `_1`, `_2`… when the page has it already."""
    return unique(heading_id(title), used)


def _group_of(questions: list[int], group_at: list[tuple[int, str]], by_line: dict[int, Group],
              body_line: int) -> list[Group | None]:
    """The group of each question line (indices, ascending): the last group line above it, one
    pass over both. A group refused (its id) leaves its questions in none."""
    found, at, current = [], 0, None
    for index in questions:
        while at < len(group_at) and group_at[at][0] < index:
            current = by_line.get(body_line + group_at[at][0])
            at += 1
        found.append(current)
    return found


def _empty_groups(src: str, groups: tuple[Group, ...], headings: list[tuple[int, str]], body_line: int,
                  problems: Problems) -> None:
    """A group with no question after it (before the next group or the end): its name shows on
    the handbook page over nothing, most likely a question written with one `#`."""
    questions = [body_line + index for index, _ in headings]
    for n, group in enumerate(groups):
        after = groups[n + 1].line if n + 1 < len(groups) else None
        first = bisect_right(questions, group.line)
        if first < len(questions) and (after is None or questions[first] < after):
            continue
        problems.warn(src, group.line, "", f"nhóm câu hỏi «{short(group.title)}» chưa có câu hỏi nào: dòng bắt đầu "
                      "bằng một dấu `#` là tên một nhóm, các câu hỏi của nhóm viết ở dưới nó",
                      "viết các câu hỏi của nhóm (mỗi câu một dòng `## … {#ma-cau-hoi}`) dưới dòng này; nếu dòng "
                      "này là một câu hỏi, viết `## ` ở đầu dòng; nếu không cần nhóm, xóa dòng")


def _warn_stray_words(src: str, line: int, text: str, qid: str, taken: set[str], problems: Problems) -> None:
    """`{#le phi}`: the build reads `le` (attr_list makes `phi` an attribute), so the question's
    address is /q/le/ while the editor may print /q/le-phi/. A warning, not an error, and no
    id changed by itself: published, `le` may be printed already; the editor knows."""
    attrs = _attrs(text)
    words = _id_words(attrs[1]) if attrs else None
    if words is None or words == qid or not words.startswith(qid + " "):
        return
    meant = cap_slug(slugify(words), ID_SUGGESTED)
    whole = _free(meant, set(taken)) if meant != qid else meant
    problems.warn(src, line, "", f"sau mã câu hỏi `{qid}` còn chữ `{short(words[len(qid):].strip())}` trong ngoặc "
                  f"nhọn: trang chỉ đọc mã `{qid}` (địa chỉ và liên kết ngắn của câu hỏi theo `{qid}`), phần sau dấu cách bị bỏ",
                  f"nếu câu hỏi chưa đăng và mã là `{whole}`: {_paste(line, text, whole)}; nếu đã đăng (liên kết ngắn "
                  f"có thể đã in ra giấy), giữ mã: {_paste(line, text, qid)}")


# The way out of a paragraph that reads like a question and is an answer's words (plain_question).
_AS_ANSWER = ("; nếu dòng này đúng là lời của câu trả lời (như một câu hỏi trắc nghiệm tự kiểm tra), không phải "
              "một câu hỏi mới: viết nó liền với đoạn văn ngay dưới, không để dòng trống giữa hai dòng")


def _misplaced_fix(text: str, taken: set[str]) -> str:
    """The line to write for a line that looks like a question; with only its number
    (`**Câu hỏi 9:**`, the words on the line below) the words go after it, on one line."""
    if (number := _PASTED_PREFIX.match(text)) and not text[number.end():].strip():
        return (f"viết lại dòng thành `## {short(text, 200)} <lời câu hỏi> {{#ma-cau-hoi}}`: chép lời câu hỏi ở dòng "
                "dưới lên sau số, cùng một dòng, và đặt mã ở cuối dòng (chữ thường không dấu, nối bằng `-`)")
    return f"viết lại dòng thành `{paste_line(text, _misplaced_id(text, taken))}`"


def _misplaced_id(text: str, taken: set[str]) -> str:
    """The id of the line to write for a line that looks like a question: its own when the
    build would read it, else one made from its words (unique in its handbook)."""
    qid = split_heading(text)[1]
    if VALID_ID.fullmatch(qid):
        return qid
    written = misread_id(text)
    return _free(written.meant, taken) if written else new_id(question_title(text), taken)


def read_question(src: str, answer_lines: list[str], index: int, text: str, number: int, body_line: int,
                  taken: set[str], problems: Problems) -> Question | None:
    """The question of the heading `text` (line `index` of the body, the `number`th heading)
    with the lines up to the next heading as its answer, or None when its id is missing or
    one the build refuses (reported). Depends on those lines alone: what
    `qaparts` relies on to re-read a handbook from one of its headings on."""
    title, qid = split_heading(text)
    line = body_line + index
    if (written := misread_id(text)) is not None:
        problems.items.append(misread_problem(src, line, text, written, taken))
        return None
    if not qid:
        problems.items.append(missing_id(src, line, text, taken))
        return None
    if not VALID_ID.fullmatch(qid):  # no letter nor digit to make an id of (`{#!!!}`): one from the question
        problems.error(src, line, "", f"mã câu hỏi `{short(qid)}` không hợp lệ",
                       "chỉ dùng chữ thường không dấu, số và dấu gạch ngang: " + _paste(line, text, new_id(title, taken)))
        return None
    if windows_reserved(qid):  # its page would be /hoi-dap/<so-tay>/con/: a name Windows refuses
        problems.error(src, line, "", f"mã câu hỏi `{qid}` là tên Windows dành riêng (con, prn, aux, nul, "
                       "com1…, lpt1…): bản sao trang trên USB không tạo được thư mục này",
                       f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
        return None
    if reserved_id(qid):  # printed as id="…" on the handbook page: a name the page's scripts use
        problems.error(src, line, "", f"mã câu hỏi `{qid}` trùng tên mà mã chạy của trang dùng "
                       "(lunr, module, exports, define, require, ga, gtag, bt-…, bantin-…)",
                       f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
        return None
    if len(qid) > ID_MAX:
        problems.error(src, line, "", f"mã câu hỏi dài {len(qid)} ký tự, quá {ID_MAX} ký tự",
                       f"rút gọn mã, ví dụ `{{#{cap_slug(qid, ID_SUGGESTED)}}}`: mã là địa chỉ và liên kết ngắn in ra giấy")
        return None
    if not display_title(title):
        problems.error(src, line, "", "câu hỏi không có chữ (chỉ có mã hoặc số thứ tự)",
                       f"viết câu hỏi trước mã, ví dụ `## Câu hỏi {number}: … ? {{#{qid}}}`")
        return None
    _warn_stray_words(src, line, text, qid, taken, problems)
    answer, basis = mark_legal_basis("\n".join(answer_lines).strip("\n"))
    if not answer.strip():
        problems.warn(src, line, "", f"câu hỏi «{short(title)}» chưa có câu trả lời: trang của nó sẽ trống",
                      "viết câu trả lời ở các dòng dưới câu hỏi, trước câu hỏi tiếp theo")
    written = display_title(title)
    shown = inline_text(written) or written  # a heading that is only a picture: its Markdown
    return Question(qid, shown, number, answer, line, basis, "" if shown == written else written)


def _intro_ids(src: str, intro: list[str], body_line: int, ids: dict[str, int], problems: Problems) -> None:
    """A heading of the intro with a question's `{#id}`: two elements with one id on the handbook
    and its printout, and the question's link lands on the heading."""
    for index, qid in intro_heading_ids(intro):
        if qid in ids:
            problems.error(src, body_line + index, "", f"đề mục phần mở đầu dùng mã `{{#{qid}}}` của câu hỏi ở dòng "
                           f"{ids[qid]}: liên kết tới câu hỏi sẽ dẫn tới đề mục này",
                           "đổi hoặc xóa mã `{#…}` ở cuối đề mục này")


def intro_heading_ids(intro: list[str]) -> list[tuple[int, str]]:
    """(index, id) of the intro's headings (outside fenced code) that carry an `{#id}`."""
    return [(index, qid) for index, line in unfenced(intro)
            if line.startswith("#") and (qid := split_heading(line.lstrip("#"))[1])]


class WrittenId(NamedTuple):
    """A question's id written in a form the build does not read as the editor meant it:
    `written` as it stands in the heading (`{# ngoai-gia-thu }`), `words` the id's words in it
    (`ngoai-gia-thu`, `Lệ phí`), `meant` the id to write instead (`le-phi`)."""

    written: str
    words: str
    meant: str


def misread_id(text: str) -> WrittenId | None:
    """The id a heading's editor meant when the build would not read it as written, or None
    (a well-formed valid `{#id}`, or no id written at all). Found by an outsider's trial
    (session 39): `{# ngoai-gia-thu }` and `{ngoai-gia-thu}` were read as no id, `{#Lệ phí}` as
    `Lệ`, `(#ngoai-gia-thu)` as part of the question; the line suggested to paste kept the
    stray words (`{: #… ngoai-gia-thu }`) or dropped «phí». The words meant are the id
    token's and the bare words after it (attr_list makes those attributes named like
    themselves), or the bare words of a list with no `#`; `.lop` and `key=value` stay.

    A valid id the build reads is never re-read (`{#le phi}` is `le`): the question may be
    published under it, and its address and QR code printed."""
    if VALID_ID.fullmatch(split_heading(text)[1]):  # read, so maybe published and printed: kept as read
        return None
    attrs = _attrs(text)
    words = _id_words(attrs[1]) if attrs else None
    if words is not None:
        written, said = text[attrs[0]:].strip(), words  # the whole `{…}`, as the message quotes it
    elif (found := _parenthesised_id(text[: attrs[0]] if attrs else text)) is not None:
        written, said = found
    else:
        return None
    meant = said if VALID_ID.fullmatch(said) else cap_slug(slugify(said), ID_SUGGESTED)
    return WrittenId(written, said, meant) if meant else None


def _id_words(inner: str) -> str | None:
    """The id's words of an attribute list's inside, or None when it names none (`.noi-bat`,
    `lang=vi`)."""
    tokens = _ATTR_TOKEN.findall(inner)
    start = next((n for n, token in enumerate(tokens) if "#" in token), None)  # where `split_heading` reads
    if start is None:
        words = [token for token in tokens if _bare(token)]
    else:
        end = start + 1
        while end < len(tokens) and _bare(tokens[end]):
            end += 1
        words = [tokens[start].split("#", 1)[1]] + tokens[start + 1 : end]
    said = " ".join(words).strip()
    return said or None


def _bare(token: str) -> bool:
    """A word of an attribute list that is no class, id nor `key=value`: an id's stray word."""
    return not token.startswith((".", ":")) and "=" not in token and "#" not in token


def _parenthesised_id(title: str) -> tuple[str, str] | None:
    """`(#ngoai-gia-thu)` at the end of a question: (what is written, the id's words)."""
    stripped = title.rstrip()
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(")
    said = stripped[opening + 1 : -1].strip()
    if opening < 0 or not said.startswith("#"):
        return None
    said = said[1:].strip()
    return (stripped[opening:], said) if said else None


def question_title(text: str) -> str:
    """The question of a heading without any id, however written (`(#…)` included)."""
    title = split_heading(text)[0]
    written = misread_id(text)
    if written is not None and written.written.startswith("(") and title.endswith(written.written):
        title = title[: -len(written.written)].rstrip()
    return title


def misread_problem(src: str, line: int, text: str, written: WrittenId, taken: set[str]) -> Problem:
    """An id the build does not read as written: the whole line to paste, with the id meant
    (kept: it may be printed already), or made from its words when not an id as it stands."""
    qid = _free(written.meant, taken)
    if VALID_ID.fullmatch(written.words):
        what = (f"mã câu hỏi `{short(written.words)}` viết chưa đúng dạng (`{short(written.written)}`), "
                "nên trang không đọc được mã này")
    else:
        what = f"mã câu hỏi `{short(written.words)}` không hợp lệ"
    return Problem(src, line, "", what, "mã viết trong ngoặc nhọn, ngay sau dấu `#`, không dấu cách; chỉ dùng chữ "
                   f"thường không dấu, số và dấu gạch ngang: {_paste(line, text, qid)} (hoặc chạy `bantin ids` "
                   "để tự sửa)")


def _free(qid: str, taken: set[str]) -> str:
    """`qid`, or `qid-2`, `-3`… when another question has it; added to `taken`."""
    candidate, n = qid, 2
    while candidate in taken:
        candidate, n = f"{qid}-{n}", n + 1
    taken.add(candidate)
    return candidate


def missing_id(src: str, line: int, text: str, taken: set[str]) -> Problem:
    """A question without id: the whole heading line to paste in its place, with a new id
    (not in `taken`, then added to it). An editor in a web editor cannot run `bantin ids`."""
    title = split_heading(text)[0]
    qid = new_id(title, taken)
    fix = _paste(line, text, qid) + "; mã là địa chỉ cố định của câu hỏi, đừng đổi sau khi đăng (hoặc chạy `bantin ids` để tự điền)"
    if looks_like_group(title):  # «## II. THỦ TỤC» from Word's Heading 2: made a question, it had a page, a QR code, no answer
        fix = (f"nếu đây là tên một nhóm câu hỏi (một phần của sổ tay), không phải câu hỏi: thay cả dòng {line} bằng "
               f"dòng này: `# {short(title, 300)}` (một dấu `#`); nếu đây là một câu hỏi: {fix}")
    return Problem(src, line, "", f"câu hỏi \"{short(title)}\" {NO_ID}", fix)


def taken_id(src: str, line: int, qid: str, text: str, owner: str, taken: set[str]) -> Problem:
    """A question of a draft whose id a published question has: the draft changes (the
    published one's address and QR code may be printed; the draft's are not published).
    `owner` is 'file:line' of the published one."""
    fresh = new_id(split_heading(text)[0], taken)
    return Problem(src, line, "", f"mã câu hỏi `{qid}` đã dùng ở {owner}, một câu hỏi đã đăng (địa chỉ và mã QR "
                   "của nó có thể đã được in ra giấy, nên câu đó giữ mã)",
                   "đổi mã của câu hỏi này (trong bản nháp, chưa đăng), không đổi câu kia: " + _paste(line, text, fresh))


def shared_id(qid: str, here: tuple[str, int, str], others: list[tuple[str, int, str]]) -> Problem:
    """One of two (or more) published questions with one id, at `here`, naming the `others`
    ((file, line, line to paste) each). Nothing the build reads tells which was published
    first: a handbook's `date:` is not when a question was added, and the common mistake is a
    question copied into an older handbook, so a message that picked by `date:` told the
    editor to change the printed id (an editors' trial, session 34). So each place is named,
    with the line to paste for each, and the editor, who knows which one they just added,
    changes that one."""
    src, line, paste = here
    where = ", ".join(_place(other, line_, src) for other, line_, _ in others)
    fixes = "; ".join([f"nếu câu vừa thêm là câu này: thay cả dòng {line} bằng dòng này: `{paste}`"] +
                      [f"nếu là câu ở {_place(other, line_, src)}: thay cả dòng đó bằng dòng này: `{text}`"
                       for other, line_, text in others])
    count = "hai" if len(others) == 1 else str(len(others) + 1)
    return Problem(src, line, "", f"mã câu hỏi `{qid}` dùng cho {count} câu hỏi: câu này và câu ở {where}",
                   "một mã chỉ dùng cho một câu hỏi. Câu hỏi đã đăng từ trước phải giữ mã (địa chỉ và mã QR của "
                   "nó có thể đã được in ra giấy); đổi mã của câu vừa thêm hoặc vừa chép vào (ngày `date:` của sổ "
                   f"tay không cho biết câu nào có trước). {fixes[0].upper()}{fixes[1:]}")


def paste_line(text: str, qid: str) -> str:
    """The heading line `## <text>` with `qid`, as a message quotes it."""
    return short(heading_with_id(text, qid), 300)


def _place(src: str, line: int, here: str) -> str:
    return f"dòng {line} (cùng tệp)" if src == here else f"{src}:{line}"


def _paste(line: int, text: str, qid: str) -> str:
    return f"thay cả dòng {line} bằng dòng này: `{paste_line(text, qid)}`"


def new_id(title: str, taken: set[str]) -> str:
    """An id from the question's text (without its number), unique among `taken`, added to it."""
    base = cap_slug(slugify(display_title(title)), ID_SUGGESTED) or "cau-hoi"  # cut between words: a printed link
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def heading_with_id(text: str, qid: str) -> str:
    """The heading line `## <text>` with `qid` as its only id; the editor's own attributes
    (`{: .noi-bat }`, `lang=vi`) are kept, the words of an id written wrong are not (`misread_id`)."""
    attrs = _attrs(text)
    inner = " ".join(part for part in _ATTR_TOKEN.findall(attrs[1] if attrs else "")
                     if not part.startswith("#") and not _bare(part))
    title = question_title(text)
    if "{" in title[title.rfind("}") + 1 :]:  # `_attrs` would read the id list from that `{` on: shown the same
        title = title.replace("{", "&#123;")
    return f"## {title} {{: #{qid} {inner} }}" if inner else f"## {title} {{#{qid}}}"


def fill_ids(body: str, taken: set[str], rewritten: list[str] | None = None,
             groups: list[tuple[int, str]] | None = None) -> tuple[str, list[str]]:
    """Body with an id added to every question heading lacking one; ids made from the text.
    An id written in a form the build does not read (`misread_id`) is written as it reads
    it, the editor's id kept (it may be printed), with `-2` when another question has it.

    `taken` holds ids used anywhere on the site; new ids are added to it so they stay unique.
    The ids of lines rewritten that way are also added to `rewritten`, when given: `bantin
    ids` says "viết lại", not "thêm", of an id the editor chose.

    A heading with no id that reads as a part's name (`looks_like_group`: «## II. THỦ TỤC»
    pasted from Word) gets none: given one, it would be a question (page, QR code, no answer)
    without a word, what the build's message leaves to the editor (session 40). Its (index,
    text) goes to `groups`, when given, for the command to name.
    """
    lines = body.split("\n")
    added = []
    for index, text in heading_lines(body):
        title, qid = split_heading(text)
        written = misread_id(text)
        if qid and written is None:
            continue
        if written is None and looks_like_group(title):
            if groups is not None:
                groups.append((index, title))
            continue
        candidate = _free(written.meant, taken) if written else new_id(title, taken)
        line = heading_with_id(text, candidate)  # keeps the editor's own attributes ({: .noi-bat })
        if not reads_as(line[3:], candidate):  # never a line worse than the one read: left for `check` to name
            taken.discard(candidate)
            continue
        added.append(candidate)
        if written is not None and rewritten is not None:
            rewritten.append(candidate)
        lines[index] = line
    return "\n".join(lines), added


def reads_as(text: str, qid: str) -> bool:
    """Whether a heading's text reads as the question with the id `qid`, written as the build
    reads it (what `bantin ids` checks of each line it writes)."""
    return split_heading(text)[1] == qid and misread_id(text) is None


def shift_headings(markdown: str, top: int) -> str:
    """An answer's headings moved so the highest becomes level `top`, the others keeping their
    steps below it (capped at 6); code blocks untouched.

    A question is `##` on its handbook and the `<h1>` of its own page, so one `###` in an
    answer is right on the handbook and skips a level on the question page (issue 15):
    answers are shifted to start at 3 on the handbook and at 2 on the question page. A `#`
    an editor put in an answer becomes level 3 on the handbook, under its question."""
    lines = markdown.split("\n")
    found = [(index, match) for index, line in unfenced(lines) if (match := _ATX.match(line))]
    if not found:
        return markdown
    delta = top - min(len(match.group(2)) for _, match in found)
    for index, match in found:
        level = min(6, len(match.group(2)) + delta)
        lines[index] = match.group(1) + "#" * level + lines[index][match.end():]
    return "\n".join(lines)


def demote_html_headings(html: str, by: int) -> str:
    """Sanitised HTML with every heading `by` levels lower (capped at 6): a question page's
    answer (headings from h2) placed under an `<h2>` question, as on the printable handbook."""
    return _HTML_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html)


def handbook_markdown(intro: str, questions: tuple[Question, ...], link: Callable[[Question], str],
                      short_label: Callable[[Question], str], groups: tuple[Group, ...] = ()) -> str:
    """The handbook page: every question anchored by its id, with its own page and short link.

    The link to a question's page names its number ("Trang riêng của câu hỏi 3"): a screen
    reader's list of links shows names only, and eleven alike led to eleven pages.

    A group is a `##` heading (its intro under it) and its questions `###` under it, their
    answers' headings from level 4: the page's outline, and so its table of contents, holds
    each group with its questions. Questions before any group stay `##`, beside the groups.

    `link` gives the Markdown link target of a question's page (a relative `.md` path, so
    MkDocs checks and rewrites it for either build flavour).
    """
    parts = [intro]
    entries = sorted([(g.line, g) for g in groups] + [(q.line, q) for q in questions], key=lambda entry: entry[0])
    for _, entry in entries:
        if isinstance(entry, Group):
            parts.append(f"## {entry.heading or entry.title} {{: #{entry.id} .bt-group }}")
            parts.append(shift_headings(entry.intro, 3))
            continue
        level = 3 if entry.group else 2
        parts.append(f"{'#' * level} {entry.number}. {entry.heading or entry.title} {{#{entry.id}}}\n\n"
                     f"{shift_headings(entry.body, level + 1)}\n\n"
                     f"[Trang riêng của câu hỏi {entry.number}]({link(entry)}){{: .bt-qlink }} · "
                     f"Liên kết ngắn: {_short_html(short_label(entry))}")
    return "\n\n".join(p for p in parts if p)


def _short_html(address: str) -> str:
    """A short address as small text that may wrap after each "/" (`<wbr>`, which a copied
    address does not carry): as a code span it broke inside a word at the largest text on a
    320 px phone. Escaped by construction, though our own addresses hold no markup."""
    return '<code class="bt-short">' + "/<wbr>".join(html.escape(p) for p in address.split("/")) + "</code>"
