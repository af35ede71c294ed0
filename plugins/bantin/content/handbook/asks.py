"""Whether a heading's words ask a question or name a part of the handbook (session 40).

A Word handbook prints its parts («I. NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ», «Phần II») and often its
questions («ĐĂNG KÝ KẾT HÔN CẦN NHỮNG GIẤY TỜ GÌ») in capitals, without «?». These rules tell
them apart for the `# ` group lines (`groups`), the `## ` lines `bantin ids` leaves without an
id (`ids.fill_ids`) and the missing id's message (`idproblems`); the web editor's paste has
their twins (bantin-paste.js `groupHeading`, `QUESTION_WORDS`, `NOT_ASKING`). When in doubt a
line is a question: the build then names it with both fixes, while a question made a group
loses its page.
"""

from __future__ import annotations

import re
import unicodedata

from bantin.content.handbook.headings import NUMBER_PREFIX, split_heading, without_attributes

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


def question_like(text: str) -> bool:
    """A heading's text reads as a question: a «Câu hỏi 3:» number, or «?» at its end."""
    return bool(NUMBER_PREFIX.match(text)) or without_attributes(text).endswith("?")


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


# How a `# ` line between questions asks without «?» (session 41's review, H1): its last words
# are a question's closing words («… cần những giấy tờ gì», «… như thế nào», «… ra sao», «… có
# được không», «… đã đăng ký chưa», «… là ai»), or its first words an asker's («Ai được…», «Tại
# sao…», «Có phải…», «Khi nào…», «Thế nào là…», «Làm gì khi…»). «không», «chưa», «ai», «nào»
# inside a name do not ask: «Quyền của người không quốc tịch», «Đăng ký khai sinh cho trẻ chưa xác
# định được cha», «Phòng, chống bạo lực gia đình: ai cũng có trách nhiệm» are groups, as every `# `
# line was before session 41 (a false error stops the whole site's build; a question kept as a
# group keeps its words on the page). bantin-paste.js `ASKS_LAST`, `ASKS_FIRST`, `NOT_ASKING_FIRST`
# are the twins, tests/test_qagroups.py `GROUP_NAMES` and `LOST_QUESTIONS` the cases of both.
ASKS_LAST = ("gì", "nào", "sao", "ai", "đâu", "bao nhiêu", "bao lâu", "bao giờ", "mấy", "không", "chưa", "chăng")
ASKS_FIRST = ("ai", "tại sao", "vì sao", "làm sao", "thế nào", "làm thế nào", "có phải", "phải chăng", "khi nào",
              "lúc nào", "bao giờ", "bao lâu", "bao nhiêu", "ở đâu", "đâu là", "làm gì", "cần làm gì", "phải làm gì",
              "nên làm gì", "những ai", "người nào", "cái gì", "điều gì", "trường hợp nào",
              "những trường hợp nào", "cơ quan nào", "đối tượng nào", "những đối tượng nào", "hành vi nào",
              "những hành vi nào", "giấy tờ nào", "những giấy tờ nào")
# An opening that says «everyone» («Ai cũng có trách nhiệm…»), no asker.
NOT_ASKING_FIRST = ("ai cũng", "ai ai")


def group_line_asks(text: str) -> bool:
    """A `# ` line's text, between questions, that reads as a question an editor wrote with one
    `#` too few rather than a group's name (session 41): question-like (`question_like`), or its
    words close or open as a question does (`words_ask`: «ĐĂNG KÝ KẾT HÔN CẦN NHỮNG GIẤY TỜ GÌ»,
    «Thủ tục đăng ký như thế nào», «Ai được trợ giúp pháp lý») and do not name a part by the
    rule of `##` lines (`looks_like_group`: «I. …», «Phần II …», «Nhóm câu hỏi …» first). Read
    as a group, such a question loses its page; a group read as a question stops the build,
    so a question word inside the words does not ask (session 41's review, H1). The web
    editor's paste has the twin (bantin-paste.js `groupLineAsks`, tests/test_qagroups.py)."""
    if question_like(text):
        return True
    words = split_heading(text)[0]
    return words_ask(words) and not looks_like_group(words)


def words_ask(text: str) -> bool:
    """The text's words end with a question's closing words (`ASKS_LAST`) or start with an
    asker's (`ASKS_FIRST`, not `NOT_ASKING_FIRST`), in any case, punctuation aside; the
    `_NOT_ASKING` phrases («bản sao», «hàng không») are no question word. One pass to the
    words, then a few comparisons at their two ends."""
    words = " " + " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower())) + " "
    for phrase in _NOT_ASKING:
        words = words.replace(f" {phrase} ", " - ")
    if words.endswith(tuple(f" {phrase} " for phrase in ASKS_LAST)):
        return True
    return (words.startswith(tuple(f" {phrase} " for phrase in ASKS_FIRST))
            and not words.startswith(tuple(f" {phrase} " for phrase in NOT_ASKING_FIRST)))
