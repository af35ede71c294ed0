"""What importing a page produces, and the rules every step shares.

`ImportResult` is what one file gave (the article written, the fields found, what is
missing, the old addresses to redirect); `ImportFailure` is a file that gave nothing,
with a message naming it. `ARTICLE_DIR` and `ALLOWED_FIELDS` are the DESIGN §3 rules the
writer follows. Every other module of the importer builds on these, so they sit apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    """A file could not be imported; the message names the file and says what to do."""


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
    to its address of today (`redirectmap.MapUpdate`).
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

    def report(self, content_dir: Path | None = None) -> list[str]:
        """Report lines, each prefixed with the article's path (relative to content_dir)."""
        if self.error:
            return [f"lỗi: {self.error}"]
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


def _display_path(path: Path, content_dir: Path | None) -> str:
    if content_dir is not None:
        try:
            return path.relative_to(content_dir).as_posix()
        except ValueError:
            pass
    return path.as_posix()
