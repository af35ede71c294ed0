"""Issue 15, standards: what a page says of itself to search engines and sharing, one FAQ
markup per question, breadcrumbs, heading order of question pages, the documents index.

Pure functions first; then one small site built once (module fixture) and read with real
parsers: `json.loads` for JSON-LD, html.parser for headings and meta.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from bantin.content.handbook.page import demote_html_headings, shift_headings
from bantin.legal.numbers import index_order
from bantin.legal.registry import Registry
from bantin.problems import Problems
from bantin.site import breadcrumbs, sharing
from bantin.site.images import Variant
from bantin.site.urls import UrlScheme
from bantin.config.settings import UrlPrefixes
from sitekit import article, build, write_site


# --- description ------------------------------------------------------------------------------

def test_description_prefers_the_summary_as_text_then_the_lead_then_the_site():
    assert sharing.description("Tóm tắt <b>có</b> thẻ", "Thân bài", "Trang") == "Tóm tắt <b>có</b> thẻ"
    assert sharing.description("", "Theo [Luật số 31/2024/QH15](../x.md), **người dân**\n\nđược", "Trang") \
        == "Theo Luật số 31/2024/QH15, người dân được"
    assert sharing.description("  ", "", "Trang  thông tin") == "Trang thông tin"
    long = sharing.description("", "chữ " * 200, "")
    assert len(long) <= sharing.DESCRIPTION_CHARS + 1 and long.endswith("…")


def test_share_variant_is_the_narrowest_wide_enough_else_the_widest():
    small, mid, big = Variant("a", 480, 1), Variant("b", 1440, 1), Variant("c", 2000, 1)
    assert sharing.pick_variant((small, mid, big)) is mid
    assert sharing.pick_variant((small,)) is small
    assert sharing.pick_variant(()) is None


@pytest.mark.parametrize("value", ["../bi-mat.png", "https://x.example/a.png", "//x.example/a.png", "/", "."])
def test_share_image_outside_content_is_a_problem(value):
    problems = Problems()
    assert sharing.configured_image(value, problems, 7) == ""
    assert problems.errors and problems.errors[0].line == 7 and "content/" in problems.errors[0].message


def test_share_image_in_double_quotes_with_windows_backslashes_is_told_as_typed():
    problems = Problems()
    assert sharing.configured_image("images\x08ia-se.png", problems, 9) == ""  # `"images\bia-se.png"` as YAML reads it
    [error] = problems.errors
    assert error.line == 9 and error.field == "plugins.bantin.share_image"
    assert '`share_image: "images\\bia-se.png"`' in error.message and error.fix.endswith("`share_image: images/bia-se.png`")


def test_share_image_is_checked_like_other_images():
    assert sharing.configured_image("/images\\chia-se.png", Problems(), 1) == "images/chia-se.png"
    problems = Problems()
    sharing.check_image("images/khong-co.png", {}, lambda p: None, problems, 3)
    sharing.check_image("images/sai.png", {"images/sai.png": 5}, lambda p: b"not a png", problems, 3)
    sharing.check_image("images/anh.webp", {"images/anh.webp": 5}, lambda p: b"", problems, 3)
    sharing.check_image("images/bo.png", {}, lambda p: None, problems, 3, refused={"images/bo.png"})  # said once, by the inventory
    messages = sorted(p.message for p in problems.errors)
    assert len(messages) == 3 and all(p.line == 3 for p in problems.errors)
    assert "`images/sai.png` không phải ảnh đọc được (nội dung không phải ảnh PNG)" in messages
    assert any("không có tệp `images/khong-co.png`" in m for m in messages)
    assert any("phải là tệp JPG hoặc PNG" in m for m in messages)


def test_the_packaged_share_image_is_a_small_raster_of_the_recommended_size():
    path = Path(sharing.__file__).parents[1] / "theme" / sharing.DEFAULT_IMAGE
    assert path.stat().st_size < 20_000
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.format == "PNG" and image.size == sharing.DEFAULT_IMAGE_SIZE


# --- breadcrumbs ------------------------------------------------------------------------------

URLS = UrlScheme(UrlPrefixes())


def test_breadcrumb_trails():
    cat = SimpleNamespace(slug="dat-dai", title="Đất đai")
    item = SimpleNamespace(category=cat, kind="article", path="tin-tuc/a", title="Bài A")
    assert breadcrumbs.trail(URLS, item) == [("", "Trang chủ"), ("chuyen-muc/dat-dai", "Đất đai"), ("tin-tuc/a", "Bài A")]
    guide = SimpleNamespace(category=None, kind="guide", path="huong-dan/g", title="G")
    assert breadcrumbs.trail(URLS, guide)[1] == ("huong-dan", "Tài liệu hướng dẫn")
    page = SimpleNamespace(category=None, kind="page", path="gioi-thieu", title="Giới thiệu")
    assert breadcrumbs.trail(URLS, page) == [("", "Trang chủ"), ("gioi-thieu", "Giới thiệu")]
    handbook = SimpleNamespace(category=None, kind="qa", path="hoi-dap/s", title="Sổ tay")
    question = SimpleNamespace(kind="question", question=object(), item=handbook, path="hoi-dap/s/q", title="Q?")
    assert [t for _, t in breadcrumbs.trail(URLS, None, question)] == ["Trang chủ", "Hỏi - Đáp", "Sổ tay", "Q?"]
    listing = SimpleNamespace(kind="category", question=None, item=None, path="chuyen-muc/dat-dai", title="Đất đai")
    assert breadcrumbs.trail(URLS, None, listing)[1] == ("chuyen-muc", "Chuyên mục")
    home = SimpleNamespace(kind="home", question=None, item=None, path="", title="Bản tin")
    assert breadcrumbs.trail(URLS, None, home) == []


# --- headings of answers ------------------------------------------------------------------------

def test_answer_headings_start_at_the_given_level_and_keep_their_steps():
    answer = "Trả lời.\n\n### Ai?\n\nA\n\n#### Chi tiết\n\n```\n### không phải tiêu đề\n```\n"
    shifted = shift_headings(answer, 2)
    assert "\n## Ai?\n" in shifted and "\n### Chi tiết\n" in shifted and "\n### không phải tiêu đề\n" in shifted
    assert shift_headings(answer, 3) == answer
    assert shift_headings("# Một\n\n###### Sáu", 3) == "### Một\n\n###### Sáu"  # capped at 6
    assert shift_headings("#hashtag không phải tiêu đề", 2) == "#hashtag không phải tiêu đề"
    assert demote_html_headings('<h2 id="a">A</h2><H6>B</H6>', 1) == '<h3 id="a">A</h3><h6>B</h6>'


# --- documents ----------------------------------------------------------------------------------

def test_documents_sort_newest_year_first_then_by_number():
    docs = [("104/2016/QH13", 2016), ("512/UBND-NC", None), ("10/2024/QH15", 2024), ("11/2017/QH14", 2017),
            ("9/2024/QH15", 2024)]
    assert [n for n, y in sorted(docs, key=lambda d: index_order(*d))] == [
        "9/2024/QH15", "10/2024/QH15", "11/2017/QH14", "104/2016/QH13", "512/UBND-NC"]


def test_registry_knows_both_directions_of_a_replacement():
    registry, errors = Registry.from_config([{"number": "45/2013/QH13", "replaced_by": "31/2024/QH15"},
                                             {"number": "31/2024/QH15", "title": "Luật Đất đai"}])
    assert errors == []
    old, new = registry.lookup("45/2013/QH13"), registry.lookup("31/2024/QH15")
    assert registry.replacement(old) == new and registry.replaces(new) == [old] and registry.replaces(old) == []


# --- one small site -----------------------------------------------------------------------------

HANDBOOK = """---
title: Sổ tay thử
type: qa
category: hoa-giai-o-co-so
date: 2024-05-03
---
Lời giới thiệu.

## Câu một? {#cau-mot}

Trả lời câu một.

### Chi tiết

Thêm chi tiết.

## Câu hai? {#cau-hai}

Trả lời câu hai, theo Luật số 45/2013/QH13.
"""


class _Page(HTMLParser):
    """Meta values, JSON-LD blocks and the heading levels inside <article>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self.headings: list[int] = []
        self._ld, self._article, self._buffer = False, 0, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            self.meta[a.get("name") or a.get("property") or ""] = a.get("content") or ""
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._ld, self._buffer = True, []
        elif tag == "article":
            self._article += 1
        elif self._article and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "script" and self._ld:
            self._ld = False
            self.jsonld.append(json.loads("".join(self._buffer)))
        elif tag == "article":
            self._article -= 1

    def handle_data(self, data):
        if self._ld:
            self._buffer.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("standards") / "s"
    photo = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(photo, "JPEG")
    share = io.BytesIO()
    Image.new("RGB", (1300, 700), (20, 60, 120)).save(share, "PNG")
    files = {
        "tin-tuc/mot.md": article("Bài một", summary="Tóm tắt bài một.", date="2024-05-01"),
        "tin-tuc/hai.md": article("Bài hai", summary="Tóm tắt bài hai.", date="2024-05-02"),
        "tin-tuc/ba.md": article("Bài ba", date="2024-05-04", body="Thân bài ba, nhắc Luật số 31/2024/QH15.\n",
                                 image="../images/anh.jpg", image_alt="Ảnh bài ba"),
        "hoi-dap/so-tay-thu.md": HANDBOOK,
        "images/anh.jpg": photo.getvalue(),
        "images/chia-se.png": share.getvalue(),
    }
    write_site(root, files, share_image="images/chia-se.png",
               documents=[{"number": "45/2013/QH13", "title": "Luật Đất đai năm 2013", "replaced_by": "31/2024/QH15"},
                          {"number": "31/2024/QH15", "title": "Luật Đất đai"}])
    build(root)
    return root / "site"


def _page(site: Path, rel: str) -> _Page:
    return _Page((site / rel / "index.html").read_text(encoding="utf-8"))


def _pages(site: Path):
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html:  # redirect pages (short links, aliases)
            yield path, _Page(html)


def test_pages_of_one_position_get_their_own_description(site):
    one, two, three = (_page(site, f"tin-tuc/bai-{slug}") for slug in ("mot", "hai", "ba"))
    assert one.meta["description"] == one.meta["og:description"] == "Tóm tắt bài một."
    assert two.meta["description"] == "Tóm tắt bài hai."
    assert three.meta["description"] == "Thân bài ba, nhắc Luật số 31/2024/QH15."
    question = _page(site, "hoi-dap/so-tay-thu/cau-hai")
    assert question.meta["description"].startswith("Trả lời câu hai")


def test_every_page_has_an_absolute_share_image(site):
    seen = {}
    for path, page in _pages(site):
        image = page.meta.get("og:image", "")
        assert image.startswith("https://bantin.example.org/"), path
        seen[path.parent.name] = image
        assert (site / image.removeprefix("https://bantin.example.org/")).is_file(), image
    assert "assets/img/anh-" in seen["bai-ba"] and "assets/img/chia-se-" in seen["bai-mot"]
    news = [ld for ld in _page(site, "tin-tuc/bai-mot").jsonld if ld["@type"] == "NewsArticle"][0]
    assert news["image"] == [seen["bai-mot"]] and news["headline"] == "Bài một" and news["datePublished"]
    assert news["author"]["name"] and news["publisher"]["name"] == "Sở Tư pháp tỉnh Thử"


def test_a_shared_short_link_previews_as_its_question(site):
    """Every QR code and «Sao chép liên kết» carry a question's short link /q/<id>/, a redirect
    page: a chat app's preview that does not follow its refresh showed «Chuyển đến …» and no
    text nor picture (a trainer's trial, session 54). It has its question's title, description,
    address and picture."""
    short, question = _page(site, "q/cau-hai"), _page(site, "hoi-dap/so-tay-thu/cau-hai")
    for name in ("og:title", "og:description", "og:url", "og:image", "og:site_name"):
        assert short.meta[name] == question.meta[name], name
    assert short.meta["description"].startswith("Trả lời câu hai") and short.meta["robots"] == "noindex"


def test_each_question_is_marked_up_once(site):
    names = [q["name"] for _, page in _pages(site) for ld in page.jsonld if ld["@type"] == "FAQPage"
             for q in ld["mainEntity"]]
    assert sorted(names) == ["Câu hai?", "Câu một?"]
    faq = [ld for ld in _page(site, "hoi-dap/so-tay-thu").jsonld if ld["@type"] == "FAQPage"][0]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in faq["mainEntity"])


def test_breadcrumbs_parse_and_lead_home(site):
    found = 0
    for path, page in _pages(site):
        for ld in page.jsonld:
            if ld["@type"] == "BreadcrumbList":
                found += 1
                items = ld["itemListElement"]
                assert [i["position"] for i in items] == list(range(1, len(items) + 1)), path
                assert items[0] == {"@type": "ListItem", "position": 1, "name": "Trang chủ",
                                    "item": "https://bantin.example.org/"}
                assert all(i["name"] and i["item"].startswith("https://bantin.example.org/") for i in items)
    assert found >= 15
    question = _page(site, "hoi-dap/so-tay-thu/cau-mot").jsonld
    assert [i["name"] for i in question[0]["itemListElement"]] == ["Trang chủ", "Hòa giải ở cơ sở", "Sổ tay thử", "Câu một?"]
    html = (site / "hoi-dap/so-tay-thu/cau-mot/index.html").read_text(encoding="utf-8")
    assert re.search(r'<nav class="bt-breadcrumb" aria-label="Đường dẫn trang">\s*<ol><li><a href="../../../">Trang chủ</a>', html)


def test_heading_order_has_no_skip_on_handbook_question_and_printable_pages(site):
    for rel in ("hoi-dap/so-tay-thu", "hoi-dap/so-tay-thu/cau-mot", "hoi-dap/so-tay-thu/ban-in"):
        levels = _page(site, rel).headings
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (rel, levels)
    assert _page(site, "hoi-dap/so-tay-thu/cau-mot").headings == [1, 2]


def test_documents_index_and_replacements_both_ways(site):
    index = (site / "van-ban/index.html").read_text(encoding="utf-8")
    assert index.index("31/2024/QH15") < index.index("45/2013/QH13")
    assert re.search(r'45/2013/QH13[^<]*</a> <span class="bt-count">\(\d+ bài nhắc đến\)</span> · <strong class="bt-expired">Hết hiệu lực', index)
    new = (site / "van-ban/31-2024-qh15/index.html").read_text(encoding="utf-8")
    assert re.search(r'<dt>Thay thế</dt>\s*<dd><a href="../45-2013-qh13/">Luật số 45/2013/QH13: Luật Đất đai năm 2013</a>', new)
    old = (site / "van-ban/45-2013-qh13/index.html").read_text(encoding="utf-8")
    # Replaced and out of force: said once, in the notice above the facts (session 23).
    assert re.search(r'<p class="bt-notice" role="note"><strong>Lưu ý:</strong> văn bản này đã '
                     r'<strong class="bt-expired">hết hiệu lực</strong>, được thay thế bởi '
                     r'<a href="../31-2024-qh15/">Luật số 31/2024/QH15', old)
    assert "<dt>Được thay thế bởi</dt>" not in old and "<dt>Tình trạng</dt>" not in old
    assert old.lower().count("được thay thế bởi") == 1


def test_not_found_page_title(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<title>Không tìm thấy trang - Bản tin thử</title>" in html
    assert '<meta property="og:title" content="Không tìm thấy trang">' in html
