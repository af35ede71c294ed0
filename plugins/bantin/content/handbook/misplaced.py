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
    found, asked = [], False
    for index, line in unfenced(body.split("\n")):
        if (bold := emphasised_question(line)) is not None:
            found.append((index, bold, "viết bằng chữ đậm (hay nghiêng), không phải tiêu đề `## `"))
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
            found.append((index, text, "thiếu dấu cách sau `##`"))
        elif marks == 1 and text and (question_like(text) or (split_heading(text)[1] and not GROUP.match(line))):
            # a `# ` line that asks nothing is a group (`group_lines`)
            found.append((index, text, "bắt đầu bằng một dấu `#` (tiêu đề lớn), không phải `## `"))
        elif marks == 1 and asked and GROUP.match(line) and group_line_asks(text):
            found.append((index, text, ASKS_AS_GROUP))
        elif marks > 2 and numbered:
            found.append((index, text, f"bắt đầu bằng `{'#' * marks}` (tiêu đề nhỏ trong câu trả lời), không phải `## `"))
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


def _misplaced_fix(text: str, taken: set[str]) -> str:
    """The line to write for a line that looks like a question; with only its number
    (`**Câu hỏi 9:**`, the words on the line below) the words go after it, on one line."""
    if (number := PASTED_PREFIX.match(text)) and not text[number.end():].strip():
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
    for index, text, wrong in misplaced_questions(body):
        problems.error(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, "
                       "nên trang coi nó là một phần câu trả lời phía trên: câu hỏi không có trang riêng, liên kết "
                       "ngắn và mã QR", _misplaced_fix(text, taken) + (_as_group_fix(text) if wrong == ASKS_AS_GROUP else ""))
    for index, text, wrong in paragraph_questions(body):
        problems.warn(src, body_line + index, "", f"dòng «{short(text)}» giống một câu hỏi nhưng {wrong}, nên "
                      "trang coi nó là một phần câu trả lời phía trên: nếu là câu hỏi, nó không có trang riêng, liên "
                      "kết ngắn và mã QR", "nếu là câu hỏi mới: " + _misplaced_fix(text, taken) + _AS_ANSWER)
