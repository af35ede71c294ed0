"""Files only drafts use are never published, even when the draft has a slip (security review F1).

A draft with a misspelt field, a broken YAML title or a document number without a year is
left out of the corpus; its pictures and attachments counted as used by a page that is not a
draft and were published in site/ and the offline copy, while the summary line said they were
held back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from bantin.content.drafts.files import files_named
from bantin.content.ownaddress import OwnAddress
from sitekit import article, build, run_bantin, write_site
from test_content_files import check, jpeg

PDF = b"%PDF-1.4 KET LUAN THANH TRA"
BROKEN_YAML = ("---\ntitle: Nháp: hỏng YAML\ndate: 2025-01-05\ncategory: dat-dai\ndraft: true\n---\n\n"
               "![Ảnh](../images/anh-yaml-hong.jpg)\n\n![Biên bản](<../images/biên bản họp.jpg>)\n\n"
               '<img alt="Sơ đồ" src="/images/so-do.jpg">\n\n'
               # by the site's full address (session 38: published as "used by no page"), and another site's
               "Tải https://bantin.example.org/tai-lieu/bao-cao.pdf. Phụ lục <https://bantin.example.org/tai-lieu/"
               "phu-luc.pdf>, [ghi chú](http://127.0.0.1:8000/tai-lieu/ghi-chu.pdf), "
               "[tự do](https://khac.example.com/tai-lieu/tu-do.pdf).\n")
FILES = {
    # Shown and offered as a file: its original is published (a picture only shown is published
    # as its variants alone, site/originals.py)
    "tin-tuc/cong-khai.md": article("Bài công khai", body="![Ảnh chung](../images/chung.jpg) [Ảnh gốc](../images/chung.jpg)\n"),
    # `tag:` for `tags:`: read, but refused, so it has no item
    "tin-tuc/nhap-sai-truong.md": article("Kết luận thanh tra", draft=True, tag=["thanh tra"],
                                          image="../images/bia-mat.jpg", image_alt="Bìa",
                                          attachments=[{"title": "Kết luận", "file": "../tai-lieu/ket-luan.pdf"}],
                                          body="![Biên bản](../images/bien-ban-mat.jpg) ![Ảnh chung](../images/chung.jpg)\n"),
    "tin-tuc/nhap-yaml-hong.md": BROKEN_YAML,  # front matter that cannot be read at all
    "tin-tuc/nhap-so-hieu.md": article("Nháp số hiệu", draft=True, documents=["999/QĐ-UBND"],
                                       body="![Ảnh riêng](anh-nhap.jpg)\n"),
    "images/chung.jpg": jpeg(), "images/bia-mat.jpg": jpeg((41, 30)), "images/bien-ban-mat.jpg": jpeg((42, 30)),
    "images/anh-yaml-hong.jpg": jpeg((43, 30)), "images/biên bản họp.jpg": jpeg((44, 30)),
    "images/so-do.jpg": jpeg((45, 30)), "tin-tuc/anh-nhap.jpg": jpeg((46, 30)),
    "tai-lieu/ket-luan.pdf": PDF, "tai-lieu/tu-do.pdf": b"%PDF-1.4",
    "tai-lieu/bao-cao.pdf": PDF + b" 2", "tai-lieu/phu-luc.pdf": PDF + b" 3", "tai-lieu/ghi-chu.pdf": PDF + b" 4",
}
HELD = ["images/bia-mat.jpg", "images/bien-ban-mat.jpg", "tai-lieu/ket-luan.pdf", "images/anh-yaml-hong.jpg",
        "images/biên bản họp.jpg", "images/so-do.jpg", "tin-tuc/anh-nhap.jpg",
        "tai-lieu/bao-cao.pdf", "tai-lieu/phu-luc.pdf", "tai-lieu/ghi-chu.pdf"]


def _not_strict(root: Path) -> Path:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["strict"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def _mkdocs(root: Path, strict: bool) -> subprocess.CompletedProcess:
    return build(root) if strict else build(_not_strict(root), "--no-strict")


def _bantin(root: Path, offline: bool) -> subprocess.CompletedProcess:
    done = run_bantin(root, "build", *(["--offline"] if offline else []))
    assert done.returncode == 0, done.stdout
    return done


@pytest.mark.parametrize("how, output", [
    ("mkdocs --strict", "site"), ("mkdocs", "site"), ("bantin build", "site"),
    ("bantin build --offline", "site-offline/ban-tin")])
def test_files_of_drafts_with_a_slip_are_not_published(tmp_path, how, output):
    root = write_site(tmp_path / "nhap", FILES)
    if how.startswith("mkdocs"):
        done = _mkdocs(root, strict=how.endswith("--strict"))
    else:
        done = _bantin(root, offline=how.endswith("--offline"))
    site = root / output
    assert list(site.glob("tin-tuc/bai-cong-khai*")), done.stdout
    assert (site / "images/chung.jpg").is_file() and (site / "tai-lieu/tu-do.pdf").is_file()
    published = [held for held in HELD if (site / held).exists()]
    assert published == [], done.stdout
    assert not any(PDF in path.read_bytes() for path in site.rglob("*.pdf"))
    assert f"{len(HELD)} tệp chỉ bản nháp dùng (không xuất bản)" in done.stdout
    assert "3 bản nháp; 0 tệp có lỗi" in done.stdout


def test_check_counts_the_files_of_drafts_with_a_slip(tmp_path):
    root = write_site(tmp_path / "nhap", FILES)
    done = check(root)
    assert done.returncode == 0, done.stdout
    assert f"{len(HELD)} tệp chỉ bản nháp dùng (không xuất bản)" in done.stdout


def test_a_broken_page_without_draft_true_is_an_error_not_a_draft(tmp_path):
    """Its `draft:` cannot be known and it does not say `draft: true`: it was meant to be
    public, so its error stops the build (nothing is published), and its picture is not
    counted as a draft's."""
    files = {"tin-tuc/cong-khai.md": article("Bài công khai"), "images/anh.jpg": jpeg(),
             "tin-tuc/hong.md": "---\ntitle: Hỏng: YAML\ndate: 2025-01-05\ncategory: dat-dai\n---\n\n"
                                "![Ảnh](../images/anh.jpg)\n"}
    root = write_site(tmp_path / "hong", files)
    done = build(_not_strict(root), "--no-strict", check=False)
    assert done.returncode != 0 and "tin-tuc/hong.md:2: [title] lỗi" in done.stdout
    assert not (root / "site/images/anh.jpg").exists()
    assert "tệp chỉ bản nháp dùng" not in done.stdout


# --- what a draft's text names -----------------------------------------------------------

FILES_OF_CONTENT = {"images/a.jpg", "images/ảnh hội nghị.jpg", "tin-tuc/b.png", "tai-lieu/c.pdf", "d.pdf"}


@pytest.mark.parametrize("text, expected", [
    ("![x](../images/a.jpg)", {"images/a.jpg"}),
    ("image: ../images/a.jpg\n", {"images/a.jpg"}),
    ("image: images/a.jpg\n", {"images/a.jpg"}),  # from content/: a careless path still counts
    ('<img src="/images/a.jpg">', {"images/a.jpg"}),
    ("![x](b.png#top) [y](../tai-lieu/c.pdf?v=2)", {"tin-tuc/b.png", "tai-lieu/c.pdf"}),
    ("![x](<../images/ảnh hội nghị.jpg>)", {"images/ảnh hội nghị.jpg"}),
    ("![x](../images/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg)", {"images/ảnh hội nghị.jpg"}),
    ("file: \"../images/a\u0309nh hội nghị.jpg\"", {"images/ảnh hội nghị.jpg"}),  # NFD, as a Mac writes it
    ("[x](..\\tai-lieu\\c.pdf)", {"tai-lieu/c.pdf"}),
    ("[x](../../d.pdf) [y](https://example.org/images/a.jpg)", set()),  # outside content/; another site
    ("Chưa có ảnh.", set()),
])
def test_files_named(text, expected):
    assert files_named("tin-tuc/nhap.md", text.encode("utf-8"), FILES_OF_CONTENT) == expected


OWN = OwnAddress("https://so.example.gov.vn/ban-tin/")


@pytest.mark.parametrize("text, expected", [
    ("Tải https://so.example.gov.vn/ban-tin/tai-lieu/c.pdf", {"tai-lieu/c.pdf"}),  # a bare address
    ("Tải https://so.example.gov.vn/ban-tin/tai-lieu/c.pdf.", {"tai-lieu/c.pdf"}),  # ending a sentence
    ("<https://so.example.gov.vn/ban-tin/tai-lieu/c.pdf>", {"tai-lieu/c.pdf"}),  # an autolink
    ("[x](https://so.example.gov.vn/ban-tin/tai-lieu/c.pdf#trang-2)", {"tai-lieu/c.pdf"}),
    ("![x](HTTPS://so.example.gov.vn/ban-tin/images/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg)",
     {"images/ảnh hội nghị.jpg"}),
    ("file: <https://so.example.gov.vn/ban-tin/images/ảnh hội nghị.jpg>", {"images/ảnh hội nghị.jpg"}),
    ("[x](http://127.0.0.1:8000/ban-tin/tai-lieu/c.pdf) [y](http://localhost:8000/d.pdf)",
     {"tai-lieu/c.pdf", "d.pdf"}),  # the preview's, under the site's path or at / (serve-site)
    ("https://so.example.gov.vn/tai-lieu/c.pdf https://khac.example.org/ban-tin/d.pdf", set()),  # not ours
    ("https://so.example.gov.vn/ban-tin/../d.pdf https://so.example.gov.vn/ban-tin/tin-tuc/../../d.pdf", set()),
    ("https://[::1/tai-lieu/c.pdf", set()),  # no address a browser reads: no traceback either
])
def test_files_named_by_the_site_s_full_address(text, expected):
    """The link check's rule (content/ownaddress.py): a site under a path, the preview, escapes."""
    assert files_named("tin-tuc/nhap.md", text.encode("utf-8"), FILES_OF_CONTENT, OWN) == expected
