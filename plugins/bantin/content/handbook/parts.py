"""A handbook body read as the build reads it, kept in parts, re-read from a heading on (session 35).

`bantin import --handbook` appends one question at a time and checks each new text as the
build reads it (`reader.parse_questions`: one question more, no new error). Read whole each
time, a run of N questions read N handbooks growing to N questions: 1,500 questions took
139 s. A `Parse` keeps, per question, what the full read found in its lines; the next text,
which begins as the kept one did up to some heading (an appended question; a link of the
run's last answer made final), is read from the heading before that one on.

Why that equals the full read (`parse_questions`), part by part:

- `unfenced` is a line scanner whose only state is the fence open; a `## ` heading is a
  line it yields, so the state before any heading line is "no fence". Scanning the text
  from the start of a heading line alone therefore yields what the whole scan yields from
  there, indices shifted: so do `heading_lines`, `nested_questions` and
  `misplaced_questions`, which are that scan plus a test of each line on its own.
- Every error of the full read is one of: a nested or misplaced line (at its line), a
  heading's own (`reader.read_question`: its text and number only), an intro heading naming a
  question's id (the intro's lines, and the set of ids), or "no question" (no heading).
  So its count is the intro's errors + each part's (its heading's and its lines') + the
  intro's id errors counted anew against the new ids; "no question" is never the case here
  (a kept heading is kept).
- A question depends on its heading, its number and its lines up to the next heading.
  Parts wholly before the resumption point `j` keep their lines, their number and their next
  heading (heading `j`, unchanged and still a heading): they are kept as they were. The
  parts from `j` on are read anew from the text.
- The intro ends at the first heading; the resumption is never before it (`j` is a kept
  part), so the intro is the one kept.
- A group (`# ` line, session 40) ends the answer above it and names the group of every
  question after it, up to the next: a question depends on lines above its own part. A
  text with a group line anywhere (kept parts, or the text read anew) is read whole; the
  importer, whose handbooks have none, keeps its resumed reads.
- Raw HTML swallowing a heading (`rawblocks`) is read only when some line outside fenced
  code starts with a tag; whether one does is kept per part, and with none the answer is
  "nothing swallowed" without rendering, as `swallowed_questions` answers.

Only the count of errors and the questions are kept (what the import compares): a text read
this way gives no messages; the build and `bantin check` read whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bantin.content.model import Question
from bantin.content.handbook.reader import parse_questions, read_question
from bantin.content.handbook.groups import group_lines, nested_groups
from bantin.content.handbook.headings import display_title, heading_lines, intro_heading_ids, split_heading, unfenced
from bantin.content.handbook.ids import TakenIds
from bantin.content.handbook.misplaced import misplaced_questions, nested_questions
from bantin.content.handbook.swallowed import swallowed_questions
from bantin.content.rawblocks import starts_with_tag
from bantin.problems import Problems

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Part:
    """One `## ` heading and its lines up to the next: where it starts (`offset` in the body,
    line `index`), its text, id and question words (spaces collapsed, number left out: how
    the importer compares questions), the errors found in its lines, its question (None when
    the build refuses its id), and whether a line of it outside fenced code starts with a tag."""

    offset: int
    index: int
    text: str
    qid: str
    words: str
    errors: int
    question: Question | None
    tags: bool
    groups: bool = False  # a group line (`# `) is among its lines: read whole from then on


@dataclass(frozen=True)
class Parse:
    """A body as the build reads it: its questions, the number of errors, its parts."""

    body: str
    body_line: int
    parts: tuple[Part, ...]
    lines: int  # of the body (`body.split("\n")`)
    intro_errors: int  # nested or misplaced lines of the intro
    intro_ids: tuple[str, ...]  # the `{#id}` of each intro heading that has one
    intro_tags: bool
    questions: tuple[Question, ...]
    errors: int

    @property
    def headings(self) -> list[tuple[int, str]]:
        """What `headings.heading_lines(body)` gives."""
        return [(part.index, part.text) for part in self.parts]

    def swallowed(self) -> list[tuple[int, str, tuple[int, str] | None]]:
        """What `swallowed.swallowed_questions(body)` gives: rendered only when a line starts with a tag."""
        if not self.intro_tags and not any(part.tags for part in self.parts):
            return []
        return swallowed_questions(self.body)


def parse(body: str, body_line: int, kept: Parse | None = None) -> Parse:
    """The body read as the build reads it; from `kept` on when it begins as `kept` did."""
    if kept is not None and kept.body == body and kept.body_line == body_line:
        return kept
    resumed = _resumed(kept, body, body_line) if kept is not None else None
    return resumed if resumed is not None else full(body, body_line)


def full(body: str, body_line: int) -> Parse:
    """The whole body read: questions and errors from `parse_questions` itself."""
    problems = Problems()
    questions = parse_questions("", body, body_line, problems)[1]
    lines = body.split("\n")
    headings = heading_lines(body)
    first = headings[0][0] if headings else len(lines)
    intro = lines[:first]
    offsets = _line_offsets(body, [index for index, _ in headings])
    parts = _parts(body, 0, 0, len(lines), headings, offsets, 1, body_line)
    if group_lines("\n".join(intro)):  # never resumed from (`_resumed`): the first part says so
        parts = tuple(replace(part, groups=True) for part in parts[:1]) + parts[1:]
    return Parse(body, body_line, parts, len(lines), _line_errors("\n".join(intro)),
                 tuple(qid for _, qid in intro_heading_ids(intro)), _has_tag(intro), tuple(questions),
                 len(problems.errors))


def _resumed(kept: Parse, body: str, body_line: int) -> Parse | None:
    """The body read from the part before the last heading `kept` shares with it, or None
    when it shares less than two headings (then it is read whole)."""
    if kept.body_line != body_line or len(kept.parts) < 2:
        return None
    same = _common_prefix(kept.body, body)
    shared = [n for n, part in enumerate(kept.parts) if part.offset <= same]
    if len(shared) < 2:
        return None
    resume = shared[-1] - 1  # its heading line and every line above it are unchanged
    if any(part.groups for part in kept.parts[: resume + 1]):
        return None
    start = kept.parts[resume]
    tail = body[start.offset:]
    tail_lines = tail.split("\n")
    headings = [(start.index + index, text) for index, text in heading_lines(tail)]
    offsets = [start.offset + at for at in _line_offsets(tail, [index - start.index for index, _ in headings])]
    count = start.index + len(tail_lines)
    parts = kept.parts[:resume] + _parts(tail, start.offset, start.index, count, headings, offsets, resume + 1,
                                         body_line)
    if any(part.groups for part in parts[resume:]):
        return None
    questions = tuple(part.question for part in parts if part.question is not None)
    ids = {question.id for question in questions}
    errors = kept.intro_errors + sum(part.errors for part in parts) + sum(qid in ids for qid in kept.intro_ids)
    return Parse(body, body_line, parts, count, kept.intro_errors, kept.intro_ids, kept.intro_tags, questions, errors)


def _parts(text: str, offset: int, first_index: int, count: int, headings: list[tuple[int, str]],
           offsets: list[int], number: int, body_line: int) -> tuple[Part, ...]:
    """The parts of `headings` (indices in the body) of `text`, the body from `offset` (line
    `first_index`) to its end (`count` lines in all), numbered from `number`."""
    lines = text.split("\n")
    taken = TakenIds()  # the ids a missing id's message avoids: the message is not kept, only its count
    parts = []
    for n, (index, heading) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else count
        own = lines[index - first_index : end - first_index]
        problems = Problems()
        groups = bool(group_lines("\n".join(own[1:])))
        question = read_question("", own[1:], index, heading, number + n, body_line, taken, problems)
        title, qid = split_heading(heading)
        parts.append(Part(offsets[n], index, heading, qid, " ".join(display_title(title).split()),
                          len(problems.errors) + _line_errors("\n".join(own)), question, _has_tag(own), groups))
    return tuple(parts)


def _line_errors(text: str) -> int:
    """Errors of lines that look like a question and are none (nested, misplaced) in `text`,
    read from a line outside fenced code (a heading's, or the body's first)."""
    return len(nested_questions(text)) + len(nested_groups(text)) + len(misplaced_questions(text))


def _has_tag(lines: list[str]) -> bool:
    return any(starts_with_tag(line) for _, line in unfenced(lines))


def _line_offsets(text: str, indices: list[int]) -> list[int]:
    """Where lines `indices` (ascending) of `text` start."""
    found, at, line = [], 0, 0
    for index in indices:
        while line < index:
            at = text.index("\n", at) + 1
            line += 1
        found.append(at)
    return found


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of two texts, compared a block at a time."""
    limit = min(len(a), len(b))
    at = 0
    while at < limit and a[at : at + _CHUNK] == b[at : at + _CHUNK]:
        at += _CHUNK
    if at >= limit:
        return limit
    low, high = at, min(at + _CHUNK, limit)  # a[:low] == b[:low]; they differ before `high`
    while high - low > 1:
        middle = (low + high) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    return low if a[low] != b[low] else high
