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
