"""Issue 12, parts 2 and 4, end to end: the output folder guard, aliases checked against
every output before anything is written, and an atomic publish that survives any kill."""

from __future__ import annotations

import base64
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sitekit import MKDOCS, article, build, read, write_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BANTIN = [sys.executable, "-m", "bantin.cli"]
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")  # 1×1, sound


def tree_digest(root: Path) -> str:
    """Names, kinds and contents of everything under root (the .git folder included)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def bantin(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*BANTIN, *args], cwd=root, env=env or ENV, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture()
def project(tmp_path):
    root = write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A")})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    (root / "theme").mkdir()
    (root / "theme" / "main.html").write_text("{% extends 'base.html' %}\n")
    return root


# --- the output folder ---------------------------------------------------------------------------

@pytest.mark.parametrize("target", [".", "content", ".git", "theme", "..", "content/x", ".git/x"])
def test_bantin_build_refuses_the_project_and_its_sources(project, target):
    before = tree_digest(project.parent)
    done = bantin(project, "build", "-d", target)
    assert done.returncode != 0 and "Không dựng vào" in done.stdout and "Cách sửa" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout
    assert tree_digest(project.parent) == before


@pytest.mark.parametrize("target", [".git", "theme"])
def test_plain_mkdocs_build_refuses_them_too(project, target):
    before = tree_digest(project)
    done = build(project, "-d", target, check=False)
    assert done.returncode != 0 and "Không dựng vào" in done.stdout, done.stdout
    assert tree_digest(project) == before


def test_a_folder_of_other_files_is_not_replaced(project, tmp_path):
    other = tmp_path / "tai-lieu-cua-toi"
    other.mkdir()
    (other / "bao-cao.docx").write_bytes(b"PK")
    done = bantin(project, "build", "-d", str(other))
    assert done.returncode != 0 and "không phải trang đã dựng" in done.stdout
    assert (other / "bao-cao.docx").read_bytes() == b"PK"


# --- aliases and names against every output ---------------------------------------------------------

BAD_ALIASES = ["/../mkdocs.yml", "/../content/x", "/../../../X", "/feed.xml", "/sitemap.xml", "/404.html",
               "/assets/javascripts/bantin.js", "/assets/search/manifest.js", "/images/anh.png", "/tai-lieu/a.pdf",
               "/feed.xml/x", "/" + "a" * 300, "/a/%2e%2e/%2e%2e/mkdocs.yml", "/con.html",
               "/chuyen-muc/dat-dai/feed.xml", "/robots.txt"]


def test_bad_aliases_stop_the_build_before_anything_is_written(tmp_path):
    files = {f"tin-tuc/b{n}.md": article(f"Bài {n}", aliases=[alias]) for n, alias in enumerate(BAD_ALIASES)}
    files["images/anh.png"] = PNG
    files["tai-lieu/a.pdf"] = b"%PDF-1.4\n"
    files["assets/javascripts/bantin.js"] = "alert('thay script của trang')\n"  # shadows the theme's script
    root = write_site(tmp_path / "du-an", files)
    before = tree_digest(root)
    done = build(root, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stdout
    for n, alias in enumerate(BAD_ALIASES):
        assert f"tin-tuc/b{n}.md:" in done.stdout and "[aliases]" in done.stdout, alias
    assert "assets/javascripts/bantin.js" in done.stdout
    assert not (tmp_path / "X").exists() and not (tmp_path.parent / "X").exists()
    assert not [p for p in (root / "site").rglob("*")], "nothing may be written before the checks"
    if (root / "site").exists():
        (root / "site").rmdir()  # MkDocs may create the (empty) folder before on_files
    assert tree_digest(root) == before
    checked = bantin(root, "check")
    assert checked.returncode == 1
    assert all(f"tin-tuc/b{n}.md:" in checked.stdout for n in range(len(BAD_ALIASES)))
    assert "assets/javascripts/bantin.js" in checked.stdout


def test_long_titles_and_reserved_names_become_safe_file_names(tmp_path):
    long_title = "Hướng dẫn thủ tục đăng ký hộ tịch " * 9  # 300 characters
    root = write_site(tmp_path, {
        "tin-tuc/dai.md": article(long_title),
        "tin-tuc/con.md": article("Con", tags=["Nul", "Aux"]),
        "tin-tuc/ok.md": article("Bài thường", aliases=["/tin-cu/%C4%91at-dai.html"]),
    })
    build(root)
    site = root / "site"
    names = [p.name for p in site.rglob("*")]
    assert all(len(n.encode()) <= 255 for n in names)
    assert not [n for n in names if n.split(".")[0].lower() in {"con", "nul", "aux", "prn", "com1", "lpt1"}]
    assert (site / "tin-tuc" / "con-1" / "index.html").is_file()
    assert (site / "the" / "nul-1" / "index.html").is_file()
    assert (site / "tin-cu" / "đat-dai.html").is_file()  # the file a web server finds for the encoded address


def test_an_explicit_reserved_slug_is_an_error_with_the_fix(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A", slug="nul")})
    done = build(root, check=False)
    assert done.returncode != 0 and "[slug]" in done.stdout and "nul-1" in done.stdout


# --- atomic publish -----------------------------------------------------------------------------------

def group_alive(pgid: int) -> list[int]:
    """Pids of live (not zombie) processes in process group pgid: the build and its forks."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(name))
    return found


class Watcher(threading.Thread):
    """Reads site/index.html in a loop; records every moment it is missing or cut short.

    Without a pause while `hot` is set, for the builds that may publish (the moment between two
    renames lasts microseconds): the last one killed, among its last files, and the final one.
    Before, every PAUSE, which sees what a killed build could leave (a site gone or cut short
    stays so until the next build). Spinning all along kept a core busy for the test's whole
    minute, which the builds it watches and the other test process were waiting for."""

    PAUSE = 0.002

    def __init__(self, site: Path) -> None:
        super().__init__(daemon=True)
        self.site, self.stop, self.hot, self.reads, self.bad = site, threading.Event(), threading.Event(), 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                text = (self.site / "index.html").read_text(encoding="utf-8")
                if not text.rstrip().endswith("</html>"):
                    self.bad.append("cut short")
            except OSError as exc:
                self.bad.append(repr(exc))
            self.reads += 1
            if not self.hot.is_set():
                self.stop.wait(self.PAUSE)


def big_site(tmp_path: Path) -> Path:
    """Over policy.WORKER_FROM items, so the build forks its worker; BANTIN_JOBS=2 adds the renderer."""
    files = {f"tin-tuc/b{n:03d}.md": article(f"Tin số {n}", body="Nội dung về hòa giải ở cơ sở. " * 40)
             for n in range(320)}
    files["images/anh.png"] = PNG
    return write_site(tmp_path, files)


def wait_for(condition, timeout: float) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_killed_builds_never_leave_the_site_missing_nor_processes_behind(tmp_path):
    root = big_site(tmp_path)
    env = {**ENV, "BANTIN_JOBS": "2"}
    first = bantin(root, "build", env=env)
    assert first.returncode == 0, first.stdout
    watcher = Watcher(root / "site")
    watcher.start()
    old: set[Path] = set()
    forks: list[int] = []  # forked helpers alive at each kill
    staging = lambda: [p for p in root.glob(".site.building-*") if p not in old]  # noqa: E731  this build's
    moments = [
        (signal.SIGKILL, lambda: bool(staging())),  # reading content
        (signal.SIGTERM, lambda: any((p / "tin-tuc").exists() for p in staging())),  # rendering pages
        (signal.SIGKILL, lambda: any((p / "tin-tuc").exists() for p in staging())),
        (signal.SIGINT, lambda: any((p / "assets" / "search").exists() for p in staging())),  # search index
        (signal.SIGKILL, lambda: any((p / "feed.xml").exists() for p in staging())),  # artifacts
    ]
    try:
        for n, (signum, moment) in enumerate(moments):
            if n == len(moments) - 1:  # killed among its last files, it may have begun to publish
                watcher.hot.set()
            old = set(root.glob(".site.building-*"))  # leftovers of the builds killed before
            proc = subprocess.Popen([*BANTIN, "build"], cwd=root, env=env, start_new_session=True, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            reached = wait_for(lambda: moment() or proc.poll() is not None, 90)
            assert reached
            forks.append(len(group_alive(proc.pid)) - 1)
            proc.send_signal(signum)
            out, _ = proc.communicate(timeout=60)
            if signum != signal.SIGKILL and proc.returncode != 0:  # 0: it finished first
                assert proc.returncode == 128 + signum, out
                assert f"bị dừng bởi tín hiệu {signum.name}" in out and "Traceback" not in out, out
                assert not staging(), f"{signum.name} must remove the staging folder"
            assert wait_for(lambda: not group_alive(proc.pid), 5), f"left behind: {group_alive(proc.pid)}"
        assert not watcher.bad, watcher.bad[:3]
        last = bantin(root, "build", env=env)  # removes the leftovers of the SIGKILLed builds
        assert last.returncode == 0, last.stdout
        assert not list(root.glob(".site.building-*")) and not list(root.glob(".site.old-*"))
        assert sum(n > 0 for n in forks) >= 2, forks  # the kills did catch the worker and the renderer
        assert not watcher.bad, watcher.bad[:3]
    finally:
        watcher.stop.set()
        watcher.join()
    assert watcher.reads > 100
    assert "Tin số 319" in read(root, "tin-tuc/tin-so-319/index.html")


def test_two_renames_fallback_and_the_old_copy_put_back(tmp_path):
    from bantin.outputs.publish import Publishing

    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A")})
    done = bantin(root, "build", env={**ENV, "BANTIN_NO_EXCHANGE": "1"})
    again = bantin(root, "build", env={**ENV, "BANTIN_NO_EXCHANGE": "1"})
    assert done.returncode == again.returncode == 0 and (root / "site" / "index.html").is_file()
    # A build killed between the two renames: site/ is an old copy; the next build restores it first.
    (root / "site").rename(root / ".site.old-12345")
    (root / ".site.building-abc").mkdir()
    with Publishing(root / "site") as staging:
        assert (root / "site" / "index.html").is_file() and not (root / ".site.old-12345").exists()
        assert not (root / ".site.building-abc").exists()
        (staging.path / "index.html").write_text("<html></html>")
        staging.publish()
    assert (root / "site" / "index.html").read_text() == "<html></html>"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [".site.build-lock"]


def test_a_concurrent_build_waits_and_its_staging_survives(tmp_path):
    """The lock: a second build never sweeps the first one's staging folder."""
    from bantin.outputs.publish import Publishing

    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A")})
    with Publishing(root / "site") as first:
        (first.path / "index.html").write_text("<html>một</html>")
        second = subprocess.Popen([*BANTIN, "build"], cwd=root, env=ENV, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(second.stdout), daemon=True)
        reader.start()
        # it says it waits for the lock (a fixed 3 s had passed before a loaded machine started it)
        assert wait_for(lambda: any("Đang chờ" in line for line in lines), 120), "".join(lines)
        assert second.poll() is None  # and still waits
        assert first.path.is_dir()
        first.publish()
    assert second.wait(timeout=120) == 0
    reader.join(timeout=30)
    out = "".join(lines)
    assert "Đang chờ" in out, out
    assert "Bài A" in read(root, "index.html")


def test_gitignore_covers_the_leftovers():
    ignored = subprocess.run(["git", "check-ignore", ".site.building-x1/", ".site-offline.old-12/", ".site.build-lock"],
                             cwd=Path(__file__).parent.parent, text=True, stdout=subprocess.PIPE)
    assert ignored.stdout.split() == [".site.building-x1/", ".site-offline.old-12/", ".site.build-lock"]


def test_offline_build_removes_its_own_leftovers_only(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A")})
    for name in (".site-offline.building-x1", ".site-offline.old-99", ".site.building-y2"):
        (root / name / "tin-tuc").mkdir(parents=True)
    done = bantin(root, "build", "--offline")
    assert done.returncode == 0, done.stdout
    assert (root / "site-offline" / "ban-tin" / "index.html").is_file()
    assert sorted(p.name for p in root.glob(".site*")) == [".site-offline.build-lock", ".site.building-y2"]


# --- the offline copy's layout (outputs/offlinecopy.py) ------------------------------------------

def test_the_offline_copy_is_one_start_file_beside_one_site_folder(tmp_path):
    """A reader's trial: the USB copy's top folder had 27 entries and nobody knew which to open
    (session 28). It now holds the start file MO-BAN-TIN.html and the site in ban-tin/; the
    start file moves to the home page without script (with script once it has seen the site
    folder beside it: session 47) and shows the link too. A page whose
    slug is the folder's or the file's name stays inside the folder, where it collides with
    nothing."""
    root = write_site(tmp_path / "du-an", {
        "tin-tuc/a.md": article("Bài A"),
        "trang/ban-tin.md": "---\ntitle: Bản tin\ndate: 2024-01-01\n---\n\nTrang giới thiệu bản tin.\n",
        "trang/mo-ban-tin.md": "---\ntitle: Mở bản tin\ndate: 2024-01-01\n---\n\nTrang cùng tên tệp mở đầu.\n",
    })
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_name: Bản tin thử", 'site_name: "Bản tin <b>&</b> thử"'),
                                     encoding="utf-8")
    done = bantin(root, "build", "--offline")
    assert done.returncode == 0, done.stdout
    copy = root / "site-offline"
    assert sorted(os.listdir(copy)) == ["MO-BAN-TIN.html", "ban-tin"]
    assert "MO-BAN-TIN.html" in done.stdout and "USB" in done.stdout  # the build says what to open
    start = (copy / "MO-BAN-TIN.html").read_text(encoding="utf-8")
    assert '<noscript><meta http-equiv="refresh" content="0; url=ban-tin/index.html"></noscript>' in start
    assert '<a href="ban-tin/index.html">Mở bản tin</a>' in start
    assert start.count("<script") == 1 and "<script>" in start and 'lang="vi"' in start  # inline, no file
    assert "l.href='ban-tin/assets/stylesheets/bantin.css'" in start  # the style sheet it looks for,
    assert (copy / "ban-tin/assets/stylesheets/bantin.css").is_file()  # which the copy holds
    assert "thử" not in start[start.index("<script"):]  # nothing of mkdocs.yml in the script
    assert "<h1>Bản tin &lt;b&gt;&amp;&lt;/b&gt; thử</h1>" in start  # mkdocs.yml's text, escaped
    site = copy / "ban-tin"
    assert "Bài A" in (site / "index.html").read_text(encoding="utf-8")
    assert "Trang giới thiệu bản tin." in (site / "ban-tin.html").read_text(encoding="utf-8")
    assert "Trang cùng tên tệp mở đầu." in (site / "mo-ban-tin.html").read_text(encoding="utf-8")
    assert {"404.html", "assets", "feed.xml", "tim-kiem.html"} <= set(os.listdir(site))
    names = [str(p.relative_to(copy)) for p in copy.rglob("*")]
    assert all(name.isascii() for name in names)
    # Built again into its own copy (the mark names the two entries), and the online site
    # beside it keeps its plain layout.
    again = bantin(root, "build", "--offline")
    assert again.returncode == 0, again.stdout
    assert sorted(os.listdir(copy)) == ["MO-BAN-TIN.html", "ban-tin"]
    assert bantin(root, "build").returncode == 0 and (root / "site" / "index.html").is_file()
    assert not (root / "site" / "MO-BAN-TIN.html").exists()


def test_an_earlier_flat_copy_is_replaced_and_an_unmarked_copy_only_where_it_is_the_default(tmp_path):
    """The copy an earlier Bản tin wrote (index.html and 26 more at the top) is replaced by
    the new layout; a copy without its mark (the lock file gone) is taken for the project's
    own when it is its default site-offline/, never when it was given with --site-dir."""
    root = write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A")})
    assert build(root, "--no-directory-urls", "--site-dir", "site-offline").returncode == 0  # the old, flat copy
    assert (root / "site-offline" / "index.html").is_file()
    done = bantin(root, "build", "--offline")
    assert done.returncode == 0, done.stdout
    assert sorted(os.listdir(root / "site-offline")) == ["MO-BAN-TIN.html", "ban-tin"]
    (root / ".site-offline.build-lock").unlink()
    done = bantin(root, "build", "--offline")
    assert done.returncode == 0, done.stdout
    elsewhere = tmp_path / "usb"
    assert bantin(root, "build", "--offline", "--site-dir", str(elsewhere)).returncode == 0
    (tmp_path / ".usb.build-lock").unlink()
    refused = bantin(root, "build", "--offline", "--site-dir", str(elsewhere))
    assert refused.returncode == 2 and "Không dựng vào" in refused.stdout, refused.stdout
    assert (elsewhere / "MO-BAN-TIN.html").is_file()  # refused before anything was touched


def test_a_killed_offline_build_leaves_the_previous_copy_whole(tmp_path):
    """The start file is written in the staging folder, after the site: a build killed while
    it writes the site leaves the previous copy (start file and folder) as it was."""
    root = write_site(tmp_path, {f"tin-tuc/b{n:02d}.md": article(f"Tin số {n}") for n in range(40)})
    assert bantin(root, "build", "--offline").returncode == 0
    before = tree_digest(root / "site-offline")
    proc = subprocess.Popen([*BANTIN, "build", "--offline"], cwd=root, env=ENV, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = lambda: list(root.glob(".site-offline.building-*"))  # noqa: E731
    assert wait_for(lambda: any((p / "ban-tin" / "tin-tuc").exists() for p in staging()) or proc.poll() is not None, 90)
    caught = proc.poll() is None and not any((p / "MO-BAN-TIN.html").exists() for p in staging())
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert tree_digest(root / "site-offline") == before
    assert caught, "the build finished before it could be killed: the test proved nothing"
    done = bantin(root, "build", "--offline")
    assert done.returncode == 0 and "dở dang" in done.stdout, done.stdout
    assert not staging() and sorted(os.listdir(root / "site-offline")) == ["MO-BAN-TIN.html", "ban-tin"]
