"""Which handbook `bantin import --handbook NAME` adds its questions to (handbook.py).

NAME may be the handbook's file, its name in content/hoi-dap/, its address or its title
(marks and case aside), as an IT person would type any of them. One that names no handbook
creates one only with a title and a category (`--handbook-title`, `--category`): a typo must
never start a second handbook beside the first, so it is refused with the list of those
there are. A path that leaves the content folder, a link, or a file that is not a Q&A
handbook is refused by name; nothing is written before the choice is made.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bantin.config.settings import SiteConfig
from bantin.content import fields, frontmatter
from bantin.content.fields import SLUG_MAX
from bantin.content.model import KIND_FOLDERS
from bantin.problems import Problems, short as _short, visible
from bantin.text.vi import cap_slug, fold, full_slug, nfc, slugify, strip_control
from bantin.tools.importer.lines import clean_line
from bantin.tools.importer.result import ImportFailure, _display_path
from bantin.tools.importer.safefiles import _no_symlink_on_the_way
from bantin.tools.importer.writing import _today
from bantin.tools.newcontent import NewContentError, handbooks, read_text

QA_DIR = KIND_FOLDERS["qa"]


@dataclass
class Handbook:
    """The handbook questions go into. `front` is the front matter to write when the file is
    still to be created (None once it exists); `address` is the last segment of its page."""

    path: Path
    address: str
    title: str
    front: dict | None = None
    draft: bool = False


@dataclass
class Known:
    path: Path
    title: str
    address: str
    draft: bool
    text: str  # as newcontent.read_text reads it (`\n` line ends)


def known_handbooks(content_dir: Path) -> list[Known]:
    """The site's handbooks as the build reads them (`newcontent.handbooks`), with their
    titles and addresses (`slug:`, else made from the title, as content/fields makes it)."""
    try:
        paths = handbooks(content_dir)
        texts = {path: read_text(path) for path in paths}
    except NewContentError as exc:
        raise ImportFailure(f"{exc} Chưa nhập tệp nào.") from None
    known = []
    for path, text in texts.items():
        meta = _front(path, text)
        title = str(meta.get("title") or "").strip()
        slug = str(meta.get("slug") or "").strip()
        address = cap_slug(full_slug(slug) if slug else slugify(title), SLUG_MAX)
        known.append(Known(path, title, address, str(meta.get("draft", "")).lower() == "true", text))
    return known


def _front(path: Path, text: str) -> dict:
    scratch = Problems()
    parts = frontmatter.split(path.name, text, scratch)
    loaded = frontmatter.parse_yaml(path.name, parts[0], scratch) if parts else None
    return loaded[0] if loaded and isinstance(loaded[0], dict) else {}


# Fields checked against the site's own lists (mkdocs.yml's categories and documents), which
# this check does not have: the build names those, and a question's address does not depend on them.
_SITE_FIELDS = frozenset({"category", "documents"})


def front_refusal(path: Path, content_dir: Path, text: str) -> str | None:
    """Why questions cannot go into this existing handbook, or None: front matter the build
    rejects (`frontmatter.split`, `parse_yaml` and `fields.validate` as the build runs them,
    but for the site's lists), whose page and address are then unknown. With `title: [Sổ cũ`
    the import wrote its questions' redirect lines to `/hoi-dap//<id>/`, and no later run
    corrected them. The first error with its line and fix; the count of the others."""
    src = _display_path(path, content_dir)
    problems = Problems()
    parts = frontmatter.split(src, text, problems)
    loaded = frontmatter.parse_yaml(src, parts[0], problems) if parts else None
    if loaded is not None:
        fields.validate(src, loaded[0], loaded[1], SiteConfig(), problems, lambda _: True)
    errors = [p for p in problems.errors if p.field not in _SITE_FIELDS]
    if not errors:
        return None
    first = errors[0]
    where = f"{visible(first.path)}:{first.line}" + (f" [{first.field}]" if first.field else "")
    more = (f" (và {len(errors) - 1} lỗi khác của phần khai báo: `bantin check` liệt kê đủ)"
            if len(errors) > 1 else "")
    return (f"{where}: {visible(first.message)}{more}; bản dựng không nhận phần khai báo này, nên không biết trang "
            "và địa chỉ của sổ tay (câu hỏi nhập vào sẽ có địa chỉ sai, bảng chuyển hướng trỏ tới trang không có). "
            f"Chưa nhập tệp nào. Cách sửa: {visible(first.fix)}, rồi chạy lại lệnh")


def same_file(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _listing(known: list[Known], content_dir: Path) -> str:
    if not known:
        return f"trang chưa có sổ tay Hỏi - Đáp nào trong {QA_DIR}/"
    names = "; ".join(f"{_display_path(k.path, content_dir)} ({visible(k.title)})" for k in known)
    return f"các sổ tay đang có: {names}"


def find_handbook(content_dir: Path, wanted: str, *, title: str | None = None, category: str | None = None,
                  today: date | None = None) -> tuple[Handbook, list[str]]:
    """The handbook `--handbook` names, and notes for the command's output.

    `wanted` is a handbook's file (`content/hoi-dap/x.md`, `x.md`), its file name without
    `.md`, its address or its title. None of the handbooks: a new one at
    content/hoi-dap/<slug>.md, for which `title` and `category` must be given, so that a
    mistyped name never makes a second handbook. ImportFailure, naming the file and what
    to do, before anything is written."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ImportFailure(f"không có thư mục nội dung {content_dir}; hãy chạy lệnh trong thư mục của trang, "
                            "hoặc chỉ rõ thư mục nội dung bằng --content-dir. Chưa nhập tệp nào")
    known = known_handbooks(content_dir)
    found, path = _match(content_dir, nfc(wanted).strip(), known)
    if found is not None:
        return _existing(found, title, category, content_dir)
    linked = _no_symlink_on_the_way(path, content_dir.parent)
    if linked:
        raise ImportFailure(f"--handbook {_short(visible(wanted))}: {linked}. Chưa nhập tệp nào")
    name = _display_path(path, content_dir)
    if os.path.lexists(path):
        raise ImportFailure(f"--handbook {_short(visible(wanted))}: {name} có rồi nhưng không phải sổ tay Hỏi - Đáp "
                            "mà trang đọc (cần `type: qa` hoặc nằm trong hoi-dap/, phần khai báo đọc được). Chưa "
                            f"nhập tệp nào. Cách sửa: sửa tệp đó, hoặc chọn tên khác; {_listing(known, content_dir)}")
    return _new(path, name, title, category, _today(today), known, content_dir), []


def _match(content_dir: Path, wanted: str, known: list[Known]) -> tuple[Known | None, Path]:
    """(the known handbook `wanted` names, or None with the path of a new one)."""
    folder = content_dir / QA_DIR
    if "/" in wanted or os.sep in wanted or wanted.lower().endswith(".md"):
        given = Path(wanted) if ("/" in wanted or os.sep in wanted) else folder / wanted
        for handbook in known:
            if same_file(given, handbook.path):
                return handbook, given
        if os.path.lexists(given) and not given.is_symlink():
            raise ImportFailure(f"--handbook {_short(visible(wanted))}: không phải sổ tay Hỏi - Đáp mà trang đọc "
                                f"(phải là tệp .md thật, không phải liên kết tượng trưng, nằm trong {content_dir}/ "
                                f"với `type: qa` hoặc trong {QA_DIR}/). Chưa nhập tệp nào; "
                                f"{_listing(known, content_dir)}")
        if not same_file(given.parent, folder) or slugify(given.stem) != given.stem:
            raise ImportFailure(f"--handbook {_short(visible(wanted))}: sổ tay mới được tạo trong "
                                f"{folder}/, tên tệp chữ thường không dấu; chưa nhập tệp nào. Cách sửa: ghi tên sổ "
                                f"tay, ví dụ `--handbook {slugify(given.stem) or 'hoi-dap-phap-luat'}`")
        wanted = given.stem
    slug = cap_slug(slugify(wanted), SLUG_MAX)
    if not slug:
        raise ImportFailure(f"--handbook {_short(visible(wanted))}: không có chữ hay số để làm tên sổ tay; chưa nhập "
                            "tệp nào. Cách sửa: ghi tên tệp của sổ tay, ví dụ `--handbook hoi-dap-phap-luat`")
    hits = [k for k in known if slug in (k.path.stem, k.address) or wanted == k.path.stem
            or (k.title and fold(k.title) == fold(wanted))]
    if len(hits) > 1:
        raise ImportFailure(f"--handbook {_short(visible(wanted))}: ứng với {len(hits)} sổ tay "
                            f"({'; '.join(_display_path(k.path, content_dir) for k in hits)}); chưa nhập tệp nào. "
                            "Cách sửa: ghi đường dẫn tệp của sổ tay, ví dụ "
                            f"`--handbook {_display_path(hits[0].path, content_dir.parent)}`")
    return (hits[0] if hits else None), folder / f"{slug}.md"


def _existing(found: Known, title: str | None, category: str | None,
              content_dir: Path) -> tuple[Handbook, list[str]]:
    broken = front_refusal(found.path, content_dir, found.text)
    if broken:
        raise ImportFailure(broken)
    notes = []
    name = _display_path(found.path, content_dir)
    if title and clean_line(title) != found.title:
        notes.append(f"{name}: lưu ý: sổ tay đã có, giữ tiêu đề «{visible(found.title)}»; --handbook-title chỉ dùng "
                     "khi tạo sổ tay mới")
    if category:
        notes.append(f"{name}: lưu ý: câu hỏi thuộc chuyên mục của sổ tay; --category chỉ dùng khi tạo sổ tay mới")
    return Handbook(found.path, found.address, found.title, draft=found.draft), notes


def _new(path: Path, name: str, title: str | None, category: str | None, today: date, known: list[Known],
         content_dir: Path) -> Handbook:
    """A handbook still to be created: its front matter, once title and category are known."""
    command = f"--handbook {path.stem} --handbook-title \"Hỏi - Đáp về …\" --category <chuyên mục>"
    if not title:
        raise ImportFailure(f"--handbook: chưa có sổ tay {name}; chưa nhập tệp nào. Cách sửa: để tạo sổ tay mới, "
                            f"ghi tiêu đề của nó (`{command}`); để thêm vào sổ tay đang có, ghi tên tệp của sổ tay "
                            f"đó; {_listing(known, content_dir)}")
    clean = " ".join(strip_control(nfc(title)).split())
    if not slugify(clean):
        raise ImportFailure(f"--handbook-title {_short(visible(title))}: tiêu đề không có chữ hay số; chưa nhập tệp "
                            "nào. Cách sửa: ghi tiêu đề của sổ tay trong dấu ngoặc kép")
    if not category:
        raise ImportFailure(f"--handbook: sổ tay mới {name} cần một chuyên mục (bản dựng dừng ở sổ tay không có "
                            f"chuyên mục); chưa nhập tệp nào. Cách sửa: thêm `--category <tên hoặc mã chuyên mục>` "
                            f"(`{command}`)")
    # The slug mkdocs.yml gave (cli: `_known_category`), or, without a mkdocs.yml, made as an article's is
    front = {"title": clean, "slug": path.stem, "type": "qa", "date": today, "category": slugify(category) or category}
    return Handbook(path, path.stem, clean, front)
