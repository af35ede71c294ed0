"""Second hostile review of issue 12: publishing, importer, CLI (findings 2, 3, 4, 6, 8, 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import article, write_site

from bantin import publish
from bantin.outputs import foreign_folder_problem
from bantin.problems import Problem

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def bantin(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bantin.cli", *args], cwd=root, env=ENV, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("du-an"), {"tin-tuc/a.md": article("Bài A", slug="bai-a")})


# --- finding 2: the lock file is never followed through a symlink ---------------------------------

def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(project, tmp_path):
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH=/usr/bin\n")
    out = tmp_path / "site"
    publish.lock_path(out).symlink_to(victim)
    done = bantin(project, "build", "-d", str(out))
    assert done.returncode == 1 and "liên kết tượng trưng" in done.stdout and "Cách sửa" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout
    assert victim.read_text() == "export PATH=/usr/bin\n" and not out.exists()
    assert publish.read_mark(out) is None


def test_a_lock_file_that_is_a_folder_or_fifo_is_refused(tmp_path):
    target = tmp_path / "site"
    publish.lock_path(target).mkdir()
    with pytest.raises(publish.NotRegular):
        publish.Publishing(target).__enter__()
    fifo = tmp_path / "b"
    os.mkfifo(publish.lock_path(fifo))
    with pytest.raises(publish.NotRegular):
        publish.Publishing(fifo).__enter__()


def test_a_symlink_named_like_a_leftover_is_never_moved_or_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.txt").write_text("x")
    (tmp_path / ".site.old-1").symlink_to(tmp_path / "elsewhere")
    assert publish.leftovers(tmp_path / "site") == []


# --- finding 3: an unmarked folder is replaced only where it is the project's own site_dir -------

def _old_build(folder: Path, *extra: str) -> None:
    (folder / "assets" / "javascripts").mkdir(parents=True)
    (folder / "assets" / "javascripts" / "bantin.js").write_text("x")
    (folder / "index.html").write_text("x")
    for name in extra:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")


def test_a_web_root_with_an_old_build_copied_in_is_not_wiped(project, tmp_path):
    www = tmp_path / "www"
    _old_build(www, "uploads/private/ho-so.pdf", "app/index.php", "app/web.config")
    done = bantin(project, "build", "-d", str(www))
    assert done.returncode == 2 and "Cách sửa" in done.stdout, done.stdout
    assert (www / "uploads" / "private" / "ho-so.pdf").exists() and (www / "app" / "index.php").exists()


@pytest.mark.parametrize("extra", ["app/index.php", "app/web.config", "x/y/Default.ASPX"])
def test_even_the_default_folder_with_a_server_application_is_kept(tmp_path, extra):
    _old_build(tmp_path / "site", extra)
    problem = foreign_folder_problem(str(tmp_path / "site"), default_dir=True)
    assert problem and extra.split("/")[-1] in problem


def test_an_unmarked_old_build_elsewhere_is_refused_with_the_reason(tmp_path):
    _old_build(tmp_path / "public")
    problem = foreign_folder_problem(str(tmp_path / "public"))
    assert problem and "site_dir" in problem and "Cách sửa" in problem
    assert foreign_folder_problem(str(tmp_path / "public"), default_dir=True) is None


# --- finding 8: control characters in file names are shown, never sent to the terminal -----------

def test_problem_text_shows_control_characters_visibly():
    shown = str(Problem("tin-tuc/a\x1b[2J\n::error file=x::giả.md", 3, "ti\ttle", "sai\x07", "sửa\r"))
    assert "\x1b" not in shown and "\n" not in shown and "\x07" not in shown and "\r" not in shown
    assert "a\\x1b[2J\\n::error" in shown and "\\x07" in shown
    assert str(Problem("tin-tuc/bài.md", 1, "", "đúng", "—")).startswith("tin-tuc/bài.md:1:")
