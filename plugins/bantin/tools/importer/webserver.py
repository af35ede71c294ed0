"""Web server configuration from the redirect map: nginx, Apache and Caddy rules for the old host.

Every rule's text is escaped or refused: an address goes verbatim into configuration,
where quotes, `;`, braces and variables would be configuration, not an address.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence
from urllib.parse import quote, unquote, urlsplit

from bantin.site.redirectmap import query_rules


_REGEX_SPECIAL = re.compile(r"([.^$*+?()\[\]{}|\\])")


def _re_escape(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def _apache_literal(target: str) -> str:
    """A redirect target as mod_rewrite's substitution reads it literally. `%N` there is a back
    reference (an encoded `đ`, `%C4%91`, would lose its `%9`) and mod_rewrite re-encodes `%`
    as `%25` unless the rule has NE: so `%` is written `\\%` and every rule carries NE. The
    other specials (`$`, spaces, quotes) are refused in targets (redirectmap.redirect_line_problem)."""
    return target.replace("%", "\\%")


def _hosts_comment(pairs: Sequence[tuple[str, str]]) -> str:
    hosts = sorted({urlsplit(old).netloc for old, _ in pairs if urlsplit(old).netloc})
    return ", ".join(hosts) if hosts else "tên miền cũ"


def _notes(notes: Sequence[str]) -> list[str]:
    return [f"# Lưu ý: {note}" for note in notes]


def _base_comment(target_base: str) -> list[str]:
    """Says where the new addresses point when the path of `site_url` goes before them: an
    operator reading `/ban-tin/tin-tuc/…` knows why. Nothing for a `--target-base` (an
    address with `https://`), which the operator typed."""
    if not target_base or "://" in target_base:
        return []
    return [f"# Mỗi địa chỉ mới trong bảng chuyển hướng được ghép sau {target_base} (trang mới ở {target_base}/)."]


def nginx_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """nginx configuration: a `map` on `$request_uri` and a `return 301` for the old host.

    Each old address becomes a case-insensitive regex on path and query; query
    parameters match in any order and extra parameters (`&fbclid=…`) are ignored. After
    them, an address recorded with more parameters than its identifying one (`?id=123&cat=5`)
    also matches by that one alone (`?id=123`): `redirectmap.query_rules`.
    """
    pairs = list(pairs)
    rules, notes = query_rules(pairs)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        *_base_comment(target_base),
        *_notes(notes),
        "# 1) Đặt trong khối http { }:",
        "map $request_uri $bantin_redirect {",
        '    default "";',
    ]
    for rule in rules:
        path = _re_escape(rule.path)
        if rule.params:
            looks = "".join(f"(?=(?:.*&)?{_re_escape(p)}(?:&|$))" for p in rule.params)
            pattern = f"~*^{path}\\?{looks}"
        else:
            pattern = f"~*^{path}(?:\\?|$)"
        lines.append(f'    "{pattern}" {target_base}{rule.target};')
    lines += [
        "}",
        f"# 2) Đặt trong khối server {{ }} của {_hosts_comment(pairs)}:",
        "if ($bantin_redirect) {",
        "    return 301 $bantin_redirect;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def apache_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """Apache mod_rewrite rules: one `RewriteCond %{QUERY_STRING}` per parameter + `RewriteRule`
    (the same rules, in the same order, as `nginx_redirects`)."""
    pairs = list(pairs)
    rules, notes = query_rules(pairs)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        *_base_comment(target_base),
        *_notes(notes),
        f"# Đặt trong <VirtualHost> của {_hosts_comment(pairs)} hoặc trong tệp .htaccess"
        " (cần bật mod_rewrite).",
        "RewriteEngine On",
    ]
    for rule in rules:
        path = _re_escape(unquote(rule.path).lstrip("/")).replace(" ", "\\s")
        lines.append("")
        for param in rule.params:
            lines.append(f"RewriteCond %{{QUERY_STRING}} (?:^|&){_re_escape(param)}(?:&|$) [NC]")
        # The trailing "?" drops the old query string from the redirect.
        target = _apache_literal(f"{target_base}{rule.target}")
        lines.append(f"RewriteRule ^/?{path}$ {target}? [NC,NE,R=301,L]")
    return "\n".join(lines) + "\n"


# --- Caddy -------------------------------------------------------------------------------------

# Caddy's `map` reads Go regexps (RE2): no lookahead, so "every recorded parameter, in any
# order" is written out as every order, as a tree (`_any_order`). Up to this many parameters;
# an address recorded with more, or with parameters longer than CADDY_ANY_ORDER_CHARS in all,
# keeps its recorded order (its identifying parameter's fallback rule still matches in any
# order): 4 parameters are written 64 times, and a hostile 5 MB one must not become 320 MB.
CADDY_ANY_ORDER = 4
CADDY_ANY_ORDER_CHARS = 1_000
# Above this many old addresses (lines of the map) Caddy takes seconds to start and hundreds
# of MB (docs/decisions.md, session 38): the output says that nginx or Apache in front of the
# old host costs less.
CADDY_HEAVY = 5_000
# A request URI longer than this many characters never reaches the rules: Caddy reads request
# lines up to 1 MB and each rule on the asked path scans the whole query (one 64 KB request cost
# 0.94 s of CPU at 1,000 lines; docs/decisions.md, session 38). At 2,048 an old path costs about
# what nginx's rules cost at its own 8 KB limit; IIS, the old .aspx portals' server, refuses
# queries longer than 2,048 by default.
CADDY_URI_LIMIT = 2_048


# A `%` not followed by two hex digits: Go's server answers 400 to such a path before any rule.
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _caddy_ascii(text: str) -> str:
    """A piece of an old address as Go regexp text: letters outside ASCII as the UTF-8
    percent-encoding a browser sends (`ứ` → `%E1%BB%A9`; the importer records them so), regex
    specials escaped. The pattern is then printable ASCII: a Go regexp reads an invalid byte
    of a request as U+FFFD, so a literal `�` would match any of them (two old addresses
    with different non-UTF-8 bytes would go to one page); `%EF%BF%BD` matches only itself."""
    return _re_escape("".join(ch if ch.isascii() else quote(ch, safe="") for ch in text))


# Go's `(?i)` folds as Unicode does: `k` also matches K (U+212A, Kelvin sign) and `s` also ſ
# (U+017F, long s), the only letters outside ASCII that fold onto ASCII ones; nginx's PCRE
# (no UTF mode) and Apache do not. A run of them is written case-blind without (?i).
_KS_RUN = re.compile(r"[kKsS]+")


def _fold_ks(pattern: str) -> str:
    """`pattern` (ASCII, escaped) with each run of k and s as `(?-i:[kK][sS])`: under (?i)
    `[kK]` would fold again. The text grows by 9 characters a run, at most 5.5 times in all
    (`sa` → `(?-i:[sS])a`); the compiled program does not (a class of two runes, not three)."""
    return _KS_RUN.sub(lambda run: "(?-i:" + "".join(f"[{ch.lower()}{ch.upper()}]" for ch in run.group())
                       + ")", pattern)


def _caddy_text(text: str) -> str:
    """A piece of an old address as Go regexp text matched as nginx matches it, case aside
    (`_caddy_ascii`, then `_fold_ks`)."""
    return _fold_ks(_caddy_ascii(text))


def _caddy_target(target: str) -> str:
    """A new address as Caddy's Location: letters outside ASCII percent-encoded (an address
    is ASCII on the wire). `$` (a Go regexp expansion in a map output), braces (placeholders),
    backquotes and spaces are refused in targets by redirectmap.redirect_line_problem."""
    return "".join(ch if ch.isascii() else quote(ch, safe="") for ch in target)


def _distinct(params: Sequence[str]) -> list[str]:
    """The parameters once each, case aside: nginx's lookaheads let one `id=5` satisfy both
    `id=5` and `ID=5`; written out in order, each would need a part of its own."""
    seen: dict[str, str] = {}
    for param in params:
        seen.setdefault(param.lower(), param)
    return list(seen.values())


def _any_order(params: Sequence[str]) -> str:
    """Every order of `params` as one regexp tree: one of them, `&`, anything, the others."""
    if len(params) == 1:
        return _caddy_text(params[0])
    return "(?:" + "|".join(
        _caddy_text(param) + "&(?:.*&)?" + _any_order([*params[:i], *params[i + 1:]])
        for i, param in enumerate(params)) + ")"


def _any_order_fits(params: Sequence[str]) -> bool:
    """Whether `params` are written in every order (else in the recorded one)."""
    return len(params) <= CADDY_ANY_ORDER and sum(map(len, params)) <= CADDY_ANY_ORDER_CHARS


def _caddy_pattern(path: str, params: Sequence[str]) -> str:
    """nginx's `~*^PATH\\?(?=(?:.*&)?P(?:&|$))…` for Go: each parameter a whole `&` part
    of the query, in any order (up to CADDY_ANY_ORDER), others ignored; no parameters: the
    path followed by a query or nothing."""
    head = f"(?i)^{_caddy_text(path)}"
    params = _distinct(params)
    if not params:
        return head + "(?:\\?|$)"
    if _any_order_fits(params):
        return head + "\\?(?:.*&)?" + _any_order(params) + "(?:&|$)"
    return head + "\\?(?:.*&)?" + "&(?:.*&)?".join(_caddy_text(p) for p in params) + "(?:&|$)"


def _asked(old: str) -> str:
    """An old address as a browser asks for it: path and query, letters outside ASCII encoded."""
    parts = urlsplit(old)
    return _caddy_target((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))


def _longer_than(limit: int) -> str:
    """A Go regexp matching a text of more than `limit` characters, read no further than that:
    Go refuses a count above 1,000, nested counts too, so the counts are written one after
    another."""
    counts = [1_000] * ((limit + 1) // 1_000) + [(limit + 1) % 1_000]
    return "~(?s)^" + "".join(f".{{{count}}}" for count in counts if count)


def _backquoted(text: str) -> str:
    """A Caddyfile token read verbatim: between backquotes nothing is an escape. Old and new
    addresses never hold a backquote (refused); one here would end the token early."""
    assert "`" not in text and "\n" not in text, text
    return f"`{text}`"


def caddy_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """Caddyfile lines for the old host's site block: two chained `map`s on the raw request
    line (`{http.request.orig_uri}`, nginx's `$request_uri`), then one `redir`.

    The first map is a single regexp of every old path: any other request (every page of the
    new site, when it is served on the old host) costs that one match, and the second map's
    first line, the empty input, answers it at once. The second holds the same rules as
    `nginx_redirects`, in its order (a Go regexp each: `_caddy_pattern`). Caddy keeps each
    compiled regexp: above CADDY_HEAVY rules the output says what that costs.
    """
    pairs = list(pairs)
    rules, notes = query_rules(pairs)
    entries = _caddy_entries(rules, target_base)
    cost = caddy_cost(len(set(pairs)))
    # sorted: Go factors common prefixes (which _fold_ks keeps, a letter at a time)
    paths = [_fold_ks(path) for path in sorted({_caddy_ascii(rule.path).lower() for rule in rules})]
    ordered = [rule for rule in rules if not _any_order_fits(_distinct(rule.params))]
    broken = sorted({rule.path for rule in rules if _BAD_ESCAPE.search(rule.path)})
    long = sorted({old for old, _ in pairs if len(_asked(old)) > CADDY_URI_LIMIT})
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects --caddy).",
        *_base_comment(target_base),
        *_notes(notes),
        *([f"# Lưu ý: {cost}"] if cost else []),
        *([f"# Lưu ý: {len(ordered)} địa chỉ cũ có hơn {CADDY_ANY_ORDER} tham số (hay tham số dài hơn "
           f"{CADDY_ANY_ORDER_CHARS} ký tự) chỉ khớp khi các tham số theo đúng thứ tự đã ghi (tham số thừa vẫn được "
           "bỏ qua); nginx và Apache khớp mọi thứ tự"] if ordered else []),
        *([f"# Lưu ý: {len(broken)} đường dẫn cũ có `%` không theo sau bởi hai chữ số hex (ví dụ {broken[0]}): "
           "Caddy trả lời 400 cho địa chỉ như vậy trước mọi quy tắc, nên không chuyển hướng được; nginx và Apache "
           "thì được"] if broken else []),
        *([f"# Lưu ý: {len(long)} địa chỉ cũ dài hơn {CADDY_URI_LIMIT} ký tự (đường dẫn và tham số, ví dụ "
           f"{_asked(long[0])[:80]}…): mọi yêu cầu dài như vậy được bỏ qua trước các quy tắc (mỗi quy tắc đọc lại "
           "cả phần tham số; Caddy nhận dòng yêu cầu tới 1 MB), nên các địa chỉ đó không được chuyển hướng"]
          if long else []),
        f"# Đặt trong khối trang của {_hosts_comment(pairs)}, ví dụ lưu thành /etc/caddy/bantin-redirects.caddy"
        " rồi ghi `import /etc/caddy/bantin-redirects.caddy` trong khối đó.",
        "# 1) Mọi đường dẫn cũ trong một biểu thức: địa chỉ khác chỉ tốn một lần so khớp. Dòng đầu: địa chỉ dài hơn"
        f" {CADDY_URI_LIMIT} ký tự không tới các quy tắc (mỗi quy tắc đọc lại cả phần tham số).",
        "map {http.request.orig_uri} {bantin_old} {",
        f"    {_backquoted(_longer_than(CADDY_URI_LIMIT))} \"\"",
        f"    {_backquoted('~(?is)^(?:' + '|'.join(paths) + ')(?:' + chr(92) + '?.*)?$')} $0",
        '    default ""',
        "}",
        "# 2) Các quy tắc, theo thứ tự của `bantin redirects --nginx`; dòng đầu: địa chỉ không phải của cổng cũ.",
        "map {bantin_old} {bantin_redirect} {",
        '    "" ""',
        *(f"    {_backquoted('~' + pattern)} {_backquoted(target)}" for pattern, target in entries.items()),
        '    default ""',
        "}",
        "# 3) Các map chỉ được tính khi cần, mỗi lần cần: vars tính một lần cho cả matcher và redir.",
        "vars bantin_to {bantin_redirect}",
        '@bantin_redirect not vars bantin_to ""',
        "redir @bantin_redirect {vars.bantin_to} 301",
    ]
    return "\n".join(lines) + "\n"


def _caddy_entries(rules: Sequence, target_base: str) -> dict[str, str]:
    """Pattern → target of the second map, in the rules' order. Caddy refuses two equal
    inputs in one map; nginx uses the first of two equal patterns, so the first is kept."""
    entries: dict[str, str] = {}
    for rule in rules:
        entries.setdefault(_caddy_pattern(rule.path, rule.params), _caddy_target(f"{target_base}{rule.target}"))
    return entries


def caddy_cost(count: int) -> str | None:
    """What rules for `count` old addresses cost Caddy, when it is more than nginx or Apache
    would (measured on Caddy 2.6: docs/decisions.md, session 38); None up to CADDY_HEAVY."""
    if count <= CADDY_HEAVY:
        return None
    return (f"{count} địa chỉ cũ. Caddy giữ mỗi quy tắc thành một biểu thức đã biên dịch: với chừng này, Caddy cần hơn "
            "một giây để khởi động và hơn 200 MB bộ nhớ (10 000 địa chỉ: khoảng 2 giây, 450 MB). Một máy chủ nginx hoặc "
            "Apache đứng trước tên miền cũ tốn ít hơn (bantin redirects --nginx hoặc --apache).")
