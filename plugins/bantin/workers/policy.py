"""When a build forks: every fork's decision in one place (issue 13).

A build forks for four jobs. A fork has a fixed price (the fork itself, copy-on-write page
faults as both processes touch the corpus, a pipe, pickling what comes back) and saves a
share of work that grows with the site; below some size one process is faster. Each job
pays its price at a different moment and saves a different amount, so each has its own
threshold. They are the values each fork came with (commits b962a8a, cb7be2e, 4ed77af):
those commits measured the gain on large sites, not the break-even, and the numbers were
not measured again when they were gathered here; `scripts/bench.py` is how to change one.

- `WORKER_FROM` = 300 content items: the background worker (`background.start`) makes QR
  codes, related lists and the search index while the build converts and renders pages.
  It overlaps with the whole build, so it repays its fork on the smallest sites.
- `RENDER_FROM` = 400 pages: the second page renderer (`splitrender`). It forks after
  every page is converted (the build's largest heap) and fills Material's template caches
  a second time, so it needs enough pages to share (2,000 articles: 17.5 s → 14.0 s).
- `READ_FROM` = 2,000 content files: half of content/ parsed and checked in a fork
  (`site.corpus`). A file takes well under a millisecond and every item travels back
  pickled, so the gain shows on large sites only (10,000 articles: reading ~10 s → 5.6 s).
- `SEARCH_FROM` = 3,000 search documents: half the postings of the search index in a fork
  (`search.writer`), from inside the background worker, whose work already overlaps with
  rendering: a shorter index build shortens the whole build only on large sites. And only
  with `SEARCH_CORES` = 3 cores: the build process converts and renders pages on one core
  while the worker makes the index on the other, so on two cores a third process has no
  core of its own. It then only held a second copy of the index's working set: at 100,000
  articles 1.8 GB beside the worker's 1.8 GB, the build's peak (issue 17), for an index
  made 7 s sooner alone on an idle machine (87 s in two processes, 94 s in one) and no
  sooner inside a build, whose other core is busy (521.8 s with it, 515.5 s without).

Where nothing forks: a platform without `fork` (Windows: `spawn` would re-run the caller's
main module), `BANTIN_JOBS=1` (the whole build in one process, as the README says), and for
the search postings a machine with fewer than `SEARCH_CORES` cores. The renderer also
stays in the build process with `--dirty`; `BANTIN_JOBS=2` forks it on any site, so that
tests exercise it.
"""

from __future__ import annotations

import multiprocessing
import os

from bantin.problems import env_choice

WORKER_FROM = 300  # content items: background worker (QR codes, related lists, search index)
RENDER_FROM = 400  # pages: the second page renderer
READ_FROM = 2_000  # content files: half of content/ read in a fork
SEARCH_FROM = 3_000  # search documents: half the postings in a fork
SEARCH_CORES = 3  # cores: with two, the build renders on one and the worker indexes on the other
JOBS = "BANTIN_JOBS"  # "1": never fork; "2": fork the renderer at any size


JOBS_VALUES = ("", "1", "2")


def _jobs() -> str:
    """BANTIN_JOBS: "", "1" or "2"; anything else ("abc", "0", "-1", "one") is reported once
    and read as unset (problems.env_choice)."""
    return env_choice(JOBS, JOBS_VALUES, "biến này chỉ nhận 1 (dựng trong một tiến trình) hoặc 2 "
                                         "(luôn dựng trang trên hai tiến trình)")


def can_fork() -> bool:
    """This platform forks and the build may use more than one process."""
    return "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork") and _jobs() != "1"


def background_worker(items: int) -> bool:
    """Fork the background worker for a corpus of `items`."""
    return items >= WORKER_FROM and can_fork()


def render_split(pages: int, dirty: bool) -> bool:
    """Fork a second page renderer for `pages` pages; `dirty` builds render few pages."""
    if dirty or not can_fork():
        return False
    return _jobs() == "2" or pages >= RENDER_FROM


def read_split(files: int) -> bool:
    """Read half of `files` content files in a fork."""
    return files >= READ_FROM and can_fork()


def search_split(docs: int) -> bool:
    """Compute half the postings of `docs` search documents in a fork."""
    return docs >= SEARCH_FROM and (os.cpu_count() or 1) >= SEARCH_CORES and can_fork()
