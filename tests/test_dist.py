"""`make dist` (scripts/dist.py): each commit's wheel has its own version and file name, so an
upgrade on the offline route changes requirements.txt and `bantin --version` (a province's
trial, session 34: every wheel was bantin-0.1.0-py3-none-any.whl). The wheel itself is built
and installed by tests/test_init.py's clean-venv test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bantin.cli import endoflife
from sitekit import ROOT, script_module


@pytest.fixture(scope="module")
def dist():
    return script_module("dist")


def _git(repo: Path, *args: str, when: str = "2026-05-02T01:00:00+07:00") -> str:
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, env=env, text=True, stdout=subprocess.PIPE).stdout.strip()


def _source(repo: Path) -> Path:
    (repo / "plugins" / "bantin").mkdir(parents=True)
    (repo / "pyproject.toml").write_text('[project]\nname = "bantin"\nversion = "0.1.0"\n', encoding="utf-8")
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    (repo / "plugins" / "bantin" / "__init__.py").write_text('__version__ = "0.1.0"\n', encoding="utf-8")
    for document in DOCUMENTS:  # what the package carries for a new site (bantin/tools/sitedocs.py)
        (repo / document).parent.mkdir(parents=True, exist_ok=True)
        (repo / document).write_bytes(b"x\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "một")
    return repo


DOCUMENTS = ("content/bien-tap/huong-dan-bien-tap.md", "content/bien-tap/anh/a.png", "docs/hosting.md", "docs/platform.md",
             "docs/security.md")


def _staged(dist, repo: Path, into: Path) -> str:
    into.mkdir()
    version = dist.stage(repo, into, *dist.source(repo))
    assert f'version = "{version}"' in (into / "pyproject.toml").read_text(encoding="utf-8")
    assert (into / "plugins" / "bantin" / "__init__.py").is_file() and (into / "README.md").is_file()
    return version


def test_two_commits_give_two_versions_and_the_checkout_is_untouched(dist, tmp_path):
    repo = _source(tmp_path / "kho")
    first = _staged(dist, repo, tmp_path / "a")
    commit = _git(repo, "rev-parse", "--short=7", "HEAD")
    assert first == f"0.1.0+20260501.g{commit}"  # the commit's day in UTC (01:00 at +07:00 is 1 May)
    assert _git(repo, "status", "--porcelain") == ""  # nothing written into the checkout
    (repo / "plugins" / "bantin" / "theme.css").write_text("body{}\n", encoding="utf-8")
    assert _staged(dist, repo, tmp_path / "b") == first + ".dirty"  # uncommitted: not this commit's wheel
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "hai", when="2026-06-10T09:00:00+07:00")
    second = _staged(dist, repo, tmp_path / "c")
    assert second.startswith("0.1.0+20260610.g") and second != first
    newer = [f"bantin-{v}-py3-none-any.whl" for v in (first, second)]
    assert sorted(newer) == newer  # the later build sorts last, as pip orders them


def test_the_documents_for_a_new_site_are_staged_and_their_changes_make_the_wheel_dirty(dist, tmp_path):
    """The editors' guide and the hosting pages travel in the wheel (an outsider's trial, session 39:
    a province on the wheel route had neither); a guide edited but not committed is not this
    commit's wheel, and a missing one stops the build with its name."""
    repo = _source(tmp_path / "kho")
    first = _staged(dist, repo, tmp_path / "a")
    for document in DOCUMENTS:
        assert (tmp_path / "a" / document).read_bytes() == b"x\n", document
    (repo / "content/bien-tap/huong-dan-bien-tap.md").write_text("sửa\n", encoding="utf-8")
    assert _staged(dist, repo, tmp_path / "b") == first + ".dirty"
    (repo / "content/bien-tap/anh/b.png").write_bytes(b"new picture")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "hai")
    assert _staged(dist, repo, tmp_path / "c") != first
    assert (tmp_path / "c/content/bien-tap/anh/b.png").read_bytes() == b"new picture"
    (repo / "docs/hosting.md").unlink()
    (tmp_path / "d").mkdir()
    with pytest.raises(dist.DistError, match="docs/hosting.md"):
        dist.stage(repo, tmp_path / "d", *dist.source(repo))


def test_without_git_or_version_line_it_says_so_in_vietnamese(dist, tmp_path):
    with pytest.raises(dist.DistError, match="không phải một kho git"):
        dist.source(tmp_path)
    repo = _source(tmp_path / "kho")
    (repo / "pyproject.toml").write_text('[project]\nname = "bantin"\ndynamic = ["version"]\n', encoding="utf-8")
    (tmp_path / "a").mkdir()
    with pytest.raises(dist.DistError, match="cần đúng một dòng `version"):
        dist.stage(repo, tmp_path / "a", *dist.source(repo))


def test_our_own_pyproject_has_the_version_line_dist_rewrites(dist):
    assert len(dist._VERSION_LINE.findall((ROOT / "pyproject.toml").read_text(encoding="utf-8"))) == 1


def test_version_names_the_commit_and_day_of_a_built_wheel(monkeypatch):
    assert endoflife.built_from("0.1.0+20260501.g1a2b3c4") == " (commit 1a2b3c4 ngày 1/5/2026)"
    assert endoflife.built_from("0.1.0+20260501.g1a2b3c4.dirty") == (
        " (commit 1a2b3c4 ngày 1/5/2026, có sửa đổi chưa commit)")
    for other in ("0.1.0", "0.1.0+local", "0.1.0+20260501.g1a2b3c4<b>", "0.1.0+2026051.g1a2b3c4"):
        assert endoflife.built_from(other) == ""
    versions = {"bantin": "0.1.0+20260501.g1a2b3c4", "mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}

    def version(name):
        if name not in versions:
            raise endoflife.metadata.PackageNotFoundError(name)
        return versions[name]

    monkeypatch.setattr(endoflife.metadata, "version", version)
    monkeypatch.setattr(endoflife, "origin", lambda: "")  # installed from the wheel file, not git
    first = endoflife.version_text().splitlines()[0]
    assert first == "bantin 0.1.0+20260501.g1a2b3c4 (commit 1a2b3c4 ngày 1/5/2026), mkdocs 1.6.1, mkdocs-material 9.8.1"


def test_the_source_archive_carries_the_build_step_and_the_documents_it_copies(tmp_path):
    """A wheel built from the source archive (`python -m build`'s default, `pip install
    bantin-*.tar.gz`) runs plugins/_bantin_build.py, which copies the documents of
    sitedocs.SOURCES into the package: both must be in the archive (MANIFEST.in; session 39's
    review F4: the archive had neither, and its wheel failed with ModuleNotFoundError)."""
    import subprocess
    import sys
    import tarfile

    from bantin.tools import sitedocs

    import shutil

    # From a copy of the checkout's files: an egg-info left by an earlier build lists what that
    # build found, and setuptools would take those files without MANIFEST.in.
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    copy = tmp_path / "copy"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-c", f"from setuptools import build_meta as b; b.build_sdist({str(out)!r})"],
                   cwd=copy, check=True, capture_output=True)
    [archive] = out.glob("bantin-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    wanted = {"plugins/_bantin_build.py"} | {path.relative_to(ROOT).as_posix() for _, path in sitedocs.in_repository(ROOT)}
    assert wanted <= names, sorted(wanted - names)
