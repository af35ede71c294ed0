"""Live preview: `bantin serve` reuses unchanged conversions and never shows stale HTML."""

from __future__ import annotations

import logging

from mkdocs.commands.build import build
from mkdocs.config import load_config

from bantin import previewcache
from sitekit import article, read, write_site


def rebuild(root):
    """One rebuild as `bantin serve` makes it, in this process (the cache lives in it)."""
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins["bantin"].serving = True  # what on_startup sets for `serve`
    build(config)
    return previewcache.SERVE.hits, previewcache.SERVE.misses


def test_only_changed_pages_are_converted_again_and_addresses_invalidate_all(tmp_path):
    root = write_site(tmp_path / "s", {
        "tin-tuc/a.md": article("Bài A", body="Xem [bài B](b.md).\n"),
        "tin-tuc/b.md": article("Bài B", slug="bai-b", body="Nội dung đầu tiên.\n"),
        "tin-tuc/c.md": article("Bài C"),
    })
    assert rebuild(root) == (0, 3)
    assert rebuild(root) == (3, 0)

    (root / "content/tin-tuc/b.md").write_text(article("Bài B", slug="bai-b", body="Nội dung đã sửa.\n"),
                                               encoding="utf-8")
    assert rebuild(root) == (2, 1)
    assert "Nội dung đã sửa." in read(root, "tin-tuc/bai-b/index.html")

    (root / "content/tin-tuc/b.md").write_text(article("Bài B", slug="bai-b-moi", body="Nội dung đã sửa.\n"),
                                               encoding="utf-8")
    assert rebuild(root) == (0, 3)  # an address changed: every relative link may have
    assert 'href="../bai-b-moi/"' in read(root, "tin-tuc/bai-a/index.html")


def test_a_reused_conversion_logs_again_what_converting_it_logged(caplog):
    cache = previewcache.ConversionCache()
    cache.start("same")
    cache.put(("a.md", "a/index.html", "# A"), previewcache.Conversion(
        "<h1>A</h1>", None, "A", set(), None, [("mkdocs.structure.pages", logging.WARNING, "liên kết hỏng trong a.md")]))
    cache.start("same")
    with caplog.at_level(logging.WARNING):
        assert cache.get(("a.md", "a/index.html", "# A")).content == "<h1>A</h1>"
        assert cache.get(("a.md", "a/index.html", "# A đã sửa")) is None
    assert [r.getMessage() for r in caplog.records] == ["liên kết hỏng trong a.md"]
    cache.start("another")  # something global changed: nothing is reused
    assert cache.get(("a.md", "a/index.html", "# A")) is None
