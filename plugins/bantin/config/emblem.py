"""The agency's emblem and banner (`agency.emblem`, `agency.banner`, issue 15).

Both are files of content/ named in mkdocs.yml, so the inventory publishes them as it does
the theme's logo (adapter/translate.configured_files): here they are checked as strictly as
any image an editor uploads. A path written with Windows' `\\` is read with `/`
(config/backslash.py). A path that leaves content/ (`..`, an absolute path, a symbolic
link pointing out), another host's address, a file that is not the image its name says, an
unsafe SVG or a heavy file is a Problem naming the line of mkdocs.yml and what to type.
"""

from __future__ import annotations

import io
import os
import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import quote
from dataclasses import replace
from pathlib import Path

from PIL import Image

from bantin.config.backslash import quoted_backslash
from bantin.config.settings import CONFIG_FILE, Agency, Lines, _no_lines
from bantin.files.filecheck import svg_problem
from bantin.files.imagecheck import verify_image
from bantin.problems import Problems

# field → (what it is, largest size in KB, the example path to type, what shows without it)
LIMITS = {"emblem": ("biểu trưng (emblem)", 200, "images/bieu-trung.png", "biểu trưng mặc định"),
          "banner": ("ảnh băng rôn (banner)", 600, "images/bang-ron.jpg", "dòng chữ tên cơ quan ở đầu trang chủ")}
EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".svg")
# Largest picture in pixels (width × height) a browser decodes for it: a flat logo exported at
# 6000×6000 is under 200 KB, and every phone then decodes 144 MB of bitmap for a 32-pixel header.
MAX_PIXELS = {"emblem": 1000 * 1000, "banner": 2800 * 1400}


def check_agency_images(agency: Agency, content: Path, problems: Problems, line: Lines = _no_lines) -> Agency:
    """`agency` with each sound image path kept, in its normal form, and each unsound one
    emptied (the page then shows the default) after an error that says how to fix it."""
    kept, sizes, data = {}, {}, {}
    for name in LIMITS:
        value = getattr(agency, name)
        kept[name], sizes[name], data[name] = _checked(name, value, content, problems, line) if value else _NONE
    kept["banner_size"] = sizes["banner"]
    kept.update({f"{name}_src": quote(kept[name]) for name in LIMITS})  # what the templates print
    # the bytes just checked, not read again: the share card draws them (SVG it cannot)
    kept["emblem_raster"] = b"" if kept["emblem"].lower().endswith(".svg") else data["emblem"]
    return replace(agency, **kept)


_NONE = ("", (0, 0), b"")


def _size(path: Path) -> tuple[int, int]:
    """Width and height of a checked image, for the <img> that has them (0, 0 when unknown:
    an SVG without width and height or viewBox, or with sizes no image has)."""
    try:
        if path.suffix.lower() == ".svg":
            root = ET.fromstring(path.read_bytes())
            box = (root.get("viewBox") or "").replace(",", " ").split()
            width, height = (box[2], box[3]) if len(box) == 4 else (root.get("width", ""), root.get("height", ""))
            size = round(float(width)), round(float(height))
            # an editor's numbers: 'inf' or '1e999' (OverflowError), '-300', '1e300' print no size
            return size if all(0 < n <= 20_000 for n in size) else (0, 0)
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, ArithmeticError, ET.ParseError):
        return 0, 0


def _checked(name: str, value: str, content: Path, problems: Problems,
             line: Lines) -> tuple[str, tuple[int, int], bytes]:
    """(the path in normal form, its width and height, its bytes), or ("", (0, 0), b"") after an error."""
    what, max_kb, example, default = LIMITS[name]

    def error(wrong: str, fix: str) -> tuple[str, tuple[int, int], bytes]:
        problems.error(CONFIG_FILE, line("agency", name), f"plugins.bantin.agency.{name}", wrong, fix)
        return _NONE

    if (eaten := quoted_backslash(name, str(value))) is not None:
        return error(*eaten)
    raw = str(value).strip().replace("\\", "/")  # `images\logo.png`, as Windows writes it: read with `/`
    if "://" in raw or raw.startswith(("//", "data:")):
        return error(f"{what} `{raw[:80]}` là địa chỉ trên mạng: trang sẽ tải ảnh từ máy chủ khác",
                     f"chép ảnh vào thư mục content/ rồi ghi đường dẫn tính từ content/, ví dụ `{example}`")
    rel = posixpath.normpath(raw.lstrip("/"))
    if raw.startswith("/") or rel == "." or rel.startswith("..") or ":" in rel:
        return error(f"{what} `{raw[:80]}` nằm ngoài thư mục content/",
                     f"ghi đường dẫn tính từ content/, không có `..` hay `/` ở đầu, ví dụ `{example}`")
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts) or parts[0] == "templates":  # as content/inventory._hidden
        return error(f"{what} `{rel}` nằm trong thư mục ẩn (tên bắt đầu bằng dấu chấm) hoặc thư mục `templates/`, "
                     "là những chỗ không được xuất bản: trang sẽ hiện ảnh hỏng",
                     f"chuyển ảnh sang thư mục thường rồi ghi lại đường dẫn, ví dụ `{example}`")
    if posixpath.splitext(rel)[1].lower() not in EXTENSIONS:
        return error(f"{what} `{rel}` không phải tệp ảnh (chỉ nhận PNG, JPG, WEBP hoặc SVG)",
                     f"lưu ảnh dạng PNG rồi ghi đường dẫn của nó, ví dụ `{example}`")
    path = content / rel
    try:
        inside = os.path.realpath(path).startswith(os.path.realpath(content) + os.sep)
        data = path.read_bytes() if inside and path.is_file() else None
    except OSError:
        data = None
    if not inside:
        return error(f"{what} `{rel}` là lối tắt trỏ ra ngoài thư mục content/",
                     "chép chính tệp ảnh (không phải lối tắt) vào content/")
    if data is None:
        return error(f"không có tệp {what} `content/{rel}`", _missing_fix(content, rel, name, default))
    if len(data) > max_kb * 1024:
        return error(f"{what} `{rel}` nặng {len(data) // 1024} KB, quá {max_kb} KB: mọi trang đều tải ảnh này",
                     f"thu nhỏ ảnh dưới {max_kb} KB (biểu trưng: khoảng 200×200 điểm ảnh; băng rôn: ngang 1400 điểm ảnh)")
    verdict = svg_problem(rel, data) if rel.lower().endswith(".svg") else verify_image(rel, data)
    if verdict is not None:
        return error(*verdict)
    size = _size(path)  # read once: the pixel limit here, the banner's <img> width and height
    width, height = size if not rel.lower().endswith(".svg") else (0, 0)
    if width * height > MAX_PIXELS[name]:
        return error(f"{what} `{rel}` lớn {width}×{height} điểm ảnh: điện thoại phải giải nén "
                     f"{width * height / 1e6:.0f} megapixel cho ảnh này",
                     f"thu nhỏ ảnh ({'khoảng 200×200' if name == 'emblem' else 'ngang khoảng 1400'} điểm ảnh) rồi lưu lại")
    return rel, size, data


# theme.logo and theme.favicon (Material's own keys): what each is, and the emblem's limits, since
# the starter's mkdocs.yml suggests the emblem as favicon and either shows on every page.
THEME_IMAGES = {"logo": "biểu trưng ở đầu trang (logo)", "favicon": "biểu tượng trên thẻ trình duyệt (favicon)"}


def theme_image_problem(key: str, rel: str, data: bytes) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when theme.logo or theme.favicon is heavier or larger than
    the emblem may be, else None. Unchecked, a province's 26 MB logo exported by a design office
    went into every page's first load (a province's trial, session 41), while the same file as
    `agency.emblem` was refused. Only the header of a raster image is read for its size."""
    what, max_kb = THEME_IMAGES[key], LIMITS["emblem"][1]
    if len(data) > max_kb * 1024:
        return (f"{what} `{rel}` nặng {len(data) // 1024} KB, quá {max_kb} KB: mọi trang đều tải ảnh này",
                f"thu nhỏ ảnh dưới {max_kb} KB ({'khoảng 200×200' if key == 'logo' else 'khoảng 64×64'} điểm ảnh, "
                "ví dụ bằng Paint: Resize, rồi lưu PNG) và chép đè lên tệp đó")
    if rel.lower().endswith(".svg"):
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # not an image: the inventory says so on the file itself
    if width * height > MAX_PIXELS["emblem"]:
        return (f"{what} `{rel}` lớn {width}×{height} điểm ảnh: điện thoại phải giải nén "
                f"{width * height / 1e6:.0f} megapixel cho ảnh này",
                f"thu nhỏ ảnh ({'khoảng 200×200' if key == 'logo' else 'khoảng 64×64'} điểm ảnh) rồi lưu lại")
    return None


def _missing_fix(content: Path, rel: str, name: str, default: str) -> str:
    """What to write instead: the path without `content/` (paths start inside it), or the file
    that exists under another case (`Bieu-Trung.PNG`); else where to copy the image."""
    if rel.startswith("content/") and (content / rel[len("content/"):]).is_file():
        return f"đường dẫn tính từ trong thư mục content/: ghi `{name}: {rel[len('content/'):]}`"
    folder, _, base = rel.rpartition("/")
    try:
        same = [p.name for p in (content / folder).iterdir() if p.name.lower() == base.lower() and p.is_file()]
    except OSError:
        same = []
    if same:
        shown = f"{folder}/{same[0]}" if folder else same[0]
        return f"tên tệp phân biệt chữ hoa, chữ thường: ghi `{name}: {shown}`"
    return (f"chép ảnh vào content/{rel}, hoặc sửa đường dẫn (phân biệt chữ hoa, chữ thường), "
            f"hoặc xóa dòng `{name}:` để dùng {default}")
