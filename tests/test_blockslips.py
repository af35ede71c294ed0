"""Tables and note boxes the page shows otherwise than written are warned of, with the line to
type (content/blockslips.py; a guide editor's trial, session 55). Each case is rendered by
Python-Markdown too, so the warning's claim and its fix are checked, not assumed."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest

from bantin.content.blockslips import report_block_slips
from bantin.problems import Problems

EXTENSIONS = ["tables", "admonition", "bantin.convert.liststart"]


def warned(body: str) -> list:
    problems = Problems()
    report_block_slips(SimpleNamespace(src="huong-dan/a.md", body=body, body_line=10), problems)
    return problems.items


def html(body: str) -> str:
    return markdown.markdown(body, extensions=EXTENSIONS)


@pytest.mark.parametrize("header, dashes, fix", [
    ("| Cột A | Cột B | Cột C |", "|---|---|", "`| --- | --- | --- |`"),
    ("| Cột A | Cột B |", "|---|---|---|", "`| --- | --- |`"),
    ("Cột A | Cột B | Cột C", "--- | ---", "`--- | --- | ---`"),  # no outer pipes: none in the fix
    ("Cột A | Cột B", "|---|---|", "`--- | ---`"),  # outer pipes under a header without: four cells
    ("| Lệ phí | Ghi chú \\| miễn |", "| :-- |", "`| --- | --- |`"),
])
def test_a_table_whose_dashes_do_not_match_its_header_is_warned_with_the_line_to_type(header, dashes, fix):
    body = f"{header}\n{dashes}\n| 1 | 2 | 3 |"
    assert "<table>" not in html(body)  # what the warning says: no table
    [problem] = warned(body)
    assert problem.line == 10 and problem.severity == "cảnh báo" and "không hiện thành bảng" in problem.message
    assert fix in problem.fix and "dòng 11" in problem.fix
    mended = body.replace(dashes, fix.strip("`"))
    assert "<table>" in html(mended) and warned(mended) == []


@pytest.mark.parametrize("body", [
    "| A | B |\n|---|---|\n| 1 | 2 |",
    "| A | B |\n| :-- | --: |",
    "| A | B\n|---|---|\n| 1 | 2 |",  # one outer pipe: both go, on every row (hostile review)
    "A | B |\n|---|---|\n| 1 | 2 |",
    "## Bảng lệ phí\n| A | B |\n|---|---|",  # under a heading: a block of its own
    "| Một cột |\n|---|",  # one column: Python-Markdown's own rule
    "a | b\n---",  # a heading underlined, not a table
    "| `a|b` | c |\n|---|---|",  # a pipe in a code span is no cell (outside_code blanks the span)
    "```\n| A | B | C |\n|---|---|\n```",
])
def test_tables_as_python_markdown_reads_them_are_not_warned(body):
    assert warned(body) == []


@pytest.mark.parametrize("body, line, indent", [
    ('!!! note "Lưu ý"\n  Thụt lề hai dấu cách.', 11, 2),
    ('!!! warning "Thời hạn"\nTrong 60 ngày kể từ ngày sinh.', 11, 0),
    ('!!! note "Lưu ý"\n\n   Ba dấu cách sau dòng trống.', 12, 3),
])
def test_a_note_s_text_indented_less_than_four_spaces_is_warned(body, line, indent):
    shown = html(body)
    assert '<p class="admonition-title">' in shown and shown.index("</div>") < shown.index("<p>", shown.index("admonition-title") + 20)
    [problem] = warned(body)
    assert problem.line == line and f"lùi vào {indent} dấu cách" in problem.message and "4 dấu cách" in problem.fix


@pytest.mark.parametrize("body", [
    '!!! note "Lưu ý"\n    Bốn dấu cách.',
    '!!! note "Lưu ý"\n\tMột phím Tab.',
    '!!! warning "Văn bản đã hết hiệu lực"\n\nĐoạn văn thường sau khung chỉ có tên.',
    '!!! note "Lưu ý"',
])
def test_notes_written_as_the_guide_says_are_not_warned(body):
    assert warned(body) == []


@pytest.mark.parametrize("line, shown, fix", [
    ("!!! Lưu ý", "Lưu", '`!!! note "Lưu ý"`'),
    ("!!! note", "Note", '`!!! note "Lưu ý"`'),
    ("!!! warning", "Warning", '`!!! warning "Lưu ý"`'),
])
def test_a_note_without_a_quoted_title_is_told_the_title_it_shows(line, shown, fix):
    body = f"{line}\n    Nội dung."
    assert f'<p class="admonition-title">{shown}</p>' in html(body)
    [problem] = warned(body)
    assert problem.line == 10 and f"khung hiện tên «{shown}»" in problem.message and fix in problem.fix
    mended = fix.strip("`") + "\n    Nội dung."
    assert '<p class="admonition-title">Lưu ý</p>' in html(mended) and warned(mended) == []


def test_a_table_glued_to_the_line_above_is_told_to_leave_a_blank_line():
    body = "Bảng lệ phí:\n| A | B |\n|---|---|\n| 1 | 2 |"
    assert "<table>" not in html(body)
    [problem] = warned(body)
    assert problem.line == 11 and "liền dưới một dòng chữ" in problem.message and "dòng trống giữa dòng 10" in problem.fix
    assert "<table>" in html(body.replace(":\n", ":\n\n")) and warned(body.replace(":\n", ":\n\n")) == []
    [problem] = warned("Bảng:\n| A | B | C |\n|---|---|")  # both slips: both fixes
    assert "`| --- | --- | --- |`" in problem.fix and "dòng trống trước hàng tiêu đề" in problem.fix


@pytest.mark.parametrize("line, fix", [
    ("!!! note “Lưu ý”", '`!!! note "Lưu ý"`'),  # curly quotes, as Word and phones type them
    ("!!! note 'Lưu ý'", '`!!! note "Lưu ý"`'),
    ('!!! note "Lưu ý" thêm', '`!!! note "Lưu ý thêm"`'),
    ('   !!! warning "Thời hạn"', '`!!! warning "Thời hạn"`'),  # a box starts at the margin only
])
def test_a_note_line_that_is_no_box_is_told_the_line_to_type(line, fix):
    body = f"{line}\n    Trong 60 ngày."
    assert "admonition" not in html(body)  # what the warning says: printed as text
    [problem] = warned(body)
    assert problem.line == 10 and "không thành khung ghi chú" in problem.message and fix in problem.fix, problem
    typed = fix.strip("`")
    assert "admonition" in html(typed + "\n    Trong 60 ngày.") and warned(typed + "\n    Trong 60 ngày.") == []


@pytest.mark.parametrize("line, fix", [
    ("!!! tip Mẹo hay", '`!!! tip "Mẹo hay"`'),  # the kind is not part of the title (hostile review)
    ("!!! quan trọng", '`!!! note "quan trọng"`'),
])
def test_an_unquoted_title_after_a_kind_is_the_title(line, fix):
    [problem] = warned(f"{line}\n    Nội dung.")
    assert fix in problem.fix
