"""The site's own redirect pages for old addresses with a query (issue 14, item 6).

When the bulletin takes over the old portal's host, `/tin-tuc/chi-tiet.html?id=2031` reaches
the static host, which serves `tin-tuc/chi-tiet.html` whatever the query. The build writes a
page there from the redirect map that sends each query on by the servers' rules: every
recorded parameter, else the identifying one alone (test_redirect_ids.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sitekit import article, build, write_site

from browser import serve

OLD = "https://bantin.example.org/tin-tuc/chi-tiet.html"  # the site's own host (sitekit's site_url)
MAP = "\n".join([
    f"{OLD}?id=2031&cat=5&page=2 /tin-tuc/ngay-hoi/",
    f"{OLD}?id=2032&cat=5 /tin-tuc/tap-huan/#anh",
    "https://bantin.example.org/tin/?ItemID=7&CateID=2 /tin-tuc/ngay-hoi/",
    "https://bantin.example.org/Pages/chi-tiet.aspx?ItemID=9 /tin-tuc/ngay-hoi/",  # .aspx: servers only
    "https://cong-cu.example.vn/tin-tuc/chi-tiet.html?id=1 /tin-tuc/ngay-hoi/",  # another host
    "https://bantin.example.org/cu/bai.html?id=3 /tin-tuc/ngay-hoi/",  # an alias has that file
]) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("qr"), {
        "tin-tuc/ngay-hoi.md": article("Ngày hội hòa giải", slug="ngay-hoi", aliases=["/cu/bai.html"]),
        "tin-tuc/tap-huan.md": article("Tập huấn hòa giải viên", slug="tap-huan", date="2024-05-02"),
    })
    (root / "redirects").mkdir()
    (root / "redirects" / "old-host.map").write_text(MAP, encoding="utf-8")
    done = build(root)
    assert "redirects/old-host.map:6:" in done.stdout and "cu/bai.html" in done.stdout, done.stdout
    return root


def rules(site: Path, rel: str) -> list[dict]:
    html = (site / "site" / rel).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="bt-rules">(.*?)</script>', html, re.S).group(1))


def test_pages_only_where_the_static_host_serves_html(site: Path) -> None:
    assert rules(site, "tin-tuc/chi-tiet.html") == [
        {"p": ["id=2031", "cat=5", "page=2"], "t": "./ngay-hoi/"},
        {"p": ["id=2032", "cat=5"], "t": "./tap-huan/#anh"},
        {"p": ["id=2031"], "t": "./ngay-hoi/"},
        {"p": ["id=2032"], "t": "./tap-huan/#anh"},
    ]
    assert rules(site, "tin/index.html") == [{"p": ["itemid=7", "cateid=2"], "t": "../tin-tuc/ngay-hoi/"},
                                             {"p": ["itemid=7"], "t": "../tin-tuc/ngay-hoi/"}]
    assert not (site / "site" / "Pages").exists()
    html = (site / "site" / "cu" / "bai.html").read_text(encoding="utf-8")
    assert "bt-rules" not in html and 'url=../tin-tuc/ngay-hoi/' in html  # the alias's page stays
    assert "chi-tiet" not in (site / "site" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), [
    ("?id=2031&cat=5&page=2", "tin-tuc/ngay-hoi/"),
    ("?id=2031", "tin-tuc/ngay-hoi/"),
    ("?page=9&ID=2031", "tin-tuc/ngay-hoi/"),
    ("?id=2032", "tin-tuc/tap-huan/#anh"),
    ("?id=203", None),
    ("", None),
])
def test_a_reader_arrives_at_the_new_page(site: Path, page, query: str, expected) -> None:
    base, stop = serve(site / "site")
    try:
        page.goto(f"{base}tin-tuc/chi-tiet.html{query}")
        if expected:
            page.wait_for_url(base + expected)
        else:
            page.wait_for_selector("#bt-none", state="visible")
            assert page.url == f"{base}tin-tuc/chi-tiet.html{query}"
    finally:
        stop()


def test_a_hostile_target_stays_a_path_on_this_site() -> None:
    from bantin.config.settings import UrlPrefixes
    from bantin.site.redirectmap import Rule, query_page_data
    from bantin.site.urls import UrlScheme

    urls = UrlScheme(UrlPrefixes())
    data, home, search = query_page_data("chi-tiet.html", [Rule("/chi-tiet.html", ("id=1",), "/javascript:alert(1)"),
                                                           Rule("/chi-tiet.html", ("id=2",), "/a/%3C/script%3E/")],
                                         urls)
    assert [r["t"] for r in json.loads(data)] == ["./javascript:alert(1)/", "./a/</script>/"]
    assert "<" not in data and ">" not in data
    assert (home, search) == ("./", "./tim-kiem/")


def test_paths_that_differ_in_case_share_one_page_and_others_files_are_left() -> None:
    from bantin.config.settings import UrlPrefixes
    from bantin.problems import Problems
    from bantin.site.redirectmap import query_pages
    from bantin.site.urls import UrlScheme

    lines = [(1, "https://h.vn/Tin/Xem.html?id=1", "/tin-tuc/a/"), (2, "https://h.vn/tin/xem.html?id=2", "/tin-tuc/b/"),
             (3, "https://h.vn/index.html?id=3", "/tin-tuc/c/"), (4, "https://h.vn/assets/search/x.html?id=4", "/")]
    problems = Problems()
    pages = query_pages(lines, "https://h.vn/", {"index.html", "assets/search/"}, UrlScheme(UrlPrefixes()), "map",
                        problems)
    assert list(pages) == ["Tin/Xem.html"] and len(pages["Tin/Xem.html"]) == 2
    assert [p.line for p in problems.warnings] == [3, 4]
