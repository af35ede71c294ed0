"""docs/hosting.md's server blocks, read and run: shared by tests/test_hosting.py and
scripts/secondpage.py, so that both serve exactly what the document says."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "hosting.md"


def block(name: str) -> str:
    """The fenced block after `<!-- hosting: name -->` in docs/hosting.md."""
    found = re.findall(rf"<!-- hosting: {name} -->\n```\w*\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(found) == 1, f"docs/hosting.md: one block marked `hosting: {name}` expected, found {len(found)}"
    return found[0] + "\n"


def substitute(text: str, *pairs: tuple[str, str]) -> str:
    """Replace each text that must occur exactly once: the caller follows the document or fails."""
    for old, new in pairs:
        assert text.count(old) == 1, f"docs/hosting.md: `{old}` expected once in the block, found {text.count(old)}"
        text = text.replace(old, new)
    return text


def nginx_server(port: int, site: Path) -> str:
    """The document's nginx server block on 127.0.0.1:port, serving site."""
    return substitute(block("nginx"), ("listen 80;", f"listen 127.0.0.1:{port};"), ("    listen [::]:80;\n", ""),
                      ("root /var/www/bantin/site;", f"root {site};"))


def nginx_main(work: Path, includes: list[str]) -> Path:
    """A main nginx.conf in work (pid, logs and temporary files there) that includes the given
    files at the http level; returns its path (`nginx -c it -p work`)."""
    temp = work / "temp"
    temp.mkdir(exist_ok=True)
    main = work / "nginx.conf"
    main.write_text("\n".join([
        "daemon off;", f"pid {work}/nginx.pid;", f"error_log {work}/error.log;",
        "user root;" if os.geteuid() == 0 else "", "events {}", "http {",
        "    include /etc/nginx/mime.types;", "    default_type application/octet-stream;", "    access_log off;",
        *(f"    {kind}_temp_path {temp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        *(f"    include {path};" for path in includes), "}", ""]), encoding="utf-8")
    return main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"server stopped ({process.returncode}): {log.read_text() if log and log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")
