"""Safe output: raw or imported HTML never runs script on the site (DESIGN §7, issue 7).

The rendered HTML of every content page goes through nh3 (the Ammonia sanitiser), a
well-kept allowlist sanitiser: writing our own is how sites get XSS. The Markdown source
is scanned first so the editor gets a warning with file and line for what was removed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3

from bantin.content.anchors import attr_list_ids, reserved_id
from bantin.content.literal import ATTR_LIST, outside_code
from bantin.problems import Problems

EXTRA_TAGS = {"iframe", "figure", "figcaption", "details", "summary", "mark", "ins", "del", "abbr",
              "sup", "sub", "input", "dl", "dt", "dd", "caption", "colgroup", "col", "audio", "video", "source"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role"},
    "a": {"href", "target", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen", "loading"},
    "td": {"colspan", "rowspan", "align", "style"}, "th": {"colspan", "rowspan", "align", "style", "scope"},
    "ol": {"start", "type"}, "input": {"type", "checked", "disabled"}, "abbr": {"title"},
    "audio": {"src", "controls"}, "video": {"src", "controls", "width", "height", "poster"},
    "source": {"src", "type"}, "col": {"span"}, "time": {"datetime"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
SCRIPT_ADDRESSES = ("javascript:", "vbscript:", "data:text/html")  # addresses that run script: warned here
_UNSAFE = [
    (re.compile(r"<script\b", re.I), "thẻ <script>"),
    (re.compile(r"<(?:object|embed|applet|base|meta|link|form)\b", re.I), "thẻ nhúng/biểu mẫu"),
    (re.compile(r"<[a-z][^<>]*?\son[a-z]+\s*=", re.I), "thuộc tính sự kiện (onclick, onerror…)"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(?:" + "|".join(re.escape(a.rstrip(":")) for a in SCRIPT_ADDRESSES) + ")",
                re.I), "địa chỉ javascript:"),
    (re.compile(r"<style\b", re.I), "thẻ <style>"),
    (re.compile(r"(?:<[a-z][^<>]*?\s|\{(?:[^{}\n]*?[\s:])?)data-[^\s=<>{}]*\s*=", re.I), "thuộc tính `data-…`"),
]
_RAW_ID = re.compile(r"<[a-z][^<>]*?\sid\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.I)
_RAW_CLASS = re.compile(r"<[a-z][^<>]*?\sclass\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.I)
_RAW_DOWNLOAD = re.compile(r"<a\s[^<>]*?\bdownload\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))", re.I)
_LIST_CLASS = re.compile(r"(?<![^\s:])\.([^\s{}.#=\"']+)")
# Classes Material's bundle or our theme's scripts act on (`pre.mermaid` loads mermaid from
# unpkg.com; `.md-dialog--active` fakes a site notice; `.annotate`, `.highlight`, `.tabbed-…`
# start code and tab behaviours), and every class of Material's layout (`md-…`) and our
# theme's (`bt-…`, `bantin…`). The classes our Markdown extensions write (admonition,
# `vanban`, `toc`) are none of these.
RESERVED_CLASSES = frozenset({"mermaid", "annotate", "highlight", "hll", "copy", "no-copy", "select", "no-select",
                              "js", "no-js", "focus-visible", "js-focus-visible", "c1", "cm"})
RESERVED_CLASS_PREFIXES = ("md-", "bt-", "bantin", "tabbed-")
# Style-only classes the handbook's generated Markdown writes (handbook/page.py); no script reads them.
OUR_MARKDOWN_CLASSES = frozenset({"bt-can-cu", "bt-group", "bt-qlink", "bt-short"})
_IFRAME_SRC = re.compile(r"<iframe\b[^<>]*?\ssrc\s*=\s*[\"']?([^\"'\s<>]+)", re.I)
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")  # the one style tables keep
# Any <a> with a target (nh3 quotes every attribute and escapes `>` in values; `rel` is never kept).
_TARGET_LINK = re.compile(r"<a\b(?=[^<>]*\starget=\")([^<>]*)>", re.I)
# The only iframe addresses we read the host of: https, a plain host name, no userinfo, no
# backslash, space, control or percent sign in the host, so urlsplit and a browser's WHATWG
# parser agree on it.
_PLAIN_HTTPS = re.compile(r"https://([A-Za-z0-9.-]+)(?::[0-9]{1,5})?(?:[/?#][!-\[\]-~]*)?")

def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """True when `url` is a plain https address on one of `hosts` (or a subdomain): anything a
    browser might read with another host (`https://evil\\@youtube.com`, `%2e`, tabs) is refused."""
    m = _PLAIN_HTTPS.fullmatch(url.strip())
    if m is None:
        return False
    host = m.group(1).lower()  # "youtube.com." is refused: the pages' frame-src names hosts without the dot
    return any(host == h or host.endswith("." + h) for h in hosts)


def report_unsafe(src: str, markdown: str, first_line: int, iframe_hosts: tuple[str, ...], problems: Problems) -> None:
    """Warn, with file and line, about raw HTML that the sanitiser will remove."""
    if "<" not in markdown and "{" not in markdown:
        return
    for offset, line in outside_code(markdown):
        if "<" not in line and "{" not in line:
            continue
        where = first_line + offset
        for pattern, what in _UNSAFE:
            if pattern.search(line):
                problems.warn(src, where, "", f"{what} trong HTML đã bị gỡ bỏ khi xuất bản",
                              "chỉ dùng Markdown hoặc HTML đơn giản; không chèn mã chạy trên trang")
        for url in _IFRAME_SRC.findall(line):
            if not host_allowed(url, iframe_hosts):
                _report_iframe(src, where, url, problems)
        for value in _ids(line):
            if reserved_id(value):
                problems.warn(src, where, "", f"mã `{value[:40]}` (id) dành riêng cho giao diện, đã bị gỡ bỏ",
                              "đặt mã khác, bắt đầu bằng chữ cái, không bắt đầu bằng `_`, `bt-`, `bantin-`, không có `$`")
        for name in _classes(line):
            if reserved_class(name):
                problems.warn(src, where, "", f"lớp `{name[:40]}` (class) dành riêng cho giao diện, đã bị gỡ bỏ",
                              "bỏ lớp này; không dùng `mermaid`, lớp bắt đầu bằng `md-`, `bt-`, `bantin` hay lớp "
                              "của giao diện (highlight, annotate…)")
        for name in _download_names(line):
            problems.warn(src, where, "", f"tên tệp tải về `{name[:40]}` (download) đã bị bỏ: tệp tải về giữ tên thật",
                          "viết `download` không có giá trị; muốn đổi tên thì đổi tên tệp trong content/")


def reserved_class(name: str) -> bool:
    """True for a class editor HTML may not give an element (RESERVED_CLASSES)."""
    if name in OUR_MARKDOWN_CLASSES:
        return False
    return name in RESERVED_CLASSES or name.lower().startswith(RESERVED_CLASS_PREFIXES)


def _classes(line: str) -> list[str]:
    """Classes a line gives elements: raw `class="…"` and `{: .x}` attribute lists."""
    found = []
    if "class" in line:
        found += [c for m in _RAW_CLASS.finditer(line) for c in next(v for v in m.groups() if v is not None).split()]
    if "{" in line:
        found += [c for m in ATTR_LIST.finditer(line) for c in _LIST_CLASS.findall(m.group(1))]
    return found


def _download_names(line: str) -> list[str]:
    """File names `<a download="…">` asks for (the sanitiser keeps a bare `download`)."""
    if "download" not in line:
        return []
    values = (next(v for v in m.groups() if v is not None) for m in _RAW_DOWNLOAD.finditer(line))
    return [v.strip() for v in values if v.strip()]


def _ids(line: str) -> list[str]:
    """Ids a line gives elements: raw `id="…"` and `{#…}`, `{: id="…"}` attribute lists."""
    found = []
    if "id" in line:
        found += [next(v for v in m.groups() if v is not None) for m in _RAW_ID.finditer(line)]
    if "{" in line:
        found += [i for m in ATTR_LIST.finditer(line) for i in attr_list_ids(m.group(1))]
    return found


def _report_iframe(src: str, where: int, url: str, problems: Problems) -> None:
    if not url.lower().startswith("https://"):
        problems.warn(src, where, "", f"khung nhúng (iframe) `{url[:80]}` không dùng https, đã bị gỡ bỏ",
                      "dùng địa chỉ nhúng bắt đầu bằng `https://` do trang nguồn cung cấp")
    elif _PLAIN_HTTPS.fullmatch(url.strip()) is None:
        problems.warn(src, where, "", f"khung nhúng (iframe) `{url[:80]}` có địa chỉ bất thường, đã bị gỡ bỏ",
                      "dán lại đúng mã nhúng do trang nguồn cung cấp (không có `\\`, `@`, `%`, dấu cách trong tên miền)")
    else:
        problems.warn(src, where, "", f"khung nhúng (iframe) từ `{urlsplit(url).hostname or url[:80]}` đã bị gỡ bỏ: "
                      "bạn đọc không thấy gì ở chỗ đó", "thay khung nhúng bằng liên kết tới trang của video hay bài "
                      "gốc, ví dụ `[Xem video trên YouTube](https://www.youtube.com/watch?v=…)`; hoặc, nếu nguồn tin "
                      "cậy, nhờ người quản trị kỹ thuật thêm tên miền vào `iframe_hosts` của plugin bantin trong "
                      "mkdocs.yml")


def clean(html: str, iframe_hosts: tuple[str, ...]) -> str:
    """Allowlisted HTML: no script, event handlers, javascript: URLs or foreign frames."""
    cleaned = _cleaner(iframe_hosts).clean(html)
    if "<iframe" in cleaned:  # a frame whose address was refused: an empty 560×315 box otherwise
        cleaned = _without_empty_frames(cleaned)
    if " target=" not in cleaned:
        return cleaned
    # Any target (`_blank`, `cuaso`…) opens a window that could navigate ours (tabnabbing).
    return _TARGET_LINK.sub(lambda m: f'<a{m.group(1)} rel="noopener noreferrer">', cleaned)


def _without_empty_frames(html: str) -> str:
    """`html` (nh3's output) without the frames that have no `src` left, read as a browser reads
    them: an opening tag (nh3 writes `<` and `>` in attribute values as entities, so the tag ends
    at the first `>`), then raw text up to the first `</iframe>`. A frame inside another's raw
    text is that text, never a frame of its own (`<iframe><iframe>x</iframe>`: one frame).
    One pass of `find`s: linear."""
    pieces, pos, lower = [], 0, html.lower()
    while (start := lower.find("<iframe", pos)) >= 0:
        tag_end = lower.find(">", start)
        close = lower.find("</iframe>", tag_end + 1) if tag_end >= 0 else -1
        if close < 0:
            break
        end = close + len("</iframe>")
        if " src=" not in lower[start:tag_end]:
            pieces.append(html[pos:start])
            pos = end
        else:
            pieces.append(html[pos:end])
            pos = end
    return "".join(pieces) + html[pos:]


@lru_cache(maxsize=8)
def _cleaner(iframe_hosts: tuple[str, ...]) -> nh3.Cleaner:
    """The sanitiser, set up once per build: that was 40 % of the cost of cleaning a page."""
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src" and not host_allowed(value, iframe_hosts):
            return None
        if attribute == "style" and not _ALIGN.fullmatch(value):
            return None
        if attribute == "id" and reserved_id(value):
            return None
        if attribute == "class":
            return _allowed_classes(value)
        if attribute == "download":
            return ""  # a link cannot rename the file it downloads (`bang.csv` as `HuongDan.bat`)
        return value

    return nh3.Cleaner(tags=nh3.ALLOWED_TAGS | EXTRA_TAGS, attributes=ATTRIBUTES, attribute_filter=keep,
                       url_schemes=SCHEMES, link_rel=None, strip_comments=True,
                       generic_attribute_prefixes={"aria-"}, clean_content_tags={"script", "style"})


def _allowed_classes(value: str) -> str | None:
    """`value` without the reserved classes (unchanged when it has none), None when none is left."""
    names = value.split()
    kept = [name for name in names if not reserved_class(name)]
    if len(kept) == len(names):
        return value
    return " ".join(kept) or None
