"""Escaping by construction (issue 12): a site with script payloads in every field, built
with --strict in both flavours, must contain no markup an editor wrote, show every payload
as text, and write feeds that are well-formed XML whatever characters a title holds."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml
from markupsafe import Markup

from hostile import (ALL, CONTROL, IMG, JSONLD, PAYLOADS, SCRIPT, SVG, config, files, front, hostile_sites,  # noqa: F401
                     write)
from htmlscan import SEARCH_SCRIPT, scan
from sitekit import article, build, shell_and_whole_builds, write_site

# page (directory-URL path) -> the text its <h1> must show
H1 = {
    **{f"tin-tuc/doc-{n}": f"Tin {n} {p}" for n, p in enumerate(PAYLOADS)},
    "": f"Bản tin {SCRIPT}{IMG}",
    "hoi-dap/so-tay": f"Sổ tay {IMG}",
    "hoi-dap/so-tay/ban-in": f"Sổ tay {IMG}",
    "hoi-dap/so-tay/cau-mot": f"Câu hỏi {SCRIPT} là gì?",
    "hoi-dap/so-tay/cau-hai": f"Câu hỏi hai & {JSONLD}",
    "huong-dan/huong-dan-doc": f"Hướng dẫn {SVG}",
    "gioi-thieu-script-alert-1-script": f"Giới thiệu {SCRIPT}",
    "chuyen-muc/hoa-giai": f"Hòa giải {SVG}",
    "chuyen-muc/dat-dai": f"Đất đai {IMG}",
    "the/the-script-alert-1-script": f"Từ khóa: thẻ {SCRIPT}",
    "the/the-img-src-x-onerror-alert-1": f"Từ khóa: thẻ {IMG}",
    "the/the-svg-onload-alert-1": f"Từ khóa: thẻ {SVG}",
    "the/the-script-script-alert-1-script": f"Từ khóa: thẻ {JSONLD}",
    "van-ban/31-2024-qh15": f"Luật số 31/2024/QH15: Luật {ALL}",
}


def page_file(site: Path, path: str) -> Path:
    """The output file of a page in either flavour."""
    if not path:
        return site / "index.html"
    directory = site / path / "index.html"
    return directory if directory.exists() else site / f"{path}.html"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module", params=["web", "offline"])
def site(request, hostile_sites):
    return hostile_sites[0 if request.param == "web" else 1]


def test_no_markup_from_content_runs_anywhere(site):
    """No on* attribute, javascript: URL or foreign <script> in any page of either flavour."""
    found = {}
    for path in html_files(site):
        page = scan(path.read_text(encoding="utf-8"))
        bad = page.problems + page.foreign_scripts()
        if bad:
            found[str(path.relative_to(site))] = bad
    assert found == {}
    assert len(html_files(site)) >= 30


@pytest.mark.parametrize("path", sorted(H1))
def test_payloads_are_visible_text_in_the_heading(site, path):
    assert scan(page_file(site, path).read_text(encoding="utf-8")).h1_text.strip() == H1[path]


@pytest.mark.parametrize("path", [p for p in sorted(H1) if p])
def test_titles_keep_quotes_and_angle_brackets_in_title_and_og_title(site, path):
    page = scan(page_file(site, path).read_text(encoding="utf-8"))
    title = H1[path].removeprefix("Từ khóa: ") if path.startswith("the/") else H1[path]
    assert title in "".join(page.title)
    assert title in page.meta["og:title"] and title in page.meta["twitter:title"]


def test_every_field_shows_as_text(hostile_sites):
    """Summary, author, tags, source, image alt, attachments, agency, site description."""
    site = hostile_sites[0]
    html = page_file(site, "tin-tuc/doc-1").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", _text(html))
    for shown in (f"Tóm tắt {ALL}", f"Tác giả {IMG}", f"thẻ {IMG}", f"Báo {ALL}", f"Tệp {ALL}",
                  f"Sở {SCRIPT}", f"UBND {IMG}", f"Biên tập {SVG}", f"Địa chỉ {JSONLD}", f"Ghi rõ nguồn {ALL}",
                  f"Hòa giải {SVG}", f"stp@example.org{IMG}"):
        assert shown in text, shown
    assert re.search(r'<div class="bt-body">\s*<p>Theo Luật số <a class="vanban" ', html)  # the sanitised body is markup
    page = scan(html)
    assert page.meta["og:image:alt"] == f"Ảnh {ALL}" and page.meta["og:description"] == f"Tóm tắt {ALL}"
    home = scan(page_file(site, "").read_text(encoding="utf-8"))
    assert home.meta["og:description"] == f"Mô tả {ALL}" and home.meta["og:site_name"] == f"Bản tin {SCRIPT}{IMG}"
    assert f"Mô tả {ALL}" in _text(page_file(site, "chuyen-muc").read_text(encoding="utf-8"))


def test_urls_from_content_and_config_stay_in_their_attribute(hostile_sites):
    """The source link and a document's official link keep their quotes inside href."""
    from hostile import DOC_URL, HOSTILE_URL

    site = hostile_sites[0]
    hrefs = _attrs(page_file(site, "tin-tuc/doc-0").read_text(encoding="utf-8"), "a", "href")
    assert HOSTILE_URL in hrefs
    assert any(h.startswith("mailto:stp@example.org") and IMG in h for h in hrefs)
    assert any(h.startswith("tel:") and SVG.replace(" ", "") in h for h in hrefs)
    doc = _attrs(page_file(site, "van-ban/31-2024-qh15").read_text(encoding="utf-8"), "a", "href")
    assert DOC_URL in doc


def test_json_ld_is_data_with_the_payloads_intact(site):
    for path in ("tin-tuc/doc-3", "hoi-dap/so-tay", "hoi-dap/so-tay/cau-hai"):
        scripts = [text for attrs, text in scan(page_file(site, path).read_text(encoding="utf-8")).scripts
                   if attrs.get("type") == "application/ld+json"]
        # the page's own block (none on a question page: its handbook marks it up) and its BreadcrumbList
        assert 1 <= len(scripts) <= 2 and not any("</" in script for script in scripts)
        data = " ".join(json.dumps(json.loads(script), ensure_ascii=False) for script in scripts)
        assert JSONLD.replace("/", "\\/") in data or JSONLD in data


def test_the_search_pages_manifest_is_data_with_the_payloads_intact(site):
    """The search page carries manifest.js's data (site/searchpage.py), category titles
    included: inside it as one JSON value equal to the file's, each payload intact as text."""
    page = scan(page_file(site, "tim-kiem").read_text(encoding="utf-8"))
    texts = [text for attrs, text in page.scripts if attrs.get("id") == "bantin-search-manifest"]
    assert len(texts) == 1 and not set("<>&") & set(texts[0])  # the payloads' < > & as JSON escapes
    carried = [json.loads(text) for text in texts]
    script = (site / "assets" / "search" / "manifest.js").read_text(encoding="utf-8")
    assert carried == [json.loads(script[script.index(",") + 1:script.rindex(")")])]
    assert {f"Hòa giải {SVG}", f"Đất đai {IMG}"} <= {title for _, title in carried[0]["cats"]}
    assert [text for attrs, text in page.scripts if "data-bantin-early" in attrs] == [SEARCH_SCRIPT]


def test_nothing_is_escaped_twice(site):
    """Markup values (content, toc titles, QR codes, answers) pass the autoescape unchanged."""
    twice = re.compile(r"&amp;(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);", re.I)
    found = {str(p.relative_to(site)): twice.findall(p.read_text(encoding="utf-8"))[:3]
             for p in html_files(site) if twice.search(p.read_text(encoding="utf-8"))}
    assert found == {}
    guide = page_file(site, "huong-dan/huong-dan-doc").read_text(encoding="utf-8")
    assert "Bước một &amp; alert(1)" in guide  # toc title from Python-Markdown: escaped once
    printed = page_file(site, "hoi-dap/so-tay/ban-in").read_text(encoding="utf-8")
    assert "<svg" in printed and "Trả lời" in printed  # QR codes and answers are markup, not text
    assert f"<title>Mã QR: Câu hỏi &lt;script&gt;alert(1)&lt;/script&gt; là gì?</title>" in printed


def test_feeds_and_sitemap_are_well_formed_xml(site):
    for path in sorted(site.rglob("*.xml")):
        ET.parse(path)  # raises on invalid XML
    for path in sorted(site.rglob("feed.xml")):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    titles = [e.title for e in feedparser.parse((site / "feed.xml").read_bytes()).entries]
    assert f"Tin 3 {JSONLD}" in titles and f"Tin 1 {IMG}" in titles


@pytest.fixture(scope="module")
def control_site(tmp_path_factory):
    """Characters XML 1.0 cannot carry in content and configuration fields that feeds print.
    (Input checks may report them to editors; the writers must stay well-formed regardless.)"""
    root = tmp_path_factory.mktemp("control")
    # In front matter they are an editor's error (tests/test_frontmatter_yaml.py); in the body
    # a warning, and removed: both stop them before a writer. mkdocs.yml values reach it.
    write_site(root, {"tin-tuc/a.md": article("Tin ký tự điều khiển hết", "2024-04-01", "dat-dai",
                                              author="Tác giả", tags=["thẻ"], body=f"Tóm tắt{CONTROL}.")},
               categories=[{"title": f"Đất đai{CONTROL}", "slug": "dat-dai"}],
               agency={"name": f"Sở{CONTROL}"})
    mkdocs_yml = root / "mkdocs.yml"
    data = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    data["site_name"] = f"Bản tin{CONTROL}"
    mkdocs_yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(root)
    return root / "site"


def test_feeds_drop_characters_xml_cannot_carry(control_site):
    feeds = sorted(control_site.rglob("*.xml"))
    assert {"feed.xml", "sitemap.xml", "chuyen-muc/dat-dai/feed.xml"} <= {str(p.relative_to(control_site)) for p in feeds}
    for path in feeds:
        ET.parse(path)
        assert not any(c in path.read_text(encoding="utf-8") for c in CONTROL), path
    for path in control_site.rglob("feed.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        entry = parsed.entries[0]
        assert entry.title == "Tin ký tự điều khiển hết" and entry.author == "Tác giả"
        assert entry.summary == "Tóm tắt." and entry.tags[0].label == "Đất đai"
        assert parsed.feed.title.startswith("Bản tin") and parsed.feed.author == "Sở"


def test_xml_writers_drop_what_xml_cannot_carry():
    from bantin.site.artifacts import _node, _xml

    assert _xml("a\x08b\x0bc\x1fd\ufffee\ud800f\tg\nh\U0001F600") == "abcdef\tg\nh\U0001F600"
    root = ET.Element("r")
    _node(root, "x", "t\x00", attr="v\x1f\"<&")
    back = ET.fromstring(ET.tostring(root))
    assert back[0].text == "t" and back[0].get("attr") == "v\"<&"


def test_qr_label_is_escaped_for_text_and_attribute():
    from bantin.site.qrcodes import labelled

    svg = labelled('<svg class="bt-qr"><path/></svg>', f"{IMG}{SVG}")
    assert isinstance(svg, Markup)
    assert "<img" not in svg and "<svg onload" not in svg and '"><' not in svg.split("<title>")[1]
    assert scan(str(svg)).problems == []


def test_toc_titles_are_markup_once():
    from mkdocs.structure.toc import get_toc

    from bantin.adapter.rendering import markup_toc

    toc = markup_toc(get_toc([{"level": 2, "id": "a", "name": "A &amp; b", "children": [
        {"level": 3, "id": "b", "name": "&lt;c&gt;", "children": []}]}]))
    first = list(toc)[0]
    assert isinstance(first.title, Markup) and isinstance(first.children[0].title, Markup)
    assert str(Markup("{}").format(first.children[0].title)) == "&lt;c&gt;"


def test_no_template_opts_out_of_autoescape():
    """`| safe` or `{% autoescape false %}` in a template would print a value raw again;
    real HTML is Markup where it is made (plugin.on_page_content, qrcodes, rendering)."""
    theme = Path(__file__).resolve().parent.parent / "plugins" / "bantin" / "theme"
    templates = [*theme.rglob("*.html"), Path(__file__).resolve().parent.parent / "plugins/bantin/templates/redirect.html"]
    raw = re.compile(r"\|\s*safe\b|autoescape\s+false|\bMarkup\b")
    comments = re.compile(r"\{#.*?#\}", re.S)
    assert [str(p) for p in templates if raw.search(comments.sub("", p.read_text(encoding="utf-8")))] == []
    assert len(templates) > 20


def test_not_found_page_title(hostile_sites):
    page = scan((hostile_sites[0] / "404.html").read_text(encoding="utf-8"))
    assert "".join(page.title).strip() == f"Không tìm thấy trang - Bản tin {SCRIPT}{IMG}"


# --- what is refused ------------------------------------------------------------------------

@pytest.mark.parametrize("field", [
    {"source": {"name": "Báo", "url": "javascript:alert(1)"}},
    {"source": {"name": "Báo", "url": " javascript:alert(1)"}},
    {"image": "javascript:alert(1)", "image_alt": "ảnh"},
    {"attachments": [{"title": "Tệp", "file": "javascript:alert(1)"}]},
])
def test_javascript_urls_in_front_matter_are_errors(tmp_path, field):
    root = write_site(tmp_path / "s", {"tin-tuc/x.md": article("Tin", **field)})
    done = build(root, check=False)
    assert done.returncode != 0 and "tin-tuc/x.md" in done.stdout and "Traceback" not in done.stdout


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x",
                                 "vbpl.vn/x"])
def test_registered_document_urls_must_be_http(tmp_path, url):
    root = write_site(tmp_path / "s", {"tin-tuc/x.md": article("Tin")},
                      documents=[{"number": "31/2024/QH15", "title": "Luật", "url": url}])
    done = build(root, check=False)
    assert done.returncode != 0 and "mkdocs.yml" in done.stdout and "https://" in done.stdout
    assert "Traceback" not in done.stdout


# --- shared shells stay byte-identical with escaped marks -------------------------------------

def test_shell_filled_pages_escape_title_and_canonical_as_whole_renders(tmp_path, monkeypatch):
    """ShellCache fills title and canonical URL marks escaped as the template prints them."""
    from test_reliability import differing_files

    root = tmp_path / "s"
    site_config = config()
    site_config["site_url"] = 'https://bantin.example.org/a&b\'c"<d/'  # MkDocs accepts it
    write(root, site_config=site_config)
    shared, whole, filled = shell_and_whole_builds(root, tmp_path, monkeypatch)
    assert filled
    # `"` and `<` reach the page percent-encoded (siteurl.as_uri, session 41); `&` and `'` stay
    # in the address and must be escaped as the whole render escapes them
    canonical = '<link rel="canonical" href="https://bantin.example.org/a&amp;b&#39;c%22%3Cd/the/the-img-src-x-onerror-alert-1/">'
    assert canonical in (shared[0] / "the/the-img-src-x-onerror-alert-1/index.html").read_text(encoding="utf-8")
    assert [p for p in html_files(shared[0]) if scan(p.read_text(encoding="utf-8")).problems] == []
    assert differing_files(shared[0], whole[0]) == [] and differing_files(shared[1], whole[1]) == []


# --- helpers ----------------------------------------------------------------------------------

def _text(html: str) -> str:
    """Visible text of a page (scripts and styles dropped), entities decoded."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style") and self.skip > 0

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _attrs(html: str, tag: str, name: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class Attrs(HTMLParser):
        def handle_starttag(self, t, attrs):
            if t == tag:
                found.extend(v for k, v in attrs if k == name and v is not None)

    Attrs(convert_charrefs=True).feed(html)
    return found
