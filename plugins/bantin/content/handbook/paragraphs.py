"""Questions written as a paragraph of their own, neither heading nor bold (session 40): a warning.

`Câu hỏi 5: …?` or a Word numbered list's item `5. Ông A hỏi: …?` with its answer below is a
question the site loses, but nothing in it says "heading", and a self-test quiz in an answer
looks alike: so every part of `plain_question` must hold, and the build only warns. The web
editor's paste has the twin (bantin-paste.js `plainQuestion`, tests/test_webeditor.py).
"""

from __future__ import annotations

import re

from bantin.content.handbook.headings import ASKED, PASTED_PREFIX, unfenced, without_attributes

# A question written as a paragraph of its own, neither heading nor bold (session 40), a warning:
# «Câu hỏi 5: …?» (PASTED_PREFIX and ASKED: «Câu 5. …?» alone is a quiz's item as often), or a
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


def paragraph_questions(body: str) -> list[tuple[int, str, str]]:
    """(index, text, what is wrong) of lines outside fenced code that read like a question
    written as a paragraph `Câu hỏi 5: …?` or a numbered list's item `5. Ông A hỏi: …?` with
    its answer below (`plain_question`; for an item, the text has its number: `Câu hỏi 5: Ông
    A hỏi: …?`). A warning, never an error (session 40's review): nothing in such a line says
    "heading", and a false alarm (a self-test quiz in an answer) must never stop the site."""
    lines = body.split("\n")
    return [(index, *plain) for index, _ in unfenced(lines) if (plain := plain_question(lines, index)) is not None]


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
    and not nothing (the text's start: a part `parts` re-reads starts at its heading). A
    list item counts when it is its list's only item (no item or indented line next to it)
    and its words start «Câu hỏi» or name an asker as Q&A columns do («Ông A», «Bà B (xã X)»,
    «Bạn đọc», up to six words) before «hỏi:» («Nhiều người hỏi:» is an answer's words); a plain paragraph «Ông A hỏi: …?» does not (how an imported page's
    answer starts). Not «Hỏi:», as in bold (`emphasised_question`)."""
    line = lines[index]
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not _asks(stripped):
        return None
    if PASTED_PREFIX.match(stripped) and ASKED.match(stripped):  # «Câu 5. …?» alone: a quiz's item as often
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
    return without_attributes(text.strip()).rstrip(_CLOSING).endswith("?")


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
    return bool(PASTED_PREFIX.match(stripped) or _LISTED.match(stripped))


def separator_written(line: str) -> str:
    """`line` with the mark after a question's number or asker (`Câu hỏi 5:`, `Ông A hỏi:`)
    written as an HTML entity (`&#58;`): shown the same, and no question to `plain_question`."""
    stripped = line.lstrip(" ")
    start = len(line) - len(stripped)
    if (item := _LIST_ITEM.match(stripped)) is not None:
        start += item.end()
    rest = line[start:]
    found = PASTED_PREFIX.match(rest) or _LISTED.match(rest) or _ASKER.match(rest)
    if found is None:
        return line
    at = start + found.end() - 1
    return f"{line[:at]}&#{ord(line[at])};{line[at + 1:]}"
