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
def page(request, chromium):
    """A fresh Vietnamese browser context; any script error on the page fails the test.
    A test marked `shared_context` gets instead a new tab in its module's one context
    (`reading_context`), with nothing of the last test's in it but the HTTP cache."""
    if request.node.get_closest_marker("shared_context"):
        yield from _shared_tab(request.getfixturevalue("reading_context"))
        return
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors


@pytest.fixture(scope="module")
def reading_context(chromium):
    """One Vietnamese browser context for a module's tests that read pages: `page` opens
    each test's tab in it. What is kept across tests is the HTTP cache only: Material's bundle,
    stylesheet and our scripts are then revalidated (304) or taken from the cache with their
    compiled code, not fetched and compiled again as in a new context (a page of the sample site
    loaded in 1.12-1.62 s in a new context, 0.86-1.06 s in a shared one: session 41's probe).
    Its tests are marked `shared_context` (`page` then opens its tab here). Such a test reads
    only sites that keep their content at an address for the module's life (the sample site,
    the module's own fixtures', files): a server a test starts for itself frees its port for
    another test's server, whose different file at the same address the cache could answer
    with the first one's."""
    context = chromium.new_context(locale="vi-VN")
    yield context
    context.close()


def _shared_tab(context):
    """A new tab in the module's shared context, as `page` but for the HTTP cache; any script
    error on the page fails the test. After the test what it left is forgotten (`SharedTabs`).
    Not for a test that counts or times requests, or a first visit: a warm cache answers some
    of them itself, without a request (docs/decisions.md, session 41)."""
    tabs = SharedTabs(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        tabs.stop()
    assert not errors


class SharedTabs:
    """A test's use of a shared browser context, so that `close()` leaves the context as a new
    one but for its HTTP cache, as closing a context of one's own did: every tab closed (a
    tab's sessionStorage, history, emulated media, viewport size, init scripts and routes go
    with it), and what the context keeps forgotten (`forget_stored_state`) for every origin
    the test's tabs asked since `SharedTabs` was made. `stop()` also stops recording."""

    def __init__(self, context):
        self.context, self.origins = context, set()
        context.on("request", self._asked)

    def _asked(self, request) -> None:
        self.origins.add(request_origin(request.url))

    def close(self) -> None:
        forget_stored_state(self.context, self.origins)

    def stop(self) -> None:
        self.context.remove_listener("request", self._asked)
        self.close()


def request_origin(url: str) -> str:
    """The origin whose storage a request's page may have written: `scheme://host[:port]`, and
    `file://` for every file (Chromium gives all file pages one storage)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def forget_stored_state(context, origins) -> None:
    """Close every tab of `context`, then clear, for each origin, what a site may keep
    (localStorage with the text size and contrast, IndexedDB, Cache Storage, service workers,
    cookies: DevTools' `Storage.clearDataForOrigin` "all", which keeps the HTTP cache), and
    withdraw every permission granted (the clipboard). The next test starts as in a new context
    but for the HTTP cache."""
    for left in context.pages:
        left.close()
    context.clear_cookies()
    context.clear_permissions()
    blank = context.new_page()
    try:
        devtools = context.new_cdp_session(blank)
        for origin in sorted(o for o in origins if o):
            devtools.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        devtools.detach()
    finally:
        blank.close()
