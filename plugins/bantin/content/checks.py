"""Checks of links and images in the body and front matter (issues 5 and 12, DESIGN §7).

One validation path: `bantin check` and every build call `check_links` through
`site.build.read_site`, with the file and the line of the mistake. It is at least as strict as
MkDocs' own link validation (which in `--strict` mode aborts with an English message):
a link must name the exact file the build has, as MkDocs resolves it, so a site that
`bantin check` accepts never fails the build on a link. It also checks what MkDocs does
not: raw HTML `<a href>` and `<img src>`, anchors (`#muc`, `bai.md#muc`), links written as
site addresses or folders (with the right `.md` path as the fix), links to drafts, and
images by their content (imagecheck).

Every pattern here is linear on a long line: character classes stop at the next bracket,
quote or parenthesis, so no start position rescans the rest of the line.
"""

from __future__ import annotations

import bisect
import difflib
import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import unique

from bantin.inputs.imagecheck import FORMATS as IMAGE_FORMATS
from bantin.inputs.imagecheck import verify_image
from bantin.content.model import Item
from bantin.content.problems import Problems
from bantin.text.vi import slugify

_FENCE = re.compile(r"^(```|~~~)")
_TICKS = re.compile(r"`+")
_TARGET = r"(<[^<>\n]*>|(?:[^()\s<>]|\([^()\s<>]*\))*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
# [text](target "title") and ![alt](src): text stops at any bracket, target at any parenthesis.
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*" + _TARGET)
# The outer link of [![alt](src)](target): its text ends with the image's ')'.
_LINKED_IMAGE = re.compile(r"\)\]\(\s*" + _TARGET)
_REF_DEF = re.compile(r"^ {0,3}\[([^\[\]\n^][^\[\]\n]*)\]:[ \t]*<?([^\s<>]+)>?", re.MULTILINE)
_IMAGE_REF = re.compile(r"!\[([^\[\]]*)\](?:\[([^\[\]]*)\])?")
_TAG = re.compile(r"<(a|img|audio|video|source)(?=[\s/>])", re.IGNORECASE)
# The URL attributes the sanitiser keeps (sanitize.ATTRIBUTES), and whether each names an image.
_URL_ATTRS = {"a": {"href": False}, "img": {"src": True}, "audio": {"src": False},
              "video": {"src": False, "poster": True}, "source": {"src": False}}
_ATTR = re.compile(r"""\s+([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)(.*)$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_ATTR_LIST = re.compile(r"(?<!\\)\{:?([^{}\n]*)\}")  # `\{#x}` is text, not an attribute list
_ATTR_ID = re.compile(r"#([^\s{}#]+)")
_ATTR_KEY_ID = re.compile(r"(?<![^\s:])id=(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'{}]+))")
_TRAILING_ATTRS = re.compile(r"(?<!\\)\{:?[^{}\n]*\}[ \t]*$")
_RAW_ID = re.compile(r"\b(?:id|name)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\n]*\)")
_MD_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]\([^()\n]*\)")
_TAGS = re.compile(r"<[^<>\n]*>")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "//", "data:", "javascript:", "ftp://", "sms:")
_FOOTNOTE_ANCHORS = ("fn:", "fnref:")
_OTHER_HOST = ("http:", "https:", "//", "ftp:")  # a browser fetches these from another host


# Names the page's own scripts look up (Material's bundle, theme/assets/javascripts) or read as
# window globals: an editor's element with such an id would replace the theme's (Material reads
# the first `#__config`) or clobber the global (`window.lunr`, `window.BantinSearch`).
RESERVED_IDS = frozenset({"lunr", "BantinSearch", "module", "exports", "define", "require",
                          "ga", "gtag", "dataLayer", "document$", "location$", "target$"})
RESERVED_ID_PREFIXES = ("_", "bantin-", "bt-")  # Material's ids are `__…`; the theme's `bantin-…`, `bt-…`


def reserved_id(value: str) -> bool:
    """True for an id editor HTML may not give an element: one the theme or Material uses,
    a window global our scripts read, or anything with `$` (Material's observable globals).
    Heading and question anchors (lower case, letters, digits, hyphens) never match."""
    value = value.strip()
    return value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES) or "$" in value


def heading_id(text: str) -> str:
    """The id of a heading (the toc extension's slug hook, and `anchors`): the Vietnamese slug,
    `muc` when it has no letter, `muc-…` when the slug is an id the page's scripts use
    (`## Gà` → `muc-ga`, `## Lunr` → `muc-lunr`): the sanitiser would drop it and the toc
    would link to nothing. Every other heading keeps the id it always had."""
    value = slugify(text) or "muc"
    return f"muc-{value}" if reserved_id(value) else value


def attr_list_ids(content: str) -> list[str]:
    """Ids an attribute list `{: …}` gives (its content): `#x` and `id="x"` / `id=x`."""
    found = _ATTR_ID.findall(content)
    if "id" in content:
        found += [next(v for v in m.groups() if v is not None) for m in _ATTR_KEY_ID.finditer(content)]
    return found


# --- reading the body --------------------------------------------------------------------

def _blank_inline_code(line: str) -> str:
    """The line with every `code span` replaced by spaces (same length); unmatched ticks stay."""
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    out, index, last = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        position = bisect.bisect_right(same, index)
        if position < len(same):  # a closing run of the same length: a code span
            closing = same[position]
            out += [line[last:start], " " * (runs[closing][1] - start)]
            last, index = runs[closing][1], closing + 1
        else:
            index += 1
    return "".join(out) + line[last:]


def body_lines(body: str):
    """(offset, line) of body lines outside code (fenced blocks, inline spans): real Markdown."""
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
        elif not fenced:
            yield offset, _blank_inline_code(line)


def _blank_comments(text: str) -> str:
    """HTML comments blanked (newlines kept): nothing in them is published."""
    out, position = [], 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        out += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
        position = end
    return "".join(out) + text[position:]


def markdown_text(body: str) -> str:
    """The body with code and comments blanked to spaces, every character at its offset:
    what links and ids are read from, and where `rebase_links` edits."""
    lines = [" " * len(line) for line in body.split("\n")]
    for offset, line in body_lines(body):
        lines[offset] = line
    text = "\n".join(lines)
    return _blank_comments(text) if "<!--" in text else text


@dataclass(frozen=True)
class Ref:
    """One link or image an item contains."""

    line: int
    target: str
    image: bool = False
    alt: str | None = None  # images: the alt text (None when the <img> has no alt attribute)
    html: bool = False
    field: str = ""
    needs_alt: bool = True  # images only; a video's poster has the video's own label
    media: bool = False  # the browser fetches it with the page: an image, audio, video, poster


def references(item: Item) -> list[Ref]:
    """Every link and image of an item's body (Markdown, reference definitions, raw HTML)."""
    body = item.body
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # most bodies link nothing
    text = markdown_text(body)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return item.body_line + bisect.bisect_right(starts, offset) - 1

    found: list[Ref] = []
    if "](" in text:
        for m in _LINK.finditer(text):
            image = bool(m.group(1))
            found.append(Ref(line(m.start()), _strip_angles(m.group(3)), image, m.group(2), media=image))
        for m in _LINKED_IMAGE.finditer(text):
            found.append(Ref(line(m.start()), _strip_angles(m.group(1))))
    if "]:" in text:
        shown = _image_labels(text) if "![" in text else set()
        found += [Ref(line(m.start()), m.group(2), media=_label(m.group(1)) in shown) for m in _REF_DEF.finditer(text)]
    if "<" in text:
        for m, name, _, attrs in _html_targets(text):
            tag = m.group(1).lower()
            is_image = _URL_ATTRS[tag][name]
            alt = attrs.get("alt") if is_image else None
            found.append(Ref(line(m.start()), attrs[name], is_image, alt, True, needs_alt=tag == "img", media=tag != "a"))
            if tag == "img" and "srcset" in attrs and name == "src":
                found.append(Ref(line(m.start()), attrs["srcset"], True, "", True, field="srcset"))
    return [ref for ref in found if ref.target]


def _label(label: str) -> str:
    """A reference label as Python-Markdown matches it: case and runs of spaces do not count."""
    return " ".join(label.split()).lower()


def _image_labels(text: str) -> set[str]:
    """Labels that `![alt][label]`, `![alt][]` and `![label]` images use."""
    return {_label(m.group(2) or m.group(1)) for m in _IMAGE_REF.finditer(text)}


def _html_targets(text: str):
    """(tag match, attribute name, value span, all attributes) of every URL in raw a/img/audio/
    video/source tags of `text`; each tag's attributes are read once, up to its first `<` or `>`."""
    for m in _TAG.finditer(text):
        wanted = _URL_ATTRS[m.group(1).lower()]
        attrs: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        position = m.end()
        while (a := _ATTR.match(text, position)) is not None:
            name = a.group(1).lower()
            group = next((g for g in (2, 3, 4) if a.group(g) is not None), None)
            if name not in attrs:
                attrs[name] = html.unescape(a.group(group)).strip() if group else ""
                if name in wanted and group is not None:
                    spans[name] = a.span(group)
            position = a.end()
        for name, span in spans.items():
            yield m, name, span, attrs


def _target_spans(text: str, markdown: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every link target in `text` (a `markdown_text`): Markdown links and
    definitions (unless `markdown` is false) and raw HTML `<a href>`/`<img src>`."""
    spans = []
    if markdown and "](" in text:
        spans += [m.span(3) for m in _LINK.finditer(text)] + [m.span(1) for m in _LINKED_IMAGE.finditer(text)]
    if markdown and "]:" in text:
        spans += [m.span(2) for m in _REF_DEF.finditer(text)]
    if "<" in text:
        spans += [span for _, _, span, _ in _html_targets(text)]
    return sorted(spans)


def _replace_targets(body: str, spans: list[tuple[int, int]], new: Callable[[str], str | None]) -> str:
    out, position = [], 0
    for start, end in spans:
        replacement = new(body[start:end])
        if replacement is not None:
            out += [body[position:start], replacement]
            position = end
    return "".join(out) + body[position:]


def html_links(body: str, url_of: Callable[[str], str | None]) -> str:
    """`body` with the targets of its raw `<a href>`/`<img src>` replaced by `url_of(target)`
    where that is not None. MkDocs rewrites Markdown links only; raw HTML reaches the page as
    written, so `<a href="b.md">` would be a broken link there."""
    if _TAG.search(body) is None:
        return body
    return _replace_targets(body, _target_spans(markdown_text(body), markdown=False),
                            lambda target: url_of(html.unescape(target)))


def rebase_links(body: str, src: str, new_src: str) -> str:
    """`body`, written in file `src`, with its relative links and images rewritten to work from
    `new_src`; a bare `#anchor` points back to `src`. For question pages, whose virtual file
    sits one folder below their handbook's: the editor wrote links from the handbook."""
    here = posixpath.dirname(new_src) or "."

    def new(target: str) -> str | None:
        bare = _strip_angles(target)
        if not bare or bare.lower().startswith(_EXTERNAL) or bare.startswith("/") or "&" in bare:
            return None
        if not _parses(bare):
            return None  # reported by check_item
        parts = urlsplit(bare)
        if parts.scheme or parts.netloc:
            return None
        path = resolve(src, bare) if parts.path else src
        if path is None:
            return None
        rebased = posixpath.relpath(path, here) + (f"?{parts.query}" if parts.query else "") + \
            (f"#{parts.fragment}" if parts.fragment else "")
        return f"<{rebased}>" if target.startswith("<") else rebased

    return _replace_targets(body, _target_spans(markdown_text(body)), new)


def _strip_angles(target: str) -> str:
    return target[1:-1].strip() if target.startswith("<") else target


# --- anchors -----------------------------------------------------------------------------

def _heading_texts(body: str, text: str) -> list[str]:
    """Text of every ATX and setext heading, in order: found in `text` (code blanked), read
    from `body` (a heading's own `code` counts in its id)."""
    lines, original = text.split("\n"), body.split("\n")
    found = []
    for index, line in enumerate(lines):
        if _ATX.match(line) is not None:
            found.append(_ATX.match(original[index]).group(2).strip().rstrip("#").strip())
        elif (index and lines[index - 1].strip() and _SETEXT.match(line)
              and not _ATX.match(lines[index - 1]) and not lines[index - 1].startswith((" " * 4, "\t"))):
            found.append(original[index - 1].strip())
    return found


def _plain(heading: str) -> str:
    """Heading text as the toc extension reads it: link and image text, no tags, entities decoded."""
    return html.unescape(_TAGS.sub("", _MD_LINK_TEXT.sub(r"\1", _MD_IMAGE.sub("", heading))))


def anchors(body: str, slug: Callable[[str], str] | None = None) -> set[str]:
    """Ids a page built from this body has: headings as the toc extension names them (with its
    `_1` suffixes), explicit `{#id}` attribute lists, raw `id=`/`name=` attributes.

    Headings are slugged from two readings of their text (as written, and without markup)
    so a heading with unusual markup never makes a good link fail.
    """
    slug = slug or heading_id
    text = markdown_text(body)
    explicit = {i for m in _ATTR_LIST.finditer(text) for i in attr_list_ids(m.group(1))}
    found = set(explicit)
    found |= {next(v for v in m.groups() if v is not None) for m in _RAW_ID.finditer(text)}
    headings = [h for h in _heading_texts(body, text) if not attr_list_ids(_attr_tail(h))]
    for reading in (lambda h: _TRAILING_ATTRS.sub("", h), lambda h: _plain(_TRAILING_ATTRS.sub("", h))):
        used = set(explicit)
        found |= {unique(slug(reading(h)), used) for h in headings}
    return {anchor for anchor in found if not reserved_id(anchor)}  # the sanitiser drops those


def _attr_tail(heading: str) -> str:
    m = _TRAILING_ATTRS.search(heading)
    return m.group(0) if m else ""


# --- checking ----------------------------------------------------------------------------

def resolve(item_src: str, target: str) -> str | None:
    """Path relative to content/ of a relative link target, or None when it leaves content/."""
    path = unquote(urlsplit(target).path)
    if not path:
        return ""  # a pure '#anchor' link
    base = "" if path.startswith("/") else posixpath.dirname(item_src)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return None if joined.startswith("..") else joined


@dataclass
class Site:
    """What a link may point to in this build, and how to suggest the right one."""

    pages: Mapping[str, Item | None]  # content pages this build publishes, by src
    static: Mapping[str, int]  # static files this build may publish → bytes
    image_max_kb: int
    drafts: Mapping[str, Item] = field(default_factory=dict)  # drafts this build leaves out, by src
    generated: frozenset[str] = frozenset()  # virtual src_uri of generated pages
    refused: frozenset[str] = frozenset()  # files in content/ that are not published (inventory)
    by_path: Mapping[str, Item] = field(default_factory=dict)  # page path → item, for site addresses
    questions: Mapping[str, Item] = field(default_factory=dict)  # question id → handbook
    short_prefix: str = "q"
    read: Callable[[str], bytes | None] | None = None  # bytes of a static file, for images
    used: dict[str, set[str]] = field(default_factory=dict)  # static file → srcs of items using it
    _anchors: dict[str, set[str]] = field(default_factory=dict)

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


def check_item(item: Item, site: Site, problems: Problems) -> None:
    for ref in references(item):
        _check_ref(item, ref, site, problems)
    meta = item.meta
    if meta.image:
        _use(site, meta.image, item)
        _check_image(item, Ref(1, meta.image, True, meta.image_alt, field="image"), meta.image, site, problems)
    for attachment in meta.attachments:
        _use(site, attachment.file, item)
        if attachment.file.endswith(".md"):  # a page has no file to download; MkDocs copies none
            problems.error(item.src, 1, "attachments",
                           f"tệp đính kèm `{attachment.file}` là một bài viết, không phải tài liệu",
                           "đính kèm tệp tài liệu (PDF, Word…); muốn dẫn tới bài kia thì viết liên kết trong thân bài")


def _use(site: Site, path: str, item: Item) -> None:
    if path in site.static:
        site.used.setdefault(path, set()).add(item.src)


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
    if ref.media and target.lower().startswith(_OTHER_HOST):
        _other_host(item, ref, problems)
        return
    if target.lower().startswith(_EXTERNAL) or ":" in target.split("/", 1)[0].split("#", 1)[0]:
        return  # another site or scheme: sanitize.py decides which schemes may stay
    what = "ảnh" if ref.image else "liên kết"
    path = resolve(item.src, target)
    fragment = unquote(urlsplit(target).fragment)

    def error(message: str, fix: str) -> None:
        problems.error(item.src, ref.line, ref.field, f"{what} `{target}` {message}", fix)

    if path is None:
        error("trỏ ra ngoài thư mục content/", "chỉ liên kết tới tệp trong content/, bằng đường dẫn tương đối")
        return
    if ref.image and ref.needs_alt and not (ref.alt or "").strip():
        problems.error(item.src, ref.line, "", f"ảnh `{target}` chưa có mô tả (alt)",
                       "viết mô tả trong ngoặc vuông: `![Hội nghị tập huấn hòa giải viên](…)`"
                       + (" hoặc thuộc tính `alt=\"…\"`" if ref.html else ""))
    if not path:  # '#anchor' in the same page
        _check_anchor(item, ref, item.src, fragment, site, error)
    elif path in site.static:
        _use(site, path, item)
        if ref.image:
            _check_image(item, ref, path, site, problems)
    elif ref.image and (path in site.pages or path in site.generated):
        _check_image(item, ref, path, site, problems)  # a page is not an image: reported there
    elif path in site.pages:
        _check_anchor(item, ref, path, fragment, site, error)
    elif path not in site.generated:
        _missing(item, ref, path, site, error)


def _parses(target: str) -> bool:
    """True when urlsplit (and so MkDocs) reads `target`: `http://[::1/` raises ValueError
    there, which would end the build with a traceback after `bantin check` passed."""
    try:
        urlsplit(target).port
    except ValueError:
        return False
    return True


def _other_host(item: Item, ref: Ref, problems: Problems) -> None:
    """DESIGN §6: a page makes no request to any host but the site's own (a reader's visit is
    nobody else's business, and the page must work offline and after the other site is gone)."""
    what = "tệp âm thanh/video" if ref.html and not ref.image else "ảnh"
    shown = ref.target if len(ref.target) <= 80 else ref.target[:77] + "…"
    problems.error(item.src, ref.line, ref.field, f"{what} `{shown}` lấy từ trang web khác",
                   "tải tệp về content/images/ (âm thanh, video: content/tai-lieu/) rồi dẫn bằng đường dẫn tương đối, "
                   "ví dụ `![Mô tả](../images/ten-anh.jpg)`; video YouTube thì nhúng bằng khung nhúng (iframe)")


def _check_anchor(item: Item, ref: Ref, path: str, fragment: str, site: Site, error) -> None:
    if not fragment or fragment.startswith(_FOOTNOTE_ANCHORS):
        return
    ids = site.anchors_of(path)
    if ids is None or fragment in ids:
        return
    near = difflib.get_close_matches(fragment, sorted(ids), n=1)
    where = "trong bài này" if path == item.src else f"trong content/{path}"
    fix = f"có phải `#{near[0]}`? " if near else ""
    error(f"trỏ tới mục `#{fragment}` không có {where}",
          fix + "mã mục là tiêu đề viết thường không dấu nối bằng gạch ngang (`## Hòa giải` → `#hoa-giai`) "
          "hoặc mã `{#…}` ghi cuối tiêu đề; sửa phần sau dấu `#` cho đúng")


def _missing(item: Item, ref: Ref, path: str, site: Site, error) -> None:
    """A target the build does not have: say why, and name the right `.md` when we can tell."""
    here = posixpath.dirname(item.src) or "."
    if path in site.drafts:
        if not item.meta.draft:
            error(f"trỏ tới bản nháp content/{path}, bản nháp không được xuất bản",
                  "bỏ liên kết, hoặc đăng bài kia trước (bỏ `draft: true`)")
        return
    if path in site.refused:
        error(f"trỏ tới tệp content/{path}, tệp này không được xuất bản (xem lỗi của chính tệp đó)",
              "sửa lỗi của tệp đó hoặc bỏ liên kết")
        return
    right = _intended(path, site)
    if right is not None:
        src, anchor = right
        suggestion = posixpath.relpath(src, here) + (f"#{anchor}" if anchor else "")
        error("là địa chỉ trang hoặc thư mục, không phải tệp", f"dẫn tới tệp .md của trang: `{suggestion}`")
    else:
        error(f"trỏ tới tệp không có (content/{path})",
              "sửa tên hoặc đường dẫn tệp (phân biệt chữ hoa, chữ thường), hoặc thêm tệp vào content/")


def _intended(path: str, site: Site) -> tuple[str, str] | None:
    """(src, anchor) of the page a site address, folder or slug without `.md` means."""
    bare = path[:-5] if path.endswith(".html") else path
    bare = "" if bare in (".", "index") else bare.removesuffix("/index")
    item = site.by_path.get(bare)
    if item is not None:
        return item.src, ""
    parent, last = posixpath.split(bare)
    if parent == site.short_prefix and last in site.questions:
        return site.questions[last].src, last
    handbook = site.by_path.get(parent)
    if handbook is not None and any(q.id == last for q in handbook.questions):
        return handbook.src, last
    for candidate in (f"{bare}.md", f"{bare}/index.md" if bare else "index.md"):
        if candidate in site.pages or candidate in site.generated:
            return candidate, ""
    return None


def _check_image(item: Item, ref: Ref, path: str, site: Site, problems: Problems) -> None:
    """Not an image type, not an image inside, broken or too many pixels: an error; heavy: a warning."""
    is_image_type = posixpath.splitext(path)[1].lower() in IMAGE_FORMATS
    if not is_image_type or site.read is not None:
        verdict = verify_image(path, site.read(path) if site.read is not None else None)
        if verdict is not None:
            problems.error(item.src, ref.line, ref.field, *verdict)
            return
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
              read: Callable[[str], bytes | None] | None = None, short_prefix: str = "q") -> Site:
    """The link targets of one build of `corpus` (drafts are targets only when it shows them)."""
    published = corpus.published
    shown = {item.src for item in published}
    return Site(pages={item.src: item for item in published}, static=dict(static),
                image_max_kb=corpus.site.image_max_kb,
                drafts={item.src: item for item in corpus.items if item.src not in shown},
                generated=frozenset(generated), refused=frozenset(refused),
                by_path={item.path: item for item in published},
                questions={q.id: handbook for handbook, q in corpus.questions()},
                short_prefix=short_prefix, read=read)


def draft_only(used: Mapping[str, set[str]], corpus) -> set[str]:
    """Static files that only drafts use: a published build leaves them out."""
    if corpus.include_drafts:
        return set()
    return {path for path, users in used.items()
            if all((item := corpus.by_src(src)) is not None and item.meta.draft for src in users)}
