"""Autolinks `<https://…>` to the site's own address go through their file's checks, as
`[address](address)` does (security review F3, session 36): the check and the build said
nothing, a link to a draft stayed live (publishing the draft's address), a link to a page that
does not exist was published dead, and a file only a draft named this way was published."""

from __future__ import annotations

import re

import markdown
import pytest

from bantin.content.links import Autolink, _read, autolinks, files_for_addresses
from sitekit import article, build as mkdocs_build, read, run_bantin, set_site_url, write_site

SITE = "https://bantin.example.org"
LINKING = "tin-tuc/lien-ket.md"
DRAFT = "tin-tuc/nhap-sach.md"  # its address: /tin-tuc/ban-nhap-bi-mat/
# Front matter is 5 lines: the body's lines are 6, 8, 10, …
BODY = (f"Một <{SITE}/tin-tuc/trang-khac/> ở đây.\n\n"                         # 6: a page, published as its file
        f"Hai <{SITE}/tin-tuc/ban-nhap-bi-mat/>.\n\n"                         # 8: a draft: gone, words too
        f"Ba <https://khac.example.com/tin-tuc/x/> và <http://127.0.0.1:8000> và `<{SITE}/tin-tuc/khong/>`.\n\n"  # 10
        f"Bốn [xem <{SITE}/tin-tuc/trang-khac/>](khac.md) và ![<{SITE}/tin-tuc/khong/>](../images/a.png).\n\n"  # 12
        f"Năm <{SITE}/tin-tuc/trang-khac/#muc_mot>.\n\n"                      # 14: with its #id, `_` shown as is
        f"    <{SITE}/tin-tuc/khong-co/>\n")                                   # 16: indented code
FILES = {
    LINKING: article("Liên kết", body=BODY),
    "tin-tuc/khac.md": article("Trang khác", body="## Mục_một {#muc_mot}\n\nChữ.\n"),
    DRAFT: article("Bản nháp bí mật", draft=True, body=f"Tải <{SITE}/tai-lieu/rieng.pdf>.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("autolinks"), FILES)
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "a.png").write_bytes(_png())
    (root / "content" / "tai-lieu").mkdir()
    (root / "content" / "tai-lieu" / "rieng.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def _png() -> bytes:
    from hostile import PNG
    return PNG


def test_a_strict_build_links_the_file_and_drops_the_draft_s_address(site):
    done = mkdocs_build(site)  # --strict: fails the test when the build fails
    page = read(site, "tin-tuc/lien-ket/index.html")
    assert f'<a href="../trang-khac/">{SITE}/tin-tuc/trang-khac/</a> ở đây' in page, page
    assert "ban-nhap-bi-mat" not in page and "<p>Hai .</p>" in page  # the draft's address is nowhere
    assert '<a href="https://khac.example.com/tin-tuc/x/">' in page  # another host: untouched
    assert '<a href="http://127.0.0.1:8000">http://127.0.0.1:8000</a>' in page  # the guide's preview: untouched
    assert f"<code>&lt;{SITE}/tin-tuc/khong/&gt;</code>" in page and f"&lt;{SITE}/tin-tuc/khong-co/&gt;" in page
    assert f'<a href="../trang-khac/">xem {SITE}/tin-tuc/trang-khac/</a>' in page  # no <a> inside the <a>
    assert f'alt="&lt;{SITE}/tin-tuc/khong/&gt;"' in page  # an image's alt holds no link
    assert f'<a href="../trang-khac/#muc_mot">{SITE}/tin-tuc/trang-khac/#muc_mot</a>' in page
    assert not (site / "site" / "tai-lieu" / "rieng.pdf").exists()  # only the draft names it
    assert f"{LINKING}:8: cảnh báo: liên kết `tin-tuc/nhap-sach.md`" not in done.stdout


def test_check_warns_with_file_and_line(site):
    done = run_bantin(site, "check")
    assert done.returncode == 0, done.stdout
    lines = [line for line in done.stdout.splitlines() if line.startswith(LINKING)]
    assert [line.split(": cảnh báo:")[0] for line in lines] == [
        f"{LINKING}:6", f"{LINKING}:8", f"{LINKING}:8", f"{LINKING}:12", f"{LINKING}:14"], lines
    assert "liên kết và địa chỉ của nó được bỏ khỏi trang" in lines[2]
    assert "đổi nó thành đường dẫn tới tệp `khac.md`" in lines[0]


@pytest.mark.parametrize("written", [f"<{SITE}/tin-tuc/trang-khax/>", f"[trang]({SITE}/tin-tuc/trang-khax/)"])
def test_an_address_of_this_site_that_no_page_has_is_an_error(tmp_path, written):
    """By autolink or by Markdown link alike: published, it opened the 404 page."""
    files = {**FILES, LINKING: article("Liên kết", body=f"Xem\n{written}.\n")}
    root = write_site(tmp_path / "s", files)
    done = run_bantin(root, "check")
    assert done.returncode != 0
    assert (f"{LINKING}:7: lỗi: liên kết `{SITE}/tin-tuc/trang-khax/` là địa chỉ trên chính trang này nhưng "
            "không có trang nào ở địa chỉ đó") in done.stdout, done.stdout
    assert "có phải trang `khac.md`?" in done.stdout
    failed = mkdocs_build(root, check=False)
    assert failed.returncode != 0 and f"{LINKING}:7: lỗi:" in failed.stdout


def test_a_site_under_a_path_takes_only_its_own_addresses(tmp_path):
    body = ("Một <https://so.example.gov.vn/ban-tin/tin-tuc/trang-khac/>.\n\n"
            "Hai <https://so.example.gov.vn/cong-thong-tin/tin-tuc/x/>.\n")
    root = set_site_url(write_site(tmp_path / "s", {**FILES, LINKING: article("Liên kết", body=body)}),
                        "https://so.example.gov.vn/ban-tin/")
    mkdocs_build(root)
    page = read(root, "tin-tuc/lien-ket/index.html")
    assert re.search(r'<a href="\.\./trang-khac/">https://so\.example\.gov\.vn/ban-tin/tin-tuc/trang-khac/</a>', page)
    assert '<a href="https://so.example.gov.vn/cong-thong-tin/tin-tuc/x/">' in page


@pytest.mark.parametrize("body, found", [
    ("<https://a.org/x y/>", [Autolink(0, 20, "https://a.org/x y/", False)]),  # spaces: Python-Markdown's too
    ("<HTTPS://a.org/x&amp;y>", [Autolink(0, 23, "HTTPS://a.org/x&y", False)]),
    ("<https://a.org/x\ny>", [Autolink(0, 19, "https://a.org/x\ny", False)]),  # one paragraph
    ("<https://a.org/x\n\ny>", []),  # two paragraphs
    ("<ftp://a.org/x>", []),
    ("[a](<https://a.org/x>)", []),  # a target, not an autolink
    ("[a <https://a.org/x>](b.md)", [Autolink(3, 20, "https://a.org/x", True)]),
    ("<!-- <https://a.org/x> -->", []),
])
def test_autolinks_are_read_as_python_markdown_reads_them(body, found):
    assert autolinks(_read(body)) == found


def test_an_address_with_markdown_characters_keeps_them_as_written():
    body = "Xem <https://a.org/tin-tuc/a_b*c*[1]/>.\n"
    written = files_for_addresses(body, {"https://a.org/tin-tuc/a_b*c*[1]/": "a b.md"})
    assert written.startswith("Xem [https://") and written.endswith("](<a b.md>).\n"), written
    shown = markdown.markdown(written)
    assert shown == '<p>Xem <a href="a b.md">https://a.org/tin-tuc/a_b*c*[1]/</a>.</p>', shown
