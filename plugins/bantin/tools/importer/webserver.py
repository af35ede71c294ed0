"""Web server configuration from the redirect map: nginx and Apache rules for the old host.

Every rule's text is escaped or refused: an address goes verbatim into configuration,
where quotes, `;`, braces and variables would be configuration, not an address.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence
from urllib.parse import unquote, urlsplit

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
