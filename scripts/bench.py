#!/usr/bin/env python3
"""Benchmark: build synthetic bulletins and report time, memory, output and search figures.

    .venv/bin/python scripts/bench.py --articles 1000 2000 10000 --runs 3 --anchors
    .venv/bin/python scripts/bench.py --articles 10000 100000 --runs 1 --workdir /var/tmp/bench  # issue 17

At 100,000 articles (+30,000 questions) the output is about 7 GB and the build some 10
minutes on 2 cores: give --workdir a folder on disk (the default is a folder in /dev/shm,
in memory) with 20 GB free, and run it on an idle machine, one run.

Each build runs in a fresh process (peak memory is that process's own). With --anchors,
Material's blog plugin and plain MkDocs + Material build the same articles in the same
run, so the ratios compare like with like on this machine (DESIGN §6). Plain Material is
built alternately with ours (ours, plain, ours, plain …): the machine is shared, and a
change in its load then weighs on both; the ratio reported is the median of the pairs'.

With --searcheval, after the timed builds, scripts/searcheval.py runs at each size: the
sample site, the evaluation set's laws and as many synthetic articles as the size, its
questions ranked in Python and --searcheval-sample of them opened in Chromium (requests,
KB, time, also on the former "Fast 3G"); its report is appended to the bench's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402
from bantin.text.vi import slugify  # noqa: E402

PYTHON = sys.executable
# Runs one build in this process and prints JSON: wall time and the process's peak RSS.
BUILD_ONE = r"""
import json, logging, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.INFO, format="%(message)s")
config = load_config(sys.argv[1])
start = time.perf_counter()
build(config)
print("BENCH " + json.dumps({"seconds": time.perf_counter() - start,
      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
PHASES = re.compile(r"Bản tin: thời gian: đọc và kiểm tra ([\d,]+) giây; dựng trang ([\d,]+) giây; tệp phụ ([\d,]+) giây")
ANCHORS = {1000: {"blog": 23.0}, 2000: {"blog": 60.0, "plain": 7.9}, 5000: {"blog": 271.0}}


def run_build(config_file: Path) -> dict:
    """One timed build into an empty output folder, as `bantin build` and CI do: the previous
    output is moved aside first and deleted after the timing, for every tool alike."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = config_file.parent / (yaml.safe_load(config_file.read_text(encoding="utf-8")).get("site_dir") or "site")
    old = site.with_name(site.name + ".old")
    if site.exists():
        shutil.rmtree(old, ignore_errors=True)
        site.rename(old)
    settle_disk()  # what was written or deleted before is on disk before the clock starts
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        build = subprocess.Popen([PYTHON, "-c", BUILD_ONE, str(config_file)], cwd=config_file.parent, env=env,
                                 stdout=log, stderr=subprocess.STDOUT, text=True)
        sampler = PssSampler(build.pid)
        while build.poll() is None:  # the build's forks and worker are separate processes
            time.sleep(sampler.sample())
        log.seek(0)
        output = log.read()
    shutil.rmtree(old, ignore_errors=True)
    settle_disk()
    found = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if build.returncode != 0 or not found:
        raise SystemExit(f"build of {config_file} failed:\n{output[-4000:]}")
    result = json.loads(found.group(1))
    result["total_mb"] = round(sampler.peak_mb)
    result["sampler"] = sampler.figures()
    phases = PHASES.search(output)
    if phases:
        result["phases"] = dict(zip(("read", "render", "artifacts"),
                                    (float(x.replace(",", ".")) for x in phases.groups())))
    return result


def settle_disk() -> None:
    """Flush the page cache's dirty files and the file system's journal now.

    The disk here is ext4 with online discard: deleting a 100,000-article output (217,000
    files, 7 GB) or writing its content leaves gigabytes to write back and discard, which the
    next thing timed (the next build, `bantin check`) would otherwise pay for in its file
    creations. How much that weighed was not measured apart from the machine's own drift.
    """
    if hasattr(os, "sync"):
        os.sync()


class PssSampler:
    """The peak PSS of a build's process tree, sampled at a cost the build can bear.

    Reading `smaps_rollup` walks a process's page tables in the kernel: at 100,000 articles
    (three processes of 2-3 GB) one sample costs tens of milliseconds, and sampling every
    0.25 s took a third of a core from a build on two cores, inflating the time it measured
    (session 13). The pause after a sample is therefore `SHARE` ⁻¹ times what the sample
    cost, between `MIN_PAUSE` and `MAX_PAUSE`: small sites are still sampled four times a
    second, large ones every second or two, where memory moves over tens of seconds.
    """

    SHARE = 0.05  # of one core, at most, for sampling
    MIN_PAUSE = 0.25
    MAX_PAUSE = 5.0  # one freak sample (steal time on a VM) must not blind it to a peak

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_mb, self.samples, self.cpu_s = pid, 0.0, 0, 0.0
        self.first = self.last = 0.0

    def sample(self) -> float:
        """Take one sample; the seconds to wait before the next."""
        started = time.process_time()  # user + system time of this process: /proc reads are system time
        self.peak_mb = max(self.peak_mb, tree_pss_mb(self.pid))
        cost = time.process_time() - started
        self.last = time.monotonic()
        self.first = self.first or self.last
        self.samples += 1
        self.cpu_s += cost
        return min(self.MAX_PAUSE, max(self.MIN_PAUSE, cost / self.SHARE))

    def figures(self) -> dict:
        """How often it sampled over its own span, and what that cost."""
        span = self.last - self.first
        return {"samples": self.samples, "cpu_s": round(self.cpu_s, 2),
                "every_s": round(span / max(1, self.samples - 1), 2)}


def tree_pss_mb(pid: int) -> float:
    """Memory of a process and all its descendants now: the sum of their PSS (shared pages
    counted once, split between the processes sharing them), 0 where /proc is missing."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parents.setdefault(int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    todo, total = [pid], 0
    while todo:
        current = todo.pop()
        todo += parents.get(current, [])
        try:
            rollup = (Path("/proc") / str(current) / "smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE).group(1))
        except (OSError, AttributeError):
            continue
    return total / 1024


def median_build(config_file: Path, runs: int) -> dict:
    return summary([run_build(config_file) for _ in range(runs)])


def paired_builds(ours: Path, anchor: Path, runs: int) -> tuple[dict, dict, list[float]]:
    """Ours and the anchor built alternately, so that a change in the machine's load during
    the run weighs on both alike; each pair gives one ratio (ours / anchor)."""
    pairs = [(run_build(ours), run_build(anchor)) for _ in range(runs)]
    ratios = [round(a["seconds"] / b["seconds"], 3) for a, b in pairs]
    return summary([a for a, _ in pairs]), summary([b for _, b in pairs]), ratios


def summary(results: list[dict]) -> dict:
    best = {"seconds": statistics.median(r["seconds"] for r in results),
            "peak_mb": max(r["peak_mb"] for r in results), "runs": [round(r["seconds"], 2) for r in results],
            "total_mb": max(r["total_mb"] for r in results), "sampler": [r["sampler"] for r in results]}
    if all("phases" in r for r in results):
        best["phases"] = {k: round(statistics.median(r["phases"][k] for r in results), 2) for k in results[0]["phases"]}
    return best


def write_config(root: Path, config: dict) -> Path:
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bantin_site(root: Path, articles: int) -> tuple[Path, dict]:
    counts = synthetic.write_corpus(root / "content", articles)
    config = {"site_name": "Bản tin thử nghiệm", "site_url": "https://bantin.example.org/", "docs_dir": "content",
              "site_dir": "site", "theme": {"name": "material", "language": "vi", "font": False},
              "plugins": [{"bantin": synthetic.site_config()}]}
    return write_config(root, config), counts


def anchor_blog(root: Path, articles: int) -> Path:
    """Material's blog plugin on the same articles (its post schema: date + categories)."""
    posts = root / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "docs" / "blog" / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    rng = synthetic.random.Random(2024)
    for name, meta, body in synthetic.articles(rng, articles, synthetic._tags(rng)):
        post = {"date": date.fromisoformat(meta["date"]), "categories": [meta["category"]], "tags": meta["tags"]}
        (posts / name).write_text("---\n" + yaml.safe_dump(post, allow_unicode=True) + "---\n# " + meta["title"]
                                  + "\n\n" + body.replace("\n\n", "\n\n<!-- more -->\n\n", 1), encoding="utf-8")
    return write_config(root, {"site_name": "Blog", "theme": {"name": "material", "font": False},
                               "plugins": ["search", "blog", "tags"]})


def anchor_plain(root: Path, articles: int) -> Path:
    """Plain MkDocs + Material rendering the same pages: the engine's floor (small nav)."""
    docs = root / "docs"
    (docs / "tin-tuc").mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    rng = synthetic.random.Random(2024)
    for name, meta, body in synthetic.articles(rng, articles, synthetic._tags(rng)):
        (docs / "tin-tuc" / name).write_text(f"# {meta['title']}\n\n{body}\n", encoding="utf-8")
    return write_config(root, {"site_name": "Plain", "theme": {"name": "material", "font": False},
                               "nav": ["index.md"], "plugins": ["search"]})


def anchor_plain_same(root: Path, site: Path) -> Path:
    """Plain MkDocs + Material rendering the same *set* of pages our build wrote.

    Every non-redirect page of our site becomes a Markdown page with its title and text,
    so the engine's floor is measured on as many pages, of comparable size, as we render.
    """
    from bantin.text.plain import html_to_text

    docs = root / "docs"
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        rel = page.parent.relative_to(site)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        body = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        target = docs / ("index.md" if str(rel) == "." else f"{rel}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {html_to_text(title.group(1)) if title else rel}\n\n"
                          f"{html_to_text(body.group(1)) if body else ''}\n", encoding="utf-8")
    return write_config(root, {"site_name": "Plain", "theme": {"name": "material", "font": False},
                               "nav": ["index.md"], "plugins": ["search"]})


def tree_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


CHECK_RUNS = 3  # `bantin check` is cheap beside a build: its median, as for builds


def check_time(root: Path) -> float:
    """Median seconds of `bantin check` in the site's folder: one run is noisy (at 10,000
    articles 9.1 s in a bench and 6.4 s alone right after, session 9)."""
    times = []
    settle_disk()
    for _ in range(CHECK_RUNS):
        start = time.perf_counter()
        subprocess.run([str(Path(PYTHON).with_name("bantin")), "check"], cwd=root, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_weight(site: Path) -> dict:
    """An article page's own HTML, and a cold view: HTML + every CSS/JS/image it loads."""
    page = next(iter(sorted((site / "tin-tuc").glob("*/index.html"))))
    html = page.read_text(encoding="utf-8")
    assets = set(re.findall(r'(?:src|href)="((?:\.\./)+assets/[^"]+\.(?:css|js))"', html))
    assets |= set(re.findall(r'<img [^>]*\bsrc="([^":]+)"', html))  # the served image, not the srcset
    cold = page.stat().st_size + sum((page.parent / a).resolve().stat().st_size for a in assets)
    cold_gz = gz(page) + sum(gz((page.parent / a).resolve()) for a in assets)
    return {"article_html_kb": round(page.stat().st_size / 1024, 1), "cold_view_kb": round(cold / 1024, 1),
            "cold_view_gzip_kb": round(cold_gz / 1024, 1)}


QUERIES = ("pháp luật", "hoa giai", "dat dai")


def search_figures(site: Path) -> dict:
    """Index size, and per query the gzip bytes a reader downloads and the time in Chromium."""
    folder = site / "assets" / "search"
    if not folder.exists():
        return {}
    files = [p for p in folder.rglob("*") if p.is_file()]
    figures = {"search_index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
               "search_index_gzip_mb": round(sum(gz(p) for p in files) / 1e6, 2), "search_files": len(files)}
    try:
        figures["queries"] = measure_queries(site)
    except Exception as exc:  # no Chromium here: sizes are still worth reporting
        figures["queries_error"] = str(exc)
    return figures


def measure_queries(site: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from browser import launch, serve
    from search_support.browser import measure_query

    url, stop = serve(site)
    try:
        with sync_playwright() as p:
            chromium = launch(p)
            results = []
            for query in QUERIES:
                page = chromium.new_page()
                found = measure_query(page, url, "tim-kiem/", query)
                results.append({k: found[k] for k in ("query", "gzip_bytes", "median_ms", "max_ms", "hits")})
                page.close()
            chromium.close()
            return results
    finally:
        stop()


def measure_serve(root: Path, edits: int = 3) -> dict:
    """Live preview: seconds from saving an article to `bantin serve` showing the change."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # `serve` writes its site to a temporary folder: beside the bench's sites, as they are.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(root.parent)}
    server = subprocess.Popen([PYTHON, "-m", "bantin.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    source = sorted((root / "content" / "tin-tuc").glob("*.md"))[1]
    original = source.read_text(encoding="utf-8")
    base = f"http://127.0.0.1:{port}/"

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        started = time.perf_counter()
        while "bt-card" not in fetch("") and time.perf_counter() - started < 600:
            time.sleep(0.5)
        first = time.perf_counter() - started
        title = yaml.safe_load(original.split("---")[1])["title"]
        path = f"tin-tuc/{slugify(title)}/"
        times = []
        for n in range(edits):
            marker = f"DAU-HIEU-SUA-{n}-{time.time_ns()}"
            source.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            saved = time.perf_counter()
            while marker not in fetch(path) and time.perf_counter() - saved < 600:
                time.sleep(0.1)
            times.append(time.perf_counter() - saved)
        return {"serve_first_s": round(first, 1), "serve_edit_s": round(statistics.median(times), 1)}
    finally:
        source.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def searcheval(articles: int, workdir: Path, sample: int, folder: Path | None = None) -> dict:
    """scripts/searcheval.py on the sample site + the laws + `articles` synthetic articles.

    Its own site (the evaluation set's questions need the sample site and the laws, not only
    the synthetic corpus), built in a subprocess; its text report is kept for the bench's.
    """
    out = workdir / f"searcheval-{articles}"
    command = [PYTHON, str(ROOT / "scripts" / "searcheval.py"), "--articles", str(articles), "--workdir", str(out),
               "--json", str(out) + ".json", "--misses", str(out) + "-misses.md", "--browser-sample", str(sample)]
    command += ["--set", str(folder)] if folder else []
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        return {"error": (done.stderr + done.stdout)[-3000:]}
    figures = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    shutil.rmtree(out, ignore_errors=True)  # a few GB at 10,000; the JSON and the misses stay
    browser = figures.get("browser") or {}
    return {"report": done.stdout,
            "python": figures["python"]["summary"], "browser": browser.get("summary")}


def bench_size(articles: int, runs: int, anchors: bool, workdir: Path) -> dict:
    root = workdir / f"bantin-{articles}"
    config, counts = bantin_site(root, articles)
    row = {"articles": articles, **counts}
    if anchors:  # plain Material at every size (its search index is the search anchor), paired with ours
        plain = anchor_plain(workdir / f"plain-{articles}", articles)
        row["bantin"], row["plain"], row["plain_ratios"] = paired_builds(config, plain, runs)
        index = plain.parent / "site" / "search" / "search_index.json"
        row["material_search_mb"] = round(index.stat().st_size / 1e6, 2)
        row["material_search_gzip_mb"] = round(gz(index) / 1e6, 2)
    else:
        row["bantin"] = median_build(config, runs)
    row["pages"], size = tree_size(root / "site")
    row["output_mb"] = round(size / 1e6, 1)
    row.update(page_weight(root / "site"))
    row.update(search_figures(root / "site"))
    row["check_seconds"] = round(check_time(root), 2)
    if articles <= 1000:
        row.update(measure_serve(root))
    if anchors and articles <= 2000:  # the blog plugin is quadratic: 271 s at 5,000 already
        blog = anchor_blog(workdir / f"blog-{articles}", articles)
        row["blog"] = median_build(blog, 1)
        same = anchor_plain_same(workdir / f"plain-same-{articles}", root / "site")
        row["plain_same"] = median_build(same, runs)
        row["plain_same_pages"] = len(list((same.parent / "docs").rglob("*.md")))
    return row


def report(rows: list[dict]) -> str:
    lines = ["| articles | questions | pages | build s (median) | runs | peak MB (build / all processes) "
             "| read / render / artifacts s | output MB "
             "| article KB | cold view KB (gz) | check s | blog s | plain s | blog ÷ bantin | bantin ÷ plain |",
             "|" + "---|" * 15]
    serve = [f"live preview at {r['articles']}: first build {r['serve_first_s']} s, an edited article shown "
             f"after {r['serve_edit_s']} s (median of 3)" for r in rows if "serve_edit_s" in r]
    for r in rows:
        b = r["bantin"]
        p = b.get("phases", {})
        blog, plain = r.get("blog", {}).get("seconds"), r.get("plain", {}).get("seconds")
        t = b["seconds"]
        speedup = f"{blog / t:.1f}×" if blog else "–"
        floor = f"{statistics.median(r['plain_ratios']):.2f}" if plain else "–"
        lines.append(
            f"| {r['articles']} | {r['questions']} | {r['pages']} | {b['seconds']:.1f} | {b['runs']} "
            f"| {b['peak_mb']:.0f} / {b['total_mb']} "
            f"| {p.get('read', '–')} / {p.get('render', '–')} / {p.get('artifacts', '–')} | {r['output_mb']} "
            f"| {r['article_html_kb']} | {r['cold_view_kb']} ({r['cold_view_gzip_kb']}) | {r['check_seconds']} "
            f"| {blog and f'{blog:.1f}' or '–'} | {plain and f'{plain:.1f}' or '–'} | {speedup} | {floor} |")
    lines.append("\nmemory sampled (PSS of every process; bench.PssSampler) at "
                 + "; ".join(f"{r['articles']}: every {s['every_s']} s, {s['cpu_s']} CPU s"
                             for r in rows for s in r["bantin"]["sampler"][:1]))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = last["bantin"]["seconds"] / first["bantin"]["seconds"]
        lines.append(f"\nt({last['articles']}) / t({first['articles']}) = {ratio:.1f} "
                     f"(size ratio {last['articles'] / first['articles']:.0f})")
    for r in rows:
        if "search_index_mb" in r:
            lines.append(f"\nsearch at {r['articles']}: index {r['search_index_mb']} MB "
                         f"({r['search_index_gzip_mb']} MB gz, {r['search_files']} files)"
                         + (f"; Material search_index.json {r['material_search_mb']} MB "
                            f"({r['material_search_gzip_mb']} MB gz)" if "material_search_mb" in r else ""))
            for q in r.get("queries", []):
                lines.append(f"  «{q['query']}»: {q['gzip_bytes'] / 1024:.0f} KB gz downloaded, "
                             f"{q['median_ms']:.0f} ms after data (max {q['max_ms']:.0f}), {q['hits']} hits")
            if "queries_error" in r:
                lines.append(f"  (queries not measured: {r['queries_error']})")
    for r in rows:
        if "searcheval" in r:
            found = r["searcheval"]
            lines.append(f"\nsearch evaluation at {r['articles']} synthetic articles (scripts/searcheval.py):\n"
                         + found.get("report", found.get("error", "")).rstrip())
    for r in rows:
        if "plain_ratios" in r:
            lines.append(f"\nbantin ÷ plain at {r['articles']}, build by build (built alternately): "
                         f"{', '.join(f'{x:.2f}' for x in r['plain_ratios'])}; median {statistics.median(r['plain_ratios']):.2f}")
    lines += ["\n" + line for line in serve]
    for r in rows:
        if "plain_same" in r:
            same = r["plain_same"]["seconds"]
            lines.append(f"\nplain MkDocs + Material rendering the same {r['plain_same_pages']} pages at {r['articles']}: "
                         f"{same:.1f} s; bantin ÷ that = {r['bantin']['seconds'] / same:.2f}")
    lines.append("\nAnchors measured here earlier (DESIGN §6): blog 23 s / 1,000, 60 s / 2,000, 271 s / 5,000; "
                 "plain 7.9 s / 2,000.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=1, help="builds per size; the median is reported")
    parser.add_argument("--anchors", action="store_true", help="also build Material blog and plain sites (≤ 2,000)")
    parser.add_argument("--workdir", type=Path, help="keep the generated sites here (default: a temporary "
                        "folder in /dev/shm, so that the disk's speed is not part of the comparison)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON")
    parser.add_argument("--searcheval", action="store_true", help="also run scripts/searcheval.py at each size "
                        "(sample site + laws + that many synthetic articles; ranking, bytes, requests, 3G time)")
    parser.add_argument("--searcheval-sample", type=int, default=40, metavar="K",
                        help="questions searcheval opens in Chromium at each size (default 40)")
    parser.add_argument("--searcheval-set", type=Path, metavar="DIR", help="searcheval's set (default scripts/searcheval)")
    args = parser.parse_args(argv)
    memory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bantin-bench-", dir=memory))
    try:
        rows = [bench_size(n, args.runs, args.anchors, workdir) for n in args.articles]
        if args.searcheval:  # after the timed builds, so that it never weighs on them
            for row in rows:
                row["searcheval"] = searcheval(row["articles"], workdir, args.searcheval_sample, args.searcheval_set)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
