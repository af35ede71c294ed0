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

import runfolder  # noqa: E402
from browser import build_sample, launch, serve  # noqa: E402
# The web editor's fixtures, for its three browser test files (one `bantin edit` a file):
from webeditor_kit import admin, editing, editor_tab, fresh_admin, fresh_tabs  # noqa: E402, F401

_IMAGE_CACHE = "BANTIN_IMAGE_CACHE"
_TEMPLATE_CACHE = "BANTIN_TEMPLATE_CACHE"
_RUN = runfolder.VARIABLE  # this run's shared folder: the picture cache, the sample site, the wheel


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
    - the templates compiled by Jinja (adapter/templatecode.py), unless BANTIN_TEMPLATE_CACHE
      is already set: each build is a new process that compiled some 40 templates again, a
      third of a small fixture site's build;
    - the sample site (`sample_sites`), built by whichever worker asks first, for all;
    - the wheel `make dist` builds (tests/wheelhouse.py `project_dist`), likewise.
    It also compiles our Python code once (`_compile_sources`)."""
    if hasattr(config, "workerinput"):
        return
    import tempfile

    run = Path(tempfile.mkdtemp(prefix="bantin-test-run-"))
    os.environ[_RUN] = str(run)
    os.environ.setdefault(_IMAGE_CACHE, str(run / "images"))
    os.environ.setdefault(_TEMPLATE_CACHE, str(run / "templates"))
    config._bantin_run = run
    _compile_sources()


def _compile_sources() -> None:
    """Our modules' bytecode written beside them, once, for every process the suite starts.
    Where PYTHONDONTWRITEBYTECODE is set (as on this project's machines), Python never
    writes it, so each `bantin`/`mkdocs` process of a test compiled our ~250 modules from source
    again (0.2 s of each fixture build); compileall writes it whatever the variable says, and
    Python reads it as usual. Packages pip installed are compiled at install."""
    import compileall

    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(str(root / "plugins" / "bantin"), quiet=1, workers=0)


def pytest_unconfigure(config):
    run = getattr(config, "_bantin_run", None)
    if run is not None:
        import shutil

        shutil.rmtree(run, ignore_errors=True)
        if os.environ.get(_IMAGE_CACHE) == str(run / "images"):
            del os.environ[_IMAGE_CACHE]
        if os.environ.get(_TEMPLATE_CACHE) == str(run / "templates"):
            del os.environ[_TEMPLATE_CACHE]
        os.environ.pop(_RUN, None)


@pytest.fixture(scope="session")
def sample_sites(tmp_path_factory):
    """(site/, site-offline/ban-tin/) of the repository's sample content, as `make site` and `make offline`
    build them: the offline one is the site inside the copy, its start file one folder up.
    Built once a run, by the first worker that asks, in the run's folder (each worker built its
    own: two builds of each flavour a run); tests only read it."""
    run = runfolder.folder()
    base = run / "sample" if run else tmp_path_factory.mktemp("sample")
    sites = base / "site", base / "site-offline" / "ban-tin"
    runfolder.once(base, lambda: (build_sample(base / "site"), build_sample(base / "site-offline", offline=True)))
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
    A test marked `shared_context` gets instead its module's one tab (`reading_tab`), emptied
    of the last test's state; marked `shared_context(cache=False)`, the module's tab that never
    answers from a cache (`cold_tab`), for a test that counts or reads its page's requests."""
    marker = request.node.get_closest_marker("shared_context")
    if marker:
        tab = request.getfixturevalue("cold_tab" if marker.kwargs.get("cache") is False else "reading_tab")
        page, errors = tab.open()
        try:
            yield page
        finally:
            tab.reset()
        assert not errors
        return
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors


@pytest.fixture(scope="module")
def reading_tab(chromium):
    """One Vietnamese tab for a module's tests that read pages (marked `shared_context`).
    A new context and tab per test cost 0.78 s a test against 0.22 s in a kept tab, and
    0.42 s of CPU against 0.17 s (session 41's probe, 20 loads of the sample site at load 16-19):
    Chromium starts a renderer process for every new tab, and a kept tab also keeps the HTTP
    and memory caches, so Material's bundle is not fetched and compiled again. What a kept
    tab carries from test to test is undone by `SharedTab.reset`; what it cannot undo decides
    which tests may share it (see SharedTab). Such a test reads only sites that keep their
    content at an address for the module's life (the sample site, the module's own fixtures',
    files): a server a test starts for itself frees its port for another test's server, whose
    different file at the same address the cache could answer with the first one's."""
    context = chromium.new_context(locale="vi-VN")
    tab = SharedTab(context)
    yield tab
    tab.stop()
    context.close()


@pytest.fixture(scope="module")
def cold_tab(chromium):
    """One Vietnamese tab for a module's tests that count or read a page's requests (marked
    `shared_context(cache=False)`): a kept cache answers some requests without one, so these
    tests took a new context each, 0.4-0.5 s more a test for the new tab's renderer (session
    47's probe, 20 loads). This tab loads every page with DevTools' cache disabled (the
    DevTools "Disable cache" box: neither the HTTP nor the memory cache answers), so each load
    asks for what a first visit asks for: the probe saw the same requests, page for page, as a
    new context, on the first and on a second round of the same 20 pages. Emptied after each
    test as `reading_tab` is."""
    context = chromium.new_context(locale="vi-VN")
    tab = SharedTab(context, cache=False)
    yield tab
    tab.stop()
    context.close()


class SharedTab:
    """A tab kept across tests, and what `reset()` undoes after each so that the next test
    starts as in a new context but for the caches: its listeners (recorded as the test adds
    them), routes, emulated media, viewport size and mouse position; every other tab the test
    opened; cookies and permissions; and the storage of every origin the context asked since
    the last reset (localStorage with the text size and contrast, IndexedDB, caches, service
    workers: DevTools' `Storage.clearDataForOrigin` "all", which keeps the HTTP cache), and the
    tab's sessionStorage (cleared on each origin it visited). A crashed or closed tab is
    replaced. What it cannot undo: `add_init_script` (a test that needs one takes a fresh
    context) and the tab's history before the test (no test goes back past its own pages).
    With `cache=False` the kept tab loads with the cache disabled (`_without_cache`); another
    tab a test opens in its context does not (no such test counts requests)."""

    def __init__(self, context, cache: bool = True):
        self.context, self.page, self.origins, self.added, self.cache = context, None, set(), [], cache
        context.on("request", self._asked)

    def _asked(self, request) -> None:
        self.origins.add(request_origin(request.url))

    def open(self):
        """The tab, on about:blank, and the list its script errors go to until `reset()`."""
        if self.page is None or self.page.is_closed():
            self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
            self.viewport = self.page.viewport_size
            if not self.cache:
                _without_cache(self.page)
        page, added = self.page, self.added

        def on(event, handler):
            added.append((event, handler))
            return type(page).on(page, event, handler)

        page.on = on
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page, errors

    def reset(self) -> None:
        page = self.page
        page.__dict__.pop("on", None)
        for event, handler in self.added:
            page.remove_listener(event, handler)
        self.added.clear()
        for other in self.context.pages:
            if other is not page:
                other.close()
        try:
            page.goto("about:blank")
            page.unroute_all(behavior="ignoreErrors")
            page.emulate_media(media="no-override")
            page.set_viewport_size(self.viewport)
            page.mouse.move(0, 0)
        except Exception:  # a crashed tab: a new one for the next test
            page.close()
            self.page = None
        forget_stored_state(self.context, self.origins)
        self.origins = set()

    def stop(self) -> None:
        self.context.remove_listener("request", self._asked)


def _without_cache(page) -> None:
    """`page` never answered from a cache, as long as it lives: DevTools' `Network.setCacheDisabled`
    holds for the session that sent it, which stays attached (and the network domain enabled,
    which it needs) until the tab closes."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})


def request_origin(url: str) -> str:
    """The origin whose storage a request's page may have written: `scheme://host[:port]`, and
    `file://` for every file (Chromium gives all file pages one storage)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def forget_stored_state(context, origins) -> None:
    """Clear, for each origin, what a site may keep (localStorage, sessionStorage, IndexedDB,
    Cache Storage, service workers, cookies: DevTools' `Storage.clearDataForOrigin` "all",
    which keeps the HTTP cache), and withdraw every permission granted (the clipboard)."""
    context.clear_cookies()
    context.clear_permissions()
    page = context.pages[0] if context.pages else context.new_page()
    devtools = context.new_cdp_session(page)
    try:
        for origin in sorted(o for o in origins if o):
            devtools.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    finally:
        devtools.detach()
