"""Web server configuration from the redirect map: nginx and Apache rules for the old host.

Every rule's text is escaped or refused: an address goes verbatim into configuration,
where quotes, `;`, braces and variables would be configuration, not an address.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence
from urllib.parse import unquote, urlsplit


_REGEX_SPECIAL = re.compile(r"([.^$*+?()\[\]{}|\\])")


def _re_escape(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def _query_conditions(query: str) -> list[str]:
    """Regexes that each match one `name=value` of the query, in any order."""
    conditions = []
    for param in query.split("&"):
        if param:
            conditions.append(f"(?:^|&){_re_escape(param)}(?:&|$)")
    return conditions


def _rule_order(pair: tuple[str, str]) -> tuple[int, str, str]:
    """Most query parameters first: both servers stop at the first rule that matches."""
    query = urlsplit(pair[0]).query
    return (-len([p for p in query.split("&") if p]), pair[0], pair[1])


def _hosts_comment(pairs: Sequence[tuple[str, str]]) -> str:
    hosts = sorted({urlsplit(old).netloc for old, _ in pairs if urlsplit(old).netloc})
    return ", ".join(hosts) if hosts else "tên miền cũ"


def nginx_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """nginx configuration: a `map` on `$request_uri` and a `return 301` for the old host.

    Each old address becomes a case-insensitive regex on path and query; query
    parameters match in any order and extra parameters (`&fbclid=…`) are ignored.
    """
    pairs = sorted(set(pairs), key=_rule_order)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        "# 1) Đặt trong khối http { }:",
        "map $request_uri $bantin_redirect {",
        '    default "";',
    ]
    for old, new in pairs:
        parts = urlsplit(old)
        path = _re_escape(parts.path or "/")
        if parts.query:
            looks = "".join(
                f"(?=(?:.*&)?{_re_escape(p)}(?:&|$))" for p in parts.query.split("&") if p
            )
            pattern = f"~*^{path}\\?{looks}"
        else:
            pattern = f"~*^{path}(?:\\?|$)"
        lines.append(f'    "{pattern}" {target_base}{new};')
    lines += [
        "}",
        f"# 2) Đặt trong khối server {{ }} của {_hosts_comment(pairs)}:",
        "if ($bantin_redirect) {",
        "    return 301 $bantin_redirect;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def apache_redirects(pairs: Iterable[tuple[str, str]], target_base: str = "") -> str:
    """Apache mod_rewrite rules: one `RewriteCond %{QUERY_STRING}` per parameter + `RewriteRule`."""
    pairs = sorted(set(pairs), key=_rule_order)
    lines = [
        "# Chuyển hướng địa chỉ của cổng thông tin cũ tới trang mới (bantin redirects).",
        f"# Đặt trong <VirtualHost> của {_hosts_comment(pairs)} hoặc trong tệp .htaccess"
        " (cần bật mod_rewrite).",
        "RewriteEngine On",
    ]
    for old, new in pairs:
        parts = urlsplit(old)
        path = _re_escape(unquote(parts.path or "/").lstrip("/")).replace(" ", "\\s")
        lines.append("")
        for condition in _query_conditions(parts.query):
            lines.append(f"RewriteCond %{{QUERY_STRING}} {condition} [NC]")
        # The trailing "?" drops the old query string from the redirect.
        lines.append(f"RewriteRule ^/?{path}$ {target_base}{new}? [NC,R=301,L]")
    return "\n".join(lines) + "\n"
