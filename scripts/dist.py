"""`make dist`: the wheel a province installs, named after the commit it was built from.

Every commit of Bản tin is version 0.1.0 (pyproject.toml). Built as is, every wheel was
`bantin-0.1.0-py3-none-any.whl`: a province on the offline route (`bantin init` copies the
wheel into its site's `vendor/`) that copied the next wheel over the old one changed no line
of requirements.txt, saw the same `bantin --version`, and a server rebuilding "when
requirements.txt changes" kept the old Bản tin for good (a province's trial, session 34).

So the wheel carries a PEP 440 local version, `0.1.0+20260501.g1a2b3c4`: the commit's date
(local versions compare their first segment as a number, so of builds of different days pip and
a sorted `ls` put the newer last) and its hash. The file name differs between commits, requirements.txt changes with
it, and `bantin --version` prints it (cli/endoflife.py `built_from`). Uncommitted changes of
the package add `.dirty`: such a wheel is not one commit's, and the script says so.

The checkout is never touched: pyproject.toml with the new version, README.md (the package's
long description), `plugins/` and the documents the package carries for a new site (the
editors' guide, hosting.md, security.md, platform.md: bantin/tools/sitedocs.py) are copied into a temporary
folder and built there, so no generated file waits to be committed by mistake.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "plugins")  # what setuptools reads to build the wheel
_VERSION_LINE = re.compile(r'^version = "([0-9][0-9a-z.]*)"$', re.MULTILINE)


def _sitedocs():
    """plugins/bantin/tools/sitedocs.py of this checkout, by its path (not an installed Bản tin's)."""
    spec = importlib.util.spec_from_file_location("_bantin_sitedocs", ROOT / "plugins/bantin/tools/sitedocs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sources() -> list[str]:
    """Everything the wheel is built from, as git pathspecs: PACKAGE_SOURCES and the documents."""
    return [*PACKAGE_SOURCES, *(f"{folder}/{pattern}" for folder, patterns in _sitedocs().SOURCES
                                for pattern in patterns)]


class DistError(Exception):
    """The wheel could not be built; the message says why and what to do, in Vietnamese."""


def source(root: Path) -> tuple[str, str, bool]:
    """(7-digit commit, commit date as YYYYMMDD in UTC, uncommitted changes in the package's files)."""
    try:
        commit = _git(root, "rev-parse", "--short=7", "HEAD")
        day = _git(root, "show", "-s", "--date=format-local:%Y%m%d", "--format=%cd", "HEAD", utc=True)
        dirty = bool(_git(root, "status", "--porcelain", "--", *sources()))
    except (OSError, subprocess.CalledProcessError) as exc:
        raise DistError(f"{root} không phải một kho git có commit (git báo: {_said(exc)}). `make dist` ghi mã "
                        "commit vào tên gói: hãy chạy trong bản sao (git clone) của kho Bản tin.") from exc
    if not re.fullmatch(r"[0-9a-f]{7}", commit) or not re.fullmatch(r"[0-9]{8}", day):
        raise DistError(f"git trả lời lạ (commit {commit!r}, ngày {day!r}): hãy kiểm tra kho {root}.")
    return commit, day, dirty


def local_version(release: str, commit: str, day: str, dirty: bool) -> str:
    """`0.1.0+20260501.g1a2b3c4` (PEP 440 local version), `.dirty` appended for uncommitted changes."""
    return f"{release}+{day}.g{commit}" + (".dirty" if dirty else "")


def stage(root: Path, into: Path, commit: str, day: str, dirty: bool) -> str:
    """Copy the package's sources into `into`, with pyproject.toml's version made local; return it."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    found = _VERSION_LINE.findall(text)
    if len(found) != 1:
        raise DistError(f"{root / 'pyproject.toml'}: cần đúng một dòng `version = \"…\"` (thấy {len(found)}).")
    version = local_version(found[0], commit, day, dirty)
    (into / "pyproject.toml").write_text(_VERSION_LINE.sub(f'version = "{version}"', text), encoding="utf-8")
    shutil.copy2(root / "README.md", into / "README.md")
    shutil.copytree(root / "plugins", into / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    sitedocs = _sitedocs()
    try:
        documents = sitedocs.in_repository(root)
    except sitedocs.MissingDocument as exc:
        raise DistError(f"thiếu tài liệu mà gói mang theo cho trang mới: {exc}.") from exc
    for _place, path in documents:  # the build (plugins/_bantin_build.py) copies them into the package
        copy = into / path.relative_to(root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
    return version


def build(root: Path, out: Path) -> Path:
    """Build the wheel of `root` into `out` (earlier `bantin-*.whl` there removed); return its path."""
    commit, day, dirty = source(root)
    with tempfile.TemporaryDirectory(prefix="bantin-dist-") as tmp:
        version = stage(root, Path(tmp), commit, day, dirty)
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("bantin-*.whl"):  # only ours: `out` may be any folder given
            old.unlink()
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), tmp],
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            raise DistError(f"pip wheel không tạo được gói (mã {done.returncode}):\n{done.stdout.strip()}")
    wheels = sorted(out.glob(f"bantin-{version}-py3-none-any.whl"))
    if len(wheels) != 1:
        raise DistError(f"không thấy tệp bantin-{version}-py3-none-any.whl trong {out} sau pip wheel.")
    return wheels[0]


def _git(root: Path, *args: str, utc: bool = False) -> str:
    env = {**os.environ, "TZ": "UTC"} if utc else None
    return subprocess.run(["git", "-C", str(root), *args], check=True, text=True, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout.strip()


def _said(exc: Exception) -> str:
    text = getattr(exc, "stderr", None) or str(exc)
    return " ".join(str(text).split())[:200]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "dist", help="folder for the wheel (its older bantin-*.whl removed)")
    args = parser.parse_args(argv)
    try:
        wheel = build(ROOT, args.out)
    except DistError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo {wheel}")
    if ".dirty" in wheel.name:
        print("Lưu ý: kho có thay đổi chưa commit trong pyproject.toml, README.md, plugins/ hoặc tài liệu kèm gói "
              "(content/bien-tap/, docs/hosting.md, docs/security.md, docs/platform.md), nên gói này không "
              "ứng với một commit (tên có `.dirty`). Gói gửi cho các tỉnh nên được tạo sau khi commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
