"""Reproductions from the hostile review of issue 12 (review branch): each test pins a promise of
DESIGN §7 that the current code breaks. They are `xfail(strict=True)`: the suite stays green
while the bug is there, and the fix turns each into an XPASS failure, the signal to drop the mark.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from bantin.content.fields import alias_problem
from bantin.content.sanitize import clean, host_allowed
from sitekit import article, build, write_site



def test_editor_html_cannot_replace_the_theme_configuration(tmp_path):
    """Material reads its configuration with querySelector('#__config'): the first element with
    that id wins, and the article body comes before the theme's <script id="__config">. With
    `base` and `features: [navigation.instant]` from the editor, a click on an ordinary link runs
    the linked host's <script> on our origin (shown in Chromium during the review)."""
    config = {"base": "https://evil.example/", "features": ["navigation.instant"], "search": "x",
              "translations": {}, "version": None}
    body = f'<div class="bt-print-only" id="__config">{json.dumps(config)}</div>\n\n[văn bản](https://evil.example/x/)\n'
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a", body=body)})
    build(tmp_path)
    page = (tmp_path / "site" / "tin-tuc" / "tin-a" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'<[a-z]+\b[^>]*\bid="__config"', page)
    assert first is not None and first.group(0).startswith("<script"), first and first.group(0)


def test_iframe_host_is_the_host_a_browser_loads():
    """`https://evil.example\\@www.youtube.com/` is evil.example to a browser (WHATWG: `\\` ends the
    host of http(s) URLs) and www.youtube.com to urllib.parse."""
    url = "https://evil.example\\@www.youtube.com/embed/x"
    assert not host_allowed(url, ("youtube.com",))
    assert "evil.example" not in clean(f'<iframe src="{url}"></iframe>', ("youtube.com",))


@pytest.mark.parametrize("alias", ["/web.config", "/tin-tuc/web.config", "/_headers", "/_redirects"])
def test_alias_cannot_write_web_server_configuration(alias):
    """An alias file is a redirect page; named web.config (IIS: HTTP 500.19 for the whole site or
    folder) or _headers/_redirects (Netlify, Cloudflare Pages) it is read as server configuration,
    as .htaccess is, which alias_problem already refuses."""
    assert alias_problem(alias) is not None


def test_build_into_a_pages_checkout_keeps_its_git_folder(tmp_path):
    """`bantin build -d ../org.github.io` (a checkout with index.html and .git) deleted `.git`,
    `.well-known/` and `CNAME` without a word, exit 0; `mkdocs build -d` keeps dotfiles
    (clean_directory skips them). Either refuse such a folder or keep what the build does not own."""
    project = write_site(tmp_path / "p", {"tin-tuc/a.md": article("Tin A", slug="tin-a")})
    out = tmp_path / "pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "index.html").write_text("<p>old</p>")
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "build", "-d", str(out)], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert done.returncode != 0 or (out / ".git" / "HEAD").exists(), done.stderr[-500:]


def test_unreferenced_files_are_published_as_what_they_are(tmp_path):
    """An unreferenced `.png` holding HTML, and a `.pdf` symlink to a draft's Markdown, are
    published with no message: the draft's title and body leave the building."""
    draft = article("Nháp mật", slug="nhap", draft=True, body="Nội dung chưa công bố.\n")
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a"), "tin-tuc/nhap.md": draft,
                          "images/anh.png": b"<html><script>alert(1)</script>", "tai-lieu/.keep": ""})
    os.symlink("../tin-tuc/nhap.md", tmp_path / "content" / "tai-lieu" / "ban-thao.pdf")
    done = build(tmp_path, check=False)
    site = tmp_path / "site"
    published = [p for p in ("images/anh.png", "tai-lieu/ban-thao.pdf") if (site / p).exists()]
    assert done.returncode != 0 or not published, published


def test_logo_in_content_is_checked_like_any_file(tmp_path):
    """theme.logo/favicon inside content/ are exempt from the inventory: an editor's change to
    content/images/logo.svg publishes script on our origin (open /images/logo.svg)."""
    write_site(tmp_path, {"tin-tuc/a.md": article("Tin A", slug="tin-a"),
                          "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'})
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["logo"] = "images/logo.svg"
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    done = build(tmp_path, check=False)
    logo = tmp_path / "site" / "images" / "logo.svg"
    assert done.returncode != 0 or not logo.exists() or "onload" not in logo.read_text(encoding="utf-8")
