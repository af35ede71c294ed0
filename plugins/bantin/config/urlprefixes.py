"""The `urls:` option of the plugin: the first segment of each kind of address (DESIGN §4).

```yaml
plugins:
  - bantin:
      urls:
        article: tin-tuc-su-kien   # /tin-tuc-su-kien/<slug>/ instead of /tin-tuc/<slug>/
        short: hd                  # the questions' short links: /hd/<id>/
```

A province moving from its old portal may want its news under the address its readers
already know, without a redirect for every article. The defaults are what trainers'
printed links and the docs use; each segment is a folder of the built site, so each is
checked here: a slug (no mark, capital, space, `/` or `..`), one kind per segment, and never
a folder the build writes for itself (`assets/`, the web editor's `admin/`).
Content folders (`content/tin-tuc/`…) do not move: only the published addresses do.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any, Mapping

from bantin.config.precheck import ConfigError
from bantin.config.settings import CONFIG_FILE, Lines, UrlPrefixes
from bantin.config.sitefile import SiteFile, load
from bantin.problems import Problems, short
from bantin.text.names import windows_reserved
from bantin.text.vi import slugify

# The keys a site may set, with what each addresses (for the messages). `page` has no
# segment: pages of content/trang/ sit at the top (/gioi-thieu/).
KEYS = {
    "article": "tin bài",
    "qa": "sổ tay hỏi - đáp",
    "guide": "hướng dẫn",
    "category": "chuyên mục",
    "tag": "thẻ",
    "year": "lưu trữ theo năm",
    "document": "văn bản pháp luật",
    "search": "trang tìm kiếm",
    "short": "liên kết ngắn của câu hỏi (in trong mã QR)",
    "pagination": "trang 2, 3… của danh sách",
}
SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_LENGTH = 40  # every address under it repeats it; a USB copy's paths stay short
# Folders the build writes for itself at the top of the site (site/webeditor.ADMIN, the theme).
OWN_FOLDERS = frozenset({"assets", "admin"})
# Pages the build writes at the top under these names: a listing there is `index.md` (the home
# page's source) and, in the offline copy, `index.html` or `404.html` a second time.
TOP_PAGES = {"index": "trang chủ (index.html)", "404": "trang báo không tìm thấy (404.html)"}
PLUGIN = ("plugins", "bantin")


def _no_lines(*keys) -> int:
    return 0


def build_prefixes(entry: Any, problems: Problems, line: Lines = _no_lines) -> UrlPrefixes:
    """The address segments from `urls:`; a wrong value is a problem naming its line, and
    the default is kept for it so the rest of the check still runs."""
    if entry is None or entry == {}:
        return UrlPrefixes()

    def error(key: str, message: str, fix: str) -> None:
        problems.error(CONFIG_FILE, line("urls", key) or line("urls"), f"plugins.bantin.urls.{key}", message, fix)

    if not isinstance(entry, Mapping):
        error("", "`urls:` phải là một nhóm các dòng `loại: đoạn địa chỉ`",
              "viết `urls:` rồi các dòng thụt vào, ví dụ `  article: tin-tuc-su-kien`")
        return UrlPrefixes()
    chosen: dict[str, str] = {}
    for key, value in entry.items():
        name = short(str(key), 40)
        if key not in KEYS:
            close = difflib.get_close_matches(str(key)[:40], list(KEYS), n=1, cutoff=0.6)
            error(name, f"`urls:` không có mục `{name}`",
                  f"có phải ý bạn là `{close[0]}`?" if close else f"các mục được phép: {', '.join(KEYS)}")
        elif _segment_ok(key, value, error):
            chosen[key] = value
    prefixes = UrlPrefixes(**chosen)
    _one_kind_each(prefixes, chosen, error)
    return prefixes


def _segment_ok(key: str, value: Any, error) -> bool:
    """`value` is one lower-case ASCII segment the build may own."""
    what = KEYS[key]
    if isinstance(value, (bool, int, float)):  # never shown back: YAML read `0123` as 83
        error(key, f"`{key}:` ({what}) được YAML đọc thành số hoặc có/không (yes/no), không phải chữ",
              f'đặt giá trị trong dấu ngoặc kép, đúng như đã gõ, ví dụ `{key}: "2024"`')
        return False
    if not isinstance(value, str) or not value.strip():
        error(key, f"`{key}:` ({what}) phải là một đoạn địa chỉ, không để trống",
              f"ví dụ `{key}: {getattr(UrlPrefixes(), key)}` (mặc định), hoặc xóa dòng này")
        return False
    if not SEGMENT.fullmatch(value) or len(value) > MAX_LENGTH:
        made = slugify(value)[:MAX_LENGTH].strip("-")
        example = f"viết `{key}: {made}`" if made else f"ví dụ `{key}: {getattr(UrlPrefixes(), key)}` (mặc định)"
        error(key, f"`{key}: {short(value, 40)}` ({what}) không dùng được làm địa chỉ: chỉ được chữ thường "
                   f"không dấu, số và dấu gạch ngang giữa các chữ, không có `/`, dấu cách, tối đa {MAX_LENGTH} ký tự",
              example)
        return False
    if value in OWN_FOLDERS or value in TOP_PAGES or windows_reserved(value):
        why = ("là thư mục riêng của bản dựng" if value in OWN_FOLDERS else f"là tên của {TOP_PAGES[value]}"
               if value in TOP_PAGES else "là tên Windows và USB không lưu được")
        error(key, f"`{key}: {value}` ({what}) {why}", f"chọn tên khác, ví dụ `{key}: {getattr(UrlPrefixes(), key)}`")
        return False
    return True


def _one_kind_each(prefixes: UrlPrefixes, chosen: Mapping[str, str], error) -> None:
    """Two kinds at one segment would mix their pages in one folder: /tin-tuc/2024/ a
    year's archive or an article? Told on the line the site wrote."""
    owner: dict[str, str] = {}
    for field in dataclasses.fields(UrlPrefixes):
        value = getattr(prefixes, field.name)
        first = owner.setdefault(value, field.name) if value else field.name
        if first == field.name:
            continue
        key, other = (field.name, first) if field.name in chosen else (first, field.name)
        error(key, f"`{key}: {value}` trùng địa chỉ của mục `{other}` ({KEYS[other]})",
              f"mỗi loại trang cần một đoạn địa chỉ riêng: đổi `{key}:` thành tên khác")


def configured(site: SiteFile | str | None = CONFIG_FILE, problems: Problems | None = None) -> UrlPrefixes:
    """The segments mkdocs.yml sets, for commands that run without a build (`bantin import`
    writes the new address of each imported article into the redirect map; `bantin
    redirects` finds the article behind it). `site`: the file as loaded (config/sitefile.py:
    `INHERIT:` and `!ENV` applied, as the build sees it), or its name. A missing or broken file,
    or a wrong value, gives the defaults; a wrong value (an unset `!ENV` among them) is added
    to `problems`, named in the file and on the line it is written at, for a command that must
    not go on with the defaults (the build names it too)."""
    if isinstance(site, str):
        try:
            site = load(site)
        except ConfigError:
            return UrlPrefixes()
    if site is None:
        return UrlPrefixes()
    found = Problems()
    urls = site.get(*PLUGIN, "urls")
    if isinstance(urls, Mapping):
        urls = dict(urls)
        for key in list(urls):  # `article: !ENV SEGMENT` unset: the variable to set, not "không để trống"
            unset = site.unset_problem((*PLUGIN, "urls", key), f"plugins.bantin.urls.{key}",
                                       getattr(UrlPrefixes(), key) if key in KEYS else "tin-tuc")
            if unset is not None:
                found.extend([unset])
                del urls[key]
    prefixes = build_prefixes(urls, found, lambda *keys: site.where(*PLUGIN, *keys)[1])
    if problems is not None:
        problems.extend([_in_its_file(site, p) for p in found.items])
    return UrlPrefixes() if found.errors else prefixes


def _in_its_file(site: SiteFile, problem):
    """A problem of `urls:` named in the file that writes the value (`so-tu-phap/mkdocs.yml`, or
    the base it inherits), not `mkdocs.yml` as the build's problems are."""
    if problem.path != CONFIG_FILE:
        return problem
    return dataclasses.replace(problem, path=site.where(*PLUGIN, *problem.field.split(".")[2:])[0])
