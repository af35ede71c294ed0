"""Atomic publish: a complete output folder at every moment, whatever kills the build (DESIGN §7).

`bantin build` writes into a staging folder beside the output (`.site.building-XXXX`) and
swaps it in at the end. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: staging and
output trade places in one step, so `site/` is always either the old or the new site.
Elsewhere (or on a file system without it) it is two renames, and between them there is a
window of a few microseconds without `site/`; a build killed exactly there leaves the old
copy as `.site.old-<pid>`, and the next build puts it back before anything else.

A lock file (`.site.build-lock`, flock) is held for the whole build, so two builds into one
folder run one after the other and the leftovers a build removes at its start (staging
and old copies of killed builds, 200+ MB each) can never be a running build's folder. After a swap the lock file records the new folder's
identity and top-level names (`read_mark`): a later build replaces only a folder it made
(outputs.foreign_folder_problem), never a gh-pages checkout or /var/www/html.
SIGTERM, SIGINT and SIGHUP raise `Interrupted` in the build: its caller removes the staging
folder and exits non-zero; the forked helpers reset these handlers (background.die_with_parent).
Every OSError of this step (a mount point, a read-only or full disk, no permission on the
parent) is for the caller to word (`publish_error`). No MkDocs import.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import json
import os
import platform
import shutil
import signal
import stat
import sys
import tempfile
from pathlib import Path

from bantin.files.replace import umask

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
SYSCALL = {"x86_64": 316, "aarch64": 276}  # renameat2, where libc has no wrapper


class Interrupted(BaseException):
    """The build got SIGTERM/SIGINT/SIGHUP; BaseException so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"bị dừng bởi tín hiệu {signal.Signals(signum).name}")
        self.signum = signum


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux renameat2); False where that is unavailable."""
    if not sys.platform.startswith("linux") or os.environ.get("BANTIN_NO_EXCHANGE"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    args = (AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if hasattr(libc, "renameat2"):
        call = libc.renameat2
        call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    elif platform.machine() in SYSCALL and hasattr(libc, "syscall"):  # glibc < 2.28, older musl
        call = functools.partial(libc.syscall, ctypes.c_long(SYSCALL[platform.machine()]))
        args = (ctypes.c_int(AT_FDCWD), args[1], ctypes.c_int(AT_FDCWD), args[3], ctypes.c_uint(RENAME_EXCHANGE))
    else:
        return False
    if call(*args) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # kernel or file system without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(a))


MARK_MAX = 1024 * 1024


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.build-lock")


def read_mark(target: Path) -> dict | None:
    """What the last build into `target` recorded in the lock file, if it still names this folder.

    The mark is the folder's identity (device, inode: a folder deleted and replaced by a
    git clone is another one) and its top-level names; outputs.foreign_folder_problem
    replaces a marked folder only while it holds nothing else."""
    try:
        fd = _open_regular(lock_path(target), os.O_RDONLY)
        with os.fdopen(fd, "rb") as lock:
            mark = json.loads(lock.read(MARK_MAX) or b"null")
        info = os.stat(target, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    if not isinstance(mark, dict) or [mark.get("dev"), mark.get("ino")] != [info.st_dev, info.st_ino]:
        return None
    return mark


class NotRegular(OSError):
    """A symlink, folder, FIFO or device where publish keeps a file of its own."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "không phải tệp thường", str(path))


def _open_regular(path: Path, flags: int, mode: int = 0o666) -> int:
    """Open `path` never through a symlink (O_NOFOLLOW), and only if it is a regular file.

    The lock file sits beside the output, often inside the repository: a committed symlink
    `.site.build-lock -> ~/.bashrc` must not make a build truncate and rewrite its target."""
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.EISDIR) or os.path.islink(path):
            raise NotRegular(path) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegular(path)
    return fd


def leftovers(target: Path) -> list[Path]:
    """Staging folders and old copies that builds into `target` left behind (real folders only:
    a symlink with such a name is someone else's and never moved or followed)."""
    return sorted(p for pattern in (f".{target.name}.building-*", f".{target.name}.old-*")
                  for p in target.parent.glob(pattern) if p.is_dir() and not p.is_symlink())



class _Lock:
    """An exclusive lock on a file beside the output, held while one build runs."""

    def __init__(self, path: Path) -> None:
        self.path, self.fd = path, None

    def acquire(self) -> None:
        self.fd = _open_regular(self.path, os.O_RDWR | os.O_CREAT)
        try:
            import fcntl
        except ImportError:  # Windows: no concurrent builds into one folder there (no CI on it)
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Đang chờ một lần dựng trang khác vào {self.path.parent} kết thúc…", file=sys.stderr)
            fcntl.flock(self.fd, fcntl.LOCK_EX)

    def record(self, data: bytes) -> None:
        """Replace the lock file's content (the mark of the folder just published)."""
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the flock
            self.fd = None


class Publishing:
    """`with Publishing(target) as staging:` build into `staging.path`, then `publish()`.

    Leaving the block without `publish()` (an error, an interrupt) removes the staging folder.
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.path: Path | None = None
        self.published = False
        self.lock = _Lock(lock_path(self.target))
        self.pid = os.getpid()
        self._previous: dict[int, object] = {}

    def __enter__(self) -> "Publishing":
        self.lock.acquire()
        self._sweep()
        self._handle_signals()
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.building-", dir=self.target.parent))
        self.path.chmod(0o777 & ~umask())  # mkdtemp makes it private; a web server must read the site
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.discard()
        finally:
            self._restore_signals()
            self.lock.release()

    # --- the swap ---------------------------------------------------------------------------
    def publish(self) -> None:
        """Put the staging folder in the output's place; the old site is removed last."""
        names = sorted(os.listdir(self.path))
        with _signals_blocked():
            if not os.path.lexists(self.target):
                os.rename(self.path, self.target)
                self.path, self.published = None, True
                self._mark(names)
                return
            if exchange(self.path, self.target):
                old = self.path  # the staging name now holds the previous site
            else:
                old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
                os.rename(self.target, old)  # the window: no site/ until the next rename
                try:
                    os.rename(self.path, self.target)
                except OSError:
                    os.rename(old, self.target)  # put the old site back before reporting
                    raise
            self.path, self.published = None, True
        self._mark(names)
        shutil.rmtree(old, ignore_errors=True)

    def _mark(self, names: list[str]) -> None:
        """Record in the lock file that the output folder is this build's (see read_mark)."""
        try:
            info = os.stat(self.target, follow_symlinks=False)
            self.lock.record(json.dumps({"dev": info.st_dev, "ino": info.st_ino, "names": names}).encode())
        except OSError:
            pass  # no mark: the next build falls back to the content rule (outputs.foreign_folder_problem)

    def discard(self) -> None:
        """Remove the staging folder (twice: a helper may still have been writing into it)."""
        if self.path is None:
            return
        for _ in range(2):
            shutil.rmtree(self.path, ignore_errors=True)
        self.path = None

    # --- leftovers of killed builds -----------------------------------------------------------
    def _sweep(self) -> None:
        """Under the lock, every staging folder and old copy is a dead build's: remove them.

        A build killed between the two renames of the fallback left no output but an old
        copy: it is put back first."""
        found = leftovers(self.target)
        old = [p for p in found if ".old-" in p.name]
        if old and not os.path.lexists(self.target):
            newest = max(old, key=lambda p: p.stat().st_mtime)
            os.rename(newest, self.target)
            found.remove(newest)
        for path in found:
            shutil.rmtree(path, ignore_errors=True)
        if found:
            print(f"Đã xóa {len(found)} thư mục dở dang của lần dựng trước bị dừng giữa chừng.", file=sys.stderr)

    # --- signals --------------------------------------------------------------------------------
    def _handle_signals(self) -> None:
        for signum in SIGNALS:
            try:
                self._previous[signum] = signal.signal(signum, self._interrupt)
            except ValueError:  # not the main thread: nothing to install
                return

    def _restore_signals(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _interrupt(self, signum: int, frame) -> None:
        if os.getpid() != self.pid:  # a fork that kept our handler: die as the signal says
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Interrupted(signum)


class _signals_blocked:
    """Hold SIGTERM/SIGINT/SIGHUP during the swap, so an interrupt never lands between renames."""

    def __enter__(self) -> None:
        if hasattr(signal, "pthread_sigmask"):
            self.old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)

    def __exit__(self, *exc) -> None:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_SETMASK, self.old)


# --- what went wrong, for editors -------------------------------------------------------------
_WHY = {
    errno.EBUSY: ("thư mục đích đang bận hoặc là một điểm gắn kết (mount point, ổ đĩa hay thư mục chia sẻ "
                  "gắn vào đó), nên không thay được cả thư mục",
                  "dựng vào một thư mục thường (ví dụ `-d public`) rồi chép nội dung sang, hoặc gắn thư mục cha "
                  "thay vì chính thư mục đích"),
    errno.ENOENT: ("thư mục cha không có hoặc không tạo được ở đó",
                   "kiểm tra lại đường dẫn của `-d`, chọn một thư mục trên ổ đĩa thường (không phải /proc, /sys)"),
    errno.EACCES: ("không có quyền ghi vào thư mục cha hoặc vào tệp khóa bên cạnh",
                   "chọn thư mục mà bạn có quyền ghi, hoặc nhờ quản trị cấp quyền ghi cho thư mục cha"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc (read-only)", "dựng vào một ổ đĩa ghi được, rồi chép sang"),
    errno.ENOSPC: ("ổ đĩa đã đầy", "xóa bớt tệp không cần trên ổ đĩa đó hoặc dựng vào ổ khác; trang cần "
                   "chỗ cho hai bản (cũ và mới) trong lúc thay"),
    errno.EXDEV: ("thư mục tạm và thư mục đích nằm trên hai ổ đĩa khác nhau",
                  "chọn thư mục đích không phải là điểm gắn kết, hoặc dựng vào thư mục thường rồi chép sang"),
}
_WHY[errno.ELOOP] = ("tệp khóa bên cạnh thư mục đích là một liên kết tượng trưng (symlink), thư mục hay tệp đặc "
                     "biệt, không phải tệp thường; bantin không ghi theo liên kết",
                     "xóa nó (nếu nó nằm trong kho git thì xóa khỏi kho), bantin sẽ tự tạo lại tệp khóa")
_WHY[errno.EPERM] = _WHY[errno.EACCES]
_WHY[errno.EDQUOT] = _WHY[errno.ENOSPC]
_WHY[errno.ENOTDIR] = _WHY[errno.ENOENT]


def publish_error(target: Path, exc: OSError) -> str:
    """One Vietnamese message for an OSError of the publish step: folder, what, how to fix."""
    shown = str(exc.filename or "")
    elsewhere = shown and not os.path.abspath(shown).startswith(str(target.parent))
    generic = (f"lỗi hệ thống khi đọc hoặc ghi tệp: {exc.strerror or exc}",
               "kiểm tra tệp được nêu (còn không, có quyền đọc không), ổ đĩa và quyền ghi của thư mục cha")
    what, fix = generic if elsewhere and exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) else \
        _WHY.get(exc.errno, generic)
    where = f" ({shown})" if shown and shown != str(target) and ".building-" not in shown else ""  # not our staging
    return (f"Không ghi được trang vào {target}: {what}{where}. Trang cũ (nếu có) vẫn giữ nguyên. "
            f"Cách sửa: {fix}")
