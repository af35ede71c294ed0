"""The one rule for "this text is the site's own full address" (`https://<site>/tai-lieu/a.pdf`).

An editor pastes a page's or a file's address from the browser: the live site's, or the
preview's on their own computer (`http://127.0.0.1:8000/tin-tuc/bai/`, what `bantin serve`
shows). Two readers need to know which file of content/'s site such an address names: the link
check (checks._own_address), which publishes the link as a link to its file, and the reader of
drafts whose front matter broke (drafts/files), which holds back the files such a draft names.
They read it here, so a file the check counts as a draft's is one the broken draft holds back
too (session 38: a draft with a YAML slip naming `https://<site>/tai-lieu/f.pdf` had the file
published as "used by no page").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from bantin.config.siteurl import URI_SAFE, ascii_host, this_computer


def is_loopback(host: str) -> bool:
    """localhost, 127.x.x.x, ::1, 0.0.0.0 in every form a browser reads: an address only the
    computer it is typed on opens (`siteurl.this_computer`, the CNAME check's rule)."""
    return this_computer(host.lower().strip("[]").rstrip("."))


@dataclass(frozen=True)
class OwnAddress:
    """The site's addresses: `site_url` (the preview's own while `bantin serve` runs) and
    `published_url` (mkdocs.yml's, when site_url is the preview's)."""

    site_url: str = ""
    published_url: str = ""

    def path(self, address: str) -> str | None:
        """The path inside content/'s site that `address` names (`tin-tuc/bai/`, `tai-lieu/a.pdf`,
        `%`-escapes read, query and `#id` dropped), when it is a full address on this site or on
        the preview on this computer (served under site_url's path, or at `/`: serve-site); else
        None. Another host, another path of the same host, or no host at all: None."""
        if not address[:8].lower().startswith(("http://", "https://")):
            return None
        try:
            theirs = urlsplit(address)
            host = theirs.hostname
        except ValueError:  # `http://[::1/`: no address a browser reads (checks reports it)
            return None
        if theirs.scheme.lower() not in ("http", "https") or host is None:
            return None
        ours = self.published_url or self.site_url
        # both paths encoded alike: site_url reaches here percent-encoded (siteurl.as_uri) while an
        # editor may paste `/bản-tin/…` as the browser shows it; a `%2F` stays inside its segment
        base = _encoded(urlsplit(ours).path.rstrip("/")) if ours else ""
        path = _encoded(theirs.path)
        if is_loopback(host):
            base = base if path.startswith(base + "/") else ""
        elif not ours or not _same_host(host, urlsplit(ours).hostname) or not path.startswith(base + "/"):
            return None
        return unquote(path[len(base) + 1:])


def _encoded(path: str) -> str:
    """`path` with its letters outside ASCII percent-encoded, an existing `%xx` kept (upper case,
    as `quote` writes them: `%e1` and `%E1` are one letter); letters as NFC, as siteurl.as_uri
    reads `site_url` (an address pasted on macOS holds `bản` as NFD)."""
    encoded = quote(unicodedata.normalize("NFC", path), safe="/%" + URI_SAFE)
    return _ESCAPE.sub(lambda found: found.group().upper(), encoded)


_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _same_host(theirs: str, ours: str | None) -> bool:
    """One name: `bảntin.vn` as pasted and as_uri's `xn--bntin-v11b.vn` too."""
    return ours is not None and ascii_host(theirs) == ascii_host(ours)
