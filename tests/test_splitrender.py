"""The second renderer (splitrender.py) without MkDocs: claims, log replay, failures."""

from __future__ import annotations

import logging
import os
import time
from types import SimpleNamespace

import pytest

from bantin.workers.splitrender import RenderError, SplitRender

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the split needs fork")


def pages(count: int) -> list:
    return [SimpleNamespace(file=SimpleNamespace(src_uri=f"p{n:03}.md")) for n in range(count)]


def render(out, who: str, page, slow: float = 0.0) -> None:
    time.sleep(slow)
    with open(out / page.file.src_uri, "x") as f:  # "x": a page rendered twice fails here
        f.write(who)


def run_build(split: SplitRender, out, slow: float = 0.0) -> None:
    """What MkDocs' page loop does in the build process, once the fork has claimed its first
    page: on a loaded machine the build claimed all 50 before the fork began, and the fork that
    should die rendered nothing (a full run, session 44)."""
    split.start()
    _fork_claimed(split)
    for page in split.pages:
        if split.mine(page):
            render(out, "build", page, slow)
    split.join()


def test_every_page_is_rendered_once_by_one_of_the_two(tmp_path):
    todo = pages(200)
    split = SplitRender(todo, lambda page: render(tmp_path, "fork", page, 0.001))
    run_build(split, tmp_path, 0.001)
    written = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert sorted(written) == [p.file.src_uri for p in todo]
    by_fork = sorted(name for name, who in written.items() if who == "fork")
    assert by_fork and len(by_fork) < len(todo)
    assert sorted(split.theirs) == by_fork  # the build knows which pages not to write
    assert by_fork[0] > max(name for name, who in written.items() if who == "build")  # fork took the back


def test_a_slow_build_process_leaves_more_to_the_fork(tmp_path):
    split = SplitRender(pages(100), lambda page: render(tmp_path, "fork", page))
    run_build(split, tmp_path, slow=0.01)
    assert len(split.theirs) > 80


def test_the_forks_log_is_replayed_in_the_build(tmp_path, caplog):
    def build_page(page):
        if page.file.src_uri == "p099.md":
            logging.getLogger("mkdocs.plugins.test").warning("ảnh thiếu trong %s", page.file.src_uri)
        render(tmp_path, "fork", page)

    split = SplitRender(pages(100), build_page)
    with caplog.at_level(logging.INFO):
        run_build(split, tmp_path, slow=0.001)
    replayed = [r for r in caplog.records if r.name == "mkdocs.plugins.test"]
    assert [(r.levelno, r.getMessage()) for r in replayed] == [(logging.WARNING, "ảnh thiếu trong p099.md")]


def test_a_failure_in_the_fork_fails_the_build(tmp_path):
    def build_page(page):
        raise ValueError(f"hỏng mẫu trang ở {page.file.src_uri}")

    split = SplitRender(pages(50), build_page)
    with pytest.raises(RenderError, match="ValueError: hỏng mẫu trang ở p049.md"):
        run_build(split, tmp_path, slow=0.001)


def test_a_fork_that_dies_is_reported(tmp_path):
    split = SplitRender(pages(50), lambda page: os._exit(3))
    with pytest.raises(RenderError, match="dừng bất thường"):
        run_build(split, tmp_path, slow=0.001)


def test_abort_ends_the_fork(tmp_path):
    split = SplitRender(pages(10), lambda page: time.sleep(60))
    split.start()
    pid = split.pid
    split.abort()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)


def test_a_late_fork_leaves_the_first_pages_to_the_build_and_takes_the_back(tmp_path):
    """start(when=…): the build renders alone until the worker has made the search index
    (issue 17: both at once were the build's peak memory), then the fork takes the back."""
    todo, claimed = pages(120), []
    split = SplitRender(todo, lambda page: render(tmp_path, "fork", page, 0.001))
    split.start(when=lambda: len(claimed) >= 40)
    assert split.pid is None
    for page in split.pages:
        if split.mine(page):
            claimed.append(page.file.src_uri)
            render(tmp_path, "build", page, 0.002)
            if len(claimed) == 41:  # the fork has started: let it claim its first page, as a
                _fork_wrote(tmp_path)  # slower build would (under load the build took them all)
    split.join()
    written = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert sorted(written) == [p.file.src_uri for p in todo]
    assert all(written[f"p{n:03}.md"] == "build" for n in range(41))
    assert split.theirs and min(split.theirs) > "p040.md" and sorted(split.theirs) == sorted(
        name for name, who in written.items() if who == "fork")


def _fork_claimed(split: SplitRender, timeout: float = 30.0) -> None:
    """Wait until the fork has claimed a page from the back (its end of the shared list moved)."""
    deadline = time.monotonic() + timeout
    while split.pid is not None and split.ends.shared[1] == len(split.pages):
        if time.monotonic() > deadline:
            raise AssertionError("the fork claimed no page in 30 s")
        time.sleep(0.001)


def _fork_wrote(out, timeout: float = 30.0) -> None:
    """Wait until the fork has written a page (its renders write "fork")."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.read_text() == "fork" for p in out.iterdir() if p.stat().st_size):
            return
        time.sleep(0.005)
    raise AssertionError("the fork wrote no page in 30 s")


def test_a_fork_never_allowed_leaves_every_page_to_the_build(tmp_path):
    split = SplitRender(pages(30), lambda page: render(tmp_path, "fork", page))
    split.start(when=lambda: False)
    mine = [page for page in split.pages if split.mine(page)]
    split.join()
    assert len(mine) == 30 and split.pid is None and not split.theirs
