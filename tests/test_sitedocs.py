"""What a province gets of Bản tin's own documents (bantin/tools/sitedocs.py): the editors'
guide with its pictures and the hosting pages travel in the wheel, and `bantin init` writes
them into the new site (an outsider's trial, session 39: a province installed from the wheel
had neither, and its README sent it to a repository it cannot reach). The README's paths are
checked in tests/test_init.py; here, the wheel `make dist` builds."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from bantin.tools import sitedocs, starter
from sitekit import ROOT
from wheelhouse import project_dist

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.slow
def test_the_wheel_carries_the_documents_and_its_init_writes_them(tmp_path):
    """Built as a province gets it (scripts/dist.py), the wheel holds the documents; run from the
    wheel's own files (unpacked: no checkout beside them to fall back on), `init` writes them."""
    dist = project_dist(tmp_path / "dist", ENV)
    [wheel] = dist.glob("bantin-*.whl")
    documents = sitedocs.in_repository(ROOT)
    with zipfile.ZipFile(wheel) as archive:
        for place, source in documents:
            assert archive.read(f"bantin/{sitedocs.PACKAGED}/{place}") == source.read_bytes(), place
        assert not [n for n in archive.namelist() if "_bantin_build" in n]  # the build step is not shipped
        archive.extractall(tmp_path / "unpacked")
    clean = {**{k: v for k, v in ENV.items() if k != "PYTHONPATH"}, "PYTHONPATH": str(tmp_path / "unpacked")}
    where = subprocess.run([sys.executable, "-c", "import bantin; print(bantin.__file__)"], env=clean, cwd=tmp_path,
                           check=True, text=True, stdout=subprocess.PIPE).stdout
    assert where.startswith(str(tmp_path / "unpacked"))  # the wheel's code, not this checkout's
    site = tmp_path / "tinh"
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "init", str(site), "--agency", "Sở Tư pháp tỉnh Thử"],
                          env=clean, cwd=tmp_path, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    for place, source in documents:
        assert (site / sitedocs.FOLDER / place).read_bytes() == source.read_bytes(), place
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "(tai-lieu-ban-tin/huong-dan-bien-tap.md)" in readme and "(tai-lieu-ban-tin/hosting.md)" in readme


def test_an_installation_reads_its_packaged_copy_before_any_checkout(tmp_path):
    package = tmp_path / "site-packages" / "bantin"
    (package / sitedocs.PACKAGED / "anh").mkdir(parents=True)
    (package / sitedocs.PACKAGED / "hosting.md").write_text("h", encoding="utf-8")
    (package / sitedocs.PACKAGED / "anh" / "a.png").write_bytes(b"p")
    assert [p for p, _ in sitedocs.installed(package)] == ["anh/a.png", "hosting.md"]
    assert [p for p, _ in sitedocs.installed(ROOT / "plugins" / "bantin")] == [
        p for p, _ in sitedocs.in_repository(ROOT)]  # a checkout: its own files, in place


def test_a_package_without_the_documents_is_named_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(starter, "STARTER", tmp_path / "bantin" / "starter")  # neither a copy nor a checkout
    with pytest.raises(starter.InitError, match="thiếu tài liệu.*huong-dan-bien-tap.md"):
        starter.create(tmp_path / "s", starter.Answers())
    assert not (tmp_path / "s").exists()  # refused before anything is written
