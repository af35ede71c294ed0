"""scripts/bench.py's memory sampler (issue 17): it measures a build's peak PSS without
taking the build's CPU. Sampling every 0.25 s cost a third of a core at 100,000 articles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitekit import ROOT, script_module


@pytest.fixture(scope="module")
def bench():
    return script_module("bench")


def _descendants(pid: int) -> int:
    """How many processes have `pid` as their parent (Linux /proc)."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            count += int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid
        except (OSError, ValueError, IndexError):
            continue
    return count


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_a_real_process_tree_is_measured(bench):
    """A parent and its child are both counted; the pause follows the sample's cost."""
    child = subprocess.Popen([sys.executable, "-c",
                              "import subprocess, sys, time; x = bytearray(50 << 20); "
                              "subprocess.run([sys.executable, '-c', 'import time; time.sleep(60)'])"],
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while _descendants(child.pid) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the grandchild's interpreter up
        sampler = bench.PssSampler(child.pid)
        pause = sampler.sample()
        rollup = Path(f"/proc/{child.pid}/smaps_rollup").read_text()
        parent_mb = int(rollup.split("Pss:")[1].split()[0]) / 1024
        assert parent_mb > 50  # its 50 MB (bytearray zero-fills them), plus an interpreter
        assert sampler.peak_mb > parent_mb + 2  # and the sleeping grandchild's interpreter
        assert pause == min(bench.PssSampler.MAX_PAUSE,
                            max(bench.PssSampler.MIN_PAUSE, sampler.cpu_s / bench.PssSampler.SHARE))
        assert sampler.figures()["samples"] == 1
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # the grandchild too
        except ProcessLookupError:
            pass
        child.wait()


def test_an_expensive_sample_waits_in_proportion(bench, monkeypatch):
    """A sample that costs c seconds of CPU is followed by c / SHARE seconds of rest, so the
    sampler never takes more than SHARE of a core from the build it measures."""
    def costly(pid: int) -> float:
        end = time.process_time() + 0.05
        while time.process_time() < end:
            pass
        return 1234.0

    monkeypatch.setattr(bench, "tree_pss_mb", costly)
    sampler = bench.PssSampler(1)
    pause = sampler.sample()
    assert sampler.peak_mb == 1234.0
    assert sampler.cpu_s >= 0.05
    assert pause == pytest.approx(sampler.cpu_s / bench.PssSampler.SHARE)
    assert pause >= 1.0  # 0.05 s of CPU at 5 %: the old fixed 0.25 s would have taken 20 %


def test_a_freak_sample_does_not_blind_the_sampler(bench, monkeypatch):
    """However long one sample took, the next comes within MAX_PAUSE: a peak is not missed."""
    monkeypatch.setattr(bench.time, "process_time", iter([0.0, 30.0]).__next__)
    monkeypatch.setattr(bench, "tree_pss_mb", lambda pid: 1.0)
    assert bench.PssSampler(1).sample() == bench.PssSampler.MAX_PAUSE
