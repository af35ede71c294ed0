"""Every sentence of an old page's article reaches the import, or is named (session 32, H3).

An ASP.NET portal lays its Q&A page out in a table cell, the answer as `<br>`-separated lines:
the asker's question, «Trả lời:», the legal basis «Theo Điều …:» and the short first item
went with the header, and the loss check, which compared a line by its first or last 40
letters and only from the first long paragraph on, said nothing. A note framed in a
`<fieldset>` was dropped without a word too.
"""

from __future__ import annotations

from pathlib import Path

from bantin.tools.importer.htmlpage import analyse_html
from bantin.tools.importer.losses import lost_units
from bantin.tools.importer.units import Block, Unit
from test_importer_handbook import run, save, site  # noqa: F401 (site: the fixture)

TITLE = "Thời hiệu khởi kiện chia di sản thừa kế là bao lâu?"
ASKED = "Bố tôi mất năm 1995, không để lại di chúc. Nay anh trai tôi đang quản lý toàn bộ nhà đất."
BASIS = "Theo Điều 623 Bộ luật Dân sự năm 2015:"
ITEM1 = "1. Thời hiệu để người thừa kế yêu cầu chia di sản là"
ITEM1_END = "30 năm đối với bất động sản, 10 năm đối với động sản, kể từ thời điểm mở thừa kế."
ITEM2 = "2. Thời hiệu để người thừa kế yêu cầu xác nhận quyền thừa kế là 10 năm."
QUOTE = "Trường hợp hết thời hạn yêu cầu chia di sản thì di sản thuộc về người thừa kế đang quản lý di sản đó."
AFTER_QUOTE = ("Như vậy, thời điểm mở thừa kế là năm 1995, tính đến năm 2025 là tròn 30 năm; bạn cần khởi "
               "kiện trước ngày hết thời hiệu.")
NOTE = "Nghị quyết 02/2016/NQ-HĐTP hướng dẫn cách tính thời hiệu đối với di sản mở trước ngày 01/7/1991."


def layout_page(title_tag: str = "h1", answer_label: str = "<b>Trả lời:</b><br>",
                asked: str = f"<b>Hỏi:</b> {ASKED}<br>Xin hỏi tôi có còn quyền khởi kiện chia di sản không?<br>",
                head_title: str = TITLE) -> str:
    """The answer as `<br>`-separated lines in the main cell of a layout table, a menu cell
    beside it, counters and toolbar links under it (as ASP.NET portals saved them)."""
    return (f"<html><head><meta charset='utf-8'><title>{head_title}</title></head><body><table width='100%'><tr>"
            "<td class='left'><a href='/'>Trang chủ</a><br><a href='/hoi-dap'>Hỏi đáp</a></td><td class='main'>"
            f"<{title_tag} class='title'>{TITLE}</{title_tag}><br><span class='date'>(15/03/2019)</span><br>"
            f"{asked}{answer_label}{BASIS}<br>"
            f"{ITEM1} <u>{ITEM1_END.split(',')[0]}</u>,{ITEM1_END.split(',', 1)[1]}<br>{ITEM2}<br>"
            f"<blockquote>{QUOTE}</blockquote>\n{AFTER_QUOTE}<br><i>Lưu ý:</i> {NOTE}<br>"
            "<div style='text-align:right'><b>Luật sư Nguyễn Văn A</b> - Đoàn Luật sư tỉnh</div>"
            "<span>Lượt xem: 1234</span> | <a href='javascript:window.print()'>In bài</a> | "
            "<a href='/send.aspx'>Gửi bài</a></td></tr></table></body></html>")


def lost_note(out: str) -> str:
    notes = [line for line in out.splitlines() if "không có trong bài đã nhập" in line]
    return notes[0] if notes else ""


def test_a_layout_table_answer_keeps_the_question_and_its_short_lines(site: Path, capsys) -> None:
    page = save(site, layout_page())
    code, out, err = run(capsys, str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                         "--category", "hoa-giai-o-co-so")
    assert code == 0, err
    written = (site / "content" / "hoi-dap" / "hd.md").read_text(encoding="utf-8")
    answer = written[written.index(f"## Câu hỏi 1: {TITLE}"):]
    for text in (ASKED, "Xin hỏi tôi có còn quyền khởi kiện", BASIS, ITEM1[3:], ITEM1_END, ITEM2[3:], QUOTE, NOTE):
        assert text in answer, text
    assert answer.index(ASKED) < answer.index(BASIS) < answer.index(ITEM1[3:]) < answer.index(ITEM2[3:])
    # What trafilatura still drops (the text after the quotation) is named, and nothing else is.
    note = lost_note(out + err)
    assert note.startswith("hoi-dap/hd.md") and "1 đoạn" in note and AFTER_QUOTE[:60] in note
    assert str(page) in note


def test_a_lone_answer_label_starts_the_answer(site: Path, capsys) -> None:
    """No «Hỏi:» line: the question is the title and «Trả lời:» stands alone on its line."""
    page = save(site, layout_page(title_tag="span", asked=""))
    code, out, err = run(capsys, str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                         "--category", "hoa-giai-o-co-so")
    assert code == 0, err
    written = (site / "content" / "hoi-dap" / "hd.md").read_text(encoding="utf-8")
    assert f"## Câu hỏi 1: {TITLE}" in written
    assert BASIS in written and ITEM1[3:] in written


def test_a_fieldset_note_is_kept_and_a_form_is_not() -> None:
    first = "Câu thứ nhất của câu trả lời nói về quyền của người thừa kế theo quy định."
    boxed = "Người thừa kế có quyền từ chối nhận di sản, trừ trường hợp việc từ chối nhằm trốn nghĩa vụ."
    centred = "Việc từ chối nhận di sản phải được lập thành văn bản và gửi đến người quản lý di sản."
    last = "Thời hạn từ chối nhận di sản là trước thời điểm phân chia di sản theo quy định của pháp luật."
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><div class='content'>"
            f"<h1>{TITLE}</h1><p>{first}</p><center>{centred}</center>"
            f"<fieldset><legend>Chú ý</legend>{boxed}</fieldset><p>{last}</p>"
            "<form><fieldset><legend>Gửi ý kiến của bạn</legend>Họ tên <input name='ten'> "
            "Nội dung ý kiến của bạn gửi tới ban biên tập <textarea></textarea></fieldset></form>"
            "</div></body></html>")
    found = analyse_html(html)
    assert found.summary == first  # an article's first paragraph is its lead
    assert [b.plain for b in found.body] == [centred, "Chú ý", boxed, last]
    assert not found.lost


def units(*texts: str) -> list[Unit]:
    return [Unit(t) for t in texts]


def test_a_line_kept_at_both_ends_names_its_missing_middle() -> None:
    """The first and last 40 letters of the line are in the body, its middle is not."""
    head = "Người thừa kế có quyền yêu cầu chia di sản trong thời hạn ba mươi năm,"
    tail = "trong mười năm, kể từ thời điểm mở thừa kế theo luật."
    line = f"{head} hoặc yêu cầu xác nhận quyền thừa kế của mình {tail}"
    body = [Block("", "Đoạn đầu của câu trả lời về thời hiệu thừa kế."), Block("", head), Block("", tail)]
    lost = lost_units(units("Đoạn đầu của câu trả lời về thời hiệu thừa kế.", line), 0, body, [])
    assert lost == ["hoặc yêu cầu xác nhận quyền thừa kế của mình"]


def test_a_line_like_a_kept_one_is_not_taken_for_it() -> None:
    """«Câu số 3 …» shares all but one word with «Câu số 2 …», which the body keeps: a body
    sentence accounts for one line of the page, not two."""
    s = [f"Câu số {k} của câu trả lời nói rõ quyền và nghĩa vụ của công dân." for k in (1, 2, 3, 4)]
    body = [Block("", s[0]), Block("", s[1]), Block("", s[3])]
    assert lost_units(units(*s), 0, body, []) == [s[2]]


def test_sentences_between_the_title_and_the_text_are_compared() -> None:
    """From under the title (`top`): a sentence there that the body lacks is named; the header's
    lines (date, byline, section name, counters) are not."""
    page = units("Trang chủ", TITLE, "Ngày đăng: 15/03/2019 | Lượt xem: 12", "Tin hoạt động - Hỏi đáp",
                 "Tác giả: Minh Anh", f"Hỏi: {ASKED}", BASIS, ITEM2, QUOTE)
    body = [Block("", ITEM2), Block("", QUOTE)]
    assert lost_units(page, 7, body, [TITLE], top=2) == [f"Hỏi: {ASKED}", BASIS]
    assert lost_units(page, 7, body, [TITLE]) == []  # as before: from the first paragraph only


def test_a_credit_line_and_a_moved_table_are_not_losses() -> None:
    """A short line holding the author's name is the byline taken off; a block the extraction
    moved (a table put after the text) is kept where it went."""
    table = "Loại tài sản Bất động sản thời hiệu ba mươi năm Động sản thời hiệu mười năm"
    page = units(ITEM2, table, QUOTE, AFTER_QUOTE, "(Tin và ảnh: Minh Anh)", "Thống kê truy cập hôm nay")
    body = [Block("", ITEM2), Block("", QUOTE), Block("", AFTER_QUOTE), Block("", table)]
    assert lost_units(page, 0, body, ["Minh Anh"]) == []


def test_short_lines_under_the_title_open_the_answer() -> None:
    """No label at all: the legal basis and a short item between the title and the first long
    paragraph are the answer's first lines, not header."""
    long1 = ("Theo đó, người thừa kế có quyền yêu cầu chia di sản trong thời hạn ba mươi năm đối với bất "
             "động sản và mười năm đối với động sản, kể từ thời điểm mở thừa kế.")
    long2 = ("Hết thời hạn này, di sản thuộc về người thừa kế đang quản lý di sản đó; nếu không có người "
             "thừa kế đang quản lý thì di sản được giải quyết theo quy định của pháp luật.")
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            "<div class='menu'><a href='/'>Trang chủ</a> | <a href='/hoi-dap'>Hỏi đáp</a></div>"
            f"<div class='content'><h1>{TITLE}</h1><p>(15/03/2019)</p><p>{BASIS}</p><p>{ITEM1} đúng hạn.</p>"
            f"<p>{long1}</p><p>{long2}</p></div></body></html>")
    found = analyse_html(html)
    assert found.title == TITLE
    assert [found.summary, *(b.plain for b in found.body)][-4:] == [BASIS, f"{ITEM1} đúng hạn.", long1, long2]
    assert not found.lost
