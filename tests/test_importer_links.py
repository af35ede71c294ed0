"""Links inside imported articles that point to the old portal (a province's migration trial,
session 30, left to session 31): they were kept as they were, so they would break when the
portal closes, and a relative one became text without a word.

Now a link to another page of the old portal that has a page on the new site (imported in the
same run, or before: its `aliases:` or its line in the redirect map) becomes a relative
Markdown link to that page's file; any other is kept as an absolute link to the old address
and named in the report with its file and line. Pages are written here in the shapes old
portals have (DotNetNuke `Default.aspx?tabid=…&ItemID=…`, plain `.html` paths).
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from bantin.cli.importer import main_import
from bantin.tools.importer.writing import import_file, import_files
from linkscan import broken_links
from sitekit import build, write_site

TODAY = date(2025, 1, 15)
HOST = "http://stp.songlam.gov.vn"
DNN = f"{HOST}/tin-tuc-su-kien/Default.aspx?tabid=123&ItemID=456"  # a DotNetNuke news item
PLAIN = f"{HOST}/tin-tuc/tap-huan-789.html"  # a page at a plain path (an alias on the new site)
FIRST = ("Sáng ngày 10/12, Sở Tư pháp tỉnh Sông Lam tổ chức hội nghị tổng kết công tác phổ biến, "
         "giáo dục pháp luật năm 2024 và triển khai nhiệm vụ năm 2025.")
LAST = ("Phát biểu tại hội nghị, Giám đốc Sở Tư pháp đề nghị các đơn vị tiếp tục phát huy những "
        "kết quả đạt được trong năm 2025.")
TITLE_A = "Hội nghị tổng kết công tác hòa giải năm 2024"
TITLE_B = "Tập huấn kỹ năng cho hòa giải viên cơ sở"
SLUG_A = "hoi-nghi-tong-ket-cong-tac-hoa-giai-nam-2024"
SLUG_B = "tap-huan-ky-nang-cho-hoa-giai-vien-co-so"


def saved(folder: Path, name: str, title: str | None, address: str | None, *links: str, first: str = FIRST,
          blocks: str = "") -> Path:
    """A saved portal page: one paragraph of text around each link (`<a …>…</a>` as written),
    then `blocks` (HTML as written) before the last paragraph."""
    head = f"<link rel='canonical' href='{address}'>" if address else ""
    head += f"<title>{title}</title>" if title else ""  # no title anywhere: a draft
    heading = f"<h1>{title}</h1>" if title else ""
    header = "<div class='header'>Cổng thông tin điện tử tỉnh Sông Lam</div>" if title else ""
    paragraphs = "".join(f"<p>Nội dung liên quan được trình bày trong {link} của Sở Tư pháp tỉnh.</p>"
                         for link in links)
    page = folder / name
    page.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body>{header}<div class='content'>"
                    f"{heading}<div class='date'>Ngày đăng: 12/12/2024</div><p>{first}</p>{paragraphs}"
                    f"{blocks}<p>{LAST}</p><p>Minh Anh</p></div></body></html>", encoding="utf-8")
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "trang-cu").mkdir()
    return tmp_path


def run(site: Path, *pages: Path, **kwargs):
    results = import_files(pages, site / "content", today=TODAY,
                           redirect_map=site / "redirects" / "old-host.map", **kwargs)
    assert [r.error for r in results] == [None] * len(pages), [r.error for r in results]
    return results


def body(result) -> str:
    return result.path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def line_of(result, needle: str) -> int:
    """The line of the written file holding `needle` (1 = the `---` opening the front matter)."""
    lines = result.path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def report(result, content: Path) -> list[str]:
    return result.report(content)


# --- 1. Pages of one run, and pages imported before -------------------------------------------


def test_links_between_pages_of_one_run_lead_to_the_new_files(site: Path) -> None:
    """Relative, root-relative and absolute links (either scheme) to a page imported in the
    same run, before or after it, become `[…](file.md)`: MkDocs checks them and gives them the
    site's addresses. A DotNetNuke item is known by the redirect map's rules: its parameters
    in any order and case, with others beside them; another module's item of the same number is
    not it."""
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN,
              "<a href='../tin-tuc/tap-huan-789.html'>bài tương đối</a>",
              "<a href='/tin-tuc/tap-huan-789.html'>bài từ gốc</a>",
              f"<a href='https://stp.songlam.gov.vn/tin-tuc/tap-huan-789.html'>bài tuyệt đối</a>")
    b = saved(site / "trang-cu", "b.html", TITLE_B, PLAIN,
              "<a href='/tin-tuc-su-kien/Default.aspx?ItemID=456&amp;TabId=123&amp;mctl=ViewDetail'>bài hội nghị</a>",
              "<a href='/tin-tuc-su-kien/Default.aspx?tabid=130&amp;ItemID=456'>mục của mô-đun khác</a>")
    ra, rb = run(site, a, b)
    assert ra.path.name == f"{SLUG_A}.md" and rb.path.name == f"{SLUG_B}.md"
    for label in ("bài tương đối", "bài từ gốc", "bài tuyệt đối"):
        assert f"[{label}]({SLUG_B}.md)" in body(ra)
    assert f"[bài hội nghị]({SLUG_A}.md)" in body(rb)
    other = f"{HOST}/tin-tuc-su-kien/Default.aspx?tabid=130&ItemID=456"
    assert f"[mục của mô-đun khác]({other})" in body(rb)
    assert "stp.songlam.gov.vn/tin-tuc/tap-huan-789" not in body(ra)
    assert not any("liên kết" in line for line in report(ra, site / "content"))
    [note] = [line for line in report(rb, site / "content") if "liên kết" in line]
    assert note.startswith(f"tin-tuc/{SLUG_B}.md:{line_of(rb, 'mô-đun khác')}: ") and other in note


def test_a_link_to_a_page_imported_before_is_found_by_what_the_import_recorded(site: Path) -> None:
    """An earlier run recorded its pages' old addresses: a plain path in `aliases:`, an
    address with a query in the redirect map (whose target is the article's `slug:`)."""
    run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN))
    run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    later = saved(site / "trang-cu", "c.html", "Ra mắt mô hình hòa giải tại nhà văn hóa", None,
                  f"<a href='{HOST}/tin-tuc-su-kien/Default.aspx?tabid=123&amp;ItemID=456&amp;mid=789'>hội nghị</a>",
                  f"<a href='{PLAIN}'>tập huấn</a>", "<a href='/tin-tuc/tap-huan-789.html'>tập huấn (từ gốc)</a>")
    [rc] = run(site, later)
    assert f"[hội nghị]({SLUG_A}.md)" in body(rc)
    assert f"[tập huấn]({SLUG_B}.md)" in body(rc) and f"[tập huấn (từ gốc)]({SLUG_B}.md)" in body(rc)


def test_a_moved_article_segment_still_finds_the_article_behind_a_map_line(site: Path) -> None:
    """The map names `/tin-tuc-su-kien/<slug>/` (imported before `urls: article:` changed):
    the line still leads to the article in content/tin-tuc/ (as `bantin redirects` reads it)."""
    (site / "content" / "tin-tuc").mkdir()
    (site / "content" / "tin-tuc" / "hoi-nghi.md").write_text(
        "---\ntitle: Hội nghị\nslug: hoi-nghi\ndate: 2024-12-12\ncategory: hoa-giai\n---\n\nNội dung.\n",
        encoding="utf-8")
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_text(f"{DNN} /tin-tuc-su-kien/hoi-nghi/\n", encoding="utf-8")
    [rc] = run(site, saved(site / "trang-cu", "c.html", TITLE_B, PLAIN, f"<a href='{DNN}'>hội nghị</a>"))
    assert "[hội nghị](hoi-nghi.md)" in body(rc)


# --- 2. Links that cannot lead to a new page --------------------------------------------------


def test_a_page_not_imported_keeps_its_old_address_and_is_reported(site: Path, monkeypatch, capsys) -> None:
    """Resolved against the page's own address (the folder it is in: trafilatura resolved
    against the host's root, `/chi-tiet.aspx`), kept as a link, and named with its file, line
    and address, with what to do. A link to another site is no business of the report."""
    page = saved(site / "trang-cu", "a.html", TITLE_A, DNN,
                 "<a href='chi-tiet.aspx?ItemID=9'>bài chưa nhập</a>",
                 "<a href='https://thuvienphapluat.vn/van-ban/Luat-Hoa-giai-co-so-2013.aspx'>luật</a>")
    monkeypatch.chdir(site)
    assert main_import([str(page), "--content-dir", "content"]) == 0
    out = capsys.readouterr().out
    article = site / "content" / "tin-tuc" / f"{SLUG_A}.md"
    text = article.read_text(encoding="utf-8")
    old = f"{HOST}/tin-tuc-su-kien/chi-tiet.aspx?ItemID=9"
    assert f"[bài chưa nhập]({old})" in text
    assert "[luật](https://thuvienphapluat.vn/van-ban/Luat-Hoa-giai-co-so-2013.aspx)" in text
    number = next(n for n, line in enumerate(text.splitlines(), 1) if "bài chưa nhập" in line)
    [note] = [line for line in out.splitlines() if old in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{number}: ") and "chưa được nhập" in note
    assert "thuvienphapluat" not in out
    advice = out.split(note, 1)[1]
    assert "bantin import" in advice and "bantin redirects" in advice and "sửa liên kết" in advice


def test_a_page_imported_later_names_the_links_to_fix_in_articles_written_before(site: Path) -> None:
    """"Import that page too", the report said: done in a later run, the articles written
    before still link to the old address. An import never changes a file it did not write
    (an editor may have): the later run names each such line and the link to write."""
    [ra] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>"))
    before = ra.path.read_bytes()
    [rb] = run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    assert ra.path.read_bytes() == before
    [note] = [line for line in report(rb, site / "content") if f"{SLUG_A}.md" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'bài tập huấn')}: ") and PLAIN in note
    assert f"`[bài tập huấn]({SLUG_B}.md)`" in note


def test_the_closing_advice_counts_the_lines_of_files_written_before(site: Path, monkeypatch, capsys) -> None:
    """A page imported later names the link of an earlier article still leading to the old
    portal («vẫn trỏ về cổng thông tin cũ», with the link to write): the closing advice, which
    quotes those words and counts the lines, left it out and, alone, was not printed."""
    monkeypatch.chdir(site)
    first = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>")
    assert main_import([str(first)]) == 0
    assert "1 liên kết vẫn trỏ về cổng thông tin cũ" in capsys.readouterr().out
    assert main_import([str(saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))]) == 0
    out = capsys.readouterr().out
    [note] = [line for line in out.splitlines() if "«bài tập huấn» vẫn trỏ về cổng thông tin cũ" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:")
    assert "1 liên kết vẫn trỏ về cổng thông tin cũ (các dòng «vẫn trỏ về cổng thông tin cũ» ở trên)" in out


def test_a_link_to_a_page_refused_in_the_same_run_says_it_was_refused(site: Path) -> None:
    """A page of the run refused as imported before: the link to it said «(trang đó chưa
    được nhập)», false; it names the refused file and where to read why."""
    run(site, saved(site / "trang-cu", "b0.html", TITLE_B, None))  # imported before, its address unknown then
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>")
    b = saved(site / "trang-cu", "b.html", TITLE_B, PLAIN)
    ra, rb = import_files([a, b], site / "content", today=TODAY)
    assert ra.error is None and "đã được nhập thành" in rb.error
    [note] = [line for line in report(ra, site / "content") if "bài tập huấn" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'bài tập huấn')}: liên kết «bài tập huấn» vẫn trỏ về "
                           f"cổng thông tin cũ: {PLAIN}: trang đó bị từ chối trong lần nhập này"), note
    assert str(b) in note and "chưa được nhập" not in note


def test_a_link_in_the_lead_that_became_the_summary_is_named(site: Path) -> None:
    """The first paragraph becomes `summary:`, plain text shown as the page's lead, and leaves
    the body: its links had nowhere to go, without a word."""
    lead = FIRST.replace("hội nghị tổng kết", "<a href='/tin-tuc/tap-huan-789.html'>hội nghị tổng kết</a>")
    ra, rb = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN, first=lead),
                 saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    assert yaml.safe_load(ra.path.read_text(encoding="utf-8").split("---")[1])["summary"] == FIRST
    [note] = [line for line in report(ra, site / "content") if "hội nghị tổng kết" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'summary:')}: ")
    assert "`summary:`" in note and f"`[hội nghị tổng kết]({SLUG_B}.md)`" in note


def test_a_link_to_a_draft_stays_old_and_says_which_file_to_link_later(site: Path) -> None:
    """A page with no title is imported as a draft; a published page linking to a draft fails
    the build, so the link keeps its old address and the report names the file to link to."""
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài nháp</a>")
    b = saved(site / "trang-cu", "b.html", None, PLAIN)
    ra, rb = run(site, a, b)
    assert yaml.safe_load(rb.path.read_text(encoding="utf-8").split("---")[1])["draft"] is True
    assert f"[bài nháp]({PLAIN})" in body(ra)
    [note] = [line for line in report(ra, site / "content") if "bản nháp" in line and PLAIN in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'bài nháp')}: ") and f"({rb.path.name})" in note


def test_without_the_pages_address_a_relative_link_keeps_its_text_and_is_reported(site: Path) -> None:
    """Decided: with no address for the page (no canonical link, no "saved from", no --url) a
    relative link cannot be followed: its text stays, and the report names the link and
    `--url`. A root-relative one names a path on the old host: it still finds a page
    imported before by its `aliases:`."""
    run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    page = saved(site / "trang-cu", "a.html", TITLE_A, None,
                 "<a href='chi-tiet.aspx?ItemID=9'>bài tương đối</a>",
                 "<a href='/tin-tuc/tap-huan-789.html'>bài tập huấn</a>",
                 "<a href='/tin-tuc/khong-co.html'>bài không có</a>")
    [ra] = run(site, page)
    assert "trình bày trong bài tương đối của" in body(ra)
    assert f"[bài tập huấn]({SLUG_B}.md)" in body(ra)
    assert "trình bày trong bài không có của" in body(ra)
    notes = [line for line in report(ra, site / "content") if "liên kết" in line]
    assert len(notes) == 2
    relative = next(n for n in notes if "chi-tiet.aspx?ItemID=9" in n)
    assert relative.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'bài tương đối')}: ")
    assert "--url" in relative and "bài tương đối" in relative
    assert any("/tin-tuc/khong-co.html" in n and "--url" in n for n in notes)


def test_the_address_given_with_url_is_what_relative_links_are_read_against(site: Path) -> None:
    run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    page = saved(site / "trang-cu", "a.html", TITLE_A, None, "<a href='../tin-tuc/tap-huan-789.html'>bài tập huấn</a>",
                 "<a href='chi-tiet.aspx?ItemID=9'>bài chưa nhập</a>")
    [ra] = run(site, page, url=DNN)
    assert f"[bài tập huấn]({SLUG_B}.md)" in body(ra)
    assert f"[bài chưa nhập]({HOST}/tin-tuc-su-kien/chi-tiet.aspx?ItemID=9)" in body(ra)


# --- 3. Hostile links ---------------------------------------------------------------------------


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#9;script:alert(1)", "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
])
def test_script_and_data_links_never_reach_the_article(href: str, site: Path) -> None:
    [result] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{href}'>nộp hồ sơ</a>"))
    text = result.path.read_text(encoding="utf-8").lower()
    assert "script:" not in text and "data:" not in text
    assert "trình bày trong nộp hồ sơ của" in body(result)
    [note] = [line for line in report(result, site / "content") if "liên kết" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(result, 'nộp hồ sơ')}: ") and "nộp hồ sơ" in note


@pytest.mark.parametrize("label", [
    "a\\", "\\", "[x](y)", "](<w:http://evil.example/>)", "x\\]\\(<", "**đậm** `mã` {#id}", "&lt;script&gt; <b>",
    "(ngoặc) [vuông]",
])
def test_a_links_text_stays_its_text_and_the_link_leads_where_it_did(label: str, site: Path) -> None:
    """The marker a link waits in (`[text](<w:address>)`) is found by its text's escapes: no
    text of the old page can end it early, open another, or change where it leads."""
    import html as htmllib

    import markdown

    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN,
              f"<a href='{PLAIN}'>{htmllib.escape(label)}</a>", "<a href='https://evil.example/'>x</a>")
    ra, _ = run(site, a, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    out = markdown.markdown(body(ra))
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', out)
    assert links == [(f"{SLUG_B}.md", htmllib.escape(" ".join(label.split()), quote=False)), ("https://evil.example/", "x")]


def test_mail_links_are_kept(site: Path) -> None:
    [result] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN,
                               "<a href='mailto:stp@songlam.gov.vn'>thư điện tử</a>"))
    assert "[thư điện tử](mailto:stp@songlam.gov.vn)" in body(result)


def test_a_fragment_link_does_not_become_the_portals_home(site: Path) -> None:
    """trafilatura resolved `#muc-2` against the host: the link led to the old portal's home."""
    [result] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN, "<a href='#muc-2'>mục 2</a>"))
    assert "trình bày trong mục 2 của" in body(result) and HOST not in body(result)


@pytest.mark.parametrize("href", [
    "../../tin-tuc/./cu/../tap-huan-789.html", "/tin-tuc/%2e%2e/tin-tuc/tap-huan-789.html",
    "/../../tin-tuc/tap-huan-789.html", f"{HOST}/a/b/../../tin-tuc/tap-huan-789.html",
])
def test_dot_segments_are_resolved_as_browsers_resolve_them(href: str, site: Path) -> None:
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{href}'>bài tập huấn</a>")
    ra, _ = run(site, a, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    assert f"[bài tập huấn]({SLUG_B}.md)" in body(ra)


def test_a_dot_segment_never_reaches_a_written_link(site: Path) -> None:
    [result] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN,
                               "<a href='../../../../etc/passwd'>tệp</a>"))
    assert f"[tệp]({HOST}/etc/passwd)" in body(result)
    assert ".." not in body(result)


def test_a_very_long_link_is_quick_text_and_reported_short(site: Path) -> None:
    href = "/tin-tuc/" + "a" * 300_000 + ".html"
    page = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{href}'>bài rất dài</a>")
    started = time.process_time()
    [result] = run(site, page)
    assert time.process_time() - started < 20
    assert "a" * 3000 not in result.path.read_text(encoding="utf-8")
    assert "trình bày trong bài rất dài của" in body(result)
    [note] = [line for line in report(result, site / "content") if "bài rất dài" in line]
    assert len(note) < 600 and "300" in note


# --- The site built from imported articles ----------------------------------------------------


def test_the_built_site_links_the_imported_articles_and_runs_no_script(tmp_path: Path) -> None:
    """End to end: MkDocs (strict) accepts the links, each leads to the other article's
    address, and no `javascript:` address reaches a page (the importer never writes one; the
    site's sanitiser removes one an editor writes, with a warning)."""
    root = write_site(tmp_path / "trang", {"tin-tuc/tu-viet.md": (
        "---\ntitle: Bài tự viết có liên kết lạ\ndate: 2024-05-01\ncategory: hoa-giai-o-co-so\n---\n\n"
        "Xem [liên kết lạ](javascript:alert(1)) ở đây.\n")})
    (tmp_path / "cu").mkdir()
    a = saved(tmp_path / "cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>",
              "<a href='javascript:alert(1)'>nộp hồ sơ</a>")
    b = saved(tmp_path / "cu", "b.html", TITLE_B, PLAIN, "<a href='Default.aspx?ItemID=456&amp;tabid=123'>x</a>",
              f"<a href='{DNN}'>bài hội nghị</a>")
    results = import_files([a, b], root / "content", category="hoa-giai-o-co-so", today=TODAY)
    assert [r.error for r in results] == [None, None]
    done = build(root)
    assert "tu-viet.md" in done.stdout and "javascript:" in done.stdout  # the sanitiser's warning
    page_a = (root / "site" / "tin-tuc" / SLUG_A / "index.html").read_text(encoding="utf-8")
    page_b = (root / "site" / "tin-tuc" / SLUG_B / "index.html").read_text(encoding="utf-8")
    assert f'<a href="../{SLUG_B}/">bài tập huấn</a>' in page_a
    assert f'<a href="../{SLUG_A}/">bài hội nghị</a>' in page_b
    for html in (root / "site").rglob("*.html"):  # the redirect pages' empty icon is ours, not the article's
        text = html.read_text(encoding="utf-8").replace('<link rel="icon" href="data:,">', "")
        assert not re.search(r"(href|src)=\"\s*(javascript|data):", text, re.I), html
    assert broken_links(root / "site") == []


# --- Re-importing --------------------------------------------------------------------------------


def test_a_page_given_twice_in_one_run_is_imported_once(site: Path) -> None:
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>")
    results = import_files([a, a], site / "content", today=TODAY)
    assert results[0].error is None and "đã được nhập thành" in results[1].error
    assert len(list((site / "content" / "tin-tuc").iterdir())) == 1


def test_an_untitled_page_whose_links_were_made_relative_is_still_known_on_reimport(site: Path) -> None:
    """Without title or plain address, a page imported before is known by its text: its links'
    addresses changed when written, and must not make it a new article."""
    untitled = saved(site / "trang-cu", "a.html", None, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>")
    run(site, untitled, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    [again] = import_files([untitled], site / "content", today=date(2025, 2, 1))
    assert again.error and "đã được nhập thành" in again.error


def test_import_file_alone_links_to_articles_already_there(site: Path) -> None:
    run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    result = import_file(saved(site / "trang-cu", "a.html", TITLE_A, DNN, f"<a href='{PLAIN}'>bài tập huấn</a>"),
                         site / "content", today=TODAY)
    assert f"[bài tập huấn]({SLUG_B}.md)" in body(result)


# --- 4. Re-importing after `urls: article:` changed ------------------------------------------------


def test_reimport_after_the_article_segment_changed_says_one_thing(site: Path, monkeypatch, capsys) -> None:
    """Imported under `article: tin-tuc-su-kien`, then `tin-tuc-sk` chosen, the article
    deleted and imported again: the map's line named the old segment, and the import said
    three things (kept the old line; the old server must redirect to the new address; the
    addresses were written). Now the line follows the article, and one line says so."""
    monkeypatch.chdir(site)
    config = site / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: content\nplugins:\n  - bantin:\n      urls:\n"
                      "        article: tin-tuc-su-kien\n", encoding="utf-8")
    page = saved(site / "trang-cu", "a.html", TITLE_A, DNN)
    assert main_import([str(page)]) == 0
    capsys.readouterr()
    config.write_text(config.read_text(encoding="utf-8").replace("tin-tuc-su-kien", "tin-tuc-sk"), encoding="utf-8")
    (site / "content" / "tin-tuc" / f"{SLUG_A}.md").unlink()
    assert main_import([str(page)]) == 0
    out, err = capsys.readouterr()
    about = [line for line in (out + err).splitlines() if "ItemID=456" in line]
    assert len(about) == 1, about
    assert f"/tin-tuc-sk/{SLUG_A}/" in about[0] and f"/tin-tuc-su-kien/{SLUG_A}/" in about[0]
    assert "đã sửa" in about[0] and "không đổi" not in about[0]
    lines = [l for l in (site / "redirects" / "old-host.map").read_text(encoding="utf-8").splitlines()
             if not l.startswith("#")]
    assert lines == [f"{DNN} /tin-tuc-sk/{SLUG_A}/"]


def test_a_real_conflict_in_the_map_is_said_once_and_not_contradicted(site: Path, monkeypatch, capsys) -> None:
    """An old address the map already sends to another article keeps its line: the conflict is
    the only thing said about it (no "the old server must redirect it to …" beside it, and no
    "written into the map" when nothing was)."""
    monkeypatch.chdir(site)
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_text(f"{DNN} /tin-tuc/bai-khac/\n", encoding="utf-8")
    assert main_import([str(saved(site / "trang-cu", "a.html", TITLE_A, DNN))]) == 0
    out, err = capsys.readouterr()
    about = [line for line in (out + err).splitlines() if "ItemID=456" in line]
    assert len(about) == 1 and "/tin-tuc/bai-khac/" in about[0], about
    assert "đã được ghi vào" not in out


# --- 5. A link around an image ---------------------------------------------------------------------

def jpeg(shade: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (64, 48), (shade, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def with_files(folder: Path, *names: str) -> None:
    """Pictures saved beside the page (`a_files/…`), as a browser's "save page, complete" does."""
    (folder / "a_files").mkdir(exist_ok=True)
    for shade, name in enumerate(names):
        (folder / "a_files" / name).write_bytes(jpeg(40 + 30 * shade))


LINKED_IMAGES = (
    "<p><a href='/tin-tuc/tap-huan-789.html'><img src='a_files/ap-phich.jpg' "
    "alt='Áp phích [tập huấn] &lt;b&gt;x&lt;/b&gt;'></a></p>"
    f"<p><a href='{HOST}/van-ban/ke-hoach.pdf'> <img src='a_files/bang-ron.jpg' alt='Băng rôn kế hoạch'> </a></p>"
    "<p><a href='/tin-tuc/chua-nhap.html'><span><img src='a_files/khac.jpg' alt='Ảnh bài khác'></span></a></p>"
    "<p><a href='javascript:alert(1)'><img src='a_files/nut.jpg' alt='Nút nộp hồ sơ'></a></p>"
)


def test_a_link_around_an_image_is_kept_around_it(site: Path) -> None:
    """A banner linking to a document, a poster linking to an article: trafilatura keeps the
    image and drops the link, which vanished without a word (session 31, left). The link is
    now written around the image, `[![alt](image)](link)`, treated as every link is: to a page
    of the run its file, to the old portal kept and named, a script address refused and named
    (the image alone stays). The alt stays text: its `[`, `]` and `<` are escaped."""
    import markdown

    folder = site / "trang-cu"
    with_files(folder, "ap-phich.jpg", "bang-ron.jpg", "khac.jpg", "nut.jpg")
    a = saved(folder, "a.html", TITLE_A, DNN, blocks=LINKED_IMAGES)
    ra, _ = run(site, a, saved(folder, "b.html", TITLE_B, PLAIN))
    text = body(ra)
    paragraphs = text.strip().split("\n\n")
    old = f"{HOST}/tin-tuc/chua-nhap.html"
    assert (f"[![Áp phích \\[tập huấn\\] &lt;b&gt;x&lt;/b&gt;](../images/ap-phich.jpg)]({SLUG_B}.md)"
            in paragraphs), text
    assert f"[![Băng rôn kế hoạch](../images/bang-ron.jpg)]({HOST}/van-ban/ke-hoach.pdf)" in paragraphs
    assert f"[![Ảnh bài khác](../images/khac.jpg)]({old})" in paragraphs
    assert "![Nút nộp hồ sơ](../images/nut.jpg)" in paragraphs and "javascript" not in text.lower()
    lines = report(ra, site / "content")
    [kept] = [line for line in lines if old in line]
    assert kept.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'Ảnh bài khác')}: liên kết quanh ảnh «Ảnh bài khác» "
                           "vẫn trỏ về cổng thông tin cũ")
    [refused] = [line for line in lines if "javascript" in line]
    assert refused.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'Nút nộp hồ sơ')}: đã bỏ liên kết quanh ảnh "
                              "«Nút nộp hồ sơ» (javascript:alert(1))") and "ảnh được giữ lại" in refused
    assert any(f"{HOST}/van-ban/ke-hoach.pdf" in line and "attachments:" in line for line in lines)  # as a text link
    html = markdown.markdown(text)
    assert (f'<a href="{SLUG_B}.md"><img alt="Áp phích [tập huấn] &lt;b&gt;x&lt;/b&gt;" src="../images/ap-phich.jpg"'
            in html), html
    assert html.count("<img ") == 4 and html.count("<a ") == 3


@pytest.mark.parametrize("alt", ["](<w:http://evil.example/>) x", "a\\", "[x](y) <script>alert(1)</script> {#id} *"])
def test_a_hostile_alt_or_address_around_an_image_cannot_end_or_open_a_link(alt: str, site: Path) -> None:
    """The image's description is page text inside the link's label: escaped, it cannot end
    the marker early, open a link or a tag; an address with `)`, spaces or quotes is encoded."""
    import html as htmllib

    import markdown

    with_files(site / "trang-cu", "anh.jpg")
    image = f"<img src='a_files/anh.jpg' alt='{htmllib.escape(alt)}'>"
    a = saved(site / "trang-cu", "a.html", TITLE_A, DNN, blocks=f"<p><a href='/tin/a b)(&quot;c.html'>{image}</a></p>")
    [ra] = run(site, a)
    html = markdown.markdown(body(ra))
    links = re.findall(r'<a href="([^"]*)"><img alt="([^"]*)" src="([^"]*)" /></a>', html)
    assert links == [(f"{HOST}/tin/a%20b%29%28%22c.html", htmllib.escape(alt), "../images/anh.jpg")], html
    assert html.count("<a ") == 1 and "<script" not in html


def test_a_linked_image_not_imported_keeps_its_link_as_its_description(site: Path) -> None:
    """An image on the old server is not fetched (a note names it): its link stays, its text
    the image's description, and a note says how to put the image back inside it."""
    folder = site / "trang-cu"
    a = saved(folder, "a.html", TITLE_A, DNN, blocks="<p><a href='/tin-tuc/tap-huan-789.html'><img "
                                                     "src='/Uploads/ap-phich.jpg' alt='Áp phích tập huấn'></a></p>")
    ra, _ = run(site, a, saved(folder, "b.html", TITLE_B, PLAIN))
    assert f"[Áp phích tập huấn]({SLUG_B}.md)" in body(ra).strip().split("\n\n")
    lines = report(ra, site / "content")
    assert any(f"{HOST}/Uploads/ap-phich.jpg" in line and "chưa được nhập" in line for line in lines)
    [note] = [line for line in lines if "liên kết quanh ảnh" in line]
    assert f"{HOST}/Uploads/ap-phich.jpg" in note and "«Áp phích tập huấn»" in note and "[![" in note


def test_an_image_shown_with_and_without_a_link_is_imported_without_one_and_said(site: Path) -> None:
    """The same picture in the text and, linked, elsewhere on the page: which one the article
    holds is not known, so no link is guessed, and the report says so."""
    folder = site / "trang-cu"
    with_files(folder, "anh.jpg")
    a = saved(folder, "a.html", TITLE_A, DNN, blocks="<p><img src='a_files/anh.jpg' alt='Hội nghị'></p>"
                                                     "<div class='right'><a href='/tin-tuc/khac.html'>"
                                                     "<img src='a_files/anh.jpg' alt='Hội nghị'></a></div>")
    [ra] = run(site, a)
    assert "![Hội nghị](../images/anh.jpg)" in body(ra).strip().split("\n\n")
    assert "khac.html" not in body(ra)
    [note] = [line for line in report(ra, site / "content") if "khac.html" in line]
    assert "a_files/anh.jpg" in note and "[![" in note


def test_the_built_site_links_the_image_to_the_imported_article(tmp_path: Path) -> None:
    """End to end: MkDocs (strict) accepts the image inside the link, the link leads to the
    other article's address and the picture is the site's copy."""
    root = write_site(tmp_path / "trang", {})
    (root / "content").mkdir()
    (tmp_path / "cu").mkdir()
    with_files(tmp_path / "cu", "ap-phich.jpg")
    a = saved(tmp_path / "cu", "a.html", TITLE_A, DNN, blocks="<p><a href='/tin-tuc/tap-huan-789.html'>"
                                                             "<img src='a_files/ap-phich.jpg' alt='Áp phích tập huấn'>"
                                                             "</a></p>")
    b = saved(tmp_path / "cu", "b.html", TITLE_B, PLAIN)
    results = import_files([a, b], root / "content", category="hoa-giai-o-co-so", today=TODAY)
    assert [r.error for r in results] == [None, None]
    build(root)
    page_a = (root / "site" / "tin-tuc" / SLUG_A / "index.html").read_text(encoding="utf-8")
    link = re.search(rf'<a href="\.\./{SLUG_B}/">(.*?)</a>', page_a, re.S)
    assert link and re.search(r'<img [^>]*alt="Áp phích tập huấn"', link.group(1)), page_a
    assert broken_links(root / "site") == []


def test_a_page_imported_later_names_a_linked_image_of_an_article_written_before(site: Path) -> None:
    """As for a link around text: the earlier article is not changed; its line is named, with
    the link to write around its image."""
    with_files(site / "trang-cu", "ap-phich.jpg")
    image = "<img src='a_files/ap-phich.jpg' alt='Áp phích'>"
    [ra] = run(site, saved(site / "trang-cu", "a.html", TITLE_A, DNN, blocks=f"<p><a href='{PLAIN}'>{image}</a></p>"))
    before = ra.path.read_bytes()
    [rb] = run(site, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    assert ra.path.read_bytes() == before
    [note] = [line for line in report(rb, site / "content") if f"{SLUG_A}.md" in line]
    assert note.startswith(f"tin-tuc/{SLUG_A}.md:{line_of(ra, 'Áp phích')}: liên kết quanh ảnh «Áp phích» vẫn trỏ về")
    assert f"`[![Áp phích](../images/ap-phich.jpg)]({SLUG_B}.md)`" in note


def test_an_untitled_page_with_a_linked_image_is_still_known_on_reimport(site: Path) -> None:
    """Without title or plain address a page imported before is known by its text, where an
    image counts for nothing (written, it names its copy): an image inside a link neither."""
    with_files(site / "trang-cu", "ap-phich.jpg")
    untitled = saved(site / "trang-cu", "a.html", None, DNN, blocks="<p><a href='/tin-tuc/tap-huan-789.html'>"
                                                                    "<img src='a_files/ap-phich.jpg' alt='Áp phích'>"
                                                                    "</a></p>")
    run(site, untitled, saved(site / "trang-cu", "b.html", TITLE_B, PLAIN))
    [again] = import_files([untitled], site / "content", today=date(2025, 2, 1))
    assert again.error and "đã được nhập thành" in again.error
