"""The redirect map: old portal addresses a static host cannot serve, and their new paths.

One `OLD NEW` pair a line, in `redirects/old-host.map` beside mkdocs.yml (written by
`bantin import`). Three readers share what is here: `bantin redirects` (nginx and Apache
rules, tools/importer/webserver.py), `bantin check` (`check_targets`: a line whose new
address no page has any more, after a file was renamed, its `slug:` changed or it was
deleted), and the matching rules themselves (`query_rules`): an old address is matched by
all its recorded query parameters in any order, and, failing that, by its *identifying*
parameter alone (`?id=123` visited without the `&cat=5&page=2` recorded with it).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from typing import Iterable, Sequence
from urllib.parse import quote, unquote, urlsplit

from bantin.config.siteurl import as_uri
from bantin.problems import Problem, Problems, short, visible


DEFAULT_REDIRECT_MAP = "redirects/old-host.map"
MAX_MAP_BYTES = 20_000_000  # ~150,000 lines: far beyond any portal; a bigger file is a mistake


# A redirect target is a path on this site; its text goes verbatim into nginx and Apache rules,
# where quotes, `;`, braces, `$var` and `%{VAR}` would be configuration, not an address.
_UNSAFE_IN_RULES = re.compile(r"[\s\"'`;{}\\$\x00-\x1f\x7f-\x9f]|%\{")
# Apache's rules match the decoded path (tools/importer/webserver.py unquotes it): a `%0A`
# there would be a line break in the configuration, `%09` an argument separator.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def redirect_line_problem(old: str, new: str) -> str | None:
    """Why one `OLD NEW` line of the map cannot become a server rule, or None."""
    bad = _UNSAFE_IN_RULES.search(old)
    if bad:
        return (f"địa chỉ cũ có ký tự `{visible(bad.group())}` không được phép trong quy tắc máy chủ "
                "(dấu nháy, `;`, `{`, `}`, `$`, `%{`, `\\`, ký tự điều khiển)")
    bad = _CONTROL.search(unquote(urlsplit(old).path))
    if bad:
        return (f"địa chỉ cũ có ký tự điều khiển mã hóa (`{visible(bad.group())}`, viết dạng `%0A`, `%09`…) "
                "không được phép trong quy tắc máy chủ")
    bad = _UNSAFE_IN_RULES.search(new)
    if bad:
        return (f"địa chỉ mới có ký tự `{visible(bad.group())}` không được phép (dấu nháy, `;`, `{{`, `}}`, "
                "`$`, `%{`, `\\`, ký tự điều khiển)")
    if not new.startswith("/") or new.startswith("//") or "://" in new:
        return (f"địa chỉ mới `{short(visible(new))}` phải là đường dẫn trên trang này, bắt đầu bằng `/` "
                "(ví dụ `/tin-tuc/ten-bai/`), không có `http://`, `https://` hay tên miền khác")
    return None


def target_base_problem(base: str) -> str | None:
    """Why `bantin redirects --target-base` cannot go before every target in server rules, or
    None. It is typed by an operator but pasted into nginx and Apache configuration, so it is
    held to the targets' own rule: an address, never configuration (`;`, quotes, `$`, `%{`)."""
    if not base:
        return None
    bad = _UNSAFE_IN_RULES.search(base)
    if bad:
        return (f"có ký tự `{visible(bad.group())}` không được phép trong quy tắc máy chủ "
                "(dấu cách, dấu nháy, `;`, `{`, `}`, `$`, `%{`, `\\`, ký tự điều khiển)")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc \
            or parts.query or parts.fragment or "?" in base or "#" in base:
        return ("phải là địa chỉ trang mới gồm `https://` và tên miền, có thể thêm thư mục, "
                "ví dụ `https://bantin.example.org` hoặc `https://stp.songlam.gov.vn/bantin`; "
                "không có `?`, `#` hay `tên@`")
    return None


def site_prefix(site_url: object) -> str:
    """The path `site_url` puts every page under, as server rules write it before a map's
    target ('/ban-tin' for `https://stp.songlam.gov.vn/ban-tin/`), '' at a host's root or
    without an address. A map's targets are paths on the site (`/tin-tuc/a/`): under a path, a
    rule sending them as written would send readers to the portal's root (session 36).
    Read as the build writes `site_url` (config/siteurl.as_uri), then percent-encoded by
    construction (quotes, `;`, braces become `%XX`), escapes in upper case: the prefix is the
    address the pages carry, never configuration."""
    if not isinstance(site_url, str):
        return ""
    try:
        return _rule_path(urlsplit(as_uri(site_url.strip())).path)
    except ValueError:
        return ""


def _rule_path(path: str) -> str:
    """`path` as rules write it: '/a/b' (no trailing `/`), '' for the root; one spelling for
    one address (`/bản-tin/`, `/b%e1%ba%a3n-tin` and `/b%E1%BA%A3n-tin/` are all `/b%E1%BA%A3n-tin`)."""
    path = quote(path.strip("/"), safe="/%-._~")
    path = _ESCAPE.sub(lambda found: found.group().upper(), path)
    return "/" + path if path else ""


_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def target_base(base: str) -> str:
    """`--target-base` as the rules write it (after `target_base_problem` let it through): the
    host as IDNA and the path percent-encoded, as the build writes `site_url`, so
    `https://stp.gov.vn/bản-tin` sends readers to `https://stp.gov.vn/b%E1%BA%A3n-tin/…`, the
    address the pages carry, and nginx's `Location` stays ASCII."""
    if not base:
        return ""
    parts = urlsplit(as_uri(base))
    return f"{parts.scheme}://{parts.netloc}{_rule_path(parts.path)}"


def target_base_conflict(base: str, site_url: object) -> str | None:
    """Why `--target-base` contradicts `site_url`, or None: on the site's own host, a base
    whose path is not the site's (`https://stp.songlam.gov.vn` for a site at `…/ban-tin/`)
    sends every old address to a page that is not there. Another host is not judged (a
    sub-domain in front of the same folder is the operator's to know). Both are compared as
    the build writes them (host as IDNA, path encoded): `https://stp.gov.vn/bản-tin` is the
    site at `site_url: https://stp.gov.vn/b%e1%ba%a3n-tin/`."""
    if not base or not isinstance(site_url, str):
        return None
    try:
        site, given = urlsplit(as_uri(site_url.strip())), urlsplit(target_base(base))
    except ValueError:
        return None
    if not site.hostname or (site.hostname or "").lower() != (given.hostname or "").lower():
        return None
    wanted = site_prefix(site_url)
    if given.path == wanted:
        return None
    return (f"trang nằm ở `{short(site_url.strip())}` (`site_url` của mkdocs.yml), nên mọi địa chỉ mới phải bắt "
            f"đầu bằng `{given.scheme}://{given.netloc}{wanted}/`; với `{short(base)}`, người đọc sẽ tới những "
            f"địa chỉ không có. Cách sửa: ghi `--target-base {given.scheme}://{given.netloc}{wanted}`, hoặc bỏ "
            "--target-base khi máy chủ cũ cũng là máy chủ của trang")


_LINE_FIX = ("mỗi dòng ghi đúng hai phần cách nhau bằng dấu cách: địa chỉ cũ và đường dẫn mới trên trang "
             "này, ví dụ `http://cu.gov.vn/tin.aspx?ItemID=12 /tin-tuc/ten-bai/`; dòng ghi chú bắt đầu bằng `#`")


def parse_redirect_lines(text: str, name: str) -> tuple[list[tuple[int, str, str]], list[Problem]]:
    """(line number, old, new) of every good line, and a problem for every other line that is
    not a comment or blank: never dropped in silence nor written into rules."""
    lines: list[tuple[int, str, str]] = []
    problems = Problems()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split()
        if len(parts) != 2:
            problems.error(name, number, "", f"dòng có {len(parts)} phần, không phải 2 (địa chỉ cũ, địa chỉ mới)",
                           _LINE_FIX)
            continue
        wrong = redirect_line_problem(*parts)
        if wrong:
            problems.error(name, number, "", wrong, _LINE_FIX)
            continue
        lines.append((number, parts[0], parts[1]))
    return lines, problems.items


def parse_redirect_map(text: str, name: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(good pairs, problems): `parse_redirect_lines` without the line numbers."""
    lines, problems = parse_redirect_lines(text, name)
    return [(old, new) for _, old, new in lines], problems


def read_map_text(path: str) -> str | None:
    """The map's text, None when there is no map. Never through a link (a map that is a
    symlink could show another file's lines in CI logs); OSError/UnicodeDecodeError/ValueError
    when it cannot be read as a UTF-8 file of sane size."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("không phải tệp thường")
        if info.st_size > MAX_MAP_BYTES:
            raise ValueError(f"tệp lớn {info.st_size // 1_000_000} MB")
        return handle.read().decode("utf-8-sig")


# --- matching: recorded parameters, then the identifying one ---------------------------------

# Query parameters that name the article on old portals, best first: `id` (Joomla's article,
# beside its menu's `Itemid`), ASP.NET/SharePoint `ItemID`, news and post ids, WordPress `p`.
IDENTIFYING = ("id", "itemid", "newsid", "news_id", "articleid", "article_id", "postid", "post_id",
               "tinid", "idtin", "matin", "baivietid", "contentid", "docid", "nid", "p")


def query_params(query: str) -> list[str]:
    """The `name=value` parts of a query string, as recorded (empty parts dropped)."""
    return [part for part in query.split("&") if part]


def identifying_param(query: str) -> str | None:
    """The `name=value` part of a query that identifies the page (`IDENTIFYING`), or None."""
    by_name: dict[str, str] = {}
    for part in query_params(query):
        name, sep, value = part.partition("=")
        if sep and value:
            by_name.setdefault(name.lower(), part)
    return next((by_name[n] for n in IDENTIFYING if n in by_name), None)


# Parameters that say in which part of the portal an identifier counts: DotNetNuke numbers
# `ItemID` per module, so `?tabid=123&ItemID=456` (a news item) and `?tabid=130&ItemID=456`
# (a question of another module) are two pages (a province's migration trial, session 30).
# The fallback keeps them beside the identifier; Joomla's `Itemid` is a menu, not one of them.
SCOPING = ("tabid", "mid", "moduleid")


def fallback_params(query: str) -> tuple[str, ...]:
    """What a fallback rule matches: the identifying part with the scoping ones recorded
    beside it (`SCOPING`), in the recorded order; () when nothing identifies the page."""
    ident = identifying_param(query)
    if not ident:
        return ()
    return tuple(part for part in query_params(query)
                 if part == ident or (part.partition("=")[0].lower() in SCOPING and part.partition("=")[2]))


@dataclass(frozen=True)
class Rule:
    """One redirect as servers and the site's own pages match it: the old path, the query
    parameters that must all be present (any order, others ignored; none = any query), and
    the new path. `fallback` rules match by the identifying parameter alone."""

    path: str
    params: tuple[str, ...]
    target: str
    fallback: bool = False


def query_rules(pairs: Iterable[tuple[str, str]]) -> tuple[list[Rule], list[str]]:
    """Every pair's rule, most parameters first (servers stop at the first match), then a
    fallback rule on the identifying parameter for each old address recorded with more
    parameters than that one, then the addresses recorded without a query; and a message for each identifying parameter that names two
    different new pages on one old path (no fallback is made for it: a guess could send a
    reader to the wrong article; its full addresses still redirect).
    """
    pairs = sorted(set(pairs))
    full: list[Rule] = []
    wanted: dict[tuple[str, tuple[str, ...]], set[str]] = {}  # (path, fallback params) lower-cased -> targets
    for old, new in pairs:
        parts = urlsplit(old)
        path = parts.path or "/"
        params = tuple(query_params(parts.query))
        full.append(Rule(path, params, new))
        if keep := fallback_params(parts.query):
            wanted.setdefault((path.lower(), tuple(p.lower() for p in keep)), set()).add(new)
    full.sort(key=lambda r: (-len(r.params), r.path, r.params, r.target))
    exact = {(r.path.lower(), tuple(p.lower() for p in r.params)) for r in full}
    fallbacks: list[Rule] = []
    notes: list[str] = []
    for old, new in pairs:
        parts = urlsplit(old)
        keep = fallback_params(parts.query)
        path = parts.path or "/"
        key = (path.lower(), tuple(p.lower() for p in keep))
        if not keep or key in exact:
            continue
        targets = wanted[key]
        if len(targets) > 1:
            note = (f"`{'&'.join(keep)}` ở {path} ứng với {len(targets)} trang mới ({', '.join(sorted(targets))}): "
                    f"chỉ địa chỉ cũ ghi đủ tham số mới được chuyển hướng")
            if note not in notes:
                notes.append(note)
            continue
        exact.add(key)
        fallbacks.append(Rule(path, keep, new, fallback=True))
    fallbacks.sort(key=lambda r: (r.path, r.params, r.target))
    # An address recorded without a query matches any query on its path: it comes last.
    return [r for r in full if r.params] + fallbacks + [r for r in full if not r.params], notes


def matching_rule(rules: Sequence[Rule], path: str, query: str) -> Rule | None:
    """The rule the old host's server applies to a request for `path?query` (the first in
    `query_rules`' order whose path is the request's and whose parameters the query all
    holds, case aside, as the nginx and Apache rules match): how `bantin import` knows which
    page a link of an old article names."""
    asked = {part.lower() for part in query_params(query)}
    path = path.lower()
    return next((rule for rule in rules
                 if rule.path.lower() == path and all(p.lower() in asked for p in rule.params)), None)


# --- bantin check: targets that still exist ---------------------------------------------------

def target_path(new: str) -> str:
    """A map target as a page path ('/tin-tuc/a/' → 'tin-tuc/a'): no query, fragment, index.html."""
    path = unquote(urlsplit(new).path)
    path = path.removesuffix("index.html").removesuffix(".html").strip("/")
    return path


def check_targets(lines: Sequence[tuple[int, str, str]], name: str, addresses: set[str],
                  drafts: dict[str, str], renamed: dict[str, str], problems: Problems) -> None:
    """A warning for each map line whose new address is no page of the site.

    `addresses`: every path the built site has (pages, generated pages, redirects, files);
    `drafts`: draft paths → their file; `renamed`: old-looking paths → the page now made from
    a file of that name (its `slug:` or title changed). A warning, not an error: the map
    serves the old host, and a stale line must not stop a publication; `bantin redirects`
    leaves such lines out of its rules.
    """
    for number, old, new in lines:
        path = target_path(new)
        if path in addresses:
            continue
        if path in drafts:
            problems.warn(name, number, "",
                          f"địa chỉ cũ {short(old)} chuyển tới {new}, nhưng bài ở đó ({drafts[path]}) còn là bản "
                          "nháp: người đọc sẽ gặp trang không tồn tại",
                          f"xuất bản bài (xóa dòng `draft: true` trong {drafts[path]}) hoặc xóa dòng {number} "
                          "của bảng chuyển hướng")
            continue
        moved = renamed.get(path)
        fix = (f"trang đó có lẽ nay ở /{moved}/: sửa địa chỉ mới trên dòng {number} thành /{moved}/"
               if moved else
               f"sửa địa chỉ mới trên dòng {number} thành địa chỉ hiện nay của bài (mở bài trên trang "
               "rồi chép phần sau tên miền, ví dụ `/tin-tuc/<slug>/`), hoặc xóa dòng đó nếu bài đã bị xóa")
        problems.warn(name, number, "",
                      f"địa chỉ cũ {short(old)} chuyển tới {new}, nhưng không còn trang nào ở địa chỉ đó (tệp "
                      "đã đổi tên, đổi `slug:`, đã bị xóa, hay phần đầu địa chỉ đã đổi ở mục `urls:` của "
                      "mkdocs.yml?)", fix)


def check_map(map_file: str, shown_as: str, corpus, generated, urls, files, problems: Problems) -> None:
    """`bantin check`'s look at the redirect map beside mkdocs.yml (none: nothing to say).

    `corpus` (site/corpus.Corpus, drafts left out), `generated` (site/pages.Generated),
    `urls` (site/urls.UrlScheme) and `files` (site/build.SourceFile: what else the site
    holds) give every address the site has. Lines `bantin redirects` cannot use and targets
    that are no page are warnings naming the line of the map (`shown_as`).
    """
    try:
        text = read_map_text(map_file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.args[0] if isinstance(exc, ValueError) and not isinstance(exc, UnicodeDecodeError) else (
            "không phải chữ UTF-8" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc)))
        problems.warn(shown_as, 0, "", f"không đọc được bảng chuyển hướng ({reason})",
                      "bảng chuyển hướng phải là tệp chữ UTF-8 (không phải liên kết tượng trưng), mỗi dòng "
                      "gồm địa chỉ cũ và địa chỉ mới; tạo lại bằng `bantin import` hoặc sửa tệp")
        return
    if text is None:
        return
    lines, bad = parse_redirect_lines(text, shown_as)
    for problem in bad:  # `bantin redirects` refuses the whole map for these: said here first
        problems.warn(problem.path, problem.line, problem.field, problem.message, problem.fix)
    addresses = {""} | {item.path for item in corpus.published}
    addresses |= {page.path for page in generated}
    for handbook, question in corpus.questions():
        addresses |= {urls.question(handbook.path, question.id), urls.short(question.id)}
    addresses |= {target_path(alias) for item in corpus.published for alias in item.meta.aliases}
    addresses |= {target_path(f.dest) for f in files if not f.excluded and not f.page}  # pages: by their slug
    drafts = {item.path: item.src for item in corpus.items if item.meta.draft}
    renamed = {}
    for item in corpus.published:
        stem = item.src.rsplit("/", 1)[-1].removesuffix(".md")
        renamed.setdefault(urls.item(item.kind, stem), item.path)
    renamed.update(moved_articles([target_path(new) for _, _, new in lines], corpus, urls))
    check_targets(lines, shown_as, addresses, drafts, renamed, problems)


def moved_articles(targets: Sequence[str], corpus, urls) -> dict[str, str]:
    """Targets under a segment that is no longer one of the site's ('tin-tuc-su-kien/bai' after
    `urls: article:` changed) → the article now at that slug ('tin-tuc-sk/bai'). The map's
    lines come from `bantin import`, which names articles: only they are looked up, and only
    when the segment is none of the site's own (a category's `chuyen-muc/x` stays unjudged)."""
    own = urls.prefixes.segments()
    articles = {item.path.rsplit("/", 1)[-1]: item.path for item in corpus.published if item.kind == "article"}
    found = {}
    for path in targets:
        segment, _, slug = path.partition("/")
        if segment not in own and slug in articles and "/" not in slug:
            found[path] = articles[slug]
    return found


# --- the site's own redirect pages for old addresses with a query ------------------------------

_PLAIN_PATH = re.compile(r"/[A-Za-z0-9/._~\-]*")
_STATIC = ("", ".html", ".htm")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def query_pages(lines: Sequence[tuple[int, str, str]], site_url: str, taken: set[str], urls,
                name: str, problems: Problems) -> dict[str, list[Rule]]:
    """Output file → its rules, for the old addresses with a query that this site can answer.

    When the site now lives on the old portal's host (`site_url`'s), a request for
    `/tin-tuc/chi-tiet.html?id=2031` reaches the static host, which serves the file
    `tin-tuc/chi-tiet.html` whatever the query: a page there that reads the query and sends
    the reader on, by the same rules as the servers' (`query_rules`), answers it. Only paths a
    static host serves as HTML (no extension, `.html`, `.htm`; not `.aspx`/`.php`, which only
    the old server's rules can answer), never a file the site already writes (`taken`: output
    files, lower-cased, folders ending in '/'; such a line is a warning), nor a name with
    `.`/`..` segments.
    """
    site_host = _host(site_url)
    if not site_host:
        return {}
    folders = [t for t in taken if t.endswith("/")]
    chosen: dict[str, list[tuple[str, str]]] = {}
    spelled: dict[str, str] = {}  # one file for paths that differ only in case (one file on Windows, macOS)
    for number, old, new in lines:
        parts = urlsplit(old)
        path = _on_the_site(parts.path or "/", site_url)
        if not parts.query or (parts.netloc and _host(old) != site_host) or not path or not _PLAIN_PATH.fullmatch(path):
            continue
        segments = path.split("/")
        if any(s in (".", "..") for s in segments) or posixpath.splitext(segments[-1])[1].lower() not in _STATIC:
            continue
        out = urls.redirect_file(path, urls.directory_urls)
        if out.lower() in taken or any(out.lower().startswith(t) for t in folders):
            problems.warn(name, number, "",
                          f"địa chỉ cũ {short(old)} không thể có trang chuyển hướng riêng trên trang này: tệp {out} "
                          "đã là một trang, một bí danh (aliases) hay một tệp khác",
                          "bỏ bí danh hay đổi địa chỉ trang đang dùng tên đó; hoặc để máy chủ chuyển hướng địa chỉ "
                          "cũ (`bantin redirects`)")
            continue
        out = spelled.setdefault(out.lower(), out)
        chosen.setdefault(out, []).append((old, new))
    return {out: query_rules(pairs)[0] for out, pairs in chosen.items()}


def _on_the_site(path: str, site_url: str) -> str | None:
    """An old address's path as a path of the site, or None when the site cannot serve it.
    A site under a path (`site_url` `https://stp.songlam.gov.vn/ban-tin/`) is reached only
    below that path: `/ban-tin/chi-tiet.html` is its `/chi-tiet.html`, while the portal's
    `/tin-tuc/chi-tiet.html` never reaches it (a page written for it would sit at
    `/ban-tin/tin-tuc/chi-tiet.html`, where no old link leads: only the server's rules,
    `bantin redirects`, answer it). The path is matched case aside, as the servers' own
    rules send `/BAN-TIN/…` to `/ban-tin/…` (docs/hosting.md)."""
    prefix = unquote(urlsplit(site_url.strip()).path).rstrip("/")  # as written, not siteurl.as_uri's %XX
    if not prefix:
        return path
    if not path.lower().startswith(prefix.lower() + "/"):
        return None
    return path[len(prefix):]


def _relative(out: str, target: str, urls) -> str:
    """A map target as a link from the output file `out` (works from any host and prefix)."""
    path_part, _, fragment = target.partition("#")
    path = target_path(path_part)
    last = path.rsplit("/", 1)[-1]
    dest = path if "." in last else urls.dest(path)
    rel = posixpath.relpath(dest, posixpath.dirname(out) or ".")
    if urls.directory_urls and (rel == "index.html" or rel.endswith("/index.html")):
        rel = rel[: -len("index.html")] or "./"
    if not rel.startswith(("./", "../")):
        rel = "./" + rel  # never read as a scheme: a target `/javascript:…` stays a path
    return rel + (f"#{fragment}" if fragment else "")


def query_page_data(out: str, rules: Sequence[Rule], urls) -> tuple[str, str, str]:
    """(rules as JSON safe inside a <script> element, link to the home page, to search):
    what `query-redirect.html` renders. Parameters are compared lower-cased, as the servers'
    rules are case-insensitive."""
    data = [{"p": [p.lower() for p in rule.params], "t": _relative(out, rule.target, urls)} for rule in rules]
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text, _relative(out, "/", urls), _relative(out, "/" + urls.search() + "/", urls)
