"""Browser test support: the sample site built once, served on 127.0.0.1, Chromium via Playwright.

The server answers unknown paths with the site's 404.html and status 404, as GitHub Pages
and common web servers are configured to, so the 404 page is tested at any depth.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BANTIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def build_sample(dest: Path, offline: bool = False) -> Path:
    """Build the repository's sample site into dest (atomic build, as `make site` does); the
    site's own folder: for the offline copy that is dest/ban-tin/, beside the start file
    dest/MO-BAN-TIN.html (outputs/offlinecopy.py)."""
    command = [sys.executable, "-m", "bantin.cli", "build", "--site-dir", str(dest)] + (["--offline"] if offline else [])
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise AssertionError(done.stdout)
    return dest / "ban-tin" if offline else dest


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    # Paths answered 404, in order: a browser's own requests (the tab's icon) are no page event.
    MISSING: list[str] = []

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def end_headers(self) -> None:
        # linkchecker's documented opt-in for checking a host at full speed (it otherwise
        # waits 0.1-0.6 s between requests to one host: a minute for the sample site).
        self.send_header("LinkChecker", "full-speed")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            SiteHandler.MISSING.append(self.path)
        page = Path(self.directory, "404.html")
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path):
    """Start a server on a free port; returns (base URL, stop function)."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server.shutdown


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
