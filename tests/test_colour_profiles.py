"""A picture's colour profile (ICC): variants in sRGB, untagged (files/colourprofile.py, session 42).

An iPhone photo is in Display P3: its variants were written without the profile, so browsers read
its numbers as sRGB and it came out dull. The profiles here are built byte by byte (a matrix/TRC
ICC v2 profile with Display P3's primaries, as Apple's own), and the expected sRGB numbers are
computed here with the matrices, not by LittleCMS, which the code under test uses.
"""

from __future__ import annotations

import io
import struct
import time

from PIL import Image
from sitekit import article
from test_site_build import SETTINGS, inputs

from bantin.files import colourprofile
from bantin.files.imagecheck import verify_image
from bantin.problems import Problems
from bantin.site import build as site_build
from bantin.site.images import Resizer
from bantin.site.urls import UrlScheme

GAMMA = 563 / 256  # u8Fixed8 of 2.2, as the profile stores it
P3 = ((0.5151, 0.2412, -0.0011), (0.2919, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841))  # D50-adapted r, g, b XYZ
SRGB = ((0.4360747, 0.2225045, 0.0139322), (0.3850649, 0.7168786, 0.0971045), (0.1430804, 0.0606169, 0.7141733))
COLOURS = ((200, 100, 50), (60, 170, 90), (30, 90, 230))  # skin, grass, sky: P3 → sRGB moves each by 10-30


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def icc_profile(name: str = "Display P3", primaries=P3, space: bytes = b"RGB ") -> bytes:
    """An ICC v2 display profile: desc, wtpt, r/g/bXYZ, r/g/bTRC (gamma 2.2), cprt."""
    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)
    text = name.encode("ascii") + b"\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0" * 70
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(GAMMA * 256)) + b"\0\0"
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(*primaries[0])),
            (b"gXYZ", xyz(*primaries[1])), (b"bXYZ", xyz(*primaries[2])), (b"rTRC", curve), (b"gTRC", curve),
            (b"bTRC", curve), (b"cprt", b"text\0\0\0\0none\0")]
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        data += b"\0" * (-(start + len(data)) % 4)
        table += signature + struct.pack(">II", start + len(data), len(body))
        data += body
    header = (struct.pack(">I", start + len(data)) + b"\0" * 4 + bytes((2, 0x10, 0, 0)) + b"mntr" + space
              + b"XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28 + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + data


def expected_srgb(rgb: tuple[int, int, int]) -> tuple[int, ...]:
    """P3 numbers (gamma 2.2) → XYZ D50 → sRGB, by the matrices: what a colour-managed browser shows."""
    linear = [(v / 255) ** GAMMA for v in rgb]
    xyz = [sum(P3[c][i] * linear[c] for c in range(3)) for i in range(3)]
    m = [[SRGB[c][i] for c in range(3)] for i in range(3)]  # rows: X, Y, Z of r, g, b
    det = (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
           + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))
    inverse = [[(m[(j + 1) % 3][(i + 1) % 3] * m[(j + 2) % 3][(i + 2) % 3]
                 - m[(j + 1) % 3][(i + 2) % 3] * m[(j + 2) % 3][(i + 1) % 3]) / det for j in range(3)] for i in range(3)]
    out = []
    for row in inverse:
        v = min(1.0, max(0.0, sum(row[k] * xyz[k] for k in range(3))))
        out.append(round(255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)))
    return tuple(out)


def patches(size=(1600, 1000), mode="RGB") -> Image.Image:
    """Three flat bands of COLOURS: a lossy encoder keeps a flat colour within a few steps."""
    image = Image.new("RGB", size)
    for i, colour in enumerate(COLOURS):
        image.paste(colour, (i * size[0] // 3, 0, (i + 1) * size[0] // 3, size[1]))
    return image.convert(mode) if mode != "RGB" else image


def encoded(image: Image.Image, fmt: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()


def centres(path, width: int) -> list[tuple[int, ...]]:
    with Image.open(path) as image:
        assert "icc_profile" not in image.info or not image.info["icc_profile"], path  # untagged: sRGB
        rgb = image.convert("RGB")
        return [rgb.getpixel(((2 * i + 1) * width // 6, rgb.height // 2)) for i in range(3)]


def close(found, wanted, within: int) -> bool:
    return all(abs(a - b) <= within for a, b in zip(found, wanted))


def test_a_display_p3_photo_and_screenshot_get_srgb_variants_without_a_profile(tmp_path):
    files = {"a.jpg": encoded(patches(), "JPEG", icc_profile()),
             "b.png": encoded(patches((1300, 800)), "PNG", icc_profile())}  # three colours: a screenshot, PNG
    resizer = Resizer(files.get, tmp_path, (480, 960, 1440))
    for rel in files:
        for variant in resizer.get(rel).variants:
            for name, within in ((variant.rel, 3), (variant.webp, 6)):  # WebP's YUV rounds a little more
                for found, colour in zip(centres(tmp_path / name, variant.width), COLOURS):
                    assert close(found, expected_srgb(colour), within), (name, found, expected_srgb(colour), colour)
                    assert not close(found, colour, 8), name  # as the P3 numbers were: what readers saw
    assert resizer.get("b.png").largest.rel.endswith(".png")  # still a screenshot, kept lossless
    thumb = resizer.thumbnail("a.jpg")
    assert close(centres(tmp_path / thumb.rel, thumb.width)[1], expected_srgb(COLOURS[1]), 4)


def test_an_srgb_photo_keeps_its_numbers_and_an_untagged_one_is_as_before(tmp_path):
    """A PNG's variants kept their file's profile and its WebP twins did not (session 41): now none does."""
    files = {"srgb.jpg": encoded(patches(), "JPEG", icc_profile("sRGB IEC61966-2.1", SRGB)),
             "srgb.png": encoded(patches((1300, 800)), "PNG", icc_profile("sRGB IEC61966-2.1", SRGB)),
             "plain.jpg": encoded(patches(), "JPEG", None)}
    resizer = Resizer(files.get, tmp_path, (480, 960))
    for rel in files:
        variant = resizer.get(rel).largest
        for found, colour in zip(centres(tmp_path / variant.rel, variant.width), COLOURS):
            assert close(found, colour, 3), (rel, found, colour)


BAD = {
    "hong.jpg": icc_profile()[:200],  # cut short: its tags point past its end
    "rac.jpg": b"\x00\x00\x02\x00" + bytes(range(256)) * 2,  # no ICC at all
    "cmyk.jpg": icc_profile(space=b"CMYK"),  # a printer's profile on an RGB photo
    "to.jpg": icc_profile() + b"\0" * (2 << 20),  # 2 MB: over the limit, never parsed
}


def test_a_broken_or_huge_profile_is_ignored_and_named_in_vietnamese(tmp_path):
    files = {rel: encoded(patches((900, 600)), "JPEG", icc) for rel, icc in BAD.items()}
    started = time.process_time()
    resizer = Resizer(files.get, tmp_path, (480, 960))
    for rel in files:  # made as before: the numbers read as sRGB
        variant = resizer.get(rel).largest
        for found, colour in zip(centres(tmp_path / variant.rel, variant.width), COLOURS):
            assert close(found, colour, 3), (rel, found, colour)
        what, fix = colourprofile.problem(f"images/{rel}", files[rel])
        assert f"`images/{rel}`" in what and "hồ sơ màu (ICC)" in what and "sRGB" in fix, what
    assert time.process_time() - started < 5  # no hang on any of them (about 0.3 s)
    assert "2048 KB, quá giới hạn 1024 KB" in colourprofile.problem("to.jpg", files["to.jpg"])[0]
    assert "dành cho ảnh CMYK nhưng ảnh là ảnh RGB" in colourprofile.problem("c.jpg", files["cmyk.jpg"])[0]
    assert colourprofile.problem("p3.jpg", encoded(patches(), "JPEG", icc_profile())) is None
    assert colourprofile.problem("gif.gif", encoded(patches(), "GIF", None)) is None


def test_the_check_warns_on_the_line_that_shows_a_picture_with_a_broken_profile(tmp_path):
    body = "Đoạn mở đầu.\n\n![Hội nghị](../images/hong.jpg)\n\n![Hội nghị](../images/p3.jpg)\n"
    files = {"tin-tuc/a.md": article("Bài A", body=body),
             "images/hong.jpg": encoded(patches((600, 400)), "JPEG", BAD["hong.jpg"]),
             "images/p3.jpg": encoded(patches((600, 400)), "JPEG", icc_profile())}
    site = site_build.site_config(SETTINGS, Problems())
    found = site_build.read_site(inputs(tmp_path, files), site, UrlScheme(site.prefixes), include_drafts=False)
    assert found.problems.errors == []
    warned = [p for p in found.problems.warnings if "hồ sơ màu" in p.message]
    assert len(warned) == 1, found.problems.warnings
    assert warned[0].path == "tin-tuc/a.md" and "images/hong.jpg" in warned[0].message
    text = (tmp_path / "content/tin-tuc/a.md").read_text(encoding="utf-8").splitlines()
    assert "hong.jpg" in text[warned[0].line - 1]


def test_a_png_whose_profile_unpacks_past_a_megabyte_is_named_for_what_it_is():
    """3 KB on disk, 2 MB of profile once unpacked: Pillow will not open it. It was "not a PNG"."""
    data = encoded(patches((300, 200)), "PNG", icc_profile() + b"\0" * (2 << 20))
    assert len(data) < 10_000
    what, fix = verify_image("images/bom.png", data)
    assert "`images/bom.png`" in what and "hồ sơ màu ICC" in what and "hơn 1 MB" in what, what
    assert "lưu thành tệp PNG mới" in fix
