"""`bantin serve-site`: the built site served as a real host serves it (issue 14, operators).

Python's `http.server` lists folders, answers a missing page with its own English error
page and needs the `.html` an offline copy would have, so an editor previewing `site/` with
it sees neither our 404 page nor the addresses readers get. This server answers like the
configurations in docs/hosting.md: `/a/` serves `a/index.html`, `/a` redirects to `/a/`
when `a/` is a folder, `/a` serves `a.html` when there is one, and anything else is our
`404.html` with status 404. Text (pages, stylesheets, scripts, the search index, feeds) is
sent gzip-compressed to a browser that accepts it, as every host of docs/hosting.md does: a
reader's first page is then the ~100 KB the budget counts, not 350-450 KB (an outsider's
trial on throttled 3G, session 42), and a Lighthouse run against the preview measures what
readers get.

Confined to its folder by construction: `.` and `..` segments (also percent-encoded), empty
segments, backslashes, NUL and hidden names (also reached through a link) are not found; every file is resolved (symbolic
links followed) and served only when the result is a regular file inside the folder, so a
link out of the folder is not found either. It listens on 127.0.0.1 unless told otherwise,
lists no folder, and writes nothing. A preview tool: not a production server.
"""

from __future__ import annotations

import gzip
import ipaddress
import mimetypes
import os
import re
import shutil
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

NOT_FOUND_PAGE = "404.html"
# What real hosts send for the files a build writes (mimetypes alone depends on the machine).
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".gz": "application/gzip", ".woff2": "font/woff2", ".woff": "font/woff", ".map": "application/json",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".zip": "application/zip",
    ".mp3": "audio/mpeg", ".mp4": "video/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav", ".csv": "text/csv; charset=utf-8",
}
# What is compressed (nginx's `gzip_types` in docs/hosting.md, and HTML): text. Up to a size:
# compressed in memory, once per version of the file (`_Compressed`).
COMPRESSED = frozenset((".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".map", ".csv"))
COMPRESS_MAX = 8 * 1024 * 1024
FALLBACK_404 = ("<!doctype html><meta charset=utf-8><title>Không tìm thấy trang</title>"
                "<h1>Không tìm thấy trang (404)</h1>").encode()


@dataclass(frozen=True)
class Answer:
    """What to answer a request: a status, the file to send (None: no body of ours), and
    the address of a redirect."""

    status: int
    file: Path | None = None
    location: str | None = None


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _inside(root: Path, candidate: Path) -> Path | None:
    """The resolved regular file `candidate` when it lies in `root` (already resolved), else None."""
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links, a name too long
        return None
    if real != root and root not in real.parents:
        return None
    if any(part.startswith(".") for part in real.relative_to(root).parts):  # `vis -> .hidden` too
        return None
    return real if real.is_file() else None


def _folder(root: Path, candidate: Path) -> bool:
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return (real == root or root in real.parents) and real.is_dir()


def answer(root: Path, target: str) -> Answer:
    """The answer to a request for `target` (the request line's path, query included)."""
    root = root.resolve()
    raw = urlsplit(target).path
    path = unquote(raw)
    if not path.startswith("/") or "\\" in path or "\x00" in path:
        return _not_found(root)
    segments = path[1:].split("/")
    folder_request = segments[-1] == ""
    if folder_request:
        segments = segments[:-1]
    if any(s in ("", ".", "..") or s.startswith(".") for s in segments):
        return _not_found(root)
    candidate = root.joinpath(*segments) if segments else root
    if folder_request:
        found = _inside(root, candidate / "index.html")
        return Answer(200, found) if found else _not_found(root)
    found = _inside(root, candidate)
    if found:
        return Answer(200, found)
    if _folder(root, candidate) and _inside(root, candidate / "index.html"):
        query = urlsplit(target).query
        return Answer(301, location=raw + "/" + (f"?{query}" if query else ""))
    found = _inside(root, candidate.with_name(candidate.name + ".html"))
    return Answer(200, found) if found else _not_found(root)


def answer_under(root: Path, target: str, prefix: str = "/") -> Answer:
    """`answer` for a site whose `site_url` has a path (`/bantin-quangtri/`), served under it as
    its host will: the 404 page asks for `/bantin-quangtri/assets/…`, which a site served at `/`
    does not have, so a province's preview showed it unstyled and invited removing the path from
    `site_url` (a province's trial, session 41). `/` goes to the path, the path without its `/`
    gets one, any other address outside it is our 404 page.

    `prefix` is `site_path`'s percent-encoded form; the request's segments are compared with it
    decoded, one segment at a time, so `/b%e1%ba%a3n-tin/` reaches a site at `/bản-tin/` while
    `%2F` inside a segment never stands for the `/` between two (the session 41 review, M3)."""
    if prefix == "/":
        return answer(root, target)
    parts = urlsplit(target)
    query = f"?{parts.query}" if parts.query else ""
    if parts.path in ("", "/"):
        return Answer(302, location=prefix + query)
    wanted = [unquote(s) for s in prefix.strip("/").split("/")]
    segments = parts.path[1:].split("/") if parts.path.startswith("/") else []
    if [unquote(s) for s in segments[:len(wanted)]] != wanted:
        return _not_found(root.resolve())
    rest = segments[len(wanted):]
    if not rest:
        return Answer(301, location=prefix + query)
    found = answer(root, "/" + "/".join(rest) + query)
    return replace(found, location=prefix[:-1] + found.location) if found.location else found


def request_target(sent: str) -> str:
    """The request line's path as ASCII: `http.server` reads it as Latin-1, so a client that
    sends `/bản-tin/` unencoded (curl, a script) gives one character per byte; each byte outside
    printable ASCII becomes its `%XX`, which `unquote` reads back as UTF-8. Every address built
    from it (a redirect's `Location`) is then ASCII, as an HTTP header must be."""
    return _UNSAFE_IN_TARGET.sub(lambda found: "".join(f"%{byte:02X}" for byte in _bytes(found.group())), sent)


_UNSAFE_IN_TARGET = re.compile(r"[^\x21-\x7e]+")
PATH_SAFE = "-._~!$&'()*+,;=:@"  # RFC 3986 pchar without `%`: kept as written in a path segment


def _bytes(text: str) -> bytes:
    return text.encode("latin-1") if all(ord(c) < 256 for c in text) else text.encode("utf-8")


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"<>]{1,2000})"')


def site_path(root: Path) -> str:
    """The path of `site_url` the built site was made for (`/bantin-quangtri/`), read from its
    home page's canonical link (the home page is `site_url` itself); `/` when there is none (an
    offline copy, a site at the root) or when it is not a plain path. Given percent-encoded
    (`/b%E1%BA%A3n-tin/` for `/bản-tin/`, which MkDocs writes as is), the form a browser sends
    and a `Location` header can carry. Plain: every segment, decoded, is a name a folder can
    have (not empty, `.`, `..`, and without `/`, `\\`, control characters or spaces written raw)."""
    try:
        with open(root / "index.html", "rb") as page:
            head = page.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        return "/"
    found = _CANONICAL.search(head)
    path = urlsplit(found.group(1)).path if found else ""
    if not path.startswith("/") or not path.strip("/"):
        return "/"
    names = [unquote(s) for s in path.strip("/").split("/")]
    if any(not _plain(raw) for raw in path.strip("/").split("/")) or any(not _folder_name(n) for n in names):
        return "/"
    return "/" + "/".join(quote(n, safe=PATH_SAFE) for n in names) + "/"


def _plain(raw: str) -> bool:
    """A segment as written in the canonical link: no space, no control character."""
    return all(c.isprintable() and not c.isspace() for c in raw)


def _folder_name(name: str) -> bool:
    """A decoded segment a folder on the host can be named."""
    return name not in ("", ".", "..") and not any(c in "/\\" or not c.isprintable() for c in name)


def _not_found(root: Path) -> Answer:
    return Answer(404, _inside(root, root / NOT_FOUND_PAGE))


SENDING_TIMEOUT = 600  # seconds a reader may leave a download paused


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header accepts gzip: `gzip` listed without `q=0`, or else `*`
    (RFC 9110: a coding named outranks `*`, so `*;q=0, gzip` accepts it); `Q=` as `q=`."""
    said = {}
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        quality = re.search(r"q\s*=\s*([0-9.]+)", params, re.IGNORECASE)
        try:
            said.setdefault(name.strip().lower(), quality is None or float(quality.group(1)) > 0)
        except ValueError:
            said.setdefault(name.strip().lower(), False)
    return said.get("gzip", said.get("x-gzip", said.get("*", False)))


class _Compressed:
    """Compressed bodies by (path, size, modification time), the least recently sent dropped
    past `budget` bytes: a commune hall's readers ask for the same pages and scripts, and a
    rebuilt file is compressed anew (its time or size changed)."""

    def __init__(self, budget: int = 64 * 1024 * 1024):
        self.budget, self.used = budget, 0
        self.bodies: OrderedDict[tuple, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, path: Path, handle) -> bytes:
        """`handle`'s words compressed, keyed by the opened file's own `fstat`: a `stat` of the
        path, taken after the open, may be of a file a rebuild renamed over it (its key would
        then hold the old words) or of none (removed: an exception, no answer)."""
        stat = os.fstat(handle.fileno())
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self.lock:
            if key in self.bodies:
                self.bodies.move_to_end(key)
                return self.bodies[key]
        body = gzip.compress(handle.read(), compresslevel=6, mtime=0)
        with self.lock:
            if key not in self.bodies:
                self.bodies[key] = body
                self.used += len(body)
            while self.used > self.budget and self.bodies:
                self.used -= len(self.bodies.popitem(last=False)[1])
        return body


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the folder's files; other methods get http.server's 501."""

    server_version = "bantin-serve-site"
    sys_version = ""
    timeout = 30  # a request that does not come is given up, not kept with its thread for ever

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._send(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(body=False)

    def _send(self, body: bool) -> None:
        found = answer_under(self.server.root, request_target(self.path), self.server.prefix)
        self.send_response(found.status)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        if found.location:
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if found.file is None:
            self.send_header("Content-Type", TYPES[".html"])
            self.send_header("Content-Length", str(len(FALLBACK_404)))
            self.end_headers()
            if body:
                self.wfile.write(FALLBACK_404)
            return
        try:
            handle = open(found.file, "rb")
        except OSError:
            self.send_error(404)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self.send_header("Content-Type", content_type(found.file))
            if found.file.suffix.lower() in COMPRESSED and size <= COMPRESS_MAX:
                self.send_header("Vary", "Accept-Encoding")
                if accepts_gzip(self.headers.get("Accept-Encoding")):
                    self._send_compressed(self.server.compressed.get(found.file, handle), body)
                    return
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if body:
                # `timeout` is for a request that never comes; a reader's paused download of a
                # large attachment may wait minutes between two reads
                self.connection.settimeout(SENDING_TIMEOUT)
                shutil.copyfileobj(handle, self.wfile)
                self.connection.settimeout(self.timeout)

    def _send_compressed(self, data: bytes, body: bool) -> None:
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, address: tuple[str, int], prefix: str = "/"):
        self.root = Path(root).resolve()
        self.prefix = prefix  # the path of site_url the site is served under (site_path)
        self.compressed = _Compressed()
        super().__init__(address, Handler)


def loopback(host: str) -> bool:
    """True for an address only this machine reaches (127.0.0.0/8, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `:PORT` or `PORT` → (host, port); 127.0.0.1 by default. ValueError when wrong."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    number = int(port)
    if not 0 <= number <= 65535:
        raise ValueError(port)
    return host, number
