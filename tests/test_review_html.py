"""Review fixes for editor HTML (issue 12 review, findings 1, 3, 8, 9): ids and data attributes
the page's scripts use, iframe hosts read as a browser reads them, no request to other hosts
for body images and media, no window an opened link can navigate back."""

from __future__ import annotations

import re
import time

import pytest

from bantin.content import anchors, links
from bantin.text import mdlinks
from bantin.problems import Problems
from bantin.content.sanitize import clean, host_allowed, report_unsafe, reserved_id
from sitekit import article, build, write_site

HOSTS = ("youtube.com",)


# --- 1: ids and data attributes ----------------------------------------------------------

@pytest.mark.parametrize("value", ["__config", "__search", "_x", "lunr", "BantinSearch", "document$",
                                   "bt-noi-bat", "bantin-search-q"])
def test_reserved_ids_are_removed_and_reported(value):
    html = clean(f'<div id="{value}">x</div>', HOSTS)
    assert "id=" not in html
    problems = Problems()
    report_unsafe("tin-tuc/a.md", f'Đoạn.\n<div id="{value}">x</div>\n', 5, HOSTS, problems)
    assert [(p.line, "id" in p.message) for p in problems.warnings] == [(6, True)]


@pytest.mark.parametrize("value", ["hoa-giai", "hoa-giai_1", "fn:1", "fnref:1", "muc-3", "Dieu5"])
def test_ordinary_anchors_stay(value):
    assert not reserved_id(value)
    assert f'id="{value}"' in clean(f'<h2 id="{value}">x</h2>', HOSTS)


def test_attribute_list_ids_are_reported():
    problems = Problems()
    report_unsafe("tin-tuc/a.md", "## Mục {#__config}\n\nĐoạn {: #lunr }\n", 1, HOSTS, problems)
    assert [p.line for p in problems.warnings] == [1, 3]


@pytest.mark.parametrize("attribute", ["data-md-component", "data-bantin-search", "data-bt-font", "data-x"])
def test_data_attributes_are_removed_and_reported(attribute):
    assert "data-" not in clean(f'<div {attribute}="page">x</div>', HOSTS)
    for source in (f'<div {attribute}="page">x</div>', f"Đoạn\n{{: {attribute}=\"page\" }}"):
        problems = Problems()
        report_unsafe("tin-tuc/a.md", source, 1, HOSTS, problems)
        assert any("data-" in p.message for p in problems.warnings), source


def test_built_page_has_one_config(tmp_path):
    """Editor HTML and Markdown attribute lists both try `__config`; the page keeps Material's."""
    body = ('<div id="__config">{"base": "https://evil.example/"}</div>\n\n'
            'Đoạn văn.\n{: #__config data-md-component="search" }\n\n<a id="lunr" data-bt-font="1">x</a>\n')
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a", body=body)})
    done = build(tmp_path)
    page = (tmp_path / "site" / "tin-tuc" / "tin-a" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'\bid="__config"', page)) == 1
    assert re.search(r'<script\b[^>]*\bid="__config"', page)
    assert 'id="lunr"' not in page and 'data-md-component="search"' not in page
    assert "__config" in done.stdout and "data-" in done.stdout  # reported with file and line


# --- 3: iframe hosts ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://www.youtube.com/embed/x", "https://youtube.com/embed/x?a=1#t",
                                 "https://www.youtube.com:443/embed/x", "https://WWW.YouTube.com/x"])
def test_plain_https_iframes_on_allowed_hosts(url):
    assert host_allowed(url, HOSTS)
    assert "<iframe" in clean(f'<iframe src="{url}"></iframe>', HOSTS)


@pytest.mark.parametrize("url", ["https://www.youtube.com./x",  # the pages' frame-src names hosts without the dot
                                 "https://evil.example\\@www.youtube.com/embed/x", "https://evil@www.youtube.com/x",
                                 "http://www.youtube.com/embed/x", "//www.youtube.com/embed/x",
                                 "https://www%2eyoutube.com/x", "https://evil.example%5C@youtube.com/",
                                 "https://evil.example\t@youtube.com/", "https://youtube.com\\.evil.example/",
                                 "https://evil.example/x\\@youtube.com", "javascript://youtube.com/%0aalert(1)",
                                 "https://evil.example#@youtube.com/", "https://youtube.com.evil.example/"])
def test_iframe_urls_a_browser_reads_differently_are_refused(url):
    assert not host_allowed(url, HOSTS)
    # the refused frame goes whole: no empty 560×315 box left on the page (an editor's review, session 20)
    assert "<iframe" not in clean(f'<p>a</p><iframe width="560" height="315" src="{url}"></iframe><p>b</p>', HOSTS)
    problems = Problems()
    report_unsafe("tin-tuc/a.md", f'<iframe src="{url}"></iframe>', 1, HOSTS, problems)
    assert len(problems.warnings) >= 1


@pytest.mark.parametrize("html, kept", [
    ('<p>a</p><iframe><iframe>x</iframe><p>b</p>', '<p>a</p><p>b</p>'),  # one frame: the rest of the page stays
    ('<iframe src="https://www.youtube.com/embed/x"><iframe>a</iframe><p>c</p>',
     '<iframe src="https://www.youtube.com/embed/x"><iframe>a</iframe><p>c</p>'),  # the allowed frame stays closed
    ('<iframe width="5" src="https://evil.example/"></iframe><p>d</p>', '<p>d</p>'),
])
def test_refused_frames_go_as_a_browser_reads_them(html, kept):
    """Removing empty frames once matched a frame inside another's raw text and left the outer
    one open: Chromium swallowed the rest of the page, footer and scripts (hostile review, session 20)."""
    assert clean(html, HOSTS) == kept


# --- 9: links that open a window ---------------------------------------------------------

@pytest.mark.parametrize("target", ["_blank", "cuaso", "_top", "_self"])
def test_every_link_with_a_target_gets_rel(target):
    html = clean(f'<a title="a>b" href="https://evil.example/" target="{target}" rel="opener">x</a>', HOSTS)
    assert 'rel="noopener noreferrer"' in html and 'rel="opener"' not in html


def test_links_without_target_are_unchanged():
    assert clean('<a href="/tin-tuc/">x</a>', HOSTS) == '<a href="/tin-tuc/">x</a>'


# --- Markdown links are read in linear time (mdlinks since session 35) -----------------------

@pytest.mark.parametrize("unit", ["[a](", "![a](", "[a](b ", "[a](<", "[a](b(c)", "[a](()", "[](", "a](b)", "[a]( "])
def test_link_pattern_linear(unit):
    text = unit * (300_000 // len(unit))
    started = time.process_time()
    mdlinks.inline_links(text)
    links.rebase_links(text, "a/b.md", "a/c/d.md")
    assert time.process_time() - started < 4.0


# --- 8: images and media from other hosts ------------------------------------------------

@pytest.mark.parametrize("body", [
    "![Ảnh](https://evil.example/t.png)", "![Ảnh](//evil.example/t.png)", "![Ảnh](HTTP://evil.example/t.png)",
    '<img src="https://evil.example/t.png" alt="Ảnh">', "<img src='//evil.example/x' alt=a>",
    '<video src="https://evil.example/v.mp4" controls></video>',
    '<video src="../images/a.jpg" poster="https://evil.example/p.jpg"></video>',
    '<audio src="http://evil.example/a.mp3" controls></audio>',
    '<video controls><source src="https://evil.example/v.mp4" type="video/mp4"></video>',
    "![Ảnh][t]\n\n[t]: https://evil.example/t.png", "![T]\n\n[t]: https://evil.example/t.png",
])
def test_media_from_other_hosts_is_an_error(body):
    from test_corpus import body_problems
    found = body_problems(body + "\n")
    assert found and all(p.severity == "lỗi" for p in found), found
    assert any("trang web khác" in p.message and "content/images/" in p.fix for p in found)
    assert found[0].line == (8 if "[t]:" in body else 6)  # the body starts on line 6


@pytest.mark.parametrize("body", [
    "[Văn bản](https://vbpl.vn/x)", '<a href="https://vbpl.vn/x">x</a>', "[t]: https://vbpl.vn/x\n\n[Văn bản][t]",
    "![Ảnh](../images/a.jpg)",
])
def test_links_frames_and_own_images_stay(body):
    from test_corpus import body_problems
    assert body_problems(body + "\n") == []


def test_build_refuses_an_image_from_another_host(tmp_path):
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a", body="![Ảnh](https://evil.example/t.png)\n")})
    done = build(tmp_path, check=False)
    assert done.returncode != 0 and "trang web khác" in done.stdout


@pytest.mark.parametrize("text", ["{" + " " * 300_000, "{:" + " " * 300_000, "<a id" + " " * 300_000,
                                  "{data-" * 50_000, "<a data-" * 40_000, "{: #x " * 50_000])
def test_report_unsafe_linear_on_ids_and_data(text):
    started = time.process_time()
    report_unsafe("tin-tuc/a.md", text, 1, HOSTS, Problems())
    assert time.process_time() - started < 4.0


def test_links_to_reserved_ids_are_not_anchors():
    """The sanitiser drops a `lunr` id: a link to `#lunr` must fail the check, not the reader.
    A heading "Lunr" gets `muc-lunr` since review 2 (anchors.heading_id), so it keeps an id."""
    assert anchors.anchors("## Lunr\n\n## Hòa giải\n\nĐoạn {: #__config }\n") == {"muc-lunr", "hoa-giai"}


def test_question_id_cannot_be_a_name_the_page_scripts_use():
    """The handbook prints each question id as an element id without the sanitiser: an id
    `exports` or `lunr` would clobber the globals the search script reads."""
    from bantin.problems import Problems
    from bantin.content.handbook.reader import parse_questions

    for qid in ("lunr", "exports", "module", "bt-x", "bantin-y"):
        problems = Problems()
        _, questions = parse_questions("hoi-dap/a.md", f"## Câu hỏi? {{#{qid}}}\n\nĐáp.\n", 5, problems)
        assert questions == () and len(problems.errors) == 1, qid
        assert problems.errors[0].line == 5 and f"`{qid}`" in problems.errors[0].message
    problems = Problems()
    _, questions = parse_questions("hoi-dap/a.md", "## Câu hỏi? {#lunr-la-gi}\n\nĐáp.\n", 5, problems)
    assert [q.id for q in questions] == ["lunr-la-gi"] and not problems.errors
