"""Two engines, and no engine without our plugin (issue 13, docs/platform.md).

ProperDocs (a continuation of MkDocs 1.x) must build the sample site byte for byte as MkDocs
does, apart from the generator tag, so the day MkDocs 1.x breaks we can switch engines
without a surprise. An engine that reads mkdocs.yml but ignores plugins (Zensical) would
publish drafts: the theme stops every such build (theme/main.html, theme/sitemap.xml).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import ENCODE, ROOT, article, build, write_site

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
GUARD = "plugin_bantin_khong_chay__xem_docs_platform_md"


def _engine_required() -> bool:
    """`make test` (and any CI) must run the second engine: a missing one fails, never skips."""
    return bool(os.environ.get("BANTIN_REQUIRE_ENGINES") or os.environ.get("CI"))


@pytest.fixture(scope="module")
def properdocs():
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed: `make test` installs it with the test extras (pyproject.toml)"
        if _engine_required():
            pytest.fail(message)
        pytest.skip(message)
    return [sys.executable, "-m", "properdocs"]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_sample_site_is_byte_identical_on_properdocs(properdocs, sample_sites, tmp_path):
    """Every file of the sample site, as `bantin build` (MkDocs) writes it, from ProperDocs too,
    rendered on two processes (BANTIN_JOBS=2) so the second renderer runs on ProperDocs; the
    "Page skipped" lines of the pages it wrote stay hidden there too (ProperDocs' logger
    names differ from MkDocs': adapter/compat.skipped_logger)."""
    out = tmp_path / "properdocs"
    done = subprocess.run([*properdocs, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BANTIN_JOBS": "2", **ENCODE},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert done.returncode == 0, done.stdout
    assert "Page skipped" not in done.stdout, done.stdout[-2000:]
    theirs, ours = _files(out), _files(sample_sites[0])
    assert sorted(theirs) == sorted(ours)
    tags = {m for data in theirs.values() for m in GENERATOR.findall(data)}
    assert tags and all(b"ProperDocs" in tag for tag in tags), tags  # the second engine really ran
    different = [name for name in ours if GENERATOR.sub(b"", ours[name]) != GENERATOR.sub(b"", theirs[name])]
    assert different == []


# Static files in content/: a PDF only a draft links to, and a file our plugin refuses (an
# .html with a script, docs/security.md). MkDocs copies static files before any template runs.
STATIC = {"tin-tuc/nhap-dinh-kem.pdf": b"%PDF-1.4 nhap\n",
          "tin-tuc/trang-la.html": "<script>alert(1)</script>\n"}


def _site_without_plugin(root: Path, plugins: list) -> Path:
    write_site(root, {
        "tin-tuc/cong-khai.md": article("Bài công khai"),
        "tin-tuc/ban-nhap.md": article("Bài nháp chưa duyệt", draft=True, body="Nội dung nháp bí mật."),
        **STATIC,
    })
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = plugins
    # Our theme on the path without the plugin: a site that copied it into its custom_dir (as
    # every fork did before issue 14). Without both, MkDocs builds plain Material (docs/platform.md).
    config["theme"]["custom_dir"] = str(ROOT / "plugins" / "bantin" / "theme")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


@pytest.mark.parametrize("plugins", [[], ["search"]], ids=["no-plugins", "search-only"])
def test_a_build_without_our_plugin_fails_at_the_guard_before_any_page_but_after_static_files(tmp_path, plugins):
    """`mkdocs build` of a mkdocs.yml without `- bantin`: it fails, saying why in Vietnamese,
    and renders no page, no sitemap (a draft's address) and no search index (a draft's text).

    The guard is in the theme, and MkDocs copies content/'s static files (copy_static_files)
    before it renders any template: the failed build leaves a draft's PDF and a file our plugin
    refuses in site/ (and `mkdocs serve` would serve them). Pinned here as the known limit
    (docs/platform.md, path step 3; docs/security.md); `bantin build`, the supported way,
    refuses the config before building and publishes nothing (next test)."""
    root = _site_without_plugin(tmp_path / "site", plugins)
    done = build(root, check=False)
    assert done.returncode != 0
    assert GUARD in done.stdout and "plugin bantin không chạy" in done.stdout
    written = [p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()]
    assert not [name for name in written if not name.startswith("assets/") and name not in STATIC], written
    assert not any(name.endswith((".xml", ".json", ".xml.gz")) or name.endswith("index.html") for name in written)
    assert not any(b"nh\xc3\xa1p" in p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    assert sorted(name for name in written if name in STATIC) == sorted(STATIC)  # the limit, today


def test_bantin_build_refuses_a_config_without_our_plugin(tmp_path):
    """The editors' command says it before anything is built, and publishes nothing: not a
    page, and not the static files a bare `mkdocs build` copies before failing."""
    root = _site_without_plugin(tmp_path / "site", [])
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "build"], cwd=root, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode != 0 and "- bantin" in done.stdout
    assert not (root / "site").exists()
    assert not [p for p in root.rglob("*") if p.name in {Path(name).name for name in STATIC} and "content" not in p.parts]


def test_every_page_template_passes_the_guard():
    """The guard sits in main.html (before `extends`, so it runs for every page) and in the
    sitemap: a page template that did not extend main.html would skip it."""
    theme = ROOT / "plugins" / "bantin" / "theme"
    main = (theme / "main.html").read_text(encoding="utf-8")
    assert main.index(f"{{%- if bt_site is not defined %}}{{{{ {GUARD}(") < main.index("{% extends")
    assert GUARD in (theme / "sitemap.xml").read_text(encoding="utf-8")
    parents = {"main.html", "bantin-elsewhere.html", "bantin-shell.html"}  # main.html and what it extends
    for page in sorted(theme.glob("*.html")):
        if page.name not in parents:
            assert '{% extends "main.html" %}' in page.read_text(encoding="utf-8"), page.name


@pytest.mark.skipif(not os.environ.get("BANTIN_ZENSICAL"),
                    reason="opt-in: BANTIN_ZENSICAL=<path to a zensical executable> (not a test dependency)")
def test_zensical_stops_at_the_guard(tmp_path):
    """Zensical reads mkdocs.yml and ignores our plugin; its MiniJinja stops at the guard.
    Checked with Zensical 0.0.73 (docs/platform.md): it still writes search.json first."""
    root = _site_without_plugin(tmp_path / "site", [{"bantin": {}}])
    done = subprocess.run([os.environ["BANTIN_ZENSICAL"], "build"], cwd=root, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode != 0 and GUARD in done.stdout, done.stdout[-2000:]
    assert not list((root / "site").rglob("*.html"))


FORK_HOOK = '''
import logging, os, time
import mkdocs.commands.build as engine_build  # properdocs.commands.build under ProperDocs

MAIN = []
SLOW = [6]  # the build's first pages, slowed: the fork starts once the search index is made


def on_env(env, config, files):
    """Record the build process; a page rendered anywhere else was rendered by the fork."""
    MAIN.append(os.getpid())
    context = engine_build.get_context

    def get_context(nav, files, config, page=None, base_url=""):
        if page is not None and os.getpid() not in MAIN:
            engine_build.log.warning(f"hook-canh-bao-trong-fork: {page.file.src_uri}")
        elif page is not None and SLOW[0] > 0:  # on a busy machine the build rendered all 25 pages first
            SLOW[0] -= 1
            time.sleep(0.5)
        return context(nav, files, config, page, base_url)

    engine_build.get_context = get_context
    return env
'''


def test_a_warning_in_a_page_the_fork_renders_fails_strict_on_properdocs(properdocs, tmp_path):
    """ProperDocs counts `--strict` warnings on the `properdocs` logger: the fork must capture
    records there too (compat.engine_loggers), or its warnings print in the fork and are
    never counted. The hook warns on the engine's own logger, only in the forked renderer."""
    root = write_site(tmp_path / "site", {f"tin-tuc/bai-{n:02}.md": article(f"Bài {n}") for n in range(12)})
    (root / "fork_hook.py").write_text(FORK_HOOK, encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["fork_hook.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    done = subprocess.run([*properdocs, "build", "--strict"], cwd=root, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BANTIN_JOBS": "2"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert "hook-canh-bao-trong-fork" in done.stdout, done.stdout[-3000:]  # the fork did render pages
    assert done.returncode != 0, done.stdout[-3000:]
    assert "strict" in done.stdout
