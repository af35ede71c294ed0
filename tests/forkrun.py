"""`mkdocs …` and `bantin …` for the tests, forked from a process that has imported them once.

Why: the suite starts some 800 of these commands (session 48 counted them: fixture builds,
`bantin build`, `check`, `redirects`, `import`). Each new Python spent 0.4-0.5 s of CPU
importing MkDocs, Click, Material and our plugin before it read a file: about a third of the
suite's CPU on two cores. Here a process per test worker imports them once (multiprocessing's
fork server) and each command runs in a fork of it, as `python -m <module> <args>` would:
its own process, its own folder, environment, argv, stdout and stderr (together, in order, as
the tests read them), its exit code, and its atexit handlers run.

What a fork does not give, and so goes to a real process instead:
- an environment that changes a variable read when an interpreter starts (`AT_START`: PYTHON…,
  LANG, LANGUAGE, LC_…), which in a fork would be the fork server's. Other variables a test
  sets (CI, GITHUB_…, BANTIN_…, TZ) are read by our code and the engine when the command
  runs, and the fork has them: no preloaded module reads the environment when it is imported
  (checked in session 57 over the 516 modules PRELOAD brings: module level, class bodies,
  default arguments; Material's `NO_MKDOCS_2_WARNING` is read by `material.templates`, which a
  build imports in the fork). One writes it: `bantin.cli.commands` sets NO_MKDOCS_2_WARNING
  when imported, which a fork does not do again, so a forked `bantin` whose environment lacks
  it runs without it (every helper here sets it). Until session 57 any `env=` meant
  a real process importing MkDocs, Material and our plugin again (its profile saw some 280
  real `bantin` and `mkdocs` processes a run);
- a caller that asks for one (`fresh=True`): sitekit's byte-identical builds (`ENCODE`) are
  compared against real processes;
- `BANTIN_TEST_FRESH_PROCESSES=1` runs every command as a real process (to check that the
  forks hide nothing: the whole suite passes either way).
Python's hash seed is the fork server's for every fork; an order that depended on it would
show in real processes only (the commands the CLI tests and the kill tests start, the
server tests, the engines). Two more differences, left (session 57's review): a fork's
`sys.path` is the test process's (tests/, the repository), where `python -m` puts the
command's folder first; a warning raised while the preloaded modules were imported is not
raised again in a fork (none is today: checked with `-W module`).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

# What every command imports before it reads a file (python -X importtime, session 48); not the
# `__main__` modules, which runpy runs afresh in each fork.
PRELOAD = ["click", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.files",
           "material", "bantin.adapter.plugin", "bantin.cli.commands"]

_context = None


def run(module: str, args: list[str], cwd: Path | str, env: dict[str, str], *,
        fresh: bool = False, apart: bool = False, timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m module *args` in cwd with env, stdout and stderr together in `.stdout` (text),
    or each in its own (`.stdout`, `.stderr`) with `apart`; past `timeout` seconds the command
    is killed and subprocess.TimeoutExpired raised, as subprocess.run does.

    `fresh`, an environment that changes a variable read at start (`needs_new_interpreter`)
    or BANTIN_TEST_FRESH_PROCESSES set: a new process. Otherwise a fork of the preloaded server."""
    argv = [sys.executable, "-m", module, *args]
    if fresh or needs_new_interpreter(env) or os.environ.get("BANTIN_TEST_FRESH_PROCESSES"):
        return subprocess.run(argv, cwd=cwd, env=env, text=True, stdout=subprocess.PIPE, timeout=timeout,
                              stderr=subprocess.PIPE if apart else subprocess.STDOUT)
    outs = [_temporary() for _ in range(2 if apart else 1)]
    try:
        mask = os.umask(0o22)
        os.umask(mask)
        child = _server().Process(target=_child, args=(module, list(args), str(cwd), dict(env), mask, outs))
        child.start()
        child.join(timeout)
        if child.exitcode is None:  # still running past its time
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(argv, timeout, output=_text(outs[0]))
        texts = [_text(out) for out in outs]
    finally:
        for out in outs:
            os.unlink(out)
    return subprocess.CompletedProcess(argv, child.exitcode, *texts)


def _temporary() -> str:
    handle, path = tempfile.mkstemp(prefix="forkrun-", suffix=".txt")
    os.close(handle)
    return path


def _text(path: str) -> str:
    """A stream's bytes as `subprocess.run(text=True)` gives them: UTF-8, universal newlines."""
    return Path(path).read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


# Prefixes of the variables Python reads when it starts (PYTHONPATH, PYTHONHASHSEED, PYTHONUTF8,
# PYTHONIOENCODING …) or that set the locale and so the standard streams' encoding.
AT_START = ("PYTHON", "LANG", "LANGUAGE", "LC_")


def needs_new_interpreter(env: dict[str, str]) -> bool:
    """Whether `env` gives a variable read at interpreter start another value than this
    process has (set, changed or removed): a fork would keep this process's."""
    return any(name.startswith(AT_START) and env.get(name) != os.environ.get(name)
               for name in set(env) | set(os.environ))


def _server():
    """The fork server's context, preloading PRELOAD when it first starts (once per worker)."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _child(module: str, args: list[str], cwd: str, env: dict[str, str], mask: int, outs: list[str]) -> None:
    """In the fork: become `python -m module *args` writing to `outs` (stdout and stderr in one
    file, or one each), then exit with its code;
    the test's folder, environment and umask, as a process it started would inherit them.

    os._exit at the end, after what a real interpreter does at its end: wait for the threads
    left running (and run concurrent.futures' exit steps, threading._register_atexit), then
    the atexit handlers. Without the wait a fork cut a thread's last writes, and ended where
    the real command would hang on a thread that never ends (review, session 48). multiprocessing
    would otherwise run its own exit steps and print a "Process …" header above a traceback.
    The preloaded objects are frozen out of the garbage collector's walks, which would otherwise
    touch, and so copy, every page of them in each fork."""
    gc.freeze()
    sys.stdout.flush()
    sys.stderr.flush()
    for streams, out in zip(((1, 2),) if len(outs) == 1 else ((1,), (2,)), outs):
        fd = os.open(out, os.O_WRONLY | os.O_TRUNC)  # one open file for both: their order kept
        for stream in streams:
            os.dup2(fd, stream)
        os.close(fd)
    os.chdir(cwd)
    os.umask(mask)
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    sys.argv = [module, *args]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = _exit_code(stop.code)
    except BaseException:  # noqa: BLE001 (what an uncaught exception does to a real process)
        traceback.print_exc()
        code = 1
    try:
        threading._shutdown()  # as the interpreter does first at its end: waits for the threads
        atexit._run_exitfuncs()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _exit_code(code) -> int:
    """sys.exit's argument as the process's exit code, as the interpreter turns it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
