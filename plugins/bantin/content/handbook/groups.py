"""Groups of questions: the `# ` lines of a handbook (session 40), `# I. NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ`.

Which `# ` lines are groups (`group_lines`, `handbook_groups`: not a question written with
one `#`, not the handbook's own title nor its intro's heading), the group each question is
in, the group's anchor on the handbook page, and the problems of groups (nested in a list,
an id taken, no question). Whether a line's words ask is `asks`'.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from markdown.extensions.toc import unique

from bantin.content.anchors import heading_id, reserved_id
from bantin.content.model import Group
from bantin.content.handbook.asks import group_line_asks, question_like
from bantin.content.handbook.headings import HEADING, split_heading, unfenced
from bantin.content.handbook.ids import VALID_ID
from bantin.problems import Problems, short
from bantin.text.plain import heading_text

# A group of questions (session 40): `# I. NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ`, a level-1 heading line.
GROUP = re.compile(r"^#(?!#)[ \t]+(.*)$")
# A `# ` group line inside a list item or a quote: Markdown makes it a heading of the answer above.
_NESTED_GROUP = re.compile(r"^[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*)+#(?!#)[ \t]+(.*)$")
_TOKEN = re.compile(r"[^\W_]+")  # a word or a number


def group_lines(body: str, title: str = "") -> list[tuple[int, str]]:
    """(index, text) of the `# ` lines outside fenced code that are groups of questions
    (session 40): neither a question written with one `#` (`misplaced_questions` names it) nor
    the handbook's own `title:` written again at the top (`shape` says to delete that line:
    read as a group, every question would be in a group named as the handbook). After the
    first question a line whose words ask (`group_line_asks`) is a question too (session 41);
    before it, such a line may be the intro's heading, which `handbook_groups` decides on."""
    if "#" not in body:
        return []
    own = title.strip().casefold()
    found, asked = [], False
    for index, line in unfenced(body.split("\n")):
        asked = asked or bool(HEADING.match(line))
        if (match := GROUP.match(line)) and (text := match.group(1).strip()) and not question_like(text) and not (
                asked and group_line_asks(text)):
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
            if (match := _NESTED_GROUP.match(line)) and (text := match.group(1).strip()) and not question_like(text)]


def read_groups(src: str, lines: list[str], group_at: list[tuple[int, str]], stops: list[int], body_line: int,
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
        shown = group_title(words)
        gid = (own if own not in used else unique(own, used)) if own else group_anchor(shown or words, used)
        used.add(gid)
        end = stops[bisect_right(stops, index)]
        groups.append(Group(gid, shown, "\n".join(lines[index + 1 : end]).strip("\n"), line,
                            "" if shown == words else words, bool(own)))
    return tuple(groups)


def group_title(words: str) -> str:
    """A group's name as text, for its questions' pages and the printed handbook, which print
    it escaped: what the handbook page's heading shows, its inline Markdown rendered and its
    raw HTML's tags dropped (`<b>II.</b> THỦ TỤC` is «II. THỦ TỤC»: shown as written, the tags
    read as text there, session 41). "" when it shows nothing (`<script>…</script>` alone, which
    the sanitiser removes from the handbook page and warns of): no name printed."""
    shown = heading_text(words)
    return shown if shown or "<" in words else words


def group_anchor(title: str, used: set[str]) -> str:
    """The anchor of a group without its own `{#id}`: its title's slug as the page's other
    headings get theirs (`anchors.heading_id`), `_1`, `_2`… when the page has it already."""
    return unique(heading_id(title), used)


def question_groups(questions: list[int], group_at: list[tuple[int, str]], by_line: dict[int, Group],
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


def report_empty_groups(src: str, groups: tuple[Group, ...], headings: list[tuple[int, str]], body_line: int,
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


def report_nested_groups(src: str, body: str, body_line: int, problems: Problems) -> None:
    """An error for each group line written inside a list item or a quote (`nested_groups`)."""
    for index, text in nested_groups(body):
        problems.error(src, body_line + index, "", f"tên nhóm câu hỏi «{short(text)}» nằm trong một mục danh sách hay "
                       "trích dẫn (dòng bắt đầu bằng `*`, `-`, số hoặc `>` trước `#`), nên trang không coi là nhóm: nó "
                       "thành một tiêu đề lớn giữa câu trả lời phía trên",
                       "xóa phần trước `# ` để dòng bắt đầu bằng `# `, và để một dòng trống trước và sau dòng đó "
                       "(trình biên tập web: bật công tắc Markdown để sửa)")
