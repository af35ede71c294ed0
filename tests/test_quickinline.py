"""The quick inline pass gives Python-Markdown's own output, and steps aside when unsure."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.adapter import compat
from bantin.adapter.plugin import REQUIRED_EXTENSIONS

EXTENSIONS = [*REQUIRED_EXTENSIONS, "admonition"]


def pair(extensions=EXTENSIONS):
    plain, quick = markdown.Markdown(extensions=extensions), markdown.Markdown(extensions=extensions)
    return plain, quick, compat.install_quick_inline(quick)


def test_installed_with_the_extensions_a_bulletin_uses():
    _, quick, installed = pair()
    assert installed and type(quick.treeprocessors["inline"]) is compat.QuickInlineProcessor


def test_an_extension_with_its_own_inline_pattern_keeps_python_markdowns_pass():
    _, quick, installed = pair([*EXTENSIONS, "footnotes"])
    assert not installed and type(quick.treeprocessors["inline"]) is not compat.QuickInlineProcessor


SAMPLES = [
    "Theo Luật Hòa giải ở cơ sở số 35/2013/QH13, hòa giải viên được hỗ trợ.",
    "Văn bản **quan trọng** và *mới* ở [đây](../van-ban/x.md) hoặc <https://example.org>.",
    "Dòng một  \nDòng hai; a\\*b; `mã`; &amp; &#273;; <span>x</span>; ![ảnh](a.png)",
    "# Tiêu đề\n\nĐoạn văn thường.\n\n- mục một\n- mục *hai*\n\n| a | b |\n|---|---|\n| 1 | _2_ |",
    "Đoạn có thuộc tính {: .lead }\n\n<div markdown>Trong **HTML**</div>",
    "snake_case_word và 2*3*4 và [x][ref]\n\n[ref]: https://example.org",
    "Mức phạt 5&nbsp;triệu đồng",  # one construct per paragraph: each trigger on its own
    "Dòng một  \nDòng hai",
    "Xem <https://example.org/a>",
    "Hỏi a\\*b",
    "Lệnh `ls`",
    "Chữ _nghiêng_",
    "Ảnh ![ảnh](a.png)",
]


def test_smarty_keeps_its_own_pass_beside_the_quick_one():
    plain, quick, installed = pair([*EXTENSIONS, "smarty"])
    assert installed
    for text in SAMPLES + ['"Ngoặc kép" -- và... <<x>>']:
        assert quick.reset().convert(text) == plain.reset().convert(text)


def test_the_same_html_as_python_markdown_on_bulletin_text():
    plain, quick, _ = pair()
    for text in SAMPLES:
        assert quick.reset().convert(text) == plain.reset().convert(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abmpx đ09\n*_`[]()!<>&;#\\:/.-{}|", max_size=80))
def test_the_same_html_as_python_markdown_on_any_text(text):
    plain, quick, _ = pair()
    assert quick.convert(text) == plain.convert(text)
