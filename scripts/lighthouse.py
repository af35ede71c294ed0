#!/usr/bin/env python3
"""Lighthouse (mobile) on the sample bulletin and on plain Material's blog, in one run (issue 15).

    make lighthouse                      # once: npm ci --prefix scripts/lighthouse
    .venv/bin/python scripts/lighthouse.py [--runs 3] [--pages home,article] [--site site/]

Both sites are served from this machine with gzip, as a real host serves them (Python's
http.server sends files uncompressed, which would weigh every text file three times over).
Each page is audited `--runs` times in a fresh Chromium (CHROME_PATH, default
/usr/bin/chromium, `--headless=new --no-sandbox`); the table gives the median of each
figure. Lighthouse's own defaults: a Moto G Power screen, slow 4G and a 4× slower CPU,
simulated. Lighthouse comes from npm (scripts/lighthouse/package.json, pinned) and is never
installed by `make test`: the suite does not need it.

Also printed: every audit below full marks in accessibility, best practices and SEO (its
Lighthouse id, so it can be routed), and the bytes of an article's first visit (all requests,
as transferred: gzip) against the 100 KB target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

from bantin.tools import siteserver  # noqa: E402

LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The sample site's page types (tests/test_browser.py PAGES names the same pages).
PAGES = {
    "home": "",
    "article": "tin-tuc/pho-bien-luat-dat-dai-nam-2024-cho-can-bo-co-so/",  # with its photo
    "category": "chuyen-muc/hoa-giai-o-co-so/",
    "handbook": "hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/",
    "question": "hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/hoa-giai-o-co-so-la-gi/",
    "search": "tim-kiem/?q=" + quote("hòa giải"),
}
BLOG_POSTS = 20
class QuietHandler(siteserver.Handler):
    """`bantin serve-site`'s answers (404 page, folders, text gzipped), without its log lines."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[str, siteserver.SiteServer]:
    server = siteserver.SiteServer(folder, ("127.0.0.1", 0))  # text gzipped, as hosts send it
    server.RequestHandlerClass = QuietHandler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def build_sample(dest: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "build", "--site-dir", str(dest)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        raise SystemExit(done.stdout[-4000:])
    return dest


def build_blog(root: Path) -> tuple[Path, dict[str, str]]:
    """Plain Material's blog (scripts/bench.py's anchor) and its pages comparable to ours."""
    import bench  # noqa: PLC0415 (needs yaml and the synthetic corpus only here)

    config = bench.anchor_blog(root, BLOG_POSTS)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        raise SystemExit(done.stdout[-4000:])
    site = root / "site"
    post = sorted(site.glob("blog/20*/**/index.html"))[0].parent.relative_to(site).as_posix() + "/"
    category = sorted(site.glob("blog/category/*/index.html"))[0].parent.relative_to(site).as_posix() + "/"
    return site, {"home": "blog/", "article": post, "category": category}


def lighthouse(url: str) -> dict:
    """One mobile Lighthouse run; the figures of its report we keep."""
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=--headless=new --no-sandbox"]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300)
    if done.returncode:
        raise SystemExit(f"lighthouse {url} failed:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    audits = report["audits"]
    failing = sorted(
        f"{cat}:{ref['id']}" for cat in CATEGORIES[1:] for ref in report["categories"][cat]["auditRefs"]
        if ref.get("weight") and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1)
    return {
        **{cat: round(report["categories"][cat]["score"] * 100) for cat in CATEGORIES},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "failing": failing,
        "opportunities": sorted(a["id"] for a in audits.values()
                                if a.get("details", {}).get("type") == "opportunity" and (a.get("score") or 1) < 0.9),
        "version": report["lighthouseVersion"],
    }


def median_of(runs: list[dict]) -> dict:
    keys = CATEGORIES + ("lcp_ms", "tbt_ms", "cls", "bytes", "requests")
    row = {k: statistics.median(r[k] for r in runs) for k in keys}
    row["failing"] = sorted({f for r in runs for f in r["failing"]})
    row["opportunities"] = sorted({f for r in runs for f in r["opportunities"]})
    row["runs"] = len(runs)
    row["version"] = runs[0]["version"]
    return row


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = ["| site | page | perf | a11y | best pr. | SEO | LCP s | TBT ms | CLS | KB transferred | requests |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for site, name, r in rows:
        lines.append(f"| {site} | {name} | {r['performance']:.0f} | {r['accessibility']:.0f} | "
                     f"{r['best-practices']:.0f} | {r['seo']:.0f} | {r['lcp_ms'] / 1000:.2f} | {r['tbt_ms']:.0f} | "
                     f"{r['cls']:.3f} | {r['bytes'] / 1024:.1f} | {r['requests']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample site)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES))
    parser.add_argument("--no-material", action="store_true", help="skip plain Material's blog")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse` (npm ci --prefix scripts/lighthouse).")
        return 2
    names = [n for n in args.pages.split(",") if n]
    unknown = [n for n in names if n not in PAGES]
    if unknown:
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")

    with tempfile.TemporaryDirectory(prefix="bantin-lighthouse-") as tmp:
        site = args.site or build_sample(Path(tmp) / "site")
        targets = [("Bản tin", name, PAGES[name], site) for name in names]
        if not args.no_material:
            blog_site, blog_pages = build_blog(Path(tmp) / "blog")
            targets += [("Material blog", n, blog_pages[n], blog_site) for n in names if n in blog_pages]
        servers = {}
        rows = []
        for label, name, path, folder in targets:
            if folder not in servers:
                servers[folder] = serve(folder)
            url = servers[folder][0] + path
            runs = []
            for i in range(args.runs):
                runs.append(lighthouse(url))
                print(f"  {label} {name} run {i + 1}: perf {runs[-1]['performance']}, "
                      f"LCP {runs[-1]['lcp_ms']:.0f} ms, CLS {runs[-1]['cls']:.3f}", file=sys.stderr)
            rows.append((label, name, median_of(runs)))
        for _, server in servers.values():
            server.shutdown()

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    chrome = subprocess.run([CHROME, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    print(f"Lighthouse {rows[0][2]['version']} mobile (simulated throttling), median of {args.runs}, {when}; "
          f"{chrome}; {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}\n")
    print(table(rows))
    article = next((r for label, name, r in rows if label == "Bản tin" and name == "article"), None)
    if article:
        verdict = "ok" if article["bytes"] <= 100 * 1024 else "OVER the 100 KB target"
        print(f"\nArticle cold view (every request of a first visit, as transferred): "
              f"{article['bytes'] / 1024:.1f} KB, {verdict}")
    print("\nAudits below full marks (accessibility, best practices, SEO):")
    for label, name, r in rows:
        if r["failing"]:
            print(f"- {label} {name}: {', '.join(r['failing'])}")
    print("\nPerformance opportunities Lighthouse names:")
    for label, name, r in rows:
        if r["opportunities"]:
            print(f"- {label} {name}: {', '.join(r['opportunities'])}")
    if args.json:
        args.json.write_text(json.dumps([{"site": s, "page": n, **r} for s, n, r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
