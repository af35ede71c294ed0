"""A picture's colour profile (ICC): its variants are converted to sRGB, and carry no profile.

An iPhone saves every photo in Display P3, a camera or Photoshop often in Adobe RGB, a Mac's
screenshot in its screen's profile. The resizer (site/images.py) made JPEG and WebP variants
without the profile, so a browser read P3 or Adobe RGB numbers as sRGB: faces and fields came
out dull. Two ways out, and why this one:

- **Converted to sRGB, untagged** (LittleCMS through Pillow's ImageCms, bundled with Pillow):
  every browser, the social networks that re-encode og:image and drop the profile (Facebook,
  Zalo), an old phone's gallery and a printer show the same colours; no bytes are added. What
  is lost is the part of P3 outside sRGB, which only a wide-gamut screen shows (a reddish or
  green saturated patch clips to the nearest sRGB colour): for photos of meetings and
  documents that is not a loss a reader notices. The cost is about 0.05 s of CPU for a
  1,440-pixel variant, paid on the variants after resizing (three times less than converting
  a 3,000-pixel original first), and only for a picture whose profile is not sRGB already.
- **The profile kept in each variant**: wide gamut kept, but 0.5-4 KB (Adobe RGB, P3; a
  scanner's profile with tables up to hundreds of KB) added to each of six variants and a
  thumbnail, a 480-pixel variant of 30 KB growing by up to 10 %; a profile from an untrusted
  file copied into every variant; and colours shift again wherever the profile is dropped
  later (social cards). Not chosen.

A profile is untrusted input (an imported old portal's pictures, a pull request): one larger than
MAX_BYTES is not parsed (LittleCMS's work grows with the tables a profile carries), one that
does not parse, that cannot build a transform, or whose colour space is not the picture's is
ignored: the picture's numbers are used as sRGB, as before, and `bantin check` and the build say
which picture and how to fix it (`problem`). Nothing here raises.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from PIL import Image, ImageCms

MAX_BYTES = 1 << 20  # 1 MB: Display P3 is 0.5 KB, Adobe RGB 0.6 KB, sRGB 3 KB, a scanner's few 100 KB
_SPACES = {"RGB": "RGB ", "RGBA": "RGB ", "CMYK": "CMYK"}  # picture modes converted, and their profiles' space
_NAMES = {"RGB ": "RGB", "CMYK": "CMYK", "GRAY": "xám (grayscale)", "Lab ": "Lab"}
_CACHE_MAX = 64  # distinct profiles kept; a site has a handful (sRGB, P3, Adobe RGB)
_transforms: dict[tuple[bytes, str], Any] = {}  # (profile hash, mode) -> transform, None (sRGB), or (what, fix)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_FIX = ("xuất lại ảnh với hồ sơ màu sRGB (Photoshop, GIMP: chuyển sang sRGB rồi lưu; hoặc lưu lại ảnh từ "
        "điện thoại, ứng dụng xem ảnh) rồi chép đè tệp cũ")
_SHIFTED = "nên không dùng được: màu ảnh trên trang có thể lệch so với ảnh gốc (nhạt hoặc đậm hơn)"


def problem(name: str, data: bytes) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when picture `name`'s profile cannot be used; None when it
    has none or it can. Reads the file's header only (a JPEG's or PNG's profile precedes its pixels)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format not in ("JPEG", "PNG"):  # a GIF or WebP is served as it is, its profile too
                return None
            icc, mode = opened.info.get("icc_profile"), opened.mode
    except Exception:  # noqa: BLE001 - not a picture: imagecheck.verify_image says so
        return None
    verdict = _transform(icc, _mode(mode)) if icc and _mode(mode) in _SPACES else None
    return _problem(name, verdict) if isinstance(verdict, tuple) else None


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """`image` (whose file carried profile `icc`) with sRGB numbers: converted when the profile is
    another RGB or a CMYK one that works, as it is when it has none, is sRGB, or cannot be used
    (`problem` reported it). A palette picture is converted to RGB(A) first. The result carries
    no profile: untagged is sRGB to every browser."""
    mode = _mode(image.mode)
    transform = _transform(icc, mode) if icc and mode in _SPACES else None
    if transform is None or isinstance(transform, tuple):
        return image
    source = image if image.mode == mode else image.convert(mode)
    try:
        converted = ImageCms.applyTransform(source, transform)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    converted.info.pop("icc_profile", None)  # its numbers are sRGB now: never tagged with the old profile
    return converted


def _mode(mode: str) -> str:
    """The mode a picture is converted in: a palette's colours as RGB, with its transparency."""
    return {"P": "RGBA", "PA": "RGBA"}.get(mode, mode)


def _transform(icc: bytes, mode: str) -> Any:
    """The transform from profile `icc` to sRGB for `mode`, once per profile and mode; None when
    the profile is sRGB already (no work), (what, fix) when it cannot be used."""
    key = (hashlib.sha256(icc).digest(), mode)
    if key not in _transforms:
        if len(_transforms) >= _CACHE_MAX:
            _transforms.pop(next(iter(_transforms)))
        _transforms[key] = _built(icc, mode)
    return _transforms[key]


def _built(icc: bytes, mode: str) -> Any:
    if len(icc) > MAX_BYTES:
        return (f"nặng {len(icc) // 1024} KB, quá giới hạn {MAX_BYTES // 1024} KB", )
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space
        if space != _SPACES[mode]:
            shown = _NAMES.get(space, space.strip() or "không rõ")
            return (f"dành cho ảnh {shown} nhưng ảnh là ảnh {_NAMES[_SPACES[mode]]}", )
        if mode != "CMYK" and "srgb" in (ImageCms.getProfileDescription(profile) or "").lower():
            return None  # sRGB (most Android photos): its numbers are used as they are
        return ImageCms.buildTransform(profile, _SRGB, mode, "RGB" if mode == "CMYK" else mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError):
        return ("bị hỏng, không đọc được", )


def _problem(name: str, verdict: tuple) -> tuple[str, str]:
    return f"hồ sơ màu (ICC) kèm trong ảnh `{name}` {verdict[0]} {_SHIFTED}", _FIX
