"""Every internal link and asset of a built site resolves to a file: linkchecker's verdict on
internal links, read from the files instead of crawled over HTTP.

linkchecker crawls the sample site (tests/test_sample_site.py: a real checker, over a server);
the 400-article site is checked here, in a few seconds instead of a minute, for what size
changes: pagination, tag and year pages, query redirect pages, the second renderer's pages.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attribute values as the pages print them (always double-quoted: Jinja and Python-Markdown);
# a regex is ten times faster than html.parser over 3,000 pages.
_ATTR = re.compile(r'\s(href|src|poster|srcset)="([^"]*)"')


def _links(html: str) -> list[str]:
    found = []
    for name, value in _ATTR.findall(html):
        value = unescape(value)
        if name == "srcset":
            found += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
        else:
            found.append(value)
    return found


def _target(page_dir: str, link: str) -> str | None:
    """The site-relative file an internal link names ('..' first when it leaves the site), or
    None for another host, a scheme or a bare fragment."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(page_dir, path))
    target = "" if target == "." else target  # the site's root folder
    return posixpath.join(target, "index.html") if path.endswith("/") else target


def broken_links(site: Path) -> list[str]:
    """'page: link' for every internal link or asset that names no file of `site` (or leaves it).
    The output has no symbolic links (outputs/gate.py), so paths are compared as text."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    folders = {posixpath.dirname(f) for f in files}
    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        for link in _links((site / page).read_text(encoding="utf-8")):
            target = _target(posixpath.dirname(page), link)
            if target is None:
                continue
            if target in folders and target not in files:  # a folder named without its slash
                target = posixpath.join(target, "index.html")
            if target not in files:
                broken.append(f"{page}: {link}")
    return broken
