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

from .checks import body_lines
from .problems import Problems

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
_UNSAFE = [
    (re.compile(r"<script\b", re.I), "thẻ <script>"),
    (re.compile(r"<(?:object|embed|applet|base|meta|link|form)\b", re.I), "thẻ nhúng/biểu mẫu"),
    (re.compile(r"<[a-z][^<>]*?\son[a-z]+\s*=", re.I), "thuộc tính sự kiện (onclick, onerror…)"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(?:javascript|vbscript|data:text/html)", re.I), "địa chỉ javascript:"),
    (re.compile(r"<style\b", re.I), "thẻ <style>"),
]
_IFRAME_SRC = re.compile(r"<iframe\b[^<>]*?\ssrc\s*=\s*[\"']?([^\"'\s<>]+)", re.I)
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")  # the one style tables keep
_BLANK_LINK = re.compile(r"<a\b(?=[^<>]*\btarget=\"_blank\")(?![^<>]*\brel=)([^<>]*)>", re.I)


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def report_unsafe(src: str, markdown: str, first_line: int, iframe_hosts: tuple[str, ...], problems: Problems) -> None:
    """Warn, with file and line, about raw HTML that the sanitiser will remove."""
    if "<" not in markdown:
        return
    for offset, line in body_lines(markdown):
        if "<" not in line:
            continue
        where = first_line + offset
        for pattern, what in _UNSAFE:
            if pattern.search(line):
                problems.warn(src, where, "", f"{what} trong HTML đã bị gỡ bỏ khi xuất bản",
                              "chỉ dùng Markdown hoặc HTML đơn giản; không chèn mã chạy trên trang")
        for url in _IFRAME_SRC.findall(line):
            if not host_allowed(url, iframe_hosts):
                problems.warn(src, where, "", f"khung nhúng (iframe) từ `{urlsplit(url).hostname or url}` đã bị gỡ bỏ",
                              "thêm tên miền vào `iframe_hosts` của plugin bantin trong mkdocs.yml nếu nguồn tin cậy")


def clean(html: str, iframe_hosts: tuple[str, ...]) -> str:
    """Allowlisted HTML: no script, event handlers, javascript: URLs or foreign frames."""
    cleaned = _cleaner(iframe_hosts).clean(html)
    if 'target="_blank"' not in cleaned:
        return cleaned
    return _BLANK_LINK.sub(lambda m: f'<a{m.group(1)} rel="noopener">', cleaned)


@lru_cache(maxsize=8)
def _cleaner(iframe_hosts: tuple[str, ...]) -> nh3.Cleaner:
    """The sanitiser, set up once per build: that was 40 % of the cost of cleaning a page."""
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src" and not host_allowed(value, iframe_hosts):
            return None
        if attribute == "style" and not _ALIGN.fullmatch(value):
            return None
        return value

    return nh3.Cleaner(tags=nh3.ALLOWED_TAGS | EXTRA_TAGS, attributes=ATTRIBUTES, attribute_filter=keep,
                       url_schemes=SCHEMES, link_rel=None, strip_comments=True,
                       generic_attribute_prefixes={"aria-", "data-"}, clean_content_tags={"script", "style"})
