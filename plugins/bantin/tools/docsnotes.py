"""What `bantin check` says about a province's copy of Bản tin's documents (tools/docscopy.py).

CI runs `bantin check` on every push, so its warnings are where an IT person who upgraded by
changing one line of requirements.txt learns that `tai-lieu-ban-tin/` is missing (a site made
before `init` wrote it) or another version's (older after an upgrade, newer after a downgrade:
the folder cannot tell, so the warning says «khác», never «cũ»), and that the site's README still sends people
to `docs/hosting.md` in Bản tin's repository, which a province on the wheel route cannot reach.
Each warning names the command that fixes it. Said only for a province's site, one whose
requirements.txt installs Bản tin as a package (Bản tin's own repository has `-e .` there and no
copy of its own documents); files the province edited are not warnings: they are its own.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bantin.problems import WARNING, Problem
from bantin.tools import docscopy, oldreadme, sitedocs

UPDATE = "bantin init --update-docs"
# `bantin @ git+…`, `bantin==0.1.0`, `./vendor/bantin-….whl`; not `bantin-tools==1` nor `-e .`
_INSTALLS_BANTIN = re.compile(r"\s*(bantin\s*(?:[=~<>!@\[;]|$)|\S*/bantin-[^/\s]+\.whl)", re.I)


def is_province_site(root: Path) -> bool:
    """Whether the site at `root` installs Bản tin as a package (a line of its requirements.txt)."""
    text = requirements_text(root)
    return any(_INSTALLS_BANTIN.match(line) for line in text.splitlines() if not line.lstrip().startswith("#"))


def requirements_text(root: Path) -> str:
    """The site's requirements.txt, "" when it has none (or a link, or something too big for one)."""
    path = root / "requirements.txt"
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 64_000:
            return ""
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def notes(root: Path, docs_dir: Path) -> list[Problem]:
    """The warnings on a province's `tai-lieu-ban-tin/` and README.md, named from `docs_dir`."""
    if not is_province_site(root):
        return []
    try:
        documents = docscopy.installed()
    except sitedocs.MissingDocument:
        return []
    where = _named(root / sitedocs.FOLDER, docs_dir)
    folder = root / sitedocs.FOLDER
    if not os.path.lexists(folder):
        found = [Problem(where + "/", 0, "", f"trang chưa có thư mục `{sitedocs.FOLDER}/` (hướng dẫn biên tập, cấu "
                         "hình máy chủ web của Bản tin): trang được tạo trước khi `bantin init` chép các tài liệu "
                         "này vào trang, hoặc thư mục đã bị xóa hay đổi tên",
                         f"chạy `{UPDATE}` trong thư mục của trang (nơi có mkdocs.yml), rồi đưa thư mục "
                         f"`{sitedocs.FOLDER}/` lên kho (`git add {sitedocs.FOLDER}`, commit, push)", WARNING)]
    else:
        found = _behind(folder, documents, where)
    return found + readme_notes(root, docs_dir)


def _behind(folder: Path, documents: list[tuple[str, bytes]], where: str) -> list[Problem]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    state = docscopy.compare(folder, documents)
    if not state.behind:
        return []
    said = [(state.outdated, "là bản của một Bản tin khác"), (state.missing, "còn thiếu"), (state.obsolete, "không còn trong bản đang cài")]
    parts = [f"{len(places)} tệp {what} ({_few(places)})" for places, what in said if places]
    older = f" (thư mục ghi: {state.written_by})" if state.written_by else ""
    return [Problem(where + "/", 0, "", f"tài liệu của Bản tin trong `{sitedocs.FOLDER}/` khác tài liệu của Bản tin "
                    f"đang cài{older}: {'; '.join(parts)}",
                    f"chạy `{UPDATE}` trong thư mục của trang, rồi đưa thay đổi lên kho; tệp nào trong đó trang đã "
                    "tự sửa thì được giữ nguyên, và lệnh nói tên", WARNING)]


def readme_notes(root: Path, docs_dir: Path) -> list[Problem]:
    """A warning on each line of the site's README.md that links a document in Bản tin's repository
    the way the starter's README did before session 39 (tools/oldreadme.py: not the province's own
    links to files of the same names)."""
    path = root / "README.md"
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
            return []
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found, repos = [], oldreadme.bantin_repositories(requirements_text(root))
    for number, line in enumerate(lines, 1):
        old = oldreadme.old_link(line, repos)
        if old is None:
            continue
        copy = f"{sitedocs.FOLDER}/{oldreadme.PLACES[old]}"
        found.append(Problem(_named(path, docs_dir), number, "",
                             f"README.md dẫn tới `{old}` trong kho mã Bản tin, nơi một tỉnh cài Bản tin từ gói "
                             f"không tới được; trang có bản sao của tài liệu này ở `{copy}`",
                             f"thay chỗ dẫn đó bằng [`{copy}`]({copy}) (chưa có thư mục `{sitedocs.FOLDER}/` thì "
                             f"chạy `{UPDATE}` trước)", WARNING))
    return found


def _named(path: Path, docs_dir: Path) -> str:
    return os.path.relpath(path, docs_dir).replace(os.sep, "/")


def _few(places: tuple[str, ...], shown: int = 3) -> str:
    more = f" và {len(places) - shown} tệp khác" if len(places) > shown else ""
    return ", ".join(places[:shown]) + more
