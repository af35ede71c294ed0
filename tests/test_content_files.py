"""End to end: every file of content/ published as what it is or reported, and `bantin check`
and `mkdocs build --strict` agreeing on every link (issue 12)."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

from PIL import Image

from sitekit import article, build, run_bantin, write_site

QA = """---
title: Sổ tay thử
date: 2024-05-01
category: dat-dai
type: qa
---
Giới thiệu, xem [câu hai](#hai).

## Câu hỏi 1: Một? {#mot}

Xem [tài liệu](../tai-lieu/a.pdf), [bài A](../tin-tuc/a.md#muc-mot), [câu hai](#hai) và
<a href="../tin-tuc/a.md">bài A</a>.

## Câu hỏi 2: Hai? {#hai}

Trả lời.
"""


def jpeg(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def check(root: Path) -> subprocess.CompletedProcess:
    return run_bantin(root, "check")


def errors(output: str) -> set[str]:
    """The problem lines of a check or build output, without the log prefix."""
    lines = (re.sub(r"^(ERROR|WARNING|INFO)\s+-\s+", "", line) for line in output.splitlines())
    return {line for line in lines if re.match(r"[^\s:]+(:\d+)?:( \[\w+\])? lỗi: ", line)}


def both(root: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    return check(root), build(root, check=False)


def test_check_and_build_agree_on_broken_links(tmp_path):
    body = """## Mục một

[địa chỉ trang](/tin-tuc/b/) [thư mục](../tin-tuc/b/) [không .md](b) [neo](b.md#khong-co)
[neo ở đây](#khong-co) [tệp không có](khong-co.pdf)

<a href="khong-co.md">thô</a> <img alt="Ảnh" src="../images/khong-co.jpg"> [nháp](nhap.md)
"""
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A", body=body), "tin-tuc/b.md": article("B"),
                                 "tin-tuc/nhap.md": article("Nháp", draft=True)})
    checked, built = both(root)
    assert checked.returncode == 1 and built.returncode != 0
    found = errors(checked.stdout)
    assert len(found) == 8, checked.stdout  # the link to the draft is a warning (tests/test_takedown.py)
    assert found == errors(built.stdout)
    assert "Aborted with" not in built.stdout.replace("Aborted with a BuildError!", "")
    assert "`b.md`" in checked.stdout  # the fix names the file
    assert "WARNING" not in built.stdout


def test_a_site_check_accepts_builds_strict_without_link_warnings(tmp_path):
    body = ("## Mục một\n\n[B](b.md#muc-hai) ![Ảnh](../images/a.jpg)\n"
            "<a href=\"../hoi-dap/so-tay.md#mot\">câu một</a>\n[QĐ](../tai-lieu/qd_(2024).pdf)\n"
            "<video src=\"../tai-lieu/a.mp4\" poster=\"../images/a.jpg\"></video>\n")
    files = {"tin-tuc/a.md": article("A", body=body),
             "tin-tuc/b.md": article("B", body="## Mục hai\n\n[A](/tin-tuc/a.md)\n"),
             "hoi-dap/so-tay.md": QA, "tai-lieu/a.pdf": b"%PDF-1.4\n", "images/a.jpg": jpeg(),
             "tai-lieu/qd_(2024).pdf": b"%PDF-1.4\n", "tai-lieu/a.mp4": b"\0\0\0\x18ftypmp42"}
    root = write_site(tmp_path, files)
    checked, built = both(root)
    assert checked.returncode == 0, checked.stdout
    assert built.returncode == 0 and "WARNING" not in built.stdout, built.stdout
    # The question page's links, written from the handbook's folder, reach their files.
    question = (root / "site/hoi-dap/so-tay-thu/mot/index.html").read_text(encoding="utf-8")
    for href in ("../../../tai-lieu/a.pdf", "../../../tin-tuc/a/#muc-mot", "../#hai"):
        assert f'href="{href}"' in question
    assert (root / "site/tai-lieu/a.pdf").exists()
    # Raw HTML links reach their pages too (MkDocs rewrites Markdown links only).
    article_a = (root / "site/tin-tuc/a/index.html").read_text(encoding="utf-8")
    assert 'href="../../hoi-dap/so-tay-thu/#mot"' in article_a
    assert 'src="../../tai-lieu/a.mp4" poster="../../images/a.jpg"' in article_a
    assert 'href="../../../tin-tuc/a/"' in question


def test_symlinks_are_refused_by_check_and_build(tmp_path):
    secret = tmp_path / ".git" / "config"
    secret.parent.mkdir()
    secret.write_text("[http]\n\textraheader = AUTHORIZATION: basic BI-MAT\n")
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A")})
    (root / "content/tin-tuc/config.md").symlink_to("../../.git/config")
    (root / "content/passwd.pdf").symlink_to("/etc/passwd")
    checked, built = both(root)
    assert checked.returncode == 1 and built.returncode != 0
    assert errors(checked.stdout) == errors(built.stdout)
    for name in ("tin-tuc/config.md", "passwd.pdf"):
        assert any(line.startswith(f"{name}: lỗi: là liên kết tượng trưng") for line in errors(checked.stdout))
    assert "BI-MAT" not in checked.stdout + built.stdout and "root:" not in built.stdout
    assert not (root / "site").exists()


def test_a_folder_link_stops_the_build_before_mkdocs_walks_it(tmp_path):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.pdf").write_bytes(b"%PDF-1.4 BI-MAT")
    root = write_site(tmp_path / "site-root", {"tin-tuc/a.md": article("A")})
    (root / "content/tai-lieu").symlink_to(outside)
    (root / "content/goc").symlink_to("/")  # MkDocs' walk would read the whole machine
    checked, built = both(root)
    assert checked.returncode == 1 and built.returncode != 0
    assert errors(checked.stdout) == errors(built.stdout)
    assert {line.split(":")[0] for line in errors(built.stdout)} == {"tai-lieu", "goc"}
    assert not (root / "site").exists()


def test_refused_and_hidden_files_are_reported_the_same_way(tmp_path):
    files = {"tin-tuc/a.md": article("A"), "tin-tuc/.bai-an.md": article("Ẩn"), "templates/bai.md": article("Mẫu"),
             "tin-tuc/bai.MD": article("Hoa"), "tin-tuc/a.md~": article("Sao lưu"), "tin-tuc/bai.txt": "chữ",
             "tin-tuc/bai.docx": b"PK\x03\x04", "trang/cu.html": "<script>alert(1)</script>",
             "images/so-do.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'}
    root = write_site(tmp_path, files)
    checked, built = both(root)
    assert checked.returncode == 1 and built.returncode != 0
    found = errors(checked.stdout)
    assert found == errors(built.stdout)
    # Word and text files are a warning, not published (issue 14): they do not stop the build
    texts = {"tin-tuc/bai.txt", "tin-tuc/bai.docx"}
    assert {line.split(":")[0] for line in found} == set(files) - {"tin-tuc/a.md", "templates/bai.md"} - texts | {"templates"}
    assert "tin-tuc/bai.txt: cảnh báo" in checked.stdout and "tin-tuc/bai.docx: cảnh báo" in checked.stdout
    assert "6 tệp có lỗi" in checked.stdout


def test_hidden_junk_is_a_warning_and_not_published(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A"), "images/.DS_Store": b"\0\0",
                                 ".obsidian/app.json": "{}", "images/.gitkeep": ""})
    checked, built = both(root)
    assert checked.returncode == 0 and "images/.DS_Store: cảnh báo" in checked.stdout
    assert ".obsidian: cảnh báo" in checked.stdout and ".gitkeep" not in checked.stdout
    assert built.returncode == 0
    assert not (root / "site/images/.DS_Store").exists() and not (root / "site/.obsidian").exists()


def test_files_only_drafts_use_are_not_published(tmp_path):
    files = {"tin-tuc/a.md": article("A", body="![Ảnh chung](../images/chung.jpg)\n"),
             "tin-tuc/nhap.md": article("Nháp", draft=True, image="../images/rieng.jpg", image_alt="Ảnh riêng",
                                        attachments=[{"title": "Dự thảo", "file": "../tai-lieu/du-thao.pdf"}],
                                        body="![Ảnh chung](../images/chung.jpg) [kế hoạch](../tai-lieu/ke-hoach.pdf)\n"),
             "images/chung.jpg": jpeg(), "images/rieng.jpg": jpeg((50, 40)), "tai-lieu/du-thao.pdf": b"%PDF-1.4 DU-THAO",
             "tai-lieu/ke-hoach.pdf": b"%PDF-1.4", "tai-lieu/tu-do.pdf": b"%PDF-1.4"}
    root = write_site(tmp_path / "xuat-ban", files)
    built = build(root)
    assert "3 tệp chỉ bản nháp dùng (không xuất bản)" in built.stdout
    site = root / "site"
    # A picture a published page shows is published as its variants (its original, shown by no
    # page, is withdrawn: site/originals.py); a file no page names is published as it is.
    assert list(site.glob("assets/img/chung-*.jpg")) and (site / "tai-lieu/tu-do.pdf").exists()
    for held in ("images/rieng.jpg", "tai-lieu/du-thao.pdf", "tai-lieu/ke-hoach.pdf"):
        assert not (site / held).exists(), held
    assert not list(site.glob("assets/img/rieng-*"))
    assert "3 tệp chỉ bản nháp dùng" in check(root).stdout
    # The live preview shows drafts, and what they use.
    preview = write_site(tmp_path / "xem-truoc", files, drafts=True)
    build(preview)
    assert list((preview / "site").glob("assets/img/rieng-*.jpg")) and (preview / "site/tai-lieu/du-thao.pdf").exists()


def test_bad_images_are_errors_in_check_and_build(tmp_path):
    good = jpeg((640, 480))
    files = {"tin-tuc/a.md": article("A", image="../tai-lieu/k.pdf", image_alt="Ảnh"),
             "tin-tuc/b.md": article("B", body="![Cụt](../images/cut.jpg) <img alt=\"Rác\" src=\"../images/rac.png\">\n"),
             "tin-tuc/c.md": article("C", image="b.md", image_alt="Ảnh"),
             "tai-lieu/k.pdf": b"%PDF-1.4\n", "images/cut.jpg": good[: len(good) // 2],
             "images/rac.png": os.urandom(2048)}
    root = write_site(tmp_path, files)
    checked, built = both(root)
    found = errors(checked.stdout)
    # Each bad image file is an error of its own (the inventory checks every file), and the page
    # that shows it is told the file is not published: 2 files + 2 images + 2 `image:` fields.
    assert found == errors(built.stdout) and len(found) == 6, checked.stdout
    assert any("không trọn vẹn" in line for line in found)
    assert sum("không phải tệp ảnh" in line for line in found) == 2
