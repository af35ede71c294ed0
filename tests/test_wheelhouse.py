"""tests/wheelhouse.py, the dependencies kept for the clean-venv test: a folder is used only for
the requirements it was fetched for, only once complete, and only for MAX_AGE."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import wheelhouse


def _wheel(folder: Path, *requires: str, version: str = "0.1.0+20261205.gabc1234") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"bantin-{version}-py3-none-any.whl"
    head = "Metadata-Version: 2.1\nName: bantin\nVersion: " + version + "\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"bantin-{version}.dist-info/METADATA", head + "\nRequires-Dist: not-a-header\n")
    return wheel


def test_the_folder_is_named_by_the_wheels_requirements_not_its_build(tmp_path):
    one = _wheel(tmp_path / "a", "mkdocs==1.6.1", "nh3==0.3.7")
    again = _wheel(tmp_path / "b", "nh3==0.3.7", "mkdocs==1.6.1", version="0.1.0+20261206.gdef5678")
    fewer = _wheel(tmp_path / "c", "mkdocs==1.6.1")
    newer = _wheel(tmp_path / "d", "mkdocs==1.6.1", "nh3==0.3.8")
    assert wheelhouse.requirements(one) == ["mkdocs==1.6.1", "nh3==0.3.7"]  # the description's text is not read
    assert wheelhouse.folder_for(one, tmp_path) == wheelhouse.folder_for(again, tmp_path)  # the next commit's wheel
    assert wheelhouse.folder_for(fewer, tmp_path) != wheelhouse.folder_for(one, tmp_path)  # a dependency dropped
    assert wheelhouse.folder_for(newer, tmp_path) != wheelhouse.folder_for(one, tmp_path)  # a new pin


def test_a_folder_cut_short_or_old_is_not_used(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    assert not wheelhouse.fresh(folder)  # wheels maybe, but not the mark written last
    (folder / wheelhouse.DONE).write_text("x\n", encoding="utf-8")
    assert wheelhouse.fresh(folder)
    old = time.time() - wheelhouse.MAX_AGE - 60
    os.utime(folder / wheelhouse.DONE, (old, old))
    assert not wheelhouse.fresh(folder)


def test_the_folder_lives_where_the_variable_says_else_in_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("BANTIN_TEST_WHEELHOUSE", str(tmp_path / "here"))
    assert wheelhouse.cache_root() == tmp_path / "here"
    monkeypatch.delenv("BANTIN_TEST_WHEELHOUSE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert wheelhouse.cache_root() == tmp_path / "cache" / "bantin-tests" / "wheelhouse"
