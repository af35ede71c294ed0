"""A site's copy of Bản tin's documents (`tai-lieu-ban-tin/`, tools/sitedocs.py) across upgrades.

`init` copies the editors' guide and the hosting pages once; an upgrade changes one line of
requirements.txt, so the copy stayed the old version's, and a site made before the folder
existed never got one (a province's trial, session 41). So the folder now carries MANIFEST:
the Bản tin that wrote it and each file's SHA-256 as written. `bantin check` (which CI runs)
says when the folder is missing or holds files an older Bản tin wrote (docsnotes.py), and
`bantin init --update-docs` brings it to the installed version (`update`).

The rule for the province's own changes: a file is Bản tin's, unedited, only when its digest is
the one MANIFEST lists for its place, or, in a folder written before MANIFEST existed, one that
an earlier Bản tin wrote there (docsearlier.EARLIER). Such files are replaced or removed; any
other file (edited, a link, a folder, a file Bản tin never wrote) is never touched unless
`overwrite` is asked for, and always named. A killed update leaves whole files only (each is
written beside its place and renamed over it), and a file already equal to the installed one
counts as current whatever MANIFEST says, so running it again finishes the job.

Texts are compared as their words, not their bytes (`comparable`): a copy whose only change is
CRLF line ends (Windows, git's `autocrlf`, the GitHub web editor) or a UTF-8 BOM is Bản tin's
copy, else the province would never get an update again (a hostile review, session 42). The
pictures are compared byte for byte: a PNG whose line ends git rewrote is a broken picture.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bantin.tools import sitedocs
from bantin.tools.docsearlier import EARLIER

MANIFEST = "PHIEN-BAN.txt"
MAX_READ = 20 << 20  # bytes; ours are at most a few hundred KB: anything bigger is the province's
_TEMP = ".bantin-tam"  # suffix of a file being written (a killed update may leave one: removed next time)
_LINE = re.compile(r"([0-9a-f]{64})  (\S[^\r\n]{0,300})")
_VERSION = re.compile(r"Phiên bản: ([^\r\n]{1,200})")
_TEXTS = (".md", ".txt")  # compared with line ends and a BOM set aside; anything else byte for byte


class DocsError(Exception):
    """The folder cannot be updated; the message says why and what to do, in Vietnamese."""


@dataclass(frozen=True)
class Copy:
    """What a site's folder holds, measured against the installed documents (places below it)."""
    missing: tuple[str, ...] = ()  # the installed Bản tin has it, the folder does not
    outdated: tuple[str, ...] = ()  # an unedited copy of another version
    edited: tuple[str, ...] = ()  # differs, and no Bản tin wrote it so: the province's
    obsolete: tuple[str, ...] = ()  # an unedited copy of a document the installed Bản tin no longer has
    written_by: str = ""  # MANIFEST's version line, "" without one

    @property
    def behind(self) -> bool:
        return bool(self.missing or self.outdated or self.obsolete)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def comparable(place: str, data: bytes) -> bytes:
    """`data` as compared with Bản tin's copy of `place`: for a text, without a leading UTF-8
    BOM and with CRLF or CR line ends read as LF, since Windows editors, git's `autocrlf` and
    web editors change those without anyone editing a word; other files (pictures) as they are."""
    if not place.lower().endswith(_TEXTS):
        return data
    return data.removeprefix(codecs.BOM_UTF8).replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def manifest_text(files: list[tuple[str, bytes]], version: str) -> str:
    """MANIFEST for `files` (place, bytes as Bản tin wrote them), readable and `sha256sum -c`-able."""
    head = (f"Tài liệu của Bản tin, do `bantin init` chép vào trang này.\n"
            f"Phiên bản: {version or 'không rõ'}\n"
            "Đừng sửa các tệp trong thư mục này: `bantin init --update-docs` (chạy ở thư mục của trang)\n"
            "thay chúng bằng bản của Bản tin đang cài và giữ nguyên, có báo, tệp nào đã bị sửa.\n"
            "Mỗi dòng dưới: mã SHA-256 của một tệp lúc được chép (`sha256sum -c PHIEN-BAN.txt` trong\n"
            "thư mục này cho biết tệp nào đã đổi; nó bỏ qua các dòng chữ ở đây).\n\n")
    return head + "".join(f"{digest(data)}  {place}\n" for place, data in sorted(files))


def read_manifest(folder: Path) -> tuple[str, dict[str, str]] | None:
    """(version, place → SHA-256) of the folder's MANIFEST; None when it has none (a folder an
    earlier Bản tin wrote) or it is not a regular, small, UTF-8 file."""
    data = _read(folder / MANIFEST, 1 << 20)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")  # a BOM or CRLF an editor added: read as written (_LINE stops at `\r`)
    except UnicodeDecodeError:
        return None
    version = _VERSION.search(text)
    return (version.group(1).strip() if version else "",
            {m.group(2): m.group(1) for m in _LINE.finditer(text) if _safe_place(m.group(2))})


def compare(folder: Path, documents: list[tuple[str, bytes]]) -> Copy:
    """The state of `folder` (a site's `tai-lieu-ban-tin/`) against `documents` (place, bytes)."""
    manifest = read_manifest(folder)
    listed = manifest[1] if manifest else None
    missing, outdated, edited = [], [], []
    for place, data in documents:
        if _blocked(folder, place):  # a linked or file step: the province's, never read or written through
            edited.append(place)
            continue
        if not os.path.lexists(folder / place):
            missing.append(place)
            continue
        seen = _read(folder / place, MAX_READ)
        if seen is not None and comparable(place, seen) == comparable(place, data):
            continue
        (outdated if seen is not None and _ours(place, seen, listed) else edited).append(place)
    wanted = {place for place, _ in documents}
    known = listed.keys() if listed is not None else EARLIER.keys()
    obsolete = [place for place in sorted(set(known) - wanted) if not _blocked(folder, place)
                and (seen := _read(folder / place, MAX_READ)) is not None and _ours(place, seen, listed)]
    return Copy(tuple(missing), tuple(outdated), tuple(edited), tuple(obsolete), manifest[0] if manifest else "")


def _blocked(folder: Path, place: str) -> bool:
    """Whether a step of `place`'s folders is a link or a file (the province's), not just missing."""
    current = folder
    for part in place.split("/")[:-1]:
        current = current / part
        if current.is_symlink() or (os.path.lexists(current) and not current.is_dir()):
            return True
    return False


def _ours(place: str, seen: bytes, listed: dict[str, str] | None) -> bool:
    """Whether the file at `place` holding `seen` is as some Bản tin wrote it (line ends and a
    BOM aside for a text: `comparable`; the lists hold the digests of the bytes as written)."""
    digests = {digest(seen), digest(comparable(place, seen))}
    if listed is not None:
        return listed.get(place) in digests
    return any(sha[:16] in EARLIER.get(place, ()) for sha in digests)


def _read(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (never through a link) up to `limit`, else None."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _safe_place(place: str) -> bool:
    """A place MANIFEST may name: relative, below the folder (a hand-edited list must not make
    `update` remove `../mkdocs.yml`)."""
    parts = place.split("/")
    return not place.startswith("/") and "\\" not in place and all(p not in ("", ".", "..") for p in parts)


@dataclass(frozen=True)
class Updated:
    """What `update` did: places written new, replaced, removed, and kept (the province's)."""
    before: Copy
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]
    listed_anew: bool = False  # MANIFEST written (a folder without one, or what it lists changed)


def update(root: Path, documents: list[tuple[str, bytes]], version: str, overwrite: bool = False) -> Updated:
    """Bring `root`'s `sitedocs.FOLDER` to `documents`; the province's files only with `overwrite`."""
    folder = _folder(root)
    _remove_leftovers(folder)
    before = compare(folder, documents)
    data = dict(documents)
    replace = before.outdated + (before.edited if overwrite else ())
    for place in before.missing + replace:
        _write(folder, place, data[place])
    for place in before.obsolete:
        (folder / place).unlink()
    kept = () if overwrite else before.edited
    old = read_manifest(folder)
    listed = {place: digest(content) for place, content in documents if place not in kept}
    listed.update({place: old[1][place] for place in kept if old and place in old[1]})
    listed_anew = old is None or old[1] != listed
    if listed_anew:  # the version line alone is no reason to change a file in the province's repository
        _write_manifest(folder, listed, version)
    return Updated(before, before.missing, replace, before.obsolete, kept, listed_anew)


def _folder(root: Path) -> Path:
    """The site's documents folder, created when missing; refused when a link or a file."""
    folder = root / sitedocs.FOLDER
    if folder.is_symlink():
        raise DocsError(f"{folder} là liên kết tượng trưng (symlink): Bản tin không ghi qua liên kết. "
                        f"Hãy xóa liên kết đó (hoặc đổi tên) rồi chạy lại lệnh.")
    if folder.exists() and not folder.is_dir():
        raise DocsError(f"{folder} là một tệp, không phải thư mục: hãy đổi tên tệp đó rồi chạy lại lệnh.")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise DocsError(f"Không tạo được thư mục {folder}: {exc.strerror}.") from exc
    return folder


def _remove_leftovers(folder: Path) -> None:
    """Files a killed update was writing (`*.bantin-tam`, regular files only)."""
    for path in folder.rglob(f"*{_TEMP}"):
        if path.is_file() and not path.is_symlink():
            path.unlink()


def _write(folder: Path, place: str, data: bytes) -> None:
    """folder/place becomes `data` in one step: written beside it, then renamed over it (a link
    there is replaced, never followed); never outside `folder`, never through a linked sub-folder."""
    parent = _parent(folder, place)
    path = parent / place.rsplit("/", 1)[-1]
    if path.is_dir() and not path.is_symlink():
        raise DocsError(f"{path} là một thư mục, mà Bản tin cần ghi tệp {place} ở đó: hãy đổi tên thư mục rồi chạy lại.")
    temp = path.with_name(path.name + _TEMP)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        if temp.is_symlink():
            temp.unlink()
        fd = os.open(temp, flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError as exc:
        raise DocsError(f"Không ghi được {path}: {exc.strerror}. Những tệp đã ghi vẫn dùng được; "
                        "sửa chỗ đó rồi chạy lại lệnh để ghi nốt.") from exc


def _parent(folder: Path, place: str) -> Path:
    """The folder that holds `place`, made when missing; each step a real folder, never a link
    (a linked `anh/` would lead the writes elsewhere: compare counts such a place as edited)."""
    if _blocked(folder, place):
        raise DocsError(f"Một thư mục trên đường tới {folder / place} là liên kết tượng trưng hoặc một tệp: "
                        "Bản tin không ghi qua nó. Hãy thay nó bằng một thư mục thật rồi chạy lại lệnh.")
    current = folder
    for part in place.split("/")[:-1]:
        current = current / part
        try:
            current.mkdir(exist_ok=True)
        except OSError as exc:
            raise DocsError(f"Không tạo được thư mục {current}: {exc.strerror}.") from exc
    return current


def _write_manifest(folder: Path, listed: dict[str, str], version: str) -> None:
    head = manifest_text([], version)
    _write(folder, MANIFEST, (head + "".join(f"{sha}  {place}\n" for place, sha in sorted(listed.items())))
           .encode("utf-8"))


def installed() -> list[tuple[str, bytes]]:
    """The installed Bản tin's documents (place, bytes); MissingDocument when a package lacks them."""
    return [(place, path.read_bytes()) for place, path in sitedocs.installed(Path(__file__).resolve().parents[1])]
