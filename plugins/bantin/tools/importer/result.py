"""What importing a page produces, and the rules every step shares.

`ImportResult` is what one file gave (the article written, the fields found, what is
missing, the old addresses to redirect); `ImportFailure` is a file that gave nothing,
with a message naming it. `ARTICLE_DIR` and `ALLOWED_FIELDS` are the DESIGN §3 rules the
writer follows. Every other module of the importer builds on these, so they sit apart.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


ARTICLE_DIR = "tin-tuc"


ALLOWED_FIELDS = (
    "title",
    "slug",  # written once: the address the article gets now stays when it is retitled
    "date",
    "category",
    "tags",
    "author",
    "source",
    "summary",
    "aliases",
    "draft",
)


class ImportFailure(Exception):
    """A file could not be imported; the message names the file and says what to do.
    `addresses`: the page's old addresses when they were known (`refusing`): a link of the
    run to one of them says the page was refused, not that it was never imported."""

    addresses: tuple[str, ...] = ()


@contextmanager
def refusing(addresses: Iterable[str]):
    """Within: an ImportFailure raised carries the old addresses of the page it refuses."""
    try:
        yield
    except ImportFailure as exc:
        exc.addresses = tuple(addresses)
        raise


class AlreadyImported(ImportFailure):
    """A page imported before, refused again. `redirects`: the redirect map lines it should
    have and the map lacks (a run killed after writing the page, before writing the map),
    added now; `notes`: what the report says of its old addresses besides (the lines to add
    on publishing a draft); `added`, why the map lacked them when it was not an interrupted
    run (an item the old portal posted twice). Without them its old addresses would never be
    redirected."""

    def __init__(self, message: str, redirects: list[tuple[str, str]] | None = None,
                 notes: list[str] | None = None, added: str = "") -> None:
        super().__init__(message)
        self.redirects = list(redirects or [])
        self.notes = list(notes or [])
        self.added = added

    def result(self, source: Path) -> "ImportResult":
        """The refusal as a failed result that still carries the map lines to add."""
        return ImportResult(source=source, error=str(self), redirects=self.redirects, warnings=self.notes,
                            added_why=self.added, imported_before=True)


@dataclass
class ImportResult:
    """What importing one file produced.

    `path` is the written article (None when the import failed, see `error`); `fields`
    holds only what was found on the page (never placeholders); `missing` has one human
    message per field that could not be determined; `redirects` are (old URL, new path)
    pairs a static site cannot serve and the old host's web server must redirect;
    `warnings` are things an editor should check (encoding, dropped lines, attachments);
    `links`, the links to look at, each with its line (`relink.LinkNote`): the article's,
    and those of files written before that can now lead to it;
    `followed`, old address → the target its map line had before it followed the article
    to its address of today (`redirectmap.MapUpdate`); `replaced`, old address → the target
    its map line had, a page no longer there, replaced by this page's (asked for before the map
    is written, kept only when the map did it); `added_why`, for a page refused as
    imported before, why the map lacked the lines its refusal added (an interrupted run when
    empty); `imported_before`, a page refused only because it was imported before, which is
    a note, not an error (a run started again after an interruption refuses every page it
    had written), unless the map lines it needed could not be written (`_record_redirects`).
    """

    source: Path
    path: Path | None = None
    fields: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    redirects: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    images: list[Path] = field(default_factory=list)  # files copied into content/images/
    links: list = field(default_factory=list)
    followed: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)
    added_why: str = ""
    imported_before: bool = False

    @property
    def failed(self) -> bool:
        """Not imported for a reason to fix: an error, not a page that is already there."""
        return bool(self.error) and not self.imported_before

    def report(self, content_dir: Path | None = None) -> list[str]:
        """Report lines, each prefixed with the article's path (relative to content_dir)."""
        if self.error:
            return failed_lines(self)
        assert self.path is not None
        name = _display_path(self.path, content_dir)
        lines = [f"{self.source}: đã nhập thành bài {name}"]
        lines += [f"{name}: đã chép ảnh {_display_path(image, content_dir)}" for image in self.images]
        lines += [f"{name}: {message}" for message in self.missing]
        lines += [f"{name}: lưu ý: {message}" for message in self.warnings]
        lines += [f"{note.file or name}:{note.line}: {note.message()}" for note in self.links]
        lines += [
            f"{name}: trang tĩnh không phục vụ được địa chỉ cũ {old}; "
            f"máy chủ web cũ cần chuyển hướng địa chỉ đó tới {new} (xem bảng chuyển hướng)"
            + (f"; dòng của địa chỉ này trong bảng chuyển hướng trỏ tới {self.followed[old]}, theo phần đầu địa chỉ "
               f"của tin bài trước khi mục `urls:` của mkdocs.yml đổi, nay đã sửa thành {new}"
               if old in self.followed else "")
            for old, new in self.redirects
        ]
        return lines


def failed_lines(result: ImportResult) -> list[str]:
    """The report of a page not imported: its error, and for a page imported before (a note,
    «lưu ý:», when nothing is left to fix), the redirect lines its refusal added to the map (or
    could not) and what else to know."""
    lines = [f"{'lưu ý' if result.imported_before else 'lỗi'}: {result.error}"]
    lines += [f"{result.source}: lưu ý: {message}" for message in result.warnings]
    why = result.added_why or ("còn thiếu (lần nhập trước có lẽ đã bị ngắt trước khi ghi bảng), để địa chỉ cũ dẫn "
                               "tới trang đã nhập")
    lines += [f"{result.source}: đã thêm vào bảng chuyển hướng dòng `{old} {new}` {why}" for old, new in result.redirects]
    return lines


def _display_path(path: Path, content_dir: Path | None) -> str:
    if content_dir is not None:
        try:
            return path.relative_to(content_dir).as_posix()
        except ValueError:
            pass
    return path.as_posix()
