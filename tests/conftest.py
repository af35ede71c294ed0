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


def pytest_configure(config):
    """One picture-variant cache for the whole run (site/imagecache.py): the suite builds the
    sample site and its photos a dozen times, and each build encoded every photo again (about
    40 % of a build's CPU). Made by the first process (xdist's controller, before it starts its
    workers) in the environment that workers and every build they start inherit; removed at the
    end. A fresh folder each run: no variant of another run's code is ever served (the cache's
    key also holds the code's text). Already set (a folder, or empty for none) it is kept.
    The byte-identical tests build one side with `BANTIN_IMAGE_CACHE=""` (tests/sitekit.py
    `ENCODE`): they still compare two real encodings."""
    if _IMAGE_CACHE in os.environ or hasattr(config, "workerinput"):
        return
    import tempfile

    folder = tempfile.mkdtemp(prefix="bantin-test-images-")
    os.environ[_IMAGE_CACHE] = folder
    config._bantin_image_cache = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_bantin_image_cache", None)
    if folder:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(_IMAGE_CACHE, None)


@pytest.fixture(scope="session")
def sample_sites(tmp_path_factory):
    """(site/, site-offline/ban-tin/) of the repository's sample content, as `make site` and `make offline`
    build them: the offline one is the site inside the copy, its start file one folder up."""
    base = tmp_path_factory.mktemp("sample")
    return build_sample(base / "site"), build_sample(base / "site-offline", offline=True)


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
