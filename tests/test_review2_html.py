"""Second review of issue 12, findings 1, 7, 9, 10, 11: classes the page's scripts act on,
links no browser can read, renamed downloads, silently dropped tags and heading ids, and
the invisible bidi / zero-width characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from bantin.content import anchors, checks
from bantin.content import frontmatter
from bantin.content.model import Item
from bantin.problems import Problems
from bantin.content.sanitize import clean, report_unsafe
from bantin.config.settings import Category, SiteConfig
from bantin.text.vi import control_chars, strip_control
from sitekit import article, build, write_site

HOSTS = ("youtube.com",)
SITE = SiteConfig(categories=(Category("hoa-giai-o-co-so", "Hòa giải ở cơ sở"),))
HEAD = "---\ntitle: Tin thử\ndate: 2024-11-21\ncategory: hoa-giai-o-co-so\n"


def warnings(source: str) -> list[tuple[int, str]]:
    problems = Problems()
    report_unsafe("tin-tuc/a.md", source, 1, HOSTS, problems)
    return [(p.line, p.message) for p in problems.warnings]


def read(text: str):
    problems = Problems()
    parsed = frontmatter.read("tin-tuc/a.md", text.encode("utf-8"), SITE, problems, lambda _: True)
    return parsed, problems


# --- 1: classes ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["mermaid", "md-dialog", "md-dialog--active", "md-typeset", "bt-body", "bt-x",
                                  "bantin-search", "bantinX", "annotate", "highlight", "tabbed-set", "no-js"])
def test_reserved_classes_are_removed_and_reported(name):
    assert name not in clean(f'<pre class="{name}">graph TD; A-->B</pre>', HOSTS)
    assert [line for line, m in warnings(f'Đoạn.\n<pre class="{name}">x</pre>') if "class" in m] == [2]
    assert [line for line, m in warnings(f"Đoạn.\n{{: .{name} #ok }}") if "class" in m] == [2]


def test_other_classes_stay():
    html = '<div class="admonition note"><p class="admonition-title">x</p><a class="vanban" href="#a">y</a></div>'
    assert clean(html, HOSTS) == html
    assert clean('<p class="bt-can-cu noi-bat">x</p>', HOSTS) == '<p class="bt-can-cu noi-bat">x</p>'
    assert clean('<div class="md-dialog md-dialog--active canh-bao">x</div>', HOSTS) == '<div class="canh-bao">x</div>'
    assert clean('<pre class="mermaid">x</pre>', HOSTS) == "<pre>x</pre>"
    assert warnings('<p class="noi-bat">x</p>\n{: .canh-bao }') == []


# --- 9: download ---------------------------------------------------------------------------

def test_download_keeps_no_file_name():
    html = clean('<a href="../tai-lieu/bang.csv" download="HuongDan.bat">Tải</a>', HOSTS)
    assert "HuongDan" not in html and 'download=""' in html
    assert [line for line, m in warnings('Đoạn\n<a href="b.csv" download="HuongDan.bat">x</a>')] == [2]
    assert warnings('<a href="b.csv" download>x</a>') == []


# --- 10: heading ids, attribute lists, tags ------------------------------------------------

@pytest.mark.parametrize("heading, slug", [("Gà", "muc-ga"), ("Module", "muc-module"), ("Lunr", "muc-lunr"),
                                           ("Bt vụ việc", "muc-bt-vu-viec"), ("Exports", "muc-exports")])
def test_reserved_heading_slugs_get_a_prefix(heading, slug):
    assert anchors.heading_id(heading) == slug
    assert not anchors.reserved_id(slug)


@pytest.mark.parametrize("heading, slug", [("Hòa giải", "hoa-giai"), ("Đăng ký", "dang-ky"), ("!!!", "muc"),
                                           ("Điều 5", "dieu-5"), ("Gà trống", "ga-trong")])
def test_ordinary_heading_slugs_are_unchanged(heading, slug):
    assert anchors.heading_id(heading) == slug


def test_attribute_list_id_forms():
    assert [line for line, m in warnings('Đoạn\n{: id="bt-x" }') if "id" in m] == [2]
    assert [line for line, m in warnings("Đoạn {: id=__config}") if "id" in m] == [1]
    assert warnings("Viết \\{#__config} để …") == []
    assert anchors.anchors("Đoạn\n{: id=\"muc-rieng\" }\n\n## Gà\n\n## Gà\n") == {"muc-rieng", "muc-ga", "muc-ga_1"}
    assert anchors.anchors("Chữ \\{#x}") == set()


@pytest.mark.parametrize("tags", ['["", hòa giải]', '[" ", hòa giải]', '["\\u00a0", hòa giải]', "[~, hòa giải]",
                                  '"hòa giải, , đất đai"'])
def test_empty_tags_are_reported(tags):
    parsed, problems = read(HEAD + f"tags: {tags}\n---\nThân bài.\n")
    found = [p for p in problems.errors if p.field == "tags"]
    assert [p.line for p in found] == [5], [str(p) for p in problems.items]


# --- 7: URLs no parser can read --------------------------------------------------------------

@pytest.mark.parametrize("body", ["[x](http://[::1/)", '<a href="http://[::1/">x</a>', "[x](https://a.vn:99999/)",
                                  "[x]: http://[::1/\n\n[y][x]"])
def test_unparsable_link_is_an_error(body):
    parsed, _ = read(HEAD + "---\nĐoạn.\n" + body)
    item = Item(src="tin-tuc/a.md", meta=parsed.meta, body=parsed.body, body_line=parsed.body_line, path="tin-tuc/a")
    problems = Problems()
    checks.check_body(item, {}, 500, problems)
    assert [p.line for p in problems.errors] == [7], [str(p) for p in problems.items]


def test_unparsable_source_url_is_an_error():
    parsed, problems = read(HEAD + "source:\n  name: Báo X\n  url: 'http://[::1'\n---\nThân.\n")
    assert [p.field for p in problems.errors] == ["source"]


# --- 11: bidi and zero-width characters ----------------------------------------------------

@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200b", "\u2060", "\ufeff"])
def test_bidi_and_zero_width_are_invisible_controls(char):
    assert control_chars(f"y{char}fdp.zip") == f"U+{ord(char):04X}"
    assert strip_control(f"y{char}fdp") == "yfdp"


@pytest.mark.parametrize("char", ["\u200c", "\u200d"])
def test_joiners_stay(char):
    assert control_chars(f"👨{char}👩") == "" and strip_control(f"👨{char}👩") == f"👨{char}👩"


def test_bidi_in_title_and_body():
    parsed, problems = read("---\ntitle: Tin \u202ethử\ndate: 2024-11-21\ncategory: hoa-giai-o-co-so\n---\n"
                            "Đoạn một.\nĐoạn \u2066hai\u2069.\n")
    assert [(p.line, p.field) for p in problems.errors] == [(2, "title")], [str(p) for p in problems.items]
    assert [p.line for p in problems.warnings] == [7] and "U+2066, U+2069" in problems.warnings[0].message
    assert parsed is None or "\u2066" not in parsed.body


# --- end to end ------------------------------------------------------------------------------

def test_built_site_has_no_reserved_class_and_keeps_heading_ids(tmp_path):
    body = ('<pre class="mermaid">graph TD; A-->B</pre>\n\n'
            '<div class="md-dialog md-dialog--active"><div class="md-dialog__inner">Thông báo giả</div></div>\n\n'
            "Đoạn.\n{: .bt-body .noi-bat }\n\n"
            '[Tải bảng](../tai-lieu/bang.csv){: download="HuongDan.bat" }\n\n'
            "## Lunr\n\nXem [mục Gà](#muc-ga).\n\n## Gà\n\nNội dung.\n")
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a", body=body),
                          "tai-lieu/bang.csv": "a,b\n1,2\n"})
    done = build(tmp_path)
    assert "lớp `mermaid` (class)" in done.stdout and "lớp `md-dialog` (class)" in done.stdout
    page = (tmp_path / "site" / "tin-tuc" / "tin-a" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="muc-lunr">' in page and '<h2 id="muc-ga">' in page and 'href="#muc-ga"' in page
    assert '<p class="noi-bat">' in page and "HuongDan" not in page
    for path in Path(tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text and "md-dialog--active" not in text, path


def test_unparsable_link_fails_the_build_without_traceback(tmp_path):
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a", body="Đoạn.\n\n[x](http://[::1/)\n")})
    done = build(tmp_path, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stdout
    assert "tin-tuc/a.md:" in done.stdout and "http://[::1/" in done.stdout and "viết sai" in done.stdout
