"""A larger bench site (scripts/synthetic.py): built strictly, no broken link (issue 7).

400 articles: past workers/policy.py's thresholds (background worker from 300 items, the
second renderer from 400 pages), so every build path is checked, with paginated categories,
tags and years. It was 1,000 until issue 14, when linkchecker's crawl of it took 108 of the
suite's 670 seconds; the bench (scripts/bench.py) keeps the larger sizes. Since issue 15 its
links are read from the files (tests/linkscan.py), not crawled: 55 s less."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest
import yaml

from linkscan import broken_links
from sitekit import ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    counts = synthetic.write_corpus(root / "content", 400)
    config = {"site_name": "Bản tin lớn", "site_url": "https://bantin.example.org/", "docs_dir": "content",
              "strict": True, "theme": {"name": "material", "language": "vi",
                                        "font": False},
              "plugins": [{"bantin": synthetic.site_config()}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    log = build(root).stdout
    return root, counts, log


def test_every_file_is_published_and_counted(large):
    root, counts, log = large
    assert f"xuất bản {counts['articles']} tin bài, {counts['handbooks']} sổ tay hỏi - đáp; 0 bản nháp; 0 tệp có lỗi" in log
    assert len(list((root / "site/hoi-dap").glob("*/*/index.html"))) == counts["questions"] + counts["handbooks"]


def test_sitemap_and_feed_parse(large):
    root, counts, _ = large
    urls = list(ET.parse(root / "site/sitemap.xml").getroot())
    assert len(urls) > counts["articles"] + counts["questions"]
    feed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 30


def test_no_broken_link_on_the_large_site(large):
    """Read from the files (tests/linkscan.py): linkchecker's crawl of this site took a minute of
    the suite; it still crawls the sample site (test_sample_site.py)."""
    root, _, _ = large
    broken = broken_links(root / "site")
    assert not broken, broken[:20]


def test_the_link_scan_finds_a_broken_link(tmp_path):
    """The scan can fail: a missing page, a missing asset, a link out of the site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/">b</a><img src="x.png"><a href="../../etc/">o</a>'
                                           '<a href="https://x.vn/">x</a><a href="#top">t</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html: ../b/", "a/index.html: x.png", "a/index.html: ../../etc/"]
    (tmp_path / "b").mkdir()
    (tmp_path / "b/index.html").write_text("", encoding="utf-8")
    (tmp_path / "a/x.png").write_bytes(b"")
    assert broken_links(tmp_path) == ["a/index.html: ../../etc/"]
