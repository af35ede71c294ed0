"""A larger bench site (scripts/synthetic.py): built strictly, no broken link (issue 7).

400 articles: past workers/policy.py's thresholds (background worker from 300 items, the
second renderer from 400 pages), so every build path is crawled, with paginated categories,
tags and years. It was 1,000 until issue 14, when linkchecker's crawl of it took 108 of the
suite's 670 seconds; the bench (scripts/bench.py) keeps the larger sizes."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest
import yaml

from sitekit import ROOT, build
from test_sample_site import check_links

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


def test_no_broken_link_on_the_large_site(large, tmp_path):
    root, _, _ = large
    done = check_links(root / "site", tmp_path)
    assert done.returncode == 0, done.stdout[-5000:]
