"""A throwaway static site around a search index, for browser tests without the full build.

It renders the real `partials/bantin-search-box.html` and the content block of
`bantin-search-page.html` with the context the plugin provides (`base_url`,
`bantin_search_url`), inside a minimal page that loads Material's CSS, so the tests
exercise the same markup, scripts and data files as the built site.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Sequence

import jinja2
import material
from markupsafe import Markup

from bantin.search.terms import SearchDoc, SearchStats
from bantin.site import searchpage, themeassets
from bantin.search.writer import build_search_index

from .samples import SAMPLE_DOCS

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "plugins" / "bantin" / "theme"
MATERIAL = Path(material.__file__).parent / "templates"


@dataclass(frozen=True)
class SearchSite:
    root: Path
    offline: bool
    stats: SearchStats
    docs: tuple[SearchDoc, ...]

    @property
    def search_page(self) -> str:
        """Path of the search page, relative to the site root."""
        return "tim-kiem.html" if self.offline else "tim-kiem/"

    def page_file(self, url: str) -> Path:
        return self.root / (url if url.endswith(".html") else url + "index.html")


def offline_url(url: str) -> str:
    """'tin-tuc/slug/' -> 'tin-tuc/slug.html', as MkDocs writes pages without directory URLs."""
    return url[:-1] + ".html" if url.endswith("/") and url != "/" else url


def _relative(target: str, page: str) -> str:
    """Link from the page at `page` (a site path) to `target`, the way MkDocs' url filter does."""
    here = posixpath.dirname(page) or "."
    rel = posixpath.relpath(target or ".", here)
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def _environment(inline: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME), str(MATERIAL)]), autoescape=True)
    env.filters["url"] = lambda value: value  # only reached when bantin_search_url is missing
    # As the plugin versions its assets (adapter/themedir.versions): the script's address carries "?v=".
    script = (THEME / "assets" / "javascripts" / "bantin-search.js").read_bytes()
    env.globals["bt_version"] = {"assets/javascripts/bantin-search.js": themeassets.version(script)}
    # As the plugin gives the search page its script (adapter/themedir.inline_scripts).
    served = themeassets.served({"assets/javascripts/bantin-search.js": script.decode("utf-8")})
    env.globals["bt_inline"] = {rel: Markup(text) for rel, text in themeassets.inline_texts(served).items() if inline}
    return env


def _shell(title: str, base: str, box: str, content: str, head: str = "") -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{head}<title>{escape(title)}</title>
<link rel="stylesheet" href="{base}/assets/stylesheets/material.css">
<link rel="stylesheet" href="{base}/assets/stylesheets/bantin-search.css">
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<header class="md-header" data-md-component="header"><nav class="md-header__inner md-grid" aria-label="Đầu trang">
<div class="md-header__title"><div class="md-header__ellipsis"><div class="md-header__topic"><span class="md-ellipsis">Bản tin thử</span></div></div></div>
{box}
</nav></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">
<article class="md-content__inner md-typeset">{content}</article></div></div></main></div>
</body></html>
"""


def _copy_assets(root: Path) -> None:
    assets = root / "assets"
    for rel in ("javascripts/bantin-search.js", "stylesheets/bantin-search.css",
                "vendor/lunr/lunr.min.js", "vendor/lunr/LICENSE"):
        (assets / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(THEME / "assets" / rel, assets / rel)
    material_css = next((MATERIAL / "assets" / "stylesheets").glob("main.*.min.css"))
    palette_css = next((MATERIAL / "assets" / "stylesheets").glob("palette.*.min.css"))
    (assets / "stylesheets" / "material.css").write_text(
        material_css.read_text(encoding="utf-8") + "\n" + palette_css.read_text(encoding="utf-8"), encoding="utf-8")


def build_search_site(dest: Path, docs: Sequence[SearchDoc] = SAMPLE_DOCS, offline: bool = False,
                      inline: bool = True) -> SearchSite:
    """Index + home page + search page + one page per document under dest. The search page
    carries its script and the manifest as the build writes it (site/searchpage.py), or with
    `inline=False` links both files, as for a site's own bantin-search.js."""
    dest = Path(dest)
    docs = tuple(replace(d, url=offline_url(d.url)) for d in docs) if offline else tuple(docs)
    stats = build_search_index(docs, dest / "assets" / "search")
    _copy_assets(dest)
    env = _environment(inline)
    site = SearchSite(dest, offline, stats, docs)
    search_path = "tim-kiem.html" if offline else "tim-kiem/index.html"

    def render(page_path: str, title: str, content: str | None = None) -> None:
        base = _relative("", page_path).rstrip("/") or "."
        ctx = {"base_url": base, "bantin_search_url": _relative(site.search_page, page_path)}
        box = env.get_template("partials/bantin-search-box.html").render(ctx)
        head = ""
        if content is None:  # the search page: its content, and its script early in the head
            template = env.get_template("bantin-search-page.html")
            content = "".join(template.blocks["content"](template.new_context(ctx)))
            head = "".join(template.blocks["bantin_head_first"](template.new_context(ctx)))
        html = _shell(title, base, box, content, head)
        if head:  # as Build.embed_search_manifest does once the index is written
            html = searchpage.embed_manifest(html, stats.manifest) or html
        out = dest / page_path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")

    render("index.html", "Trang chủ", "<h1>Bản tin thử</h1><p>Trang chủ của site thử tìm kiếm.</p>")
    render(search_path, "Tìm kiếm")
    for doc in docs:
        page = doc.url if doc.url.endswith(".html") else doc.url + "index.html"
        render(page, doc.title, f"<h1>{escape(doc.title)}</h1><p>{escape(doc.text)}</p>")
    return site
