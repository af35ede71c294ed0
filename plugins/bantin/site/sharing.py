"""What a page says of itself to search engines and when shared (issue 15): its description
and its picture.

Search results and Zalo/Facebook previews show `<meta name="description">` and `og:image`.
A page whose description is the site's says nothing of itself; a page without a picture
is shared as a bare link. So every page gets its own description (its summary, else the
start of its text) and a picture: its own, else the site's `share_image`, else one drawn
with the agency's name (sharecard.py), else a neutral picture shipped with the theme. Plain functions of plain values: tests need no build.
"""

from __future__ import annotations

import posixpath

from bantin.config.backslash import quoted_backslash
from bantin.config.settings import CONFIG_FILE
from bantin.files.imagecheck import verify_image
from bantin.problems import Problems
from bantin.site import sharecard
from bantin.text.plain import excerpt, markdown_to_text

DESCRIPTION_CHARS = 160  # what search engines show of a description
DEFAULT_IMAGE = "assets/images/bantin-chia-se.png"  # theme/assets/images: 1200×630, neutral
DEFAULT_IMAGE_SIZE = (1200, 630)
SHARE_WIDTH = 1200  # og:image: Facebook and Zalo ask for at least 1200 px wide


def site_card(site) -> str:
    """The path of the picture drawn with the agency's name (sharecard.py) that stands for the
    site's, or "": the site names its own (`share_image`), has no public address (og:image
    must be absolute: the offline copy) or no agency name (the neutral picture then)."""
    if site.share_image or not site.site_url:
        return ""
    return sharecard.card_path(*_card_texts(site))


def site_card_png(site) -> bytes:
    """The bytes of `site_card(site)`, drawn from the same texts."""
    return sharecard.render_or_neutral(*_card_texts(site))


def _card_texts(site) -> tuple[str, str, str, str, bytes]:
    return site.agency.owner, site.agency.name, site.site_name, site.site_url, site.agency.emblem_raster


def description(plain: str = "", markdown: str = "", fallback: str = "") -> str:
    """One line of at most DESCRIPTION_CHARS characters: the plain text `plain` (an editor's
    `summary`, printed as text like titles), else the text of the Markdown `markdown` (the
    start of the body), else `fallback` (the site's description or name)."""
    for text in (plain, markdown_to_text(markdown) if markdown else ""):
        text = " ".join((text or "").split())
        if text:
            return excerpt(text, DESCRIPTION_CHARS)
    return " ".join(fallback.split())


def pick_variant(variants, width: int = SHARE_WIDTH):
    """The narrowest variant at least `width` wide, else the widest (`variants` narrowest first:
    images.Responsive): light enough for a preview, sharp enough for a large card."""
    for variant in variants:
        if variant.width >= width:
            return variant
    return variants[-1] if variants else None


def configured_image(value: str, problems: Problems, line: int) -> str:
    """`share_image:` as a content/-relative path, or "" with a problem when it is no such path."""
    value = (value or "").strip()
    if not value:
        return ""
    if (eaten := quoted_backslash("share_image", value)) is not None:
        problems.error(CONFIG_FILE, line, "plugins.bantin.share_image", *eaten)
        return ""
    path = posixpath.normpath(value.replace("\\", "/")).lstrip("/")  # Windows' `\` read as `/`
    if "://" in value or value.startswith("//") or path.startswith("..") or path in (".", ""):
        problems.error(CONFIG_FILE, line, "plugins.bantin.share_image",
                       f"`share_image: {value[:80]}` không phải đường dẫn tới một ảnh trong thư mục content/",
                       "ghi đường dẫn tính từ thư mục content/, ví dụ `share_image: images/anh-chia-se.jpg`, "
                       "hoặc xóa dòng này để dùng ảnh mặc định")
        return ""
    return path


def check_image(path: str, assets, read, problems: Problems, line: int, refused=frozenset()) -> None:
    """The configured share image exists in content/ and is a JPG or PNG that opens. A file
    of content/ the inventory refused (`refused`) has its problem already: not said twice."""
    if not path:
        return
    if posixpath.splitext(path)[1].lower() not in (".jpg", ".jpeg", ".png"):  # what Zalo and Facebook all show
        problems.error(CONFIG_FILE, line, "plugins.bantin.share_image",
                       f"ảnh chia sẻ `{path[:120]}` phải là tệp JPG hoặc PNG",
                       "lưu ảnh dạng JPG hoặc PNG trong content/ rồi ghi đường dẫn của nó, ví dụ "
                       "`share_image: images/anh-chia-se.jpg`")
        return
    if path in refused:
        return
    if path not in assets:
        problems.error(CONFIG_FILE, line, "plugins.bantin.share_image",
                       f"không có tệp `{path[:120]}` trong thư mục content/ (ảnh `share_image`)",
                       "chép ảnh vào content/ (ví dụ content/images/anh-chia-se.jpg) rồi ghi đúng đường dẫn, "
                       "hoặc xóa dòng `share_image:` để dùng ảnh mặc định")
        return
    verdict = verify_image(path, read(path))
    if verdict is not None:
        problems.error(CONFIG_FILE, line, "plugins.bantin.share_image", *verdict)
