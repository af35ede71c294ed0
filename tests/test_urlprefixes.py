"""The `urls:` option: each kind of address under a segment the province chooses (DESIGN §4,
config/urlprefixes.py). The defaults are what printed links use; a site that sets its own
gets every page, link, feed, sitemap entry, search result and QR code at the new address,
and a wrong segment is a Vietnamese error on its line, never a folder outside the site."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from bantin.config.editor import build_editor
from bantin.config.settings import SiteConfig, UrlPrefixes
from bantin.config.urlprefixes import KEYS, OWN_FOLDERS, build_prefixes
from bantin.problems import Problems
from bantin.site import webeditor
from linkscan import broken_links
from sitekit import article, build, read, run_bantin, write_site

CUSTOM = {"article": "tin-bai", "qa": "hd", "guide": "hdan", "category": "muc", "tag": "nhan",
          "year": "nam", "document": "vb", "search": "tim", "short": "s", "pagination": "p"}


def _errors(entry) -> list[str]:
    problems = Problems()
    found = build_prefixes(entry, problems, lambda *keys: 30 + len(keys))
    assert isinstance(found, UrlPrefixes)
    return [str(p) for p in problems.errors]


# --- the option ---------------------------------------------------------------------------

def test_no_option_keeps_the_printed_defaults():
    assert build_prefixes(None, Problems()) == build_prefixes({}, Problems()) == UrlPrefixes()
    assert UrlPrefixes().article == "tin-tuc" and UrlPrefixes().short == "q"


def test_every_key_can_be_set():
    problems = Problems()
    assert dataclasses.asdict(build_prefixes(CUSTOM, problems)) == {**CUSTOM, "page": ""}
    assert problems.items == []
    assert set(KEYS) == {f.name for f in dataclasses.fields(UrlPrefixes)} - {"page"}


@pytest.mark.parametrize("value, fix", [
    ("Tin Tức", "`article: tin-tuc`"),
    ("tin tuc", "`article: tin-tuc`"),
    ("tin-tuc/", "`article: tin-tuc`"),
    ("../ngoai", "`article: ngoai`"),
    ("/etc", "`article: etc`"),
    ("tin--tuc", "`article: tin-tuc`"),
    ("-tin", "`article: tin`"),
    ("x" * 41, "`article: " + "x" * 40 + "`"),
    ("<script>", "`article: script`"),
    ("..", "`article: tin-tuc` (mặc định)"),
])
def test_a_segment_that_is_not_a_slug_is_refused_with_one_to_type(value, fix):
    found = _errors({"article": value})
    assert len(found) == 1 and "mkdocs.yml:32" in found[0] and "plugins.bantin.urls.article" in found[0]
    assert "chữ thường không dấu" in found[0] and fix in found[0], found


@pytest.mark.parametrize("value", ["", "   ", None, ["a"], {"a": "b"}])
def test_a_segment_that_is_not_text_is_refused(value):
    found = _errors({"tag": value})
    assert len(found) == 1 and "không để trống" in found[0] and "`tag: the`" in found[0], found


@pytest.mark.parametrize("value", [2024, 83, False, 1.5])
def test_a_number_or_yes_no_read_by_yaml_is_told_to_be_quoted(value):
    """`category: 2024` or `tag: no` is a number or a yes/no to YAML: the value was written,
    so "do not leave it empty" sent the reader looking for nothing (hostile review, session 30).
    The value is not shown back: `0123` was read as 83, which nobody typed."""
    found = _errors({"year": value})
    assert len(found) == 1 and "không để trống" not in found[0], found
    assert "dấu ngoặc kép" in found[0] and '`year: "' in found[0], found
    assert value == 2024 or f"`year: {value}`" not in found[0] and f'"{value}"' not in found[0], found


@pytest.mark.parametrize("value", ["assets", "admin", "con", "nul", "lpt1"])
def test_the_builds_own_folders_and_names_windows_cannot_hold_are_refused(value):
    found = _errors({"category": value})
    assert len(found) == 1 and f"`category: {value}`" in found[0], found


@pytest.mark.parametrize("value, page", [("index", "index.html"), ("404", "404.html")])
def test_the_names_of_the_home_and_not_found_pages_are_refused(value, page):
    """`search: index` made the search page's source `index.md`, the home page's: the build
    then blamed a `content/index.md` nobody wrote, and the offline copy's `index.html` was
    claimed twice (hostile review, session 30)."""
    found = _errors({"search": value})
    assert len(found) == 1 and f"`search: {value}`" in found[0] and page in found[0], found


def test_messages_read_without_the_segments_name_none_of_the_defaults():
    """The placeholder `site_url` warning is written before `urls:` is read: "/q/…" named a
    short link that a site with `short: hd` does not have (hostile review, session 30)."""
    from bantin.config.siteurl import site_url_problem
    for publishing in (False, True):
        text = str(site_url_problem(None, "https://bantin.example.org/", publishing=publishing))
        assert "liên kết rút gọn" in text and "/q/" not in text, text


def test_the_editors_folder_is_one_of_the_builds_own():
    assert webeditor.ADMIN in OWN_FOLDERS


def test_the_web_editors_view_links_follow_the_segments():
    editor = build_editor({"backend": "gitlab", "repo": "stp/ban-tin", "app_id": "a1"}, Problems(), port="")
    config = yaml.safe_load(webeditor.config_yaml(SiteConfig(prefixes=UrlPrefixes(**CUSTOM), editor=editor)))
    paths = {c["folder"]: c["preview_path"] for c in config["collections"]}
    assert paths["content/tin-tuc"] == "tin-bai/{{fields.slug}}" and paths["content/hoi-dap"] == "hd/{{fields.slug}}"
    assert paths["content/trang"] == "{{fields.slug}}"


def test_an_unknown_key_names_the_one_meant():
    assert "có phải ý bạn là `article`?" in _errors({"artcle": "tin"})[0]
    found = _errors({"trang-chu": "x"})
    assert "không có mục `trang-chu`" in found[0] and "article, qa, guide" in found[0]


def test_two_kinds_at_one_segment_are_refused_on_the_line_the_site_wrote():
    found = _errors({"category": "tin-tuc"})  # the article's default
    assert len(found) == 1 and "`category: tin-tuc` trùng địa chỉ của mục `article`" in found[0], found
    found = _errors({"year": "lich-su", "tag": "lich-su"})
    assert len(found) == 1 and "trùng địa chỉ" in found[0], found
    assert _errors({"article": "hoi-dap", "qa": "tin-tuc"}) == []  # swapped: each still one kind


def test_not_a_group_of_lines_is_refused():
    assert "phải là một nhóm" in _errors("tin-bai")[0]


# --- a site built with its own segments ---------------------------------------------------

HANDBOOK = """---
title: Sổ tay hòa giải
date: 2024-03-01
category: hoa-giai-o-co-so
---
Sổ tay theo Luật Hòa giải ở cơ sở 35/2013/QH13.

## Câu 1: Hòa giải viên là ai? {#hoa-giai-vien}

Là người được bầu ở thôn.

## Câu 2: Tổ hòa giải có mấy người? {#to-hoa-giai}

Từ ba người trở lên.
"""
GUIDE = """---
title: Hướng dẫn lập tổ hòa giải
date: 2024-02-01
category: hoa-giai-o-co-so
---
Các bước lập tổ.
"""
DOCUMENTS = [{"number": "35/2013/QH13", "title": "Luật Hòa giải ở cơ sở", "issuer": "Quốc hội"}]
OLD = re.compile(r'(?:href|src|action)="[^"]*\b(tin-tuc|hoi-dap|huong-dan|chuyen-muc|the|luu-tru|van-ban|tim-kiem|q|trang)/')


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("urls"), {
        "tin-tuc/mot.md": article("Bài một", "2024-05-01", tags=["hòa giải"], body="Theo Luật 35/2013/QH13.\n"),
        "tin-tuc/hai.md": article("Bài hai", "2023-04-01", tags=["hòa giải"]),
        "hoi-dap/so-tay.md": HANDBOOK,
        "huong-dan/lap-to.md": GUIDE,
        "trang/gioi-thieu.md": "---\ntitle: Giới thiệu\ndate: 2020-01-01\n---\nTrang giới thiệu.\n",
    }, page_size=1, urls=CUSTOM, documents=DOCUMENTS)
    build(root)
    return root / "site"


def test_every_page_is_at_its_new_address_and_none_at_the_old(custom_site):
    for rel in ("tin-bai/bai-mot/index.html", "tin-bai/index.html", "tin-bai/p/2/index.html",
                "hd/so-tay-hoa-giai/index.html", "hd/so-tay-hoa-giai/hoa-giai-vien/index.html",
                "hdan/huong-dan-lap-to-hoa-giai/index.html", "muc/hoa-giai-o-co-so/index.html",
                "muc/hoa-giai-o-co-so/p/2/index.html", "muc/hoa-giai-o-co-so/feed.xml", "nhan/hoa-giai/index.html",
                "nam/2024/index.html", "vb/index.html", "tim/index.html", "s/to-hoa-giai/index.html",
                "gioi-thieu/index.html"):
        assert (custom_site / rel).is_file(), rel
    top = {p.name for p in custom_site.iterdir()}
    assert not top & {"tin-tuc", "hoi-dap", "huong-dan", "chuyen-muc", "the", "luu-tru", "van-ban", "tim-kiem", "q",
                      "trang"}, sorted(top)


def test_every_link_resolves_and_none_names_an_old_segment(custom_site):
    assert broken_links(custom_site) == []
    for page in custom_site.rglob("*.html"):
        assert not OLD.search(page.read_text(encoding="utf-8")), (page, OLD.search(page.read_text(encoding="utf-8")))


def test_the_short_link_and_its_printed_address_use_the_new_segment(custom_site):
    short = read(custom_site.parent, "s/to-hoa-giai/index.html")
    assert "../../hd/so-tay-hoa-giai/to-hoa-giai/" in short
    question = read(custom_site.parent, "hd/so-tay-hoa-giai/to-hoa-giai/index.html")
    assert "https://bantin.example.org/s/to-hoa-giai/" in question


def test_feeds_sitemap_and_search_carry_the_new_addresses(custom_site):
    sitemap = (custom_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://bantin.example.org/tin-bai/bai-mot/" in sitemap and "/tin-tuc/" not in sitemap
    assert "https://bantin.example.org/tin-bai/bai-mot/" in (custom_site / "feed.xml").read_text(encoding="utf-8")
    urls = set(re.findall(r'"u":"([^"/]*)/', "".join(p.read_text(encoding="utf-8")
                                                      for p in (custom_site / "assets/search/d").iterdir())))
    assert urls == {"tin-bai", "hd", "hdan", "gioi-thieu", "vb"}, urls  # "vb": a document's page (session 35)
    home = read(custom_site.parent, "index.html")
    assert 'action="tim/"' in home


def test_a_wrong_segment_stops_the_build_on_its_line(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/mot.md": article("Bài một")}, urls={"article": "../ngoai"})
    done = build(root, check=False)
    assert done.returncode != 0
    assert re.search(r"mkdocs\.yml:\d+: \[plugins\.bantin\.urls\.article\]", done.stdout), done.stdout
    assert "`article: ngoai`" in done.stdout and "Traceback" not in done.stdout
    assert not (tmp_path / "ngoai").exists() and not (tmp_path / "site").exists()


def test_a_segment_named_like_another_kinds_content_folder_is_told_by_check_as_by_build(tmp_path):
    """`category: tin-tuc` (the articles moved to /tin-bai/) makes the category 'Đất đai' the
    generated page `tin-tuc/dat-dai.md`, the name of an article's file: the build stopped
    blaming the file, while `bantin check` said 0 errors (hostile review, session 30)."""
    root = write_site(tmp_path, {
        "tin-tuc/mot.md": article("Bài một", category="dat-dai"),
        "tin-tuc/dat-dai.md": article("Tranh chấp đất đai", category="dat-dai", slug="tranh-chap-dat-dai"),
    }, urls={"article": "tin-bai", "category": "tin-tuc"})
    for done in (run_bantin(root, "check"), build(root, check=False)):
        assert done.returncode != 0, done.stdout
        assert "tin-tuc/dat-dai.md" in done.stdout and "'Đất đai'" in done.stdout, done.stdout
        assert "`urls:`" in done.stdout and "Traceback" not in done.stdout, done.stdout


# --- commands that run without a build ----------------------------------------------------

def _mkdocs_yml(root: Path, urls: dict | str) -> None:
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "x", "docs_dir": "content",
                                                     "plugins": [{"bantin": {"urls": urls}}]},
                                                    allow_unicode=True), encoding="utf-8")


def test_commands_without_a_build_read_the_segments_of_mkdocs_yml(tmp_path, monkeypatch):
    from bantin.config.urlprefixes import configured
    monkeypatch.chdir(tmp_path)
    assert configured() == UrlPrefixes()  # no mkdocs.yml here
    _mkdocs_yml(tmp_path, {"article": "tin-tuc-su-kien"})
    assert configured().article == "tin-tuc-su-kien" and configured().qa == "hoi-dap"
    _mkdocs_yml(tmp_path, {"article": "../ngoai"})  # the build names it; nothing is written outside
    assert configured() == UrlPrefixes()
    (tmp_path / "mkdocs.yml").write_text("plugins: [\n", encoding="utf-8")
    assert configured() == UrlPrefixes()


def test_an_imported_articles_redirect_goes_to_its_configured_address(tmp_path, monkeypatch, capsys):
    from bantin.cli.importer import main_import, main_redirects
    from bantin.tools.importer.redirectmap import read_redirect_map
    monkeypatch.chdir(tmp_path)
    _mkdocs_yml(tmp_path, {"article": "tin-tuc-su-kien"})
    (tmp_path / "content" / "tin-tuc").mkdir(parents=True)
    saved = tmp_path / "bai.html"
    saved.write_text("<html><head><title>Tập huấn hòa giải viên</title></head><body><article>"
                     "<h1>Tập huấn hòa giải viên</h1><p>Ngày 12/03/2024</p>"
                     + "<p>Sở Tư pháp tổ chức tập huấn cho hòa giải viên ở cơ sở trong toàn tỉnh.</p>" * 8
                     + "</article></body></html>", encoding="utf-8")
    assert main_import([str(saved), "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=12"]) == 0, capsys.readouterr()
    [(old, new)] = read_redirect_map(tmp_path / "redirects" / "old-host.map")
    assert old.endswith("ItemID=12") and new.startswith("/tin-tuc-su-kien/"), new
    capsys.readouterr()
    with (tmp_path / "redirects" / "old-host.map").open("a", encoding="utf-8") as lines:
        lines.write("http://stp.example.gov.vn/tin.aspx?ItemID=13 /tin-tuc-su-kien/khong-co/\n")
    assert main_redirects([]) == 0
    out, err = capsys.readouterr()
    assert f"{new};" in out  # the article is found behind its new address, in content/tin-tuc/
    assert "/tin-tuc-su-kien/khong-co/" not in out and "bỏ qua" in err and "ItemID=13" in err


def test_import_stops_on_a_wrong_segment_instead_of_writing_the_default_address(tmp_path, monkeypatch, capsys):
    """`article: Tin-Tuc-Su-Kien` gave the defaults to `bantin import`, which wrote every old
    address's redirect line to /tin-tuc/…: once the value was corrected, each line named a page
    that is not there (hostile review, session 30). Nothing is imported until it is fixed."""
    from bantin.cli.importer import main_import
    monkeypatch.chdir(tmp_path)
    _mkdocs_yml(tmp_path, {"article": "Tin-Tuc-Su-Kien"})
    (tmp_path / "content" / "tin-tuc").mkdir(parents=True)
    saved = tmp_path / "bai.html"
    saved.write_text("<html><body><article><h1>Tập huấn</h1>" + "<p>Nội dung tập huấn hòa giải viên.</p>" * 8
                     + "</article></body></html>", encoding="utf-8")
    assert main_import([str(saved), "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=12"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"mkdocs\.yml:\d+: \[plugins\.bantin\.urls\.article\]", err) and "`article: tin-tuc-su-kien`" in err, err
    assert "urls:" in err and "Traceback" not in err
    assert list((tmp_path / "content" / "tin-tuc").iterdir()) == [] and not (tmp_path / "redirects").exists()


def test_a_map_written_before_the_segment_changed_still_leads_to_the_articles(tmp_path, monkeypatch, capsys):
    """A province imported under `article: tin-tuc-su-kien`, then chose `tin-tuc-sk`: the map's
    lines name the old segment, where no page is. `bantin redirects` sent readers there (301
    then 404) without a word, and `bantin check` blamed a renamed file (a province's trial)."""
    from bantin.cli.importer import main_redirects
    monkeypatch.chdir(tmp_path)
    root = write_site(tmp_path, {"tin-tuc/bai.md": article("Tập huấn hòa giải viên", slug="tap-huan"),
                                 "tin-tuc/nhap.md": article("Bản nháp", slug="ban-nhap", draft=True)},
                      urls={"article": "tin-tuc-sk"})
    (root / "redirects").mkdir()
    (root / "redirects" / "old-host.map").write_text(
        "http://stp.example.gov.vn/a.aspx?ItemID=1 /tin-tuc-su-kien/tap-huan/\n"
        "http://stp.example.gov.vn/a.aspx?ItemID=2 /tin-tuc-su-kien/ban-nhap/\n"
        "http://stp.example.gov.vn/a.aspx?ItemID=3 /chuyen-muc/tap-huan/\n", encoding="utf-8")
    assert main_redirects([]) == 0
    out, err = capsys.readouterr()
    assert "/tin-tuc-sk/tap-huan/" in out and "/tin-tuc-su-kien/tap-huan/" not in out
    assert "phần đầu địa chỉ của tin bài đã đổi" in err and "ItemID=1" in err
    assert "/tin-tuc-su-kien/ban-nhap/" not in out and "bản nháp" in err  # a draft stays out, as before
    assert "/chuyen-muc/tap-huan/" in out  # the category's segment is the site's own: not judged here
    done = run_bantin(root, "check")
    assert "redirects/old-host.map:1: cảnh báo" in done.stdout and "/tin-tuc-sk/tap-huan/" in done.stdout
    assert "mục `urls:`" in done.stdout


def test_the_sites_own_redirect_pages_follow_the_articles_new_segment(tmp_path):
    """On the old portal's host the build writes its own page for `…/chi-tiet.html?id=…`
    (site/redirectmap.query_pages): under a changed segment it led to a missing page too."""
    root = write_site(tmp_path, {"tin-tuc/bai.md": article("Tập huấn hòa giải viên", slug="tap-huan")},
                      urls={"article": "tin-tuc-sk"})
    (root / "redirects").mkdir()
    (root / "redirects" / "old-host.map").write_text(
        "https://bantin.example.org/tin/chi-tiet.html?id=1 /tin-tuc-su-kien/tap-huan/\n", encoding="utf-8")
    build(root)
    page = read(root, "tin/chi-tiet.html")
    assert '"t": "../tin-tuc-sk/tap-huan/"' in page or '"t":"../tin-tuc-sk/tap-huan/"' in page, page[-600:]
