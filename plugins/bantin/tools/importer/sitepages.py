"""The pages a content folder already holds, read as the site reads their front matter.

`bantin redirects` asks whether a map line's new address is still a published page; `bantin
import` asks which page an old portal address became (its `aliases:`, the `slug:` a map line
names, or the handbook and question id of a map line `/hoi-dap/<handbook>/<id>/`). Both read
each file's address (`slug:` as written, else made from the title, as content/fields.py makes
it), `draft:` and `aliases:` here, with the site's own front matter reader (limits, no
anchors), never through a symbolic link.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from bantin.content.fields import SLUG_MAX
from bantin.content.model import KIND_FOLDERS
from bantin.content.frontyaml import MAX_BYTES, load
from bantin.content.handbook.headings import heading_lines, split_heading
from bantin.problems import Problems
from bantin.text.vi import cap_slug, full_slug, slugify
from bantin.tools.newcontent import NewContentError, handbooks, read_text


_FRONT = re.compile(r"---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


@dataclass(frozen=True)
class SitePage:
    """One content file: where it is (relative to the content folder, '/'-separated), its
    address's last part, whether it is a draft, and the old paths it answers (`aliases:`)."""

    file: str
    address: str
    draft: bool
    aliases: tuple[str, ...] = ()


def front_of(path: Path) -> dict | None:
    """The front matter of a content file as data; None when it has none, is no regular file
    (a link is not followed) or cannot be read. Only the first bytes a front matter may hold
    are read: a committed link to /dev/zero or a huge file must not stall an import."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_BYTES + 4096)
        text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    except OSError:
        return None
    head = _FRONT.match(text)
    loaded = load("", head.group(1), Problems()) if head else None
    value = loaded[0] if loaded else None
    return value if isinstance(value, dict) else None


TEXT_MAX = 8 * 1024 * 1024  # a page is far smaller; a bigger file is not read


def page_texts(folder: Path, skip: set[str] = frozenset()):
    """(file relative to `folder`, text) of every page (`*.md`) under it but those in `skip`:
    regular files of at most TEXT_MAX bytes in UTF-8, never through a link."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in sorted(folder.rglob("*.md")):
        file = path.relative_to(folder).as_posix()
        if file in skip or path.is_symlink():
            continue
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    continue
                data = handle.read(TEXT_MAX + 1)
            if len(data) <= TEXT_MAX:
                yield file, data.decode("utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            continue


def folder_pages(folder: Path, root: Path | None = None) -> list[SitePage]:
    """Every page (`*.md`) under `folder`, sorted, links left out; `file` is relative to
    `root` (default: `folder`)."""
    root = root or folder
    pages = []
    if not folder.is_dir() or folder.is_symlink():
        return pages
    for path in sorted(folder.rglob("*.md")):
        if path.is_symlink():
            continue
        front = front_of(path)
        if front is None:
            continue
        address = page_address(front)
        aliases = front.get("aliases")
        aliases = tuple(a for a in aliases if isinstance(a, str) and a.startswith("/")) \
            if isinstance(aliases, list) else ()
        pages.append(SitePage(path.relative_to(root).as_posix(), address,
                              str(front.get("draft", "")).lower() == "true", aliases))
    return pages


def page_address(front: dict) -> str:
    """The last part of a page's address: its `slug:` as written, else made from its title."""
    slug = str(front.get("slug") or "").strip()
    return cap_slug(full_slug(slug) if slug else slugify(str(front.get("title") or "")), SLUG_MAX)


def handbook_questions(folder: Path) -> dict[str, SitePage] | None:
    """'<handbook's address>/<question id>' → its handbook (file relative to `folder`, address,
    draft?) for every question of the site's handbooks, as the build reads them
    (`newcontent.handbooks`); None when a handbook cannot be read (nothing judged then)."""
    try:
        texts = {path: read_text(path) for path in handbooks(folder)}
    except NewContentError:
        return None
    found: dict[str, SitePage] = {}
    for path, text in texts.items():
        front = front_of(path) or {}
        page = SitePage(path.relative_to(folder).as_posix(), page_address(front),
                        str(front.get("draft", "")).lower() == "true")
        for _, heading in heading_lines(text):
            qid = split_heading(heading)[1]
            if qid:
                found.setdefault(f"{page.address}/{qid}", page)
    return found


def target_state(target: str, content_dir: Path, qa: str, article: str) -> str | None:
    """What a redirect map line's new address leads to now, judged as `bantin redirects`
    judges it: "published", "draft" or "gone" for a question's page (`/<qa>/<handbook>/<id>/`)
    or an article's (`/<article>/<slug>/`); None for any other address, or when a handbook or
    the articles' folder cannot be read (nothing judged). `bantin import` replaces a line
    whose page is gone, and says a draft's line leads readers nowhere yet."""
    parts = target.strip("/").split("/")
    if len(parts) == 3 and parts[0] == qa and target == f"/{'/'.join(parts)}/":
        questions = handbook_questions(content_dir)
        if questions is None:
            return None
        found = questions.get(f"{parts[1]}/{parts[2]}")
    elif len(parts) == 2 and parts[0] == article and target == f"/{'/'.join(parts)}/":
        folder = content_dir / KIND_FOLDERS["article"]
        if folder.is_symlink() or folder.exists() and not folder.is_dir():
            return None
        draft = drafts_by_address(folder).get(parts[1])
        return "gone" if draft is None else "draft" if draft else "published"
    else:
        return None
    return "gone" if found is None else "draft" if found.draft else "published"


def drafts_by_address(folder: Path) -> dict[str, bool]:
    """Address → draft? for the pages of one content folder (an address two files share
    counts as a draft's when either is one)."""
    pages: dict[str, bool] = {}
    for page in folder_pages(folder):
        if page.address:
            pages[page.address] = pages.get(page.address, False) or page.draft
    return pages
