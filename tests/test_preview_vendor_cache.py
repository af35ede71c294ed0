"""`bantin edit`'s preview sends Decap's vendored files with a validator (adapter/vendorfiles.py).

MkDocs' server sent the 5 MB bundle with no `ETag` nor `Cache-Control`, so every load of
/admin/ fetched and compiled it again (session 40's probe; 0.5-0.6 s a load here). The
preview's own WSGI application is called as its server calls it (no socket, no build: a
folder that looks like a build's), so each case reads exactly the status, headers and body
a browser gets.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

from bantin.adapter import preview, vendorfiles
from bantin.site import webeditor

DECAP = resources.files("bantin") / webeditor.VENDOR / "decap"
BUNDLE = (DECAP / "decap-cms.js").read_bytes()


def built(tmp_path: Path) -> Path:
    """A served folder as a build with the web editor leaves it: admin/decap/ the package's files."""
    site = tmp_path / "site"
    (site / "admin" / "decap").mkdir(parents=True)
    for entry in DECAP.iterdir():
        if entry.is_file():
            (site / "admin" / "decap" / entry.name).write_bytes(entry.read_bytes())
    (site / "admin" / "index.html").write_text("<html><body>biên tập</body></html>", encoding="utf-8")
    return site


def server(root: Path, mount: str = "/"):
    """The preview's server class, as `bantin edit` makes it, not bound to a port."""
    made = preview._server_class(preview.Failures())(lambda: None, "127.0.0.1", 0, str(root), mount_path=mount)
    made.server_close()  # never bound (bind_and_activate=False): nothing listens
    return made


def ask(app, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    """(status, headers, body) of a GET of `path`, as the WSGI server would send them."""
    said = {}

    def start_response(status, header_list, exc_info=None):
        said["status"], said["headers"] = status, dict(header_list)

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", **{f"HTTP_{k.upper()}": v for k, v in headers.items()}}
    body = b"".join(app.serve_request(environ, start_response))
    return said["status"], said["headers"], body


def test_the_bundle_has_a_tag_and_a_second_load_is_answered_not_modified(tmp_path):
    app = server(built(tmp_path))
    status, headers, body = ask(app, "/admin/decap/decap-cms.js")
    assert status == "200 OK" and body == BUNDLE
    assert headers["Content-Length"] == str(len(BUNDLE)) and "javascript" in headers["Content-Type"]
    assert headers["Cache-Control"] == "no-cache"  # kept, and checked at every load: the address has no version
    tag = headers["ETag"]
    assert tag == '"' + hashlib.sha256(BUNDLE).hexdigest()[:32] + '"'
    status, again, body = ask(app, "/admin/decap/decap-cms.js", if_none_match=tag)
    assert status.startswith("304") and body == b"" and again["ETag"] == tag
    for header in (f'W/{tag}', f'"other", {tag}', "*"):
        assert ask(app, "/admin/decap/decap-cms.js", if_none_match=header)[0].startswith("304"), header
    # Another tag (an older bantin's bundle) gets the whole file.
    status, _, body = ask(app, "/admin/decap/decap-cms.js", if_none_match='"' + "0" * 32 + '"')
    assert status == "200 OK" and body == BUNDLE
    # Each chunk has its own tag.
    status, chunk, body = ask(app, "/admin/decap/103.decap-cms.js")
    assert status == "200 OK" and body == (DECAP / "103.decap-cms.js").read_bytes() and chunk["ETag"] != tag


def test_a_site_under_a_path_and_mkdocs_own_spellings_of_the_path(tmp_path):
    app = server(built(tmp_path), mount="/ban-tin/")
    for path in ("/ban-tin/admin/decap/decap-cms.js", "/ban-tin//admin/./decap/decap-cms.js"):
        status, headers, body = ask(app, path)
        assert status == "200 OK" and body == BUNDLE and "ETag" in headers, path


def test_only_the_vendored_files_the_build_has_are_answered(tmp_path):
    """A name that is not a vendored file, a path climbing out, or a build without /admin/ gets
    MkDocs' own answer (404 or the site's file without a tag): nothing else comes from the package."""
    site = built(tmp_path)
    (site / "admin" / "decap" / "them.js").write_text("// không phải của gói", encoding="utf-8")
    app = server(site)
    status, headers, body = ask(app, "/admin/decap/them.js")
    assert status == "200 OK" and "ETag" not in headers and body == "// không phải của gói".encode()
    for path in ("/admin/decap/../../../etc/passwd", "/admin/decap/khong-co.js", "/admin/decap/decap/decap-cms.js"):
        status, headers, _ = ask(app, path)
        assert status.startswith("404") and "ETag" not in headers, path
    status, headers, body = ask(app, "/admin/index.html")  # the page itself: MkDocs', no tag
    assert status == "200 OK" and "ETag" not in headers and "biên tập".encode() in body
    shutil.rmtree(site / "admin")
    status, headers, _ = ask(server(site), "/admin/decap/decap-cms.js")
    assert status.startswith("404") and "ETag" not in headers


def test_the_bundle_is_not_held_by_a_rebuild(tmp_path):
    """MkDocs holds every file request while a rebuild runs; the package's bytes no rebuild
    changes, so a load of the editor during one gets its bundle at once."""
    app = server(built(tmp_path))
    app._wanted_epoch = app._visible_epoch + 1  # a rebuild under way, never finished here
    answers = []
    asking = threading.Thread(target=lambda: answers.append(ask(app, "/admin/decap/decap-cms.js")), daemon=True)
    asking.start()
    asking.join(30)  # MkDocs' path would wait for the rebuild for ever
    assert answers, "the bundle waited for the rebuild"
    status, _, body = answers[0]
    assert status == "200 OK" and body == BUNDLE


@pytest.mark.parametrize("header", ['"a",' * 200_000, " " * 1_000_000 + "W/", "W/" * 500_000])
def test_a_hostile_if_none_match_is_read_in_linear_time(header):
    started = time.process_time()
    assert not vendorfiles._matches(header, '"' + "f" * 32 + '"')
    assert time.process_time() - started < 2
