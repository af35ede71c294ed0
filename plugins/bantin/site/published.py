"""The addresses a site has published, so that none disappears without a word.

Every build starts from content/ alone, so an address the site served last time (a printed
QR code's `/q/<id>/`, a link shared on Zalo, an address a search engine lists) vanished with
0 errors and 0 warnings when an editor changed a `slug:`, moved a question to another
handbook, renamed a handbook or changed a `urls:` prefix (the province's second-year trial,
session 53).

So the online build writes RECORD, every address it serves with what the address shows, a
*key* that survives those changes: `page:<digest of the file's path>` for an item (an
article, a guide, a handbook, a page), `q:<id>` for a question's page and its short link,
`print:<digest>` for a handbook's printable page. Digests, not paths: the record is public,
and a file's name may still be its first title (`bantin new`, the importer and the web
editor name files so). The next build reads the published site's copy (the site's CI takes
it from the site's own branch or host; `bantin build` from the folder it replaces) and
compares:

- an address still served: nothing to do;
- an address whose key is served elsewhere now: a redirect page from the old address to the
  new one, written like an alias's, and kept in the new record (`chuyen-huong`), so it follows
  the page again if it moves once more;
- an address whose key is served nowhere (a page deleted, made a draft, moved to another
  folder; a question removed or its id changed): a warning naming the addresses and what to
  do, by the build that loses them. They stay in the record (`mat`), unsaid: a page made a
  draft for a correction and published again gets its old addresses back as redirects.

Only page addresses are recorded: listings (categories, tags, years, documents, their pages)
come and go with the items they list, and the site's files have no key to follow. An address
read from a record becomes a redirect page only where an editor's alias could be one and no
output is (hostile review, session 53): never over or inside a file, into a folder one writer
owns, at a host's configuration name or a dotfile, in GitHub's `pr-preview/`.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from bantin.content.fields import alias_problem
from bantin.outputs.gate import parents, path_problem
from bantin.site.urls import UrlScheme

RECORD = "dia-chi-da-dang.json"  # at the site's root, beside sitemap.xml
VERSION = 1
MAX_BYTES = 50_000_000  # a record is read whole; 10,000 articles' is about 1 MB
_SHOWN = 8  # addresses named in one warning
_NEVER_TOP = frozenset({"pr-preview"})  # GitHub's template publishes pull requests' previews there


@dataclass(frozen=True)
class Served:
    """What this build serves: page address → key, redirect addresses (aliases, short links)
    → key, and the file of each key (for messages; never written to the record)."""

    pages: Mapping[str, str]
    redirects: Mapping[str, str]
    sources: Mapping[str, str]

    def where(self) -> dict[str, str]:
        """key → its page address now."""
        return {key: path for path, key in self.pages.items()}


@dataclass(frozen=True)
class Record:
    """A record read back: address → key, the redirects already made from an earlier record
    (said once, when they moved), the addresses lost earlier (kept to come back), and each
    question's handbook address (its warning goes on that handbook's file)."""

    addresses: dict[str, str]
    carried: frozenset[str] = frozenset()
    lost: dict[str, str] = field(default_factory=dict)
    handbooks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Compared:
    """What the comparison gives the build: the redirects to write (old address, page
    address, key), the warnings' (file, message, fix), the lost addresses to keep, and the
    last record's handbook of each question (kept for the lost ones)."""

    moved: list[tuple[str, str, str]]
    warnings: list[tuple[str, str, str]]
    lost: dict[str, str]
    line: str  # the build's line about the addresses that moved since the last record
    handbooks: dict[str, str] = field(default_factory=dict)


def digest(src: str) -> str:
    return hashlib.sha256(src.encode("utf-8")).hexdigest()[:16]


def page_key(src: str) -> str:
    return "page:" + digest(src)


def question_key(qid: str) -> str:
    return "q:" + qid


def print_key(src: str) -> str:
    return "print:" + digest(src)


def record_json(served: Served, moved: Iterable[tuple[str, str]], lost: Mapping[str, str],
                handbooks: Mapping[str, str]) -> str:
    """RECORD's text: every address served, with the key it shows; `moved`: (old address,
    key) of the redirects this build made; `lost`: addresses no page serves now;
    `handbooks`: each question key's handbook address."""
    moved = dict(moved)
    addresses = {**served.redirects, **moved, **served.pages}
    return json.dumps({"ban-tin": VERSION, "dia-chi": dict(sorted(addresses.items())),
                       "chuyen-huong": sorted(moved), "mat": dict(sorted(lost.items())),
                       "so-tay": dict(sorted(handbooks.items()))}, ensure_ascii=False, indent=0) + "\n"


def read_record(data: bytes) -> Record | None:
    """A record's contents, or None when it is not one this version reads."""
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(found, dict) or found.get("ban-tin") != VERSION:
        return None
    parts = [found.get("dia-chi"), found.get("chuyen-huong", []), found.get("mat", {}), found.get("so-tay", {})]
    if not all(isinstance(part, kind) for part, kind in zip(parts, (dict, list, dict, dict))):
        return None
    addresses, carried, lost, handbooks = parts
    return Record(_strings(addresses), frozenset(p for p in carried if isinstance(p, str)), _strings(lost),
                  _strings(handbooks))


def _strings(mapping: dict) -> dict[str, str]:
    return {k: v for k, v in mapping.items() if isinstance(k, str) and isinstance(v, str)}


def read_file(path: str, problems) -> Record | None:
    """The record at `path` (the published site's copy), or None: absent (a first publication,
    a host that has none yet) silently; unreadable or not a record with a warning, since
    this build then cannot say which addresses it loses (`problems`: bantin.problems.Problems).
    Only a regular file is opened (a FIFO would block the build)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        info = None
    data = b""
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            data = b""
    record = read_record(data) if data else None
    if record is None:
        problems.warn(path, 0, "", f"không đọc được danh sách địa chỉ đã đăng `{path}` (tệp {RECORD} của trang đang "
                      "đăng): lần dựng này không so được địa chỉ nào đã mất",
                      "nếu tệp do CI tải về, kiểm tra trang đang đăng mở được không và có tệp đó không (trang "
                      "cần đăng nhập thì CI không tải được); nếu là tệp trên máy này, xóa nó: lần dựng sau ghi lại")
    return record


def _writable(path: str, taken: frozenset[str], folders: tuple[str, ...]) -> str | None:
    """The file a redirect from `path` may be written to, or None: where no output is, nor a
    folder one writer owns, nor a file above it; a name an alias could have (no dot step,
    dotfile, host configuration, Windows name); not in GitHub's `pr-preview/`."""
    rel = UrlScheme.redirect_file(path)  # percent-decoded, as the build writes it
    folded = rel.casefold()
    steps = rel.split("/")
    if not path or alias_problem("/" + path) or path_problem(rel) or steps[0] in _NEVER_TOP:
        return None
    if any(step.startswith(".") for step in steps) or folded in taken or folded.startswith(folders):
        return None
    return None if any(parent in taken for parent in parents(folded)) else rel


def compare(record: Record, served: Served, taken: frozenset[str], failing: frozenset[str] = frozenset()) -> Compared:
    """The redirects to make, the warnings for what is lost, and the lost addresses to keep.
    `taken`: output files (case-folded; a name ending in '/' is a folder one writer owns).
    `failing`: the keys of files with an error in this build (`failing_keys`): their addresses
    are not served, but the file is there and its error says what to mend; warned of as lost,
    a category mistyped read as «your printed QR codes will break, write `aliases:`» (a trial,
    session 56). They are kept in the record as lost addresses are."""
    where = served.where()
    folders = tuple(rel for rel in taken if rel.endswith("/"))
    cap = 2 * (len(served.pages) + len(served.redirects)) + 100  # a prefix change moves every address once
    moved: list[tuple[str, str, str]] = []
    written: set[str] = set()
    lost_now: dict[str, list[str]] = {}
    kept: dict[str, str] = {}
    olds = sorted(record.addresses.items()) + sorted((p, k) for p, k in record.lost.items() if p not in record.addresses)
    for path, key in olds:
        if path in served.pages or path in served.redirects:
            continue
        if key in where:
            rel = _writable(path, taken, folders)
            if rel is not None and rel.casefold() not in written and where[key] != path and len(moved) < cap:
                written.add(rel.casefold())
                moved.append((path, where[key], key))
            continue
        kept[path] = key
        if path not in record.lost and not _failing(key, record, failing):
            lost_now.setdefault(key, []).append(path)
    handbook_files = {address: served.sources.get(record.addresses.get(address, served.pages.get(address, "")), "")
                      for address in set(record.handbooks.values())}  # the handbook's file now, renamed or not
    warnings = _lost_warnings(lost_now, record.handbooks, handbook_files)
    return Compared(moved, warnings, kept, moved_line(moved, record.carried), record.handbooks)


def failing_keys(srcs: Iterable[str]) -> frozenset[str]:
    """The keys of the pages of files that have an error (`compare`'s `failing`)."""
    return frozenset(key for src in srcs for key in (page_key(src), print_key(src)))


def _failing(key: str, record: Record, failing: frozenset[str]) -> bool:
    """Whether `key` is a page of a file with an error, or a question of such a handbook."""
    if key in failing:
        return True
    handbook = record.handbooks.get(key)
    return handbook is not None and record.addresses.get(handbook) in failing


def _shown(paths: list[str]) -> str:
    listed = ", ".join(f"/{p}/" if not posixpath.splitext(p)[1] else f"/{p}" for p in paths[:_SHOWN])
    return listed + (f" và {len(paths) - _SHOWN} địa chỉ khác" if len(paths) > _SHOWN else "")


def _lost_warnings(lost: dict[str, list[str]], handbooks: Mapping[str, str],
                   files: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """One warning for the pages lost, one for each handbook's questions lost (on the
    handbook's file when it is still published, else on mkdocs.yml): a withdrawal of many
    items is a few lines, not one per address."""
    warnings = []
    pages = sorted(path for key, paths in lost.items() if not key.startswith("q:") for path in paths)
    if pages:
        warnings.append(("mkdocs.yml", f"{len(pages)} địa chỉ đã đăng nay không còn trang nào (tệp bị xóa, thành bản "
                         f"nháp, hay chuyển sang thư mục khác): {_shown(pages)}; liên kết và mã QR tới đó sẽ báo "
                         "«Không tìm thấy trang»",
                         "nếu bài được thay bằng bài khác hay chuyển thư mục, ghi các địa chỉ đó vào `aliases:` của bài "
                         "ở chỗ mới; nếu bài chỉ tạm thành bản nháp, địa chỉ cũ tự chuyển lại khi bài được đăng lại; "
                         "nếu cố ý gỡ bài thì không cần làm gì"))
    by_handbook: dict[str, list[str]] = {}
    for key, paths in lost.items():
        if key.startswith("q:"):
            by_handbook.setdefault(handbooks.get(key, ""), []).append(key[2:])
    for handbook, ids in sorted(by_handbook.items()):
        src = files.get(handbook) or "mkdocs.yml"
        paths = sorted(path for qid in ids for path in lost[question_key(qid)])
        named = ", ".join(f"`{qid}`" for qid in sorted(ids)[:_SHOWN])
        warnings.append((src, f"câu hỏi mã {named} đã đăng nay không còn trong sổ tay nào: địa chỉ {_shown(paths)} (cả "
                         "mã QR đã in) sẽ báo «Không tìm thấy trang»",
                         "nếu chỉ sửa mã câu hỏi, ghi lại mã cũ (`{#…}`); nếu gỡ câu hỏi, ghi các địa chỉ đó vào "
                         "`aliases:` của sổ tay hay bài thay thế (người đọc sẽ đến đầu trang đó); nếu cố ý gỡ thì không "
                         "cần làm gì"))
    return warnings


def moved_line(moved: list[tuple[str, str, str]], carried: frozenset[str]) -> str:
    """The build's line for the redirects it made from addresses that moved since the last
    record (the first few named); "" when each was made by an earlier build already."""
    moved = [move for move in moved if move[0] not in carried]
    if not moved:
        return ""
    shown = "; ".join(f"{_shown([old])} → /{new}/" for old, new, _ in moved[:_SHOWN])
    more = f"; và {len(moved) - _SHOWN} địa chỉ khác" if len(moved) > _SHOWN else ""
    return (f"Bản tin: {len(moved)} địa chỉ đã đăng nay ở địa chỉ mới, có trang chuyển hướng (liên kết và mã QR cũ "
            f"vẫn mở được): {shown}{more}")


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
    redirects = {urls.short(q.id): question_key(q.id) for _, q in corpus.questions()}
    redirects.update((alias.old, pages.get(alias.path, page_key(alias.src))) for alias in aliases)
    return Served(pages, redirects, sources)


def record_text(served: Served, compared: Compared | None, corpus) -> str:
    """The record an online build writes: what it serves, the redirects it made from the last
    record, the addresses it keeps lost, and each question's handbook address (this build's
    questions', and the lost ones' as the last record had them: should they come back and be
    lost again, the warning goes on the handbook they were in)."""
    compared = compared or Compared([], [], {}, "")
    handbooks = {question_key(q.id): handbook.path for handbook, q in corpus.questions()}
    for key in set(compared.lost.values()):
        if key.startswith("q:") and key not in handbooks and key in compared.handbooks:
            handbooks[key] = compared.handbooks[key]
    return record_json(served, [(old, key) for old, _, key in compared.moved], compared.lost, handbooks)
