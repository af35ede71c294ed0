"""Taking a page down (`draft: true`) always goes through, even when published pages link to it
(session 34, an editors' trial: the build failed on the link, so the old site, the page to be
taken down included, stayed online). The link is published as its words, with a warning
naming the linking file and line; the preview, which shows drafts, keeps the link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bantin.config.settings import UrlPrefixes
from bantin.content.links import unlink
from bantin.site import build
from bantin.site.urls import UrlScheme
from sitekit import article, build as mkdocs_build, read, run_bantin, write_site
from growth import grows_linearly_in_cpu
from hostile import PNG
from test_drafts_policy import SITE, inputs_of

TAKEN_DOWN = "tin-tuc/tap-huan-hoa-giai-vien.md"
LINKING = "tin-tuc/hoi-nghi-tong-ket.md"
HANDBOOK = "hoi-dap/so-tay-hoa-giai.md"
# Front matter is 5 lines (---, title, date, category, ---): the links are on lines 8 and 10.
LINKING_TEXT = article("Hội nghị tổng kết", body=(
    "Hội nghị đánh giá kết quả năm.\n\n"
    "Xem tin [Tập huấn hòa giải viên](tap-huan-hoa-giai-vien.md) của huyện.\n\n"
    'Hoặc <a href="tap-huan-hoa-giai-vien.md">bài tập huấn</a> và [trang khác](khac.md).\n'))
HANDBOOK_TEXT = ("---\ntitle: Sổ tay hòa giải\ndate: 2024-01-01\ncategory: hoa-giai-o-co-so\n---\n\n"
                 "## Câu hỏi 1: Tập huấn thế nào? {#tap-huan-the-nao}\n\n"
                 "Xem [bản tin tập huấn](../tin-tuc/tap-huan-hoa-giai-vien.md#ket-qua).\n")
FILES = {
    LINKING: LINKING_TEXT,
    "tin-tuc/khac.md": article("Trang khác"),
    HANDBOOK: HANDBOOK_TEXT,
    TAKEN_DOWN: article("Tập huấn hòa giải viên", body="## Kết quả\n\nSố liệu sai.\n", draft=True),
}


@pytest.fixture(scope="module")
def taken_down(tmp_path_factory) -> Path:
    return write_site(tmp_path_factory.mktemp("takedown"), FILES)


def test_a_strict_build_publishes_without_the_page_taken_down(taken_down):
    done = mkdocs_build(taken_down)  # fails the test when the build fails
    assert not list((taken_down / "site").rglob("*tap-huan-hoa-giai-vien*"))
    page = read(taken_down, "tin-tuc/hoi-nghi-tong-ket/index.html")
    assert "Tập huấn hòa giải viên" in page and "bài tập huấn" in page
    assert "tap-huan-hoa-giai-vien" not in page  # no <a> to it: a reader meets no broken link
    assert re.search(r'<a href="\.\./trang-khac/">trang khác</a>', page)  # other links stay links
    question = read(taken_down, "hoi-dap/so-tay-hoa-giai/tap-huan-the-nao/index.html")
    assert "bản tin tập huấn" in question and "tap-huan-hoa-giai-vien" not in question
    handbook = read(taken_down, "hoi-dap/so-tay-hoa-giai/index.html")
    assert "bản tin tập huấn" in handbook and "tap-huan-hoa-giai-vien" not in handbook
    printed = read(taken_down, "hoi-dap/so-tay-hoa-giai/ban-in/index.html")
    assert "bản tin tập huấn" in printed and "tap-huan-hoa-giai-vien" not in printed
    # The warning, with file and line, is in the build's log (INFO: a warning never fails --strict).
    assert f"{LINKING}:8: cảnh báo: liên kết `tap-huan-hoa-giai-vien.md` dẫn tới content/{TAKEN_DOWN}" in done.stdout
    assert f"{HANDBOOK}:9: cảnh báo: liên kết `../tin-tuc/tap-huan-hoa-giai-vien.md#ket-qua`" in done.stdout


def test_check_passes_and_names_each_link_as_a_warning(taken_down):
    done = run_bantin(taken_down, "check")
    assert done.returncode == 0, done.stdout
    warned = [line for line in done.stdout.splitlines() if "bản nháp (`draft: true`)" in line]
    assert [line.split(": cảnh báo:")[0] for line in warned] == [f"{HANDBOOK}:9", f"{LINKING}:8", f"{LINKING}:10"]
    assert all("chữ thường, không bấm được" in line and f"xóa dòng `draft: true` của content/{TAKEN_DOWN}" in line
               for line in warned)
    assert "0 lỗi" in done.stdout


def test_the_preview_keeps_the_link():
    """`bantin serve` shows drafts, so there the link works and nothing is said."""
    found = build.read_site(inputs_of(FILES), SITE, UrlScheme(UrlPrefixes()), include_drafts=True)
    assert found.problems.items == []
    assert "](tap-huan-hoa-giai-vien.md)" in found.corpus.by_src(LINKING).body


def test_a_takedown_whose_front_matter_broke_still_goes_through():
    """`draft: true` set while the front matter got broken: the page is not published anyway
    (content/drafts/policy.py), so a link to it is the same warning, not "see that file's errors"."""
    broken = "---\ntitle: Tập huấn\ndraft: true\ndate: [2024\ncategory: hoa-giai-o-co-so\n---\n\nSố liệu sai.\n"
    found = build.read_site(inputs_of({**FILES, TAKEN_DOWN: broken}), SITE, UrlScheme(UrlPrefixes()),
                            include_drafts=False)
    assert found.problems.errors == []
    assert "Tập huấn hòa giải viên" in found.corpus.by_src(LINKING).body
    assert "](tap-huan-hoa-giai-vien.md)" not in found.corpus.by_src(LINKING).body


GONE = {"tin-tuc/b.md", "hoi-dap/s.md"}


@pytest.mark.parametrize("body, expected", [
    ("Xem [bài B](b.md) và [C](c.md).", "Xem bài B và [C](c.md)."),
    ("[*Bài* B](<b.md> \"tựa\") [q](../hoi-dap/s.md#cau)", "*Bài* B q"),
    ("[![Ảnh](../images/a.png)](b.md#x) ![x](../images/b.png)", "![Ảnh](../images/a.png) ![x](../images/b.png)"),
    ("Xem [bài][r], [r][] và [r]. [ok][s]\n\n[r]: b.md\n[s]: c.md\n", "Xem bài, r và r. [ok][s]\n\n\n[s]: c.md\n"),
    ('<a href="b.md" title="t">bài\nB</a>, <A id="m" HREF=\'b.md\'>x</A> <a href="c.md">c</a>',
     'bài\nB, <span id="m">x</span> <a href="c.md">c</a>'),
    ("`[x](b.md)` \\[y\\](b.md)\n\n```\n[z](b.md)\n```\n", "`[x](b.md)` \\[y\\](b.md)\n\n```\n[z](b.md)\n```\n"),
    ("[a\nb](\n  b.md)\ntiếp", "a\nb \ntiếp"),  # the line break inside the link is a space, not a new paragraph
    ("[ngoài](https://x.vn/b.md) [b](../tin-tuc/b.md)", "[ngoài](https://x.vn/b.md) b"),
    # a `>` inside a quoted value does not end the tag (a hostile review, session 34: «cũ"&gt;bài B»)
    ('Xem <a href="b.md" title="Bài > cũ">bài B</a> nhé.', "Xem bài B nhé."),
    # session 35: words holding brackets (Python-Markdown's link text nests them); a linked picture
    # by reference keeps the picture alone (was `[<img>]r`); an unknown `[a [r] b]` leaves `[r]` text
    ("Xem [bài [đặc biệt] B](b.md) nhé. [Luật [sửa [đổi]]](c.md)", "Xem bài [đặc biệt] B nhé. [Luật [sửa [đổi]]](c.md)"),
    ("[![Ảnh](../images/a.png)][r] [Luật [mới]][r] [a [r] b]\n\n[r]: b.md\n",
     "![Ảnh](../images/a.png) Luật [mới] [a [r] b]\n\n\n"),
    ("[![Ảnh [1]](../images/a.png) và [chữ]](b.md)", "![Ảnh [1]](../images/a.png) và [chữ]"),
    # a link in another's words: Python-Markdown makes it a link after styled words (`*b*`), so it goes
    ("[a *b* [x](b.md) c](c.md) ![ảnh [x](b.md)](../images/a.png)", "[a *b* x c](c.md) ![ảnh x](../images/a.png)"),
    ("[a *b* [x](b.md)](b.md) [[![Ảnh](../images/a.png)][r]](b.md)\n\n[r]: b.md\n",
     "a *b* x ![Ảnh](../images/a.png)\n\n\n"),
])
def test_unlink_leaves_the_words(body, expected):
    assert unlink(body, "tin-tuc/a.md", GONE) == expected


A = "https://bantin.example.org/tin-tuc/ban-nhap/"


@pytest.mark.parametrize("body, expected", [
    # session 38, review F3: words that are the draft's address go with the link, in every form
    (f"Xem [{A}][r] và [bài kia][r].\n\n[r]: b.md\n", "Xem  và bài kia.\n\n\n"),
    (f"Xem [{A}].\n\n[{A}]: b.md\n", "Xem .\n\n\n"),
    (f'Xem <a href="b.md">{A}</a> và <a href="b.md">bài kia</a>.', "Xem  và bài kia."),
    (f'Xem <a id="m" href="b.md"><b>{A.replace("/", "&#47;")}</b></a>.', 'Xem <span id="m"></span>.'),
    (f'Xem <a href="b.md">{A} nói</a>.', f"Xem {A} nói."),  # words that are more than an address stay
    (f'Xem <a href="c.md">{A}</a> [{A}][s]\n\n[s]: c.md\n', f'Xem <a href="c.md">{A}</a> [{A}][s]\n\n[s]: c.md\n'),
])
def test_unlink_drops_words_that_are_an_address(body, expected):
    assert unlink(body, "tin-tuc/a.md", GONE) == expected


def test_unlink_is_linear_on_hostile_bodies():
    """Many links to a draft, and many raw tags that never close: one pass each. By the growth of
    CPU time over four times the text (tests/growth.py), not an absolute bound: CI's loaded cores
    took 2.2 s of CPU for what takes 0.5 s here (session 42)."""
    def links(count: int) -> None:
        body = '<a href="b.md">x ' * count + "[y](b.md) " * count + "[r] " * count + "\n\n[r]: b.md\n"
        done = unlink(body, "tin-tuc/a.md", GONE)
        assert "b.md" not in done and done.count("x ") == count

    assert grows_linearly_in_cpu(links, 2500)
    # session 38: tags that never close took 23 s for 10,000 (each scanned the rest of the text),
    # and an address's words read to a far `</a>` as long
    for unit, end in (("<a href=b.md ", ""), ("<a href=b.md>https://a.org/x ", "</a>"),
                      ("<a href=b.md><b>https://a.org/x", "</a>")):
        assert grows_linearly_in_cpu(lambda count: unlink(unit * count + end, "tin-tuc/a.md", GONE), 2500), unit


def test_words_with_brackets_and_a_picture_by_reference_are_unlinked_in_a_strict_build(tmp_path):
    """Session 35 (left by session 34's review): `[bài [đặc biệt] B](b.md)` to a draft was not
    unlinked, so MkDocs stopped the strict build ("the target … is not found"), and
    `[![ảnh](p.png)][r]` with `[r]:` a draft was published as `[<img …>]r`. Now both are the
    words (the picture) with the takedown's warning, in an article and a handbook's answer, whose
    link to a published page with brackets in its words is rebased for the question's page."""
    files = {
        LINKING: article("Hội nghị tổng kết", body=(
            "Xem [bài [đặc biệt] tập huấn](tap-huan-hoa-giai-vien.md) nhé.\n\n"
            "[![Ảnh hội nghị](../images/a.png)][r]\n\n[r]: tap-huan-hoa-giai-vien.md\n")),
        "tin-tuc/khac.md": article("Trang khác"),
        HANDBOOK: HANDBOOK_TEXT.replace("[bản tin tập huấn]", "[bản tin [tập huấn]]") +
        "\nVà [Luật [sửa đổi]](../tin-tuc/khac.md).\n",
        TAKEN_DOWN: FILES[TAKEN_DOWN],
    }
    root = write_site(tmp_path / "s", files)
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "a.png").write_bytes(PNG)
    done = mkdocs_build(root)  # --strict: fails the test when the build fails
    page = read(root, "tin-tuc/hoi-nghi-tong-ket/index.html")
    assert "tap-huan-hoa-giai-vien" not in page and "Xem bài [đặc biệt] tập huấn nhé." in page, page
    # (in a <picture> with its WebP twin, session 41)
    assert re.search(r'<p>(?:<picture><source [^<>]*>)?<img alt="Ảnh hội nghị" src="[^"]+"[^>]*>(?:</picture>)?</p>', page), page
    question = read(root, "hoi-dap/so-tay-hoa-giai/tap-huan-the-nao/index.html")
    assert "tap-huan-hoa-giai-vien" not in question and "bản tin [tập huấn]" in question
    assert '<a href="../../../tin-tuc/trang-khac/">Luật [sửa đổi]</a>' in question, question
    assert f"{LINKING}:6: cảnh báo: liên kết `tap-huan-hoa-giai-vien.md`" in done.stdout
    assert f"{LINKING}:10: cảnh báo: liên kết `tap-huan-hoa-giai-vien.md`" in done.stdout
    assert f"{HANDBOOK}:9: cảnh báo: liên kết `../tin-tuc/tap-huan-hoa-giai-vien.md#ket-qua`" in done.stdout


def test_a_link_by_the_site_s_full_address_is_published_as_the_link_to_its_file(tmp_path):
    """An editors' trial (session 34): the web editor's link box takes what an editor pastes, the
    article's address from the browser; that was an error, and the whole site stopped
    publishing. It is a warning now, and the page links the file (so a USB copy and the preview
    open the page on the computer), Markdown and raw HTML, in an article and a handbook's answer."""
    other = "https://bantin.example.org/tin-tuc/trang-khac/"
    files = {
        LINKING: article("Hội nghị tổng kết", body=(
            f"Xem [trang khác]({other}) và [mục một]({other}#muc-mot).\n\n"
            f'Hoặc <a href="{other}">trang khác nữa</a>, và [bản xem trước](http://127.0.0.1:8000/tin-tuc/trang-khac/).\n')),
        "tin-tuc/khac.md": article("Trang khác", body="## Mục một\n\nChữ.\n"),
        HANDBOOK: HANDBOOK_TEXT.replace("../tin-tuc/tap-huan-hoa-giai-vien.md#ket-qua", other),
    }
    root = write_site(tmp_path / "s", files)
    done = mkdocs_build(root)  # --strict: fails the test when the build fails
    page = read(root, "tin-tuc/hoi-nghi-tong-ket/index.html")
    assert 'href="https://bantin.example.org/tin-tuc/trang-khac' not in page and "127.0.0.1" not in page
    assert len(re.findall(r'<a href="\.\./trang-khac/">', page)) == 3, page
    assert '<a href="../trang-khac/#muc-mot">mục một</a>' in page
    question = read(root, "hoi-dap/so-tay-hoa-giai/tap-huan-the-nao/index.html")
    assert re.search(r'<a href="\.\./\.\./\.\./tin-tuc/trang-khac/">bản tin tập huấn</a>', question), question
    assert (f"{LINKING}:6: cảnh báo: liên kết `{other}` viết bằng địa chỉ đầy đủ của chính trang này; bản dựng đã "
            "đổi nó thành đường dẫn tới tệp `khac.md`") in done.stdout


SITE_ADDRESS = "https://bantin.example.org/"


def full_address_site(tmp_path, body: str, **others):
    files = {LINKING: article("Hội nghị tổng kết", body=body), "tin-tuc/khac.md": article("Trang khác",
             body="## Mục một\n\nChữ.\n"), **others}
    return write_site(tmp_path / "s", files)


def test_a_file_linked_only_by_full_address_is_published(tmp_path):
    """A hostile review (session 34): a Word form linked by full address only was rewritten but
    not counted as used, so check said «0 lỗi» and the strict build stopped on MkDocs' English
    "not found"."""
    root = full_address_site(tmp_path, f"Tải [mẫu đơn]({SITE_ADDRESS}tai-lieu/mau-don.docx).\n")
    (root / "content" / "tai-lieu").mkdir()
    (root / "content" / "tai-lieu" / "mau-don.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    mkdocs_build(root)
    assert (root / "site" / "tai-lieu" / "mau-don.docx").exists()
    assert '<a href="../../tai-lieu/mau-don.docx">mẫu đơn</a>' in read(root, "tin-tuc/hoi-nghi-tong-ket/index.html")


@pytest.mark.parametrize("address", [f"{SITE_ADDRESS}tin-tuc/tap-huan-hoa-giai-vien/",
                                     "http://127.0.0.1:8000/tin-tuc/tap-huan-hoa-giai-vien/"])
def test_a_page_linked_by_full_address_can_be_taken_down(tmp_path, address):
    """A hostile review (session 34): by the preview's address the takedown failed the build (an
    address of no page); by the site's, the page kept a live link to the page taken down."""
    root = full_address_site(tmp_path, f"Xem [tin tập huấn]({address}).\n",
                             **{TAKEN_DOWN: FILES[TAKEN_DOWN]})
    done = mkdocs_build(root)
    page = read(root, "tin-tuc/hoi-nghi-tong-ket/index.html")
    assert "tin tập huấn" in page and "tap-huan-hoa-giai-vien" not in page
    assert "trang đang là bản nháp" in done.stdout


@pytest.mark.parametrize("body, says", [
    (f"![]({SITE_ADDRESS}images/a.png)\n", "chưa có mô tả (alt)"),
    (f"Xem [mục]({SITE_ADDRESS}tin-tuc/trang-khac/#khong-co-muc).\n", "khong-co-muc")])
def test_a_full_address_gets_the_checks_of_its_file(tmp_path, body, says):
    """A hostile review (session 34): a picture by full address skipped its description's check,
    and a `#section` of none was published broken; written as the file, each is an error."""
    root = full_address_site(tmp_path, body)
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "a.png").write_bytes(PNG)
    done = run_bantin(root, "check")
    errors = [line for line in done.stdout.splitlines() if ": lỗi:" in line]
    assert done.returncode != 0 and any(says in line for line in errors), done.stdout
