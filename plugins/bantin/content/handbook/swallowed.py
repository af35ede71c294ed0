"""Questions swallowed by raw HTML left open above them (`<details>`, `<div>`…): a warning.

Python-Markdown reads an unclosed block-level tag at a line's start as raw HTML to the end,
and the question after it reaches the handbook page as text with no anchor (`rawblocks`).
"""

from __future__ import annotations

from bantin.content.handbook.headings import heading_lines, split_heading, unfenced
from bantin.content.handbook.ids import VALID_ID
from bantin.content.rawblocks import open_blocks, rendered_h2_ids
from bantin.problems import Problems, short

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


def report_swallowed(src: str, body: str, body_line: int, problems: Problems) -> None:
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
