"""Is an image file what its name says, whole, and small enough to decode? (issue 12)

`image:` and body images used to accept a `.md`, a PDF, random bytes, a truncated JPEG or a
20000×20000 PNG (400 megapixels: a decompression bomb for the resizer and for readers'
phones). Each is now a problem with a fix. The size in pixels is read from the header and
checked *before* any pixel is decoded; the decode that follows reads the whole file, at
1/8 scale for JPEG, so a file cut short is found without the cost of a full decode.

Verdicts are cached by extension and content hash: `bantin serve` rebuilds and pages that
share a photo check it once; a changed file has another hash, so a verdict is never stale.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from PIL import Image, UnidentifiedImageError

# Extension → the format Pillow must find in the file.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
MAX_PIXELS = 40_000_000  # 40 megapixels: a 7,700×5,200 photo; phones take 12-50
MAX_SCANS = 100  # a JPEG's scans: a progressive one has about 10 (libjpeg's, mozjpeg's), a baseline one 1-3
_EXT_OF = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
_cache: dict[tuple[str, bytes], tuple[str, str] | None] = {}


def verify_image(name: str, data: bytes | None) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for the image file `name` with bytes `data`; None if sound."""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name.rsplit("/", 1)[-1] else ""
    if ext not in FORMATS:
        return (f"`{name}` không phải tệp ảnh (chỉ nhận {', '.join(sorted(FORMATS))})",
                "dùng ảnh JPG hoặc PNG; tài liệu PDF thì khai báo ở `attachments` hoặc dẫn bằng liên kết thường")
    if data is None:
        return f"không đọc được tệp ảnh `{name}`", "kiểm tra tệp có trong content/"
    key = (ext, hashlib.sha256(data).digest())
    if key not in _cache:
        _cache[key] = _verdict(name, ext, data)
    return _cache[key]


def _verdict(name: str, ext: str, data: bytes) -> tuple[str, str] | None:
    expected = FORMATS[ext]
    redo = "chụp hoặc xuất lại ảnh rồi chép lại tệp (tệp có thể đã hỏng khi tải về hoặc chép)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height) = image.format, image.size
                frames = _frames(image) if found == expected else 1
        except Image.DecompressionBombError as exc:  # past Pillow's own limit: only the count is known
            pixels = re.search(r"\((\d+) pixels\)", str(exc))
            return _too_big(name, None, int(pixels[1]) if pixels else 0)
        except ValueError as exc:
            if "Decompressed data too large" in str(exc):  # Pillow's bound on a PNG's zlib chunks
                return _swollen_chunk(name)
            return f"`{name}` không phải ảnh đọc được (nội dung không phải ảnh {expected})", redo
        except (UnidentifiedImageError, OSError, SyntaxError):
            return f"`{name}` không phải ảnh đọc được (nội dung không phải ảnh {expected})", redo
        if found != expected:
            right = _EXT_OF.get(found)
            fix = f"đổi đuôi tệp thành `{right}`" if right else "lưu lại ảnh dạng JPG hoặc PNG"
            return f"`{name}` có đuôi {ext} nhưng nội dung là ảnh {found}", fix
        if width * height > MAX_PIXELS:
            return _too_big(name, (width, height))
        if frames * width * height > MAX_PIXELS:
            return _too_many_frames(name, (width, height), frames)
        if expected == "JPEG" and (scans := jpeg_scans(data, MAX_SCANS)) > MAX_SCANS:
            return _too_many_scans(name, scans)
        try:
            _decode(data, expected)
        except Exception:  # noqa: BLE001 - any decoder failure means a broken file, and is reported
            return f"ảnh `{name}` bị hỏng hoặc không trọn vẹn (tệp bị cắt cụt)", redo
    return None


def _swollen_chunk(name: str) -> tuple[str, str]:
    """A PNG whose colour profile (iCCP) or text chunk unpacks to more than Pillow's bound (1 MB):
    a bomb of a few KB, or a file no editor made on purpose. Pillow will not open it, so neither
    the resizer nor a reader's browser would show it as meant: an error, with what it is."""
    return (f"ảnh `{name}` chứa một khối dữ liệu kèm theo (hồ sơ màu ICC hay chữ) giải nén ra hơn 1 MB, "
            "quá lớn để đọc an toàn",
            "mở ảnh trong trình sửa ảnh rồi lưu thành tệp PNG mới (hoặc xuất ra JPG), rồi chép đè tệp cũ")


def _frames(image: Image.Image) -> int:
    """Frames of an animated image (GIF, APNG, animated WebP), each of the canvas size.
    Counted without decoding pixels: PNG reads acTL, WebP its demuxer, GIF walks the frame
    headers and skips their data (linear in a file already capped at IMAGE_READ_MAX)."""
    if not getattr(image, "is_animated", False):
        return 1
    try:
        return max(1, int(image.n_frames))
    except Exception:  # noqa: BLE001 - a frame list that cannot be walked is a broken file
        raise OSError("frames unreadable") from None


def _too_many_frames(name: str, size: tuple[int, int], frames: int) -> tuple[str, str]:
    """Review 2, finding 12: the limit is per image, not per frame (21 frames of 6000×6000 is
    756 megapixels to decode for a browser showing the animation)."""
    total = frames * size[0] * size[1]
    return (f"ảnh động `{name}` quá lớn: {frames} khung hình × {size[0]}×{size[1]} điểm ảnh "
            f"({total / 1e6:.0f} megapixel), giới hạn {MAX_PIXELS // 1_000_000} megapixel cho cả ảnh",
            "bớt khung hình hoặc thu nhỏ ảnh (chiều ngang vài trăm điểm ảnh là đủ cho ảnh động); "
            "đoạn phim dài thì đăng dạng video MP4")


# After a scan's header, its entropy-coded data runs to the next marker: a 0xFF (and any fill
# 0xFF) followed by a byte other than 0x00 (a stuffed 0xFF) and RST0-7 (restart markers).
_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


def jpeg_scans(data: bytes, limit: int) -> int:
    """How many scans (SOS segments) a JPEG holds, counted to limit + 1 at most.

    Each scan is decoded over the whole picture, even at 1/8 scale: a valid 1.4 MB JPEG of
    36 megapixels with one 23-byte scan repeated 50,000 times took three minutes of a build
    (hostile review, session 53), and 20 MB would take most of a CI job's hour; neither the
    pixel count nor libjpeg bounds it. The segments are walked by their lengths, so a 0xFFDA
    inside an EXIF thumbnail or a video after the end marker (phones' motion photos) is not
    counted. A structure that cannot be walked stops the count: the decoder judges it."""
    pos, scans, end = 2, 0, len(data)
    while pos + 4 <= end and scans <= limit:
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            pos += 2
            continue
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0xDA:
            scans += 1
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                break
            pos = found.end() - 2
    return scans


def _too_many_scans(name: str, scans: int) -> tuple[str, str]:
    return (f"ảnh JPEG `{name}` được lưu thành hơn {MAX_SCANS} lớp (scan; ảnh JPEG thường có dưới 20): "
            "giải mã nó chậm tới vài phút mỗi lần dựng trang",
            "mở ảnh trong trình xem hoặc sửa ảnh rồi lưu lại thành tệp JPG mới (hoặc chụp lại), rồi chép đè tệp cũ")


def _decode(data: bytes, fmt: str) -> None:
    """Structure check, then every byte decoded: a file cut short raises here, a JPEG
    missing only its end marker too (Pillow: "image file is truncated"). Data after the end
    marker is allowed: phones append a video to "motion photos"."""
    with Image.open(io.BytesIO(data)) as image:
        image.verify()  # PNG: chunk checksums up to IEND
    with Image.open(io.BytesIO(data)) as image:
        if fmt == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()


def _too_big(name: str, size: tuple[int, int] | None, pixels: int = 0) -> tuple[str, str]:
    if size:
        shown = f"{size[0]}×{size[1]} điểm ảnh ({size[0] * size[1] / 1e6:.0f} megapixel)"
    else:
        shown = f"{pixels / 1e6:.0f} megapixel" if pixels else "quá nhiều điểm ảnh"
    return (f"ảnh `{name}` quá lớn: {shown}, giới hạn {MAX_PIXELS // 1_000_000} megapixel",
            "thu nhỏ ảnh (chiều ngang khoảng 1.600 điểm ảnh là đủ cho trang web) rồi lưu lại")
