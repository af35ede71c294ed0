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


def _segments(jpeg: bytes) -> list[tuple[int, bytes]]:
    """A JPEG cut into its segments (a scan with its entropy-coded data), up to its end marker."""
    pos, found = 2, []
    while jpeg[pos + 1] != 0xD9:
        marker = jpeg[pos + 1]
        end = pos + 2 + struct.unpack(">H", jpeg[pos + 2:pos + 4])[0]
        if marker == 0xDA:
            while jpeg[end] != 0xFF or jpeg[end + 1] == 0 or 0xD0 <= jpeg[end + 1] <= 0xD7:
                end += 1
        found.append((marker, jpeg[pos:end]))
        pos = end
    return found


def many_scans(repeats: int, side: int = 1200) -> bytes:
    """A valid progressive JPEG with one of its own small AC scans repeated: every decoder reads
    it, and each scan costs a pass over the whole picture (hostile review, session 53)."""
    out = io.BytesIO()
    Image.new("RGB", (side, side), (120, 130, 140)).save(out, "JPEG", progressive=True)
    jpeg = out.getvalue()
    segments = _segments(jpeg)
    ac = min((data for marker, data in segments if marker == 0xDA and data[5 + 2 * data[4]] > 0), key=len)
    return jpeg[:2] + b"".join(data for _, data in segments) + ac * repeats + b"\xff\xd9"


def test_a_jpeg_of_very_many_scans_is_refused_before_it_is_decoded():
    """1.4 MB with 50,000 scans took three minutes of a build; the segments are counted first."""
    data = many_scans(20_000)
    with Image.open(io.BytesIO(data)) as image:  # a JPEG Pillow reads: only slow
        assert image.format == "JPEG"
    started = time.process_time()
    message, fix = verify_image("images/hop.jpg", data)
    assert time.process_time() - started < 1
    assert "hơn 100 lớp" in message and "`images/hop.jpg`" in message and "lưu lại" in fix
    assert imagecheck.jpeg_scans(many_scans(90), 100) == 100 and verify_image("images/a.jpg", many_scans(90)) is None


def test_scans_are_counted_by_segments_not_by_bytes_that_look_like_one():
    """A marker's bytes inside an EXIF thumbnail or in a motion photo's video after the end
    marker are no scans of the picture."""
    thumbnail = io.BytesIO()
    Image.new("RGB", (160, 120), (1, 2, 3)).save(thumbnail, "JPEG", progressive=True)
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    exif[0x9286] = (b"\xff\xda\x00\x08" * 300).decode("latin-1")  # a user comment made of scan markers
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (9, 9, 9)).save(out, "JPEG", exif=exif.tobytes())
    data = out.getvalue() + b"\0\0ftypmp42" + b"\xff\xda\x00\x08" * 5000
    assert imagecheck.jpeg_scans(data, 100) == 1 and verify_image("images/motion.jpg", data) is None
