"""The wheels of Bản tin's dependencies, kept on disk between runs of the clean-venv test.

tests/test_init.py installs the wheel `make dist` builds into an empty virtual environment,
as a province does. pip then fetched and resolved every dependency from the package index on
each run (47 wheels, 48 MB): about half of the test's CPU and most of its time waiting, for
what no commit changes. Here they are fetched once, by the clean environment's own pip (the
pip a province has, which resolves extras its own way: pyproject.toml's lxml note), into a
folder named after what the wheel asks for (its Requires-Dist lines and this Python), and the
test installs with `--no-index` from that folder and the new wheel only. A dependency the
wheel does not declare is still missing in the clean environment; a new pin makes a new folder.
Unpinned dependencies of dependencies are fetched again after MAX_AGE, so a new release of
one is met within days, as a province's CI would meet it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import runfolder

MAX_AGE = 7 * 24 * 3600  # seconds a folder is used before its dependencies are fetched again
DONE = "COMPLETE"  # written last: a folder without it was cut short and is fetched again


def cache_root() -> Path:
    """BANTIN_TEST_WHEELHOUSE, else the user's cache folder (pip's own cache is beside it)."""
    chosen = os.environ.get("BANTIN_TEST_WHEELHOUSE")
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bantin-tests" / "wheelhouse"


def requirements(wheel: Path) -> list[str]:
    """The wheel's Requires-Dist lines, as its METADATA holds them (what pip will install)."""
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(name).decode("utf-8")
    head = text.split("\n\n", 1)[0]  # the headers; the long description follows a blank line
    return sorted(line.split(":", 1)[1].strip() for line in head.splitlines() if line.startswith("Requires-Dist:"))


def folder_for(wheel: Path, root: Path | None = None) -> Path:
    """Where the dependencies of `wheel` are kept: named by its requirements and this Python."""
    key = "\n".join([*requirements(wheel), sys.implementation.cache_tag, sys.platform])
    return (root or cache_root()) / hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def fresh(folder: Path, now: float | None = None) -> bool:
    """Whether `folder` was filled completely, less than MAX_AGE ago."""
    done = folder / DONE
    return done.is_file() and (now if now is not None else time.time()) - done.stat().st_mtime < MAX_AGE


def wheelhouse(wheel: Path, python: Path, env: dict, root: Path | None = None) -> Path:
    """The folder of `wheel`'s dependencies (not the wheel itself), fetched by `python -m pip
    download` when missing or old; filled in a folder beside it, then moved into place."""
    folder = folder_for(wheel, root)
    if fresh(folder):
        return folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable home (a CI user without one): this machine's temporary folder
        folder = folder_for(wheel, Path(tempfile.gettempdir()) / "bantin-tests-wheelhouse")
        if fresh(folder):
            return folder
        folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".filling-") as filling:
        done = subprocess.run([str(python), "-m", "pip", "download", "-q", "-d", filling,
                               "--find-links", str(wheel.parent), f"bantin=={_version(wheel)}"],
                              env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            raise AssertionError(f"pip download of the dependencies failed:\n{done.stdout}")
        for ours in Path(filling).glob("bantin-*.whl"):  # the package comes from the new wheel only
            ours.unlink()
        (Path(filling) / DONE).write_text("\n".join(requirements(wheel)) + "\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(filling, folder)
        except OSError:  # another run (a second clone's suite) filled it meanwhile
            if not fresh(folder):
                raise
        else:
            Path(filling).mkdir()  # TemporaryDirectory removes what it made
    return folder


def _version(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def project_dist(fallback: Path, env: dict) -> Path:
    """The folder holding the wheel `make dist` builds of this checkout (scripts/dist.py), built
    once a run in the run's folder (tests/runfolder.py) for the tests that install or unpack it
    (test_init, test_sitedocs): each built its own, some 10 s of CPU. Outside a run, in
    `fallback`. The tests only read it: an installation copies the wheel, `init` too."""
    run = runfolder.folder()
    dist = run / "dist" if run else fallback

    def make() -> None:
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "scripts" / "dist.py"),
                        str(dist)], check=True, env=env, cwd=dist.parent, stdout=subprocess.DEVNULL)

    if run:
        runfolder.once(dist, make)
    else:
        dist.mkdir(parents=True, exist_ok=True)
        make()
    return dist
