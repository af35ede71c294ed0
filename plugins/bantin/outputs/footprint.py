"""How big a built site is, against the limits of the free hosts a province may use.

A province that imports a whole old portal (`bantin import`) can publish thousands of
articles at once, and each article costs about three files and 70 to 110 KB of output (its
page, its share of listing pages and of a search file; docs/hosting.md, "Dung lượng": size). The free hosts
stop at a size or a number of files, and they say so only when the deployment fails, in
English, in a log the province may not read. So `bantin build` ends with the site's size,
and names the limits it passes. The figures are the hosts' published ones (late 2026):
GitHub Pages, a published site of at most 1 GB; GitLab Pages on gitlab.com, artifacts of
1 GB; Cloudflare Pages' free plan, 20,000 files. A host the province runs itself (nginx,
Apache, Caddy) has none of these.
"""

from __future__ import annotations

import os
from pathlib import Path

GB = 1000 ** 3  # the hosts' "1 GB"
LIMITS = (  # (what, limit, hosts)
    ("bytes", 1 * GB, "GitHub Pages và GitLab Pages (gitlab.com) nhận trang tối đa 1 GB"),
    ("files", 20_000, "Cloudflare Pages (gói miễn phí) nhận tối đa 20 000 tệp"),
)


def measure(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`, never following a link (the build writes none)."""
    files = size = 0
    stack = [str(folder)]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_file(follow_symlinks=False):
                        files += 1
                        size += entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return files, size


def summary(files: int, size: int) -> str:
    """'1 405 tệp, 37,2 MB', as Vietnamese writes numbers."""
    number = f"{files:,}".replace(",", " ")
    megabytes = f"{size / 1000 ** 2:,.1f}".replace(",", " ").replace(".", ",")
    return f"{number} tệp, {megabytes} MB"


def over_limits(files: int, size: int) -> list[str]:
    """The hosts' limits this site passes, in Vietnamese; empty when none."""
    return [hosts for what, limit, hosts in LIMITS if (size if what == "bytes" else files) > limit]
