"""Hỏi - Đáp handbooks: every `## ` heading is a question with a permanent id (DESIGN §3).

The id, not the position or wording, is the question's address, so trainers' printed links
survive reordering and retitling. A missing id is an error; `bantin ids` fills them in.

This module reads a handbook body into its intro, questions and groups (`parse_handbook`),
reporting what is wrong. The rules it applies live one concern per module of this package
(its `__init__` lists them); callers import each name from the module that holds it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import NamedTuple

from bantin.content import capitals
from bantin.content.handbook.groups import (
    group_lines, handbook_groups, question_groups, read_groups, report_empty_groups, report_nested_groups,
)
from bantin.content.handbook.headings import display_title, heading_lines, intro_heading_ids, split_heading
from bantin.content.handbook.idproblems import refused_id, warn_stray_words
from bantin.content.handbook.ids import TakenIds
from bantin.content.handbook.legalbasis import mark_legal_basis
from bantin.content.handbook.misplaced import report_misplaced, report_nested_questions
from bantin.content.handbook.swallowed import report_swallowed
from bantin.content.model import Group, Question
from bantin.content.plaintext import TITLE_LONG
from bantin.problems import Problems, short
from bantin.text.plain import inline_text

# A question is its own page's title, a line of the handbook's contents and of «Câu sau»: as long
# as a title may be (a trainer's 369-character question flooded all three; session 54).
QUESTION_LONG = TITLE_LONG


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
    report_nested_questions(src, body, body_line, problems)
    report_nested_groups(src, body, body_line, problems)
    headings = heading_lines(body)
    taken = TakenIds({split_heading(text)[1] for _, text in headings} - {""})  # ids made in one count each
    report_misplaced(src, body, body_line, taken, problems)
    if not headings:
        problems.error(src, body_line, "", "sổ tay Hỏi - Đáp chưa có câu hỏi nào",
                       "mỗi câu hỏi là một dòng bắt đầu bằng `## `, ví dụ `## Câu hỏi 1: … {#ma-cau-hoi}`")
        return Handbook(body, (), ())
    report_swallowed(src, body, body_line, problems)
    group_at = handbook_groups(group_lines(body, title), [index for index, _ in headings], title)
    stops = sorted([index for index, _ in headings] + [index for index, _ in group_at]) + [len(lines)]
    groups = read_groups(src, lines, group_at, stops, body_line, taken, problems)
    by_line = {group.line: group for group in groups}
    in_groups = question_groups([index for index, _ in headings], group_at, by_line, body_line)
    questions = _read_questions(src, lines, headings, stops, in_groups, body_line, taken, problems)
    _intro_ids(src, lines[: stops[0]], body_line, {q.id: q.line for q in questions}, problems)
    report_empty_groups(src, groups, headings, body_line, problems)
    return Handbook("\n".join(lines[: stops[0]]).strip("\n"), tuple(questions), groups)


def _read_questions(src: str, lines: list[str], headings: list[tuple[int, str]], stops: list[int],
                    in_groups: list[Group | None], body_line: int, taken: set[str],
                    problems: Problems) -> list[Question]:
    """The questions of `headings`, each answered by its lines up to the next stop (question
    or group line), in its group (`in_groups`, one per heading); numbered in the handbook's
    order across groups, so a question keeps the number it had before groups were read."""
    questions = []
    for number, (index, text) in enumerate(headings, start=1):
        end = stops[bisect_right(stops, index)]
        question = read_question(src, lines[index + 1 : end], index, text, number, body_line, taken, problems)
        if question is not None:
            if (group := in_groups[number - 1]) is not None:
                question = replace(question, group=group.id, group_title=group.title)
            questions.append(question)
    return questions


def read_question(src: str, answer_lines: list[str], index: int, text: str, number: int, body_line: int,
                  taken: set[str], problems: Problems) -> Question | None:
    """The question of the heading `text` (line `index` of the body, the `number`th heading)
    with the lines up to the next heading as its answer, or None when its id is missing or
    one the build refuses (reported). Depends on those lines alone: what
    `parts` relies on to re-read a handbook from one of its headings on."""
    title, qid = split_heading(text)
    line = body_line + index
    if refused_id(src, line, text, taken, problems):
        return None
    if not display_title(title):
        problems.error(src, line, "", "câu hỏi không có chữ (chỉ có mã hoặc số thứ tự)",
                       f"viết câu hỏi trước mã, ví dụ `## Câu hỏi {number}: … ? {{#{qid}}}`")
        return None
    warn_stray_words(src, line, text, qid, taken, problems)
    answer, basis = mark_legal_basis("\n".join(answer_lines).strip("\n"))
    if not answer.strip():
        problems.warn(src, line, "", f"câu hỏi «{short(title)}» chưa có câu trả lời: trang của nó sẽ trống",
                      "viết câu trả lời ở các dòng dưới câu hỏi, trước câu hỏi tiếp theo")
    written = display_title(title)
    shouted = capitals.problem("câu hỏi", written, lambda: f"## {capitals.as_sentence(title)} {{#{qid}}}")
    if shouted:
        problems.warn(src, line, "", *shouted)
    words = inline_text(written)
    shown = words or written  # a heading that is only a picture: its Markdown
    if len(words) > QUESTION_LONG:  # its words: a picture's Markdown is no question to shorten
        problems.warn(src, line, "", f"câu hỏi dài {len(words)} ký tự (quá {QUESTION_LONG}): nó là tiêu đề trang riêng "
                      "của câu hỏi, một dòng của mục lục sổ tay và của liên kết «Câu sau», và được in to ở đầu tờ in",
                      "rút câu hỏi còn một câu ngắn nêu điều người dân hỏi; đưa hoàn cảnh của người hỏi (tuổi, "
                      "nghề, chuyện đã xảy ra) xuống đoạn đầu của câu trả lời")
    return Question(qid, shown, number, answer, line, basis, "" if shown == written else written)


def _intro_ids(src: str, intro: list[str], body_line: int, ids: dict[str, int], problems: Problems) -> None:
    """A heading of the intro with a question's `{#id}`: two elements with one id on the handbook
    and its printout, and the question's link lands on the heading."""
    for index, qid in intro_heading_ids(intro):
        if qid in ids:
            problems.error(src, body_line + index, "", f"đề mục phần mở đầu dùng mã `{{#{qid}}}` của câu hỏi ở dòng "
                           f"{ids[qid]}: liên kết tới câu hỏi sẽ dẫn tới đề mục này",
                           "đổi hoặc xóa mã `{#…}` ở cuối đề mục này")
