"""Checks of links and images in the body and front matter (issues 5 and 12, DESIGN §7).

One validation path: `bantin check` and every build call `check_links` through
`site.build.read_site`, with the file and the line of the mistake. It is at least as strict as
MkDocs' own link validation (which in `--strict` mode aborts with an English message):
a link must name the exact file the build has, as MkDocs resolves it, so a site that
`bantin check` accepts never fails the build on a link. It also checks what MkDocs does
not: raw HTML `<a href>` and `<img src>`, anchors (`#muc`, `bai.md#muc`), links written as
site addresses or folders (with the right `.md` path as the fix), links to drafts (a
warning: the build publishes them as words, `links.unlink`), and images by their content
(imagecheck). The links come from `links`, the anchors from `anchors`.
"""

from __future__ import annotations

import difflib
import posixpath
from collections import ChainMap
from datetime import datetime
from dataclasses import dataclass, field, replace
from typing import Callable, Collection, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from bantin.files import colourprofile
from bantin.files.imagecheck import FORMATS as IMAGE_FORMATS
from bantin.files.imagecheck import verify_image
from bantin.content.model import Item, Meta, Text
from bantin.problems import Problems, short
from bantin.content.anchors import anchors, heading_id
from bantin.content.links import Ref, _EXTERNAL, _parses, references, resolve
from bantin.content.nearby import Known
from bantin.content.ownaddress import OwnAddress, is_loopback
from bantin.content.sanitize import SCHEMES, SCRIPT_ADDRESSES


_FOOTNOTE_ANCHORS = ("fn:", "fnref:")
OTHER_HOST = ("http:", "https:", "//", "ftp:")  # a browser fetches these from another host


@dataclass
class Site:
    """What a link may point to in this build, and how to suggest the right one."""

    pages: Mapping[str, Item | None]  # content pages this build publishes, by src
    static: Mapping[str, int]  # static files this build may publish → bytes
    image_max_kb: int
    drafts: Mapping[str, Item | None] = field(default_factory=dict)  # drafts this build leaves out, by src
    generated: frozenset[str] = frozenset()  # virtual src_uri of generated pages
    refused: frozenset[str] = frozenset()  # files in content/ that are not published (inventory)
    by_path: Mapping[str, Item] = field(default_factory=dict)  # page path → item, for site addresses
    draft_paths: Mapping[str, Item] = field(default_factory=dict)  # page path → draft, for addresses of drafts
    questions: Mapping[str, Item] = field(default_factory=dict)  # question id → handbook
    short_prefix: str = "q"
    read: Callable[[str], bytes | None] | None = None  # bytes of a static file, for images
    used: dict[str, set[str]] = field(default_factory=dict)  # static file → srcs of items using it
    # Static files some item names other than as a picture an `<img>` shows (a link, an attachment,
    # a video's poster): their original is published whatever else uses them (site/originals.py).
    as_file: set[str] = field(default_factory=set)
    to_drafts: dict[str, set[str]] = field(default_factory=dict)  # published src → drafts it links (made words)
    by_address: dict[str, dict[str, str]] = field(default_factory=dict)  # src → {full address: its file} (made so)
    hidden: dict[str, set[str]] = field(default_factory=dict)  # src → drafts' full addresses its autolinks name: dropped
    linked: dict[str, set[str]] = field(default_factory=dict)  # page src → srcs of the other items linking it
    aliases: frozenset[str] = frozenset()  # old addresses (`aliases:`) of published pages, without slashes
    site_url: str = ""  # the site's own address: a link to it by full address is a link by file
    published_url: str = ""  # the published address, when site_url is the live preview's own
    _anchors: dict[str, set[str]] = field(default_factory=dict)
    _known: Known | None = None
    _folders: set[str] | None = None

    def near(self, path: str, folder: str) -> str | None:
        """The file a wrong path meant (content/nearby.py), relative to `folder`."""
        if self._known is None:
            self._known = Known([*self.pages, *self.static, *self.drafts])
        return self._known.near(path, folder)

    def own_path(self, target: str) -> str | None:
        """The path inside content/'s site of a full address on this site or on the preview
        (`https://<site>/tin-tuc/bai/`, `http://127.0.0.1:8000/tin-tuc/bai/`), else None: the
        rule the drafts' files read too (content/ownaddress.py)."""
        return OwnAddress(self.site_url, self.published_url).path(target)

    @property
    def page_folders(self) -> set[str]:
        """The folders pages are published in (`tin-tuc`, `hoi-dap`): an address there is a page's."""
        if self._folders is None:
            self._folders = {posixpath.dirname(path) for path in (*self.by_path, *self.draft_paths)} - {""}
        return self._folders

    def anchors_of(self, src: str) -> set[str] | None:
        item = self.pages.get(src)
        if item is None:
            return None
        if src not in self._anchors:
            self._anchors[src] = anchors(item.body)
        return self._anchors[src]


def check_links(items: Iterable[Item], site: Site, problems: Problems) -> dict[str, set[str]]:
    """Check every link and image of `items`; returns which items use each static file."""
    for item in items:
        check_item(item, site, problems)
    return site.used


def check_unread_links(texts: Iterable[Text], site: Site, drafts: Collection[str], handbooks: Collection[str],
                       problems: Problems) -> None:
    """Links and images of the files that failed their own checks (a date that is no date, no
    title), said in the same build as those errors. An editor mended the fields, waited for the
    next build (minutes, from the web editor), and only then heard of a broken link (session 56
    gave a failed file's body its other checks). `drafts`: the failed files that are drafts
    (their links to drafts are theirs to make); `handbooks`: those that are handbooks.

    Not checked while they fail, told once they are mended (a hostile review, session 58): links
    to the failed files, this one's own by its full address included (a category renamed makes
    every file of it fail, and each link between them would be one more error), a link by the
    site's full address (whose page a failed file's may be), and a failed handbook's own
    `#anchors` (its questions' ids are what failed: `{#thu-lao` is told once, as an id).

    Checked against a copy of `site` holding the file itself (its own `#anchors`), so a file
    that is not published marks no picture used, no page linked, no link made words. The copy
    shares the ids of pages already read and the names to offer (`_anchors`, `_known`): 2,000
    failed files made the ids of every page linked be read again for each (six times the check).
    """
    texts = list(texts)
    failed = {text.src for text in texts}
    if site._known is None:
        site._known = Known([*site.pages, *site.static, *site.drafts])
    for text in texts:
        meta = Meta(title="", date=datetime.min, kind="article", draft=text.src in drafts)
        item = Item(src=text.src, meta=meta, body=text.body, body_line=text.body_line, path="")
        own = {} if text.src in handbooks else {text.src: item}
        scratch = replace(site, pages=ChainMap(own, site.pages), used={}, as_file=set(), to_drafts={},
                          by_address={}, hidden={}, linked={}, _anchors=site._anchors, _known=site._known)
        for ref in references(item):
            path = resolve(text.src, ref.target) if _parses(ref.target) else None  # unreadable: told as such
            if path is not None and ((path in failed and path not in own) or (path == "" and not own)
                                     or site.own_path(ref.target) is not None):
                continue
            _check_ref(item, ref, scratch, problems)


def check_item(item: Item, site: Site, problems: Problems) -> None:
    for ref in references(item):
        _check_ref(item, ref, site, problems)
    meta = item.meta
    if meta.image:  # on the field's own line, as fields.py reports it: CI annotates that line
        _use(site, meta.image, item)
        _check_image(item, Ref(meta.lines.get("image", 1), meta.image, True, meta.image_alt, field="image"),
                     meta.image, site, problems)
    for attachment in meta.attachments:
        _use(site, attachment.file, item, picture=False)
        if attachment.file.endswith(".md"):  # a page has no file to download; MkDocs copies none
            problems.error(item.src, attachment.line or meta.lines.get("attachments", 1), "attachments",
                           f"tệp đính kèm `{attachment.file}` là một bài viết, không phải tài liệu",
                           "đính kèm tệp tài liệu (PDF, Word…); muốn dẫn tới bài kia thì viết liên kết trong thân bài")


def _use(site: Site, path: str, item: Item, picture: bool = True) -> None:
    if path in site.static:
        site.used.setdefault(path, set()).add(item.src)
        if not picture:
            site.as_file.add(path)


def _check_ref(item: Item, ref: Ref, site: Site, problems: Problems) -> None:
    if ref.field == "srcset":
        problems.error(item.src, ref.line, "", "ảnh HTML có `srcset` viết tay",
                       "bỏ `srcset`: bản dựng tự tạo các cỡ ảnh (srcset) từ `src` cho mọi ảnh JPG, PNG")
        return
    target = ref.target
    if not _parses(target):
        what = "ảnh" if ref.image else "liên kết"
        problems.error(item.src, ref.line, ref.field, f"{what} `{target[:80]}` có địa chỉ viết sai, trình duyệt không đọc được",
                       "chép lại đúng địa chỉ từ thanh địa chỉ của trình duyệt (dấu ngoặc vuông `[ ]` chỉ dùng "
                       "cho địa chỉ IPv6, số cổng sau dấu `:` phải là số)")
        return
    if _own_address(item, ref, site, problems):
        return
    if ref.media and target.lower().startswith(OTHER_HOST):
        _other_host(item, ref, problems)
        return
    if target.lower().startswith(_EXTERNAL) or ":" in target.split("/", 1)[0].split("#", 1)[0]:
        _dropped_scheme(item, ref, problems)  # another site or scheme: sanitize.py decides which may stay
        return
    what = "ảnh" if ref.image else "liên kết"
    path = resolve(item.src, target)
    fragment = unquote(urlsplit(target).fragment)

    def error(message: str, fix: str) -> None:
        problems.error(item.src, ref.line, ref.field, f"{what} `{target}` {message}", fix)

    if path is None:
        here = posixpath.dirname(item.src) or "."
        meant = site.near(unquote(urlsplit(target).path), here)
        error("trỏ ra ngoài thư mục content/", f"viết `{meant}` (đường dẫn tính từ thư mục của bài)" if meant else
              "chỉ liên kết tới tệp trong content/, bằng đường dẫn tương đối")
        return
    if ref.image and ref.needs_alt and not (ref.alt or "").strip():
        shown = short(target, 80)
        typed = (f'`<img src="{shown}" alt="Mô tả ngắn điều ảnh cho thấy">`' if ref.html else
                 f"`![Mô tả ngắn điều ảnh cho thấy]({shown})`")
        problems.error(item.src, ref.line, "", f"ảnh `{shown}` chưa có mô tả (alt) cho người khiếm thị và khi ảnh "
                       "không tải được", f"viết mô tả vào dòng ảnh: {typed}, ví dụ \"Hòa giải viên trao đổi với "
                       "người dân tại nhà văn hóa thôn\"")
    if not path:  # '#anchor' in the same page
        _check_anchor(item, ref, item.src, fragment, site, error)
    elif path in site.static:
        _use(site, path, item, ref.picture)
        if ref.image:
            _check_image(item, ref, path, site, problems)
    elif ref.image and (path in site.pages or path in site.generated):
        _check_image(item, ref, path, site, problems)  # a page is not an image: reported there
    elif path in site.pages:
        if path != item.src:  # taking that page down would make this link words (web editor asks first)
            site.linked.setdefault(path, set()).add(item.src)
        _check_anchor(item, ref, path, fragment, site, error)
    elif path not in site.generated:
        _missing(item, ref, path, site, error, problems)


def _dropped_scheme(item: Item, ref: Ref, problems: Problems) -> None:
    """A warning for an address the sanitiser will drop (`javascript:`, `file:`, `C:\\…`): the
    link or picture would vanish from the page without a word (a province's review)."""
    scheme = urlsplit(ref.target).scheme.lower()
    if not scheme or scheme in SCHEMES:
        return
    if ref.html and ref.target.lower().startswith(SCRIPT_ADDRESSES):
        return  # raw HTML's script addresses are warned by sanitize.report_unsafe already
    what = "ảnh" if ref.image else "liên kết"
    shown = short(ref.target, 60)
    if len(scheme) == 1 or scheme == "file":  # C:\Users\… or file:///…: a file on someone's computer
        problems.warn(item.src, ref.line, ref.field, f"{what} `{shown}` là đường dẫn trên máy tính, "
                      "đã bị gỡ bỏ khi xuất bản: người đọc không mở được tệp trên máy của bạn",
                      "tải tệp lên content/ (ảnh: content/images/, tài liệu: content/tai-lieu/) rồi dẫn bằng "
                      "đường dẫn tương đối, ví dụ `../tai-lieu/ten-tep.pdf`")
        return
    problems.warn(item.src, ref.line, ref.field, f"{what} `{shown}` dùng loại địa chỉ `{scheme}:`, "
                  "đã bị gỡ bỏ khi xuất bản", "chỉ dùng địa chỉ bắt đầu bằng `https://`, `http://`, `mailto:` (thư "
                  "điện tử) hoặc `tel:` (số điện thoại); không chèn mã chạy trên trang")


def _other_host(item: Item, ref: Ref, problems: Problems) -> None:
    """DESIGN §6: a page makes no request to any host but the site's own (a reader's visit is
    nobody else's business, and the page must work offline and after the other site is gone)."""
    what = "tệp âm thanh/video" if ref.html and not ref.image else "ảnh"
    shown = ref.target if len(ref.target) <= 80 else ref.target[:77] + "…"
    problems.error(item.src, ref.line, ref.field, f"{what} `{shown}` lấy từ trang web khác",
                   "tải tệp về content/images/ (âm thanh, video: content/tai-lieu/) rồi dẫn bằng đường dẫn tương đối, "
                   "ví dụ `![Mô tả](../images/ten-anh.jpg)`; video YouTube thì đặt liên kết tới trang của video, ví dụ "
                   "`[Xem video trên YouTube](https://www.youtube.com/watch?v=…)` (khung nhúng chỉ hiện khi người quản "
                   "trị kỹ thuật đã thêm tên miền vào `iframe_hosts` trong mkdocs.yml)")


def _check_anchor(item: Item, ref: Ref, path: str, fragment: str, site: Site, error) -> None:
    if not fragment or fragment.startswith(_FOOTNOTE_ANCHORS):
        return
    ids = site.anchors_of(path)
    if ids is None or fragment in ids:
        return
    known = sorted(ids)
    # as written, else as its heading's id (`#Lệ-phí-chứng-thực`, `#L%E1%BB%87-ph%C3%AD`: the heading's words)
    near = difflib.get_close_matches(fragment, known, n=1) or difflib.get_close_matches(
        heading_id(unquote(fragment)), known, n=1)
    where = "trong bài này" if path == item.src else f"trong content/{path}"
    fix = f"có phải `#{near[0]}`? " if near else ""
    error(f"trỏ tới mục `#{fragment}` không có {where}",
          fix + "mã mục là tiêu đề viết thường không dấu nối bằng gạch ngang (`## Hòa giải` → `#hoa-giai`) "
          "hoặc mã `{#…}` ghi cuối tiêu đề; sửa phần sau dấu `#` cho đúng")


def _missing(item: Item, ref: Ref, path: str, site: Site, error, problems: Problems) -> None:
    """A target the build does not have: say why, and name the right `.md` when we can tell."""
    here = posixpath.dirname(item.src) or "."
    if path in site.drafts:
        if item.meta.draft:
            return
        if ref.media:  # a picture or a player of a page: not a link that can become words
            error(f"trỏ tới bản nháp content/{path}, bản nháp không được xuất bản",
                  "bỏ dòng này, hoặc đăng bài kia trước (bỏ `draft: true`)")
            return
        _to_draft(item, ref, path, site, problems)
        return
    if path in site.refused:
        error(f"trỏ tới tệp content/{path}, tệp này không được xuất bản (xem lỗi của chính tệp đó)",
              "sửa lỗi của tệp đó hoặc bỏ liên kết")
        return
    if "\\" in ref.target and _with_slashes(item, ref, site):
        slashed = ref.target.replace("\\", "/")
        error("viết bằng dấu `\\` (cách viết đường dẫn của Windows); trang web chỉ hiểu dấu `/`, nên tệp có đó mà "
              "trang không tìm thấy", f"viết `{slashed}`")
        return
    right = _intended(path, site)
    if right is not None:
        src, anchor = right
        suggestion = posixpath.relpath(src, here) + (f"#{anchor}" if anchor else "")
        error("là địa chỉ trang hoặc thư mục, không phải tệp", f"dẫn tới tệp .md của trang: `{suggestion}`")
    elif (meant := site.near(path, here)) is not None:
        suffix = f"#{urlsplit(ref.target).fragment}" if urlsplit(ref.target).fragment else ""
        error(f"trỏ tới tệp không có (content/{path})",
              f"đường dẫn tính từ thư mục của bài (content/{here if here != '.' else ''}): viết `{meant}{suffix}`")
    elif _looks_like_a_host(ref.target):
        error(f"`{ref.target}` là địa chỉ trang web nhưng thiếu `https://`, nên được hiểu là một tệp trong content/",
              f"viết đủ: `https://{ref.target}`")
    else:
        error(f"trỏ tới tệp không có (content/{path})",
              "sửa tên hoặc đường dẫn tệp (phân biệt chữ hoa, chữ thường, tính từ thư mục của bài), "
              "hoặc tải tệp lên content/")


def _to_draft(item: Item, ref: Ref, path: str, site: Site, problems: Problems) -> None:
    """A published page's link to a draft: a warning, and the link is published as its words
    (`links.unlink`, read_site). Taking a page down (`draft: true`) must never stop the site:
    the build that fails keeps the old site online, the page meant to go down included (an
    editor's trial, session 34). The words stay; the link comes back when the draft is published."""
    site.to_drafts.setdefault(item.src, set()).add(path)
    what = "liên kết" if not ref.html else "liên kết HTML"
    gone = "(địa chỉ của bản nháp để lộ tên bài chưa đăng)"
    shown = ("liên kết hiện thành chữ thường, không bấm được; chỗ nào chữ của liên kết là một địa chỉ web "
             f"thì bỏ cả chữ {gone}" if ref.address_words and ref.other_words else
             f"liên kết và địa chỉ của nó được bỏ khỏi trang {gone}" if ref.address_words else
             "liên kết hiện thành chữ thường, không bấm được")
    problems.warn(item.src, ref.line, ref.field,
                  f"{what} `{short(ref.target, 80)}` dẫn tới content/{path}, trang đang là bản nháp (`draft: true`) "
                  f"nên không được xuất bản: trên trang, {shown}, cho tới khi trang đó được đăng",
                  f"nếu trang đó được gỡ xuống có chủ ý thì không phải sửa gì (muốn gọn thì bỏ liên kết, giữ chữ); "
                  f"nếu không định gỡ thì xóa dòng `draft: true` của content/{path} để đăng lại")


def _with_slashes(item: Item, ref: Ref, site: Site) -> bool:
    """Whether `..\\images\\anh.jpg` names a file of the build once written with `/` (a province's
    trial, session 34: told the picture did not exist and to upload it again)."""
    path = resolve(item.src, ref.target.replace("\\", "/"))
    return bool(path) and (path in site.static or path in site.pages or path in site.generated)


def _looks_like_a_host(target: str) -> bool:
    """`www.vbpl.vn`, `thuvienphapluat.vn/van-ban`: a web address typed without its scheme."""
    host = target.split("/", 1)[0].lower()
    return host.startswith("www.") or (
        "." in host and host.rsplit(".", 1)[1] in ("vn", "com", "org", "net", "gov") and not host.endswith(".md"))


def _own_address(item: Item, ref: Ref, site: Site, problems: Problems) -> bool:
    """A link by this site's full address (`https://<site>/tin-tuc/bai/`), or the preview's
    (127.0.0.1), to a page or file of this build: published as the link to its file
    (`site.by_address`, links.files_item) with a warning giving the `.md` path to type. It was an
    error, and the web editor's link box, where an editor pastes the article's address from the
    browser, stopped the site's publication (an editors' trial, session 34); as written it would
    leave a USB copy or a preview for the live site, and it does not follow the page when its
    address changes. A preview address of no page is an error. True when reported."""
    path = site.own_path(ref.target)
    if path is None or (ref.autolink and not ref.in_words and is_loopback(urlsplit(ref.target).hostname or "")):
        # `<http://127.0.0.1:8000>`: the guide's way of naming the preview, not a link of the site. In
        # another link's words it is a live link to the reader's own computer (review F4): checked.
        return False
    here = posixpath.dirname(item.src) or "."
    bare = path.split("#", 1)[0].split("?", 1)[0]
    right = None if ref.media else _intended(posixpath.normpath(bare) if bare else "", site)
    if right is None and bare in site.static:
        right = (bare, "")
    if right is None and not ref.media:  # a page taken down (`draft: true`): its words, as by file
        right = _draft_intended(posixpath.normpath(bare) if bare else "", site)
    local = is_loopback(urlsplit(ref.target).hostname or "")
    what = "ảnh" if ref.image else "tệp" if ref.media or (right and right[0] in site.static) else "liên kết"
    if right is None:
        if local:  # copied from the preview's address bar, and no page of this build: still no reader's
            problems.error(item.src, ref.line, ref.field, f"{what} `{short(ref.target, 80)}` {_PREVIEW}",
                           "dẫn tới tệp .md của trang bằng đường dẫn tính từ thư mục của bài (ví dụ "
                           "`../tin-tuc/ten-bai.md`), hoặc dùng địa chỉ công khai của trang trên mạng")
        if not local and _no_such_page(posixpath.normpath(bare) if bare else "", site):
            _address_of_no_page(item, ref, bare, site, problems)
            return True
        return local  # else not a page or file of this build (a feed, an old address): another site's rules
    src, anchor = right
    fragment = "" if ref.media else (urlsplit(ref.target).fragment or anchor)
    written = posixpath.relpath(src, here) + (f"#{fragment}" if fragment else "")
    site.by_address.setdefault(item.src, {})[ref.target] = written  # published as that link (links.files_item)
    if ref.autolink and src in site.drafts:  # its words are the draft's address: dropped, wherever written
        site.hidden.setdefault(item.src, set()).add(ref.target)
    why = _PREVIEW if local else "viết bằng địa chỉ đầy đủ của chính trang này"
    problems.warn(item.src, ref.line, ref.field, f"{what} `{short(ref.target, 80)}` {why}; bản dựng đã đổi nó thành "
                  f"đường dẫn tới tệp `{written}`, để trang, bản chép USB và bản xem trước mở đúng trang",
                  f"viết thẳng `{written}` vào bài: đường dẫn tới tệp vẫn đúng khi địa chỉ của trang kia đổi (đổi "
                  "tiêu đề, `slug:`), còn địa chỉ đầy đủ thì không")
    # Then every check the file's own path gets: the file used (published), a picture's
    # description, the `#id`, a draft's link made words (a hostile review, session 34).
    _check_ref(item, replace(ref, target=written), site, problems)
    return True


def _no_such_page(path: str, site: Site) -> bool:
    """Whether a site address names a page in a folder of pages (`tin-tuc/<slug>/`) that no page,
    draft, question, old address (`aliases:`), generated page or file has: a link that would open
    the 404 page (security review F3). Anything else (the feed, the search page, a folder of the
    theme, an old portal's address) is not this check's to judge and stays a link as written."""
    bare = _bare(path)
    parent = posixpath.dirname(bare)
    if not parent or bare in site.aliases or not bare or "." in posixpath.basename(bare):
        return False
    if parent not in site.page_folders or _page_at(bare, site.draft_paths) is not None:
        return False
    return not any(p == bare or p.startswith(bare + "/") for p in (*site.static, *site.generated))


def _address_of_no_page(item: Item, ref: Ref, bare: str, site: Site, problems: Problems) -> None:
    """The error for a site address of no page: file, line, and the page's `.md` when one is near."""
    here = posixpath.dirname(item.src) or "."
    near = difflib.get_close_matches(_bare(posixpath.normpath(bare)), sorted(site.by_path), n=1)
    fix = (f"có phải trang `{posixpath.relpath(site.by_path[near[0]].src, here)}`? " if near else "") + \
        ("dẫn tới tệp .md của trang bằng đường dẫn tính từ thư mục của bài (ví dụ `../tin-tuc/ten-bai.md`), "
         "hoặc chép lại địa chỉ từ thanh địa chỉ của trình duyệt khi đang mở đúng trang")
    problems.error(item.src, ref.line, ref.field, f"liên kết `{short(ref.target, 80)}` là địa chỉ trên chính trang "
                   "này nhưng không có trang nào ở địa chỉ đó: bạn đọc bấm vào sẽ gặp trang «Không tìm thấy»", fix)


def _draft_intended(path: str, site: Site) -> tuple[str, str] | None:
    """(src, anchor) of the draft a site address names (a page taken down since the link was
    written), or of a question of a draft handbook; in any case (`/TIN-TUC/BAN-NHAP/`): a
    server may answer it with nothing, but its words are the draft's title all the same
    (session 39: published as a link to another site, the address whole)."""
    found = _page_at(_bare(path), site.draft_paths)
    if found is None and path != path.lower():
        folded = {page.lower(): item for page, item in site.draft_paths.items()}
        found = _page_at(_bare(path).lower(), folded)
    return found


# A link copied from the address bar of `bantin serve`, `bantin edit` or `bantin serve-site` (an
# editors' trial, session 34: published without a word, and opening on no reader's computer).
_PREVIEW = ("là địa chỉ của bản xem trước trên máy tính của người viết (127.0.0.1, localhost): bạn đọc mở ra "
            "sẽ không thấy gì")


def _bare(path: str) -> str:
    """A site address's page path: `.html`, `index` and `/index` taken off."""
    bare = path[:-5] if path.endswith(".html") else path
    return "" if bare in (".", "index") else bare.removesuffix("/index")


def _page_at(bare: str, by_path: Mapping[str, Item]) -> tuple[str, str] | None:
    """(src, anchor) of the page at `bare` in `by_path`, or of the question `<handbook>/<id>`."""
    item = by_path.get(bare)
    if item is not None:
        return item.src, ""
    parent, last = posixpath.split(bare)
    handbook = by_path.get(parent)
    if handbook is not None and any(q.id == last for q in handbook.questions):
        return handbook.src, last
    return None


def _intended(path: str, site: Site) -> tuple[str, str] | None:
    """(src, anchor) of the page a site address, folder or slug without `.md` means."""
    bare = _bare(path)
    parent, last = posixpath.split(bare)
    if parent == site.short_prefix and last in site.questions and bare not in site.by_path:
        return site.questions[last].src, last
    found = _page_at(bare, site.by_path)
    if found is not None:
        return found
    for candidate in (f"{bare}.md", f"{bare}/index.md" if bare else "index.md"):
        if candidate in site.pages or candidate in site.generated:
            return candidate, ""
    return None


def _check_image(item: Item, ref: Ref, path: str, site: Site, problems: Problems) -> None:
    """Not an image type, not an image inside, broken or too many pixels: an error; heavy: a warning."""
    is_image_type = posixpath.splitext(path)[1].lower() in IMAGE_FORMATS
    if not is_image_type or site.read is not None:
        data = site.read(path) if site.read is not None else None
        verdict = verify_image(path, data)
        if verdict is not None:
            problems.error(item.src, ref.line, ref.field, *verdict)
            return
        profile = colourprofile.problem(path, data) if data is not None else None
        if profile is not None:  # the picture is shown all the same, its numbers read as sRGB
            problems.warn(item.src, ref.line, ref.field, *profile)
    size = site.static.get(path, 0)
    if size > site.image_max_kb * 1024:
        shown = path if ref.field else ref.target
        problems.warn(item.src, ref.line, ref.field, f"ảnh `{shown}` nặng {size // 1024} KB",
                      f"thu nhỏ ảnh dưới {site.image_max_kb} KB trước khi đưa lên (bản dựng tự tạo các cỡ nhỏ, "
                      "nhưng ảnh gốc vẫn nằm trong kho)")


def check_body(item: Item, known: Mapping[str, int], image_max_kb: int, problems: Problems) -> None:
    """One item against a plain list of file names (tests, tools): no anchors of other pages."""
    pages = {p: None for p in known if p.endswith(".md")}  # other pages' anchors are not known here
    site = Site(pages={**pages, item.src: item}, image_max_kb=image_max_kb,
                static={p: n for p, n in known.items() if not p.endswith(".md")})
    check_item(item, site, problems)


def link_site(corpus, static: Mapping[str, int], *, generated: Iterable[str] = (), refused: Iterable[str] = (),
              read: Callable[[str], bytes | None] | None = None, short_prefix: str = "q",
              unread_drafts: Iterable[str] = ()) -> Site:
    """The link targets of one build of `corpus` (drafts are targets only when it shows them).
    `unread_drafts`: files whose front matter could not be read but says `draft: true`
    (content/drafts/policy.py), linked to as drafts rather than as files with errors."""
    published = corpus.published
    shown = {item.src for item in published}
    drafts: dict[str, Item | None] = {item.src: item for item in corpus.items if item.src not in shown}
    drafts.update(dict.fromkeys(unread_drafts))
    return Site(pages={item.src: item for item in published}, static=dict(static),
                image_max_kb=corpus.site.image_max_kb, drafts=drafts,
                generated=frozenset(generated), refused=frozenset(refused),
                by_path={item.path: item for item in published},
                draft_paths={item.path: item for item in drafts.values() if item is not None},
                questions={q.id: handbook for handbook, q in corpus.questions()},
                aliases=frozenset(alias.strip("/") for item in published for alias in item.meta.aliases),
                short_prefix=short_prefix, read=read, site_url=corpus.site.site_url,
                published_url=corpus.site.published_url)


def draft_only(used: Mapping[str, set[str]], corpus, unread_drafts: Collection[str] = ()) -> set[str]:
    """Static files that only drafts use: a published build leaves them out. `unread_drafts`:
    drafts with a slip, which have no item but are drafts all the same (content/drafts/policy.py);
    without them, their scans counted as used by a page that is not a draft, and were
    published (security review F1)."""
    if corpus.include_drafts:
        return set()
    return {path for path, users in used.items()
            if all(src in unread_drafts or ((item := corpus.by_src(src)) is not None and item.meta.draft)
                   for src in users)}
