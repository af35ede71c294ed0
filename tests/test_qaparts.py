"""A handbook read on from a heading (content/handbook/parts.py) is the handbook read whole (session 35).

The import of a run of questions reads each new handbook text from the last read's
second-to-last shared heading on. Any divergence from `handbook.reader.parse_questions` would let a
question through that the build does not read as one, or refuse a good one: these tests
append random questions (unclosed fences and HTML blocks, nested and misplaced questions,
bad, missing and intro-taken ids) and edit random lines, and compare with a whole read.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.content.handbook import parts
from bantin.content.handbook.headings import heading_lines
from bantin.content.handbook.reader import parse_questions
from bantin.content.handbook.swallowed import swallowed_questions
from bantin.problems import Problems

_LINES = st.sampled_from([
    "", "Trả lời thường.", "```", "~~~", "````", "``` python", "<details>", "</details>", "<div markdown=\"1\">",
    "</div>", "* ## Câu hỏi 9: lồng {#long}", "> ## Câu hỏi 8: trích {#trich}", "##Câu hỏi 7: thiếu cách",
    "# Câu hỏi 6: một dấu", "### Câu hỏi 5: ba dấu", "### Tiểu mục", "# Mở đầu {#a}", "<!-- ghi chú", "-->",
    "Căn cứ pháp lý: Điều 1.", "  <table>", "</table>", "## ", "## {#b}", "## Câu hỏi 3:",
    "**Câu hỏi 4: dán từ Word?**", "**Câu 5.** đậm", "**Lưu ý: không phải câu hỏi?**", "## Câu 5 {# a }",
    "## Câu 6 (#b)", "## Câu 7 {#Lệ phí}",
    # questions written as a paragraph or a numbered item (handbook.paragraphs.plain_question reads the lines around)
    "\nCâu hỏi 5: đoạn thường?\n", "\nCâu 6. đoạn?\n", "\n1. Câu hỏi: mục?\n", "\n5. Ông A hỏi: mục?\n",
    "\nA. Phương án", "\n    thụt lề"])
_IDS = st.sampled_from(["a", "b", "c", "con", "lunr", "Sai_Ma", "", "x" * 81, "d", "e"])


@st.composite
def _question(draw) -> str:
    qid = draw(_IDS)
    title = draw(st.sampled_from(["Câu hỏi 1: Hỏi gì?", "Hỏi tiếp", "Câu hỏi 2:", "  "]))
    heading = f"## {title} {{#{qid}}}" if qid else f"## {title}"
    return "\n".join([heading] + draw(st.lists(_LINES, max_size=6)))


@st.composite
def _handbook(draw) -> tuple[str, list[str]]:
    intro = draw(st.lists(_LINES, max_size=4))
    first = draw(st.lists(_question(), min_size=0, max_size=4))
    more = draw(st.lists(_question(), min_size=1, max_size=5))
    return "\n".join(intro + first) + draw(st.sampled_from(["", "\n", "\n\n"])), more


def _whole(body: str, body_line: int) -> tuple[tuple, int]:
    problems = Problems()
    return tuple(parse_questions("", body, body_line, problems)[1]), len(problems.errors)


def _same_as_whole(read: parts.Parse) -> None:
    assert (read.questions, read.errors) == _whole(read.body, read.body_line)
    assert read.headings == heading_lines(read.body)
    assert read.lines == len(read.body.split("\n"))
    assert read.swallowed() == swallowed_questions(read.body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_handbook(), st.integers(min_value=1, max_value=40))
def test_questions_appended_one_by_one_read_as_the_whole_text(handbook, body_line) -> None:
    body, appended = handbook
    read = parts.parse(body, body_line)
    _same_as_whole(read)
    for question in appended:
        body = body.rstrip("\n") + "\n\n" + question + "\n"  # as the importer appends
        read = parts.parse(body, body_line, read)
        _same_as_whole(read)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_handbook(), st.data())
def test_a_text_changed_anywhere_reads_as_the_whole_text(handbook, data) -> None:
    """A line of an earlier answer changed (the run's link-back), or any line, or the first
    line moved: what is read on is still what a whole read finds."""
    body, appended = handbook
    body = "\n\n".join([body] + appended)
    read = parts.parse(body, 3)
    lines = body.split("\n")
    at = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    lines[at] = data.draw(_LINES)
    changed = "\n".join(lines) + data.draw(st.sampled_from(["", "\n## Thêm {#f}\n", "```\n## Thêm {#g}"]))
    line = data.draw(st.sampled_from([3, 3, 4]))
    _same_as_whole(parts.parse(changed, line, read))


def test_an_appended_question_is_read_without_reading_the_handbook_whole(monkeypatch) -> None:
    """The point of the module: a run of 200 appended questions reads the whole text a few
    times, not once a question (before session 35, 2 whole reads a question)."""
    whole = []
    monkeypatch.setattr(parts, "parse_questions", lambda *args: whole.append(1) or parse_questions(*args))
    body = "Mở đầu.\n"
    read = None
    for number in range(200):
        body = body.rstrip("\n") + f"\n\n## Câu hỏi {number + 1}: Hỏi {number}? {{#cau-{number}}}\n\nĐáp.\n"
        read = parts.parse(body, 5, read)
    assert len(read.questions) == 200 and read.errors == 0
    assert len(whole) <= 2
