"""A redirect map or a saved page that cannot be read is named in Vietnamese, with its line
and the fix (session 32).

Review of session 32, M6: a redirect map saved as Windows-1258 gave «không đọc hoặc ghi được
tệp ('utf-8' codec can't decode byte 0xe1 in position 3 …)», a map that is a folder «[Errno
21] Is a directory: '…/.old-host.map.fy8dfw4q' -> …»: Python's English, no line, no fix. A
page saved as UTF-16 without a byte order mark was called «tệp Word, PDF hay ảnh?».
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bantin.cli.importer import main_import, main_redirects
from bantin.tools.importer.redirectmap import read_redirect_map
from test_importer_handbook import OLD, QID, qa_page, save, site  # noqa: F401 (site: the fixture)
from test_importer_interrupted import articles

CP1258_MAP = b"# B\xe1ng chuy\xean h\xfd\xf4ng\nhttp://stp.songlam.gov.vn/x.aspx?ItemID=1 /tin-tuc/a/\n"
ENGLISH = ("codec", "Errno", "decode", "Is a directory", "Traceback")


def import_one(site: Path, kind: str) -> list[str]:
    if kind == "handbook":
        return [str(save(site, qa_page())), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]
    return [str(articles(site / "trang-cu", 1)[0]), "--category", "pbgdpl"]


@pytest.mark.parametrize("kind", ["handbook", "article"])
def test_a_redirect_map_not_in_utf8_is_named_with_its_line_and_the_fix(kind: str, site: Path, capsys) -> None:
    (site / "redirects").mkdir()
    path = site / "redirects" / "old-host.map"
    path.write_bytes(CP1258_MAP)
    code = main_import(import_one(site, kind))
    out = capsys.readouterr()
    assert code == 0 and not any(word in out.out + out.err for word in ENGLISH), out.out + out.err
    assert ("lưu ý: chưa ghi được bảng chuyển hướng: redirects/old-host.map:1: bảng chuyển hướng không phải chữ "
            "UTF-8 (có thể đã được lưu bằng Windows-1258 / ANSI). Cách sửa: mở tệp và lưu lại với bảng mã UTF-8") \
        in out.out
    assert "Sửa xong thì chạy lại đúng lệnh này" in out.out and "hoặc tự thêm các dòng `http" in out.out
    assert path.read_bytes() == CP1258_MAP  # never rewritten from a guess
    # Saved again as UTF-8 and the same command run again: the line the map lacks is added.
    path.write_text(CP1258_MAP.decode("cp1258"), encoding="utf-8")
    main_import(import_one(site, kind))
    capsys.readouterr()
    assert len(read_redirect_map(path)) == 2


def test_a_redirect_map_that_is_a_folder_is_named_as_one(site: Path, capsys) -> None:
    folder = site / "redirects" / "old-host.map"
    folder.mkdir(parents=True)
    code = main_import(import_one(site, "handbook"))
    out = capsys.readouterr()
    assert code == 0 and not any(word in out.out + out.err for word in ENGLISH), out.out + out.err
    assert ("chưa ghi được bảng chuyển hướng: redirects/old-host.map: đây là một thư mục, không phải tệp; bảng "
            "chuyển hướng là một tệp văn bản. Cách sửa: đổi tên thư mục đó") in out.out
    assert os.listdir(site / "redirects") == ["old-host.map"] and os.listdir(folder) == []  # no temporary file


def test_redirects_names_the_line_of_a_map_not_in_utf8(site: Path, capsys) -> None:
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_bytes(b"http://a.vn/x.aspx?id=1 /tin-tuc/a/\n" + CP1258_MAP)
    assert main_redirects([]) == 1
    out = capsys.readouterr()
    assert out.out == "" and not any(word in out.err for word in ENGLISH)
    assert out.err.startswith("lỗi: redirects/old-host.map:2: bảng chuyển hướng không phải chữ UTF-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_page_in_utf16_without_a_byte_order_mark_is_not_called_a_word_file(codec: str, site: Path, capsys) -> None:
    page = site / "trang.html"
    page.write_bytes(qa_page().encode(codec))
    code = main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"])
    err = capsys.readouterr().err
    assert code == 1 and "Word, PDF hay ảnh?" not in err
    assert (f"lỗi: {page}: tệp được lưu bằng bảng mã UTF-16 nhưng thiếu dấu BOM ở đầu tệp (không phải tệp Word, "
            "PDF hay ảnh), mà lệnh chỉ đọc UTF-16 có dấu BOM; hãy mở tệp bằng Notepad, chọn Lưu thành") in err
    assert not (site / "content" / "hoi-dap").exists()
    page.write_bytes(b"\xff\xfe" + qa_page().encode("utf-16-le"))  # with its mark, it is read
    assert main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]) == 0
    assert f"câu hỏi `{QID}`" in capsys.readouterr().out


def test_a_real_binary_is_still_called_one(site: Path, capsys) -> None:
    page = site / "bai.doc"
    page.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    assert main_import([str(page), "--category", "pbgdpl"]) == 1
    assert "đây không phải tệp văn bản hay HTML (tệp Word, PDF hay ảnh?)" in capsys.readouterr().err


def test_a_redirect_map_that_cannot_be_written_is_named_in_vietnamese(site: Path, capsys, monkeypatch) -> None:
    from bantin.tools.importer import redirectmap

    def refused(path, text, root):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(redirectmap, "write_no_follow", refused)
    assert main_import(import_one(site, "handbook")) == 0
    out = capsys.readouterr().out
    assert ("chưa ghi được bảng chuyển hướng: redirects/old-host.map: không ghi được bảng chuyển hướng (Permission "
            "denied). Cách sửa: kiểm tra quyền ghi vào tệp và thư mục của nó, và chỗ trống trên đĩa") in out
    assert "Errno" not in out and f"`{OLD} /hoi-dap/hd/{QID}/`" in out
