"""Images verified by content and size in pixels, before anything decodes them (issue 12)."""

from __future__ import annotations

import io
import struct
import time
import zlib

from PIL import Image

from bantin.files import imagecheck
from bantin.files.imagecheck import verify_image


def encoded(fmt: str, size=(64, 48), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 1).save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG claiming width×height pixels with almost no data: what a decompression bomb looks like."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")


def test_sound_images_pass():
    assert verify_image("images/a.jpg", encoded("JPEG")) is None
    assert verify_image("images/a.JPEG", encoded("JPEG")) is None
    assert verify_image("images/a.png", encoded("PNG")) is None
    assert verify_image("images/a.gif", encoded("GIF", mode="P")) is None
    assert verify_image("images/a.webp", encoded("WEBP")) is None


def test_data_after_the_jpeg_end_marker_is_allowed():
    # Phones append a short video to "motion photos" after the image's end marker.
    assert verify_image("images/motion.jpg", encoded("JPEG") + b"\0\0ftypmp42" + bytes(4096)) is None


def test_not_images():
    for name, data in [("tin-tuc/bai.md", b"---\ntitle: x\n---\n"), ("tai-lieu/k.pdf", b"%PDF-1.4\n%...")]:
        message, fix = verify_image(name, data)
        assert "không phải tệp ảnh" in message and "JPG" in fix
    message, fix = verify_image("images/rac.jpg", bytes(range(256)) * 40)
    assert "không phải ảnh đọc được" in message
    message, _ = verify_image("images/pdf.png", b"%PDF-1.4\n" + bytes(1000))
    assert "không phải ảnh đọc được" in message


def test_wrong_extension_for_the_content():
    message, fix = verify_image("images/a.jpg", encoded("PNG"))
    assert "nội dung là ảnh PNG" in message and "`.png`" in fix


def test_truncated_images():
    jpeg = encoded("JPEG", (640, 480))
    for cut in (len(jpeg) - 2, len(jpeg) // 2):  # without its end marker; half a file
        message, _ = verify_image("images/cut.jpg", jpeg[:cut])
        assert "không trọn vẹn" in message
    png = encoded("PNG", (640, 480))
    message, _ = verify_image("images/cut.png", png[: len(png) - 20])
    assert "không trọn vẹn" in message


def test_decompression_bomb_refused_before_decoding():
    started = time.process_time()
    message, fix = verify_image("images/bom.png", png_header_only(20000, 20000))  # past Pillow's own limit
    assert "quá lớn: 400 megapixel" in message and "40 megapixel" in message and "thu nhỏ" in fix
    message, _ = verify_image("images/lon.png", png_header_only(8000, 6000))  # ours: 40 MP
    assert "8000×6000 điểm ảnh (48 megapixel)" in message
    assert time.process_time() - started < 1


def test_verdicts_cached_by_content():
    imagecheck._cache.clear()
    data = encoded("JPEG")
    assert verify_image("a/x.jpg", data) is None and verify_image("b/y.jpg", data) is None
    assert len(imagecheck._cache) == 1
    assert verify_image("a/x.jpg", data[:-2]) is not None  # another content, another verdict
