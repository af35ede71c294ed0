"""Site-wide settings the core needs: categories, agency, URL prefixes (DESIGN §3, §4).

Plain data, filled by the MkDocs adapter from `mkdocs.yml`, so the core can be driven by
any engine (or by a test) without MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, field
from typing import Callable

from bantin.legal.registry import Registry
from bantin.problems import Problems
from bantin.text.vi import nfc, slugify

CONFIG_FILE = "mkdocs.yml"
Lines = Callable[..., int]  # line(*keys) of a plugin option in mkdocs.yml, 0 when unknown (sitefile.config_lines)


def _no_lines(*keys) -> int:
    return 0


@dataclass(frozen=True)
class Category:
    """A chuyên mục registered in configuration; content may name it by slug or title."""

    slug: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Agency:
    """The owning agency shown in every footer (DESIGN §1)."""

    name: str = ""
    owner: str = ""
    editor: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    notice: str = ""
    emblem: str = ""  # path in content/ (config/emblem.py checks it); "" for the theme's own
    banner: str = ""  # path in content/ of an image shown atop the home page instead of the text banner
    banner_size: tuple[int, int] = (0, 0)  # its width and height in pixels, read by config/emblem.py (no layout shift)
    # emblem and banner as an <img src> (config/emblem.py): percent-encoded, so a file named with
    # `#`, `?`, a space or a quote is still found (`#1` in a src is a fragment, not the name)
    emblem_src: str = ""
    banner_src: str = ""
    # the checked emblem's bytes when it is a picture Pillow can draw (PNG, JPG, WEBP; not SVG):
    # the share card draws it beside the names (site/sharecard.py)
    emblem_raster: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class UrlPrefixes:
    """First path segment of each kind of page; trainers' printed links rely on the defaults."""

    article: str = "tin-tuc"
    qa: str = "hoi-dap"
    guide: str = "huong-dan"
    page: str = ""
    category: str = "chuyen-muc"
    tag: str = "the"
    year: str = "luu-tru"
    document: str = "van-ban"
    search: str = "tim-kiem"
    short: str = "q"
    pagination: str = "trang"

    def segments(self) -> frozenset[str]:
        """Every first segment the site's own pages use (`page` has none)."""
        return frozenset(value for value in astuple(self) if value)


@dataclass(frozen=True)
class Editor:
    """The web editor at /admin/ (Decap CMS): where it saves (config/editor.py checks it).

    `local` works only beside `bantin edit` (decap-server on this computer); `gitlab` and
    `github` save to the repository online; `none` leaves the editor out.
    """

    backend: str = "local"
    repo: str = ""  # "nhóm/dự-án" on GitLab, "chủ/kho" on GitHub
    branch: str = "main"
    app_id: str = ""  # GitLab OAuth application id (PKCE: no secret)
    api_root: str = ""  # self-hosted GitLab: https://git.example.gov.vn/api/v4
    base_url: str = ""  # GitLab: its address; GitHub: the OAuth proxy's address
    auth_endpoint: str = ""
    local_url: str = ""  # decap-server's API while `bantin edit` runs (BANTIN_EDITOR_PORT)
    content: str = "content"  # docs_dir from the repository's top (mkdocs.yml's folder)

    @property
    def online(self) -> bool:
        return self.backend in ("gitlab", "github")


@dataclass(frozen=True)
class SiteConfig:
    """Everything from configuration that shapes the corpus and its pages."""

    categories: tuple[Category, ...] = ()
    agency: Agency = field(default_factory=Agency)
    prefixes: UrlPrefixes = field(default_factory=UrlPrefixes)
    page_size: int = 20
    feed_size: int = 30
    site_url: str = ""
    # mkdocs.yml's own site_url in the live preview, whose site_url is its own address: a link by
    # the published address is this site's there too (checks._own_address; a hostile review, session 34)
    published_url: str = ""
    site_name: str = ""
    site_description: str = ""  # mkdocs.yml `site_description`: the description of pages without their own
    share_image: str = ""  # `share_image:` a content/ image shown when a page is shared without one of its own
    share_image_line: int = 0  # its line in mkdocs.yml, for the problem a missing image is
    # line in mkdocs.yml of each declared category's title by slug, and of `categories:` under ""
    # (content/undeclared.py puts the error of many articles naming an undeclared one there)
    category_lines: tuple[tuple[str, int], ...] = ()
    image_max_kb: int = 1500
    image_widths: tuple[int, ...] = (480, 960, 1440)
    iframe_hosts: tuple[str, ...] = ()
    content_policy: bool = True  # pages carry a Content-Security-Policy (site/contentpolicy.py)
    registry: Registry = field(default_factory=Registry)
    editor: Editor = field(default_factory=Editor)

    def find_category(self, name: str) -> Category | None:
        """Category by slug, title, or any spelling that folds to the same slug: the slug
        first, then the title folded (a category with a `slug:` of its own, `pbgdpl`, was not
        found by its title, which the guide tells editors they may write)."""
        key = slugify(name)
        return (next((c for c in self.categories if c.slug == key), None)
                or next((c for c in self.categories if key and slugify(c.title) == key), None))


def check_numbers(site: SiteConfig, problems: Problems, line: Lines = _no_lines) -> None:
    """Sizes that must be positive: 0 divided pages by zero, negatives made empty listings."""
    for name in ("page_size", "feed_size", "image_max_kb"):
        value = getattr(site, name)
        if value < 1:
            problems.error(CONFIG_FILE, line(name), f"plugins.bantin.{name}", f"`{name}: {value}` phải là số lớn hơn 0",
                           f"xóa dòng `{name}:` để dùng mặc định, hoặc ghi một số dương, ví dụ `{name}: 20`")


# A host name as `iframe_hosts` takes it: labels of letters, digits and hyphens, at least one
# dot. It reaches each page's Content-Security-Policy (site/contentpolicy.py), so a space or
# ";" would add a directive of its own.
HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def check_iframe_hosts(site: SiteConfig, problems: Problems, line: Lines = _no_lines) -> None:
    """Each of `iframe_hosts` a bare host name ("www.youtube-nocookie.com"), as the sanitiser
    and the pages' policy compare them."""
    for index, host in enumerate(site.iframe_hosts):
        if not HOST_NAME.fullmatch(host):
            problems.error(CONFIG_FILE, line("iframe_hosts", index), f"plugins.bantin.iframe_hosts[{index + 1}]",
                           f"`{host}` không phải một tên miền",
                           "chỉ ghi tên miền, chữ thường, không có https:// hay dấu /, ví dụ `www.youtube-nocookie.com`")


def category_lines(entries: list[dict], line: Lines) -> tuple[tuple[str, int], ...]:
    """(slug, line of its `title:`) of each declared category, and ("", line of `categories:`)."""
    found = [("", line("categories"))]
    for index, entry in enumerate(entries):
        title = nfc(str(entry.get("title") or "")).strip()
        if slug := slugify(str(entry.get("slug") or title)):
            found.append((slug, line("categories", index, "title")))
    return tuple(found)


def build_categories(entries: list[dict], problems: Problems, line: Lines = _no_lines) -> tuple[Category, ...]:
    """Categories from config entries; two that fold to one slug are a configuration error."""
    seen: dict[str, Category] = {}
    for index, entry in enumerate(entries, start=1):
        title = nfc(str(entry.get("title") or "")).strip()
        if not title:
            problems.error(CONFIG_FILE, line("categories", index - 1), f"categories[{index}].title",
                           "chuyên mục không có tên", "thêm `title:` cho chuyên mục này")
            continue
        slug = slugify(str(entry.get("slug") or title))
        if slug in seen:
            problems.error(CONFIG_FILE, line("categories", index - 1, "slug"),
                           f"categories[{index}]",
                           f"chuyên mục '{title}' trùng địa chỉ '{slug}' với '{seen[slug].title}'",
                           "đổi tên hoặc `slug:` của một trong hai chuyên mục")
            continue
        seen[slug] = Category(slug, title, nfc(str(entry.get("description") or "")).strip())
    return tuple(seen.values())

