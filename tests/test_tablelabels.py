"""Column names on each cell of a sanitised table, for a phone (convert/tablelabels.py)."""

from __future__ import annotations

import markdown

from bantin.content.sanitize import clean
from bantin.convert.tablelabels import label_tables

TABLE = """| Giấy tờ | Khi **nào** cần | Ghi chú |
| :--- | :---: | --- |
| Tờ khai | Mọi trường hợp | Nhận mẫu tại Bộ phận Một cửa |
| Giấy chứng sinh | Trẻ sinh tại cơ sở y tế | |
"""


def converted(text: str) -> str:
    return label_tables(clean(markdown.markdown(text, extensions=["tables"]), ()))


def test_each_cell_gets_its_columns_name_as_plain_text():
    html = converted(TABLE)
    assert html.count("<table data-bt-stack>") == 1
    assert html.count('data-label="Giấy tờ"') == 2 and html.count('data-label="Khi nào cần"') == 2
    assert '<td style="text-align: center;" data-label="Khi nào cần">Mọi trường hợp</td>' in html  # alignment kept
    assert html.count('data-label="Ghi chú"') == 2  # an empty cell too: the row keeps its shape
    assert "<th" in html and "data-label" not in html[html.index("<thead>"):html.index("</thead>")]


def test_a_header_cannot_end_its_attribute_or_add_markup():
    html = converted('| A "x" <b>b</b> &amp; c | B |\n| --- | --- |\n| 1 | 2 |\n')
    assert 'data-label="A &quot;x&quot; b &amp; c"' in html
    assert html.count("<td") == 2 and "<b>b</b>" in html  # the header itself is unchanged


def test_tables_that_are_not_plain_are_left_as_they_are():
    cases = [
        "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",  # no header row
        '<table><thead><tr><th colspan="2">a</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",  # one column
        '<table title="x"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    ]
    for html in cases:
        assert label_tables(html) == html, html
    nested = ("<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><table><thead><tr><th>x</th>"
              "<th>y</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></td><td>3</td></tr></tbody></table>")
    assert "data-bt-stack" not in label_tables(nested).split("<td>", 1)[0]  # the outer one is not labelled


def test_a_long_header_is_cut_and_a_page_without_tables_is_untouched():
    html = converted(f"| {'dài ' * 40}| B |\n| --- | --- |\n| 1 | 2 |\n")
    label = html.split('data-label="', 1)[1].split('"', 1)[0]
    assert len(label) == 80 and label.endswith("…")
    page = "<p>Không có bảng.</p>"
    assert label_tables(page) is page
