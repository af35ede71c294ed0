"""The publishing files `bantin init` copies into a site, and whether a site still holds an
unedited copy from an earlier Bản tin.

`init` copies the CI workflows and the pre-commit hook once; an upgrade changes only the line
in `requirements.txt`, so fixes to those files never reached a province (a province's trial,
session 28). `bantin check` tells a copy that nobody edited and that an earlier Bản tin wrote
(its digest is one of `EARLIER`) from a province's own edits (any other digest: said
nothing), and names the file to copy. After changing one of these files, run
`python -m bantin.tools.sitefiles` in the repository and paste its output over `EARLIER`
(tests/test_init.py checks that the current files are in it).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from bantin.problems import WARNING, Problem

STARTER = Path(__file__).resolve().parents[1] / "starter"

# The file's place in a site -> its name in bantin/starter/.
KEPT = {
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".github/workflows/publish.yml": "github-publish.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}

# Every version `init` has written of each, by digest (the current one included).
EARLIER: dict[str, frozenset[str]] = {
    ".gitlab-ci.yml": frozenset({
        "0b3707227140ce8c", "3df02aa896335af6", "3e4bc5cf0920b4c4", "5af5b33528f6d538",
        "c6bb7c74da6fe568", "cb12278b1a170a51", "e2cf251a27aaff00", "e94466b6db5b670e", "ea1fd1010c45116e",
        "2d413f3e36912f78",
    }),
    ".github/workflows/publish.yml": frozenset({"27e83b909934a35a", "34bcec66983b035c", "42ac59981bac0d81",
                                                "49f7de30eb78f571", "cd5475d4b8a36e4f"}),
    ".pre-commit-config.yaml": frozenset({"f3e37970400a3812"}),
}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def current(place: str) -> str:
    """The digest of what this Bản tin's `init` writes at `place`."""
    return digest((STARTER / KEPT[place]).read_bytes())


def outdated(root: Path) -> list[str]:
    """Places under `root` (a site's folder) holding an unedited copy an earlier Bản tin wrote.

    Read only when a regular file: a link or a folder there is the province's business."""
    found = []
    for place in KEPT:
        path = root / place
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        seen = digest(data)
        if seen in EARLIER[place] and seen != current(place):
            found.append(place)
    return found


def earlier_copies(root: Path, docs_dir: Path) -> list[Problem]:
    """A warning on each file of `outdated(root)`, named from content/ as the pages'
    problems are (`../.gitlab-ci.yml`; the CI formats name it from the repository)."""
    return [Problem(os.path.relpath(root / place, docs_dir).replace(os.sep, "/"), 0, "",
                    f"`{place}` là bản mẫu mà một Bản tin cũ đã chép khi tạo trang, chưa ai sửa; Bản tin đang "
                    "cài có bản mới hơn của tệp này",
                    f"tạo một trang tạm bằng bản đang cài (`bantin init /tmp/ban-moi`) rồi chép tệp `{place}` của "
                    "trang đó vào đây (README của trang, đoạn \"Nâng cấp Bản tin\")", WARNING)
            for place in outdated(root)]


def placeholder_requirement(root: Path, docs_dir: Path) -> list[Problem]:
    """A warning on the line of the site's `requirements.txt` that still names the host `init`
    writes when it cannot know where Bản tin came from (a checkout, a wheel no longer on the
    machine: tools/starter.py's UNKNOWN_HOST). `init` says it once; in a province's trial it was
    missed, `check` and the build said nothing, and the first CI run stopped at `pip install` in
    English. Named from content/ as the pages' problems are (`../requirements.txt`)."""
    from bantin.tools.docsnotes import requirements_text
    from bantin.tools.starter import UNKNOWN_COMMIT, UNKNOWN_HOST

    lines = requirements_text(root).split("\n")  # "" for none, a link, or a file too big for one
    where = os.path.relpath(root / "requirements.txt", docs_dir).replace(os.sep, "/")
    host = UNKNOWN_HOST.split(".")[0]  # the address half filled in (`.invalid` dropped) cannot install either
    for number, line in enumerate(lines, start=1):
        line = line.split(" #", 1)[0].split("\t#", 1)[0]  # pip's comments: a note naming the placeholder is not it
        if line.lstrip().startswith("#") or (host not in line and UNKNOWN_COMMIT not in line):
            continue
        return [Problem(where, number, "", "dòng cài Bản tin vẫn là dòng mẫu (`DIEN-DIA-CHI-KHO-BANTIN`, "
                        "`DIEN-MA-COMMIT`): quy trình xuất bản (CI) và mọi máy khác sẽ dừng ngay ở bước cài đặt "
                        "(`pip install -r requirements.txt`), trang không được dựng",
                        "thay cả dòng bằng `bantin @ git+https://<máy chủ>/<tổ chức>/bantin@<mã commit>` (địa chỉ kho "
                        "Bản tin mà tỉnh dùng và mã commit của phiên bản đã cài: `git -C <bản sao kho Bản tin> rev-parse HEAD`, "
                        "hoặc `git ls-remote <địa chỉ kho> refs/heads/main` cho bản mới nhất); không tới "
                        "được kho đó thì chép tệp gói `bantin-….whl` vào thư mục `vendor/` của trang và ghi "
                        "`./vendor/<tên tệp .whl>` vào dòng đó (README của trang, mục \"Nâng cấp Bản tin\")", WARNING)]
    return []


def _main() -> None:
    """Print `EARLIER` from the repository's history (a developer's command)."""
    repo = STARTER.parents[2]
    print("EARLIER: dict[str, frozenset[str]] = {")
    for place, name in KEPT.items():
        rel = f"plugins/bantin/starter/{name}"
        commits = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=repo, check=True,
                                 capture_output=True, text=True).stdout.split()
        seen = {digest(subprocess.run(["git", "show", f"{c}:{rel}"], cwd=repo, check=True,
                                      capture_output=True).stdout) for c in commits}
        seen.add(current(place))
        print(f'    "{place}": frozenset({sorted(seen)}),'.replace("[", "{").replace("]", "}").replace("'", '"'))
    print("}")


if __name__ == "__main__":
    _main()
