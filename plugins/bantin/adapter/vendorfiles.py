"""The web editor's vendored Decap files, as `bantin edit`'s preview sends them: with a validator.

MkDocs' server sends a file with its type and length only: no `ETag`, no `Last-Modified`,
no `Cache-Control`. A browser may then keep nothing, so every load of /admin/ fetched Decap's
5 MB bundle again and compiled it again (0.6 s of each load of /admin/ in the web editor's
tests on this 2-core machine, 40 %; session 41). These files are the package's own (site/webeditor.vendored,
copied unchanged into every build's admin/decap/), so the preview answers them from the
package: with an `ETag` (a hash of the bytes) and `Cache-Control: no-cache`, which lets the
browser keep the file and the code compiled from it, and asks it to check at every load; a
check whose tag still matches is answered `304 Not Modified` with no body.

Why `no-cache` and not a long `max-age`/`immutable`: the addresses carry no version
(`decap/decap-cms.js`), so after `pip install -U bantin` a browser holding a year-long copy
would run the old Decap under the new bantin-admin.js. A check on 127.0.0.1 costs a round
trip on this computer; the tag is the bytes' own hash, so a new bundle is never taken for the
old one.

The package's copy is answered only while the served build has the same file (a site whose
build made no /admin/ still gets MkDocs' 404), and without waiting for a rebuild in progress:
the bytes are the package's, which no rebuild changes.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Callable, Iterable

from bantin.site.webeditor import ADMIN, vendored

DECAP = "decap"  # the folder of /admin/ that holds the vendored bundle
CACHE_CONTROL = "no-cache"  # keep it, but ask at every use (the addresses carry no version)


class VendoredFiles:
    """The bytes and tags of admin/decap/*, read from the package at the first request."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, str]] | None = None
        self._lock = threading.Lock()

    def _table(self) -> dict[str, tuple[bytes, str]]:
        with self._lock:
            if self._files is None:
                files = {}
                for name, data in vendored():
                    folder, _, leaf = name.partition("/")
                    if folder == DECAP and leaf and "/" not in leaf:
                        files[leaf] = (data, '"' + hashlib.sha256(data).hexdigest()[:32] + '"')
                self._files = files
            return self._files

    def answer(self, parts: list[str], root: str, environ: dict, start_response: Callable,
               content_type: Callable[[str], str]) -> Iterable[bytes] | None:
        """The response for a request whose path inside the site is `parts`, or None when it is
        not one of these files (or the served build in `root` has none: MkDocs answers)."""
        if len(parts) != 3 or parts[0] != ADMIN or parts[1] != DECAP:
            return None
        found = self._table().get(parts[2])
        if found is None or not os.path.isfile(os.path.join(root, *parts)):
            return None
        data, tag = found
        headers = [("ETag", tag), ("Cache-Control", CACHE_CONTROL)]
        if _matches(environ.get("HTTP_IF_NONE_MATCH", ""), tag):
            start_response("304 Not Modified", headers)
            return []
        start_response("200 OK", [("Content-Type", content_type(parts[2])), ("Content-Length", str(len(data)))]
                       + headers)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [data]


def _matches(header: str, tag: str) -> bool:
    """Whether an If-None-Match header names `tag` (weak or strong, RFC 9110 §13.1.2: a GET
    compares weakly) or is `*`. Split on commas only: linear in the header's length."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == tag:
            return True
    return False
