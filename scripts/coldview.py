#!/usr/bin/env python3
"""An article's cold view, request by request, as Lighthouse counts it, without Lighthouse.

    .venv/bin/python scripts/coldview.py [--site site/] [--page tin-tuc/…/] [--markdown]

Lighthouse's "total byte weight" (scripts/lighthouse.py, "KB transferred") is the sum of
every request's transfer size of a first visit: response headers plus the body as sent
(gzip). This script gives the same sum per request, in seconds and with no CPU
throttling to disturb a shared machine: the site served with gzip by lighthouse.py's
handler, Chromium (Playwright) at Lighthouse's mobile screen (Moto G Power: 412×823 CSS px,
device pixel ratio 1.75, so the same srcset candidate is chosen), an empty cache, the
transfer sizes from the DevTools protocol (Network.loadingFinished.encodedDataLength,
what Lighthouse sums). Lighthouse's full-page screenshot stretches the screen to the whole
page, so the lazy pictures below (the related articles' thumbnails) load and count too: so
here. Headless Chromium does not ask for the favicon as Lighthouse's Chromium does: it is
fetched once more through the same server and counted the same way. On the sample article
this gives Lighthouse's own per-request figures (its report of 2026-12-01, 21:00 UTC: the
same bytes for every request).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import lighthouse  # noqa: E402  (its gzip server, its page list and its sample build)

CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
MOTO_G_POWER = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
                "has_touch": True,
                "user_agent": ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                               "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36")}


def cold_view(base: str, path: str) -> list[tuple[str, int]]:
    """(url, bytes transferred) of every request a first visit of base+path makes."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=lighthouse.CHROME, args=CHROME_ARGS)
        context = browser.new_context(locale="vi-VN", **MOTO_G_POWER)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.goto(base + path, wait_until="networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": MOTO_G_POWER["viewport"]["width"], "height": height})
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)  # a late request (lazy pictures, deferred scripts' fetches) still counts
        favicon = page.evaluate("(document.querySelector('link[rel~=icon]') || {}).href || ''")
        if favicon and favicon not in (urls[r] for r in sizes):
            page2 = context.new_page()
            cdp2 = context.new_cdp_session(page2)
            cdp2.send("Network.enable")
            cdp2.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
            cdp2.on("Network.loadingFinished",
                    lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
            page2.goto(urljoin(base + path, favicon), wait_until="networkidle")
        browser.close()
    return [(urls[r], n) for r, n in sizes.items()]


def report(rows: list[tuple[str, int]], markdown: bool) -> str:
    total = sum(n for _, n in rows)
    lines = ["| request | KB |", "|---|---:|"] if markdown else []
    for url, n in rows:
        name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "/"
        lines.append(f"| {name} | {n / 1024:.1f} |" if markdown else f"{n / 1024:7.1f} KB  {name}")
    verdict = "ok" if total <= 100 * 1024 else "OVER the 100 KB target"
    lines.append(f"| **total, {len(rows)} requests** | **{total / 1024:.1f}** |" if markdown
                 else f"{total / 1024:7.1f} KB  total, {len(rows)} requests: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample site)")
    parser.add_argument("--page", default=lighthouse.PAGES["article"], help="path under the site (default: the article)")
    parser.add_argument("--markdown", action="store_true", help="a table for docs/performance.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bantin-coldview-") as tmp:
        site = args.site or lighthouse.build_sample(Path(tmp) / "site")
        base, server = lighthouse.serve(site)
        try:
            rows = cold_view(base, args.page)
        finally:
            server.shutdown()
    print(report(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
