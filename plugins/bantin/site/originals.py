"""The original of a picture that pages show only through its resized variants is not published.

A page's `<img>` of a JPEG or PNG names its variants (site/images.py: `srcset`, the largest as
`src`, WebP twins); og:image and JSON-LD name a variant (site/views.py: share_image); a card its
thumbnail. The original was copied to the site all the same: in an outsider's trial, a 19.8 MB
scan and a 12.5 MB photo saved as PNG were half of a 38.6 MB site that nothing linked, on every
USB copy too. What each reader needs is a variant: a phone the 480 or 960, a trainer printing
the widest (1,440 px is 24 cm at 150 dpi), a social card the one `sharing.pick_variant` takes;
the feeds carry no picture.

An original is withheld only when nothing could name it: every use of the file by a page of the
build is a picture an `<img>` shows (`![…](…)`, `<img src>`, `image:`; links.Ref.picture), no
use is a link, an attachment or a video's poster (checks.Site.as_file), mkdocs.yml does not name
it (logo, emblem, banner, share_image are published whoever links them), and the resizer did
make its variants (an APNG, a picture it could not read stays as it is, and so does its
original). The build copies it first and removes it once every page is written, when the
resizer's verdict is known: MkDocs' link check needs the file in its list, and a file missing
from the site is a broken picture (DESIGN §7), a file left over only bytes.
"""

from __future__ import annotations

import posixpath
from typing import Callable, Collection, Iterable, Mapping

from bantin.outputs.gate import Gate

RESIZED = (".jpg", ".jpeg", ".png")  # the types site/images.py makes variants of (images.FORMATS)
WHO = "ảnh gốc chỉ hiện qua các cỡ thu nhỏ"


def shown_only(used: Mapping[str, Collection[str]], as_file: Collection[str], kept: Collection[str]) -> frozenset[str]:
    """Files of content/ whose every use is a picture the resizer may replace: JPEG or PNG,
    named by no link, attachment or poster (`as_file`) and not by mkdocs.yml (`kept`)."""
    return frozenset(path for path in used if path not in as_file and path not in kept
                     and posixpath.splitext(path)[1].lower() in RESIZED)


def withdraw(candidates: Iterable[str], gate: Gate, served: Callable[[str], bool]) -> list[tuple[str, int]]:
    """Remove from the site each candidate the resizer `served` as variants; returns (path,
    bytes) of those removed, sorted. A folder left empty goes too (an empty `images/`)."""
    removed = []
    for rel in sorted(candidates):
        if not served(rel):
            continue
        path = gate.root / rel
        try:
            size = path.lstat().st_size
        except OSError:
            continue  # not copied (withheld for another reason): nothing to remove
        gate.remove(rel, WHO)
        removed.append((rel, size))
    for folder in sorted({posixpath.dirname(rel) for rel, _ in removed}, key=len, reverse=True):
        _prune(gate, folder)
    return removed


def _prune(gate: Gate, folder: str) -> None:
    """`folder` and its parents inside the site, while they are empty."""
    while folder:
        try:
            (gate.root / folder).rmdir()
        except OSError:
            return  # not empty (or not there): its parents are not empty either
        folder = posixpath.dirname(folder)
