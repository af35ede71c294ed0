"""Two `bantin import` runs into one site at once: the second waits for the first (session 32).

Review of session 32, H2: two runs adding 80 pages each to the same handbook at the same time
reported 139 questions imported, left 109 in the handbook and wrote 139 redirect lines, 30 of
them to pages that did not exist. Each run renamed its copy of the handbook over the file,
dropping what the other had just written. Now a run holds a lock on the content folder
(`files/folderlock.py`) from choosing the handbook to its last redirect line, and a second
run says it is waiting and goes on when the first is done.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bantin
from bantin.cli.importer import main_import
from bantin.files.folderlock import FolderLock
from test_importer_handbook import site  # noqa: F401 (the fixture)
from test_importer_interrupted import articles, handbook_questions, mapped, questions

PLUGINS = Path(bantin.__file__).resolve().parents[1]  # the child runs the bantin this test imports
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the lock is flock's: none on Windows (documented)")


def start(site: Path, args: list[str], name: str) -> tuple[subprocess.Popen, Path, Path]:
    """`bantin import ARGS` as its own process in `site`: (process, its stdout file, its stderr file)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGINS), os.environ.get("PYTHONPATH", "")])}
    out, err = site / f"{name}.out", site / f"{name}.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "bantin.cli", "import", *args], cwd=site, env=env,
                                   stdout=stdout, stderr=stderr)
    return process, out, err


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*")}


def test_two_runs_into_one_handbook_at_once_lose_no_question(site: Path) -> None:
    (site / "content" / "hoi-dap").mkdir()
    (site / "content" / "hoi-dap" / "hd.md").write_text(
        "---\ntitle: Hỏi đáp chung\nslug: hd\ndate: 2024-01-01\ncategory: pbgdpl\n---\n\nGiới thiệu.\n", encoding="utf-8")
    pages = questions(site / "trang-cu", 60)
    runs = [start(site, [*(str(p) for p in half), "--handbook", "hd"], f"run{n}")
            for n, half in enumerate((pages[:30], pages[30:]))]
    codes = [process.wait(timeout=300) for process, _, _ in runs]
    said = sum(out.read_text(encoding="utf-8").count("đã nhập thành câu hỏi") for _, out, _ in runs)
    ids = handbook_questions(site)
    lines = mapped(site)
    assert (said, len(ids), len(lines)) == (60, 60, 60)
    assert len(set(ids)) == 60 and set(lines.values()) == {f"/hoi-dap/hd/{qid}/" for qid in ids}
    assert codes == [0, 0]  # no page refused as «vừa thay đổi trong lúc nhập» either


@pytest.mark.parametrize("kind", ["handbook", "article"])
def test_an_import_waits_while_another_holds_the_site_then_goes_on(kind: str, site: Path) -> None:
    if kind == "handbook":
        pages = questions(site / "trang-cu", 3)
        args = [*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]
    else:
        pages = articles(site / "trang-cu", 3)
        args = [*(str(p) for p in pages), "--category", "pbgdpl"]
    before = files_of(site)
    held = FolderLock(site / "content")
    assert held.acquire(lambda: None)
    try:
        process, out, err = start(site, args, "run")
        deadline = time.monotonic() + 60
        while "đang chờ" not in err.read_text(encoding="utf-8") and process.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        said = err.read_text(encoding="utf-8")
        assert process.poll() is None, f"the import did not wait: {said}"
        assert "một lệnh `bantin import` khác đang nhập vào thư mục nội dung" in said and "Ctrl+C" in said
        time.sleep(0.5)
        assert files_of(site) - before == {"run.out", "run.err"}  # nothing read-and-written while waiting
    finally:
        held.release()
    assert process.wait(timeout=120) == 0, err.read_text(encoding="utf-8")
    assert "3 tệp đã nhập, 0 tệp không nhập được" in out.read_text(encoding="utf-8")
    assert len(mapped(site)) == 3
    written = files_of(site) - before
    assert not [name for name in written if name.rsplit("/", 1)[-1].startswith(".")]  # no lock file, nothing hidden


def test_a_killed_import_leaves_no_lock_behind(site: Path, capsys) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from bantin.files.folderlock import FolderLock; "
         "assert FolderLock(sys.argv[1]).acquire(lambda: None); print('held', flush=True); time.sleep(600)",
         str(site / "content")],
        env={**os.environ, "PYTHONPATH": str(PLUGINS)}, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    pages = questions(site / "trang-cu", 2)
    code = main_import([*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                        "--category", "pbgdpl"])
    out = capsys.readouterr()
    assert code == 0 and "đang chờ" not in out.err and len(handbook_questions(site)) == 2


def test_ctrl_c_while_waiting_writes_nothing(site: Path, capsys, monkeypatch) -> None:
    from bantin.files import folderlock

    calls = []

    def interrupted(fd, operation):
        calls.append(operation)
        if operation & folderlock.fcntl.LOCK_NB:
            raise BlockingIOError
        raise KeyboardInterrupt

    monkeypatch.setattr(folderlock.fcntl, "flock", interrupted)
    pages = questions(site / "trang-cu", 1)
    code = main_import([str(pages[0]), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"])
    out = capsys.readouterr()
    assert code == 130 and "đang chờ" in out.err and "chưa nhập tệp nào" in out.err and len(calls) == 2
    assert not (site / "content" / "hoi-dap").exists() and not (site / "redirects").exists()


def test_without_fcntl_the_import_runs_unlocked(site: Path, capsys, monkeypatch) -> None:
    """Windows has no fcntl: no lock, no message, the import as before (the guide says not to
    run two at once there)."""
    from bantin.files import folderlock

    monkeypatch.setattr(folderlock, "fcntl", None)
    assert FolderLock(site / "content").acquire(lambda: None) is False
    pages = questions(site / "trang-cu", 2)
    code = main_import([*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                        "--category", "pbgdpl"])
    out = capsys.readouterr()
    assert code == 0 and "đang chờ" not in out.err and len(handbook_questions(site)) == 2


def test_bantin_ids_waits_while_an_import_holds_the_site(site: Path) -> None:
    """`bantin ids` rewrites handbooks too: run beside an import, one of the two rewrites was
    lost (session 32, left by the review's fix). It takes the same lock and waits."""
    handbook = site / "content" / "hoi-dap" / "so-tay.md"
    handbook.parent.mkdir()
    handbook.write_text("---\ntitle: Sổ tay\ndate: 2024-01-02\ncategory: pbgdpl\n---\n\n"
                        "## Câu hỏi 1: Hòa giải là gì?\n\nLà việc giúp các bên tự thỏa thuận.\n", encoding="utf-8")
    before = handbook.read_text(encoding="utf-8")
    held = FolderLock(site / "content")
    assert held.acquire(lambda: None)
    try:
        out, err = site / "ids.out", site / "ids.err"
        with out.open("w") as o, err.open("w") as e:
            process = subprocess.Popen([sys.executable, "-m", "bantin.cli", "ids"], cwd=site, stdout=o, stderr=e,
                                       env={**os.environ, "PYTHONPATH": str(PLUGINS)})
        deadline = time.monotonic() + 60
        while "đang chờ" not in err.read_text(encoding="utf-8") and process.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, f"bantin ids did not wait: {err.read_text(encoding='utf-8')}"
        assert handbook.read_text(encoding="utf-8") == before
    finally:
        held.release()
    assert process.wait(timeout=120) == 0, err.read_text(encoding="utf-8")
    assert "{#hoa-giai-la-gi}" in handbook.read_text(encoding="utf-8")
