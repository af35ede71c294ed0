"""Lines that read as a question the build does not make one: its page, short link and QR code lost.

A question heading inside a list item or a quote (`* ## …`), `##Câu hỏi 2` without its space,
`# Câu hỏi…` or `### Câu hỏi 4…`, a question pasted from Word in bold (`**Câu hỏi 4: …?**`):
errors, each has a mark that says "question". A paragraph that reads like one
(`paragraphs`) is a warning. `answer_line` writes such a line so that it stays an answer's
words (`bantin import --handbook`).
"""

from __future__ import annotations

import re

from bantin.content.handbook.asks import group_line_asks, question_like
from bantin.content.handbook.groups import GROUP
from bantin.content.handbook.headings import (
    ASKED, HEADING, NUMBER_PREFIX, PASTED_PREFIX, emphasis_mark, split_heading, unfenced, without_attributes,
)
from bantin.content.handbook.ids import VALID_ID, free_id, misread_id, new_id, paste_line, question_title
from bantin.content.handbook.paragraphs import paragraph_questions, separator_written
from bantin.problems import Problems, short

# A question heading written inside a list item or a quote (`* ## Câu hỏi 2: … {#…}`): Markdown
# makes it part of the previous answer, so no question. The web editor writes this when its
# block goes into a bullet (session 17).
_NESTED = re.compile(r"^[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*)+##(?!#)[ \t]+(.*)$")


def nested_questions(body: str) -> list[tuple[int, str]]:
    """(index, text) of question headings (with an `{#id}` or a "Câu hỏi" number) written
    inside a list item or a quote, outside fenced code: each is a question the site loses."""
    found = []
    for index, line in unfenced(body.split("\n")):
        if (match := _NESTED.match(line)):
            text = match.group(1).rstrip()
            if split_heading(text)[1] or NUMBER_PREFIX.match(text):
                found.append((index, text))
    return found


# What is wrong with a `# ` line between questions whose words ask (`group_line_asks`).
ASKS_AS_GROUP = ("kết thúc bằng từ để hỏi (như «gì», «thế nào», «ra sao», «không», «chưa») hay mở đầu bằng từ để hỏi "
                 "(như «Ai», «Tại sao», «Khi nào») mà bắt đầu bằng một dấu `#` (tên nhóm câu hỏi), không phải `## `")


def misplaced_questions(body: str) -> list[tuple[int, str, str]]:
    """(index, text, what is wrong) of lines outside fenced code that look like a question
    (an `{#id}` or a "Câu hỏi 3:" number) but are not a `## ` heading: `##Câu hỏi 2…` (Python-
    Markdown makes it a heading inside the previous answer), `# Câu hỏi…`, `### Câu hỏi 4…`,
    `**Câu hỏi 4: …?**` (`emphasised_question`). The text is the question without those
    marks. Errors: each has a mark that says "question" (`#`, bold around a number); a
    paragraph or numbered item that reads like one has none (`paragraph_questions`). After the
    first question, a `# ` line whose words ask (`group_line_asks`: «# ĐĂNG KÝ … GÌ») is one
    too (`ASKS_AS_GROUP`), which `group_lines` does not make a group (session 41)."""
    return [(index, text, wrong) for index, text, wrong, _ in _misplaced(body)]


def _misplaced(body: str) -> list[tuple[int, str, str, int]]:
    """`misplaced_questions` with the number of lines each takes: a bold question broken by a
    line break takes the lines of its words (`bold_question`), every other one its line."""
    found, asked = [], False
    lines = body.split("\n")
    for index, line in unfenced(lines):
        if emphasised_question(line) is not None:
            bold, taken = bold_question(lines, index)
            found.append((index, bold, "viết bằng chữ đậm (hay nghiêng), không phải tiêu đề `## `", taken))
            continue
        if HEADING.match(line):
            asked = True
            continue
        if not line.startswith("#"):
            continue
        marks = len(line) - len(line.lstrip("#"))
        text = line[marks:].strip()
        numbered = bool(NUMBER_PREFIX.match(text))
        if marks == 2 and text:
            found.append((index, text, "thiếu dấu cách sau `##`", 1))
        elif marks == 1 and text and (question_like(text) or (split_heading(text)[1] and not GROUP.match(line))):
            # a `# ` line that asks nothing is a group (`group_lines`)
            found.append((index, text, "bắt đầu bằng một dấu `#` (tiêu đề lớn), không phải `## `", 1))
        elif marks == 1 and asked and GROUP.match(line) and group_line_asks(text):
            found.append((index, text, ASKS_AS_GROUP, 1))
        elif marks > 2 and numbered:
            found.append((index, text, f"bắt đầu bằng `{'#' * marks}` (tiêu đề nhỏ trong câu trả lời), không phải `## `", 1))
    return found


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
    if len(line) - len(stripped) > 3 or not (mark := emphasis_mark(stripped)):
        return None
    rest = stripped[len(mark):]
    if rest[:1].isspace() or not PASTED_PREFIX.match(rest):
        return None
    close = rest.find(mark)  # none: bold over two lines (a soft line break), its second line is below
    question = (rest[:close] + rest[close + len(mark):] if close >= 0 else rest).strip()
    if not ASKED.match(rest) and not without_attributes(question).endswith("?"):
        return None  # «**Câu 1:** B. 12 tháng.»: a quiz's answer key, not a question (review F3)
    return question


# A bold question is read on over at most this many lines: a question runs over two or three,
# and the bound keeps the look-ahead linear (a line is read again by at most this many others).
BOLD_LINES_MAX = 12
# A line that starts a block of its own rather than going on with a paragraph.
_BLOCK_START = re.compile(r" {0,3}(?:#|>|[*+-][ \t]|\d{1,9}[.)][ \t]|```|~~~|<|=+[ \t]*$|-+[ \t]*$)")
_ASKER_END = re.compile(r"hỏi\s*:$", re.IGNORECASE)  # «Ông A (xã B) hỏi:»: the question is on the next line
# The first words of an answer, on the line below a bold question (a review of session 42's reading): «Trả lời:»,
# «Đáp:», «TL:» in any case with their colon (marks may close before it: `**Trả lời**:`); «Trả lời» capitalised,
# «Đáp» or «TL» without one only alone on the line. Not «trả lời …» in lower case, nor «Đáp ứng …», nor «Trả lời của
# UBND xã …» (a hostile review, session 43: a wrapped question's own words went to the answer): a question's words.
# Cases written out, never IGNORECASE: Python folds «i» with «ı» and «İ», JavaScript does not (the paste's twin).
_ANSWER_START = re.compile(r"(?:[Tt][Rr][Ảả]\s+[Ll][Ờờ][Ii]|[Đđ][Áá][Pp]|[Tt][Ll])[\s*_]*:"
                           r"|(?:Trả|TRẢ)\s+(?:lời|LỜI)[\s*_\\.]*\Z|(?:Đáp|ĐÁP|TL)[\s*_\\]*\Z")
_ANSWER_LEAD = re.compile(r"[\s*_\\]*")  # white space and marks before a line's words (a `\` escape too)
ANSWER_REACH = 64  # characters of a line's words read for a label: a label is short, and the paste reads as many


def bold_question(lines: list[str], index: int) -> tuple[str, int]:
    """(question, number of lines) of the bold question on `lines[index]` (`emphasised_question`),
    read on over the lines of its paragraph as the web editor's paste reads a pasted one
    (bantin-paste.js `questionWords`, outsider trial F10): a next line goes on with the question
    when the emphasis opened on the question's line is still open (`**Câu hỏi 2: … ly hôn.\\` ↵
    `Xin hỏi … ở đâu?**`, closed within the paragraph, else Markdown shows the marks and nothing
    is bold), when it is emphasised whole with the same mark and the words so far do not end with
    «?» (`**…ly hôn.**\\` ↵ `**Xin hỏi …?**`; `**…?**` ↵ `**Trả lời:**` is the answer's), or
    when the words so far end with an asker's «… hỏi:». A line break's `\\` or trailing spaces
    read as one space. Any other line ends the question, as before: the answer's first line; so
    does a line that starts with an answer's label (`answer_start`: «Trả lời:», «**Đáp:**»), even
    inside the open bold (`**…?\\` ↵ `Trả lời: …**`) or after a question with no «?»."""
    line = lines[index].lstrip(" ")
    mark = emphasis_mark(line)
    words = [emphasised_question(lines[index]) or ""]
    opened = line[len(mark):].find(mark) < 0
    if opened and _closing_line(lines, index, mark) is None:
        opened = False  # never closed: the marks show as written, the rest is no emphasis
        if not _ASKER_END.search(_unbroken(words[0])):
            return _unbroken(words[0]), 1
    count = 1
    while count < BOLD_LINES_MAX and index + count < len(lines):
        next_line = lines[index + count]
        if (not next_line.strip() or _BLOCK_START.match(next_line) or emphasised_question(next_line) is not None
                or answer_start(next_line)):
            break
        so_far = _unbroken(words[-1])  # the words so far end as their last line ends
        if opened:
            close = next_line.find(mark)
            opened = close < 0
            words.append(next_line if opened else next_line[:close] + next_line[close + len(mark):])
        elif (whole := _emphasised_whole(next_line, mark)) is not None and not so_far.endswith("?"):
            words.append(whole)
        elif _ASKER_END.search(so_far):
            words.append(_emphasised_whole(next_line, emphasis_mark(next_line.lstrip(" "))) or next_line)
        else:
            break
        count += 1
    return " ".join(_unbroken(part) for part in words if _unbroken(part)), count


def stray_close(lines: list[str], index: int, count: int) -> tuple[int, str] | None:
    """The line below a bold question (`count` lines from `index`, `bold_question`) that holds the
    mark closing the question's emphasis: `**…ở đâu?\\` ↵ `Trả lời: tại xã.**`. The fix writes
    the question's lines as a heading; that line's lone `**` would then show on the page (session
    43's left-over), so the fix names it too: (that line, the mark). None when the question's lines
    close their marks."""
    mark = emphasis_mark(lines[index].lstrip(" "))
    if not mark or sum(line.count(mark) for line in lines[index:index + count]) % 2 == 0:
        return None
    for below in range(index + count, min(index + count + BOLD_LINES_MAX, len(lines))):
        if not lines[below].strip() or _BLOCK_START.match(lines[below]):
            return None
        if lines[below].count(mark) % 2:
            return below, mark
    return None


def answer_start(line: str) -> bool:
    """Whether the words of `line` (white space, emphasis marks and `\\` before them aside) start with
    an answer's label (`_ANSWER_START`): the bold question above ends there, and the label is the
    answer's first words, never the question's nor its id's, whatever the marks or break around it.
    The twin of bantin-paste.js `answerStart`; only `ANSWER_REACH` characters read: linear."""
    start = _ANSWER_LEAD.match(line).end()
    return _ANSWER_START.match(line[start : start + ANSWER_REACH]) is not None


def _closing_line(lines: list[str], index: int, mark: str) -> int | None:
    """The index of the line within `BOLD_LINES_MAX` lines of the paragraph below `index` that
    closes the emphasis `mark` opened on `index`, or None."""
    for below in range(index + 1, min(index + BOLD_LINES_MAX, len(lines))):
        if not lines[below].strip() or _BLOCK_START.match(lines[below]):
            return None
        if mark in lines[below]:
            return below
    return None


def _emphasised_whole(line: str, mark: str) -> str | None:
    """The words of `line` when the emphasis `mark` wraps them all (an `{#id}` may follow), else None."""
    stripped = line.strip()
    if not mark or not stripped.startswith(mark) or emphasis_mark(stripped) != mark:
        return None
    rest = stripped[len(mark):]
    close = rest.find(mark)
    if close <= 0 or rest[:1].isspace():
        return None
    after = rest[close + len(mark):].strip()
    if after.rstrip("\\").strip() and not (after.startswith("{") and after.endswith("}")):
        return None
    return rest[:close] + (" " + after if after.startswith("{") else "")


def _unbroken(text: str) -> str:
    """A line's words without the hard line break at its end (`\\` or spaces), white space one space."""
    return " ".join(text.strip().removesuffix("\\").split())


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
        mark = emphasis_mark(stripped)
        opening, closing = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>")}.get(
            len(mark), ("<strong><em>", "</em></strong>"))
        rest = stripped[len(mark):]
        close = rest.find(mark)
        if close < 0:  # bold opened and never closed on this line: the marks show as they are
            return "\\" + "\\".join(mark) + rest
        return opening + rest[:close] + closing + rest[close + len(mark):]
    if not stripped.startswith("#"):  # a paragraph or list item (plain_question): its separator as an entity
        return separator_written(line)
    number = PASTED_PREFIX.match(text)
    if number is None:
        return f"**{text}**"
    words = text[number.end():].strip()
    return f"{text[:number.end()]} **{words}**" if words else text[:number.end()]


# The way out of a paragraph that reads like a question and is an answer's words (plain_question).
_AS_ANSWER = ("; nếu dòng này đúng là lời của câu trả lời (như một câu hỏi trắc nghiệm tự kiểm tra), không phải "
              "một câu hỏi mới: viết nó liền với đoạn văn ngay dưới, không để dòng trống giữa hai dòng")


def _as_group_fix(text: str) -> str:
    """The way out of a `# ` line that asks (`ASKS_AS_GROUP`) and is a group's name after all."""
    return (f"; nếu dòng này đúng là tên một nhóm câu hỏi, không phải câu hỏi: viết số thứ tự của nhóm ở đầu tên, ví "
            f"dụ `# I. {short(split_heading(text)[0], 200)}` (sau câu hỏi đầu tiên, dòng `# ` kết thúc hay mở đầu "
            "bằng từ để hỏi được đọc là một câu hỏi viết thiếu một dấu `#`)")


def _misplaced_fix(text: str, taken: set[str], lines: int = 1) -> str:
    """The line to write for a line that looks like a question; with only its number
    (`**Câu hỏi 9:**`, the words on the line below) the words go after it, on one line. A bold
    question over `lines` lines (`bold_question`) becomes that one line in place of them all."""
    if (number := PASTED_PREFIX.match(text)) and not text[number.end():].strip():
        return (f"viết lại dòng thành `## {short(text, 200)} <lời câu hỏi> {{#ma-cau-hoi}}`: chép lời câu hỏi ở dòng "
                "dưới lên sau số, cùng một dòng, và đặt mã ở cuối dòng (chữ thường không dấu, nối bằng `-`)")
    written = paste_line(text, _misplaced_id(text, taken))
    if lines > 1:
        return f"viết lại {lines} dòng của câu hỏi (từ dòng này) thành một dòng `{written}`"
    return f"viết lại dòng thành `{written}`"


def _stray_fix(lines: list[str], index: int, count: int, body_line: int) -> str:
    """The rest of a bold question's fix when the mark that closed it is on the answer's line."""
    if emphasised_question(lines[index]) is None or (stray := stray_close(lines, index, count)) is None:
        return ""
    below, mark = stray
    return (f"; rồi xóa dấu `{mark}` ở dòng {body_line + below} («{short(lines[below].strip(), 60)}»): dấu đó đóng "
            "phần in đậm mở ở câu hỏi, câu hỏi thành tiêu đề thì nó hiện nguyên trên trang")


def _misplaced_id(text: str, taken: set[str]) -> str:
    """The id of the line to write for a line that looks like a question: its own when the
    build would read it, else one made from its words (unique in its handbook)."""
    qid = split_heading(text)[1]
    if VALID_ID.fullmatch(qid):
        return qid
    written = misread_id(text)
    return free_id(written.meant, taken) if written else new_id(question_title(text), taken)


def report_nested_questions(src: str, body: str, body_line: int, problems: Problems) -> None:
    """An error for each question heading written inside a list item or a quote."""
    for index, text in nested_questions(body):
        problems.error(src, body_line + index, "", f"câu hỏi «{short(text)}» nằm trong một mục danh sách hay "
                       "trích dẫn (dòng bắt đầu bằng `*`, `-`, số hoặc `>` trước `##`), nên trang không coi là câu hỏi",
                       "xóa phần trước `## ` để dòng bắt đầu bằng `## `, và để một dòng trống trước và sau dòng đó "
                       "(trình biên tập web: bật công tắc Markdown để sửa)")


def report_misplaced(src: str, body: str, body_line: int, taken: set[str], problems: Problems) -> None:
    """An error for each line marked as a question that is none (`misplaced_questions`), then
    a warning for each paragraph that reads like one (`paragraph_questions`: no mark says
    "heading", it may be a quiz's item). `taken`: the handbook's ids, which a fix's new id avoids."""
    written = body.split("\n")
    for index, text, wrong, lines in _misplaced(body):
        problems.error(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, "
                       "nên trang coi nó là một phần câu trả lời phía trên: câu hỏi không có trang riêng, liên kết "
                       "ngắn và mã QR",
                       _misplaced_fix(text, taken, lines) + (_as_group_fix(text) if wrong == ASKS_AS_GROUP else "")
                       + _stray_fix(written, index, lines, body_line))
    for index, text, wrong in paragraph_questions(body):
        problems.warn(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, nên "
                      "trang coi nó là một phần câu trả lời phía trên: nếu là câu hỏi, nó không có trang riêng, liên "
                      "kết ngắn và mã QR", "nếu là câu hỏi mới: " + _misplaced_fix(text, taken) + _AS_ANSWER)
