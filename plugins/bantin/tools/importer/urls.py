"""An old page's address: found in the page, normalised, and classified.

A plain path becomes an alias (the new site serves a redirect page there); an address a
static host cannot serve (a query string, a server-side script) goes into the redirect map.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import idna


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_STATIC_EXT = {"", ".html", ".htm"}
_ALIAS_PATH = re.compile(r"^/[A-Za-z0-9/._~\-]*$")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL (or a root-relative path), percent-encoded, no fragment."""
    url = url.strip().strip("\"'<>")
    if not url:
        return None
    if url.startswith("//") and not base:
        url = "http:" + url  # `//host/x`: the host's address, not a path of this one
    try:  # `http://[::1/` raises: one broken link must not stop the whole import
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if not parts.scheme and not url.startswith("/"):
        return None
    host = _host(parts)
    if host is None:
        return None
    # Parentheses, spaces and angle brackets encoded: the address is written into Markdown
    # as `[label](address)`, where a ')' would end it and let the rest become markup.
    path = quote(parts.path or "/", safe="/%:@!$&'*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'*+,;=-._~?")
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")


def _host(parts) -> str | None:
    """The address's host (and port) as written into Markdown, or None when it is not a host
    name: an old page's `href="http://x)<iframe …>"` put its own markup in the import (the host
    part was copied as it was). No user name, a numeric port, a non-ASCII name as browsers
    resolve it (`_ascii_host`)."""
    if not parts.netloc:
        return "" if not parts.scheme else None
    try:
        name, port = parts.hostname or "", parts.port
        name = _ascii_host(name) if not name.isascii() else name
    except (ValueError, UnicodeError):
        return None
    if "@" in parts.netloc or not _HOST.fullmatch(name.lower()):
        return None
    return name.lower() + (f":{port}" if port is not None else "")


def _ascii_host(name: str) -> str:
    """A non-ASCII host name in ASCII as browsers resolve it. IDNA 2008 with UTS 46 first
    (`faß.de` stays `xn--fa-hia.de`; Python's codec, IDNA 2003, made it `fass.de`); for a
    name IDNA 2008 refuses but browsers still follow (a symbol, `i❤.ws`; a final hyphen),
    IDNA 2003. Never for a joiner (U+200C/D), which IDNA 2003 deletes and browsers refuse.
    UnicodeError when neither can."""
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError:
        if "\u200c" in name or "\u200d" in name:
            raise
        return name.encode("idna").decode("ascii")


def classify_old_url(url: str) -> tuple[str, str] | None:
    """('alias', path) when a static site can serve the old path, else ('redirect', url).

    A static host can put a redirect page at a plain path ('/tin-tuc/abc-123.html',
    '/tin-tuc/abc/'); it cannot answer a query string ('?ItemID=123'), and a page named
    '.aspx' or '.php' would be served with the wrong type. None for a site's home page.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/" and not parts.query:
        return None
    if _dot_segments(path):
        return ("outside", url)  # '/../theme/main.html' would name a file of the new site
    if parts.query:
        return ("redirect", url)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    ext = ("." + last.rsplit(".", 1)[1].lower()) if "." in last else ""
    if ext not in _STATIC_EXT or not _ALIAS_PATH.match(path):
        return ("redirect", url)
    return ("alias", path)


def _dot_segments(path: str) -> bool:
    """True when a path has '.' or '..' segments (also percent-encoded, or after a '\\')."""
    return any(s in (".", "..") for s in unquote(path).replace("\\", "/").split("/"))
