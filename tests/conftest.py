"""Shared fixtures: the sample site built once per test run, served on 127.0.0.1, and Chromium."""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No property test is timed: Hypothesis' default deadline (200 ms an example) failed a path
# test on a loaded machine (259 ms) that takes 20 ms when idle. Speed is the benchmark's
# (scripts/bench.py); a test's own linearity checks say what they measure.
settings.register_profile("bantin", deadline=None)
settings.load_profile("bantin")

sys.path.insert(0, str(Path(__file__).resolve().parent))

# In CI (`CI` set) `bantin build` publishes and refuses the placeholder address of the fixture
# sites and the sample (https://bantin.example.org/, config/siteurl.py); the suite's builds are
# not publishing builds. Tests about CI set `CI` themselves. What CI also means for the suite,
# that optional engines and servers must run rather than be skipped, stays:
# BANTIN_REQUIRE_ENGINES is what test_engines.py and test_hosting.py read.
if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
    os.environ.setdefault("BANTIN_REQUIRE_ENGINES", "1")
    del os.environ["CI"]

from browser import build_sample, launch, serve  # noqa: E402

_IMAGE_CACHE = "BANTIN_IMAGE_CACHE"
_RUN = "BANTIN_TEST_RUN"  # this run's shared folder: the picture cache and the sample site


def pytest_configure(config):
    """A folder for the whole run, made by its first process (xdist's controller, before it
    starts its workers) in the environment that workers and every build they start inherit,
    and removed at the end. It holds:
    - the picture-variant cache (site/imagecache.py), unless BANTIN_IMAGE_CACHE is already set
      (a folder, or empty for none): the suite builds the sample site and its photos a dozen
      times, and each build encoded every photo again (about 40 % of a build's CPU). A fresh
      folder each run, so no variant of another run's code is served (the key also holds the
      code's text). The byte-identical tests build one side with `BANTIN_IMAGE_CACHE=""`
      (tests/sitekit.py `ENCODE`): they still compare two real encodings;
    - the sample site (`sample_sites`), built by whichever worker asks first, for all."""
    if hasattr(config, "workerinput"):
        return
    import tempfile

    run = Path(tempfile.mkdtemp(prefix="bantin-test-run-"))
    os.environ[_RUN] = str(run)
    os.environ.setdefault(_IMAGE_CACHE, str(run / "images"))
    config._bantin_run = run


def pytest_unconfigure(config):
    run = getattr(config, "_bantin_run", None)
    if run is not None:
        import shutil

        shutil.rmtree(run, ignore_errors=True)
        if os.environ.get(_IMAGE_CACHE) == str(run / "images"):
            del os.environ[_IMAGE_CACHE]
        os.environ.pop(_RUN, None)


def _once(folder: Path, make) -> None:
    """`make()` done by one process of the run: the others wait for it (a lock on the folder)
    and find its mark. A `make` that fails leaves no mark: the next process tries again and
    fails the same way, reporting it too."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".done").exists():
            make()
            (folder / ".done").write_text("")


@pytest.fixture(scope="session")
def sample_sites(tmp_path_factory):
    """(site/, site-offline/ban-tin/) of the repository's sample content, as `make site` and `make offline`
    build them: the offline one is the site inside the copy, its start file one folder up.
    Built once a run, by the first worker that asks, in the run's folder (each worker built its
    own: two builds of each flavour a run); tests only read it."""
    run = os.environ.get(_RUN)
    base = Path(run) / "sample" if run else tmp_path_factory.mktemp("sample")
    sites = base / "site", base / "site-offline" / "ban-tin"
    _once(base, lambda: (build_sample(base / "site"), build_sample(base / "site-offline", offline=True)))
    assert sites[0].is_dir() and sites[1].is_dir()
    return sites


@pytest.fixture(scope="session")
def sample_server(sample_sites):
    url, stop = serve(sample_sites[0])
    yield url
    stop()


@pytest.fixture(scope="session")
def chromium():
    api = pytest.importorskip("playwright.sync_api")
    with api.sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh Vietnamese browser context; any script error on the page fails the test."""
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors
