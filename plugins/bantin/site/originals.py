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

import os
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Mapping
from urllib.parse import unquote

from bantin.outputs.gate import Gate

RESIZED = (".jpg", ".jpeg", ".png")  # the types site/images.py makes variants of (images.FORMATS)
WHO = "ảnh gốc chỉ hiện qua các cỡ thu nhỏ"

# What cannot be part of a file name as a text writes it: a space, a quote, a bracket, the `/`
# of a folder, the `?` and `#` after an address, the `\/` of JSON, `&`/`;` of an entity, `:` `=` `,`.
_SEP = r"""\s"'`()<>\[\]{}?#/\\,;:=&|*"""
# A picture's extension at a word's end (and, in prose, a full stop after it): where a mention
# ends. The word before it is read backwards from there (`_WORD`, on the reversed text), so the
# text is searched for `.` + extension at C speed and each word is read once: a built site is
# 200 MB at 2,000 articles, and one pattern that starts at every word read it at 25 ms a MB.
# Every picture type content/ holds (inventory.IMAGES): an unused GIF or WebP a stylesheet names
# must be found as surely as a JPEG (a hostile review, session 42).
_EXTENSION = re.compile(rf"\.(?:jpe?g|png|gif|webp)\.?(?![^{_SEP}])", re.IGNORECASE)
_WORD = re.compile(rf"[^{_SEP}]*")
_BACK = 256  # characters read backwards first: a file name is shorter; a longer word is read whole
# Files no text reads: the pictures themselves, sound, video, fonts, archives, office files.
_BINARY = frozenset((".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".ico", ".bmp", ".tif", ".tiff",
                     ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a", ".ogg", ".webm",
                     ".wav", ".zip", ".gz", ".br", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"))


def shown_only(used: Mapping[str, Collection[str]], as_file: Collection[str], kept: Collection[str]) -> frozenset[str]:
    """Files of content/ whose every use is a picture the resizer may replace: JPEG or PNG,
    named by no link, attachment or poster (`as_file`) and not by mkdocs.yml (`kept`)."""
    return frozenset(path for path in used if path not in as_file and path not in kept
                     and posixpath.splitext(path)[1].lower() in RESIZED)


def _key(name: str) -> str:
    """A file name as a mention is compared: decoded, NFC, lower case (a server may not care)."""
    return unicodedata.normalize("NFC", unquote(name)).lower()


def mentions(text: str) -> set[str]:
    """The picture file names (`_key`) a text mentions, wherever and however: `x.jpg?v=2`,
    `url(../a/x.jpg)`, `https://www.host/x.jpg`, `"x.jpg"` in a script, `x.jpg.` in a sentence."""
    found, start = set(), 0
    for extension in _EXTENSION.finditer(text):
        end = extension.start()
        near = max(start, end - _BACK)
        length = _WORD.match(text[near:end][::-1]).end()
        if length == end - near and near > start:  # the word is longer than _BACK: read it whole
            length = _WORD.match(text[start:end][::-1]).end()
        found.add(_key(text[end - length:extension.end()].rstrip(".")))
        start = extension.end()  # a separator or the end follows: no word spans it
    return found


def named(root: Path, candidates: Collection[str]) -> frozenset[str]:
    """The candidates whose file name some text file of the built site at `root` mentions (its
    pages, stylesheets, scripts, feeds, redirect pages, JSON): those stay published."""
    if not candidates:
        return frozenset()
    return mentioned_in(texts_under(root), candidates)


def mentioned_in(texts: Iterable[str], candidates: Collection[str]) -> frozenset[str]:
    """The candidates whose file name one of `texts` mentions (`mentions`). By name alone,
    whatever the folder before it: a namesake in another folder keeps it too (doubt)."""
    keys = {_key(posixpath.basename(rel)) for rel in candidates}
    found: set[str] = set()
    for text in texts:
        found |= mentions(text) & keys
    return frozenset(rel for rel in candidates if _key(posixpath.basename(rel)) in found)


def texts_under(root: Path) -> Iterator[str]:
    """The text of each file under `root` that may be text, one at a time (a site may be large)."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if posixpath.splitext(name)[1].lower() not in _BINARY:
                yield _text(Path(folder, name))


def _text(path: Path) -> str:
    """A file's text; "" for one that is not text (a NUL in its first 8 KB) or cannot be read."""
    try:
        if path.is_symlink() or not path.is_file():
            return ""
        data = path.read_bytes()
    except OSError:
        return ""
    if b"\0" in data[:8192]:
        return ""
    return data.decode("utf-8", "replace")


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
