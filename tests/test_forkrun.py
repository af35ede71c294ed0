"""A command forked by tests/forkrun.py ends as a real process would: same output, same exit
code. Where they differ, a test of `bantin …` or `mkdocs build` could pass on a fork while
the real command, the one an editor runs, behaves otherwise."""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("name", list(ENDINGS))
def test_a_fork_ends_as_a_real_process(tmp_path, name):
    env = {**os.environ, "PYTHONPATH": str(TESTS)}  # the real process finds forkprobe there
    fork = forkrun.run("forkprobe", [ENDINGS[name]], tmp_path, env)
    real = forkrun.run("forkprobe", [ENDINGS[name]], tmp_path, env, fresh=True)
    if name == "traceback":  # the fork's shows runpy's frames above the module's: not compared
        fork.stdout, real.stdout = (_ends(fork.stdout), _ends(real.stdout))
    assert (fork.returncode, fork.stdout) == (real.returncode, real.stdout)


def _ends(text: str) -> tuple[str, str, str]:
    lines = text.splitlines()
    return lines[0], lines[1], lines[-1]
