"""The inventory of content/: every file a page, a static file we publish, or a problem (issue 12).

Symlink tests make real links in tmp_path, as an editor's commit would check them out.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from bantin.content.inventory import take_inventory

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
PDF, DOCX, MP3 = b"%PDF-1.4\n", b"PK\x03\x04rest", b"ID3\x04rest"


def tree(root: Path, files: dict[str, bytes | str]) -> Path:
    content = root / "content"
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    content.mkdir(parents=True, exist_ok=True)
    return content


def problems_by_path(inventory):
    return {p.path: p for p in inventory.problems}


def test_pages_and_allowed_static_files(tmp_path):
    content = tree(tmp_path, {"tin-tuc/a.md": "x", "images/a.png": PNG, "tai-lieu/k.pdf": PDF,
                              "tai-lieu/bieu-mau.docx": DOCX, "tai-lieu/so-lieu.csv": "x", "am-thanh/b.mp3": MP3,
                              "images/.gitkeep": "", "CNAME": "x"})
    inventory = take_inventory(content)
    assert inventory.pages == ("tin-tuc/a.md",)
    assert dict(inventory.static) == {"CNAME": 1, "am-thanh/b.mp3": 8, "images/a.png": len(PNG),
                                      "tai-lieu/bieu-mau.docx": 8, "tai-lieu/k.pdf": 9, "tai-lieu/so-lieu.csv": 1}
    assert inventory.problems == ()  # .gitkeep: silent, not published
    assert inventory.refused == {"images/.gitkeep"}


def test_symlinks_out_of_content_are_errors_and_never_read(tmp_path):
    secret = tmp_path / "repo" / ".git" / "config"
    secret.parent.mkdir(parents=True)
    secret.write_text("[remote]\n\textraheader = AUTHORIZATION: basic SECRET\n")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "mat.md").write_text("bí mật")
    content = tree(tmp_path / "repo", {"tin-tuc/a.md": "x", "images/a.png": PNG})
    (content / "tin-tuc" / "config.md").symlink_to("../../.git/config")  # relative, as committed
    (content / "passwd.jpg").symlink_to("/etc/passwd")
    (content / "ngoai").symlink_to(outside)  # a folder outside
    (content / "vong").symlink_to(".")  # a loop inside
    (content / "hong.pdf").symlink_to("khong-co.pdf")
    (content / "ban-sao.png").symlink_to("images/a.png")  # a file inside: that file
    (content / ".env").write_text("MAT_KHAU=1")
    (content / "an.pdf").symlink_to(".env")  # a file inside, but hidden: never published
    inventory = take_inventory(content)
    found = problems_by_path(inventory)
    for rel in ("tin-tuc/config.md", "passwd.jpg", "ngoai"):
        assert "ra ngoài thư mục content/" in found[rel].message and found[rel].is_error
    assert "tới một thư mục" in found["vong"].message
    assert "hỏng" in found["hong.pdf"].message
    assert "tệp ẩn" in found["an.pdf"].message
    assert inventory.pages == ("tin-tuc/a.md",)
    assert set(inventory.static) == {"images/a.png", "ban-sao.png"}
    assert {"tin-tuc/config.md", "passwd.jpg", "ngoai", "vong", "hong.pdf", "an.pdf"} <= inventory.refused
    assert {p.path for p in inventory.walk_hazards} == {"ngoai", "vong"}
    assert all("SECRET" not in str(p) and "mat.md" not in str(p) for p in inventory.problems)


def test_hidden_files_and_templates_are_reported(tmp_path):
    content = tree(tmp_path, {"tin-tuc/.bai-an.md": "x", "tin-tuc/.DS_Store": "x", "templates/bai.md": "x",
                              ".obsidian/app.json": "x", ".nhap/bai.md": "x", "tin-tuc/templates/b.md": "x"})
    inventory = take_inventory(content)
    found = problems_by_path(inventory)
    assert found["tin-tuc/.bai-an.md"].is_error and "draft: true" in found["tin-tuc/.bai-an.md"].fix
    assert not found["tin-tuc/.DS_Store"].is_error  # a warning: nothing an editor meant to publish
    assert found["templates"].is_error and "templates" in found["templates"].message
    assert not found[".obsidian"].is_error and "1 tệp" in found[".obsidian"].message
    assert found[".nhap"].is_error and "1 bài" in found[".nhap"].message
    assert inventory.pages == ("tin-tuc/templates/b.md",)  # only content/templates/ is MkDocs' special case
    assert {"templates/bai.md", ".obsidian/app.json", ".nhap/bai.md", "tin-tuc/.bai-an.md"} <= inventory.refused


def test_wrong_extensions_backups_and_documents(tmp_path):
    names = ["tin-tuc/bai.MD", "tin-tuc/bai.markdown", "tin-tuc/bai.md~", "tin-tuc/#bai.md#", "tin-tuc/bai.bak",
             "tai-lieu/~$bieu-mau.docx", "tin-tuc/bai.txt", "tin-tuc/bai.docx", "hoi-dap/so-tay.odt",
             "trang/gioi-thieu.rtf", "huong-dan/hd.doc", "ghi-chu.pages"]
    inventory = take_inventory(tree(tmp_path, {n: "x" for n in names}))
    found = problems_by_path(inventory)
    # Word and text files (issue 14): .txt and .pages never published, a warning; .doc, .docx,
    # .odt, .rtf checked like any document, then published only if a page uses them (site/build.py)
    texts = {"tin-tuc/bai.txt", "ghi-chu.pages"}
    assert set(found) == set(names) and all(p.is_error for n, p in found.items() if n not in texts)
    assert not any(found[n].is_error for n in texts) and texts <= inventory.refused
    assert "`bai.md`" in found["tin-tuc/bai.MD"].fix and "`bai.md`" in found["tin-tuc/bai.markdown"].fix
    for backup in ("tin-tuc/bai.md~", "tin-tuc/#bai.md#", "tin-tuc/bai.bak", "tai-lieu/~$bieu-mau.docx"):
        assert "xóa" in found[backup].fix
    for text in texts:
        assert ".md" in found[text].fix and "không được xuất bản" in found[text].message
    for fake in ("tin-tuc/bai.docx", "hoi-dap/so-tay.odt", "huong-dan/hd.doc"):  # "x" is no Word file
        assert "nội dung không" in found[fake].message
    assert inventory.pages == () and not inventory.static and not inventory.loose


def test_script_capable_and_unknown_types_are_refused(tmp_path):
    names = ["trang/cu.html", "images/so-do.svg", "tai-lieu/x.xml", "js/a.js", "tai-lieu/a.exe", "Thumbs.db"]
    inventory = take_inventory(tree(tmp_path, {n: "<script>alert(1)</script>" for n in names}))
    found = problems_by_path(inventory)
    assert set(found) == set(names) and all(p.is_error for p in found.values())
    assert "PNG" in found["images/so-do.svg"].fix
    assert "mã chạy" in found["trang/cu.html"].message
    assert "không được xuất bản" in found["tai-lieu/a.exe"].message and ".pdf" in found["tai-lieu/a.exe"].fix


def test_files_named_in_mkdocs_yml_are_checked_too(tmp_path):
    """Review finding 6: an SVG logo is accepted in content/ only when mkdocs.yml names it and it
    passes the strict check; script and style sheets named there are refused (theme/ is their place)."""
    content = tree(tmp_path, {"css/extra.css": "x", "js/extra.js": "x", "images/logo.svg": "<svg/>",
                              "favicon.ico": "<html><script>alert(1)</script>", "images/so-do.svg": "<svg/>"})
    inventory = take_inventory(content, {"css/extra.css", "js/extra.js", "images/logo.svg", "favicon.ico"})
    found = problems_by_path(inventory)
    assert set(inventory.static) == {"images/logo.svg"}
    assert set(found) == {"css/extra.css", "js/extra.js", "favicon.ico", "images/so-do.svg"}
    assert "theme/" in found["js/extra.js"].fix and "theme/" in found["css/extra.css"].fix
    assert "trang web" in found["favicon.ico"].message


def test_inventory_does_not_follow_a_symlinked_root_child_even_when_huge(tmp_path):
    # A link to '/' would make MkDocs' own walk (followlinks=True) read the whole machine.
    content = tree(tmp_path, {"tin-tuc/a.md": "x"})
    os.symlink("/", content / "goc")
    inventory = take_inventory(content)
    assert [p.path for p in inventory.walk_hazards] == ["goc"] and inventory.pages == ("tin-tuc/a.md",)


def test_deeply_nested_folders(tmp_path):
    content = tree(tmp_path, {"tin-tuc/a.md": "x"})
    deep = content
    for _ in range(60):  # over the limit; thousands deep would end MkDocs' (and pytest's) recursive walks
        deep = deep / "a"
        os.mkdir(deep)
    (deep / "anh.png").write_bytes(b"x")
    inventory = take_inventory(content)  # the build stops before MkDocs' walk
    assert inventory.pages == ("tin-tuc/a.md",) and not inventory.static
    assert [p.path.count("/") for p in inventory.walk_hazards] == [32] and "quá sâu" in inventory.problems[0].message


def test_a_partial_file_left_by_a_killed_write_is_named_as_one(tmp_path):
    """files/replace.py and the importer write `.name.XXXXXXXX` (mkstemp) first: a kill leaves
    it, and the warning says what it is and that the file it was for is unharmed (session 32)."""
    import tempfile

    content = tree(tmp_path, {"hoi-dap/so-tay.md": "x", "images/anh.jpg": b"\xff\xd8\xff"})
    tempfile.mkstemp(prefix=".so-tay.md.", dir=content / "hoi-dap")
    tempfile.mkstemp(prefix=".anh.jpg.", suffix=".tmp", dir=content / "images")
    (content / "images" / ".ghi-chu.txt").write_text("x")
    found = [p for p in take_inventory(content).problems if "tệp ẩn" in p.message]
    partial = {p.path.split("/")[0]: p for p in found if "tệp tạm" in p.message}
    assert set(partial) == {"hoi-dap", "images"} and not any(p.is_error for p in found)
    assert "`so-tay.md` bị ngắt" in partial["hoi-dap"].message and "xóa tệp này" in partial["hoi-dap"].fix
    assert "`anh.jpg`" in partial["images"].fix
    other = next(p for p in found if p.path == "images/.ghi-chu.txt")
    assert "tệp tạm" not in other.message
