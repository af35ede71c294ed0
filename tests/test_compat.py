"""MkDocs' private names behind one gate (adapter/compat.py, issue 13): the public path gives
the same bytes as the fast one, and the gate sends any untested release to it, saying so once."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image
from markdown.treeprocessors import InlineProcessor
from sitekit import ENCODE, ROOT, article, build, write_site
from test_reliability import differing_files

from bantin.adapter import cachedtemplates, compat, plugin, rendering

NOTICE = "dựng theo đường công khai của MkDocs"
PUBLIC = {"BANTIN_COMPAT": "public"}
STABLE = {"SOURCE_DATE_EPOCH": "1764547200", "NO_MKDOCS_2_WARNING": "1"}


# --- the gate ---------------------------------------------------------------------------
def test_the_pinned_releases_take_the_fast_path(monkeypatch):
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)
    assert compat.gate() == compat.Gate(True)


def test_bantin_compat_public_forces_the_public_path(monkeypatch):
    monkeypatch.setenv("BANTIN_COMPAT", "public")
    found = compat.gate()
    assert not found.fast and found.forced and found.reasons == ("BANTIN_COMPAT=public",)


@pytest.mark.parametrize("value", ["publc", "yes", "1"])
def test_a_mistyped_bantin_compat_is_reported_once_and_ignored(monkeypatch, capsys, value):
    """A typo must not pass silently: the build says BANTIN_COMPAT was ignored, and why."""
    from bantin import problems

    monkeypatch.setattr(problems, "_told_env", set())
    monkeypatch.setenv("BANTIN_COMPAT", value)
    assert not compat.gate().forced
    compat.gate()
    err = capsys.readouterr().err
    assert err.count("BANTIN_COMPAT") == 1 and "public" in err and "bỏ qua" in err


@pytest.mark.parametrize("name, version", [
    ("mkdocs", "1.7.0"), ("mkdocs", "2.0.0"), ("mkdocs", "1.6.9"), ("mkdocs", "1.6.7"), ("markdown", "4.0"),
    ("markdown", "3.0"), ("markdown", "3.11.4"), ("mkdocs-material", "10.0.1"), ("mkdocs-material", "9.5.0"),
    ("mkdocs-material", None), ("jinja2", "3.1.7"), ("jinja2", "3.2.0"), ("markupsafe", "3.0.5")])
def test_a_release_other_than_the_pinned_one_takes_the_public_path(monkeypatch, name, version):
    """Exact releases, not series: the render caches assume Material's exact templates and
    Jinja's low-level API (review of issue 13: Material 9.5 or MkDocs 1.6.9 took the fast path)."""
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)
    real = compat._installed
    monkeypatch.setattr(compat, "_installed", lambda n: version if n == name else real(n))
    found = compat.gate()
    assert not found.fast and not found.forced
    assert found.reasons == (f"{name} {version or 'không có'} (đã thử: {compat.TESTED[name]})",)


def test_the_pins_in_pyproject_are_the_gate_s_releases():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8").lower()
    for name, version in compat.TESTED.items():
        assert f'"{name}=={version}"' in text, name


def test_properdocs_answers_for_mkdocs_with_its_own_version(monkeypatch):
    """ProperDocs aliases `mkdocs` to itself (sys.modules['mkdocs'] is the `properdocs`
    module): its pinned 1.6.7 keeps the fast path; another ProperDocs release does not."""
    properdocs = pytest.importorskip("properdocs")
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)
    monkeypatch.setitem(sys.modules, "mkdocs", properdocs)
    assert compat.engine() == "properdocs" and compat._installed("mkdocs") == "1.6.7"
    assert compat.gate().fast
    monkeypatch.setattr(properdocs, "__version__", "1.6.8")
    assert compat.gate().reasons == ("properdocs 1.6.8 (đã thử: 1.6.7)",)


@pytest.mark.parametrize("name", ["_build_page", "_RawHTML", "_Anchors", "_Title", "_RelativePath"])
def test_a_missing_private_name_takes_the_public_path(monkeypatch, name):
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)
    monkeypatch.setattr(compat, name, None)
    found = compat.gate()
    assert not found.fast and len(found.reasons) == 1 and "không còn như MkDocs 1.6" in found.reasons[0]


def test_a_private_name_that_raises_when_used_is_a_failed_check_not_a_crash(monkeypatch):
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)

    class NeedsArguments:
        def __init__(self, md):
            self.md = md

        def _register(self, md):
            pass

    monkeypatch.setattr(compat, "_RawHTML", NeedsArguments)
    monkeypatch.setattr(compat, "_build_page", len)  # a builtin: no __code__, no signature
    assert [r.split(" ")[0] for r in compat.gate().reasons] == ["mkdocs.commands.build._build_page",
                                                                 "mkdocs.structure.pages._RawHTMLPreprocessor"]


def test_relative_to_docs_is_mkdocs_own_value_and_an_engine_without_it_is_refused():
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.pages import _AbsoluteLinksValidationValue

    config = MkDocsConfig()
    config.load_dict({"site_name": "x"})
    config.validate()
    assert compat.relative_to_docs(config) is _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS

    class Unknown:
        def load_dict(self, patch):
            self.absolute_links = patch["absolute_links"]

        def validate(self):
            return [("absolute_links", ValueError("không biết"))], []

    with pytest.raises(PluginError, match="relative_to_docs"):
        compat._relative_to_docs(Unknown)


def test_a_changed_skipped_line_or_signature_takes_the_public_path(monkeypatch):
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)

    def reworded(page, config, doc_files, nav, env, dirty=False, excluded=False):
        logging.getLogger("mkdocs").info(f"Skipped page '{page}'")

    monkeypatch.setattr(compat, "_build_page", reworded)
    assert compat.gate().reasons == ("mkdocs.commands.build._build_page không còn như MkDocs 1.6 / Markdown 3",)

    def reordered(config, page, doc_files, nav, env, excluded=False):
        logging.getLogger("mkdocs").info(f"Page skipped: '{page}'. Generated empty output.")

    monkeypatch.setattr(compat, "_build_page", reordered)
    assert not compat.gate().fast


def test_python_markdowns_private_names_are_checked(monkeypatch):
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)
    monkeypatch.delattr(InlineProcessor, "_InlineProcessor__handleInline")
    assert compat.gate().reasons == ("markdown.treeprocessors.InlineProcessor.__handleInline "
                                     "không còn như MkDocs 1.6 / Markdown 3",)


def test_the_notice_says_what_differs_who_it_is_for_and_what_to_do(caplog):
    """Identical bytes are proven only on the pinned releases: on another, the notice asks
    for a comparison before publishing instead of promising the same site (review of issue 13)."""
    log = logging.getLogger("test.compat")
    with caplog.at_level(logging.INFO, logger="test.compat"):
        compat.announce(compat.Gate(True), log)
        assert caplog.records == []
        compat.announce(compat.Gate(False, ("mkdocs 2.0.0 (đã thử: 1.6.x)",)), log)
        compat.announce(compat.Gate(False, ("BANTIN_COMPAT=public",), forced=True), log)
    versions, forced = (r.getMessage() for r in caplog.records)
    assert all(r.levelno == logging.INFO for r in caplog.records)  # never fails a --strict build
    assert NOTICE in versions and "mkdocs 2.0.0" in versions and "vẫn đúng" not in versions
    assert "chưa được kiểm thử" in versions and "so sánh các trang" in versions and "pyproject.toml" in versions
    assert all("cho người quản trị kỹ thuật" in m for m in (versions, forced))
    assert "bỏ biến môi trường BANTIN_COMPAT" in forced


# --- both paths, byte for byte ----------------------------------------------------------
def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def fixture_files() -> dict[str, str | bytes]:
    """A small site that goes through every fast path: absolute document links cited from
    many pages, headings and a toc, raw HTML with ids, relative links with anchors, images,
    a Q&A handbook, a draft, tags, an escaped title."""
    files: dict[str, str | bytes] = {"anh.png": png(1200, 800)}
    for n in range(24):
        files[f"tin-tuc/b{n}.md"] = article(
            f"Tin <số> {n} & \"mới\"", f"2024-0{1 + n % 9}-1{n % 9}", tags=["hòa giải", "đất đai"][: 1 + n % 2],
            category=["hoa-giai-o-co-so", "dat-dai"][n % 2],
            body=f"""
            Theo Luật Đất đai số 31/2024/QH15 và Luật Hòa giải ở cơ sở số 35/2013/QH13, điều {n}.

            ## Mục một {n}

            Văn bản **quan trọng**, *mới*, `mã`, &amp; a\\*b; xem [bài trước](b{max(n - 1, 0)}.md#muc-mot-{max(n - 1, 0)}).

            ![ảnh](../anh.png)

            <div id="khung-{n}" markdown>Trong **HTML** có [liên kết](/tin-tuc/b0.md).</div>

            ### Quyền & nghĩa vụ <của> "hộ"

            | a | b |
            |---|---|
            | 1 | _2_ |
            """)
    files["tin-tuc/nhap.md"] = article("Nháp", draft=True)
    files["hoi-dap/so-tay.md"] = ("---\ntitle: Sổ tay hòa giải\ndate: 2024-05-01\ncategory: hoa-giai-o-co-so\n"
                                  "type: qa\n---\nGiới thiệu theo Luật số 35/2013/QH13.\n\n"
                                  "## Câu hỏi một? {#cau-1}\n\nTrả lời, xem [tin](../tin-tuc/b1.md).\n\n"
                                  "## Câu hỏi hai? {#cau-2}\n\nTrả lời *ngắn*.\n")
    return files


DOCUMENTS = [{"number": "31/2024/QH15", "title": "Luật Đất đai", "issuer": "Quốc hội", "url": "https://vbpl.vn/"},
             {"number": "35/2013/QH13", "title": "Luật Hòa giải ở cơ sở", "issuer": "Quốc hội"}]


def test_a_fixture_site_is_the_same_bytes_on_both_paths(tmp_path):
    files = fixture_files()
    fast = write_site(tmp_path / "fast", files, documents=DOCUMENTS)
    public = write_site(tmp_path / "public", files, documents=DOCUMENTS)
    done_fast = build(fast, env={**STABLE, "BANTIN_JOBS": "2"})  # the second renderer too
    done_public = build(public, env={**STABLE, **PUBLIC, **ENCODE, "BANTIN_JOBS": "2"})
    assert NOTICE not in done_fast.stdout and "hai tiến trình" in done_fast.stdout
    assert done_public.stdout.count(NOTICE) == 1 and "hai tiến trình" not in done_public.stdout
    assert (fast / "site/van-ban").is_dir() and list((fast / "site/assets/img").iterdir())  # the paths were exercised
    assert differing_files(fast / "site", public / "site") == []


def test_the_sample_site_is_the_same_bytes_on_both_paths(tmp_path):
    def built(name: str, env: dict) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                               "-d", str(tmp_path / name)], cwd=ROOT, env={**os.environ, **STABLE, **env},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=True)

    assert NOTICE not in built("fast", {"BANTIN_JOBS": "2"}).stdout
    assert built("public", {**PUBLIC, **ENCODE}).stdout.count(NOTICE) == 1
    assert differing_files(tmp_path / "fast", tmp_path / "public") == []


def in_process(config_file, out, **options):
    """One build in this process (so the gate can be made to fail), BANTIN_JOBS=1."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(config_file), site_dir=str(out), **options))
    return out


def never(*args, **kwargs):
    raise AssertionError("a fast path ran on the public path")


def _in_process_env(monkeypatch) -> None:
    for key, value in {**STABLE, "BANTIN_JOBS": "1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("BANTIN_COMPAT", raising=False)


@pytest.fixture(scope="module")
def fast_offline(tmp_path_factory):
    """The offline flavour of the sample site by the fast path, built once for both gates."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _in_process_env(monkeypatch)
        return in_process(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("fast") / "site", use_directory_urls=False)


@pytest.mark.parametrize("fail", ["version", "name"])
def test_a_failed_gate_builds_the_same_bytes_by_mkdocs_public_path_and_says_so_once(tmp_path, monkeypatch, caplog, fail,
                                                                                     fast_offline):
    """Offline flavour of the sample site, in this process: a release we have not tested
    (or a private name gone) and no fast path runs, one notice, the same bytes."""
    _in_process_env(monkeypatch)
    for key, value in ENCODE.items():  # the public side encodes its pictures itself
        monkeypatch.setenv(key, value)
    fast = fast_offline
    if fail == "version":
        real = compat._installed
        monkeypatch.setattr(compat, "_installed", lambda n: "1.7.0" if n == "mkdocs" else real(n))
    else:
        monkeypatch.setattr(compat, "_RelativePath", None)
    for name in ("convert", "apply", "install_quick_inline", "build_page"):
        monkeypatch.setattr(compat, name, never)
    monkeypatch.setattr(rendering.ShellCache, "_capture", never)
    monkeypatch.setattr(rendering.ListingPage, "render", never)
    monkeypatch.setattr(plugin, "SplitRender", never)
    with caplog.at_level(logging.INFO):
        public = in_process(ROOT / "mkdocs.yml", tmp_path / "public", use_directory_urls=False)
    notices = [r.getMessage() for r in caplog.records if NOTICE in r.getMessage()]
    assert len(notices) == 1 and ("mkdocs 1.7.0" in notices[0] if fail == "version" else
                                  "_RelativePathTreeprocessor" in notices[0])
    assert differing_files(fast, public) == []


def test_a_private_class_that_became_a_function_does_not_break_the_import():
    """compat subclasses MkDocs' `_RelativePathTreeprocessor` only on the fast path (page_links):
    were it a function in a new release, importing compat (and so the public path) still works
    and the gate sends the build to the public path."""
    script = ("import mkdocs.structure.pages as pages\n"
              "pages._RelativePathTreeprocessor = lambda file, files, config: None\n"
              "from bantin.adapter import compat\n"
              "found = compat.gate()\n"
              "print(found.fast, [r.split(' ')[0] for r in found.reasons])\n")
    env = {k: v for k, v in os.environ.items() if k != "BANTIN_COMPAT"}
    done = subprocess.run([sys.executable, "-c", script], env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == "False ['mkdocs.structure.pages._RelativePathTreeprocessor']", done.stdout


# --- the templates the render caches assume (adapter/cachedtemplates.py) -----------------
def _material_templates():
    import material

    return Path(material.__file__).parent / "templates"


def test_the_known_template_hashes_are_those_of_our_theme_and_material():
    """A change to theme/ must come with a conscious update of cachedtemplates.KNOWN (after
    checking the changed template still fits ShellCache/ChromeCache): until then every build
    would silently lose the caches."""
    found = cachedtemplates.current(ROOT / "plugins" / "bantin" / "theme", _material_templates())
    changed = sorted(set(found.items()) ^ set(cachedtemplates.KNOWN.items()))
    assert not changed, ("templates changed: check they still fit the render caches (adapter/rendering.py), "
                         f"then run `python -m bantin.adapter.cachedtemplates` and update KNOWN: {changed}")


def test_an_edited_theme_template_no_longer_matches(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "plugins" / "bantin" / "theme", theme)
    header = theme / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8") + "\n{{ page.title }}\n", encoding="utf-8")
    found = cachedtemplates.current(theme, _material_templates())
    assert [n for n in found if found[n] != cachedtemplates.KNOWN.get(n)] == ["partials/header.html"]


OG_TITLE = '<meta property="og:title" content="{{ page.title }}">'


def test_a_custom_dir_base_html_gets_each_page_its_own_title(tmp_path):
    """The review's case: a site's custom_dir whose base.html prints the page title in
    `site_meta` (outside the blocks ShellCache renders per page). The caches stay off, every
    page shows its own title, and a maintainer is told once."""
    root = write_site(tmp_path / "site", {f"tin-tuc/bai-{n:02}.md": article(f"Bài số {n}", tags=["hòa giải"])
                                          for n in range(12)})
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "plugins" / "bantin" / "theme", theme)
    base = (_material_templates() / "base.html").read_text(encoding="utf-8")
    assert "{% block site_meta %}" in base
    (theme / "base.html").write_text(base.replace("{% block site_meta %}", "{% block site_meta %}\n" + OG_TITLE, 1),
                                     encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(theme)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BANTIN_COMPAT"}
    done = build(root, env={**env, **STABLE, "BANTIN_JOBS": "1"})
    checked = 0
    for page in sorted(p for p in (root / "site").rglob("*.html") if p.name != "404.html"):  # no page: no title
        html = page.read_text(encoding="utf-8")
        og = re.search(r'<meta property="og:title" content="([^"]*)">', html)
        title = re.search(r"<title>(.*?) - Bản tin thử</title>", html)
        if og is None or title is None:
            continue
        assert og.group(1) == title.group(1), page
        checked += 1
    assert checked >= 12
    assert done.stdout.count("khác với mẫu đã kiểm thử") == 1 and "base.html" in done.stdout, done.stdout


def test_our_theme_as_mkdocs_loads_it_keeps_the_caches():
    from mkdocs.theme import Theme

    env = Theme(name="material", custom_dir=str(ROOT / "plugins" / "bantin" / "theme"), language="vi").get_env()
    assert cachedtemplates.differing(env) == []
