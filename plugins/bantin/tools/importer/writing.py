"""Writing an imported article (step 4): front matter, file name, never overwriting.

`import_file` reads one saved page, writes `content/tin-tuc/<slug>.md` with only the
fields DESIGN §3 allows and reports each field it could not determine; `import_files`
does several and records old addresses in the redirect map.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import yaml

from bantin.files.interrupts import held
from bantin.config.settings import UrlPrefixes
from bantin.text.vi import VIETNAM, cap_slug, is_utf16, nfc, slugify
from bantin.content.fields import PLACEHOLDER_CATEGORY, PLACEHOLDER_TITLE, alias_problem
from bantin.problems import short as _short
from bantin.tools.importer.htmlpage import analyse_html
from bantin.tools.importer.images import copy_images, plan_images, write_new
from bantin.tools.importer.imagesrc import image_notes
from bantin.tools.importer.losses import lost_warning
from bantin.tools.importer.reading import (
    _mht_html, _refuse_legacy, decode_bytes, readable_html, refuse_oversized,
)
from bantin.site.redirectmap import redirect_line_problem
from bantin.tools.importer.oldpages import NewPage, OldPages, portal_hosts, recorded
from bantin.tools.importer.redirectmap import RedirectMap, read_redirect_map
from bantin.tools.importer.relink import earlier_links, final_links, lead_links, refused_in_run
from bantin.tools.importer.result import (
    ALLOWED_FIELDS, ARTICLE_DIR, AlreadyImported, ImportFailure, ImportResult, _display_path,
)
from bantin.tools.importer.safefiles import _no_symlink_on_the_way
from bantin.tools.importer.sitepages import page_address, page_texts
from bantin.tools.importer.units import Extracted, analyse_text
from bantin.tools.importer.urls import classify_old_url, normalize_url


URL_ALONE = "--url chỉ ghi địa chỉ cũ của một trang: khi dùng --url, hãy nhập riêng từng tệp"

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp"}
MHT_SUFFIXES = {".mht", ".mhtml"}
SLUG_MAX = 80


def _today(today: date | None) -> date:
    return today or datetime.now(VIETNAM).date()


def _slug_for(title: str | None, source: Path) -> str:
    slug = slugify(title) if title else ""
    if not slug:
        slug = slugify(source.stem) or "bai-nhap"
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


ARTICLE_MAX = 8 * 1024 * 1024  # an article is far smaller; a bigger file is not compared


def _read_article(path: Path) -> tuple[dict, str]:
    """(front matter, body) of an existing article; ({}, "") when unreadable, not a regular
    file or over ARTICLE_MAX: a committed link to /dev/zero made the import read forever."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return {}, ""
            data = handle.read(ARTICLE_MAX + 1)
        if len(data) > ARTICLE_MAX:
            return {}, ""
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, ""
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}, text.strip()
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), text[match.end():].strip()


_SLUG_LINE = re.compile(r"^slug:[ \t]*['\"]?([^'\"\s#]+)", re.M)


def _addresses(folder: Path) -> dict[str, Path]:
    """Article addresses in use: each file's `slug:` (the first 4 KB are read), else its name.

    A file's name is taken too: the new file must not have it either. Links are not followed.
    """
    taken: dict[str, Path] = {}
    if not folder.is_dir() or folder.is_symlink():
        return taken
    for path in sorted(folder.rglob("*.md")):
        taken.setdefault(path.stem, path)  # even a link's name: the new file must not take it
        if path.is_symlink() or not path.is_file():
            continue
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        end = head.find("\n---", 3)
        match = _SLUG_LINE.search(head[:end] if head.startswith("---") and end > 0 else "")
        if match:
            taken.setdefault(match.group(1), path)
    return taken


class _Imported(AlreadyImported):
    """The same page as an article there is: `address` and `draft` of that article (None for
    a page placed before in this run), which the page's missing map lines lead to."""

    def __init__(self, message: str, address: str | None, draft: bool) -> None:
        super().__init__(message)
        self.address, self.draft = address, draft


def _choose_path(content_dir: Path, slug: str, front: dict, body: str, source: Path,
                 reserved: dict[str, "_Page"]) -> Path:
    """A file name no existing article uses (`slug`, `slug-2`, …), nor a page placed before
    in this run (`reserved`, name → page).

    Refuses (`_Imported`) when the same page was imported before (or is given twice): same
    text, same old address, or same title and date. A different article that happens to
    share the title gets a numeric suffix instead.
    """
    folder = content_dir / ARTICLE_DIR
    taken = _addresses(folder)
    candidate, n = slug, 1
    while candidate in taken or candidate in reserved:
        if candidate in reserved:
            other = reserved[candidate]
            existing, existing_body, where = other.front, _body(other.found), other.target
        else:
            (existing, existing_body), where = _read_article(taken[candidate]), taken[candidate]
        same_page = (
            _comparable(existing_body) == _comparable(body)
            or bool(set(existing.get("aliases") or []) & set(front.get("aliases") or []))
            or (
                front["title"] != PLACEHOLDER_TITLE
                and str(existing.get("title")) == str(front["title"])
                and str(existing.get("date")) == str(front["date"])
            )
        )
        if same_page:
            raise _Imported(
                f"{source}: trang này đã được nhập thành "
                f"{_display_path(where, content_dir)} (trùng nội dung, trùng địa "
                "chỉ cũ, hoặc trùng tiêu đề và ngày đăng); không tệp nào bị ghi đè — muốn nhập "
                "lại thì hãy xóa tệp đó trước",
                None if candidate in reserved else page_address(existing) or candidate,
                existing.get("draft") is True,
            )
        n += 1
        candidate = f"{cap_slug(slug, SLUG_MAX - len(str(n)) - 1)}-{n}"  # `slug:` stays within SLUG_MAX
    return folder / f"{candidate}.md"


_ESCAPED = re.compile(r"\\(.)")
_ANY_LINK = re.compile(r"\[((?:\\.|[^\[\]\\\n])*)\]\((?:<[^<>\n]*>|[^()\s]*)\)")
_IMAGE = r"!\[(?:\\.|[^\[\]\\\n])*\]\([^()\s]*\)"
# An image, alone or inside a link (`relink`'s final link, or the marker an answer still holds).
_IMAGE_ALONE = re.compile(rf"{_IMAGE}|\[{_IMAGE}\]\((?:<[^<>\n]*>|[^()\s]*)\)")


def _comparable(body: str) -> str:
    """A body's text as a re-import compares it: links as their text and images (linked or
    not) left out, backslash escapes undone.
    Written, a link leads to an article's file or keeps its old address (relink), and an
    image names its copy; the same page analysed again has neither yet. A page imported
    before `lines.md_escape` escaped `_`, `!` and a closing `#` (session 32) is the same text."""
    paragraphs = [p for p in body.strip().split("\n\n") if not _IMAGE_ALONE.fullmatch(p)]
    return _ESCAPED.sub(r"\1", _ANY_LINK.sub(r"\1", "\n\n".join(paragraphs)))


def front_matter_text(front: dict) -> str:
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096,
                          default_flow_style=False)


def check_front_matter(front: dict) -> list[str]:
    """Problems with front matter the importer is about to write (empty when valid)."""
    problems = [f"trường `{k}` không được hỗ trợ" for k in front if k not in ALLOWED_FIELDS]
    if not isinstance(front.get("title"), str) or not front["title"].strip():
        problems.append("`title` phải là một dòng chữ")
    value = front.get("date")
    if not (
        isinstance(value, date) and not isinstance(value, datetime)
        or isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", value)
    ):
        problems.append("`date` phải có dạng năm-tháng-ngày (`2024-11-21` hoặc `2024-11-21 08:30`)")
    if not isinstance(front.get("category"), str) or slugify(front["category"]) != front["category"]:
        problems.append("`category` phải là mã chuyên mục (chữ thường không dấu, gạch ngang)")
    if "tags" in front and not all(isinstance(t, str) and t for t in front["tags"]):
        problems.append("`tags` phải là danh sách các dòng chữ")
    if "source" in front:
        source = front["source"]
        if not isinstance(source, dict) or not source.get("name") or set(source) - {"name", "url"}:
            problems.append("`source` phải có `name` và chỉ có thể có thêm `url`")
        elif "url" in source and not str(source["url"]).startswith(("http://", "https://")):
            problems.append("`url` trong `source` phải bắt đầu bằng http:// hoặc https://")
    if "slug" in front and (not isinstance(front["slug"], str) or not front["slug"]
                            or slugify(front["slug"]) != front["slug"]):
        problems.append("`slug` phải là chữ thường không dấu, số và dấu gạch ngang")
    if "aliases" in front and not all(
        isinstance(a, str) and a.startswith("/") and "?" not in a for a in front["aliases"]
    ):
        problems.append("`aliases` phải là các đường dẫn bắt đầu bằng /")
    if "draft" in front and not isinstance(front["draft"], bool):
        problems.append("`draft` chỉ nhận `true` hoặc `false`")
    return problems


_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
)


def _analyse(path: Path, address: str | None = None) -> tuple[Extracted, list[str]]:
    """Read, decode and analyse one saved page (`address`: its old address given with --url);
    ImportFailure when that is impossible."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(
            f"{name}: không có tệp này; hãy kiểm tra tên tệp, thư mục và phần đuôi (.html, .txt…)"
        ) from None
    except IsADirectoryError:
        raise ImportFailure(
            f"{name}: đây là thư mục, không phải trang đã lưu; hãy ghi tên các tệp trong thư "
            "mục, ví dụ `trang-cu/*.html`"
        ) from None
    except OSError as exc:
        raise ImportFailure(
            f"{name}: không đọc được tệp ({exc.strerror}); hãy đóng chương trình đang mở tệp "
            "và kiểm tra quyền đọc tệp"
        ) from None
    suffix = path.suffix.lower()
    if suffix in MHT_SUFFIXES or data[:400].lower().find(b"multipart/related") >= 0:
        data = _mht_html(data, name)
        suffix = ".html"
    marked = data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    if not marked and not data.startswith(_BINARY_MAGIC) and is_utf16(data):
        raise ImportFailure(
            f"{name}: tệp được lưu bằng bảng mã UTF-16 nhưng thiếu dấu BOM ở đầu tệp (không phải tệp Word, PDF hay "
            "ảnh), mà lệnh chỉ đọc UTF-16 có dấu BOM; hãy mở tệp bằng Notepad, chọn Lưu thành (Save As) → "
            "Encoding: UTF-8 rồi nhập lại tệp đó, hoặc mở trang trên trình duyệt và lưu lại dạng \"Trang web\" (.html)"
        )
    binary = data.startswith(_BINARY_MAGIC) or (b"\x00" in data[:1000] and not marked)
    if binary:
        raise ImportFailure(
            f"{name}: đây không phải tệp văn bản hay HTML (tệp Word, PDF hay ảnh?); "
            "hãy mở trang trên trình duyệt và lưu dạng \"Trang web\" (.html), hoặc chép chữ "
            "của trang vào một tệp .txt"
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    is_html = suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and head.startswith((b"<!doctype", b"<html", b"<!--", b"<head"))
    ) or bool(re.match(rb"\s*<(!doctype|html)", head))
    text, warnings = decode_bytes(data, name, html=is_html)
    text = readable_html(text) if is_html else text
    refuse_oversized(text, name, html=is_html)
    if is_html:
        found = analyse_html(text, address)
        checked = " ".join(b.plain for b in found.body) + " " + (found.title or "")
        if not found.body:
            checked = found.page_text
    else:
        checked = text
        found = None
    _refuse_legacy(checked, name)
    if found is None:
        found = analyse_text(text)
    if not found.body:
        raise ImportFailure(
            f"{name}: không tìm thấy nội dung bài (không có đoạn văn nào); hãy kiểm tra đây "
            "có đúng là trang của bài viết không, hoặc chép chữ của bài vào một tệp .txt rồi "
            "nhập tệp đó"
        )
    return found, warnings


def _refused_by_the_build(kind: tuple[str, str], old: str) -> str | None:
    """Why the build would refuse this old address as an alias, or `bantin redirects` as a map
    line (a hidden folder, a quote or `$` a server rule cannot hold), else None."""
    if kind[0] == "alias":
        return alias_problem(kind[1])
    return redirect_line_problem(old, "/tin-tuc/bai/")


@dataclass
class _Page:
    """One saved page on its way to an article: what `_prepare` found and `_place` decided,
    before `_write` writes it. `known_as`: the old addresses the import records for it (an
    alias or a redirect map line), by which other pages' links find it."""

    source: Path
    found: Extracted
    result: ImportResult
    front: dict
    draft: bool
    known_as: list[str]
    unmapped: list[str]
    target: Path = Path()


def _prepare(path: Path, content_dir: Path, *, category: str | None, url: str | None, today: date) -> _Page:
    """Read and analyse one saved page, and make its front matter (without `slug:`, chosen by
    `_place`). Raises ImportFailure (message names the file) when nothing can be imported."""
    if not content_dir.is_dir():
        raise ImportFailure(
            f"{path}: không có thư mục nội dung {content_dir}; hãy chạy lệnh trong thư mục "
            "của trang, hoặc chỉ rõ thư mục nội dung bằng --content-dir"
        )
    address = normalize_url(url) if url else None
    if url and address is None:
        raise ImportFailure(
            f"{path}: --url {url!r} không phải địa chỉ http:// hay https://, cũng không phải "
            "đường dẫn bắt đầu bằng /; hãy ghi đầy đủ địa chỉ của trang trên cổng thông tin "
            "cũ, trong dấu ngoặc kép"
        )
    found, warnings = _analyse(path, address)
    result = ImportResult(source=path, warnings=list(warnings) + found.warnings)
    if found.lost:
        result.warnings.append(lost_warning(found.lost, str(path)))
    missing = result.missing

    if found.date is not None and not (date(1990, 1, 1) <= found.date.value <= today):
        found.rejected_dates.append(found.date.text)
        found.date = None

    front: dict = {}
    draft = False
    if found.title:
        front["title"] = found.title
        result.fields["title"] = found.title
    else:
        front["title"] = PLACEHOLDER_TITLE
        draft = True
        missing.append(
            f"không tìm thấy tiêu đề; hãy thay `title: {PLACEHOLDER_TITLE}` bằng tiêu đề "
            "của bài (tới lúc đó bài là bản nháp: kiểm tra xong thì xóa dòng `draft: true`)"
        )
    if found.date:
        front["date"] = found.date.front_matter()
        result.fields["date"] = front["date"]
    else:
        front["date"] = today
        draft = True
        ignored = ""
        if found.rejected_dates:
            shown = "», «".join(dict.fromkeys(found.rejected_dates))
            ignored = (f" (đã bỏ qua «{shown}»: đồng hồ của cổng thông tin, giờ truy cập "
                       "lần trước hoặc ngày trong tương lai)")
        missing.append(
            f"không tìm thấy ngày đăng bài{ignored}; hãy tự sửa `date:` "
            f"(đã ghi tạm ngày hôm nay {today.isoformat()} và bài là bản nháp: "
            "kiểm tra xong thì xóa dòng `draft: true`)"
        )
    if category:
        front["category"] = slugify(category) or PLACEHOLDER_CATEGORY
        result.fields["category"] = front["category"]
    else:
        front["category"] = PLACEHOLDER_CATEGORY
        hint = ""
        if found.category_hint:
            hint = f"; trang cũ xếp bài vào mục «{found.category_hint}»"
        missing.append(
            f"chưa chọn chuyên mục (--category); hãy thay `category: {PLACEHOLDER_CATEGORY}` "
            f"bằng một chuyên mục có trong mkdocs.yml{hint}"
        )
    if found.tags:
        front["tags"] = found.tags
        result.fields["tags"] = found.tags
    if found.author:
        front["author"] = found.author
        result.fields["author"] = found.author
    else:
        missing.append("không tìm thấy tác giả; hãy tự thêm dòng `author:`")
    source_url = normalize_url(found.source_url) if found.source_url else None
    if found.source_name or source_url:
        source = {}
        if found.source_name:
            source["name"] = found.source_name
        else:  # `name` is required: the publication's web address is what the page gives
            host = urlsplit(source_url).netloc.removeprefix("www.")
            source["name"] = host
            missing.append(
                f"tìm thấy liên kết của nguồn nhưng không thấy tên nguồn; đã ghi tạm "
                f"`name: {host}`, hãy thay bằng tên của báo, trang tin đó"
            )
        if source_url:
            source["url"] = source_url
        else:
            missing.append(
                "tìm thấy tên nguồn nhưng không thấy liên kết; nếu có liên kết, hãy tự thêm "
                "`url:` dưới `source:`"
            )
        front["source"] = source
        result.fields["source"] = dict(source)
    else:
        missing.append(
            "không tìm thấy nguồn (“Nguồn: …”); nếu bài lấy từ báo, trang tin khác, hãy "
            "thêm `source:` với `name:` và `url:`"
        )
    if found.summary:
        front["summary"] = found.summary
        result.fields["summary"] = found.summary
    else:
        missing.append("không tìm thấy đoạn mở đầu; hãy tự thêm dòng `summary:`")

    old_urls = [u for u in dict.fromkeys([address] if address else found.urls) if u]
    aliases: list[str] = []
    unmapped: list[str] = []
    known_as: list[str] = []
    for old in old_urls:
        kind = classify_old_url(old)
        if kind is None:
            result.warnings.append(
                f"đã bỏ qua địa chỉ cũ {old} vì đó là trang chủ; nếu bài có địa chỉ riêng, "
                "hãy dùng --url"
            )
        elif kind[0] == "outside":
            result.warnings.append(
                f"đã bỏ qua địa chỉ cũ {_short(old)} vì có đoạn `.` hoặc `..`: địa "
                "chỉ như vậy có thể trỏ ra ngoài bài, tới tệp khác của trang; nếu đó đúng là địa "
                "chỉ của bài trên cổng cũ, hãy nhập lại với --url và địa chỉ đã rút gọn"
            )
        elif (why := _refused_by_the_build(kind, old)) is not None:
            # written anyway, the next build (or `bantin redirects`) would stop on it
            result.warnings.append(f"đã bỏ qua địa chỉ cũ {_short(old)}: {why}; nếu cần chuyển hướng địa chỉ "
                                   "này, hãy tự thêm vào cấu hình máy chủ web")
        elif kind[0] == "alias":
            known_as.append(old)
            if kind[1] not in aliases:
                aliases.append(kind[1])
        else:
            known_as.append(old)
            unmapped.append(old)
    if aliases:
        front["aliases"] = aliases
        result.fields["aliases"] = list(aliases)
    if not old_urls:
        missing.append(
            "không tìm thấy địa chỉ cũ của trang nên chưa ghi `aliases` hay chuyển hướng "
            "nào; nếu biết địa chỉ cũ, hãy xóa bài vừa tạo rồi nhập lại với --url"
        )
    if draft:
        front["draft"] = True

    problems = check_front_matter(front)
    if problems:  # a bug here, not the editor's fault; still a message, not a traceback
        raise ImportFailure(
            f"{path}: không ghi được phần khai báo hợp lệ ({'; '.join(problems)}); đây là lỗi "
            "của chương trình, hãy báo cho người phụ trách kỹ thuật, kèm theo tệp này"
        )
    return _Page(path, found, result, front, draft, known_as, unmapped)


def _place(page: _Page, content_dir: Path, prefixes: UrlPrefixes, reserved: dict[str, _Page],
           mapped: frozenset[str] = frozenset()) -> _Page:
    """Choose the page's file (never one in use, nor one of `reserved`, the run's pages placed
    before), its `slug:`, aliases and redirect map lines; every refusal of an import happens
    here or before, so no page of a run links to a file that will not be written. A page
    imported before is refused with the map lines it lacks (`mapped`: the map's old
    addresses), towards its article: a run killed before writing the map left them out."""
    found, result, front, path = page.found, page.result, page.front, page.source
    slug = _slug_for(found.title, path)
    try:
        target = _choose_path(content_dir, slug, front, _body(found), path, reserved)
    except _Imported as refused:
        lines = [(old, f"/{prefixes.article}/{refused.address}/") for old in page.unmapped if old not in mapped]
        if refused.address is not None and lines:
            refused.redirects, refused.notes = ([], [_draft_lines(lines)]) if refused.draft else (lines, [])
        raise
    # `slug:` is the address: written once, so retitling the article never moves it (and
    # the redirect map, which names this address, stays right).
    front["slug"] = target.stem
    new_path = f"/{prefixes.article}/{front['slug']}/"
    front["aliases"] = [a for a in front.get("aliases", []) if a != new_path]
    if not front["aliases"]:
        front.pop("aliases")
        result.fields.pop("aliases", None)
    page.front = {k: front[k] for k in ALLOWED_FIELDS if k in front}
    result.redirects = [(old, new_path) for old in page.unmapped]
    if page.draft and result.redirects:
        # A draft is not published: a redirect to it would lead readers to a missing page.
        result.warnings.append(_draft_lines(result.redirects))
        result.redirects = []
    linked = _no_symlink_on_the_way(target, content_dir.parent)
    if linked:
        raise ImportFailure(f"{path}: {linked}")
    page.target = target
    reserved[target.stem] = page
    return page


def _draft_lines(redirects: list[tuple[str, str]]) -> str:
    lines = "; ".join(f"`{_short(old)} {new}`" for old, new in redirects)
    return (f"bài là bản nháp nên địa chỉ cũ chưa được ghi vào bảng chuyển hướng; khi xuất bản bài (xóa dòng "
            f"`draft: true`), thêm vào bảng chuyển hướng dòng {lines}")


def _write(page: _Page, content_dir: Path, pages: OldPages) -> _Page:
    """Copy the page's images, make its links final (`relink`: to the files of the pages
    they name when there are any) and write the article, never over a file."""
    found, result, path, target = page.found, page.result, page.source, page.target
    planned, notes = plan_images(found.body, path, content_dir)
    result.warnings += image_notes(found.images_left) + notes
    copied = _copy(planned, content_dir, path)  # after every refusal: a refused import copies nothing
    head = "---\n" + front_matter_text(page.front) + "---\n\n"
    folder = target.parent.relative_to(content_dir).as_posix()
    body, notes = final_links(_body(found), folder, pages, head.count("\n") + 1)
    summary = next((n for n, line in enumerate(head.split("\n"), 1) if line.startswith("summary:")), 1)
    result.links = lead_links([block.markdown for block in found.lead[1]], folder, pages, summary) + notes
    document = head + body + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # whole or not at all: written under a hidden name, then linked to its own (never over
        # a file, never through a link); opened under its name, a kill midway left half an article
        written = write_new(target.parent, target.name, document.encode("utf-8"))
    except OSError as exc:
        _remove(copied)
        raise ImportFailure(
            f"{path}: không ghi được tệp {target} ({exc.strerror}); hãy kiểm tra quyền ghi vào "
            "thư mục nội dung và chỗ trống trên đĩa"
        ) from None
    except BaseException:  # Ctrl-C: no image left that no article shows
        _remove(copied)
        raise
    if not written:
        _remove(copied)
        raise ImportFailure(
            f"{path}: tệp {target} vừa xuất hiện trong lúc nhập nên không bị ghi đè; hãy chạy "
            "lại lệnh"
        )
    result.path = target
    result.images = copied
    return page


def import_file(
    path: Path,
    content_dir: Path,
    *,
    category: str | None = None,
    url: str | None = None,
    today: date | None = None,
    prefixes: UrlPrefixes = UrlPrefixes(),
) -> ImportResult:
    """Import one saved page as `content_dir/tin-tuc/<slug>.md`; never overwrites. Its links
    to old pages already imported (the content folder's `aliases:`) lead to their files.

    `prefixes`: the site's address segments (`urls:` of mkdocs.yml, config/urlprefixes.
    configured); the redirect map's new address starts with the articles' one.

    Raises ImportFailure (message names the file) when nothing can be imported.
    """
    content_dir = Path(content_dir)
    page = _prepare(Path(path), content_dir, category=category, url=url, today=_today(today))
    _place(page, content_dir, prefixes, {})
    _write(page, content_dir, _old_pages(content_dir, [page], [], prefixes))
    return page.result


def _body(found: Extracted) -> str:
    """The body's Markdown; an image block not imported has none (its caption stays alone)."""
    return nfc("\n\n".join(b.markdown for b in found.body if b.markdown))


def _copy(planned, content_dir: Path, path: Path) -> list[Path]:
    """Copy the images saved with the page into content/images/ (images.copy_images)."""
    try:
        return copy_images(planned, content_dir)
    except OSError as exc:
        raise ImportFailure(
            f"{path}: không chép được ảnh vào {content_dir / 'images'} ({exc.strerror}); hãy kiểm tra "
            "quyền ghi vào thư mục nội dung và chỗ trống trên đĩa"
        ) from None


def _remove(copied: list[Path]) -> None:
    """Take back the images this import copied when its article could not be written."""
    for image in copied:
        try:
            image.unlink()
        except OSError:
            pass


def _project_of(redirect_map: Path, content_dir: Path) -> Path:
    """The folder a redirect map may be written under: the project's (content/'s parent) when
    the map lies in it, as `redirects/old-host.map` does; else the map's own folder's parent."""
    project = Path(os.path.abspath(content_dir.parent))
    return project if project in Path(os.path.abspath(redirect_map)).parents else redirect_map.parent.parent


def import_files(
    paths: Iterable[Path],
    content_dir: Path,
    *,
    category: str | None = None,
    url: str | None = None,
    today: date | None = None,
    redirect_map: Path | None = None,
    prefixes: UrlPrefixes = UrlPrefixes(),
    progress: Callable | None = None,
) -> list[ImportResult]:
    """Import several pages; failures become results with `error` set, never exceptions.

    Every page is analysed and given its file before any is written, so a link from one
    page to another of the run, before or after it, leads to that page's file (`relink`).
    Old addresses a static site cannot serve are added to `redirect_map`, each page's as soon
    as its article is written: a kill later in the run loses none of them, and the lines of
    a page refused as imported before (killed between its article and the map) are added then.
    `progress(what, done, total, path)` is called before each page is read and written
    (`cli/progress.py`).
    """
    paths = [Path(p) for p in paths]
    content_dir = Path(content_dir)
    if url and len(paths) > 1:
        raise ValueError(URL_ALONE)
    day = _today(today)
    tell = progress or (lambda *_: None)
    steps: list[_Page | ImportResult] = []
    for path in paths:
        tell("Đang đọc", len(steps) + 1, len(paths), path)
        steps.append(_attempt(path, lambda path=path: _prepare(path, content_dir, category=category, url=url,
                                                                today=day)))
    reserved: dict[str, _Page] = {}
    map_pairs = _map_pairs(redirect_map)
    mapped = frozenset(old for old, _ in map_pairs)
    refused: list[tuple[str, str]] = []  # (old address, file) of the pages refused: links to them say so
    for index, step in enumerate(steps):
        if isinstance(step, _Page):
            steps[index] = _attempt(step.source,
                                    lambda step=step: _place(step, content_dir, prefixes, reserved, mapped))
            refused += [(old, str(step.source)) for old in step.known_as if steps[index] is not step]
    writer = redirect_writer(redirect_map, content_dir, prefixes)
    _record_redirects([s for s in steps if isinstance(s, ImportResult)], writer)
    placed = [step for step in steps if isinstance(step, _Page)]
    old_pages = _old_pages(content_dir, placed, map_pairs, prefixes)
    for index, step in enumerate(steps):
        if isinstance(step, _Page):
            tell("Đang ghi", index + 1, len(steps), step.source)
            with held():  # Ctrl-C: this page's pictures, file and map line first, then the stop
                steps[index] = _attempt(step.source, lambda step=step: _write(step, content_dir, old_pages))
                if steps[index] is step:  # written: its lines go into the map now, not after the last page
                    _record_redirects([step.result], writer)
    written = [step for step in steps if isinstance(step, _Page)]
    _earlier_links(content_dir, written, old_pages)
    for page in written:
        page.result.links = refused_in_run(page.result.links, refused)
    return [step.result if isinstance(step, _Page) else step for step in steps]


def _attempt(path: Path, step) -> "_Page | ImportResult":
    """What one step of one page gives, or its failure as a result naming the file: a
    failure is a message, never an exception (nor a traceback) for the editor."""
    try:
        return step()
    except AlreadyImported as exc:
        return exc.result(path)
    except ImportFailure as exc:
        return ImportResult(source=path, error=str(exc))
    except Exception as exc:  # never a traceback for an editor
        return ImportResult(
            source=path,
            error=f"{path}: gặp sự cố không lường trước ({type(exc).__name__}: {exc}); "
            "hãy báo cho người phụ trách kỹ thuật, kèm theo tệp này",
        )


def _map_pairs(redirect_map: Path | None) -> list[tuple[str, str]]:
    """The redirect map's pairs, for the pages earlier imports recorded there ([] when there
    is no map or it cannot be read: writing it later says why)."""
    if redirect_map is None:
        return []
    try:
        return read_redirect_map(Path(redirect_map))
    except (OSError, UnicodeDecodeError):
        return []


def _old_pages(content_dir: Path, pages: list[_Page], map_pairs: list[tuple[str, str]],
               prefixes: UrlPrefixes) -> OldPages:
    """Old addresses with a page on the new site: what earlier imports recorded in the content
    folder and the map, and the pages of this run; the portal's hosts are those of the run's
    pages and of the map's old addresses."""
    known = recorded(content_dir, map_pairs, prefixes)
    known += [(old, NewPage(page.target.relative_to(content_dir).as_posix(), page.draft))
              for page in pages for old in page.known_as]
    addresses = [old for page in pages for old in page.known_as] + [old for old, _ in map_pairs]
    return OldPages(known, portal_hosts(addresses))


def _earlier_links(content_dir: Path, written: list[_Page], portal: OldPages) -> None:
    """Name the links of files written before this run that lead to the old portal's pages
    this run imported (published ones): each with its line and the link to write, in the
    result of the page it can now lead to."""
    files = {page.target.relative_to(content_dir).as_posix(): page for page in written}
    fresh = [(old, NewPage(file, False)) for file, page in files.items() if not page.draft for old in page.known_as]
    if not fresh:
        return
    pages = OldPages(fresh, portal.hosts)
    for note in earlier_links(page_texts(content_dir, set(files)), pages):
        files[note.page].result.links.append(note)


def redirect_writer(redirect_map: Path | None, content_dir: Path,
                    prefixes: UrlPrefixes = UrlPrefixes()) -> RedirectMap | None:
    """The run's redirect map writer (None without a map), confined to the project's folder."""
    if redirect_map is None:
        return None
    return RedirectMap(Path(redirect_map), _project_of(Path(redirect_map), Path(content_dir)), prefixes)


def _record_redirects(results: list[ImportResult], writer: RedirectMap | None) -> None:
    """Add the redirect lines of these results to the map (`RedirectMap.add`: whole or not
    at all, never through a link). One thing is said of each old address: a line kept
    because it sends readers to another page is a warning, and the address is no longer
    among the result's redirects (the report would say the opposite); a line that followed
    its article to today's segment is said beside the redirect (`ImportResult.followed`), and so
    is a line to a page gone that the result asked to replace (`ImportResult.replaced`). A page
    refused as imported before whose missing lines could not be written, or are sent elsewhere,
    is an error again (`ImportResult.imported_before`): its old addresses lead nowhere."""
    pairs = [pair for r in results for pair in r.redirects]
    if writer is None or not pairs:
        return
    try:
        done = writer.add(pairs, {old: gone for r in results for old, gone in r.replaced.items()})
    except (ImportFailure, OSError, UnicodeDecodeError) as exc:  # RedirectMap.add words them (ImportFailure)
        reason = (str(exc) if isinstance(exc, ImportFailure) else
                  f"{writer.path}: không đọc hoặc ghi được tệp ({_short(str(exc))})")
        for r in results:
            if r.redirects:
                lines = "; ".join(f"`{_short(old)} {new}`" for old, new in r.redirects)
                r.warnings.append(f"chưa ghi được bảng chuyển hướng: {reason}. Sửa xong thì chạy lại đúng lệnh này "
                                  "(trang đã nhập bị từ chối và dòng còn thiếu được thêm), hoặc tự thêm các dòng "
                                  f"{lines}")
                r.redirects, r.replaced = [], {}
                r.imported_before = False  # its old addresses lead nowhere: an error to fix
        return
    for r in results:
        r.imported_before = r.imported_before and not any(old in done.conflicts for old, _ in r.redirects)
        r.warnings += [done.conflicts[old] for old, _ in r.redirects if old in done.conflicts]
        r.redirects = [(old, new) for old, new in r.redirects if old not in done.conflicts]
        r.followed = {old: done.followed[old] for old, _ in r.redirects if old in done.followed}
        r.replaced = {old: done.replaced[old] for old, _ in r.redirects if old in done.replaced}
