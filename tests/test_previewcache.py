"""Live preview: `bantin serve` reuses unchanged conversions and never shows stale HTML."""

from __future__ import annotations

import logging

from mkdocs.commands.build import build
from mkdocs.config import load_config

from bantin.convert import previewcache
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


def test_templates_and_qr_codes_kept_between_rebuilds_never_go_stale(tmp_path):
    """Compiled templates are reused only while their source is unchanged (Jinja's checksum)."""
    import shutil

    import yaml

    from sitekit import ROOT

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "plugins" / "bantin" / "theme", theme)
    root = write_site(tmp_path / "s", {"hoi-dap/so-tay.md": "---\ntitle: Sổ tay\ndate: 2024-05-01\n"
                                       "category: hoa-giai-o-co-so\ntype: qa\n---\n## Câu hỏi một? {#cau-1}\n\nTrả lời.\n"})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(theme)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    rebuild(root)
    page = read(root, "hoi-dap/so-tay/cau-1/index.html")
    assert "bt-qr" in page and "Chuyên mục</a>" in page
    footer = theme / "partials" / "bantin-footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(">Chuyên mục</a>", ">Mọi chuyên mục</a>"),
                      encoding="utf-8")
    rebuild(root)
    again = read(root, "hoi-dap/so-tay/cau-1/index.html")
    assert "Mọi chuyên mục</a>" in again
    assert again.split('class="bt-qr"')[1][:2000] == page.split('class="bt-qr"')[1][:2000]  # same code, kept
