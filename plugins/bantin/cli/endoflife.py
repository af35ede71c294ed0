"""The engine's end of life, told to technical maintainers and never to editors (docs/platform.md).

Material for MkDocs prints its own English banner only when the command is `mkdocs`, and
`bantin` sets NO_MKDOCS_2_WARNING anyway: editors must not be alarmed by what they cannot
act on. Maintainers read CI logs and `bantin --version`, so the notice goes there: at the
END of a successful `bantin build` when CI is set (GitHub Actions and GitLab CI set it),
and always in `bantin --version`. Editors who use the web editor read the same CI log for
their own errors (.github/workflows/publish.yml): a failed build never prints the notice,
so what they see is their `ERROR tin-tuc/a.md:4 …` lines, and its wording stays calm
before and after the date (the site keeps building; nothing for an editor to do).
Never in `check`, `serve`, `new`, `ids`, nor in the built site.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from importlib import metadata

from bantin.tools.sitedocs import PLATFORM_NAMED

MATERIAL_END_OF_LIFE = date(2027, 5, 5)  # printed by mkdocs-material 9.8.1 (docs/platform.md)
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "properdocs")


def notice(today: date) -> str:
    """The technical maintainers' notice on `today`: in Vietnamese, calm, with the date, what it
    means, what to do, and where the plan is (docs/platform.md, in English: a province's site has
    its copy in tai-lieu-ban-tin/, since a province on the wheel route cannot reach our repository)."""
    eol = f"{MATERIAL_END_OF_LIFE.day}/{MATERIAL_END_OF_LIFE.month}/{MATERIAL_END_OF_LIFE.year}"
    if today < MATERIAL_END_OF_LIFE:
        state = (f"Material for MkDocs, giao diện mà Bản tin dựng trên, sẽ ngừng được bảo trì từ ngày {eol} "
                 f"(còn {(MATERIAL_END_OF_LIFE - today).days} ngày); MkDocs 1.x cũng không còn được bảo trì. "
                 "Trang vẫn dựng và chạy bình thường, trước và sau ngày đó.")
    else:
        state = (f"Material for MkDocs, giao diện mà Bản tin dựng trên, đã ngừng được bảo trì từ ngày {eol}; "
                 "MkDocs 1.x cũng không còn được bảo trì. Trang vẫn dựng và chạy bình thường; "
                 "bản sửa cho giao diện, nếu cần, sẽ đến cùng các phiên bản mới của Bản tin.")
    return (f"Ghi chú cho người quản trị kỹ thuật (biên tập viên không cần làm gì): {state} "
            "Việc cần làm: cập nhật Bản tin khi có phiên bản mới. "
            f"Kế hoạch chuyển đổi (tiếng Anh): {PLATFORM_NAMED}.")


def for_maintainers() -> bool:
    """True in CI, where maintainers read the log; editors' own machines do not set CI."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def tell_maintainers(stream=None) -> None:
    """After a successful `bantin build`: the notice on stderr, in CI only."""
    if for_maintainers():
        print(notice(date.today()), file=stream or sys.stderr)


def this_bantin() -> str:
    """The installed Bản tin as the first line of `--version` names it (`bantin 0.1.0 (git 1a2b3c4)`)."""
    try:
        version = metadata.version("bantin")
    except metadata.PackageNotFoundError:
        return "bantin (không rõ phiên bản)"
    return f"bantin {version}" + (origin() or built_from(version))


def version_text() -> str:
    """`bantin --version`: our version (and the commit it was installed or built from), the
    installed engines, and the notice."""
    found = []
    for name in ("bantin", *ENGINE_PACKAGES):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(f"{name} {version}" + ((origin() or built_from(version)) if name == "bantin" else ""))
    return ", ".join(found) + "\n" + notice(date.today())


_BUILT = re.compile(r"[0-9][0-9.]*\+(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})\.g(?P<commit>[0-9a-f]{7})"
                    r"(?P<dirty>\.dirty)?")


def built_from(version: str) -> str:
    """`" (commit 1a2b3c4 ngày 1/5/2026)"` for a wheel `make dist` built (scripts/dist.py puts the
    commit's date and hash in its version, `0.1.0+20260501.g1a2b3c4`), else "".

    An administrator on the offline route (the wheel in the site's `vendor/`) compares this
    line before and after an upgrade; the date says which of two builds is the newer.
    """
    found = _BUILT.fullmatch(version)
    if not found:
        return ""
    day = f"{int(found['day'])}/{int(found['month'])}/{found['year']}"
    dirty = ", có sửa đổi chưa commit" if found["dirty"] else ""
    return f" (commit {found['commit']} ngày {day}{dirty})"


def origin(direct_url: str | None = None) -> str:
    """`" (git 9ed9377, v0.2.0)"` when pip installed Bản tin from git (PEP 610 `direct_url.json`).

    Every commit is version 0.1.0 so far: without the commit a province's administrator cannot
    tell whether an upgrade took (pip keeps the installed copy when only the git ref changes).
    """
    if direct_url is None:
        try:
            direct_url = metadata.distribution("bantin").read_text("direct_url.json")
        except metadata.PackageNotFoundError:
            return ""
    try:
        vcs = (json.loads(direct_url or "{}").get("vcs_info") or {})
    except (ValueError, AttributeError):
        return ""
    commit, asked = str(vcs.get("commit_id", ""))[:7], str(vcs.get("requested_revision", ""))
    if vcs.get("vcs") != "git" or not re.fullmatch(r"[0-9a-f]{7}", commit):
        return ""
    shown = asked if re.fullmatch(r"[\w.\-/]{1,60}", asked) and not asked.startswith(commit) else ""
    return f" (git {commit}" + (f", {shown}" if shown else "") + ")"


class VersionAction(argparse.Action):
    """`--version`, with the versions looked up only when asked for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()
