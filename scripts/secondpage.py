#!/usr/bin/env python3
"""A reader's second page on a slow phone, through nginx as docs/hosting.md configures it.

    .venv/bin/python scripts/secondpage.py site tin-tuc/<bai>/ [--visits 7]

Serves a copy of the built site with docs/hosting.md's nginx block (address and folder
replaced, as tests/test_hosting.py does), with and without its browser cache lines (section
"Bộ nhớ đệm trình duyệt"), two rounds each; every file of the copy is touched first, as a
build that just ran leaves them. Each visit is a new Chromium context at 390 px on DevTools'
former "Fast 3G" (scripts/searcheval.py's preset):
the home page, then the article; printed: the article's first contentful paint and its
requests that went to the network rather than to the browser's cache. Needs nginx
(`make test` installs it). docs/performance.md, "The second page, through nginx".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "plugins")]

from hostingkit import free_port, nginx_main, nginx_server, wait_for  # noqa: E402 (tests/hostingkit.py)
from searcheval import NETWORKS, throttle  # noqa: E402

CACHE_LINE = "    add_header Cache-Control $bantin_cache;\n"


def start_nginx(site: Path, with_cache: bool, work: Path) -> tuple[str, subprocess.Popen]:
    """docs/hosting.md's nginx block serving site, without its browser cache line ("Bộ nhớ đệm trình
    duyệt") unless with_cache."""
    port = free_port()
    server = nginx_server(port, site)
    assert CACHE_LINE in server, "docs/hosting.md: the nginx block has no browser cache line (\"Bộ nhớ đệm trình duyệt\")"
    (work / "redirects.conf").write_text('map $request_uri $bantin_redirect { default ""; }\n', encoding="utf-8")
    (work / "bantin").write_text(server if with_cache else server.replace(CACHE_LINE, ""), encoding="utf-8")
    main = nginx_main(work, [f"{work}/redirects.conf", f"{work}/bantin"])
    process = subprocess.Popen(["nginx", "-c", str(main), "-p", str(work)])
    wait_for(port, process, work / "error.log")
    return f"http://127.0.0.1:{port}/", process


def visit(browser, base: str, article: str) -> tuple[float, int]:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        throttle(cdp, NETWORKS["fast3g"])
        page.goto(base, wait_until="load")
        page.wait_for_load_state("networkidle")
        sent, cached = [], set()
        cdp.on("Network.requestWillBeSent", lambda e: sent.append(e["requestId"]))
        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
        page.goto(base + article, wait_until="load")
        paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime || 0")
        return paint, sum(r not in cached for r in sent)
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (its site/ folder)")
    parser.add_argument("article", help="the second page's address in the site, e.g. tin-tuc/bai-mot/")
    parser.add_argument("--visits", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    from browser import launch  # noqa: PLC0415 (tests/browser.py)

    copy = Path(tempfile.mkdtemp(prefix="bantin-secondpage-"))
    site = copy / "site"
    shutil.copytree(args.site, site)  # touched below: never the folder a server serves
    copy.chmod(0o755)
    with sync_playwright() as p:
        browser = launch(p)
        for with_cache in (False, True, False, True):
            subprocess.run(["find", str(site), "-type", "f", "-exec", "touch", "{}", "+"], check=True)
            with tempfile.TemporaryDirectory() as work:
                base, nginx = start_nginx(site, with_cache, Path(work))
                try:
                    runs = [visit(browser, base, args.article) for _ in range(args.visits)]
                finally:
                    nginx.terminate()
                    nginx.wait()
            paints = [r[0] for r in runs]
            print(f"cache lines {'on ' if with_cache else 'off'}: first paint of the second page median "
                  f"{statistics.median(paints):,.0f} ms ({min(paints):,.0f}-{max(paints):,.0f}); requests to the "
                  f"network median {statistics.median(r[1] for r in runs):g}", flush=True)
        browser.close()
    shutil.rmtree(copy, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
