"""A folder of encoded picture variants shared by builds (`BANTIN_IMAGE_CACHE`).

Encoding pictures is about 40 % of a build of the sample site's CPU, and every build encodes
every photo again: a province's CI on each push, the test suite a dozen times a run. A build
asked to by `BANTIN_IMAGE_CACHE=<folder>` looks a variant up there before encoding it, and
leaves each variant it encodes there. What it takes from the folder must be what it would
have written itself, so:

- an entry's key is a hash of everything that decides the bytes: the photo's whole content
  hash, the variant's name (its width, size and format), the text of the code that encodes
  (site/images.py, site/pngphoto.py, files/colourprofile.py and this module, quality settings included),
  Pillow's version and its codecs' and LittleCMS's versions. Another photo, another encoder, changed
  code: another key, never a stale file;
- an entry carries its own length and hash, checked on each read: a file cut short (a build
  killed while writing, a disk full) or changed is never served, the variant is encoded;
- entries are written beside their name and renamed (two builds may store the same one), are
  opened without following a link, and are named by their hex key alone, so no variant's name
  (whatever its stem holds) places a file outside the folder;
- any failure (a folder that cannot be made or written, a read error) leaves the build encoding
  as it does without the cache; a folder that cannot be used is said once on stderr.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

VARIABLE = "BANTIN_IMAGE_CACHE"
_MAGIC = b"bantin-variant-1\n"
_HASH = 32  # sha256 of the payload, after its length (8 bytes, big-endian)
_HEADER = len(_MAGIC) + 8 + _HASH
_MAX_ENTRY = 64 * 1024 * 1024  # no variant is near this: a larger file is not ours
_told: set[str] = set()


@lru_cache(maxsize=1)
def encoder_version() -> str:
    """What changes an encoding's bytes besides the photo and the variant's name: our encoding
    code's text, Pillow's release and its JPEG, WebP and zlib libraries' versions."""
    from PIL import __version__ as pillow, features

    here = Path(__file__).resolve().parent
    code = hashlib.sha256()
    for name in ("images.py", "imagecache.py", "pngphoto.py"):  # pngphoto: a PNG photo encoded as JPEG
        code.update((here / name).read_bytes())
    code.update((here.parent / "files" / "colourprofile.py").read_bytes())  # the conversion to sRGB
    codecs = []
    for codec in ("jpg", "libjpeg_turbo", "webp", "zlib", "libimagequant", "littlecms2"):
        try:
            codecs.append(f"{codec}={features.version(codec)}")
        except (ValueError, OSError):  # a codec this Pillow does not know of
            codecs.append(f"{codec}=?")
    return f"{code.hexdigest()} pillow={pillow} {' '.join(codecs)}"


class ImageCache:
    """One cache folder; `fetch` and `store` never raise."""

    def __init__(self, root: Path):
        self.root = root

    def key(self, source_sha256: str, rel: str) -> str:
        """The entry's name: variant `rel` of the photo whose bytes hash to `source_sha256`."""
        text = "\0".join((_MAGIC.decode(), encoder_version(), source_sha256, rel))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def fetch(self, key: str, target: Path) -> bool:
        """The entry's bytes written to `target` (partial file, then renamed); False when there
        is no such entry, or it is a link, not a plain file, cut short or changed."""
        payload = self._read(self.root / key)
        if payload is None:
            return False
        partial = target.with_name(f".{target.name[:200]}.{os.getpid()}.cache")
        try:
            partial.write_bytes(payload)
            os.replace(partial, target)
            return True
        except OSError:
            _unlink(partial)
            return False

    def store(self, key: str, target: Path) -> None:
        """`target`, just encoded, kept as entry `key` (partial file, then renamed)."""
        partial = self.root / f".{key}.{os.getpid()}.{os.urandom(4).hex()}"
        try:
            payload = target.read_bytes()
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + len(payload).to_bytes(8, "big") + hashlib.sha256(payload).digest() + payload)
            os.replace(partial, self.root / key)
        except OSError as error:
            _unlink(partial)
            _tell(self.root, f"không ghi được ảnh vào đó ({error.strerror or error})")

    @staticmethod
    def _read(path: Path) -> bytes | None:
        """An entry's payload when it is a plain file, whole and unchanged; else None."""
        try:
            # O_NONBLOCK: a FIFO planted under an entry's name would hold the open (and the
            # build) until something writes to it; it is then refused as not a plain file.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None  # none yet, or a link (O_NOFOLLOW refuses it)
        try:
            with os.fdopen(fd, "rb") as entry:
                info = os.fstat(entry.fileno())
                if not stat.S_ISREG(info.st_mode) or not _HEADER <= info.st_size <= _MAX_ENTRY:
                    return None
                data = entry.read(_MAX_ENTRY + 1)
        except OSError:
            return None
        head, payload = data[:_HEADER], data[_HEADER:]
        if not head.startswith(_MAGIC) or int.from_bytes(head[len(_MAGIC):-_HASH], "big") != len(payload):
            return None
        return payload if hashlib.sha256(payload).digest() == head[-_HASH:] else None


def from_environment() -> ImageCache | None:
    """The cache `BANTIN_IMAGE_CACHE` names, made if missing; None when the variable is unset or
    empty (a build that must encode, as the suite's byte-identical tests ask) or the folder
    cannot be made (said once; the build encodes)."""
    raw = os.environ.get(VARIABLE, "")
    if not raw.strip():
        return None
    root = Path(raw).expanduser().absolute()
    try:
        root.mkdir(parents=True, exist_ok=True)
        if not root.is_dir():
            raise NotADirectoryError(0, "không phải thư mục")
        encoder_version()  # the key needs our code's text: unreadable, no entry can be trusted
    except OSError as error:
        _tell(root, f"không dùng được thư mục này ({error.strerror or error})")
        return None
    return ImageCache(root)


def _tell(root: Path, what: str) -> None:
    """Once a process and folder, on stderr (a WARNING in the build's log would fail a
    `--strict` build for a cache, which only saves time)."""
    if str(root) in _told:
        return
    _told.add(str(root))
    from bantin.problems import visible

    print(f"Bản tin: {VARIABLE}={visible(root)}: {what}; ảnh được mã hóa lại như khi không đặt biến. "
          f"Cách sửa: đặt {VARIABLE} là một thư mục ghi được, hoặc bỏ biến đi.", file=sys.stderr)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
