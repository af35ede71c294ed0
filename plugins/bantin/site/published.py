"""The addresses a site has published, so that none disappears without a word.

Every build starts from content/ alone, so an address the site served last time (a printed
QR code's `/q/<id>/`, a link shared on Zalo, an address a search engine lists) vanished with
0 errors and 0 warnings when an editor changed a `slug:`, moved an article to another folder,
moved a question to another handbook, renamed a handbook or changed a `urls:` prefix (the
province's second-year trial, session 53).

So the online build writes RECORD, every address it serves with what the address shows, a
*key* that survives those changes: `page:<file>` for an item (an article, a guide, a
handbook, a page), `q:<id>` for a question's page and its short link, `print:<file>` for a
handbook's printable page. The next build reads the published site's copy (the site's CI
takes it from the site's own branch or host; `bantin build` from the folder it replaces) and
compares:

- an address still served: nothing to do;
- an address whose key is served elsewhere now (the slug changed, the question moved, the
  prefix changed, the file moved to another folder under the same name): a redirect page from
  the old address to the new one, written like an alias's, and kept in the new record with
  its key, so it follows the page again if it moves once more;
- an address whose key is served nowhere (a page deleted or made a draft, a question removed
  or its id changed): a warning naming the addresses and what to do. Said by this build only:
  the next record no longer holds them.

Only page addresses are recorded: listings (categories, tags, years, documents, their pages)
come and go with the items they list, and the site's files have no key to follow.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass
from typing import Iterable, Mapping

from bantin.outputs.gate import path_problem

RECORD = "dia-chi-da-dang.json"  # at the site's root, beside sitemap.xml
VERSION = 1
MAX_BYTES = 50_000_000  # a record is read whole; 10,000 articles' is about 1 MB
_SHOWN = 5  # addresses named in one warning


@dataclass(frozen=True)
class Served:
    """What this build serves: page address → key, every key's page address, redirect
    addresses (aliases, short links) → key, and each key's file for messages."""

    pages: Mapping[str, str]
    redirects: Mapping[str, str]
    sources: Mapping[str, str]

    def where(self) -> dict[str, str]:
        """key → its page address now."""
        return {key: path for path, key in self.pages.items()}


@dataclass(frozen=True)
class Record:
    """A record read back: address → key, key → file, and the addresses that were already
    redirects made from an earlier record (said once, when they moved, not at every build)."""

    addresses: dict[str, str]
    sources: dict[str, str]
    carried: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lost:
    """The addresses of one key that this build serves no more."""

    key: str
    source: str  # the file that made them (from the record): it may be gone
    paths: tuple[str, ...]


def page_key(src: str) -> str:
    return "page:" + src


def question_key(qid: str) -> str:
    return "q:" + qid


def print_key(src: str) -> str:
    return "print:" + src


def record_json(served: Served, moved: Iterable[tuple[str, str]]) -> str:
    """RECORD's text: every address served, with the key it shows; `moved`: (old address,
    key) of the redirects this build made from the last record."""
    moved = dict(moved)
    addresses = {**served.redirects, **moved, **served.pages}
    keys = set(addresses.values())
    sources = {key: src for key, src in served.sources.items() if key in keys}
    return json.dumps({"ban-tin": VERSION, "dia-chi": dict(sorted(addresses.items())),
                       "nguon": dict(sorted(sources.items())), "chuyen-huong": sorted(moved)},
                      ensure_ascii=False, indent=0) + "\n"


def read_record(data: bytes) -> Record | None:
    """A record's contents, or None when it is not one this version reads."""
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(found, dict) or found.get("ban-tin") != VERSION:
        return None
    addresses, sources, carried = found.get("dia-chi"), found.get("nguon", {}), found.get("chuyen-huong", [])
    if not isinstance(addresses, dict) or not isinstance(sources, dict) or not isinstance(carried, list):
        return None
    return Record({path: key for path, key in addresses.items() if isinstance(key, str) and _plain(path)},
                  {key: src for key, src in sources.items() if isinstance(src, str)},
                  frozenset(path for path in carried if isinstance(path, str)))


def read_file(path: str, problems) -> Record | None:
    """The record at `path` (the published site's copy), or None: absent (a first publication,
    a host that has none yet) silently; unreadable or not a record with a warning, since
    this build then cannot say which addresses it loses (`problems`: bantin.problems.Problems)."""
    try:
        with open(path, "rb") as handle:
            if not os.path.isfile(path) or os.fstat(handle.fileno()).st_size > MAX_BYTES:
                raise OSError("not a regular file of a record's size")
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        data = b""
    record = read_record(data) if data else None
    if record is None:
        problems.warn(path, 0, "", f"không đọc được danh sách địa chỉ đã đăng `{path}` (tệp {RECORD} của trang đang "
                      "đăng): lần dựng này không so được địa chỉ nào đã mất",
                      f"xóa tệp đó; lần dựng sau sẽ lấy lại bản mới của trang đang đăng")
    return record


def _plain(path: object) -> bool:
    """An address this build could write a redirect page at: relative, no `..`, no query."""
    if not isinstance(path, str) or not path or len(path) > 1000 or path != path.strip("/"):
        return False
    return not ({"..", "."} & set(path.split("/"))) and not any(c in path for c in "?#\\\0")


def compare(record: Record, served: Served, taken: frozenset[str]) -> tuple[list[tuple[str, str, str]], list[Lost]]:
    """(old address, new page address, key) of each redirect to make, and what is lost.
    `taken`: output files (case-folded; a name ending in '/' is a folder that is one writer's)
    a redirect page may not replace or go into; nor is one written at a name no disk holds."""
    old, sources = record.addresses, record.sources
    where = served.where()
    by_name = _unique_names(served.pages)
    folders = tuple(rel for rel in taken if rel.endswith("/"))
    moved: list[tuple[str, str, str]] = []
    lost: dict[str, list[str]] = {}
    for path, key in sorted(old.items()):
        if path in served.pages or path in served.redirects:
            continue
        now = key if key in where else by_name.get(_name(key), "")
        if now in where:
            if where[now] != path and _free(_file(path), taken, folders):
                moved.append((path, where[now], now))  # recorded with the key it follows from now on
            continue
        lost.setdefault(key, []).append(path)
    return moved, [Lost(key, sources.get(key, ""), tuple(paths)) for key, paths in lost.items()]


def _name(key: str) -> str:
    """A page key's file name ('page:tin-tuc/a.md' → 'a.md'): a file moved to another folder
    (tin-tuc/ → huong-dan/) keeps it."""
    return posixpath.basename(key[5:]) if key.startswith("page:") else ""


def _unique_names(pages: Mapping[str, str]) -> dict[str, str]:
    """file name → page key, for names only one page file has."""
    counts: dict[str, list[str]] = {}
    for key in pages.values():
        if name := _name(key):
            counts.setdefault(name, []).append(key)
    return {name: keys[0] for name, keys in counts.items() if len(keys) == 1}


def _file(path: str) -> str:
    """The redirect page's file for an address (as site.urls.redirect_file, directory URLs)."""
    return path if posixpath.splitext(path)[1] else path + "/index.html"


def _free(rel: str, taken: frozenset[str], folders: tuple[str, ...]) -> bool:
    """Whether a redirect page may be written at `rel`: no output there, nor a folder's."""
    folded = rel.casefold()
    return folded not in taken and not folded.startswith(folders) and not path_problem(rel)


def moved_line(moved: list[tuple[str, str, str]], carried: frozenset[str]) -> str:
    """The build's line for the redirects it made from addresses that moved since the last
    record (the first few named); "" when each was made by an earlier build already."""
    moved = [move for move in moved if move[0] not in carried]
    if not moved:
        return ""
    shown = "; ".join(f"/{old}/ → /{new}/" for old, new, _ in moved[:_SHOWN])
    more = f"; và {len(moved) - _SHOWN} địa chỉ khác" if len(moved) > _SHOWN else ""
    return (f"Bản tin: {len(moved)} địa chỉ đã đăng nay ở địa chỉ mới, có trang chuyển hướng (liên kết và mã QR cũ "
            f"vẫn mở được): {shown}{more}")


def lost_message(lost: Lost) -> tuple[str, str, str]:
    """(file the warning is on, message, fix) for addresses no page serves any more."""
    shown = ", ".join(f"/{p}/" if not posixpath.splitext(p)[1] else f"/{p}" for p in lost.paths[:_SHOWN])
    more = f" và {len(lost.paths) - _SHOWN} địa chỉ khác" if len(lost.paths) > _SHOWN else ""
    said = "chỉ báo ở lần dựng này"
    if lost.key.startswith("q:"):
        qid = lost.key[2:]
        return (lost.source or "mkdocs.yml",
                f"câu hỏi mã `{qid}` đã đăng nay không còn trong sổ tay nào: địa chỉ {shown}{more} (cả mã QR đã in) "
                "sẽ báo «Không tìm thấy trang»",
                f"nếu chỉ sửa mã câu hỏi, ghi lại mã cũ `{{#{qid}}}`; nếu gỡ câu hỏi, thêm các địa chỉ đó vào "
                f"`aliases:` của sổ tay hay bài thay thế (người đọc sẽ đến đầu trang đó); {said}")
    src = lost.source or lost.key.split(":", 1)[1]
    return (src, f"trang đã đăng của `{src}` nay không còn (tệp bị xóa, đổi tên, chuyển thư mục hoặc thành bản "
                 f"nháp): địa chỉ {shown}{more} sẽ báo «Không tìm thấy trang»",
            "nếu bài được thay bằng bài khác, thêm các địa chỉ đó vào `aliases:` của bài thay thế; nếu đổi tên tệp, "
            f"đặt lại tên cũ; nếu cố ý gỡ bài thì không cần làm gì; {said}")


def served_by(corpus, generated, urls, aliases) -> Served:
    """What a build of `corpus` serves (site.corpus.Corpus, site.pages.Generated list,
    site.urls.UrlScheme, site.pages.AliasPage list): its items' and questions' pages,
    printable handbooks, short links and aliases."""
    pages = {item.path: page_key(item.src) for item in corpus.published}
    sources = {page_key(item.src): item.src for item in corpus.published}
    for page in generated:
        if page.question is not None:
            pages[page.path] = question_key(page.question.id)
        elif page.kind == "handbook-print" and page.item is not None:
            pages[page.path] = print_key(page.item.src)
        else:
            continue
        sources[pages[page.path]] = page.item.src if page.item is not None else ""
    redirects = {urls.short(q.id): question_key(q.id) for _, q in corpus.questions()}
    redirects.update((alias.old, pages.get(alias.path, page_key(alias.src))) for alias in aliases)
    return Served(pages, redirects, sources)
