"""Points a), b), c) under a sentence with no blank line run together on the page: warned
(content/points.py; a guide editor's trial, session 55). A numbered list keeps the number it
starts with (convert/liststart.py): steps 3 and 4 after a paragraph were published as 1 and 2."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
from sitekit import build, read, write_site

from bantin.content.points import report_points
from bantin.problems import Problems


def warned(body: str) -> list:
    problems = Problems()
    report_points(SimpleNamespace(src="huong-dan/a.md", body=body, body_line=10), problems)
    return problems.items


@pytest.mark.parametrize("body, line, point", [
    ("Hồ sơ gồm:\na) Tờ khai;\nb) Giấy chứng sinh.", 11, "a)"),
    ("Hồ sơ gồm:\n\na) Tờ khai;\nb) Giấy chứng sinh.", 13, "b)"),  # a) starts the paragraph; b) runs on
    ("2. Công chức kiểm tra hồ sơ:\n   a) Nếu đủ thì nhận;\n   b) Nếu thiếu thì hướng dẫn.", 11, "a)"),
    ("Các trường hợp:\nđ) Trường hợp khác.", 11, "đ)"),
    ("Các điểm:\niv) Điểm thứ tư.", 11, "iv)"),
])
def test_a_point_under_a_line_is_warned_once_a_paragraph_on_its_line(body, line, point):
    [problem] = warned(body)
    assert problem.severity == "cảnh báo" and problem.line == line and problem.path == "huong-dan/a.md"
    assert f"điểm «{point}»" in problem.message and "một đoạn liền" in problem.message
    assert "một dòng trống trước mỗi điểm" in problem.fix


def test_points_without_a_colon_before_them_are_still_a_list():
    """Two points that start lines are a list whatever the line above ends with."""
    [problem] = warned("Hồ sơ gồm\na) Tờ khai;\nb) Giấy chứng sinh.")
    assert problem.line == 11 and "điểm «a)»" in problem.message


def test_a_point_in_a_step_is_told_to_be_indented_four_spaces():
    [problem] = warned("1. Nộp hồ sơ.\n2. Kiểm tra:\na) Đủ thì nhận.")
    assert "lùi nó vào 4 dấu cách" in problem.fix
    [problem] = warned("Hồ sơ gồm:\na) Tờ khai.")
    assert "4 dấu cách" not in problem.fix


def test_each_paragraph_gets_its_own_warning():
    assert [p.line for p in warned("Hồ sơ gồm:\na) Tờ khai;\nb) Giấy.\n\nLệ phí:\na) Miễn;\nb) Giảm.")] == [11, 15]
    # a heading or a list's next item starts another paragraph, with no blank line (hostile review)
    assert [p.line for p in warned("Đoạn:\na) x\n## Câu hỏi 2 {#q2}\nTrả lời:\na) y")] == [11, 14]
    assert [p.line for p in warned("1. Bước một:\na) x\n2. Bước hai:\na) y")] == [11, 13]


def test_a_point_after_word_s_no_break_space_is_a_point():
    [problem] = warned("Điều 5:\na)\u00a0hồ sơ")
    assert problem.line == 11


@pytest.mark.parametrize("body", [
    "Hồ sơ gồm:\n\na) Tờ khai;\n\nb) Giấy chứng sinh.",  # each point a paragraph: the fix
    "Hồ sơ gồm:  \na) Tờ khai;  \nb) Giấy.",  # Markdown's line break (two spaces) before each
    "### Hồ sơ\na) Tờ khai.",  # under a heading: a paragraph of its own
    "| a | b |\n|---|---|\n| 1 | 2 |\na) x",  # under a table row: not read as one paragraph here
    "Xem A)\nB) không phải điểm.\n1) số\nTheo a. điểm",  # capital letters, numbers, «a.»: ordinary prose
    "```\nHồ sơ:\na) Tờ khai.\n```",  # code is shown as written
    "Câu hỏi (a)\nvà (b) trong ngoặc.",
    "Văn bản:\nabc) không phải điểm.",
    "Điểm | Nội dung\n---|---\na) | hồ sơ",  # a table without outer pipes (hostile review)
    "Nội dung\n[a]: https://example.org\na) một",  # a link's definition is no text of the paragraph
    # hand-wrapped prose whose line happens to start with a point: the sentence goes on (hostile review)
    "Việc hòa giải thực hiện theo quy định tại\na) khoản 1 Điều 5 của Luật và hướng dẫn\ncủa Bộ Tư pháp.",
])
def test_what_is_not_a_run_on_point_is_not_warned(body):
    assert warned(body) == []


def test_the_fix_the_warning_gives_renders_each_point_on_its_own():
    fixed = markdown.markdown("2. Kiểm tra hồ sơ:\n\n    a) Đủ thì nhận;\n\n    b) Thiếu thì hướng dẫn.\n\n3. Trả kết quả.",
                              extensions=["bantin.convert.liststart"])
    assert "<p>a) Đủ thì nhận;</p>\n<p>b) Thiếu thì hướng dẫn.</p>\n</li>" in fixed
    assert warned("2. Kiểm tra hồ sơ:\n\n    a) Đủ thì nhận;\n\n    b) Thiếu thì hướng dẫn.\n\n3. Trả kết quả.") == []


GUIDE = """---
title: Hướng dẫn đăng ký khai sinh
date: 2024-05-01
category: cai-cach-hanh-chinh
---

Các bước:

1. Nộp tờ khai.
2. Kiểm tra hồ sơ.

Nếu hồ sơ đủ, công chức ghi vào sổ:

3. Trả kết quả.
4. Lưu sổ.

Hồ sơ gồm:
a) Tờ khai;
b) Giấy chứng sinh.
"""


def test_a_built_guide_keeps_step_three_and_says_where_points_run_together(tmp_path):
    root = write_site(tmp_path, {"huong-dan/khai-sinh.md": GUIDE})
    done = build(root)
    page = read(root, "huong-dan/huong-dan-dang-ky-khai-sinh/index.html")
    assert "<ol>\n<li>Nộp tờ khai.</li>" in page and '<ol start="3">\n<li>Trả kết quả.</li>' in page
    assert "huong-dan/khai-sinh.md:18" in done.stdout and "điểm «a)»" in done.stdout
