"""The web editor in Chromium: what an editor pastes from Word (tables, lettered and numbered
points, nested lists, bold questions, headings, links in spans) is saved as the site needs it,
on `bantin edit`'s own copy of the small site (webeditor_kit.py)."""

from __future__ import annotations

import markdown
import pytest

from sitekit import ROOT, run_bantin
from webeditor_kit import (
    _caret_at_end, _entry_open, _front_matter_written, _paste, _publish, _shot,
    _title_category_text, _until, _word,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


# What Word puts on the clipboard for a paragraph, a 3×3 table and two bulleted paragraphs
# (session 34's trial, cut down): the HTML and its text.
WORD_HTML = (ROOT / "tests/data/word-paste.html").read_text(encoding="utf-8")


def test_a_table_and_bullets_pasted_from_word_are_saved_as_a_table_and_a_list(admin, editing):
    """Decap made each pasted cell a paragraph, Word's bullets `\\-` lines and the space
    between Word's paragraphs a lone `\\` (session 34, F6): the table is now a Markdown table
    (first row the header, `|` in a cell escaped) in a "Bảng" block, the bullets a list."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Kết quả hòa giải dán từ Word", "Đoạn đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, WORD_HTML.replace("Lam Sơn", "Lam Sơn | Ia Pa").replace(">96<", ">&lt;b&gt;96*<"), "x")
    _caret_at_end(page, page.get_by_text("Bồi dưỡng kỹ năng"))
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Đoạn cuối tự gõ.")
    _shot(page, "dan-tu-word-1280")
    _publish(page)
    saved = root / "content/tin-tuc/ket-qua-hoa-giai-dan-tu-word.md"
    _until(lambda: _front_matter_written(saved))
    body = saved.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert ("**Bảng 1. Kết quả hòa giải**\n\n| Huyện | Số vụ tiếp nhận | Hòa giải thành |\n| --- | --- | --- |\n"
            "| Lam Sơn \\| Ia Pa | 143 | 118 (82,5%) |\n| Đồng Mây | &lt;b&gt;96\\* | 80 (83,3%) |\n\n") in body, body
    assert "\n\n- Tiếp tục kiện toàn tổ hòa giải;\n- Bồi dưỡng kỹ năng cho hòa giải viên.\n\nĐoạn cuối tự gõ.\n" in body, body
    lines = body.splitlines()
    assert "\\" not in lines and not any(line.startswith("\\-") for line in lines), body
    assert body.startswith("Đoạn đầu tự gõ.\n\nTheo báo cáo, năm 2026 toàn tỉnh có 1.250"), body
    done = run_bantin(root, "check")
    assert "ket-qua-hoa-giai-dan-tu-word.md" not in done.stdout, done.stdout  # nothing to warn of


def _word_item(marker: str, text: str) -> str:
    """A Word list paragraph as on the clipboard: its marker typed out, then Word's spaces."""
    return ("<p class=MsoListParagraph style='margin-left:36.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
            "<![if !supportLists]><span lang=VI>" + marker + "<span style='font:7.0pt \"Times New Roman\"'>"
            "&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span lang=VI>" + text + "<o:p></o:p></span></p>\n")


def _pasted_and_saved(page, editing, title: str, slug: str, html: str) -> str:
    """A new article: a typed paragraph, then `html` pasted; its body as saved."""
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, title, "Đoạn đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, html, "x")
    page.wait_for_timeout(500)
    _publish(page)
    saved = editing[0] / f"content/tin-tuc/{slug}.md"
    _until(lambda: _front_matter_written(saved))
    return saved.read_text(encoding="utf-8").split("---\n", 2)[2]


def _handbook_pasted(page, editing, title: str, slug: str, html: str, questions: int) -> str:
    """A new handbook: a typed paragraph, then `html` pasted, which gives `questions` «Câu hỏi»
    blocks; its body as saved."""
    page.goto(editing[1] + "admin/#/collections/hoi-dap/new")
    expect(page.get_by_label("Tiêu đề")).to_have_value("")
    _title_category_text(page, title, "Mở đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, html, "x")
    expect(page.get_by_label("Câu hỏi", exact=True)).to_have_count(questions)
    _publish(page)
    saved = editing[0] / f"content/hoi-dap/{slug}.md"
    _until(lambda: _front_matter_written(saved))
    return saved.read_text(encoding="utf-8").split("---\n", 2)[2]


LEGAL_POINTS = _word(
    "<p class=MsoNormal>Điều 5. Các trường hợp được miễn lệ phí:<o:p></o:p></p>\n",
    _word_item("a)", "Người thuộc hộ nghèo;"), _word_item("b)", "Người có công với cách mạng;"),
    _word_item("c.", "Trẻ em dưới 6 tuổi."),
    "<p class=MsoNormal>Trường hợp quy định tại điểm b khoản này phải xuất trình giấy tờ.<o:p></o:p></p>\n",
    _word_item("i)", "Bản chính;"), _word_item("ii)", "Bản sao."),
    "<p class=MsoNormal>Điều 6 (trích):<o:p></o:p></p>\n",
    _word_item("3.", "Khoản ba;"), _word_item("4)", "Khoản bốn."))


def test_word_s_lettered_and_numbered_points_are_saved_as_written(admin, editing):
    """Word's «a) b) c)» (the points, điểm, of a legal clause) and «i) ii)» were saved as a list
    «1. 2. 3.», and «3. 4)» as «1. 2.»: a later «điểm b khoản này» named a point the page no
    longer showed (session 35, hostile review 1). They are kept as typed, a paragraph each,
    and Python-Markdown shows them so (a number then a non-breaking space: no list)."""
    body = _pasted_and_saved(admin, editing, "Điểm a b c dán từ Word", "diem-a-b-c-dan-tu-word", LEGAL_POINTS)
    print(body)
    html = markdown.markdown(body, extensions=["tables", "attr_list"])
    for point in ["a) Người thuộc hộ nghèo;", "b) Người có công với cách mạng;", "c. Trẻ em dưới 6 tuổi.",
                  "i) Bản chính;", "ii) Bản sao.", "3. Khoản ba;", "4) Khoản bốn."]:
        assert f"<p>{point}</p>" in html.replace("\u00a0", " "), (point, body, html)
    assert "<ol>" not in html and "<li>" not in html, html
    page, saved = admin, editing[0] / "content/tin-tuc/diem-a-b-c-dan-tu-word.md"  # opened again, one word added:
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/diem-a-b-c-dan-tu-word")  # the rest as saved
    _caret_at_end(page, _entry_open(page, "Điều 6 (trích):").get_by_text("Điều 6 (trích):"))
    page.keyboard.type(" Thêm.")
    _publish(page)
    _until(lambda: "Thêm." in saved.read_text(encoding="utf-8"))
    assert saved.read_text(encoding="utf-8").split("---\n", 2)[2] == body.replace("(trích):", "(trích): Thêm.")
    done = run_bantin(editing[0], "check")
    assert "diem-a-b-c-dan-tu-word.md" not in done.stdout, done.stdout  # nothing to warn of


def test_word_s_list_numbered_from_1_stays_a_list(admin, editing):
    body = _pasted_and_saved(admin, editing, "Khoản 1 2 dán từ Word", "khoan-1-2-dan-tu-word",
                             _word(_word_item("1.", "Khoản một;"), _word_item("2.", "Khoản hai.")))
    assert "1. Khoản một;\n2. Khoản hai." in body, body


def test_merged_and_hostile_table_cells_keep_every_figure_under_its_column(admin, editing):
    """A cell merged down rows (rowspan) moved the next rows' figures one column left, under
    the wrong heading; a table in a cell glued its cells' words; colspan=99999 made 52 columns
    (session 35, hostile review 2 and 6). Merged places are empty cells, a nested table's cells
    are apart, and a span wider than the table adds no column."""
    cell = lambda text, attrs="": f"<td{attrs}><p class=MsoNormal>{text}</p></td>"
    merged = ("<table class=MsoTableGrid border=1><tr>" + cell("<b>Huyện</b>") + cell("<b>Xã</b>") + cell("<b>Số vụ</b>")
              + "</tr><tr>" + cell("Lam Sơn", " rowspan=2") + cell("Xã Thạch A") + cell("10")
              + "</tr><tr>" + cell("Xã Thạch B") + cell("12")
              + "</tr><tr>" + cell("Đồng Mây") + cell("Xã C", " colspan=2 rowspan=99")
              + "</tr><tr>" + cell("Ia Pa") + "</tr></table>")
    hostile = ("<table><tr><td>Cột</td><td>Ảnh</td><td>Mã</td></tr>"
               "<tr><td><table><tr><td>lồng 1</td><td>lồng 2</td></tr></table></td><td colspan=99999>rộng</td>"
               "<td>[x](y.md)</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>")
    body = _pasted_and_saved(admin, editing, "Bảng gộp ô dán từ Word", "bang-gop-o-dan-tu-word",
                             _word(merged, "<p class=MsoNormal>Giữa hai bảng.</p>", hostile))
    print(body)
    assert ("| Huyện | Xã | Số vụ |\n| --- | --- | --- |\n| Lam Sơn | Xã Thạch A | 10 |\n|  | Xã Thạch B | 12 |\n"
            "| Đồng Mây | Xã C |  |\n| Ia Pa |  |  |\n") in body, body
    assert ("| Cột | Ảnh | Mã |  |\n| --- | --- | --- | --- |\n| lồng 1 lồng 2 | rộng |  | \\[x\\](y.md) |\n"
            "| a | b | c |  |\n") in body, body


def _checked(editing, slug: str, body: str) -> str:
    """`body` as the site shows it (Python-Markdown, the site's table extension); `bantin check`
    has nothing to say of the file."""
    done = run_bantin(editing[0], "check")
    assert f"{slug}.md" not in done.stdout, done.stdout
    return markdown.markdown(body, extensions=["tables", "attr_list"])


def _reopened_and_saved(page, editing, slug: str, line: str) -> str:
    """The entry opened again, « Thêm.» typed at the end of `line`, saved: its body."""
    saved = editing[0] / f"content/tin-tuc/{slug}.md"
    page.goto(editing[1] + f"admin/#/collections/tin-tuc/entries/{slug}")
    _caret_at_end(page, _entry_open(page, line).get_by_text(line))
    page.keyboard.type(" Thêm.")
    _publish(page)
    _until(lambda: "Thêm." in saved.read_text(encoding="utf-8"))
    return saved.read_text(encoding="utf-8").split("---\n", 2)[2]


WORD_MARKS = _word(
    "<p class=MsoNormal><b><span lang=VI style='font-size:14.0pt'>Điều 1. </span></b>"
    "<span lang=VI>Phạm vi <b style='mso-bidi-font-weight:normal'>điều chỉnh</b> và "
    "<span style='font-weight:700'>đối tượng</span>, <i>trích</i> "
    "<span style='font-style:italic'>nguyên văn</span>, <b><i>cả hai</i></b>.</span></p>\n",
    "<p class=MsoNormal><b>Xem <span style='font-weight:normal'>thêm</span> "
    "<a href='https://vbpl.vn/30-2020'>Nghị định 30/2020/NĐ-CP</a></b> ở đây.</p>\n",
    "<b style='font-weight:normal' id='docs-internal-guid-1'><p>Đoạn từ Google Docs, không đậm.</p></b>\n")


def test_word_s_bold_and_italic_are_kept(admin, editing):
    """Word's bold is <b>, which Decap's converter does not know: every bold word of a pasted
    report was saved plain (Decap keeps <strong>, `font-weight:700`, <i>). It is `**…**` now,
    its spaces outside (`**Điều 1. **` is no bold in Markdown), italic `*…*`, a bold link too;
    Google Docs' <b style="font-weight:normal"> around a paste is not bold."""
    slug = "dam-nghieng-dan-tu-word"
    body = _pasted_and_saved(admin, editing, "Đậm nghiêng dán từ Word", slug, WORD_MARKS)
    assert ("\n\n**Điều 1.** Phạm vi **điều chỉnh** và **đối tượng**, *trích* *nguyên văn*, ***cả hai***.\n\n"
            "**Xem** thêm **[Nghị định 30/2020/NĐ-CP](https://vbpl.vn/30-2020)** ở đây.\n\n"
            "Đoạn từ Google Docs, không đậm.\n") in body, body
    html = _checked(editing, slug, body)
    assert "<strong>Điều 1.</strong> Phạm vi <strong>điều chỉnh</strong>" in html, html
    assert "<em>trích</em>" in html and "<strong><em>cả hai</em></strong>" in html, html


def _header_table(head: str, body: str) -> str:
    return f"<table class=MsoTableGrid border=1>{head}{body}</table>"


TWO_HEADER_ROWS = _word(
    _header_table("<thead><tr><th rowspan=2>Huyện</th><th colspan=2>Năm 2024</th></tr>"
                  "<tr><th>Số vụ</th><th>Số người</th></tr></thead>",
                  "<tbody><tr><td><b>Lam Sơn</b></td><td>12</td><td>30</td></tr></tbody>"),
    "<p class=MsoNormal>Bảng của Word:</p>",
    _header_table("<tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td rowspan=2><p><b>STT</b></p></td>"
                  "<td colspan=2><p><b>Năm 2023</b></p></td><td colspan=2><p><b>Năm 2024</b></p></td></tr>"
                  "<tr><td><p><b>Tiếp nhận</b></p></td><td><p><b>Thành</b></p></td>"
                  "<td><p><b>Tiếp nhận</b></p></td><td><p><b>Thành</b></p></td></tr>",
                  "<tr><td>1</td><td>10</td><td>8</td><td>14</td><td>11</td></tr>"))


def test_a_table_with_two_header_rows_names_every_column_by_both(admin, editing):
    """A Markdown table has one header line: the second header row became a row of figures,
    and «Năm 2024» stood over one column of the two it spans (session 35). Each column is
    named by its labels top to bottom, «Năm 2024 – Số vụ», a merged label in every column it
    spans; a header row is bold already, so its cells carry no `**`."""
    slug = "hai-hang-tieu-de-dan-tu-word"
    body = _pasted_and_saved(admin, editing, "Hai hàng tiêu đề dán từ Word", slug, TWO_HEADER_ROWS)
    assert ("| Huyện | Năm 2024 – Số vụ | Năm 2024 – Số người |\n| --- | --- | --- |\n"
            "| **Lam Sơn** | 12 | 30 |\n") in body, body
    assert ("| STT | Năm 2023 – Tiếp nhận | Năm 2023 – Thành | Năm 2024 – Tiếp nhận | Năm 2024 – Thành |\n"
            "| --- | --- | --- | --- | --- |\n| 1 | 10 | 8 | 14 | 11 |\n") in body, body
    html = _checked(editing, slug, body)
    assert "<th>Năm 2024 – Số người</th>" in html and "<td><strong>Lam Sơn</strong></td>" in html, html


LINKED_CELLS = _word(_header_table(
    "<tr><td>Văn bản</td><td>Ghi chú</td></tr>",
    "<tr><td><b>Nghị định</b> <a href='https://vbpl.vn/a b(1)|2'>30/2020/<i>NĐ-CP</i></a></td>"
    "<td><a href='mailto:stp@example.org'>thư</a>, <a href='tel:02383123456'>gọi</a></td></tr>"
    "<tr><td><a href='JaVaScRiPt:alert(1)'>bấm</a> <a href=' java\tscript:alert(2)'>nữa</a> "
    "<a href='data:text/html,<script>alert(3)</script>'>dữ liệu</a> <a href='#_Toc123'>mục lục</a></td>"
    "<td><img src=x onerror='alert(4)'>ảnh<script>alert(5)</script> <a href='file:///C:/bao-cao.doc'>tệp</a> "
    "&lt;script&gt;alert(6)&lt;/script&gt;</td></tr>"))


def test_a_pasted_table_keeps_bold_and_links_in_its_cells_and_no_script(admin, editing):
    """A pasted table's cells lost their bold and links (session 35). They are `**…**` and
    `[…](…)` in the "Bảng" block now, the address made safe for a table (`|`, spaces, brackets
    percent-encoded); only http(s), mailto and tel are links: a
    `javascript:` address (any case, a Tab inside), `data:`, `file:` and Word's bookmarks stay
    plain words, and a cell's picture with onerror or script is not saved."""
    slug = "bang-co-lien-ket-dan-tu-word"
    body = _pasted_and_saved(admin, editing, "Bảng có liên kết dán từ Word", slug, LINKED_CELLS)
    assert ("| Văn bản | Ghi chú |\n| --- | --- |\n"
            "| **Nghị định** [30/2020/*NĐ-CP*](https://vbpl.vn/a%20b%281%29%7C2) | "
            "[thư](mailto:stp@example.org), [gọi](tel:02383123456) |\n"
            "| bấm nữa dữ liệu mục lục | ảnh tệp &lt;script&gt;alert(6)&lt;/script&gt; |\n") in body, body
    for live in ["javascript", "data:", "file:", "onerror", "<script", "<img", "alert(4)", "alert(5)"]:
        assert live not in body.lower(), (live, body)
    html = _checked(editing, slug, body)
    assert '<a href="https://vbpl.vn/a%20b%281%29%7C2">30/2020/<em>NĐ-CP</em></a>' in html, html
    assert "<script" not in html and "javascript" not in html.lower(), html


def _word_level(level: int, marker: str, text: str, margin: bool = False) -> str:
    """A Word list paragraph at `level`, its marker in Word's mso-list:Ignore span; with
    `margin`, its level said by the left margin alone (no `levelN`), as other programs write."""
    style = f"margin-left:{36 * level}.0pt;text-indent:-18.0pt" + ("" if margin else f";mso-list:l0 level{level} lfo1")
    return (f"<p class=MsoListParagraph style='{style}'><![if !supportLists]><span lang=VI style='mso-list:Ignore'>"
            f"{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>"
            f"<span lang=VI>{text}<o:p></o:p></span></p>\n")


NESTED = _word(
    _word_level(1, "-", "Tuyên truyền:"), _word_level(2, "o", "qua loa truyền thanh;"),
    _word_level(3, "▪", "ở thôn, bản;"), _word_level(2, "o", "qua hội nghị."),
    _word_level(1, "-", "Hòa giải."),
    "<p class=MsoNormal>Các bước:</p>\n",
    _word_level(1, "1.", "Tiếp nhận;"), _word_level(2, "-", "ghi sổ;"), _word_level(1, "2.", "Hòa giải."),
    "<p class=MsoNormal>Theo lề:</p>\n",
    _word_level(1, "·", "Cấp một;", True), _word_level(2, "o", "cấp hai.", True))


def test_word_s_nested_list_levels_stay_nested(admin, editing):
    """Word's list levels (`mso-list:l0 level2`, or a wider left margin) came out as one flat
    list; and Decap indents a nested list 2 spaces after a blank line, which Python-Markdown
    shows flat (or puts the next item under the nested one). Levels are nested lists now,
    saved 4 spaces in, and kept so when the entry is opened and saved again."""
    slug = "danh-sach-long-dan-tu-word"
    body = _pasted_and_saved(admin, editing, "Danh sách lồng dán từ Word", slug, NESTED)
    assert ("\n\n- Tuyên truyền:\n    - qua loa truyền thanh;\n        - ở thôn, bản;\n    - qua hội nghị.\n"
            "- Hòa giải.\n\nCác bước:\n\n1. Tiếp nhận;\n    - ghi sổ;\n2. Hòa giải.\n\n"
            "Theo lề:\n\n- Cấp một;\n    - cấp hai.\n") in body, body
    html = _checked(editing, slug, body).replace("\n", "")
    assert ("<ul><li>Tuyên truyền:<ul><li>qua loa truyền thanh;<ul><li>ở thôn, bản;</li></ul></li>"
            "<li>qua hội nghị.</li></ul></li><li>Hòa giải.</li></ul>") in html, html
    assert "<ol><li>Tiếp nhận;<ul><li>ghi sổ;</li></ul></li><li>Hòa giải.</li></ol>" in html, html
    again = _reopened_and_saved(admin, editing, slug, "Theo lề:")
    assert again == body.replace("Theo lề:", "Theo lề: Thêm."), again


UPPER_MARKERS = _word(
    _word_level(1, "I.", "<b>TÌNH HÌNH CHUNG</b>"), "<p class=MsoNormal>Năm 2024 ổn định.</p>\n",
    _word_level(1, "II.", "<b>KẾT QUẢ</b>"), _word_level(1, "A)", "Tuyên truyền;"), _word_level(1, "B.", "Hòa giải;"),
    _word_level(1, "IV.", "Kiến nghị"), _word_level(1, "Điều 1.", "Phạm vi"),
    "<p class=MsoNormal>C)&nbsp;&nbsp;&nbsp;&nbsp;Gõ tay bằng dấu cách.</p>\n")


def test_upper_case_and_roman_markers_stay_as_typed(admin, editing):
    """Word's «I.», «II.» (the parts of a report), «A)», «B.» (points) and its own numbering
    «Điều 1.» were saved with Word's run of non-breaking spaces after them. They are no list
    (Markdown would write «1. 2.»): each stays at the start of its paragraph as typed, one space
    after it, nothing else lost."""
    slug = "chu-hoa-dan-tu-word"
    body = _pasted_and_saved(admin, editing, "Chữ hoa dán từ Word", slug, UPPER_MARKERS)
    assert ("\n\nI. **TÌNH HÌNH CHUNG**\n\nNăm 2024 ổn định.\n\nII. **KẾT QUẢ**\n\nA) Tuyên truyền;\n\n"
            "B. Hòa giải;\n\nIV. Kiến nghị\n\nĐiều 1. Phạm vi\n\nC) Gõ tay bằng dấu cách.\n") in body, body
    assert "\u00a0" not in body, body
    html = _checked(editing, slug, body)
    assert "<ol>" not in html and "<li>" not in html, html
    assert "<p>II. <strong>KẾT QUẢ</strong></p>" in html and "<p>Điều 1. Phạm vi</p>" in html, html


WORD_QUESTIONS = _word(
    "<p class=MsoNormal><b><span lang=VI style='font-size:13.0pt'>Câu hỏi 1: Ai phải đăng ký khai sinh cho con?"
    "</span></b><o:p></o:p></p>\n",
    "<p class=MsoNormal><span lang=VI>Cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.</span></p>\n",
    "<p class=MsoNormal><b>Câu hỏi 2: Khai sinh cho con ngoài giá thú thế nào?</b><br>\n"  # Shift+Enter
    "Đăng ký như trẻ em khác; phần ghi về cha để trống.</p>\n",
    # a question over two lines in one bold run (outsider trial F10): one question
    "<p class=MsoNormal><b><span lang=VI>Câu hỏi 3: Cha mẹ tôi đã ly hôn.<br>\nXin hỏi tôi khai sinh cho con ở đâu?"
    "</span></b><o:p></o:p></p>\n",
    "<p class=MsoNormal>Ở xã nơi cư trú.</p>\n",
    # the answer's label after a break inside the same bold run, and no «?»: the answer's (a review of session 42)
    "<p class=MsoNormal><b>Câu hỏi 4: Thủ tục nhận con nuôi<br>\nTrả lời: Nộp hồ sơ tại xã.</b></p>\n")


def test_a_question_pasted_from_word_in_bold_is_a_question_of_the_handbook(admin, editing):
    """Word gives a handbook's question as a bold paragraph, saved `**Câu hỏi 1: …?**`: a
    paragraph of the answer above, which the build refuses (session 39). Pasted into a handbook
    it is a "Câu hỏi" block, saved `## Câu hỏi 1: …? {#id}` with an id made from the question
    as for a typed one (the words after a line break in its paragraph are the answer's), and
    the handbook passes `bantin check`; pasted into an article it stays bold."""
    page, root = admin, editing[0]
    body = _pasted_and_saved(page, editing, "Bài có câu hỏi đậm dán từ Word", "bai-co-cau-hoi-dam-dan-tu-word",
                             WORD_QUESTIONS)
    assert "**Câu hỏi 1: Ai phải đăng ký khai sinh cho con?**\n\nCha hoặc mẹ" in body and "## " not in body, body

    # Decap moves to the saved entry's address itself, then the new handbook's empty form
    # replaces the article's: a title filled before that went to the article's form
    page.wait_for_url("**/collections/tin-tuc/entries/bai-co-cau-hoi-dam-dan-tu-word")
    body = _handbook_pasted(page, editing, "Sổ tay khai sinh dán từ Word", "so-tay-khai-sinh-dan-tu-word", WORD_QUESTIONS, 4)
    assert body == ("Mở đầu tự gõ.\n\n## Câu hỏi 1: Ai phải đăng ký khai sinh cho con? {#ai-phai-dang-ky-khai-sinh-cho-con}"
                    "\n\nCha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.\n\n"
                    "## Câu hỏi 2: Khai sinh cho con ngoài giá thú thế nào? {#khai-sinh-cho-con-ngoai-gia-thu-the-nao}\n\n"
                    "Đăng ký như trẻ em khác; phần ghi về cha để trống.\n\n"
                    "## Câu hỏi 3: Cha mẹ tôi đã ly hôn. Xin hỏi tôi khai sinh cho con ở đâu? "
                    "{#cha-me-toi-da-ly-hon-xin-hoi-toi-khai-sinh-cho-con-o-dau}\n\nỞ xã nơi cư trú.\n\n"
                    "## Câu hỏi 4: Thủ tục nhận con nuôi {#thu-tuc-nhan-con-nuoi}\n\n**Trả lời: Nộp hồ sơ tại xã.**\n"), body
    done = run_bantin(root, "check")
    assert "so-tay-khai-sinh-dan-tu-word.md" not in done.stdout, done.stdout


WORD_HEADINGS = _word(
    "<h2><span lang=VI>Câu hỏi 1: Hòa giải ở cơ sở là gì?<o:p></o:p></span></h2>\n",  # the site's question's words
    "<p class=MsoNormal><span lang=VI>Là giúp các bên tự thỏa thuận.</span></p>\n",
    "<h2><span lang=VI>Câu hỏi 2: Ai đăng ký kết hôn?</span></h2>\n",
    "<p class=MsoNormal>Hai bên nam nữ.</p>\n",
    "<p class=MsoNormal><b>Câu hỏi 3: Ai đăng ký kết hôn?</b></p>\n",  # the same words, in bold
    "<p class=MsoNormal>Nhắc lại.</p>\n",
    "<p class=MsoNormal><span lang=VI>Câu hỏi 4: Kết hôn ở đâu?</span></p>\n",  # a plain paragraph (handbook.paragraphs.plain_question)
    "<p class=MsoNormal>Ở xã.</p>\n")


def test_questions_pasted_from_word_as_headings_get_ids_unique_on_the_site_and_in_the_handbook(admin, editing):
    """Word's "Heading 2" questions pasted into a handbook were saved `## …` without an id, which
    the build refuses, and an editor has no terminal for `bantin ids` (session 39, left). Each
    is now a "Câu hỏi" block whose id is given on paste as `bantin ids` would: the words of the
    site's question `hoa-giai-o-co-so-la-gi` get `-2`, and one wording three times (two
    headings and a bold paragraph, one pasted later) `-2`, `-3`. A question written as a plain
    paragraph with its answer below (an error to the build since session 40) is one too. The
    handbook passes `bantin check`."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/hoi-dap/new")
    expect(page.get_by_label("Tiêu đề")).to_have_value("")
    _title_category_text(page, "Sổ tay kết hôn dán từ Word", "Mở đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, WORD_HEADINGS, "x")
    expect(page.get_by_label("Câu hỏi", exact=True)).to_have_count(4)
    expect(page.get_by_label("Mã câu hỏi").nth(1)).to_have_value("ai-dang-ky-ket-hon")  # shown before saving
    _caret_at_end(page, page.locator("[data-slate-editor]").first.get_by_text("Ở xã."))
    page.keyboard.press("Enter")
    _paste(page, _word("<h2>Câu hỏi 5: Ai đăng ký kết hôn?</h2>\n<p class=MsoNormal>Lần nữa.</p>\n"), "x")
    expect(page.get_by_label("Câu hỏi", exact=True)).to_have_count(5)
    _publish(page)
    saved = root / "content/hoi-dap/so-tay-ket-hon-dan-tu-word.md"
    _until(lambda: _front_matter_written(saved))
    body = saved.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ("Mở đầu tự gõ.\n\n## Câu hỏi 1: Hòa giải ở cơ sở là gì? {#hoa-giai-o-co-so-la-gi-2}\n\n"
                    "Là giúp các bên tự thỏa thuận.\n\n## Câu hỏi 2: Ai đăng ký kết hôn? {#ai-dang-ky-ket-hon}\n\n"
                    "Hai bên nam nữ.\n\n## Câu hỏi 3: Ai đăng ký kết hôn? {#ai-dang-ky-ket-hon-2}\n\nNhắc lại.\n\n"
                    "## Câu hỏi 4: Kết hôn ở đâu? {#ket-hon-o-dau}\n\nỞ xã.\n\n"
                    "## Câu hỏi 5: Ai đăng ký kết hôn? {#ai-dang-ky-ket-hon-3}\n\nLần nữa.\n"), body
    done = run_bantin(root, "check")
    assert "so-tay-ket-hon-dan-tu-word.md" not in done.stdout, done.stdout


WORD_ANSWER_HEADING = _word(
    "<h2><span lang=VI>Ai được hòa giải?</span></h2>\n",  # before any numbered question: a question, as before
    "<p class=MsoNormal>Mọi người dân.</p>\n",
    "<p class=MsoNormal><b>Câu hỏi 12: Hòa giải viên có được thù lao không?</b></p>\n",
    "<p class=MsoNormal><b>Trả lời:</b> Có, theo từng vụ việc.</p>\n",
    "<h2><span lang=VI>Hồ sơ thanh toán gồm những gì?</span></h2>\n",  # a sub-point of Câu hỏi 12's answer
    "<p class=MsoNormal>Giấy đề nghị và biên bản hòa giải.</p>\n",
    "<h2><span lang=VI>Câu hỏi 13: Ai chi trả thù lao?</span></h2>\n",
    "<p class=MsoNormal>Ủy ban nhân dân xã.</p>\n",
    "<h2><span lang=VI>Hòa giải viên có được khen thưởng không?</span></h2>\n",  # after the last: a question
    "<p class=MsoNormal>Có.</p>\n")


def test_a_word_heading_inside_a_numbered_answer_stays_in_the_answer(admin, editing):
    """A Word "Heading 2" under «Câu hỏi 12» («Hồ sơ thanh toán gồm những gì?») was pasted as a
    question: the answer was cut in two, the heading got a page, and «Câu hỏi 13» was published
    as 14 (an editor's trial, session 43, F1). After a numbered question, an un-numbered heading 2
    between two numbered questions is now the first one's heading 3, and the editor is told; one
    before the first numbered question or after the last is a question, as before (a review,
    session 44: after a quiz's «Câu 1. …?» whole handbooks became one answer)."""
    page, root, said = admin, editing[0], []
    page.on("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    body = _handbook_pasted(page, editing, "Sổ tay thù lao dán từ Word", "so-tay-thu-lao-dan-tu-word", WORD_ANSWER_HEADING, 4)
    assert said[:1] == [
        "Tiêu đề nằm giữa hai câu hỏi có số được giữ trong câu trả lời phía trên (thành Tiêu đề 3), không thành câu hỏi "
        "mới. Nếu tiêu đề nào thật là câu hỏi, đổi nó thành khối Câu hỏi: «Hồ sơ thanh toán gồm những gì?»."]
    assert body == ("Mở đầu tự gõ.\n\n## Ai được hòa giải? {#ai-duoc-hoa-giai}\n\nMọi người dân.\n\n"
                    "## Câu hỏi 12: Hòa giải viên có được thù lao không? {#hoa-giai-vien-co-duoc-thu-lao-khong}\n\n"
                    "**Trả lời:** Có, theo từng vụ việc.\n\n### Hồ sơ thanh toán gồm những gì?\n\n"
                    "Giấy đề nghị và biên bản hòa giải.\n\n## Câu hỏi 13: Ai chi trả thù lao? {#ai-chi-tra-thu-lao}\n\n"
                    "Ủy ban nhân dân xã.\n\n## Hòa giải viên có được khen thưởng không? "
                    "{#hoa-giai-vien-co-duoc-khen-thuong-khong}\n\nCó.\n"), body
    done = run_bantin(root, "check")
    assert "so-tay-thu-lao-dan-tu-word.md" not in done.stdout, done.stdout


# A Word article's links as Word puts them on the clipboard: inside the paragraph's <span>, in
# an MsoHyperlink span, a footnote reference and its note, a contents line; a web page's run of
# spans around a link, in a list item, a heading, a quote; m², H₂O (session 40, F7).
WORD_LINKS = _word(
    "<p class=MsoToc1><span class=MsoHyperlink><a href=\"#_Toc150001\">1. Mục đích"
    "<span style='mso-tab-count:1 dotted'>. . . </span>1</a></span></p>\n",
    "<h2><span lang=VI>Mục <a href=\"#_Toc150002\">một</a></span></h2>\n",
    "<p class=MsoNormal><span lang=VI>Xem <a href=\"https://vbpl.vn/\">vbpl.vn</a>.<o:p></o:p></span></p>\n",
    "<p class=MsoNormal><span class=MsoHyperlink><a href=\"https://vbpl.vn/2\">Nghị định 15</a></span></p>\n",
    "<p class=MsoNormal><span lang=VI>Mỗi hộ<a style='mso-footnote-id:ftn1' href=\"#_ftn1\" name=\"_ftnref1\" "
    "title=\"\"><span class=MsoFootnoteReference><span style='mso-special-character:footnote'>"
    "<![if !supportFootnotes]>[1]<![endif]></span></span></a> được 200 m<sup>2</sup>, nước H<sub>2</sub>O."
    "<o:p></o:p></span></p>\n",
    "<p class=MsoNormal><span><span lang=VI><b>Theo <u><a href=\"https://vbpl.vn/3\">Luật</a></u></b> và "
    "<font color=red><i><a href=\"https://vbpl.vn/4\">Thông tư</a></i></font>.</span></span></p>\n",
    "<ul><li><span>Mục có <a href=\"https://vbpl.vn/5\">liên kết</a></span></li></ul>\n",
    "<blockquote><span>Trích <a href=\"https://vbpl.vn/6\">điều 5</a></span></blockquote>\n",
    "<div>Chữ trong khối.</div><div>Khối có <a href=\"https://vbpl.vn/7\"><p>thẻ liên kết</p></a></div>\n",
    "<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
    "<a style='mso-footnote-id:ftn1' href=\"#_ftnref1\" name=\"_ftn1\" title=\"\"><span class=MsoFootnoteReference>"
    "<span style='mso-special-character:footnote'><![if !supportFootnotes]>[1]<![endif]></span></span></a>"
    " Theo Nghị định 15.<o:p></o:p></p></div></div>\n",
    "<p class=MsoNormal><span lang=VI>Ảnh <a href=\"https://vbpl.vn/8\"><img src=\"https://example.org/a.png\" alt=\"ảnh\">"
    "</a> và <img src=\"file:///C:/anh.png\"> đây.<o:p></o:p></span></p>\n",
    "<p class=MsoNormal><span lang=VI>Đoạn cuối.<o:p></o:p></span></p>\n")


def test_a_word_article_s_links_in_spans_are_pasted_with_every_paragraph(admin, editing):
    """A link inside a <span> (every link of Word, most of a web page) made Decap's converter
    throw: the paste, every paragraph of it, was dropped without a word (session 40, F7). Each
    shape is pasted now: links kept, Word's footnote reference and contents line (links inside
    the document itself) their words, m² and H₂O their Unicode characters."""
    slug, said = "lien-ket-trong-span-dan-tu-word", []
    admin.on("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    body = _pasted_and_saved(admin, editing, "Liên kết trong span dán từ Word", slug, WORD_LINKS)
    assert body == ("Đoạn đầu tự gõ.\n\n1. Mục đích. . . 1\n\n## Mục một\n\nXem [vbpl.vn](https://vbpl.vn/).\n\n"
                    "[Nghị định 15](https://vbpl.vn/2)\n\nMỗi hộ\\[1] được 200 m², nước H₂O.\n\n"
                    "**Theo** **[Luật](https://vbpl.vn/3)** và *[Thông tư](https://vbpl.vn/4)*.\n\n"
                    "- Mục có [liên kết](https://vbpl.vn/5)\n\n> Trích [điều 5](https://vbpl.vn/6)\n\n"
                    "Chữ trong khối.\n\nKhối có \n\n[thẻ liên kết](https://vbpl.vn/7)\n\n"
                    "\\[1] Theo Nghị định 15.\n\nẢnh  và  đây.\n\nĐoạn cuối.\n"), body
    assert said == ["Ảnh trong đoạn vừa dán không được chép vào bài (chỉ chép chữ). Để thêm ảnh, lưu ảnh về máy "
                    "rồi bấm nút + (Thêm khối) → Ảnh để tải lên."], said  # a picture pasted made the editor vanish
    html = _checked(editing, slug, body)
    assert "<sup>" not in html and "200 m², nước H₂O" in html, html


def test_a_paste_decap_cannot_read_goes_in_as_its_words_and_is_said(admin, editing):
    """A paste Decap's converter threw on was dropped whole, silently (F7). Whatever shape
    still makes it throw (here: our paste layer made to throw on every node), the clipboard's
    plain text goes in, paragraph by paragraph, and the editor is told in Vietnamese."""
    page, said = admin, []
    page.on("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Dán không đọc được", "Đoạn đầu tự gõ.")
    page.keyboard.press("Enter")
    page.evaluate("() => { window.bantinPasted = () => { throw new Error('thử'); }; }")
    with page.expect_event("dialog"):  # said after the words are in (accepted by the handler above)
        _paste(page, _word("<p>Xem <a href='https://vbpl.vn/'>vbpl.vn</a>.</p><p>Đoạn sau.</p>"), "Xem vbpl.vn.\nĐoạn sau.")
    editor = page.locator("[data-slate-editor]").first
    expect(editor.locator("p", has_text="Đoạn sau.")).to_have_count(1)
    expect(editor.locator("p", has_text="Xem vbpl.vn.")).to_have_count(1)
    assert said == [("Đoạn vừa dán có định dạng mà trình biên tập không đọc được, nên chỉ dán được phần chữ: chữ đậm, "
                     "nghiêng, liên kết, danh sách và bảng của đoạn đó không còn. Hãy xem lại đoạn vừa dán, rồi định "
                     "dạng lại bằng các nút trên thanh công cụ (nút liên kết để thêm liên kết).")], said
