"""Bản tin's own documents that a province's site repository gets from `bantin init`.

A province on the wheel route has no access to Bản tin's repository (that is why the wheel
exists), yet the site's README sent its editors to `content/bien-tap/huong-dan-bien-tap.md`
and its IT person to `docs/hosting.md` "in Bản tin's repository" (an outsider's trial,
session 39). So the editors' guide with its pictures, the hosting configurations and the
security page they link, and the platform plan every CI build's notice names, travel in the package (`bantin/docs/`, copied there when the wheel
is built: plugins/_bantin_build.py), and `init` writes them into the new site's `FOLDER`,
beside its README and outside `content/`: read on GitHub or GitLab where the editors already
work, never published (the guide's examples are the sample province's). From a checkout (an
editable install, the tests) they are read in place, so there is one copy of each to edit.

Only the standard library here: the build hook and scripts/dist.py load this file by its path.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = "tai-lieu-ban-tin"  # in the new site, beside README.md
PACKAGED = "docs"  # bantin/docs/ in a built package
# (folder of Bản tin's repository, files in it): each keeps its path below the folder, so the
# guide's pictures (`anh/…`) and hosting.md's link to security.md still resolve in the copy.
SOURCES = (
    ("content/bien-tap", ("huong-dan-bien-tap.md", "anh/*.png")),
    ("docs", ("hosting.md", "security.md", "platform.md")),
)
GUIDE = "huong-dan-bien-tap.md"
HOSTING = "hosting.md"
PLATFORM = "platform.md"  # the engine's end and our plan (English), named by every CI build's notice
# How messages name the hosting page: a province's site has its copy, a developer the original.
HOSTING_NAMED = f"{FOLDER}/{HOSTING} của trang (docs/{HOSTING} trong kho Bản tin)"
PLATFORM_NAMED = f"{FOLDER}/{PLATFORM} của trang (docs/{PLATFORM} trong kho Bản tin)"


class MissingDocument(Exception):
    """A document of SOURCES is missing from the repository (a packaging mistake, not input)."""


def in_repository(root: Path) -> list[tuple[str, Path]]:
    """(place below FOLDER, file) of each document in a checkout of Bản tin at `root`."""
    found: dict[str, Path] = {}
    for folder, patterns in SOURCES:
        for pattern in patterns:
            files = sorted(p for p in (root / folder).glob(pattern) if p.is_file() and not p.is_symlink())
            if not files:
                raise MissingDocument(f"{root / folder / pattern}: không có tệp (tài liệu mà bantin init chép vào trang mới)")
            for path in files:
                place = path.relative_to(root / folder).as_posix()
                if place in found:
                    raise MissingDocument(f"{place}: hai tài liệu cùng tên ({found[place]}, {path})")
                found[place] = path
    return sorted(found.items())


def installed(package: Path) -> list[tuple[str, Path]]:
    """The documents of the Bản tin at `package` (the `bantin` folder): its packaged copy, or,
    run from a checkout (no copy: it is made only when a package is built), the checkout's own."""
    copy = package / PACKAGED
    if copy.is_dir():
        return sorted((p.relative_to(copy).as_posix(), p) for p in copy.rglob("*") if p.is_file())
    return in_repository(package.parents[1])
