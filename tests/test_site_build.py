"""site/build.py without MkDocs: check and the order of a build from plain data (issue 13)."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sitekit import CATEGORIES, article

from bantin.problems import Problems
from bantin.outputs.gate import OutputError
from bantin.site import build
from bantin.site.build import Build, Inputs, Settings, SourceFile
from bantin.site.urls import UrlScheme

SETTINGS = Settings(site_url="https://bantin.example.org/", site_name="Bản tin thử", categories=CATEGORIES,
                    agency={"name": "Sở Tư pháp tỉnh Thử"})


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, "PNG")
    return out.getvalue()


PNG = png()


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    docs = root / "content"
    for rel, data in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return docs


def inputs(root: Path, files: dict[str, str | bytes], theme: dict[str, str] | None = None, **kw) -> Inputs:
    """What an engine would hand over: every file of content/ (addresses as MkDocs makes
    them), the theme's files, and a reader of content/."""
    docs = write(root, files)

    def dest(src: str) -> str:
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"

    listed = [SourceFile(src, dest(src), page=src.endswith(".md")) for src in sorted(files)]
    listed += [SourceFile(src, src, from_content=False) for src in sorted(theme or {})]
    return Inputs(str(docs), str(root / "site"), listed, lambda rel: (docs / rel).read_bytes(), **kw)


SITE = {
    "tin-tuc/a.md": article("Bài A", body="Xem [bài B](b.md) và ![Ảnh](../images/anh.png).\n"),
    "tin-tuc/b.md": article("Bài B", date="2024-06-01"),
    "tin-tuc/nhap.md": article("Bài nháp", draft=True, body="![Ảnh riêng](../images/nhap.png)\n"),
    "images/anh.png": PNG,
    "images/nhap.png": PNG,
}


def test_engine_free():
    """Importing the order of a build loads no engine (the architecture test checks the source)."""
    code = ("import sys, bantin.site.build; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'properdocs'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert done.stdout.strip() == "[]"


def test_check_a_clean_site(tmp_path):
    corpus, problems = build.check(SETTINGS, inputs(tmp_path, SITE))
    assert problems.items == []
    assert [i.title for i in corpus.published] == ["Bài B", "Bài A"]
    assert corpus.counts.drafts == 1


def test_check_reports_what_a_build_would_refuse(tmp_path):
    files = {**SITE, "tin-tuc/c.md": article("Bài C", category="khong-co"),
             "tin-tuc/d.md": article("Bài D", body="[Hỏng](khong-co.md)\n")}
    corpus, problems = build.check(SETTINGS, inputs(tmp_path, files))
    assert [(p.path, p.field) for p in problems.errors] == [("tin-tuc/c.md", "category"), ("tin-tuc/d.md", "")]
    assert "khong-co.md" in str(problems.errors[1])
    assert corpus.counts.reported == 2 and corpus.counts.published == {"article": 2}


def test_check_stops_at_configuration_errors(tmp_path):
    bad = Settings(categories=[{"title": "Đất đai"}, {"title": "Dat dai"}], page_size=0)
    corpus, problems = build.check(bad, inputs(tmp_path, SITE))
    assert corpus is None
    assert [p.field for p in problems.errors] == ["categories[2]", "plugins.bantin.page_size"]


def test_excluded_files_are_neither_read_nor_published(tmp_path):
    given = inputs(tmp_path, {**SITE, "tin-tuc/rieng.md": article("Riêng")})
    files = [SourceFile(f.src, f.dest, f.from_content, f.page, excluded=f.src == "tin-tuc/rieng.md")
             for f in given.files]
    corpus, problems = build.check(SETTINGS, Inputs(given.docs_dir, given.site_dir, files, given.read))
    assert problems.items == [] and "Riêng" not in [i.title for i in corpus.items]


def test_a_content_file_may_not_replace_a_theme_file(tmp_path):
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "logo.png").write_bytes(PNG)
    files = {**SITE, "assets/logo.png": PNG, "tin-tuc/b.md": article("Bài B", body="![Logo](../assets/logo.png)\n")}
    given = inputs(tmp_path, files, theme_dirs=[str(theme)])
    outputs = build.planned_outputs(given)
    assert ("assets/logo.png", "giao diện (assets/logo.png)") in outputs and ("assets/logo.png", "assets/logo.png") in outputs
    _, problems = build.check(SETTINGS, given)
    assert [p.path for p in problems.errors] == ["assets/logo.png"]


def test_a_build_from_plain_data(tmp_path):
    """begin → (the engine places pages) → claim_outputs → finish: search index, feeds,
    sitemap and short links written through the gate, no engine anywhere."""
    site = build.site_config(SETTINGS, Problems())
    urls = UrlScheme(site.prefixes)
    given = inputs(tmp_path, SITE)
    log = logging.getLogger("test.site.build")
    state = Build.begin(given, site, urls, include_drafts=False, serving=False, log=log)
    assert state.withheld == {"images/nhap.png"}  # used by a draft only: never copied
    assert state.generated_pages and state.worker is None  # a small site: no fork
    state.generated = {urls.src_uri(p.path): p for p in state.generated_pages}  # what the engine would place
    pages = [SourceFile(f.src, f.dest, f.from_content, f.page) for f in given.files if f.src not in state.withheld]
    state.claim_outputs(pages, ["404.html", "sitemap.xml"], [], given.read, site.image_widths)
    state.finish(log)
    out = tmp_path / "site"
    assert (out / "assets" / "search" / "manifest.js").is_file()
    assert (out / "sitemap.xml").is_file() and (out / "feed.xml").is_file()
    assert "tin-tuc/bai-a/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_build_fails_with_every_error_and_logs_warnings(tmp_path, caplog):
    files = {**SITE, "tin-tuc/c.md": article("Bài C", category="khong-co")}
    site = build.site_config(SETTINGS, Problems())
    with pytest.raises(build.Failed) as failed:
        Build.begin(inputs(tmp_path, files), site, UrlScheme(site.prefixes), include_drafts=False, serving=False,
                    log=logging.getLogger("test.site.build"))
    assert failed.value.what == "Nội dung có lỗi"
    assert [p.path for p in failed.value.problems.errors] == ["tin-tuc/c.md"]


def test_an_output_claimed_twice_is_refused(tmp_path):
    site = build.site_config(SETTINGS, Problems())
    given = inputs(tmp_path, SITE)
    state = Build.begin(given, site, UrlScheme(site.prefixes), include_drafts=False, serving=False,
                        log=logging.getLogger("test.site.build"))
    clash = [SourceFile("a.css", "style.css"), SourceFile("b.css", "style.css", from_content=False)]
    with pytest.raises(OutputError):
        state.claim_outputs(clash, [], [], given.read, site.image_widths)
    state.abort()


def test_redirects_are_short_links_and_aliases(tmp_path):
    files = {**SITE, "tin-tuc/b.md": article("Bài B", aliases=["/tin-cu/b"])}
    site = build.site_config(SETTINGS, Problems())
    urls = UrlScheme(site.prefixes)
    state = Build.begin(inputs(tmp_path, files), site, urls, include_drafts=False, serving=False,
                        log=logging.getLogger("test.site.build"))
    assert ("/tin-cu/b", "tin-tuc/bai-b", "Bài B") in state.redirects()
    state.abort()
