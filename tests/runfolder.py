"""The test run's shared folder (conftest.py makes it, BANTIN_TEST_RUN names it) and what one
process of the run makes there for all: the sample site, the wheel `make dist` builds."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

VARIABLE = "BANTIN_TEST_RUN"


def folder() -> Path | None:
    """The run's folder, or None outside `pytest` (a test module run some other way)."""
    run = os.environ.get(VARIABLE)
    return Path(run) if run else None


def once(place: Path, make) -> None:
    """`make()` done by one process of the run: the others wait for it (a lock on the folder)
    and find its mark. A `make` that fails leaves no mark: the next process tries again and
    fails the same way, reporting it too."""
    place.mkdir(parents=True, exist_ok=True)
    with open(place / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (place / ".done").exists():
            make()
            (place / ".done").write_text("")
