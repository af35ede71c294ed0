"""A job of the background worker that fails, or a worker that dies, stops `bantin build` with
the Vietnamese failure (what could not be made, the old site kept, what to try), never a
traceback, and the old site stays in place (review of issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import article, run_bantin, write_site

# `bantin build` in the site's folder with one worker job broken; WORKER_FROM=0 forks the
# worker on this small site (the fork inherits the broken job).
SCRIPT = """
import os, sys
from bantin.site import build
from bantin.workers import policy
from bantin.cli.commands import main

def crash(*args):
    raise RuntimeError("hỏng thử")

def die(*args):
    os._exit(3)

mode, job = sys.argv[1], sys.argv[2]
if mode == "forked":
    policy.WORKER_FROM = 0
setattr(build, job, die if mode == "forked" else crash)
sys.exit(main(["build"]))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("worker") / "site",
                      {f"tin-tuc/bai-{n}.md": article(f"Bài {n}", tags=["hòa giải"]) for n in range(6)})
    done = run_bantin(root, "build")
    assert done.returncode == 0, done.stdout
    return root


def broken_build(root: Path, mode: str, job: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BANTIN_JOBS", None)
    return subprocess.run([sys.executable, "-c", SCRIPT, mode, job], cwd=root, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("mode, job, what", [
    ("in-process", "_search_index", "chỉ mục tìm kiếm"),
    ("forked", "_search_index", "chỉ mục tìm kiếm"),
    ("forked", "_related_lists", "danh sách tin liên quan"),  # asked for while pages render
])
def test_a_failed_worker_job_stops_the_build_in_vietnamese(site, mode, job, what):
    before, beside = snapshot(site), sorted(p.name for p in site.iterdir())
    done = broken_build(site, mode, job)
    out = done.stdout
    assert done.returncode == 1, out
    assert "Traceback" not in out, out
    assert f"Không tạo được {what}" in out and "Dựng trang thất bại; trang cũ trong" in out, out
    assert "Lý do: Không tạo được" in out  # the reason is the job's, not "content or configuration errors"
    if mode == "forked":
        assert "dừng bất thường" in out and "BANTIN_JOBS=1" in out
    else:
        assert "RuntimeError: hỏng thử" in out
    assert snapshot(site) == before
    assert sorted(p.name for p in site.iterdir()) == beside  # no staging folder left


def test_qr_codes_from_a_dead_worker_fail_in_words():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from bantin.site.qrcodes import QrCodes
    from bantin.workers.background import JobFailed

    class Dead:
        def submit(self, fn, *args):
            future = Future()
            future.set_exception(BrokenProcessPool("gone"))
            return future

    codes = QrCodes(["https://bantin.example.org/a/"], Dead())
    with pytest.raises(JobFailed, match="Không tạo được mã QR: tiến trình phụ .* BANTIN_JOBS=1"):
        codes.svg("https://bantin.example.org/a/", "")
    with pytest.raises(JobFailed):
        codes.settle()
