"""Review of issue 12, findings 2 and 7: `bantin build -d` never deletes what it did not make,
and every failure of the publish step is one Vietnamese message, never a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import article, run_bantin, write_site

from bantin.cli import commands as cli
from bantin.outputs import publish

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


bantin = run_bantin


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("du-an"), {"tin-tuc/a.md": article("Bài A", slug="bai-a")})


# --- finding 2: only a folder the build made is replaced ------------------------------------------

@pytest.mark.parametrize("foreign", [".git/HEAD", ".well-known/acme", "CNAME", ".nojekyll", "tin-tuc/.htaccess"])
def test_a_pages_checkout_is_refused_and_kept(project, tmp_path, foreign):
    out = tmp_path / "pages"
    (out / "tin-tuc").mkdir(parents=True)
    (out / "index.html").write_text("<p>cũ</p>")
    (out / foreign).parent.mkdir(parents=True, exist_ok=True)
    (out / foreign).write_text("x")
    done = bantin(project, "build", "-d", str(out))
    assert done.returncode == 2 and "Không dựng vào" in done.stdout and "Cách sửa" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout
    assert (out / foreign).read_text() == "x" and (out / "index.html").read_text() == "<p>cũ</p>"


def test_a_marked_build_is_replaced_but_not_once_someone_adds_files(project, tmp_path):
    out = tmp_path / "public"
    assert bantin(project, "build", "-d", str(out)).returncode == 0
    assert publish.read_mark(out)["names"] and (out / "index.html").is_file()
    again = bantin(project, "build", "-d", str(out))  # our own folder: replaced
    assert again.returncode == 0, again.stdout
    (out / "uploads").mkdir()
    (out / "uploads" / "bien-ban.pdf").write_bytes(b"%PDF")
    refused = bantin(project, "build", "-d", str(out))
    assert refused.returncode == 2 and "`uploads`" in refused.stdout, refused.stdout
    assert (out / "uploads" / "bien-ban.pdf").exists()


def test_a_site_built_by_the_previous_version_is_still_replaced(tmp_path):
    """No mark (the lock file of earlier versions was empty), the theme's script, no dotfiles:
    replaced in the project's own site_dir only (review 2, finding 3: not with `-d`)."""
    project = write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A", slug="bai-a")})
    out = project / "site"
    assert bantin(project, "build").returncode == 0
    publish.lock_path(out).write_text("")
    again = bantin(project, "build")
    assert again.returncode == 0, again.stdout
    assert publish.read_mark(out) is not None


def test_a_folder_replaced_by_another_one_loses_the_mark(project, tmp_path):
    out = tmp_path / "site"
    assert bantin(project, "build", "-d", str(out)).returncode == 0
    names = publish.read_mark(out)["names"]
    os.rename(out, tmp_path / "cu")
    out.mkdir()
    for name in names:  # same top-level names, but someone else's folder
        (out / name).write_text("của người khác")
    assert publish.read_mark(out) is None
    done = bantin(project, "build", "-d", str(out))
    assert done.returncode == 2 and "không phải trang đã dựng" in done.stdout, done.stdout


# --- finding 7: the publish step fails with a message ---------------------------------------------

def test_a_folder_under_proc_is_a_message(project):
    done = bantin(project, "build", "-d", "/proc/bantin-khong-co/site")
    assert done.returncode != 0 and "Traceback" not in done.stdout, done.stdout
    assert "Không ghi được trang vào /proc/bantin-khong-co/site" in done.stdout and "Cách sửa" in done.stdout


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EIO])
def test_a_failed_swap_is_a_message_and_leaves_the_old_site(project, tmp_path, monkeypatch, capsys, code):
    out = tmp_path / "site"
    assert cli.atomic_build(str(project / "mkdocs.yml"), site_dir=str(out)) == 0
    before = (out / "index.html").read_bytes()

    def refuse(*args):
        raise OSError(code, os.strerror(code), str(out))

    monkeypatch.setattr(publish, "exchange", refuse)
    capsys.readouterr()
    assert cli.atomic_build(str(project / "mkdocs.yml"), site_dir=str(out)) == 1
    err = capsys.readouterr().err
    assert f"Không ghi được trang vào {out}" in err and "Cách sửa" in err and "Traceback" not in err, err
    assert (out / "index.html").read_bytes() == before
    assert not publish.leftovers(out), "the staging folder is removed"


def test_the_two_renames_fallback_puts_the_old_site_back(project, tmp_path, monkeypatch, capsys):
    out = tmp_path / "site"
    assert cli.atomic_build(str(project / "mkdocs.yml"), site_dir=str(out)) == 0
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    real = os.rename

    def rename(src, dst):
        if str(dst) == str(out):
            if Path(src).name.startswith(".site.building-"):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src))
        return real(src, dst)

    monkeypatch.setattr(publish.os, "rename", rename)
    assert cli.atomic_build(str(project / "mkdocs.yml"), site_dir=str(out)) == 1
    assert "ổ đĩa đã đầy" in capsys.readouterr().err
    assert (out / "index.html").is_file() and not publish.leftovers(out)


def test_an_unwritable_parent_is_a_message(project, tmp_path, monkeypatch, capsys):
    out = tmp_path / "khoa" / "site"
    out.parent.mkdir()
    real = publish.os.open

    def deny(path, *args, **kwargs):
        if str(path).endswith(".build-lock"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(publish.os, "open", deny)
    assert cli.atomic_build(str(project / "mkdocs.yml"), site_dir=str(out)) == 1
    err = capsys.readouterr().err
    assert "không có quyền ghi" in err and ".site.build-lock" in err, err
    assert not out.exists()


def _root_tool(*command: str) -> bool:
    try:
        return os.geteuid() == 0 and subprocess.run(command, capture_output=True).returncode == 0
    except (OSError, AttributeError):
        return False


def _build_in_own_mounts(project: Path, setup: str, out: str) -> str:
    """`bantin build -d out` after the shell commands `setup`, in a mount namespace of its own
    (so the mounts vanish with it); the output, ending with `rc=<exit code>`."""
    script = f"{setup} && {sys.executable} -m bantin.cli build -d {out}; echo rc=$?"
    return subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=project, env=ENV, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout


@pytest.mark.skipif(not _root_tool("unshare", "-m", "true"), reason="needs root and unshare -m")
def test_a_real_mount_point(project, tmp_path):
    """EBUSY from renameat2 after the whole build: the output folder is a mount point."""
    out = tmp_path / "site"
    out.mkdir()
    output = _build_in_own_mounts(project, f"mount -t tmpfs tmpfs {out}", str(out))
    assert "rc=1" in output and "Traceback" not in output, output
    assert f"Không ghi được trang vào {out}: thư mục đích đang bận hoặc là một điểm gắn kết" in output
    assert ".building-" not in output.split("Không ghi được")[1]
    assert not publish.leftovers(out)


def test_an_immutable_parent(project, tmp_path):
    parent = tmp_path / "khoa"
    parent.mkdir()
    if not _root_tool("chattr", "+i", str(parent)):
        pytest.skip("needs root and chattr +i on this file system")
    try:
        done = bantin(project, "build", "-d", str(parent / "site"))
    finally:
        subprocess.run(["chattr", "-i", str(parent)])
    assert done.returncode == 1 and "Traceback" not in done.stdout, done.stdout
    assert f"Không ghi được trang vào {parent / 'site'}: không có quyền ghi" in done.stdout
    assert not list(parent.iterdir())


@pytest.mark.skipif(not _root_tool("unshare", "-m", "true"), reason="needs root and unshare -m")
def test_a_read_only_file_system(project, tmp_path):
    ro = tmp_path / "chi-doc"
    ro.mkdir()
    output = _build_in_own_mounts(project, f"mount --bind {ro} {ro} && mount -o remount,ro,bind {ro}", f"{ro}/site")
    assert "rc=1" in output and "Traceback" not in output, output
    assert f"Không ghi được trang vào {ro}/site: ổ đĩa chỉ cho đọc" in output, output


def test_an_error_outside_the_output_is_not_blamed_on_it(tmp_path):
    exc = FileNotFoundError(errno.ENOENT, "No such file or directory", "/du-an/content/tin-tuc/a.md")
    message = publish.publish_error(tmp_path / "site", exc)
    assert "lỗi hệ thống khi đọc hoặc ghi tệp" in message and "content/tin-tuc/a.md" in message
    assert "thư mục cha không có" in publish.publish_error(Path("/proc/x/site"), FileNotFoundError(
        errno.ENOENT, "No such file or directory", "/proc/x/.site.build-lock"))
