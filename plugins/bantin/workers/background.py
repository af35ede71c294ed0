"""A second core for work that needs no rendered page: QR codes and the search index.

The build machine has two cores and MkDocs renders on one. Work whose inputs are known
once the corpus is (every URL that gets a QR code, every search document) goes to one
forked worker process at `on_files` and is collected at `on_post_build`. Without fork
(Windows) or on small sites it simply runs in the build process (policy.py decides).

Every process a build forks starts here (`fork_pool`, `fork_process`) or in splitrender,
and first arranges to end with the build and to leave the heap it inherited alone (`settle`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

from bantin.workers import policy

_SHARED: dict[str, Any] = {}  # set before the worker forks: it inherits them, nothing is pickled
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int | None = None) -> None:
    """First call in every forked process of a build: end with the build.

    A forked worker keeps its own copy of the task pipe, so when a build is killed it
    would otherwise wait for work forever. The kernel sends SIGTERM when the parent dies
    (Linux); the signal handlers the build installed (cli.atomic_build removes its staging
    folder on SIGTERM) are reset, so the fork dies at once and never deletes anything.
    `parent` is the build's pid taken before the fork: if it is already gone, exit now.
    """
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: nothing to arrange
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect (the build may itself be pid 1)


def settle(parent: int | None = None) -> None:
    """First call in every forked process of a build: end with the build (`die_with_parent`)
    and keep the garbage collector off the objects inherited from the build (gc.freeze).

    A fork shares the build's heap (the corpus: 1.5 million tracked objects at 50,000
    articles) until it writes to it. A full collection visits every tracked object and
    writes to its header, so in a fork it copies the inherited heap page by page (seconds of
    page faults on a loaded machine) and costs more the larger the site (issue 17). What the
    fork inherited is alive in the build, so it is garbage in the fork only if it was already
    garbage at the fork; the fork keeps it until it ends.
    """
    die_with_parent(parent)
    gc.freeze()


def fork_pool() -> ProcessPoolExecutor:
    """One forked worker that ends with the build."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=settle, initargs=(os.getpid(),))


def fork_process(target: Callable, *args: Any):
    """`target(conn, *args)` in a forked process that ends with the build: (process, this
    end of the pipe `conn`), or None when it cannot start (a daemonic process, say the
    background worker on some Pythons, may not have children). Fork, not spawn: spawn
    re-runs the caller's main module, which a script without a `__main__` guard cannot survive."""
    context = multiprocessing.get_context("fork")
    conn, child_conn = context.Pipe()
    try:
        process = context.Process(target=_forked, daemon=True, args=(os.getpid(), target, child_conn, *args))
        process.start()
    except (OSError, AssertionError):
        return None
    child_conn.close()
    return process, conn


def _forked(parent: int, target: Callable, *args: Any) -> None:
    settle(parent)
    target(*args)


def start(items: int, **shared: Any) -> ProcessPoolExecutor | None:
    """The worker for a corpus of `items`, or None; `shared` objects are what its jobs read
    through `shared()`: the worker forks at the first job and inherits them."""
    _SHARED.clear()
    _SHARED.update(shared)
    if not policy.background_worker(items):
        return None
    return fork_pool()


def shared(name: str) -> Any:
    """An object given to `start`, in the worker as in the build."""
    return _SHARED[name]


class JobFailed(Exception):
    """A job of the build's second core failed: a bug in it, or the worker process died
    (BrokenProcessPool, EOFError). The message says, in Vietnamese, what could not be made
    and what to try; the build stops on it without a traceback (adapter, cli)."""


def failure(what: str, error: BaseException, forked: bool) -> JobFailed:
    """The build's message for `error`, raised while making `what` ("chỉ mục tìm kiếm")."""
    if isinstance(error, (BrokenProcessPool, EOFError)):
        reason = "tiến trình phụ làm việc này dừng bất thường (có thể do thiếu bộ nhớ hoặc bị tắt)"
    else:
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    hint = ("Hãy dựng lại; nếu lỗi lặp lại, dựng với BANTIN_JOBS=1 để làm mọi việc trong một tiến trình "
            "và báo lỗi kèm thông báo này." if forked else "Hãy dựng lại; nếu lỗi lặp lại, báo lỗi kèm thông báo này.")
    return JobFailed(f"Không tạo được {what}: {reason}. {hint}")


def wait(future: Future, what: str) -> Any:
    """`future.result()` of a job sent to the worker, its failure as `JobFailed`."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - any failure of the job stops the build, in words
        raise failure(what, error, forked=True) from error


class Job:
    """A call made in the worker when there is one, else when its result is first asked for;
    either way a failure is `JobFailed` naming `what` the job makes."""

    def __init__(self, worker: ProcessPoolExecutor | None, fn: Callable, *args: Any, what: str = "việc chạy nền"):
        self.future: Future | None = worker.submit(fn, *args) if worker is not None else None
        self.call = (fn, args)
        self.what = what

    def result(self) -> Any:
        if self.future is None:
            fn, args = self.call
            self.future = Future()
            try:
                self.future.set_result(fn(*args))
            except Exception as error:  # noqa: BLE001
                self.future = None
                raise failure(self.what, error, forked=False) from error
        return wait(self.future, self.what)

    def done(self) -> bool:
        """Whether the job is off the worker: made, failed, or to be made here when asked."""
        return self.future is None or self.future.done()


def release(worker: ProcessPoolExecutor | None) -> None:
    """Every job is submitted: the worker process ends once they are done, instead of
    idling to the end of the build with all it touched (issue 17: at 100,000 articles the
    search index left it 2.2 GB, held through the render). Results stay collectable, and
    `stop(kill=True)` still finds the process to kill."""
    if worker is None:
        return
    worker.bantin_processes = _processes(worker)  # shutdown forgets them
    worker.shutdown(wait=False)


def _processes(worker: ProcessPoolExecutor) -> list:
    """The worker's processes, as the executor holds them before its shutdown."""
    return list((getattr(worker, "_processes", None) or {}).values())


def stop(worker: ProcessPoolExecutor | None, kill: bool = False) -> None:
    """Let the worker go; `kill` (a failed or interrupted build) ends it now, so it writes
    nothing more into a folder that is about to be deleted."""
    if worker is None:
        return
    processes = (getattr(worker, "bantin_processes", None) or _processes(worker)) if kill else []
    worker.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
        process.join(timeout=5)
        _settled(process)


def _settled(process, timeout: float = 5.0) -> None:
    """`join` may return, the child gone, while the executor's own thread is reaping it: the
    exit code lands on the process a moment later, and until then it still looks alive
    (1 run in 5 of the kill test). Wait for that, so the caller sees it ended."""
    deadline = time.monotonic() + timeout
    while process.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
