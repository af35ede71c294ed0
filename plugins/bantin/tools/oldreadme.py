"""The lines of a province's README.md that link Bản tin's repository the way the starter's
README did before session 39 (commit 070d8d9 copied the documents into `tai-lieu-ban-tin/`).

`bantin check` warns on such a line (tools/docsnotes.py): a province on the wheel route cannot
reach Bản tin's repository. The rule is the old starter's own forms, not the bare paths, because
a province writes its own README too: it may have copied the guide into its `content/bien-tap/`
(the old README suggested it), keep its own `docs/hosting.md`, or link its own repository's
files; a warning on those, on every push, would teach the IT person to ignore the check (a
hostile review, session 42). The old forms (tools/starter.guide_line and README.md, from git
history before 070d8d9), each on one line:
- `` `docs/hosting.md` của kho Bản tin `` (the README's own sentence);
- `` tệp `…` trong kho mã Bản tin (cùng phiên bản …) `` (no git address known);
- `` tệp `…` trong kho https://git.example.vn/so/bantin (phiên bản `1a2b3c4`) `` (another host);
- `<https://github.com/…/bantin/blob/REV/…>`, `<https://gitlab.com/…/-/blob/REV/…>`: a link into
  the repository requirements.txt installs Bản tin from, or its owner and name on another host
  (a mirror); on the wheel route, any repository called `bantin` (`_is_bantin`).
Read as NFC: a README saved on macOS may hold `Bản` as NFD letters.
"""

from __future__ import annotations

import re
import unicodedata

from bantin.tools import sitedocs

PROJECT = "bantin"  # Bản tin's repository's name, as the old starter's links carried it
# What the old README linked, and the copy in `tai-lieu-ban-tin/` to link instead.
PLACES = {"docs/hosting.md": sitedocs.HOSTING, "content/bien-tap/huong-dan-bien-tap.md": sitedocs.GUIDE,
          "docs/security.md": "security.md"}
_PATH = "|".join(re.escape(place) for place in PLACES)
_NAMED = re.compile(rf"`({_PATH})`\s+(?:của|trong)\s+kho\s+(?:mã\s+)?Bản\s+tin\b", re.I)
_IN_REPO = re.compile(rf"`({_PATH})`\s+trong\s+kho\s+<?(https?://[^\s<>()`]+)>?", re.I)
_LINKED = re.compile(rf"(https?://[^\s<>()\[\]`]+?)(?:/-)?/blob/[^/\s<>()]+/({_PATH})(?![\w./-])", re.I)
_VERSION_NOTE = re.compile(r"\s*\(phiên\s+bản\b", re.I)
# `bantin @ git+https://host/owner/name[.git][@rev]` in requirements.txt (a user or token: not read)
_GIT = re.compile(r"\s*bantin\s*@\s*git\+(https?://[^\s@#/]+/[^\s@#]+?)(?:\.git)?/?(?:@[^\s#]*)?\s*(?:#.*)?\Z", re.I)


def bantin_repositories(requirements: str) -> frozenset[str]:
    """The git repositories requirements.txt installs Bản tin from, as `repository` keys them."""
    return frozenset(repository(found.group(1)) for line in requirements.splitlines() if (found := _GIT.match(line)))


def repository(address: str) -> str:
    """One spelling for a repository's address: lower case (GitHub and GitLab names are), no
    `.git` or trailing `/`."""
    return address.lower().rstrip(".,;:").rstrip("/").removesuffix(".git")


def old_link(line: str, bantin_repos: frozenset[str]) -> str | None:
    """The path of Bản tin's repository that `line` links in one of the old starter's forms
    (a key of PLACES), or None; `bantin_repos` from `bantin_repositories`."""
    line = unicodedata.normalize("NFC", line)
    if f"{sitedocs.FOLDER}/" in line:  # already names the copy: the province's rewording
        return None
    if found := _NAMED.search(line):
        return found.group(1)
    for found in _IN_REPO.finditer(line):
        if _VERSION_NOTE.match(line, found.end()) or _is_bantin(found.group(2), bantin_repos):
            return found.group(1)
    for found in _LINKED.finditer(line):
        if _is_bantin(found.group(1), bantin_repos):
            return found.group(2)
    return None


def _is_bantin(address: str, bantin_repos: frozenset[str]) -> bool:
    """Whether `address` is Bản tin's repository. When requirements.txt installs from git: that
    repository, or the same owner and name on another host (a province that moved to a mirror
    keeps the old README's links); a province's own repository called `bantin` under its own
    owner is not (a hostile review, session 43: it was warned on every push). On the wheel route,
    which names no repository: any repository called `bantin`, since the old README linked the
    one it was installed from then, and a province on the wheel is the one that cannot reach it."""
    wanted = repository(address)
    if bantin_repos:
        return wanted in bantin_repos or _owner_and_name(wanted) in {_owner_and_name(r) for r in bantin_repos}
    return wanted.rsplit("/", 1)[-1] == PROJECT


def _owner_and_name(address: str) -> str:
    """`owner/name` (or `group/subgroup/name`) of a repository's address, its host aside."""
    return address.split("://", 1)[-1].partition("/")[2]
