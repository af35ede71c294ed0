"""The files of content/ a draft names when the draft itself could not be read (security review F1).

A file only drafts use is not published (DESIGN §7): it is the one case where we know nobody
is meant to see it yet. A draft that passed its checks says what it uses through its links and
fields (checks.check_links). A draft with a slip (a misspelt field, a broken YAML title, a
document number without a year) has no item, so nothing said what it uses: its scan of an
unpublished decision counted as used by nobody and was published, while the summary line
said the draft's files were held back.

Such a draft is known by its `draft: true` line (content/drafts/policy.declares_draft). What it uses
is read here from its text, without Markdown or YAML, since either may be what is broken:
every word, quoted string, `<…>` and `(…)` that, as a link, as a path from content/ or as the
site's own full address (`https://<site>/tai-lieu/a.pdf`, the preview's `http://127.0.0.1:8000/…`:
content/ownaddress.py, the link check's rule, session 38), names a file of content/. This errs
on the side of holding a file back: a file a broken draft only mentions is taken as its own,
and it is published anyway as soon as a published page uses it.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from typing import Collection, Iterable, Mapping
from urllib.parse import unquote

from bantin.content.ownaddress import OwnAddress

_MAX_TEXT = 4 * 1024 * 1024  # a page bigger than this is refused long before (pagesize.MAX_PAGE_BYTES, 2 MB)
# Candidates: a run between separators, or what quotes, angle brackets or parentheses hold on
# one line (Python-Markdown and YAML allow spaces there: `![](Ảnh hội nghị.jpg)`, `file: "a b.pdf"`).
_WORD = re.compile(r"""[^\s()\[\]<>"'`=,{}|*]+""")
_CLOSING = ".,;:!?"  # a sentence's punctuation after a word
_HELD = re.compile(r""""([^"\n]+)"|'([^'\n]+)'|<([^<>\n]+)>|\(([^()\n]+)\)|:[ \t]+([^\n#]+)""")


def files_named(src: str, data: bytes, files: Collection[str], own: OwnAddress = OwnAddress()) -> set[str]:
    """The files of `files` (paths from content/) that the text of page `src` names, whether
    as a link from the page's folder, as a path from content/ or by `own`, the site's address."""
    return _named(src, data, {_form(path): path for path in files}, own)


def _named(src: str, data: bytes, by_form: Mapping[str, str], own: OwnAddress) -> set[str]:
    found: set[str] = set()
    for candidate in _candidates(data[:_MAX_TEXT].decode("utf-8", errors="replace")):
        for path in _places(src, candidate, own):
            if (file := by_form.get(_form(path))) is not None:
                found.add(file)
    return found


def uses_of(pages: Mapping[str, bytes], files: Collection[str], own: OwnAddress = OwnAddress()) -> dict[str, set[str]]:
    """file → the pages of `pages` (src → bytes) that name it (`own`: the site's address): the
    shape checks.check_links returns, so the two can be merged."""
    used: dict[str, set[str]] = {}
    by_form = {_form(path): path for path in files} if pages else {}  # once: a site has thousands of files
    for src, data in pages.items():
        for file in _named(src, data, by_form, own):
            used.setdefault(file, set()).add(src)
    return used


def _candidates(text: str) -> Iterable[str]:
    for word in _WORD.findall(text):
        yield word
        if word[-1] in _CLOSING:  # `…/tai-lieu/a.pdf.` ends a sentence: the file is without the stop
            yield word.rstrip(_CLOSING)
    for match in _HELD.finditer(text):
        yield next(group for group in match.groups() if group is not None).strip()


def _places(src: str, candidate: str, own: OwnAddress) -> Iterable[str]:
    """Where `candidate` points from page `src`: from its folder, and from content/; a full
    address, only where it names a file of the site's own."""
    written = candidate.strip().strip("<>\"' ")
    if "://" in written:
        path = own.path(written)
        root = posixpath.normpath(path) if path else ""
        return [root] if root not in (".", "") and not root.startswith("..") else []
    path = unquote(written.split("#")[0].split("?")[0]).replace("\\", "/").strip()
    if not path:
        return ()
    root = posixpath.normpath(path.lstrip("/"))
    here = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    return [p for p in (here, root) if p not in (".", "") and not p.startswith("..")]


def _form(path: str) -> str:
    """One spelling of a path: an editor on a Mac writes NFD, the repository may hold NFC."""
    return unicodedata.normalize("NFC", path)
