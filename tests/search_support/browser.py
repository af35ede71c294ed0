"""Playwright helpers for the search interface (used by test_search_browser.py, reusable on the real site)."""

from __future__ import annotations

RESULT_LINKS = "[data-bantin-results] .bantin-search-result__title a"
SEARCH_SCRIPTS = ("/bantin-search.js", "/lunr.min.js")


def wait_results(page, timeout: float = 10_000) -> None:
    """Wait until the search page has finished a query (results or a no-result message)."""
    page.wait_for_function(
        """() => { const r = document.querySelector('[data-bantin-search=page]');
                   const s = r && r.querySelector('[data-bantin-status]');
                   return r && !r.hasAttribute('aria-busy') && s && s.textContent
                          && !s.textContent.startsWith('Đang tải'); }""",
        timeout=timeout)


def search_files_arrived(page, timeout: float = 10_000) -> None:
    """Wait until every search file the page asked for has arrived and been used. The engine
    loads each by a <script> it adds to the head and removes once the file has run
    (bantin-search.js, script()); none left, one more turn of the page's event loop lets what
    the last one resolved reach the list."""
    page.wait_for_function("() => !document.querySelector('script[src*=\"/assets/search/\"]')", timeout=timeout)
    page.evaluate("() => new Promise(done => setTimeout(() => requestAnimationFrame(() => done()), 0))")


def type_query(page, text: str, selector: str = "#bantin-page-q") -> None:
    """Type as a reader does (key by key), then wait for the results of the whole text."""
    page.fill(selector, "")
    page.type(selector, text, delay=20)
    page.wait_for_function(
        """(q) => { const t = window.__bantinSearch && window.__bantinSearch.last;
                    return t && t.query === q && t.render; }""", arg=text, timeout=10_000)
    wait_results(page)


def box_shows(page, text: str, timeout: float = 10_000) -> None:
    """Wait until the header box's first suggestion holds `text`. Typing key by key shows the
    suggestions of each word typed so far: the first ones to appear may be an earlier word's
    (the list is then replaced), which failed tests on a loaded machine."""
    try:
        page.wait_for_function("""(t) => { const o = document.querySelector('#bantin-search-q-list [role=option]');
                                         return o && o.textContent.includes(t); }""", arg=text, timeout=timeout)
    except Exception:  # noqa: BLE001 (Playwright's TimeoutError): say what was shown instead
        first = page.locator("#bantin-search-q-list [role=option]").first
        raise AssertionError(f"{text!r} not in the first suggestion: {first.inner_text() if first.count() else None!r}")


def result_hrefs(page) -> list[str]:
    """The results' addresses, without the fragment that opens a page at a match far into it:
    the words' (`#:~:text=…`) or a later section's id (`#4-le-phi`;
    tests/test_search_phrase_browser.py)."""
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href').split('#')[0])")


def result_titles(page) -> list[str]:
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.textContent)")


MEASURE_JS = """
async ({query, base}) => {
  const parse = (t) => JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")")));
  const raw = {};
  const recorder = BantinSearch.createEngine({lunr: window.lunr, load: async (key) => {
    const text = await (await fetch(base + key + ".js")).text();
    raw[key] = text;
    return parse(text);
  }});
  await recorder.search(query);
  const times = [];
  let hits = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const engine = BantinSearch.createEngine({lunr: window.lunr, load: async (key) => parse(raw[key])});
    const result = await engine.search(query);
    times.push(performance.now() - t0);
    hits = result.hits.length;
  }
  times.sort((a, b) => a - b);
  return {median_ms: times[2], max_ms: times[4], hits};
}
"""


def measure_query(page, site_url: str, search_page: str, query: str) -> dict:
    """What a reader's browser does for one query on the search page, over http.

    Returns the files the page downloaded (manifest, shards, the first page of result
    documents, lunr and our script) with their raw and gzip sizes, and the time from
    data arrived to ranked results (parse, decode, rebuild the lunr index, query, sort;
    median of 5 runs on fresh engines over the already downloaded texts).
    """
    import gzip
    from urllib.parse import quote

    sizes: dict[str, tuple[int, int]] = {}

    def on_response(response):
        path = response.url.split("?")[0]
        if path.startswith(site_url) and ("/assets/search/" in path or path.endswith(SEARCH_SCRIPTS)):
            body = response.body()
            sizes[response.url.split("?")[0][len(site_url):]] = (len(body), len(gzip.compress(body, 6)))

    page.on("response", on_response)
    page.goto(site_url + search_page + "?q=" + quote(query))
    wait_results(page)
    page.remove_listener("response", on_response)
    timing = page.evaluate(MEASURE_JS, {"query": query, "base": site_url + "assets/search/"})
    return {
        "query": query,
        "files": sorted(sizes),
        "bytes": sum(s[0] for s in sizes.values()),
        "gzip_bytes": sum(s[1] for s in sizes.values()),
        **timing,
    }
