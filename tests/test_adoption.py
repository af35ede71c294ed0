"""The steps a province's IT person follows to install Bản tin and make a site (an outsider's
trial, session 39): README.md said `pip install 'bantin @ git+…@<tag>'` and the site's README
"change to the new version tag", but the repository has no tags and every commit is 0.1.0; and
the steps were only in English. A version is a commit until maintainers tag releases."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from sitekit import ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# `…/bantin@v0.1.0`, `…/bantin.git@<tag>`: a git requirement pinned to a tag (or a tag's placeholder).
_TAGGED = re.compile(r"bantin(?:\.git)?@(v[0-9][\w.\-]*|<tag>|<thẻ[^>]*>)")
SHOWN = ("README.md", "plugins/bantin/starter/README.md", "plugins/bantin/starter/requirements.txt",
         "plugins/bantin/cli/init.py", "plugins/bantin/tools/starter.py")


def _tags() -> set[str]:
    return set(subprocess.run(["git", "-C", str(ROOT), "tag", "-l"], check=True, text=True,
                              stdout=subprocess.PIPE).stdout.split())


def test_a_province_is_shown_only_tags_the_repository_has(tmp_path):
    tags = _tags()
    for name in SHOWN:
        shown = set(_TAGGED.findall((ROOT / name).read_text(encoding="utf-8")))
        assert shown <= tags, (name, sorted(shown - tags))
    # What `init` prints and writes when it cannot tell where Bản tin came from (this checkout).
    site = tmp_path / "s"
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "init", str(site)], env=ENV, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    written = done.stdout + (site / "requirements.txt").read_text(encoding="utf-8")
    assert set(_TAGGED.findall(written)) <= tags and "git ls-remote" in written, written
    readme = (site / "README.md").read_text(encoding="utf-8")
    upgrade = readme[readme.index("## Nâng cấp Bản tin"):]
    assert "thẻ phiên bản mới" not in upgrade and "git ls-remote" in upgrade and "refs/heads/main" in upgrade


def test_the_install_steps_are_also_in_vietnamese():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Trang của một tỉnh: cài Bản tin và tạo trang")
    english = readme.index("## A new province's site")
    assert start < english  # the province's IT person reads theirs first
    steps = readme[start:english]
    for command in ("git ls-remote https://<máy chủ>/<tổ chức>/bantin refs/heads/main",
                    ".venv/bin/pip install 'bantin @ git+https://<máy chủ>/<tổ chức>/bantin@<mã commit>'",
                    ".venv/bin/bantin --version",
                    '.venv/bin/bantin init so-tu-phap --agency "Sở Tư pháp tỉnh …" --site-url https://phapluat.….gov.vn/',
                    "bantin-0.1.0+20260501.g1a2b3c4-py3-none-any.whl", "Nâng cấp Bản tin"):
        assert command in steps, command
    # The English steps say the same: the commit, not a tag, and how to find it.
    assert "bantin@<commit>'" in readme[english:] and "git ls-remote" in readme[english:]
