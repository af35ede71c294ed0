"""Hostile-input review of issue 14's change: each test pins one finding (see the commits)."""

from __future__ import annotations

import pytest

from bantin.site.redirectmap import parse_redirect_map
from bantin.tools import starter
from bantin.tools.importer.webserver import apache_redirects, nginx_redirects


# --- redirect map → Apache rules ------------------------------------------------------------
# Apache's RewriteRule matches the decoded path, so webserver.py unquotes the old path; a
# `%0A` (or `%09`, `%00`) there became a real line break (or argument separator) in the
# configuration: a map line from a hostile old portal could add directives of its own.

@pytest.mark.parametrize("encoded", ["%0A", "%0d", "%09", "%00", "%0b", "%7F", "%C2%85"])
def test_a_percent_encoded_control_character_in_an_old_path_is_refused(encoded):
    line = f"http://cu.gov.vn/a{encoded}Alias%09/x%09/etc/.aspx /tin-tuc/a/\n"
    pairs, problems = parse_redirect_map(line, "redirects/old-host.map")
    assert pairs == [] and len(problems) == 1 and problems[0].line == 1
    assert "\n" not in apache_redirects(pairs).split("RewriteEngine On", 1)[1].strip()


def test_apache_rules_never_hold_a_control_character():
    pairs, _ = parse_redirect_map("http://cu.gov.vn/tin%20tuc/b%C3%A0i.aspx?id=1 /tin-tuc/bai/\n", "m")
    assert pairs  # a percent-encoded space or letter is still an address
    for text in (apache_redirects(pairs), nginx_redirects(pairs)):
        body = text.replace("\n", "")
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in body)


# --- bantin init --package → requirements.txt ---------------------------------------------
# requirements.txt is read by pip in CI: a `--package` that is a pip option (`--index-url`,
# `-r`, `-e`, `--extra-index-url`) is not a requirement and would change where CI installs from.

@pytest.mark.parametrize("package", ["--index-url https://evil.example/simple", "-r /etc/passwd",
                                     "--extra-index-url=https://evil.example/", "-e git+https://evil.example/x"])
def test_init_refuses_a_package_that_is_a_pip_option(tmp_path, package):
    with pytest.raises(starter.InitError):
        starter.create(tmp_path / "site", starter.Answers(package=package))
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("package", ["bantin==0.1.0", "bantin @ git+https://github.com/bantin-vn/bantin@v0.1.0"])
def test_init_takes_a_requirement_or_a_git_url(tmp_path, package):
    starter.create(tmp_path / "site", starter.Answers(package=package))
    assert package in (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8")


# --- site_url placeholder check ---------------------------------------------------------------
# Browsers read `127.1`, `0x7f.1`, `0` and `::ffff:127.0.0.1` as loopback addresses, and IDNA
# maps the ideographic and full-width full stops to `.`: each slipped past the check.

@pytest.mark.parametrize("url", ["https://127.1/", "https://0/", "https://0x7f.1/", "https://[::ffff:127.0.0.1]/",
                                 "https://bantin.example\u3002org/", "https://bantin\uff0eexample\uff0eorg/"])
def test_site_url_placeholder_forms_a_browser_reads_the_same(url):
    from bantin.config.siteurl import placeholder_reason
    assert placeholder_reason(url) is not None


@pytest.mark.parametrize("url", ["https://phapluat.songlam.gov.vn/", "https://cafe.vn/", "https://10.0.0.5/",
                                 "https://face.cafe/", "https://192.168.1.10/ban-tin/"])  # hex letters, not an IP
def test_site_url_real_addresses_still_pass(url):
    from bantin.config.siteurl import placeholder_reason
    assert placeholder_reason(url) is None


# --- bantin edit: decap-server ------------------------------------------------------------------

def test_a_projects_env_file_cannot_open_decap_server_to_other_sites(tmp_path, monkeypatch):
    """decap-server loads the project's `.env` (dotenv), which never overrides a variable that
    is set: ORIGIN must be set (empty = decap-server's localhost-only rule), or `ORIGIN=*` in a
    `.env` of the repository lets any web page write files while `bantin edit` runs."""
    from bantin.cli import editing
    monkeypatch.delenv("ORIGIN", raising=False)
    assert editing.server_env(tmp_path, 8123)["ORIGIN"] == ""


def test_stopping_decap_server_stops_what_it_started(tmp_path, monkeypatch):
    """Through `npx`, decap-server is a child of npx: stopping npx alone left it listening."""
    import os
    import subprocess
    import sys
    import time
    from bantin.cli import editing

    if not hasattr(os, "killpg"):
        pytest.skip("process groups are POSIX")
    pidfile = tmp_path / "child.pid"
    # A parent that starts a long-lived child and waits, as npx does.
    script = ("import subprocess, sys, time\n"
              f"c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
              f"open({str(pidfile)!r}, 'w').write(str(c.pid))\n"
              "time.sleep(60)\n")
    monkeypatch.setattr(editing, "decap_server_command", lambda project: [sys.executable, "-c", script])
    real_popen = subprocess.Popen
    started = []
    monkeypatch.setattr(editing.subprocess, "Popen", lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
    monkeypatch.setattr(editing.socket, "create_connection", lambda *a, **k: _Connected())
    process = editing.start_server(tmp_path, editing.free_port())
    for _ in range(100):
        if pidfile.exists() and pidfile.read_text():
            break
        time.sleep(0.05)
    child = int(pidfile.read_text())
    editing.stop_server(process)
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(child, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.05)
    os.kill(child, 9)
    pytest.fail("the child of the stopped server is still running")


class _Connected:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# --- query redirect pages: a draft's address --------------------------------------------------
# A redirect map line whose new address is a draft (the draft's slug often says its title) was
# written into the published page at the old address, and sent readers to a missing page;
# `bantin redirects` already leaves such lines out of the servers' rules.

def test_a_query_redirect_page_never_names_a_draft(tmp_path):
    from sitekit import article, build, write_site
    root = write_site(tmp_path / "site", {
        "tin-tuc/da-dang.md": article("Bài đã đăng", slug="da-dang"),
        "tin-tuc/nhap.md": article("Kỷ luật cán bộ X", slug="ky-luat-can-bo-x", draft=True),
    })
    (root / "redirects").mkdir()
    (root / "redirects" / "old-host.map").write_text(
        "https://bantin.example.org/tin.html?id=1 /tin-tuc/da-dang/\n"
        "https://bantin.example.org/tin.html?id=2 /tin-tuc/ky-luat-can-bo-x/\n", encoding="utf-8")
    build(root)
    built = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (root / "site").rglob("*")
                    if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt", ".yml"))
    assert "da-dang" in (root / "site" / "tin.html").read_text(encoding="utf-8")
    assert "ky-luat-can-bo-x" not in built
