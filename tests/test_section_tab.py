"""The top tab of a page's section is marked on pages in no navigation entry (session 52).

Material marks the tab of the section that holds a page in the navigation; an article, a
question, a document's page or a year's list is in none, so the reader's trial (session 51)
found no tab marked there. site/sectiontab.py says which tab holds such a page;
partials/tabs-item.html marks it as Material marks its own.
"""

from __future__ import annotations

import re

import pytest
import yaml

from bantin.site.sectiontab import address, section_tab
from sitekit import article, build, write_site

TABS = ["index.html", "tin-tuc/index.html", "chuyen-muc/index.html", "hoi-dap/index.html",
        "luu-tru/index.html", None, "tim-kiem/index.html"]


def test_a_page_belongs_to_the_tab_whose_folder_holds_it():
    assert section_tab("tin-tuc/bai-mot/index.html", TABS) == 1
    assert section_tab("hoi-dap/so-tay/cau-hoi/index.html", TABS) == 3
    assert section_tab("luu-tru/2024/index.html", TABS) == 4


def test_the_home_tab_holds_every_page_and_so_marks_none():
    assert section_tab("the/dat-dai/index.html", TABS) is None
    assert section_tab("index.html", TABS) is None
    assert section_tab("bai-o-goc/index.html", TABS) is None


def test_a_folder_whose_name_only_begins_like_a_tab_s_is_not_in_it():
    assert section_tab("tin-tuc-cu/bai/index.html", TABS) is None
    assert section_tab("huong-dan-bien-tap/index.html", ["huong-dan/index.html"]) is None


def test_the_deepest_tab_wins_and_a_tie_goes_to_the_first():
    tabs = ["tin-tuc/index.html", "tin-tuc/dia-phuong/index.html", "tin-tuc/dia-phuong.html"]
    assert section_tab("tin-tuc/dia-phuong/bai/index.html", tabs) == 1  # tabs 1 and 2: one address
    assert section_tab("tin-tuc/khac/bai/index.html", tabs) == 0


def test_addresses_without_folders_per_page_give_the_same_tabs():
    """use_directory_urls: false (the offline copy) writes tin-tuc.html and tin-tuc/bai-mot.html."""
    tabs = [dest.replace("/index.html", ".html") if dest and dest != "index.html" else dest for dest in TABS]
    assert address("tin-tuc.html") == address("tin-tuc/index.html") == ("tin-tuc",)
    assert address("index.html") == ()
    assert section_tab("tin-tuc/bai-mot.html", tabs) == 1
    assert section_tab("hoi-dap/so-tay/cau-hoi.html", tabs) == 3
    assert section_tab("tin-tuc-cu.html", tabs) is None


HANDBOOK = """---
title: Hỏi - Đáp về hòa giải
date: 2024-03-15
category: hoa-giai-o-co-so
---

Lời giới thiệu.

## Câu hỏi 1: Hòa giải ở cơ sở là gì? {#hoa-giai-la-gi}

Là việc hòa giải viên giúp các bên tự giải quyết mâu thuẫn.
"""


@pytest.fixture(scope="module", params=[True, False], ids=["addresses", "files"])
def site(request, tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("tabs"), {
        "tin-tuc/bai-mot.md": article("Bài một", tags=["hòa giải"]),
        "hoi-dap/hoi-dap-ve-hoa-giai.md": HANDBOOK,
    })
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["features"] = ["navigation.tabs"]
    config["use_directory_urls"] = request.param
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(root)
    return root, request.param


def marked(root, page: str) -> list[str]:
    html = (root / "site" / page).read_text(encoding="utf-8")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S).group(0)
    items = re.findall(r'<li class="md-tabs__item( md-tabs__item--active)?">\s*<a [^>]*>(.*?)</a>', tabs, re.S)
    return [" ".join(label.split()) for active, label in items if active]


EXPECTED = {  # page (with folders per page) → the tabs marked
    "index.html": ["Trang chủ"],
    "tin-tuc/index.html": ["Tin tức"],
    "tin-tuc/bai-mot/index.html": ["Tin tức"],
    "hoi-dap/hoi-dap-ve-hoa-giai/index.html": ["Hỏi - Đáp"],
    "hoi-dap/hoi-dap-ve-hoa-giai/hoa-giai-la-gi/index.html": ["Hỏi - Đáp"],
    "luu-tru/2024/index.html": ["Lưu trữ theo năm"],
    "chuyen-muc/hoa-giai-o-co-so/index.html": ["Chuyên mục"],
    "the/hoa-giai/index.html": [],  # keywords have no tab
}


def drawer_marked(root, page: str) -> list[str]:
    """The drawer's top-level entries marked active, as text (a phone has no tabs)."""
    html = (root / "site" / page).read_text(encoding="utf-8")
    drawer = html[html.index('class="md-nav md-nav--primary'):]
    links = re.findall(r'<a href="[^"]*" class="md-nav__link( md-nav__link--active)?">\s*<span class="md-ellipsis">(.*?)</span>',
                       drawer, re.S)
    return [" ".join(label.split()) for active, label in links if active]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_every_page_marks_its_section_s_tab_and_no_other(site, page):
    root, folders = site
    path = page if folders or page == "index.html" else page.replace("/index.html", ".html")
    assert marked(root, path) == EXPECTED[page]


@pytest.mark.parametrize("page", ["tin-tuc/bai-mot/index.html", "hoi-dap/hoi-dap-ve-hoa-giai/hoa-giai-la-gi/index.html",
                                  "luu-tru/2024/index.html", "the/hoa-giai/index.html"])
def test_the_drawer_marks_the_same_section_on_pages_in_no_navigation_entry(site, page):
    root, folders = site
    path = page if folders else page.replace("/index.html", ".html")
    assert drawer_marked(root, path) == EXPECTED[page]
