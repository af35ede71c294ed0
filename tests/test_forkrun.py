"""A command forked by tests/forkrun.py ends as a real process would: same output, same exit
code. Where they differ, a test of `bantin …` or `mkdocs build` could pass on a fork while
the real command, the one an editor runs, behaves otherwise."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

import forkrun

TESTS = Path(__file__).resolve().parent

ENDINGS = {
    # a thread left running: a real interpreter waits for it (and would hang on one that never
    # ends) before its atexit handlers; the fork went straight to os._exit and cut it
    "thread": "import threading, time\n"
              "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True))).start()\n"
              "print('main done', flush=True)",
    "atexit": "import atexit\natexit.register(print, 'at exit')\nprint('main')",
    "exit text": "import sys\nprint('out')\nsys.exit('thông báo lỗi')",
    "exit 300": "import sys\nsys.exit(300)",
    "traceback": "print('before')\nraise ValueError('hỏng')",
}


@pytest.mark.parametrize("apart", [False, True], ids=["together", "apart"])
@pytest.mark.parametrize("name", list(ENDINGS))
def test_a_fork_ends_as_a_real_process(tmp_path, monkeypatch, name, apart):
    """The fork's side must be a fork: with PYTHONPATH in its environment forkrun started a real
    process for both sides (session 57's review), and this test compared two real processes."""
    forks = []
    monkeypatch.setattr(forkrun, "_server", lambda server=forkrun._server: forks.append(1) or server())
    fork = forkrun.run("forkprobe", [ENDINGS[name]], tmp_path, dict(os.environ), apart=apart)
    assert forks, "the command was not forked"
    # the real process finds forkprobe through PYTHONPATH; the fork has tests/ on its path already
    real = forkrun.run("forkprobe", [ENDINGS[name]], tmp_path, {**os.environ, "PYTHONPATH": str(TESTS)},
                       fresh=True, apart=apart)
    assert len(forks) == 1
    for stream in ("stdout", "stderr") if apart else ("stdout",):
        if name == "traceback" and stream == ("stderr" if apart else "stdout"):
            # the fork's traceback shows forkrun's and runpy's frames above the module's: its
            # first line (and the output before it) and its last line are compared
            keep = (lambda lines: (lines[0], lines[-1])) if apart else _ends
            setattr(fork, stream, keep(getattr(fork, stream).splitlines()))
            setattr(real, stream, keep(getattr(real, stream).splitlines()))
        assert getattr(fork, stream) == getattr(real, stream), stream
    assert fork.returncode == real.returncode


def test_a_command_past_its_time_is_stopped_and_said_so(tmp_path):
    """As subprocess.run(timeout=…) does: a command that hangs fails the test, never the worker."""
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        forkrun.run("forkprobe", ["import time\ntime.sleep(60)"], tmp_path, dict(os.environ), timeout=1)
    assert time.monotonic() - started < 30


def _ends(lines: list[str]) -> tuple[str, str, str]:
    return lines[0], lines[1], lines[-1]
