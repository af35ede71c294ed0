"""What a province's migration trial found (session 30): lists that vanished, images saved
with the page left behind, the summary written twice, an unknown --category accepted.

Pages are written here in the shapes old portals have: a table layout (the article in a
cell) and a plain div layout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml

from bantin.tools.importer.losses import lost_units
from bantin.tools.importer.units import Block, Unit
from bantin.tools.importer.writing import import_file
from test_importer_trust import content  # noqa: F401 (the fixture: an empty content/ folder)

TODAY = date(2025, 1, 15)
TITLE = "Sở Tư pháp tổng kết công tác phổ biến pháp luật năm 2024"
FIRST = ("Sáng ngày 10/12, Sở Tư pháp tỉnh Sông Lam tổ chức hội nghị tổng kết công tác phổ biến, "
         "giáo dục pháp luật năm 2024 và triển khai nhiệm vụ năm 2025.")
SECOND = ("Trong năm qua, Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh đã chỉ đạo các cơ quan, "
          "đơn vị triển khai nhiều hoạt động thiết thực, hiệu quả như sau:")
LAST = ("Phát biểu tại hội nghị, Giám đốc Sở Tư pháp đề nghị các đơn vị tiếp tục phát huy những "
        "kết quả đạt được trong năm 2025.")
LISTS = ("<ul><li>Tổ chức 120 hội nghị phổ biến pháp luật;</li>"
         "<li>Cấp phát 30.000 tờ gấp, <b>sổ tay pháp luật</b> cho người dân;</li>"
         "<li>Xây dựng <a href='https://example.org/cm'>chuyên mục pháp luật</a> trên truyền hình."
         "<ul><li>Phát sóng 52 số trong năm;</li><li>Thu hút đông đảo khán giả.</li></ul></li></ul>"
         "<p>Các nhiệm vụ trọng tâm năm 2025 gồm:</p>"
         "<ol><li>Đổi mới hình thức phổ biến pháp luật;</li><li>Đẩy mạnh chuyển đổi số.</li></ol>")
EXPECTED_LIST = (
    "- Tổ chức 120 hội nghị phổ biến pháp luật;\n"
    "- Cấp phát 30.000 tờ gấp, **sổ tay pháp luật** cho người dân;\n"
    "- Xây dựng [chuyên mục pháp luật](https://example.org/cm) trên truyền hình.\n"
    "    - Phát sóng 52 số trong năm;\n"
    "    - Thu hút đông đảo khán giả."
)
EXPECTED_OL = "1. Đổi mới hình thức phổ biến pháp luật;\n2. Đẩy mạnh chuyển đổi số."


def div_page(body: str, head: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}</title>{head}</head><body>"
            f"<div class='header'>Cổng thông tin điện tử tỉnh Sông Lam</div><div class='content'>"
            f"<h1>{TITLE}</h1><div class='date'>Ngày đăng: 12/12/2024</div>"
            f"<p>{FIRST}</p><p>{SECOND}</p>{body}<p>{LAST}</p><p>Minh Anh</p></div></body></html>")


def table_page(body: str) -> str:
    """The article in a cell of a layout table, menus and counters in the cells around it."""
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            "<table width='980'><tr><td colspan='3' class='banner'>Cổng thông tin Sông Lam</td></tr>"
            "<tr><td class='leftmenu'><a href='index.php'>Trang chủ</a><br><a href='lh.php'>Liên hệ</a></td>"
            f"<td class='main'><table><tr><td><b>{TITLE}</b></td></tr>"
            "<tr><td>Cập nhật lúc: 12/12/2024 15:20 | Số lượt xem: 1234</td></tr>"
            f"<tr><td class='content'><font face='Arial'>{FIRST}<br><br>{SECOND}<br>{body}"
            f"{LAST}<br><br>(Tin và ảnh: Minh Anh)</font></td></tr>"
            "<tr><td><b>Tin liên quan:</b><br><a href='x.php'>Tập huấn nghiệp vụ hòa giải</a></td></tr>"
            "</table></td><td class='right'>Thống kê truy cập<br>Hôm nay: 321</td></tr></table>"
            "</body></html>")


def save(tmp_path: Path, html: str, name: str = "bai.html") -> Path:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return page


def imported(page: Path, content: Path, **kwargs):
    """(result, front matter, body text) of the article a page gives."""
    result = import_file(page, content, today=TODAY, **kwargs)
    assert result.path is not None, result.error
    text = result.path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    return result, yaml.safe_load(head), body.strip("\n")


# --- 1. Lists ------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [div_page, table_page], ids=["div", "layout-table"])
def test_lists_become_markdown_lists(shape, content: Path, tmp_path: Path) -> None:
    _, _, body = imported(save(tmp_path, shape(LISTS)), content)
    assert EXPECTED_LIST in body
    assert EXPECTED_OL in body
    assert body.count("Phát sóng 52 số") == 1  # a nested item is not repeated in its parent
    html = markdown.markdown(body)
    assert "<ol>" in html and html.count("<ul>") == 2
    assert "<li>Xây dựng" in html and "<ul>\n<li>Phát sóng" in html  # nested, not flattened


def test_quotation_and_definition_list_keep_their_shape(content: Path, tmp_path: Path) -> None:
    page = save(tmp_path, div_page(
        "<blockquote><p>Phổ biến pháp luật là nhiệm vụ của cả hệ thống chính trị.</p></blockquote>"
        "<dl><dt>Hòa giải viên</dt><dd>Người được công nhận để hòa giải ở cơ sở.</dd></dl>"
        "<h3>Kết quả nổi bật</h3><p>Biểu dương 25 tập thể, cá nhân có thành tích xuất sắc trong năm.</p>"))
    _, _, body = imported(page, content)
    assert "\n> Phổ biến pháp luật là nhiệm vụ của cả hệ thống chính trị.\n" in body
    assert "- **Hòa giải viên**: Người được công nhận để hòa giải ở cơ sở." in body
    assert "## Kết quả nổi bật" in body or "#### Kết quả nổi bật" in body


def test_text_the_extraction_left_out_is_named(content: Path, tmp_path: Path, monkeypatch) -> None:
    """Whatever trafilatura drops between the first paragraph and the signature is reported,
    naming the saved page; sidebars after the article are not."""
    import trafilatura

    precise = trafilatura.bare_extraction

    def drop_lists_in_cells(*args, **kwargs):  # trafilatura's precision mode, as before the fix
        kwargs["favor_recall"] = False
        return precise(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", drop_lists_in_cells)
    page = save(tmp_path, table_page(LISTS))
    result, _, body = imported(page, content)
    assert "120 hội nghị" not in body  # the drop this net is for
    [warning] = [w for w in result.warnings if "không có trong bài" in w]
    assert str(page) in warning and "«Tổ chức 120 hội nghị phổ biến pháp luật;»" in warning
    assert "Thống kê" not in warning and "Tập huấn" not in warning


def test_lost_units_only_inside_the_article() -> None:
    body = [Block("Một", "Đoạn đầu của bài viết."), Block("Hai", "Đoạn cuối của bài viết.")]
    units = [Unit("Tiêu đề bài viết ở đây"), Unit("Đoạn đầu của bài viết."),
             Unit("Một dòng danh sách bị bỏ sót"), Unit("Đoạn cuối của bài viết."),
             Unit("Thống kê truy cập hôm nay"), Unit("Liên kết website cuối trang")]
    assert lost_units(units, 1, body, []) == ["Một dòng danh sách bị bỏ sót"]
    # the byline taken off the end confirms what lies above it
    units.insert(4, Unit("Thêm một dòng nữa bị bỏ"))
    units.insert(5, Unit("(Tin và ảnh: Minh Anh)"))
    assert lost_units(units, 1, body, ["Minh Anh"])[-1] == "Thêm một dòng nữa bị bỏ"


# --- 3. The summary once ---------------------------------------------------------------------


def test_the_first_paragraph_is_the_summary_and_not_repeated(content: Path, tmp_path: Path) -> None:
    _, front, body = imported(save(tmp_path, div_page("")), content)
    assert front["summary"] == FIRST
    assert FIRST not in body
    assert body.startswith(SECOND)


def test_a_separate_lead_block_is_not_copied_into_the_body(content: Path, tmp_path: Path) -> None:
    """The old page's lead ("sapo") block, and the same text again as the first paragraph
    (some portals print both, with other spacing or in decomposed Unicode), appear once."""
    import unicodedata

    lead = ("Hội nghị tổng kết công tác phổ biến, giáo dục pháp luật năm 2024 của tỉnh Sông Lam "
            "diễn ra sáng nay với hơn 200 đại biểu tham dự.")
    again = unicodedata.normalize("NFD", lead).replace(" ", "  \n ", 3)
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='date'>Ngày đăng: 12/12/2024</div><div class='sapo'><b>{lead}</b></div>"
            f"<div class='content'><p>{again}</p><p>{FIRST}</p><p>{SECOND}</p><p>{LAST}</p></div></body></html>")
    _, front, body = imported(save(tmp_path, html), content)
    assert front["summary"] == lead
    assert "Hội nghị tổng kết" not in body and "2024 của tỉnh" not in body
    assert body.startswith(FIRST)


def test_an_article_of_one_paragraph_keeps_it(content: Path, tmp_path: Path) -> None:
    page = tmp_path / "bai.txt"
    page.write_text(f"{TITLE}\n\nNgày đăng: 12/12/2024\n\n{FIRST}\n", encoding="utf-8")
    _, front, body = imported(page, content)
    assert front["summary"] == FIRST and body == FIRST


# --- 4. --category checked against mkdocs.yml ------------------------------------------------

MKDOCS = """site_name: Bản tin
docs_dir: content
plugins:
  - search
  - bantin:
      categories:
        - title: Hòa giải ở cơ sở
        - title: Phổ biến, giáo dục pháp luật
          slug: pbgdpl
"""


def run_import(tmp_path: Path, monkeypatch, capsys, *args: str, mkdocs: str | None = MKDOCS):
    from bantin.cli.importer import main_import

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir(exist_ok=True)
    if mkdocs is not None:
        (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    save(tmp_path, div_page(""))
    code = main_import(["bai.html", *args])
    return code, capsys.readouterr(), sorted((tmp_path / "content").rglob("*.md"))


def test_an_unknown_category_is_refused_before_anything_is_written(tmp_path: Path, monkeypatch, capsys) -> None:
    code, out, written = run_import(tmp_path, monkeypatch, capsys, "--category", "Tin tức")
    assert code == 2 and written == []
    assert "--category «Tin tức»: mkdocs.yml không có chuyên mục" in out.err
    assert "Hòa giải ở cơ sở (hoa-giai-o-co-so); Phổ biến, giáo dục pháp luật (pbgdpl)" in out.err
    assert "chưa nhập tệp nào" in out.err


@pytest.mark.parametrize("given, slug", [
    ("Hòa giải ở cơ sở", "hoa-giai-o-co-so"), ("hoa giai o co so", "hoa-giai-o-co-so"),
    ("pbgdpl", "pbgdpl"), ("Phổ biến, giáo dục pháp luật", "pbgdpl"),
])
def test_a_known_category_by_title_or_slug_gets_its_slug(given: str, slug: str, tmp_path: Path, monkeypatch,
                                                        capsys) -> None:
    code, _, [written] = run_import(tmp_path, monkeypatch, capsys, "--category", given)
    assert code == 0
    assert yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])["category"] == slug


def test_without_mkdocs_yml_the_category_is_taken_as_given(tmp_path: Path, monkeypatch, capsys) -> None:
    code, _, [written] = run_import(tmp_path, monkeypatch, capsys, "--category", "Tin tức", mkdocs=None)
    assert code == 0 and "category: tin-tuc\n" in written.read_text(encoding="utf-8")


# --- 2. Images saved with the page (imported: see test_importer_images.py) ----------------


def test_images_saved_beside_the_page_are_named_as_written(content: Path, tmp_path: Path) -> None:
    """`bai_files/anh.jpg` resolved against the old address named a URL that never existed;
    a file the browser did not save is named as the page writes it."""
    head = "<link rel='canonical' href='http://old-host/tin/bai-123.html'>"
    page = save(tmp_path, div_page("<p><img src='./bai_files/anh.jpg' alt='Hội nghị'></p>"
                                   "<p><img src='bai_files/anh%20hai.png'></p>"
                                   "<p><img src='/Uploads/anh-3.jpg'></p>", head))
    result, _, _ = imported(page, content)
    notes = [w for w in result.warnings if "ảnh" in w]
    assert not any("old-host/tin/bai_files" in w for w in notes)
    for src in ("./bai_files/anh.jpg", "bai_files/anh%20hai.png"):
        assert any(f"ảnh `{src}` của trang đã lưu {page} chưa được nhập: không có tệp này" in w
                   for w in notes)
    assert any("1 ảnh chưa được nhập: http://old-host/Uploads/anh-3.jpg" in w for w in notes)


def test_a_category_whose_title_comes_from_an_unset_variable_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    """`- title: !ENV TEN_CHUYEN_MUC` unset: the build reads no title; the import says which
    variable, on which line, before refusing the name."""
    monkeypatch.delenv("TEN_CHUYEN_MUC", raising=False)
    text = MKDOCS.replace("- title: Hòa giải ở cơ sở", "- title: !ENV TEN_CHUYEN_MUC")
    code, out, written = run_import(tmp_path, monkeypatch, capsys, "--category", "Hòa giải ở cơ sở", mkdocs=text)
    line = text.splitlines().index("        - title: !ENV TEN_CHUYEN_MUC") + 1
    assert code == 2 and written == []
    assert f"mkdocs.yml:{line}: [categories[1].title] lỗi: `title` lấy giá trị từ biến môi trường `TEN_CHUYEN_MUC`" \
        in out.err
    monkeypatch.setenv("TEN_CHUYEN_MUC", "Hòa giải ở cơ sở")
    code, _, [written] = run_import(tmp_path, monkeypatch, capsys, "--category", "Hòa giải ở cơ sở", mkdocs=text)
    assert code == 0 and "category: hoa-giai-o-co-so\n" in written.read_text(encoding="utf-8")
