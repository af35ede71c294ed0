#!/usr/bin/env python3
"""Search evaluation on citizens' questions (issue 16): ranking, bytes, requests, time.

    PYTHONPATH=plugins .venv/bin/python scripts/searcheval.py --no-browser        # ranking only, fast
    PYTHONPATH=plugins .venv/bin/python scripts/searcheval.py --json out.json     # + Chromium, local and 3G
    PYTHONPATH=plugins .venv/bin/python scripts/searcheval.py --articles 10000 --workdir /tmp/ev

1. Builds an evaluation site in a work folder: the sample site (mkdocs.yml + content/) plus
   one article page per `## Điều N. Tên` of `<set>/laws/*.md` (a category per law), and
   optionally N synthetic articles (scripts/synthetic.py, as bench.py writes them) as
   distractors. `python -m mkdocs build --strict` in a subprocess builds it.
2. Ranks every question of `<set>/questions/*.yaml` with the Python mirror of the browser
   search (`load_search_index(...).urls`), as written and folded (no tone marks): recall@10
   and MRR@10 per variant, per source (sample site, laws) and overall; `--misses FILE`
   lists each miss with what came first. DESIGN §6's two-word queries print their top 3.
3. Opens `/tim-kiem/?q=…` in Chromium over HTTP/2 with TLS and gzip (scripts/h2serve.mjs,
   as static hosts serve; `--protocol h1`: HTTP/1.0 without keep-alive, scripts/lighthouse.py's server):
   requests and bytes beyond the page itself, time from navigation to results, and parity
   of the browser's top 10 with Python's; then, on DevTools' former "Fast 3G" preset with a
   cold cache, the time from the address, the time of the query typed on the loaded page, and
   the time from Enter in the header box of the home page (desktop) to the search page's
   results. What is counted: scripts/searcheval/README.md, "Harness".

The set's format: scripts/searcheval/README.md. Errors in the set
name their file and line. Only the search's public entry points are used (the Python
`load_search_index(...).urls` and the search page), so the figures follow whatever query
plan and shard layout the search has.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

from bantin.text.vi import fold, slugify  # noqa: E402

DEFAULT_SET = ROOT / "scripts" / "searcheval"
MARKER = ".searcheval-workdir"  # a work folder we made; any other non-empty folder is refused
TOP = 10
SAMPLE = "mau"  # source name of the questions about the sample site (questions/mau.yaml)
LAW_ARTICLE = re.compile(r"^## Điều (\d+[a-z]?)\. (\S.*?)\s*$")
DOCUMENT_NUMBER = re.compile(r"^\d+/\d{4}/[A-ZĐ0-9][A-ZĐ0-9-]*$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUESTION_KEYS = {"q", "law", "article", "item", "also"}
LAW_KEYS = {"title", "number", "year"}
# Top folder of content/ -> first segment of its pages' addresses (bantin's default UrlPrefixes).
FOLDER_PREFIX = {"tin-tuc": "tin-tuc", "hoi-dap": "hoi-dap", "huong-dan": "huong-dan", "trang": ""}
# The set's news items in citizens' words (session 50): built into the site's tin-tuc/ under a
# prefix of their own, named in questions as `item: tin/bai/x.md`.
NEWS = "tin/bai"
NEWS_PREFIX = "danh-gia-"
# DESIGN §6: what two-word queries found before issue 16 must still come first.
TWO_WORD = ("phap luat", "pháp luật", "dat dai", "hoa giai", "hòa giải", "dieu 5", "31/2024/QH15",
            "35/2013/QH13", "nghi dinh 15")
# Chrome DevTools' network presets (front_end/core/sdk/NetworkManager.ts, checked 2026-12):
# the one formerly named "Fast 3G" is called "Slow 4G" since May 2024, and "3G" is the former
# "Slow 3G". Issue 16's "3G" target (and its 5–6 s figure) is the former "Fast 3G".
NETWORKS = {
    "fast3g": {"label": "DevTools «Fast 3G» (nay «Slow 4G»): 562,5 ms, 180 000 B/s xuống, 84 375 B/s lên",
               "latency": 150 * 3.75, "downloadThroughput": 1.6e6 / 8 * 0.9, "uploadThroughput": 750e3 / 8 * 0.9},
    "3g": {"label": "DevTools «3G» (trước là «Slow 3G»): 2 000 ms, 50 000 B/s",
           "latency": 400 * 5, "downloadThroughput": 500e3 / 8 * 0.8, "uploadThroughput": 500e3 / 8 * 0.8},
}


# --- The set: parsing and checking ------------------------------------------------------


class SetError(Exception):
    """Every problem found in the set's files, each as 'file:line: what is wrong; how to fix'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Article:
    number: str
    name: str
    text: str
    line: int  # of its heading
    text_line: int = 0  # of its text's first line, so that a build error can name the law's line

    @property
    def title(self) -> str:
        return f"Điều {self.number}. {self.name}"


@dataclass
class Law:
    slug: str
    title: str
    number: str
    year: int
    path: Path
    articles: dict[str, Article] = field(default_factory=dict)

    @property
    def cited_as(self) -> str:
        """'Bộ luật Lao động 2019 (45/2019/QH14)': the first line of each of its articles."""
        name = self.title if str(self.year) in self.title else f"{self.title} {self.year}"
        return f"{name} ({self.number})"

    def url(self, number: str) -> str:
        return f"tin-tuc/{article_slug(self.slug, number)}/"


@dataclass(frozen=True)
class Question:
    q: str
    source: str  # 'mau' (sample site) or the law's slug
    relevant: tuple[str, ...]  # urls: the expected item first, then `also`
    where: str  # 'questions/x.yaml:12'

    @property
    def group(self) -> str:
        return "mau" if self.source == SAMPLE else "laws"


def article_slug(law: str, number: str) -> str:
    return f"{law}-dieu-{number.lower()}"


def read_text(path: Path, problems: list[str], name: str) -> str | None:
    """UTF-8 text, NFC, LF line ends; a problem (not a traceback) when it is not text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(f"{name}: không đọc được ({exc.strerror})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(f"{name}:{line}: không phải văn bản UTF-8; hãy lưu tệp với mã UTF-8")
        return None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_law(text: str, name: str, slug: str) -> tuple[Law | None, list[str]]:
    """A law file (front matter title/number/year, then `## Điều N. Tên` articles) and its problems."""
    problems: list[str] = []
    if not SLUG.match(slug):
        problems.append(f"{name}:1: tên tệp `{slug}` phải chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
    front = re.match(r"---\n(.*?\n)---[ \t]*\n", text, re.DOTALL)
    if not front:
        problems.append(f"{name}:1: thiếu phần khai báo ở đầu tệp; hãy bắt đầu bằng\n"
                        "---\ntitle: Bộ luật Lao động\nnumber: 45/2019/QH14\nyear: 2019\n---")
        return None, problems
    try:
        meta = yaml.safe_load(front.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problems.append(f"{name}:{line}: phần khai báo không đọc được ({getattr(exc, 'problem', exc)})")
        return None, problems
    if not isinstance(meta, dict):
        problems.append(f"{name}:2: phần khai báo phải là các dòng `title:`, `number:`, `year:`")
        return None, problems
    for key in sorted(set(meta) - LAW_KEYS, key=str):
        problems.append(f"{name}:2: trường `{key}` không dùng; chỉ có title, number, year")
    title, number, year = meta.get("title"), meta.get("number"), meta.get("year")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{name}:2: thiếu `title:` (tên luật, ví dụ `title: Bộ luật Lao động`)")
    if not isinstance(number, str) or not DOCUMENT_NUMBER.match(number.strip()):
        problems.append(f"{name}:2: `number: {number}` không phải số hiệu có năm (ví dụ `number: 45/2019/QH14`)")
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        problems.append(f"{name}:2: `year: {year}` phải là năm ban hành, ví dụ `year: 2019`")
    if problems:
        return None, problems
    law = Law(slug, title.strip(), number.strip(), year, Path(name))
    start = text[: front.end()].count("\n") + 1
    current: list = []  # [number, name, line, body lines]

    def close() -> None:
        if current:
            body = "\n".join(current[3]).strip()
            if not body:
                problems.append(f"{name}:{current[2]}: Điều {current[0]} không có nội dung")
            lead = next((k for k, line in enumerate(current[3]) if line.strip()), 0)
            law.articles[current[0]] = Article(current[0], current[1], body, current[2], current[2] + 1 + lead)

    for i, line in enumerate(text[front.end():].split("\n"), start):
        match = LAW_ARTICLE.match(line)
        if match:
            close()
            number_, title_ = match.groups()
            if number_ in law.articles or (current and current[0] == number_):
                problems.append(f"{name}:{i}: Điều {number_} đã có ở trên; số điều trong một luật không được trùng")
            current = [number_, title_, i, []]
        elif line.startswith("#"):
            problems.append(f"{name}:{i}: «{line[:60]}» không đúng mẫu; mỗi điều bắt đầu bằng một dòng "
                            "`## Điều 113. Nghỉ hằng năm` (hai dấu #, số điều, dấu chấm, tên điều), "
                            "không có tiêu đề nào khác")
        elif current:
            current[3].append(line)
        elif line.strip():
            problems.append(f"{name}:{i}: có chữ trước điều đầu tiên; văn bản phải bắt đầu bằng `## Điều …`")
    close()
    if not law.articles and not problems:
        problems.append(f"{name}:{start}: không có điều nào (`## Điều 1. Phạm vi điều chỉnh` …)")
    return (None if problems else law), problems


def _located(text: str, name: str, problems: list[str]) -> list[tuple[int, object]]:
    """(line, value) of each item of a YAML list, so that errors name their line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(f"{name}:{mark.line + 1 if mark else 1}: YAML không đọc được "
                        f"({getattr(exc, 'problem', None) or exc}); xem mẫu trong README")
        return []
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        problems.append(f"{name}:1: tệp câu hỏi phải là một danh sách, mỗi câu bắt đầu bằng `- q: \"…\"`")
        return []
    return [(n.start_mark.line + 1, v) for n, v in zip(node.value, data)]


def parse_questions(text: str, name: str, laws: dict[str, Law], items: "ItemResolver",
                    broken: frozenset[str] = frozenset()) -> tuple[list[Question], list[str]]:
    """The questions of one file, each checked against the laws and the sample site.

    Questions about a law whose file has errors (`broken`) are skipped: its errors say enough.
    """
    problems: list[str] = []
    out: list[Question] = []
    for line, entry in _located(text, name, problems):
        at = f"{name}:{line}"
        if not isinstance(entry, dict):
            problems.append(f"{at}: mỗi mục phải có dạng `- q: \"câu hỏi\"` với `law:`+`article:` hoặc `item:`")
            continue
        unknown = sorted(set(map(str, entry)) - QUESTION_KEYS)
        if unknown:
            problems.append(f"{at}: trường {', '.join(f'`{k}`' for k in unknown)} không dùng; chỉ có "
                            "q, law, article, item, also")
        q = entry.get("q")
        if not isinstance(q, str) or not q.strip():
            problems.append(f"{at}: thiếu câu hỏi `q:`")
            continue
        also = entry.get("also") or []
        if not isinstance(also, list):
            also = [also]
        has_law, has_item = "law" in entry or "article" in entry, "item" in entry
        if has_law == has_item:
            problems.append(f"{at}: mỗi câu hỏi có đúng một trong hai: `law:` + `article:`, hoặc `item:`")
            continue
        if has_law:
            law = laws.get(str(entry.get("law")))
            if law is None and str(entry.get("law")) in broken:
                continue
            if law is None:
                problems.append(f"{at}: `law: {entry.get('law')}` không có trong laws/ "
                                f"(có: {', '.join(sorted(laws)) or 'chưa có luật nào'})")
                continue
            urls = []
            for number in [entry.get("article"), *also]:
                key = str(number).strip().lower()
                if key not in law.articles:
                    problems.append(f"{at}: {law.path.name} không có Điều {number}")
                else:
                    urls.append(law.url(key))
            if len(urls) == 1 + len(also):
                out.append(Question(unicodedata.normalize("NFC", q.strip()), law.slug, tuple(urls), at))
        else:
            urls = []
            for ref in [entry.get("item"), *also]:
                url, problem = items.resolve(str(ref))
                if problem:
                    problems.append(f"{at}: {problem}")
                else:
                    urls.append(url)
            if len(urls) == 1 + len(also):
                out.append(Question(unicodedata.normalize("NFC", q.strip()), SAMPLE, tuple(urls), at))
    return out, problems


class ItemResolver:
    """'hoi-dap/x.md#qid' (a path under the sample's content/) -> the address of its page;
    'tin/bai/x.md' (one of the set's news items, `NEWS`) -> its address in tin-tuc/."""

    def __init__(self, content: Path, folder: Path | None = None) -> None:
        self.content = content
        self.folder = folder

    def resolve(self, ref: str) -> tuple[str, str]:
        path, _, qid = ref.strip().partition("#")
        parts = path.split("/")
        if not path.endswith(".md") or path.startswith("/") or ".." in parts or "\\" in path:
            return "", f"`item: {ref}` phải là đường dẫn tệp .md trong content/, ví dụ `hoi-dap/x.md#ma-cau-hoi`"
        if path.startswith(NEWS + "/") and self.folder is not None:
            file, parts = self.folder / path, ["tin-tuc"]
            if not file.is_file() or file.is_symlink():
                return "", f"`item: {ref}`: không có tệp {path} trong bộ câu hỏi ({self.folder}), hoặc đó là liên kết"
        else:
            file = self.content / path
        if parts[0] not in FOLDER_PREFIX or not file.is_file():
            return "", f"`item: {ref}`: không có tệp content/{path}"
        try:
            text = file.read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            return "", f"`item: {ref}`: không đọc được phần khai báo của {path} ({type(exc).__name__}); hãy sửa tệp đó"
        if not isinstance(meta, dict):
            return "", f"`item: {ref}`: phần khai báo của {path} phải là các dòng `tên: giá trị`"
        slug = str(meta.get("slug") or slugify(str(meta.get("title", ""))))
        url = "/".join(p for p in (FOLDER_PREFIX[parts[0]], slug) if p) + "/"
        if qid:
            if "{#" + qid + "}" not in text:
                return "", f"`item: {ref}`: content/{path} không có câu hỏi mã `{qid}` (dòng `## … {{#{qid}}}`)"
            url += qid + "/"
        return url, ""


def load_set(folder: Path, content: Path, questions_folder: str = "questions") -> tuple[dict[str, Law], list[Question]]:
    """Laws and questions of an evaluation set; SetError lists every problem at once.
    `questions_folder`: the set's folder of questions (`ngan` for the short ones)."""
    problems: list[str] = []
    laws: dict[str, Law] = {}
    broken: set[str] = set()
    for path in sorted((folder / "laws").glob("*.md")):
        name = f"laws/{path.name}"
        text = read_text(path, problems, name)
        if text is not None:
            law, found = parse_law(text, name, path.stem)
            problems += found
            if law:
                laws[law.slug] = law
            else:
                broken.add(path.stem)
    questions: list[Question] = []
    items = ItemResolver(content, folder)
    asked = folder / questions_folder
    files = sorted(asked.glob("*.yaml")) + sorted(asked.glob("*.yml"))
    for path in files:
        name = f"{questions_folder}/{path.name}"
        text = read_text(path, problems, name)
        if text is not None:
            found, bad = parse_questions(text, name, laws, items, frozenset(broken))
            questions += found
            problems += bad
    if not files and not problems:
        problems.append(f"{asked}/: không có tệp câu hỏi nào (*.yaml)")
    if problems:
        raise SetError(problems)
    return laws, questions


# --- Metrics ----------------------------------------------------------------------------


def first_rank(urls: list[str], relevant: tuple[str, ...], top: int = TOP) -> int | None:
    """1-based rank of the first relevant url among the first `top`, else None."""
    wanted = set(relevant)
    return next((i for i, u in enumerate(urls[:top], 1) if u in wanted), None)


def scores(ranks: list[int | None]) -> dict:
    """recall@10 (share found in the top 10), MRR@10 (mean of 1/rank, 0 when missed), top-1."""
    n = len(ranks)
    if not n:
        return {"n": 0, "recall10": None, "mrr10": None, "top1": None}
    return {"n": n, "recall10": sum(r is not None for r in ranks) / n,
            "mrr10": sum(1 / r for r in ranks if r) / n, "top1": sum(r == 1 for r in ranks) / n}


def spread(values: list[float]) -> dict:
    """median, p90 (nearest rank) and max."""
    if not values:
        return {"median": None, "p90": None, "max": None, "n": 0}
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p90": ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)],
            "max": ordered[-1], "n": len(ordered)}


def variants(q: str) -> dict[str, str]:
    """As written, and folded the way a phone without a Vietnamese keyboard types it."""
    return {"marked": q, "folded": fold(q)}


def sample(items: list, k: int | None) -> list:
    """k items spread evenly over the list (deterministic), or all."""
    if not k or k >= len(items):
        return list(items)
    return [items[(i * len(items)) // k] for i in range(k)]


# --- The evaluation site ----------------------------------------------------------------


def prepare_workdir(path: Path) -> Path:
    """A work folder that is empty or ours: never clear a folder someone else owns."""
    path.mkdir(parents=True, exist_ok=True)
    if any(path.iterdir()) and not (path / MARKER).exists():
        raise SystemExit(f"{path}: thư mục không trống và không phải thư mục làm việc của searcheval; "
                         "hãy chọn một thư mục trống cho --workdir")
    for name in ("content", "site", "mkdocs.yml"):
        target = path / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    (path / MARKER).write_text("searcheval\n", encoding="utf-8")
    return path


def law_page(law: Law, article: Article) -> str:
    meta = {"title": article.title, "date": f"{law.year}-01-01", "category": law.slug,
            "documents": [law.number], "slug": article_slug(law.slug, article.number)}
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
            + law.cited_as + "\n\n" + article.text + "\n")


def write_site(workdir: Path, laws: dict[str, Law], articles: int, news: Path | None = None) -> dict:
    """Sample site + one page per law article (+ the set's news items in `news`, + synthetic
    distractors); returns what it wrote."""
    shutil.copytree(ROOT / "content", workdir / "content", symlinks=False)
    written = sorted(news.glob("*.md")) if news is not None and news.is_dir() else []
    linked = [item.name for item in written if item.is_symlink()]
    if linked:  # the set's own files only: a link could bring any file of the machine into the site
        raise SystemExit(f"{news}: {', '.join(linked)} là liên kết, không phải tệp; hãy chép nội dung vào tệp thật")
    for item in written:
        shutil.copyfile(item, workdir / "content" / "tin-tuc" / f"{NEWS_PREFIX}{item.name}")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["bantin"] for p in config["plugins"] if isinstance(p, dict) and "bantin" in p)
    categories = plugin.setdefault("categories", [])
    taken = {c.get("slug") or slugify(c["title"]) for c in categories} | {fold(c["title"]) for c in categories}
    sources = {}
    for law in laws.values():
        title = law.title if fold(law.title) not in taken else f"{law.title} {law.number}"
        categories.append({"title": title, "slug": law.slug,
                           "description": f"{law.cited_as}: văn bản viết để đánh giá tìm kiếm, không phải văn bản chính thức."})
        taken |= {law.slug, fold(title)}
        for article in law.articles.values():
            name = f"tin-tuc/{article_slug(law.slug, article.number)}.md"
            page = law_page(law, article)
            (workdir / "content" / name).write_text(page, encoding="utf-8")
            first = page[: page.rindex(article.text)].count("\n") + 1  # the page's line of the text's start
            sources[name] = [f"laws/{law.path.name}", article.line, article.text_line - first]
    counts = {"laws": len(laws), "law_articles": len(sources), "news_items": len(written)}
    if articles:
        import synthetic  # noqa: PLC0415 (scripts/synthetic.py: the bench's corpus)

        counts.update({f"synthetic_{k}": v for k, v in synthetic.write_corpus(workdir / "content", articles).items()})
        for title in synthetic.CATEGORIES:
            if slugify(title) not in taken:
                categories.append({"title": title})
                taken.add(slugify(title))
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (workdir / "sources.json").write_text(json.dumps(sources, ensure_ascii=False, indent=0), encoding="utf-8")
    return counts


def build_site(workdir: Path) -> float:
    """`mkdocs build --strict` in a subprocess; a failure names the law file and line."""
    started = time.perf_counter()
    # This checkout's plugin, as the Python figures use it, whatever the environment installed.
    path = os.pathsep.join(p for p in (str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=workdir,
                          env={**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        sources = json.loads((workdir / "sources.json").read_text(encoding="utf-8"))
        named = []
        for page, line in re.findall(r"(tin-tuc/[a-z0-9-]+\.md)(?::(\d+))?", done.stdout):
            if page in sources:
                law, heading, shift = sources[page]
                where = f"{law}:{int(line) + shift}" if line and int(line) + shift > heading else f"{law}:{heading}"
                if f"  {page}:{line} → {where}" not in named:
                    named.append(f"  {page}:{line} → {where}")
        raise SystemExit("Dựng trang đánh giá không được:\n" + done.stdout[-6000:]
                         + ("\nTrang gây lỗi được viết từ (tệp luật:dòng):\n" + "\n".join(named[:20]) if named else ""))
    return time.perf_counter() - started


def check_urls(site: Path, questions: list[Question]) -> None:
    """Every expected address is a page of the built site (else the item mapping is wrong)."""
    missing = [f"{q.where}: trang {u} không có trong trang đã dựng" for q in questions for u in q.relevant
               if not (site / u / "index.html").is_file()]
    if missing:
        raise SetError(missing)


def page_title(site: Path, url: str) -> str:
    page = site / url / "index.html"
    if not page.is_file():
        return ""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


# --- Ranking in Python ------------------------------------------------------------------


def python_figures(site: Path, questions: list[Question]) -> dict:
    """Every question in both variants through the Python mirror of the browser search."""
    from bantin.search.reader import load_search_index  # noqa: PLC0415

    index = load_search_index(site / "assets" / "search")
    records = []
    started = time.perf_counter()
    times = []
    for n, question in enumerate(questions):
        for variant, query in variants(question.q).items():
            t0 = time.perf_counter()
            urls = index.urls(query, TOP)
            times.append(time.perf_counter() - t0)
            records.append({"id": n, "variant": variant, "query": query, "source": question.source,
                            "group": question.group, "where": question.where, "relevant": list(question.relevant),
                            "rank": first_rank(urls, question.relevant), "top": urls})
    seconds = time.perf_counter() - started
    for r in records:  # where a miss ranked, to see how far it was, and how many matched
        if r["rank"] is None:
            longer = index.urls(r["query"], 100)
            r["rank100"] = first_rank(longer, tuple(r["relevant"]), 100)
            result = index.search(r["query"])
            r["hits"], r["approximate"] = len(result.hits), getattr(result, "approximate", None)
    two_word = {q: index.urls(q, 3) for q in TWO_WORD}
    return {"records": records, "summary": summarise(records), "seconds": seconds,
            "query_ms": spread([t * 1000 for t in times]), "two_word": two_word}


def bm25_figures(site: Path, questions: list[Question], ours: list[dict]) -> dict:
    """The same questions ranked by plain BM25 over the same documents (scripts/bm25.py):
    issue 16's bar, measured on this site in this run; and, from the two rankings of each
    question (`ours`: python_figures' records), what ours would score on the issue's set."""
    import bm25  # noqa: PLC0415 (scripts/bm25.py)

    started = time.perf_counter()
    index = bm25.Bm25(bm25.site_documents(site))
    records = [{"id": n, "variant": variant, "source": question.source, "group": question.group,
                "rank": first_rank(index.search(query, TOP), question.relevant)}
               for n, question in enumerate(questions) for variant, query in variants(question.q).items()]
    theirs = {(r["id"], r["variant"]): r["rank"] for r in records}
    projected = {v: projection([(r["rank"], theirs[r["id"], v]) for r in ours if r["variant"] == v])
                 for v in ("marked", "folded")}
    return {"summary": summarise(records), "seconds": round(time.perf_counter() - started, 1),
            "projection": projected}


STRATA = ("1", "2", "3", "4-10", "none")  # BM25's rank of the answer on a question
HELD_OUT = (0.98, 0.92)  # issue 16: BM25's recall@10 and MRR@10 on its held-out set


def stratum(rank: int | None) -> str:
    return "none" if rank is None else str(rank) if rank <= 3 else "4-10"


def projection(pairs: list[tuple[int | None, int | None]], target: tuple[float, float] = HELD_OUT) -> dict:
    """What this search would score on a set where BM25 scores `target`, from (ours, BM25) ranks.

    The issue's held-out set cannot be run here; only BM25's figures on it are known. Ours is
    measured on each stratum of our set by BM25's rank of the answer (first, second, third,
    4th to 10th, missed), and the strata are weighed as on a set where BM25 has the target
    recall@10 and MRR@10: the missed stratum is 1 - recall, ranks 2 to 10 keep our set's
    proportions among themselves, and the first-rank share is what makes BM25's MRR the
    target. Biased against us: a question BM25 ranked first partly by luck is one another
    ranker is likelier to rank lower (`reverse`: BM25's MRR@10 where ours ranks first).
    """
    by = {s: [o for o, b in pairs if stratum(b) == s] for s in STRATA}
    rows = {s: {"n": len(v), **scores(v), "bm25_mrr10": scores([b for o, b in pairs if stratum(b) == s])["mrr10"]}
            for s, v in by.items()}
    recall, mrr = target
    middle = [s for s in ("2", "3", "4-10") if by[s]]
    inner = sum(len(by[s]) for s in middle)
    rr = sum(len(by[s]) * rows[s]["bm25_mrr10"] for s in middle) / inner if inner else 0.0
    first = (mrr - recall * rr) / (1 - rr)  # first + (recall - first) * rr == mrr
    weights = {"1": first, "none": 1 - recall, **{s: (recall - first) * len(by[s]) / inner for s in middle}}
    out = {"strata": rows, "weights": weights, "projected": None,
           "reverse": scores([b for o, b in pairs if o == 1])["mrr10"]}
    if 0 <= first <= recall and all(by[s] for s, w in weights.items() if w > 0):
        out["projected"] = {k: sum(w * rows[s][k] for s, w in weights.items() if w > 0) for k in ("recall10", "mrr10")}
    return out


def summarise(records: list[dict]) -> dict:
    """scores per variant x (all, mau, laws), and per law file."""
    out: dict = {}
    for variant in ("marked", "folded"):
        rows = [r for r in records if r["variant"] == variant]
        out[variant] = {"all": scores([r["rank"] for r in rows])}
        for group in ("mau", "laws"):
            out[variant][group] = scores([r["rank"] for r in rows if r["group"] == group])
        out[variant]["by_source"] = {s: scores([r["rank"] for r in rows if r["source"] == s])
                                     for s in sorted({r["source"] for r in rows})}
    return out


def misses_report(records: list[dict], site: Path) -> str:
    lines = ["# Câu hỏi không có kết quả đúng trong 10 kết quả đầu (searcheval --misses)", ""]
    for r in records:
        if r["rank"] is not None:
            continue
        first = r["top"][0] if r["top"] else ""
        where = f"hạng {r['rank100']}" if r.get("rank100") else "ngoài 100 kết quả đầu"
        lines += [f"## {r['where']} ({'có dấu' if r['variant'] == 'marked' else 'không dấu'})", "",
                  f"- hỏi: {r['query']}",
                  f"- cần: {' | '.join(f'{u} «{page_title(site, u)}»' for u in r['relevant'])} ({where})",
                  f"- đứng đầu: {first} «{page_title(site, first)}»" if first else "- không có kết quả nào",
                  f"- {r['hits']} kết quả" + (" (không bài nào có đủ mọi từ: hiện bài có một phần)"
                                              if r.get("approximate") else ""),
                  f"- 10 đầu: {', '.join(r['top'])}", ""]
    return "\n".join(lines)


# --- Chromium ---------------------------------------------------------------------------

# Time of the last change inside the search page's block, on the page's own clock
# (performance.now(): milliseconds since navigation start). The whole document is watched from
# the start: a page that fills its results while it is still being parsed (its script and data
# inline, before DOMContentLoaded) would otherwise be missed and wait forever.
OBSERVE_JS = """
(() => {
  window.__evalShown = 0;
  const inside = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest('[data-bantin-search=page]'));
  };
  new MutationObserver((changes) => {
    if (changes.some((c) => inside(c.target))) window.__evalShown = performance.now();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""
SEARCH_FILES = ("/assets/search/", "/bantin-search.js", "/lunr.min.js", "/assets/vendor/lunr/")
PAGE_FILES = (".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".woff2", ".woff", ".ttf")


class Recorder:
    """Every request of one page through CDP: url, status, body bytes as sent, total transfer."""

    def __init__(self, cdp) -> None:
        self.requests: dict[str, dict] = {}
        self.protocol = ""
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.requestServedFromCache", self._cached)

    def _sent(self, e) -> None:
        self.requests.setdefault(e["requestId"], {"url": e["request"]["url"], "done": False})

    def _response(self, e) -> None:
        r = self.requests.setdefault(e["requestId"], {"url": e["response"]["url"], "done": False})
        headers = {k.lower(): v for k, v in e["response"]["headers"].items()}
        r["status"] = e["response"]["status"]
        r["cached"] = r.get("cached") or bool(e["response"].get("fromDiskCache"))
        r["body"] = int(headers.get("content-length", 0) or 0)
        r["gzip"] = headers.get("content-encoding") == "gzip"
        self.protocol = e["response"].get("protocol", self.protocol)

    def _finished(self, e) -> None:
        r = self.requests.setdefault(e["requestId"], {"url": "", "done": False})
        r["transfer"] = e["encodedDataLength"]
        r["done"] = True

    def _failed(self, e) -> None:
        r = self.requests.setdefault(e["requestId"], {"url": "", "done": False})
        r["failed"] = True
        r["done"] = True

    def _cached(self, e) -> None:
        self.requests.setdefault(e["requestId"], {"url": "", "done": False})["cached"] = True

    def pending(self) -> int:
        return sum(not r["done"] for r in self.requests.values())


def serve_h2(site: Path, workdir: Path) -> tuple[str, subprocess.Popen]:
    """The site over HTTP/2 with TLS (scripts/h2serve.mjs) and a self-signed certificate made
    here by openssl for 127.0.0.1 (the browser contexts ignore certificate errors)."""
    key, cert = workdir / "key.pem", workdir / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server = subprocess.Popen(["node", str(ROOT / "scripts" / "h2serve.mjs"), str(site), str(key), str(cert)],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if not line.startswith("PORT "):
        server.kill()
        raise SystemExit(f"scripts/h2serve.mjs did not start: {line!r}")
    return f"https://127.0.0.1:{int(line.split()[1])}/", server


def throttle(cdp, network: dict) -> None:
    """DevTools' network conditions (a NETWORKS preset) on a page's CDP session."""
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **{k: network[k] for k in (
        "latency", "downloadThroughput", "uploadThroughput")}})


def spki_hash(cert: Path) -> str:
    """base64 SHA-256 of the certificate's public key, for Chromium's
    --ignore-certificate-errors-spki-list: the browser then treats the run's certificate as
    valid, and caches what the site sends (it stores nothing from a host whose certificate
    it merely ignores, so a reader's next page would look uncached)."""
    pem = subprocess.run(["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"],
                         check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=pem,
                         check=True, capture_output=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def _path(url: str, base: str) -> str:
    return url.split("#")[0].split("?")[0][len(base) - 1:] if url.startswith(base) else url


def open_search(browser, base: str, query: str | None, network: dict | None, timeout: float,
                typed: bool = False) -> dict:
    """One cold visit of the search page (a new browser context: empty cache).

    From the address (`/tim-kiem/?q=…`): time from navigation to results, the page included.
    `typed`: the page is loaded first, then the query submitted in its box, as a reader who
    asks on the search page: time from the submit, and only the requests after it.
    """
    from search_support.browser import result_hrefs, wait_results  # noqa: PLC0415

    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp)
        cdp.send("Network.enable")
        if network:
            throttle(cdp, network)
        page.add_init_script(OBSERVE_JS)
        address = base + "tim-kiem/" + (f"?q={quote(query)}" if query is not None and not typed else "")
        page.goto(address, wait_until="commit", timeout=timeout)
        before: set[str] = set()
        start = 0.0
        if query is None or typed:
            page.wait_for_load_state("networkidle", timeout=timeout)
        if query is None:
            shown, hrefs = 0.0, []
        else:
            if typed:
                before = set(recorder.requests)
                start = page.evaluate(SUBMIT_JS, query)
            wait_results(page, timeout=timeout)
            page.wait_for_function("s => window.__evalShown > s", arg=start, timeout=timeout)
            shown = page.evaluate("window.__evalShown") - start
            hrefs = [_path(urljoin(page.url, h), base).lstrip("/") for h in result_hrefs(page)[:TOP]]
        deadline = time.perf_counter() + 10
        while recorder.pending() and time.perf_counter() < deadline:
            page.wait_for_timeout(50)
        return {"ms": shown, "top": hrefs, "protocol": recorder.protocol, "requests": [
            {"path": _path(r["url"], base), "body": r.get("body", 0), "transfer": r.get("transfer", 0),
             "status": r.get("status"), "failed": r.get("failed", False)}
            for key, r in recorder.requests.items() if r["url"].startswith(base) and key not in before]}
    finally:
        context.close()


BOX_PAUSE_MS = 3_000  # a reader who typed in the header box reads its suggestions, then presses Enter


def from_box(browser, base: str, query: str, network: dict, timeout: float) -> dict:
    """A desktop reader's way to the search page: the home page loaded cold, the question
    typed key by key into the header box (a phone's header has only a link to the search
    page), BOX_PAUSE_MS to read the suggestions, then Enter. Time from Enter to the results
    shown on the search page (its own clock, which starts at the navigation), and the
    requests after Enter that went to the network (the rest came from the browser's cache,
    as a host's Cache-Control allows: scripts/h2serve.mjs sends GitHub Pages' ten minutes)."""
    from search_support.browser import wait_results  # noqa: PLC0415

    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp)
        cdp.send("Network.enable")
        throttle(cdp, network)
        page.add_init_script(OBSERVE_JS)
        page.goto(base, wait_until="load", timeout=timeout)
        page.wait_for_load_state("networkidle", timeout=timeout)
        page.click("#bantin-search-q")
        page.keyboard.type(query, delay=40)
        page.wait_for_timeout(BOX_PAUSE_MS)
        before = set(recorder.requests)
        page.keyboard.press("Enter")
        page.wait_for_url("**/tim-kiem/**", timeout=timeout)
        wait_results(page, timeout=timeout)
        page.wait_for_function("() => window.__evalShown > 0", timeout=timeout)
        shown = page.evaluate("window.__evalShown")
        deadline = time.perf_counter() + 10
        while recorder.pending() and time.perf_counter() < deadline:
            page.wait_for_timeout(50)
        fetched = [_path(r["url"], base) for key, r in recorder.requests.items()
                   if key not in before and r["url"].startswith(base) and not r.get("cached")]
        return {"ms": shown, "network": sorted(fetched)}
    finally:
        context.close()


# Submits a query in the loaded search page's own form; returns the moment, on the page's clock.
SUBMIT_JS = """
(query) => {
  const form = document.querySelector('[data-bantin-search=page] form');
  form.querySelector('input[name=q]').value = query;
  const start = performance.now();
  form.requestSubmit();
  return start;
}
"""


def file_group(path: str) -> str:
    """What a counted file is, for the breakdown: 'u/' for /assets/search/u/3.js, else its name."""
    rest = path.split("/assets/search/", 1)[1] if "/assets/search/" in path else path.rsplit("/", 1)[-1]
    return rest.split("/", 1)[0] + "/" if "/" in rest else rest


def counted(requests: list[dict], page_itself: set[str]) -> list[dict]:
    """Requests the query causes: the search's files, and any script or data the bare page did not
    load (its styles, pictures and fonts are the page's, whenever the browser asks for them)."""
    return [r for r in requests if any(s in r["path"] for s in SEARCH_FILES)
            or (r["path"] not in page_itself and not r["path"].lower().endswith(PAGE_FILES))]


def browser_figures(site: Path, runs: list[tuple[str, str, list[str]]], slow: list[tuple[str, str]],
                    network: dict, log, protocol: str = "h2") -> dict:
    """runs: (variant, query, python top 10); slow: (variant, query) timed on the throttled network,
    from the address and typed on the loaded page. protocol: "h2" (HTTP/2 with TLS, as static
    hosts serve) or "h1" (HTTP/1.0, a connection per request: scripts/lighthouse.py's server)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    import lighthouse  # noqa: PLC0415 (its gzip server: as a real host serves the site)
    from browser import CHROMIUM, CHROMIUM_ARGS, launch  # noqa: PLC0415

    certs = Path(tempfile.mkdtemp(prefix="bantin-h2-"))
    if protocol == "h2":
        base, process = serve_h2(site, certs)
        stop = process.kill
    else:
        base, server = lighthouse.serve(site)
        stop = server.shutdown
    try:
        with sync_playwright() as p:
            browser = launch(p) if protocol != "h2" else p.chromium.launch(
                executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--ignore-certificate-errors-spki-list="
                                                + spki_hash(certs / "cert.pem")])
            bare = open_search(browser, base, None, None, 30_000)
            page_itself = {r["path"] for r in bare["requests"]}
            itself = [r for r in bare["requests"] if not any(s in r["path"] for s in SEARCH_FILES)]
            records = []
            for i, (variant, query, expected) in enumerate(runs):
                visit = open_search(browser, base, query, None, 30_000)
                mine = counted(visit["requests"], page_itself)
                records.append({"variant": variant, "query": query, "ms": visit["ms"], "top": visit["top"],
                                "parity": visit["top"] == expected, "python_top": expected,
                                "requests": len(mine), "bytes": sum(r["body"] for r in mine),
                                "transfer": sum(r["transfer"] for r in mine),
                                "failed": [r["path"] for r in mine if r["failed"] or (r["status"] or 0) >= 400],
                                "files": sorted(r["path"] for r in mine), "by_group": by_group(mine)})
                if (i + 1) % 25 == 0:
                    log(f"  Chromium: {i + 1}/{len(runs)}")
            throttled = []
            for i, (variant, query) in enumerate(slow):
                visit = open_search(browser, base, query, network, 120_000)
                typed = open_search(browser, base, query, network, 120_000, typed=True)
                box = from_box(browser, base, query, network, 120_000)
                throttled.append({"variant": variant, "query": query, "ms": visit["ms"], "typed_ms": typed["ms"],
                                  "typed_requests": len(counted(typed["requests"], set())),
                                  "box_ms": box["ms"], "box_network": box["network"]})
                if (i + 1) % 10 == 0:
                    log(f"  {network['key']}: {i + 1}/{len(slow)}")
            browser.close()
    finally:
        stop()
        shutil.rmtree(certs, ignore_errors=True)
    return {"page_itself": {"requests": len(itself), "bytes": sum(r["body"] for r in itself),
                            "files": sorted(r["path"] for r in itself)},
            "records": records, "throttled": throttled, "network": network,
            "protocol": bare["protocol"], "summary": browser_summary(records, throttled)}


def by_group(requests: list[dict]) -> dict[str, list[int]]:
    """group -> [requests, bytes]."""
    out: dict[str, list[int]] = {}
    for r in requests:
        entry = out.setdefault(file_group(r["path"]), [0, 0])
        entry[0] += 1
        entry[1] += r["body"]
    return out


def browser_summary(records: list[dict], throttled: list[dict]) -> dict:
    groups = sorted({g for r in records for g in r["by_group"]})
    out = {"groups": {g: {"requests": statistics.median(r["by_group"].get(g, [0, 0])[0] for r in records),
                          "kb": statistics.median(r["by_group"].get(g, [0, 0])[1] / 1024 for r in records)}
                      for g in groups} if records else {}}
    for variant in ("marked", "folded", None):
        rows = [r for r in records if variant is None or r["variant"] == variant]
        slow = [r for r in throttled if variant is None or r["variant"] == variant]
        out[variant or "all"] = {
            "requests": spread([r["requests"] for r in rows]), "kb": spread([r["bytes"] / 1024 for r in rows]),
            "kb_transfer": spread([r["transfer"] / 1024 for r in rows]), "ms": spread([r["ms"] for r in rows]),
            "throttled_ms": spread([r["ms"] for r in slow]),
            "typed_ms": spread([r["typed_ms"] for r in slow]),
            "typed_requests": spread([r["typed_requests"] for r in slow]),
            "box_ms": spread([r["box_ms"] for r in slow if "box_ms" in r]),
            "box_requests": spread([len(r["box_network"]) for r in slow if "box_network" in r]),
            "parity": sum(r["parity"] for r in rows), "n": len(rows)}
    return out


# --- Report -----------------------------------------------------------------------------


def _f(value, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _ranking_rows(summary: dict, prefix: str) -> list[str]:
    """One table row per variant: recall@10 / MRR@10 / top-1 over all, the sample site, the laws."""
    rows = []
    for variant, label in (("marked", "có dấu (như viết)"), ("folded", "không dấu")):
        s = summary[variant]
        cells = [f"{_f(s[g]['recall10'], 3)} / {_f(s[g]['mrr10'], 3)} / {_f(s[g]['top1'], 2)} (n={s[g]['n']})"
                 for g in ("all", "mau", "laws")]
        rows.append(f"| {prefix}{label} | " + " | ".join(cells) + " |")
    return rows


def _projection_lines(projected: dict) -> list[str]:
    """The strata by BM25's rank and the estimate for the issue's held-out set (`projection`)."""
    recall, mrr = HELD_OUT
    lines = ["", f"Theo hạng BM25 xếp câu trả lời (n; của ta: recall@10 / MRR@10; MRR@10 của BM25), và ước tính "
             f"trên một bộ mà BM25 đạt {recall} / {mrr} như bộ giữ lại của issue 16:"]
    for variant, label in (("marked", "có dấu"), ("folded", "không dấu")):
        p = projected[variant]
        cells = [f"{'ngoài 10' if s == 'none' else s} ({r['n']}; {_f(r['recall10'], 3)} / {_f(r['mrr10'], 3)}; {_f(r['bm25_mrr10'], 3)})"
                 for s, r in p["strata"].items()]
        est = p["projected"]
        guess = (f"Ước tính {_f(est['recall10'], 3)} / {_f(est['mrr10'], 3)}" if est
                 else "Không ước tính được (thiếu tầng)")
        lines.append(f"  {label}: " + "; ".join(cells) + f". {guess}; MRR@10 của BM25 ở các câu ta xếp đầu: "
                     f"{_f(p['reverse'], 3)}.")
    return lines


def report(meta: dict, py: dict, br: dict | None, site: Path) -> str:
    lines = [f"Đánh giá tìm kiếm (searcheval), {meta['when']}: {meta['questions']} câu hỏi "
             f"({meta['mau']} về trang mẫu, {meta['law_questions']} về {meta['laws']} luật, "
             f"{meta['law_articles']} điều), {meta['synthetic']} bài tổng hợp; {meta['pages']} trang HTML.",
             "", "Xếp hạng (Python, giống trình duyệt): recall@10 / MRR@10 / đứng đầu",
             "| biến thể | tất cả | trang mẫu | luật |", "|---|---|---|---|"]
    lines += _ranking_rows(py["summary"], "")
    if py.get("bm25"):
        lines += _ranking_rows(py["bm25"]["summary"], "BM25, ")
        lines.append("\nBM25: mốc của issue 16 trên cùng trang, cùng tài liệu (scripts/bm25.py: âm tiết bỏ dấu "
                     "và cặp liền nhau, một trường, k1 1,2, b 0,75).")
        lines += _projection_lines(py["bm25"]["projection"])
    lines += ["", "Theo tệp câu hỏi (có dấu | không dấu: recall@10, MRR@10):"]
    for source, s in py["summary"]["marked"]["by_source"].items():
        f = py["summary"]["folded"]["by_source"][source]
        lines.append(f"  {source:32} n={s['n']:3}  {_f(s['recall10'], 3)} {_f(s['mrr10'], 3)} | "
                     f"{_f(f['recall10'], 3)} {_f(f['mrr10'], 3)}")
    misses = [r for r in py["records"] if r["rank"] is None]
    lines += ["", f"Trượt (không có trong 10 đầu): {len(misses)} lượt; Python {py['seconds']:.1f} s cho "
              f"{len(py['records'])} truy vấn (trung vị {_f(py['query_ms']['median'], 1)} ms, "
              f"tối đa {_f(py['query_ms']['max'], 0)} ms).", "",
              "Truy vấn hai từ (DESIGN §6), 3 kết quả đầu:"]
    for q, urls in py["two_word"].items():
        lines.append(f"  «{q}»: " + (" | ".join(f"{u} «{page_title(site, u)[:50]}»" for u in urls) or "không có kết quả"))
    if br:
        pi = br["page_itself"]
        lines += ["", f"Chromium, {br.get('protocol') or 'http'} + gzip, bộ nhớ đệm trống; trang tìm kiếm không kể "
                  f"truy vấn: {pi['requests']} yêu cầu, {pi['bytes'] / 1024:.1f} KB (không tính vào dưới đây).",
                  "| biến thể | n | yêu cầu (trung vị / p90 / max) | KB gzip | ms đến kết quả | "
                  f"ms trên {br['network']['key']}, từ địa chỉ (n) | ms trên {br['network']['key']}, gõ trên trang "
                  "(yêu cầu) | top 10 trùng Python |", "|---|---|---|---|---|---|---|---|"]
        for variant in ("marked", "folded", "all"):
            s = br["summary"][variant]
            trio = lambda d, k=0: f"{_f(d['median'], k)} / {_f(d['p90'], k)} / {_f(d['max'], k)}"  # noqa: E731
            typed = s.get("typed_ms") or spread([])
            lines.append(f"| {variant} | {s['n']} | {trio(s['requests'])} | {trio(s['kb'], 1)} | {trio(s['ms'])} "
                         f"| {trio(s['throttled_ms'])} ({s['throttled_ms']['n']}) | {trio(typed)} "
                         f"({_f((s.get('typed_requests') or spread([]))['median'])}) | {s['parity']}/{s['n']} |")
        box = [(v, br["summary"][v]) for v in ("marked", "folded", "all") if br["summary"][v].get("box_ms", {}).get("n")]
        if box:
            lines += [f"Từ ô tìm kiếm ở đầu trang (máy tính, {br['network']['key']}): trang chủ đã mở, gõ câu hỏi, "
                      f"chờ {BOX_PAUSE_MS / 1000:g} s, Enter; ms từ Enter đến kết quả (trung vị / p90 / max), "
                      "yêu cầu ra mạng sau Enter (trung vị / max):"]
            lines += [f"  {v}: {_f(b['box_ms']['median'])} / {_f(b['box_ms']['p90'])} / {_f(b['box_ms']['max'])} ms; "
                      f"{_f(b['box_requests']['median'])} / {_f(b['box_requests']['max'])} yêu cầu" for v, b in box]
        lines.append("Trung vị theo loại tệp (yêu cầu, KB gzip): " + "; ".join(
            f"{g} {v['requests']:g}, {v['kb']:.1f}" for g, v in br["summary"]["groups"].items()))
        lines.append(f"Mạng chậm: {br['network']['label']}. «Từ địa chỉ»: mở /tim-kiem/?q=… (cả trang); «gõ trên "
                     "trang»: trang đã mở, câu hỏi gửi trong ô tìm kiếm của nó (chỉ phần truy vấn).")
        bad = [r for r in br["records"] if not r["parity"]]
        for r in bad[:20]:
            lines.append(f"  khác Python: «{r['query']}»\n    trình duyệt: {r['top']}\n    Python:      {r['python_top']}")
        failed = [f for r in br["records"] for f in r["failed"]]
        if failed:
            lines.append(f"  Yêu cầu lỗi: {sorted(set(failed))[:10]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the set's folder (laws/, questions/)")
    parser.add_argument("--questions", default="questions", choices=("questions", "ngan", "ngan2", "tin"),
                        help="the set's questions: full ones (questions/), short ones (ngan/), the second "
                             "short set (ngan2/, written blind in session 49 to check changes tuned on ngan/), or "
                             "a reader's own words for the news items of tin/bai/ (tin/, session 50)")
    parser.add_argument("--workdir", type=Path, help="build here and keep it (default: a temporary folder)")
    parser.add_argument("--site", type=Path, help="skip the build: use this built evaluation site (its site/ folder)")
    parser.add_argument("--articles", type=int, default=0, help="add N synthetic articles as distractors")
    parser.add_argument("--no-browser", action="store_true", help="ranking in Python only")
    parser.add_argument("--browser-sample", type=int, default=0, metavar="K",
                        help="questions opened in Chromium, spread over the set (default: all)")
    parser.add_argument("--throttled-sample", type=int, default=30, metavar="K",
                        help="questions timed on the slow network (0: none)")
    parser.add_argument("--network", choices=sorted(NETWORKS), default="fast3g")
    parser.add_argument("--protocol", choices=("h2", "h1"), default="h2",
                        help="h2: HTTP/2 with TLS, as static hosts serve (node scripts/h2serve.mjs); h1: HTTP/1.0 (Python's http.server)")
    parser.add_argument("--bm25", action="store_true",
                        help="also rank the set with plain BM25 over the same documents (issue 16's bar; 1-2 minutes at 10,000)")
    parser.add_argument("--misses", type=Path, help="write the misses (question, expected, first) here")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        laws, questions = load_set(args.set, ROOT / "content", args.questions)
    except SetError as exc:
        print(f"Bộ câu hỏi {args.set} có lỗi:\n" + "\n".join(f"  {p}" for p in exc.problems), file=sys.stderr)
        return 2
    temporary = None
    try:
        if args.site:
            site, counts, build_s = args.site, {}, 0.0
        else:
            workdir = args.workdir or Path(temporary := tempfile.mkdtemp(prefix="bantin-searcheval-"))
            prepare_workdir(workdir)
            # The news items only for their own set: built in, they compete with the law articles the
            # other sets call relevant (ngan2/ MRR@10 0.394 -> 0.374), and those sets' figures stay
            # comparable with earlier sessions'.
            news = args.set / NEWS if args.questions == "tin" else None
            counts = write_site(workdir, laws, args.articles, news)
            log(f"Dựng trang đánh giá trong {workdir} ({counts}) …")
            build_s = build_site(workdir)
            site = workdir / "site"
            log(f"  xong sau {build_s:.0f} s")
        try:
            check_urls(site, questions)
        except SetError as exc:
            print("Địa chỉ không khớp:\n" + "\n".join(f"  {p}" for p in exc.problems), file=sys.stderr)
            if args.questions == "tin" and args.site:
                print(f"Các tin của {NEWS}/ chỉ được dựng khi đo --questions tin: dựng trang đánh giá với "
                      "--questions tin (không dùng --site của bộ khác).", file=sys.stderr)
            return 2
        py = python_figures(site, questions)
        if args.bm25:
            log("BM25 trên cùng tài liệu …")
            py["bm25"] = bm25_figures(site, questions, py["records"])
        br = None
        if not args.no_browser:
            tops = {(r["variant"], r["query"]): r["top"] for r in py["records"]}
            chosen = sample(questions, args.browser_sample)
            runs = [(v, q, tops[(v, q)]) for question in chosen for v, q in variants(question.q).items()]
            slow = [(v, q) for question in sample(chosen, args.throttled_sample) for v, q in variants(question.q).items()
                    ] if args.throttled_sample > 0 else []
            network = {"key": args.network, **NETWORKS[args.network]}
            log(f"Chromium: {len(runs)} lượt, {len(slow)} lượt trên mạng chậm …")
            br = browser_figures(site, runs, slow, network, log, args.protocol)
        meta = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "questions": len(questions),
                "mau": sum(q.group == "mau" for q in questions), "law_questions": sum(q.group == "laws" for q in questions),
                "laws": len(laws), "law_articles": sum(len(law.articles) for law in laws.values()),
                "synthetic": args.articles, "build_seconds": round(build_s, 1), **counts,
                "pages": sum(1 for _ in site.rglob("index.html"))}
        text = report(meta, py, br, site)
        print(text)
        if args.misses:
            args.misses.write_text(misses_report(py["records"], site), encoding="utf-8")
        if args.json:
            args.json.write_text(json.dumps({"meta": meta, "python": py, "browser": br}, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
