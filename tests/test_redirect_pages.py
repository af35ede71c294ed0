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
    # a parameter named as a property every JavaScript object has (review F5, session 36)
    "https://bantin.example.org/cu/tra-cuu.html?__proto__ /tin-tuc/tap-huan/",
    "https://bantin.example.org/cu/tra-cuu.html?constructor&toString /tin-tuc/tap-huan/",
    "https://bantin.example.org/cu/tra-cuu.html?id=5 /tin-tuc/ngay-hoi/",
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
    _arrive(site, page, f"tin-tuc/chi-tiet.html{query}", expected)


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), [
    ("", None),
    ("?id=99", None),
    ("?hasOwnProperty", None),
    ("?id=5", "tin-tuc/ngay-hoi/"),
    ("?__proto__", "tin-tuc/tap-huan/"),
    ("?toString&x=1&constructor", "tin-tuc/tap-huan/"),
])
def test_only_the_recorded_parameters_match_whatever_their_name(site: Path, page, query: str, expected) -> None:
    """Review F5: the visitor's parameters were kept in a plain object, so a rule for
    `?__proto__` or `?constructor` (found on every object) sent every visitor to its page."""
    _arrive(site, page, f"cu/tra-cuu.html{query}", expected)


def _arrive(site: Path, page, address: str, expected: str | None) -> None:
    """Open `address` on the served site: it goes on to `expected`, or says it has no page."""
    base, stop = serve(site / "site")
    try:
        page.goto(base + address)
        if expected:
            page.wait_for_url(base + expected)
        else:
            page.wait_for_selector("#bt-none", state="visible")
            assert page.url == base + address
    finally:
        stop()


@pytest.mark.browser
def test_from_a_file_a_reader_arrives_at_the_new_pages_file(site: Path, page) -> None:
    """The online site copied to a laptop (session 35): the target folder opened as a list of
    files; its index.html is the page, the fragment kept."""
    old = (site / "site" / "tin-tuc" / "chi-tiet.html").as_uri()
    page.goto(old + "?id=2032")
    page.wait_for_url((site / "site" / "tin-tuc" / "tap-huan" / "index.html").as_uri() + "#anh", timeout=5000)
    assert page.locator("h1").count() == 1


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


def test_under_a_path_only_old_addresses_below_it_get_a_page() -> None:
    """A site at `https://h.vn/ban-tin/` is reached only below `/ban-tin/`: an old address
    there gets its page at the path below it (`/ban-tin/chi-tiet.html` → `chi-tiet.html`, the
    prefix matched case aside); the portal's `/tin-tuc/chi-tiet.html` got a page at
    `/ban-tin/tin-tuc/chi-tiet.html`, where no old link leads (session 36): only the server's
    rules (`bantin redirects`) answer it."""
    from bantin.config.settings import UrlPrefixes
    from bantin.problems import Problems
    from bantin.site.redirectmap import query_pages
    from bantin.site.urls import UrlScheme

    lines = [(1, "https://h.vn/ban-tin/chi-tiet.html?id=1", "/tin-tuc/a/"),
             (2, "https://h.vn/BAN-TIN/tin/xem.html?id=2", "/tin-tuc/b/"),
             (3, "https://h.vn/tin-tuc/chi-tiet.html?id=3", "/tin-tuc/c/"),
             (4, "https://h.vn/ban-tinh/xem.html?id=4", "/tin-tuc/d/"), (5, "https://h.vn/ban-tin?id=5", "/tin-tuc/e/")]
    problems = Problems()
    pages = query_pages(lines, "https://h.vn/ban-tin/", set(), UrlScheme(UrlPrefixes()), "map", problems)
    assert sorted(pages) == ["chi-tiet.html", "tin/xem.html"] and not problems.items
    assert [r.target for r in pages["chi-tiet.html"]] == ["/tin-tuc/a/"]


@pytest.mark.browser
def test_under_a_path_a_reader_arrives_at_the_page_under_it(tmp_path_factory, page) -> None:
    """The site built for `https://bantin.example.org/ban-tin/` and served from the folder
    above it, as a host serves a site under a path: the old address below the path leads to
    the new page below it, never to the host's root."""
    from sitekit import set_site_url

    root = set_site_url(write_site(tmp_path_factory.mktemp("qrpath"), {
        "tin-tuc/ngay-hoi.md": article("Ngày hội hòa giải", slug="ngay-hoi")}), "https://bantin.example.org/ban-tin/")
    (root / "redirects").mkdir()
    (root / "redirects" / "old-host.map").write_text(
        "https://bantin.example.org/ban-tin/chi-tiet.html?id=7 /tin-tuc/ngay-hoi/\n"
        "https://bantin.example.org/tin-tuc/chi-tiet.html?id=8 /tin-tuc/ngay-hoi/\n", encoding="utf-8")
    build(root)
    assert not (root / "site" / "tin-tuc" / "chi-tiet.html").exists()
    (root / "www").mkdir()
    (root / "www" / "ban-tin").symlink_to(root / "site", target_is_directory=True)
    base, stop = serve(root / "www")
    try:
        page.goto(f"{base}ban-tin/chi-tiet.html?ID=7")
        page.wait_for_url(f"{base}ban-tin/tin-tuc/ngay-hoi/")
        assert page.locator("h1").inner_text() == "Ngày hội hòa giải"
    finally:
        stop()
