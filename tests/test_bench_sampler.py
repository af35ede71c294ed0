"""scripts/bench.py's memory sampler (issue 17): it measures a build's peak PSS without
taking the build's CPU. Sampling every 0.25 s cost a third of a core at 100,000 articles."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_a_real_process_tree_is_measured(bench):
    """A parent and its child are both counted, and a cheap sample waits the minimum."""
    child = subprocess.Popen([sys.executable, "-c",
                              "import subprocess, sys, time; x = bytearray(50 << 20); "
                              "subprocess.run([sys.executable, '-c', 'import time; time.sleep(30)'])"],
                             start_new_session=True)
    try:
        time.sleep(1.5)
        sampler = bench.PssSampler(child.pid)
        pause = sampler.sample()
        rollup = Path(f"/proc/{child.pid}/smaps_rollup").read_text()
        parent_mb = int(rollup.split("Pss:")[1].split()[0]) / 1024
        assert parent_mb > 50  # its 50 MB, plus an interpreter
        assert sampler.peak_mb > parent_mb + 2  # and the sleeping grandchild's interpreter
        assert pause == bench.PssSampler.MIN_PAUSE
        assert sampler.figures(10.0) == {"samples": 1, "cpu_s": round(sampler.cpu_s, 2), "every_s": 10.0}
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the grandchild too
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
