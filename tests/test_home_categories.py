"""The home page's categories: a block for each with items of its own, and the ones whose
items are all higher up named in one list, with their counts (a reader's trial, session 51:
«Cải cách hành chính» was not on the home page at all; an editor's trial, session 52: a new
site's two articles left one empty block per category, a heading over «Xem tất cả (1)»)."""

from __future__ import annotations

import re

import pytest

from sitekit import article, build, read, write_site


def categories(html: str) -> tuple[list[str], str | None, list[str]]:
    """(ids of the category blocks with cards, the list's heading, the list's lines as text)."""
    part = html[html.index('class="bt-home__categories"'):]
    blocks = re.findall(r'<section aria-labelledby="(bt-cm-[^"]+)" class="bt-home__category">(.*?)</section>', part, re.S)
    assert all('class="bt-card' in inner for _, inner in blocks), "a category block without a card"
    listed = re.search(r'class="bt-home__category bt-home__others">\s*<h2[^>]*>(.*?)</h2>(.*?)</ul>', part, re.S)
    if listed is None:
        return [name for name, _ in blocks], None, []
    lines = [" ".join(re.sub(r"<[^>]+>", "", li).split()) for li in re.findall(r"<li>(.*?)</li>", listed.group(2), re.S)]
    return [name for name, _ in blocks], listed.group(1), lines


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    small = write_site(tmp_path_factory.mktemp("moi"), {
        "tin-tuc/mot.md": article("Bài thứ nhất", "2024-05-01", "hoa-giai-o-co-so"),
        "tin-tuc/hai.md": article("Bài thứ hai", "2024-05-02", "cai-cach-hanh-chinh"),
    })
    larger = write_site(tmp_path_factory.mktemp("lon"), {
        **{f"tin-tuc/hoa-giai-{n}.md": article(f"Hòa giải số {n}", f"2024-05-{n:02d}", "hoa-giai-o-co-so")
           for n in range(1, 9)},
        "tin-tuc/cai-cach.md": article("Một bài cải cách", "2024-05-20", "cai-cach-hanh-chinh"),
    })
    for root in (small, larger):
        build(root)
    return read(small, "index.html"), read(larger, "index.html")


def test_a_new_site_names_its_categories_in_one_list_not_in_empty_blocks(sites):
    blocks, heading, lines = categories(sites[0])
    assert blocks == [] and heading == "Chuyên mục", (blocks, heading)
    assert lines == ["Hòa giải ở cơ sở (1 bài)", "Cải cách hành chính (1 bài)"], lines


def test_a_category_all_shown_above_is_named_after_the_blocks_of_the_others(sites):
    blocks, heading, lines = categories(sites[1])
    assert blocks == ["bt-cm-hoa-giai-o-co-so"] and heading == "Các chuyên mục khác", (blocks, heading)
    assert lines == ["Cải cách hành chính (1 bài)"], lines
    assert 'href="chuyen-muc/cai-cach-hanh-chinh/"' in sites[1]


def test_a_category_titled_khac_keeps_its_own_id(tmp_path):
    """«Khác» is a common category; the list's heading had its block's id (review, session 52)."""
    from sitekit import CATEGORIES
    root = write_site(tmp_path, {
        **{f"tin-tuc/khac-{n}.md": article(f"Tin khác số {n}", f"2024-05-{n:02d}", "khac") for n in range(1, 9)},
        "tin-tuc/hoa-giai.md": article("Một bài hòa giải", "2024-05-20", "hoa-giai-o-co-so"),
    }, categories=[*CATEGORIES, {"title": "Khác"}])
    build(root)
    home = read(root, "index.html")
    ids = re.findall(r' id="([^"]+)"', home)
    assert "bt-cm-khac" in ids and "bt-home-others" in ids and len(ids) == len(set(ids)), ids
