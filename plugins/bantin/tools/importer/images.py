"""Images saved with the page: copied into `content/images/` and written where they stood.

A browser's "save page, complete" writes `bai.html` and its pictures in `bai_files/`. An
image block of the body (htmlpage) whose src names such a file becomes
`![alt](../images/<name>)`, inside the link the old page wrapped it in if any (`Block.href`,
made final by `relink`); every other image keeps a note, as before: those on the old server
are named by their address (nothing is fetched at import), and a link around one is kept on
the image's description.

The saved page is untrusted and so is its folder (a copy from a colleague, an unzipped
archive): every read stays inside the page's own folder (no `..`, absolute path, drive
letter or symlink on the way, checked with lstat and opened with O_NOFOLLOW), a file over
the web editor's upload cap is refused before it is read, and the project's own image check
(`files.imagecheck.verify_image`: a real image of an allowed type, so never a renamed HTML
page or an SVG) runs before anything is copied. A copy never replaces a file: a taken name
gets a number (`anh-2.jpg`), and the bytes go to a hidden temporary file first, linked to
their name only when whole, so a killed import leaves no half image.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from bantin.files.imagecheck import verify_image
from bantin.files.interrupts import held
from bantin.files.replace import umask
from bantin.site.webeditor import IMAGES, UPLOAD_MAX
from bantin.tools.importer.imagesrc import (
    COPY_YOURSELF, Refused, alt_of, image_notes, local_parts, saved_with_page, target_name,
)
from bantin.tools.importer.lines import clean_line, md_escape
from bantin.tools.importer.links import link_markdown
from bantin.tools.importer.safefiles import _no_symlink_on_the_way
from bantin.tools.importer.units import Block

IMAGE_MAX = UPLOAD_MAX  # an image the web editor would refuse is not brought in another way


@dataclass
class Planned:
    """An image to copy: its body block, the bytes read and the name chosen in content/images/."""

    block: Block
    data: bytes
    name: str
    alt: str
    reused: bool = False  # the same bytes already sit under that name: nothing is written


def read_confined(folder: Path, parts: list[str]) -> bytes:
    """The bytes of `folder/parts…`, refusing a symlink at any step, anything but a regular
    file, and a file over IMAGE_MAX (from lstat, before reading; the read stops there too)."""
    path, info = Path(folder), None
    for k, part in enumerate(parts):
        path = path / part
        try:
            info = os.lstat(path)
        except OSError:
            raise Refused("không có tệp này bên cạnh trang đã lưu (trình duyệt chưa lưu ảnh, hoặc thư mục "
                          "`…_files` đã bị đổi tên, xóa)", "hãy lưu lại trang bằng \"Trang web, đầy đủ\" và nhập "
                          "lại, hoặc tự chép ảnh vào `content/images/`") from None
        if stat.S_ISLNK(info.st_mode):
            raise Refused(f"`{'/'.join(parts[:k + 1])}` là liên kết tượng trưng (symlink); bantin không đọc qua "
                          "liên kết", "hãy chép tệp ảnh thật vào thư mục của trang đã lưu rồi nhập lại")
        if k < len(parts) - 1 and not stat.S_ISDIR(info.st_mode):
            raise Refused("không có tệp này bên cạnh trang đã lưu", "hãy tự chép ảnh vào `content/images/`")
    assert info is not None
    if not stat.S_ISREG(info.st_mode):
        raise Refused("đây không phải một tệp ảnh (thư mục hay tệp đặc biệt)", "hãy tự chép ảnh vào `content/images/`")
    _check_size(info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            now = os.fstat(handle.fileno())
            if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
                raise Refused("tệp vừa bị thay trong lúc nhập", "hãy chạy lại lệnh")
            data = handle.read(IMAGE_MAX + 1)
    except OSError as exc:
        raise Refused(f"không đọc được tệp ({exc.strerror})", "hãy kiểm tra quyền đọc tệp rồi chạy lại lệnh") from None
    _check_size(len(data))
    return data


def _check_size(size: int) -> None:
    if size > IMAGE_MAX:
        raise Refused(f"tệp nặng {size / 1_000_000:.0f} MB, quá giới hạn {IMAGE_MAX // 1_000_000} MB của ảnh tải lên",
                      "hãy thu nhỏ ảnh (chiều ngang khoảng 1.600 điểm ảnh là đủ), chép vào `content/images/` rồi "
                      "chèn vào bài")


def free_name(folder: Path, wanted: str, data: bytes, planned: dict[str, bytes]) -> tuple[str, bool]:
    """(a name in `folder` for these bytes, whether a file there already holds them).

    Names are compared without case: `Anh.jpg` and `anh.jpg` are one file on Windows and
    macOS, where the site is also edited."""
    stem, dot, ext = wanted.rpartition(".")
    stem, ext = (stem, dot + ext) if dot else (wanted, "")
    present = {n.lower(): n for n in _listing(folder)}
    for n in range(1, 10_000):
        name = wanted if n == 1 else f"{stem}-{n}{ext}"
        key = name.lower()
        if key in planned:
            if planned[key] == data:
                return name, True
            continue
        if key not in present:
            return name, False
        if present[key] == name and _holds(folder / name, data):
            return name, True
    raise Refused("thư mục `content/images/` đã có quá nhiều ảnh cùng tên", "hãy đổi tên tệp ảnh rồi nhập lại")


def _listing(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file (not a link) at path has exactly these bytes."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return read_confined(path.parent, [path.name]) == data
    except (OSError, Refused):
        return False


def write_new(folder: Path, name: str, data: bytes) -> bool:
    """Write data as folder/name only if that name is free: False when it is taken.

    A hidden temporary file is written and flushed first, then linked to its name (a link
    never replaces a file); a kill midway leaves at most that hidden file, never a half image
    under the name an article uses. Where links are not supported (FAT, exFAT), a rename
    after a check is used (on Windows a rename never replaces either). Ctrl-C waits for the
    end (`interrupts.held`): inside `mkstemp` it left the hidden file."""
    with held():
        fd, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        target = folder / name
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, 0o666 & ~umask())
            try:
                os.link(partial, target, follow_symlinks=False)
            except FileExistsError:
                return False
            except OSError:
                if os.path.lexists(target):
                    return False
                os.rename(partial, target)
            return True
        finally:
            with contextlib.suppress(OSError):
                os.unlink(partial)


def image_markdown(alt: str, name: str) -> str:
    """`![alt](../images/name)`: from an article in content/tin-tuc/, as the guide writes it.
    The alt is page text: escaped like the body (a `]` would end it, `<` open a tag)."""
    return f"![{md_escape(clean_line(alt))}](../{IMAGES}/{name})"


def plan_images(body: list[Block], page: Path, content_dir: Path,
                featured: bool = True) -> tuple[list[Planned], list[str]]:
    """Read and check every image saved with the page, choose its name in content/images/ and
    write its Markdown into its block; nothing is written to disk yet (the article may still
    be refused as imported before). Returns the copies to make and the notes for the report.

    A block whose image is not imported gets no Markdown: the caption below it stays alone,
    and a note names the image (its address on the old server, or the saved file and why)."""
    folder = content_dir / IMAGES
    linked = _no_symlink_on_the_way(folder, content_dir.parent)
    planned: list[Planned] = []
    chosen: dict[str, bytes] = {}
    remote: list[str] = []
    notes: list[str] = []
    for index, block in enumerate(body):
        if block.kind != "image":
            continue
        block.markdown = ""
        try:
            parts = local_parts(block.src)
            if parts is None or not saved_with_page(block.src) and not os.path.lexists(page.parent.joinpath(*parts)):
                remote.append(block.links[0])  # on the old server: nothing is fetched at import
                notes += _link_kept_alone(block, block.links[0])
                continue
            if linked:
                raise Refused(linked, COPY_YOURSELF)
            data = read_confined(page.parent, parts)
            name = target_name(parts)
            problem = verify_image(name, data)
            if problem:
                raise Refused(*problem)
            name, reused = free_name(folder, name, data, chosen)
        except Refused as exc:
            why, fix = exc.args
            notes.append(f"ảnh `{block.src}` của trang đã lưu {page} chưa được nhập: {why}; {fix}")
            notes += _link_kept_alone(block, block.src)
            continue
        chosen[name.lower()] = data
        alt = alt_of(body, index)
        block.markdown = link_markdown(image_markdown(alt, name), block.href)
        planned.append(Planned(block, data, name, alt, reused))
    return planned, image_notes(remote) + notes + _alt_notes(planned, featured)


def _link_kept_alone(block: Block, image: str) -> list[str]:
    """For an image not imported that the old page wrapped in a link (`Block.href`): the link
    is kept, as a link on the image's description (its alt, else its file name), and the note
    says how to put the image back inside it. The link is made final by `relink` as any."""
    if block.href is None:
        return []
    name = posixpath.basename(unquote(block.src.split("?", 1)[0].split("#", 1)[0]).replace("\\", "/"))
    text = clean_line(block.alt) or clean_line(name) or "ảnh"
    block.markdown = link_markdown(md_escape(text), block.href)
    return [f"ảnh `{image}` chưa được nhập nên liên kết quanh ảnh trên trang cũ được giữ thành chữ «{text}»; khi đã "
            "chép ảnh vào `content/images/`, hãy đặt ảnh vào trong liên kết đó: `[![mô tả](../images/tên-tệp)](…)`"]


def _alt_notes(planned: list[Planned], featured: bool = True) -> list[str]:
    """What to check in the images written: an empty description (the build refuses it until
    one is written) and one taken from the caption (it may name the photographer); with
    `featured`, how to make the first one the article's `image:` (not for a question's
    answer: its handbook's picture is no answer's)."""
    notes = []
    for item in planned:
        if not item.alt:
            notes.append(f"ảnh `../{IMAGES}/{item.name}` (từ `{item.block.src}`) chưa có mô tả: trang cũ không ghi "
                         "mô tả (alt) hay chú thích; hãy viết vào trong ngoặc vuông `![…]` điều ảnh cho thấy, "
                         "nếu không bản dựng sẽ báo lỗi")
        elif not clean_line(item.block.alt):
            notes.append(f"mô tả của ảnh `../{IMAGES}/{item.name}` lấy từ chú thích bên dưới: «{item.alt}»; hãy "
                         "đọc lại xem có tả đúng điều ảnh cho thấy không")
    if planned and featured:
        first = planned[0]
        notes.append(f"bài chưa có ảnh đại diện (`image:`); muốn ảnh `../{IMAGES}/{first.name}` hiện ở danh sách "
                     "bài, trang chủ và khi chia sẻ, hãy thêm `image:` và `image_alt:` rồi xóa dòng ảnh đó trong "
                     "thân bài (ảnh đại diện đã hiện ở đầu bài, không để hai lần)")
    return notes


def copy_images(planned: list[Planned], content_dir: Path) -> list[Path]:
    """Write the planned copies into content/images/, never over a file; a name taken since
    it was planned gets the next number and the block's Markdown follows. Returns the files
    written (removed again by the caller if the article cannot be written)."""
    folder = content_dir / IMAGES
    written: list[Path] = []
    if not any(not p.reused for p in planned):
        return written
    folder.mkdir(parents=True, exist_ok=True)
    chosen = {p.name.lower(): p.data for p in planned}
    for item in planned:
        if item.reused:
            continue
        name, reused = item.name, False
        while not reused and not write_new(folder, name, item.data):
            del chosen[name.lower()]
            name, reused = free_name(folder, name, item.data, chosen)
            chosen[name.lower()] = item.data
        if name != item.name:
            item.name, item.block.markdown = name, link_markdown(image_markdown(item.alt, name), item.block.href)
        if not reused:
            written.append(folder / name)
    return written
