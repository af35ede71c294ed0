"""A heading two levels below the one before it is warned, with the line to type
(content/shape.py `_skipped_levels`; a guide editor's trial, session 55)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bantin.content.shape import _skipped_levels
from bantin.problems import Problems


def warned(body: str) -> list:
    problems = Problems()
    _skipped_levels(SimpleNamespace(src="huong-dan/a.md", body=body, body_line=10), problems)
    return problems.items


def test_a_skipped_level_is_warned_on_its_line_with_the_heading_to_type():
    [problem] = warned("## I. Khai sinh\n\nChữ.\n\n#### 1. Điều kiện\n\nChữ.")
    assert problem.line == 14 and problem.severity == "cảnh báo"
    assert "cấp 4 (`####`) ngay sau đề mục cấp 2: thiếu cấp 3" in problem.message
    assert "đổi `####` ở đầu dòng thành `###`" in problem.fix
    [problem] = warned("Mở đầu.\n\n### Mục nhỏ đầu tiên")  # under the page's title
    assert "ngay sau tiêu đề bài" in problem.message and "đổi `###` ở đầu dòng thành `##`" in problem.fix
    [problem] = warned("## A\n\n####Không dấu cách")  # a heading to Python-Markdown all the same
    assert problem.line == 12 and "thành `###`" in problem.fix


@pytest.mark.parametrize("body", [
    "## A\n\n### B\n\n#### C\n\n## D\n\n### E",  # one step down each time; up any number
    "## A\n\n### B\n\n#### C\n\n### D\n\n#### E",
    "# Nhóm một\n\n## Câu hỏi 1 {#c1}\n\n### Chi tiết\n\n# Nhóm hai\n\n## Câu hỏi 2 {#c2}",  # a handbook's groups
    "## A\n\n```\n#### trong khối mã\n```",
])
def test_headings_one_level_apart_are_not_warned(body):
    assert warned(body) == []
