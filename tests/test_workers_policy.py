"""When a build forks (workers/policy.py): thresholds, BANTIN_JOBS, platforms without fork."""

from __future__ import annotations

import gc
import multiprocessing

import pytest

from bantin import problems
from bantin.workers import background, policy
from bantin.workers.splitrender import wanted


@pytest.fixture(autouse=True)
def no_jobs(monkeypatch):
    monkeypatch.delenv("BANTIN_JOBS", raising=False)


def test_each_fork_from_its_own_size(monkeypatch):
    monkeypatch.setattr(policy.os, "cpu_count", lambda: policy.SEARCH_CORES)
    assert not policy.background_worker(policy.WORKER_FROM - 1) and policy.background_worker(policy.WORKER_FROM)
    assert not policy.render_split(policy.RENDER_FROM - 1, False) and policy.render_split(policy.RENDER_FROM, False)
    assert not policy.read_split(policy.READ_FROM - 1) and policy.read_split(policy.READ_FROM)
    assert not policy.search_split(policy.SEARCH_FROM - 1) and policy.search_split(policy.SEARCH_FROM)
    assert (policy.WORKER_FROM, policy.RENDER_FROM, policy.READ_FROM, policy.SEARCH_FROM) == (300, 400, 2_000, 3_000)


def test_jobs_1_is_one_process_for_everything(monkeypatch):
    monkeypatch.setenv("BANTIN_JOBS", "1")
    monkeypatch.setattr(policy.os, "cpu_count", lambda: policy.SEARCH_CORES)  # cores are not why
    huge = 10 ** 6
    assert not any([policy.background_worker(huge), policy.render_split(huge, False),
                    policy.read_split(huge), policy.search_split(huge)])
    assert background.start(huge) is None


def test_jobs_2_forks_the_renderer_on_any_site_but_not_dirty(monkeypatch):
    monkeypatch.setenv("BANTIN_JOBS", "2")
    assert wanted(1, dirty=False)
    assert not wanted(10 ** 6, dirty=True)
    assert not policy.background_worker(1)  # the other forks keep their sizes


def test_no_fork_on_platforms_without_it(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(policy.os, "cpu_count", lambda: policy.SEARCH_CORES)  # cores are not why
    huge = 10 ** 6
    assert not any([policy.background_worker(huge), policy.render_split(huge, False),
                    policy.read_split(huge), policy.search_split(huge)])


def test_search_split_needs_a_core_of_its_own(monkeypatch):
    """Build process and background worker take two cores: the split wants a third."""
    monkeypatch.setattr(policy.os, "cpu_count", lambda: 2)
    assert not policy.search_split(10 ** 6)
    monkeypatch.setattr(policy.os, "cpu_count", lambda: 3)
    assert policy.search_split(10 ** 6)


def _echo(conn, value):
    conn.send(value * 2)
    conn.close()


def test_fork_process_runs_the_target_with_a_pipe():
    process, conn = background.fork_process(_echo, 21)
    assert conn.recv() == 42
    process.join(timeout=10)
    assert process.exitcode == 0


def _frozen(conn):
    conn.send(gc.get_freeze_count())
    conn.close()


def _pool_frozen():
    return gc.get_freeze_count()


def test_forks_leave_the_heap_they_inherit_out_of_garbage_collection():
    """Issue 17: a fork's full collections visited (and copied) the build's whole heap."""
    before = gc.get_freeze_count()
    process, conn = background.fork_process(_frozen)
    assert conn.recv() > before
    process.join(timeout=10)
    with background.fork_pool() as pool:
        assert pool.submit(_pool_frozen).result() > before
    assert gc.get_freeze_count() == before  # the build's own collector is left as it was


def _slow(seconds: float) -> int:
    import os
    import time
    time.sleep(seconds)
    return os.getpid()


def test_a_released_worker_ends_after_its_last_job():
    """Issue 17: the worker idled to the end of the build holding what its jobs touched."""
    import os
    import time
    pool = background.fork_pool()
    first, last = pool.submit(_slow, 0.2), pool.submit(_slow, 0.2)
    background.release(pool)
    pid = last.result(timeout=30)
    assert first.result() == pid  # both jobs ran and their results are collected
    for _ in range(100):  # the process exits once the queue is empty
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the released worker is still running")
    background.stop(pool)


def test_a_released_worker_is_still_killed_when_the_build_fails():
    pool = background.fork_pool()
    running = pool.submit(_slow, 60)
    background.release(pool)
    (process,) = pool.bantin_processes
    background.stop(pool, kill=True)  # a failed build: nothing more written into its folder
    assert not process.is_alive()
    with pytest.raises(Exception):
        running.result(timeout=10)


@pytest.mark.parametrize("value, means", [("", ""), ("1", "1"), ("2", "2"), (" 1", "1"), ("1 ", "1"), (" 2\n", "2")])
def test_jobs_accepts_1_and_2_with_spaces(monkeypatch, capsys, value, means):
    monkeypatch.setenv("BANTIN_JOBS", value)
    assert policy._jobs() == means
    assert policy.can_fork() is (means != "1" and "fork" in multiprocessing.get_all_start_methods())
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("value", ["abc", "-1", "0", "one", "3", "1,2", "１"])
def test_jobs_refuses_anything_else_once_in_vietnamese_and_keeps_the_default(monkeypatch, capsys, value):
    monkeypatch.setattr(problems, "_told_env", set())
    monkeypatch.setenv("BANTIN_JOBS", value)
    assert policy._jobs() == ""
    assert policy.background_worker(policy.WORKER_FROM) is ("fork" in multiprocessing.get_all_start_methods())
    assert not policy.render_split(1, False)  # not read as "2" either
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"BANTIN_JOBS={value!r}" in err and "chỉ nhận 1" in err
