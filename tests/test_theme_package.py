"""The theme ships inside the package and the plugin puts it on the template path (issue 14):
a site needs only `theme: {name: material}` and `plugins: [bantin]`, and its own custom_dir
still overrides a single template."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitekit import article, build, read, write_site

PACKAGE_THEME = Path(__file__).resolve().parent.parent / "plugins" / "bantin" / "theme"


def _set_theme(root: Path, **theme) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = theme
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def test_a_site_without_custom_dir_gets_our_theme_and_a_custom_dir_overrides_one_partial(tmp_path):
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài thử")})
    own = tmp_path / "s" / "giao-dien" / "partials"
    own.mkdir(parents=True)
    footer = (PACKAGE_THEME / "partials" / "bantin-footer.html").read_text(encoding="utf-8")
    (own / "bantin-footer.html").write_text(footer.replace(">Lưu trữ</a>", ">Kho bài cũ của tỉnh</a>"), encoding="utf-8")
    styles = tmp_path / "s" / "giao-dien" / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    own_search = "/* Kiểu ô tìm kiếm của tỉnh */\n.bantin-search { color:  red; }\n"
    (styles / "bantin-search.css").write_text(own_search, encoding="utf-8")
    _set_theme(root, name="material", language="vi", custom_dir="giao-dien")
    build(root)
    page = read(root, "tin-tuc/bai-thu/index.html")
    assert "Kho bài cũ của tỉnh</a>" in page and ">Lưu trữ</a>" not in page  # the site's partial
    assert "bt-footer__agency" in page  # the rest of the footer is ours
    assert "fonts.googleapis.com" not in page  # Material's default font, from Google, is left out
    assert "assets/stylesheets/bantin.css" in page  # our theme's other files, from the package
    # The site's own bantin-search.css is served as written and linked apart; ours, lean, without it.
    assert "assets/stylesheets/bantin-search.css" in page
    assert (root / "site" / "assets" / "stylesheets" / "bantin-search.css").read_text(encoding="utf-8") == own_search
    served = (root / "site" / "assets" / "stylesheets" / "bantin.css").read_text(encoding="utf-8")
    assert ".bt-aids{" in served and "/* ---" not in served and "bantin-search__field" not in served
    assert (root / "site" / "assets" / "vendor" / "lunr" / "lunr.min.js").is_file()


def test_another_theme_is_refused_with_the_fix(tmp_path):
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài thử")})
    _set_theme(root, name="mkdocs")
    done = build(root, check=False)
    assert done.returncode != 0
    assert "theme → name" in done.stdout and "name: material" in done.stdout and "Traceback" not in done.stdout


def test_the_search_page_carries_our_script_and_links_a_sites_own(tmp_path):
    """Our bantin-search.js goes inside the search page with the index's manifest
    (site/searchpage.py); a site's own copy in custom_dir is linked as written, even one
    not saved as UTF-8, and the page then fetches manifest.js beside it."""
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài thử")})
    build(root)
    page = read(root, "tim-kiem/index.html")
    assert '<script data-bantin-early="..">(function (root) {' in page
    assert '<script type="application/json" id="bantin-search-manifest" data-bantin-assets="../assets/">{"' in page
    assert "assets/search/manifest.js" not in page

    scripts = tmp_path / "s" / "giao-dien" / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    own = PACKAGE_THEME / "assets" / "javascripts" / "bantin-search.js"
    own_bytes = own.read_bytes() + b"\n// T\xecm ki\xeam (Windows-1258, not UTF-8)\n"
    (scripts / "bantin-search.js").write_bytes(own_bytes)
    _set_theme(root, name="material", language="vi", custom_dir="giao-dien")
    done = build(root)
    assert "Traceback" not in done.stdout
    page = read(root, "tim-kiem/index.html")
    assert "bantin-search-manifest" not in page and "(function (root) {" not in page
    assert '<link rel="preload" as="script" href="../assets/search/manifest.js">' in page
    assert "assets/javascripts/bantin-search.js?v=" in page
    assert (root / "site" / "assets" / "javascripts" / "bantin-search.js").read_bytes() == own_bytes
