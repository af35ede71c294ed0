"""Markup and pasted paragraphs in the fields shown as plain text (content/plaintext.py)."""

from __future__ import annotations

import time

import pytest

from bantin.content.plaintext import SUMMARY_LONG, TITLE_LONG, length_problem, markup_problems


@pytest.mark.parametrize("text, names, plain", [
    ("Tập huấn <b>hòa giải viên</b> huyện Lam Sơn", ["thẻ HTML `<b>`"], "Tập huấn hòa giải viên huyện Lam Sơn"),
    ("Hội nghị<br/>tổng kết", ["thẻ HTML `<br/>`"], "Hội nghị tổng kết"),
    ('<span style="color:red">Thông báo</span>', ["thẻ HTML `<span style=\"color:red\">`"], "Thông báo"),
    ("Hỏi &amp; đáp", ["mã HTML `&amp;`"], "Hỏi & đáp"),
    ("Luật&nbsp;Đất đai&#160;2024", ["mã HTML `&nbsp;`"], "Luật Đất đai 2024"),
    ("Trong **hai ngày** và __ba đêm__", ["dấu Markdown `**hai ngày**`"], "Trong hai ngày và ba đêm"),
    ("Tin **mới**", ["dấu Markdown `**mới**`"], "Tin mới"),
    ("<a href='https://x.vn' target=_blank>Xem</a> <input disabled>", ["thẻ HTML `<a href='https://x.vn' target…`"],
     "Xem"),
    ("Xem [Luật Hòa giải](https://vbpl.vn/x) nhé", ["dấu Markdown `[Luật Hòa giải](https://vbpl.…`"],
     "Xem Luật Hòa giải nhé"),
    ("<p>Tóm&nbsp;tắt **đậm**</p>", ["thẻ HTML `<p>`", "mã HTML `&nbsp;`", "dấu Markdown `**đậm**`"], "Tóm tắt đậm"),
    # a script, a style, a comment go with what they hold, as in the body (province trial, session 51)
    ("Tập huấn <script>alert(1)</script> hòa giải", ["thẻ HTML `<script>`"], "Tập huấn hòa giải"),
    ("Tin <style>h1{display:none}</style>mới <!-- cũ -->", ["thẻ HTML `<style>`"], "Tin mới"),
    ("Tin <script>alert(1) chưa đóng", ["thẻ HTML `<script>`"], "Tin alert(1) chưa đóng"),
    ("Tập huấn <!-- nháp --> hòa giải", ["chú thích HTML `<!-- nháp -->`"], "Tập huấn hòa giải"),  # warned alone too
])
def test_markup_is_named_with_the_text_to_type(text, names, plain):
    [(message, fix)] = markup_problems("summary", text)
    for name in names:
        assert name in message, message
    assert fix == f"chỉ để chữ: `summary: {plain}`"


@pytest.mark.parametrize("text", [
    "Nghiên cứu R&D trong ngành tư pháp",  # an ampersand without ";"
    "Khi a < b và c > d",
    "Luật <sửa đổi> năm 2024",  # not an HTML tag name
    "Điều 5*, 6** và 7",
    "Mục [1] và (2)",
    "Nghị định số 15/2014/NĐ-CP ngày 27/02/2014 của Chính phủ",
    "Lập ngày __ tháng __ năm 2024 tại xã",  # a form's blanks (hostile review, session 26)
    "Mức phạt ** tăng ** gấp đôi",
    "Nếu x<y và y>z thì x<z",
])
def test_ordinary_text_is_left_alone(text):
    assert markup_problems("title", text) == []


def test_only_tags_leave_the_general_advice():
    [(message, fix)] = markup_problems("title", "<br><br>")
    assert "tiêu đề có thẻ HTML `<br>`" in message and "chữ thường" in fix


def test_a_pasted_paragraph_is_not_a_title():
    assert length_problem("title", "x" * TITLE_LONG) is None
    message, fix = length_problem("title", "Sở Tư pháp tổ chức hội nghị " * 10)
    assert "tiêu đề dài 280 ký tự" in message and "`summary:`" in fix
    assert length_problem("summary", "x" * SUMMARY_LONG) is None
    message, fix = length_problem("summary", "Trong hai ngày, các hòa giải viên được bồi dưỡng. " * 10)
    assert "tóm tắt dài 500 ký tự" in message and "đoạn đầu" in fix


@pytest.mark.parametrize("unit", ["[", "[a](", "<a ", "**a", "&amp", "<a b", "<a b='", "<a b=c ", "**a ", "__a ", "<!--", "<!-- -->"])
def test_hostile_repetition_takes_linear_time(unit):
    """Repeated starts of a match without its end: each regex must read the text once."""
    def cost(n: int) -> float:
        text = unit * n
        started = time.perf_counter()
        markup_problems("summary", text)
        return time.perf_counter() - started

    small, large = min(cost(5_000) for _ in range(3)), min(cost(40_000) for _ in range(3))
    assert large < 16 * small + 0.05, (small, large)  # 8 times the text: linear ~8x, quadratic ~64x
