"""Review of issue 12, findings 5, 6, 10, 11, 12: content files checked by what they hold,
links and Unicode names, tags without letters, and messages that point at the right fix."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from PIL import Image

from bantin.content.handbook.reader import parse_questions
from bantin.site.corpus import build_corpus
from bantin.files.filecheck import check_static, svg_problem
from bantin.content.inventory import take_inventory
from bantin.problems import Problems
from bantin.config.settings import Category, SiteConfig, UrlPrefixes
from bantin.site.urls import UrlScheme
from sitekit import article, build, run_bantin, write_site


def bantin_check(root: Path) -> subprocess.CompletedProcess:
    return run_bantin(root, "check")

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100


def jpeg_with_xmp() -> bytes:
    """A JPEG whose first bytes hold an XMP packet (`<?xpacket`, `<x:xmpmeta`), as cameras write."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    data = out.getvalue()
    xmp = b"http://ns.adobe.com/xap/1.0/\0<?xpacket begin=''?><x:xmpmeta><?xml version='1.0'?></x:xmpmeta>"
    return data[:2] + b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp + data[2:]


def verdict(name: str, data: bytes):
    ext = os.path.splitext(name)[1].lower()
    return check_static(name, ext, data[:2000], lambda: data)


# --- finding 5: every static file is what its extension says ----------------------------------

@pytest.mark.parametrize("name, data", [
    ("a.pdf", b"%PDF-1.7\n"), ("a.docx", b"PK\x03\x04..."), ("a.xlsx", b"PK\x03\x04"), ("a.odt", b"PK\x03\x04"),
    ("a.doc", OLE), ("a.xls", OLE), ("a.ppt", OLE), ("a.rtf", b"{\\rtf1 ..."), ("a.zip", b"PK\x05\x06" + b"\0" * 18),
    ("a.mp3", b"ID3\x04"), ("a.mp3", b"\xff\xfb\x90\x00"), ("a.mp4", b"\0\0\0\x18ftypmp42"), ("a.m4a", b"\0\0\0\x18ftypM4A "),
    ("a.ogg", b"OggS\0"), ("a.webm", b"\x1a\x45\xdf\xa3"), ("a.wav", b"RIFF\0\0\0\0WAVEfmt "),
    ("a.csv", "Họ tên,Xã\nA,B\n".encode()), ("a.csv", b""), ("a.ico", b"\0\0\x01\0\x01\0"), ("a.ico", PNG),
    ("a.png", PNG), ("a.jpg", jpeg_with_xmp()),
])
def test_sound_files_pass(name, data):
    assert verdict(name, data) is None


@pytest.mark.parametrize("name, data, said", [
    ("anh.png", b"<html><script>alert(1)</script>", "trang web"),
    ("anh.png", b"  \n<svg onload=alert(1)>", "trang web"),
    ("k.pdf", b"\xef\xbb\xbf<!DOCTYPE html><p>", "trang web"),
    ("so-lieu.csv", b"a,b\n1,<script>alert(1)</script>\n", "trang web"),
    ("so-lieu.csv", "<html>".encode("utf-16"), "trang web"),
    ("a.mp4", b"<?xml version='1.0'?><x/>", "trang web"),
    ("k.pdf", b"", "rỗng"),
    ("k.pdf", b"Hello", "không phải tệp PDF"),
    ("bieu-mau.doc", b"PK\x03\x04", ".docx"),
    ("bieu-mau.docx", OLE, ".doc"),
    ("a.mp3", b"hello", "âm thanh/video"),
    ("anh.png", b"\xff\xd8\xff\xe0garbage", "ảnh"),
])
def test_files_that_are_not_their_type_are_refused(name, data, said):
    found = verdict(name, data)
    assert found is not None and said in found[0] + found[1], found


def test_huge_images_are_refused_unread():
    def never():
        raise AssertionError("read")
    found = check_static("a.jpg", ".jpg", b"\xff\xd8\xff", never, size=200_000_000)
    assert found and "200 MB" in found[0]


def test_unreferenced_bad_files_and_link_rules(tmp_path):
    content = tmp_path / "content"
    for rel, data in {"tin-tuc/a.md": b"x", "tin-tuc/nhap.md": b"x", "images/anh.png": b"<html><script>",
                      "images/that.png": PNG, "tai-lieu/k.pdf": b"%PDF-1.4"}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(data)
    os.symlink("../tin-tuc/nhap.md", content / "tai-lieu" / "ban-thao.pdf")  # a page's source
    os.symlink("../images/that.png", content / "tai-lieu" / "anh.pdf")  # other extension
    os.symlink("../images/anh.png", content / "tai-lieu" / "anh.png")  # same extension, bad content
    os.symlink("../images/that.png", content / "tai-lieu" / "ban-sao.png")  # same type, sound: accepted
    inventory = take_inventory(content)
    found = {p.path: p for p in inventory.problems}
    assert set(inventory.static) == {"images/that.png", "tai-lieu/k.pdf", "tai-lieu/ban-sao.png"}
    assert "bài viết" in found["tai-lieu/ban-thao.pdf"].message
    assert "đuôi `.pdf`" in found["tai-lieu/anh.pdf"].message
    assert "trang web" in found["images/anh.png"].message and "trang web" in found["tai-lieu/anh.png"].message
    assert dict(inventory.links) == {"tai-lieu/ban-sao.png": "images/that.png"}
    # A link to a file only drafts use would publish it before the draft.
    held = inventory.draft_link_problems({"images/that.png"})
    assert [p.path for p in held] == ["tai-lieu/ban-sao.png"] and held[0].is_error


def test_bad_static_file_counts_among_files_with_errors(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a"),
                                 "tai-lieu/Bao-cao.pdf": b"%PDF-1.4\n", "tai-lieu/bao-cao.pdf": b"%PDF-1.4\n"})
    for done in (build(root, check=False), bantin_check(root)):
        assert done.returncode != 0
        lines = [line for line in done.stdout.splitlines() if "bao-cao.pdf" in line.lower() and "lỗi:" in line]
        assert lines and all("slug" not in line and "đổi tên một trong hai tệp" in line for line in lines), done.stdout
    assert "0 bản nháp; 1 tệp có lỗi" in done.stdout and "1 lỗi," in done.stdout, done.stdout


# --- finding 6: SVG only as a configured logo, and strictly ------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("inner", [
    '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>',
    '<use xlink:href="#g"/><style>rect { fill: red }</style><a href="#top"><circle r="2"/></a>',
])
def test_a_plain_svg_logo_passes(inner):
    assert svg_problem("logo.svg", SVG.format(inner).encode()) is None


@pytest.mark.parametrize("svg, said", [
    (SVG.format("").replace("<svg ", '<svg onload="alert(1)" '), "onload"),
    (SVG.format("<script>alert(1)</script>"), "script"),
    (SVG.format("<foreignObject><div/></foreignObject>"), "foreignObject"),
    (SVG.format('<a href="https://evil.example/"><circle r="2"/></a>'), "liên kết"),
    (SVG.format('<image xlink:href="data:image/png;base64,AA=="/>'), "liên kết"),
    (SVG.format("<style>@import url(https://evil.example/x.css);</style>"), "style"),
    (SVG.format('<rect style="fill: url(https://evil.example/t)"/>'), "url"),
    (SVG.format('<a><set attributeName="href" to="javascript:alert(1)"/></a>'), "set"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    ("<html><script>alert(1)</script></html>", "không phải ảnh SVG"),
    ("<svg", "XML"),
])
def test_unsafe_svg_logos_are_refused(svg, said):
    found = svg_problem("logo.svg", svg.encode())
    assert found is not None and said in found[0], found


def test_sample_like_site_with_a_clean_svg_logo_builds(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a"),
                                 "images/logo.svg": SVG.format('<circle r="4" fill="#123"/>')})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["logo"] = "images/logo.svg"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(root)
    assert (root / "site" / "images" / "logo.svg").exists()


# --- finding 11: names compared in NFC ------------------------------------------------------------

def test_nfd_names_are_refused_and_their_twins_named(tmp_path):
    content = tmp_path / "content"
    nfc, nfd = "tai-lieu/Báo cáo.pdf", unicodedata.normalize("NFD", "tai-lieu/Báo cáo.pdf")
    folder = unicodedata.normalize("NFD", "ảnh")
    for rel in (nfc, nfd, "tai-lieu/" + unicodedata.normalize("NFD", "Tờ trình.pdf"), f"{folder}/a.pdf"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(b"%PDF-1.4")
    inventory = take_inventory(content)
    found = {p.path: p for p in inventory.problems}
    assert set(inventory.static) == {nfc, f"{folder}/a.pdf"}  # the folder's error stops the build
    assert "NFD" in found[nfd].message and f"`{nfc}`" in found[nfd].message
    alone = found["tai-lieu/" + unicodedata.normalize("NFD", "Tờ trình.pdf")]
    assert "Tờ trình.pdf" in alone.fix and "trùng" not in alone.message
    assert folder in found and found[folder].is_error


def test_an_nfd_folder_is_still_walked_for_links_to_folders(tmp_path):
    folder = tmp_path / "content" / unicodedata.normalize("NFD", "ảnh")
    folder.mkdir(parents=True)
    os.symlink("/", folder / "goc")  # MkDocs' own walk would read the whole machine
    os.symlink("/", tmp_path / "content" / unicodedata.normalize("NFD", "gốc"))
    inventory = take_inventory(tmp_path / "content")
    assert sorted(p.path.rsplit("/", 1)[-1] for p in inventory.walk_hazards) == ["goc", unicodedata.normalize("NFD", "gốc")]


# --- finding 10: tags without letters ----------------------------------------------------------

SITE = SiteConfig(categories=(Category("dat-dai", "Đất đai"),))


def test_tags_without_letters_are_errors_on_the_tags_line():
    text = "---\ntitle: Tin\ndate: 2024-05-01\ncategory: dat-dai\ntags: ['..', '🙂', hợp lệ]\n---\nChữ.\n"
    corpus, problems = build_corpus({"tin-tuc/a.md": text.encode()}, SITE, UrlScheme(UrlPrefixes()))
    found = [p for p in problems.errors if p.field == "tags"]
    assert len(found) == 2 and all(p.line == 5 for p in found)
    assert "`..`" in found[0].message and "🙂" in found[1].message and "hòa giải" in found[0].fix


# --- finding 12: a reserved question id at its heading -----------------------------------------

def test_reserved_question_id_is_reported_at_its_heading():
    problems = Problems()
    body = "Giới thiệu.\n\n## Câu 1: Hỏi gì? {#con}\n\nĐáp.\n"
    _, questions = parse_questions("hoi-dap/a.md", body, 7, problems)
    assert questions == ()
    [problem] = problems.errors
    assert problem.line == 9 and problem.field == "" and "`con`" in problem.message
