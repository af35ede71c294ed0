"""A photo saved as PNG is served as JPEG with WebP twins; drawings, screenshots and pictures
with transparency stay PNG (session 40, outsider trial F6: a 3,000-pixel photo as PNG was
served to phones as 200 / 891 / 2,193 KB PNG variants)."""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import bantin

from bantin.site.images import Resizer, rewrite_images
from bantin.site.pngphoto import served_as_jpeg


def photo(width: int = 1600, height: int = 1000) -> Image.Image:
    """A camera's picture, as far as the rule sees one: smooth light and colour, and sensor noise."""
    noise = Image.effect_noise((width, height), 24)
    light = Image.linear_gradient("L").resize((width, height))
    red = Image.blend(light, noise, 0.35)
    green = Image.blend(light.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise.rotate(180), 0.35)
    blue = Image.blend(light.transpose(Image.Transpose.FLIP_TOP_BOTTOM), noise.filter(ImageFilter.BoxBlur(2)), 0.5)
    return Image.merge("RGB", (red, green, blue))


def screenshot(width: int = 1280, height: int = 800) -> Image.Image:
    """A form on screen: flat panels, a few colours, anti-aliased words and a small photo."""
    shot = Image.new("RGB", (width, height), (245, 246, 248))
    draw = ImageDraw.Draw(shot)
    draw.rectangle((0, 0, width, 56), fill=(33, 150, 83))
    for row in range(12):
        top = 80 + row * 56
        draw.rounded_rectangle((40, top, width - 40, top + 44), 6, fill="white", outline=(200, 204, 210))
        draw.text((56, top + 14), f"Tiêu đề bài viết số {row} — hòa giải ở cơ sở", fill=(20, 20, 20))
    shot.paste(photo(160, 100), (width - 220, 90))
    return shot


def png(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **options)
    return out.getvalue()


def test_an_opaque_photo_saved_as_png_gets_jpeg_variants_with_webp_twins(tmp_path):
    files = {"images/anh chup.png": png(photo(1000, 625)), "images/anh-rgba.png": png(photo(1000, 625).convert("RGBA"))}
    resizer = Resizer(files.get, tmp_path, (240, 480, 960))
    for rel in files:
        made = resizer.get(rel).variants
        assert [v.width for v in made] == [240, 480, 960]
        for v in made:
            # The name carries the photo's hash and width, as a JPEG's does: a .png of other bytes
            # named alike has another hash, so no two pictures share a name.
            assert re.fullmatch(r"assets/img/anh-(chup|rgba)-[0-9a-f]{10}-\d+\.jpg", v.rel), v.rel
            assert v.webp == v.rel[:-len(".jpg")] + ".webp"
            with Image.open(tmp_path / v.rel) as jpeg, Image.open(tmp_path / v.webp) as webp:
                assert (jpeg.format, jpeg.mode, webp.format) == ("JPEG", "RGB", "WEBP")
                assert jpeg.size == (v.width, v.height)
        # The reader's phone takes the widest: a fifth of what the PNG variant weighed here.
        widest = made[-1]
        as_png = len(png(Image.open(io.BytesIO(files[rel])).resize((960, 600), Image.LANCZOS), optimize=True))
        assert (tmp_path / widest.rel).stat().st_size * 5 < as_png
    html = rewrite_images('<article><img src="x.png" alt="a"></article>', lambda src: "images/anh chup.png",
                          resizer, lambda rel: "../" + rel)
    assert '<picture><source type="image/webp" srcset="../assets/img/anh-chup-' in html
    assert re.search(r'<img src="\.\./assets/img/anh-chup-[0-9a-f]{10}-960\.jpg"', html)


def test_drawings_screenshots_and_transparent_pictures_stay_png(tmp_path):
    see_through = photo(600, 400).convert("RGBA")
    see_through.putpixel((3, 3), (0, 0, 0, 0))  # one transparent pixel is real transparency
    keyed = photo(600, 400)
    drawing = Image.new("RGB", (900, 560), "white")
    for i in range(40):
        drawing.paste((i * 6, 90, 200 - i * 4), (i * 20, i * 12, i * 20 + 60, i * 12 + 40))
    files = {"trong.png": png(see_through), "khoa-mau.png": png(keyed, transparency=(0, 0, 0)),
             "man-hinh.png": png(screenshot()), "ve.png": png(drawing),
             "xam.png": png(photo(600, 400).convert("L")),  # greyscale: nearly always a scanned page of text
             "bang-mau.png": png(photo(600, 400).convert("P"))}
    resizer = Resizer(files.get, tmp_path, (240, 480))
    for rel in files:
        for v in resizer.get(rel).variants:
            # Its twin is lossless WebP (session 41): the same pixels, the PNG's palette included.
            assert v.rel.endswith(".png") and v.webp == v.rel[:-len(".png")] + ".webp", (rel, v)
            with Image.open(tmp_path / v.rel) as made, Image.open(tmp_path / v.webp) as twin:
                assert made.format == "PNG" and twin.format == "WEBP" and twin.size == made.size
                if rel == "trong.png":  # what lies under a transparent pixel is not kept
                    assert twin.getchannel("A").tobytes() == made.convert("RGBA").getchannel("A").tobytes()
                else:
                    assert twin.convert("RGB").tobytes() == made.convert("RGB").tobytes(), rel
    with Image.open(tmp_path / resizer.get("trong.png").variants[-1].rel) as kept:
        assert kept.mode == "RGBA"


def test_the_rule_on_pictures_of_each_kind():
    assert served_as_jpeg(photo(3000, 2000)) and served_as_jpeg(photo(300, 200))
    assert not served_as_jpeg(screenshot()) and not served_as_jpeg(screenshot(390, 844))
    assert not served_as_jpeg(photo(12, 10))  # a handful of pixels: too few to be a photo's colours
    assert not served_as_jpeg(Image.new("RGB", (4000, 3000), "white"))


def test_the_rule_costs_the_same_for_a_huge_picture():
    """A sample of at most 65,536 pixels: a 20-megapixel scan is not counted pixel by pixel."""
    small, big = photo(300, 200), photo(3000, 2000)

    def cost(image, repeat=5):
        start = time.process_time()
        for _ in range(repeat):
            served_as_jpeg(image)
        return time.process_time() - start

    cost(small, 1)
    assert cost(big) < 20 * cost(small) + 0.5  # 100 times the pixels; the sample is the same size


FONT = Path(bantin.__file__).parent / "fonts" / "DejaVuSans-vi.ttf"
WORDS = ("Sở Tư pháp tổ chức tập huấn nghiệp vụ hòa giải ở cơ sở cho hòa giải viên các xã năm 2024 căn cứ "
         "Luật Hòa giải ở cơ sở và Nghị định 15/2014/NĐ-CP quy định chi tiết thi hành").split()


def portal_page(share: float, width: int = 1366, height: int = 900) -> Image.Image:
    """A portal's article on screen (a red banner, a menu, lines of 15-pixel text in two
    columns) with a photo taking `share` of its area, top left, the text around it."""
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, width, 80), fill=(170, 20, 25))
    draw.rectangle((0, 80, width, 120), fill=(20, 70, 150))
    text = ImageFont.truetype(str(FONT), 15)
    for row in range(150, height - 20, 24):
        words = " ".join(WORDS[row % 7:] + WORDS[:row % 7])
        draw.text((30, row), words[:90], font=text, fill=(30, 30, 30))
        draw.text((width - 330, row), words[:36], font=text, fill=(60, 60, 60))
    if share:
        photo_height = min(height - 150, round((share * width * height / 1.5) ** 0.5))
        photo_width = round(share * width * height / photo_height)
        page.paste(photo(photo_width, photo_height), (20, 140 if photo_height <= height - 150 else 0))
    return page


def photo_between_bars(width: int = 1080, height: int = 2340) -> Image.Image:
    """A phone's screenshot of a photo opened in Zalo: black above and below, a line of words."""
    shot = Image.new("RGB", (width, height), "black")
    shot.paste(photo(width, width * 2 // 3), (0, (height - width * 2 // 3) // 2))
    ImageDraw.Draw(shot).text((40, height - 200), "Ảnh hội nghị sáng nay ở xã", font=ImageFont.truetype(str(FONT), 34),
                              fill="white")
    return shot


def captioned(width: int = 1600, height: int = 1066) -> Image.Image:
    """A photo with a caption burnt into a dark bar, as news sites and Zalo groups pass them on."""
    picture = photo(width, height)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, height - 120, width, height), fill=(20, 20, 20))
    draw.text((30, height - 95), "Hội nghị tập huấn hòa giải ở cơ sở, ngày 12/4/2024",
              font=ImageFont.truetype(str(FONT), 36), fill="white")
    return picture


def on_white_card(width: int = 1600, height: int = 1066, border: int = 120) -> Image.Image:
    card = Image.new("RGB", (width + 2 * border, height + 2 * border), "white")
    card.paste(photo(width, height), (border, border))
    return card


@pytest.mark.parametrize("share", [0.10, 0.25, 0.50])
def test_a_page_on_screen_with_a_photo_in_it_stays_png(share):
    """Review finding 8: a portal's page with a photo over a quarter of it was served as JPEG,
    and its text went soft. Text on a page stays lossless up to a photo of half the picture."""
    assert not served_as_jpeg(portal_page(share))
    assert not served_as_jpeg(portal_page(share, 1080, 2340))  # the same page on a phone


def test_photos_with_words_bars_or_a_border_are_still_photos():
    """What the text rule must not take for a page: a photo nearly filling a screenshot, a caption
    bar, a phone's black bars around a photo, a photo on a white card."""
    for picture in (portal_page(0.8), captioned(), photo_between_bars(), on_white_card(), photo(2000, 1333)):
        assert served_as_jpeg(picture), picture.size


def test_a_page_on_screen_is_served_as_lossless_webp_lighter_than_its_png(tmp_path):
    """Review, session 41: a heavy PNG that stays PNG (a screenshot of a page) was sent as PNG
    alone, its resized copies heavier than the original (anti-aliased text resized: more colours).
    Browsers that read WebP now take a lossless twin, every pixel the same."""
    files = {"trang.png": png(portal_page(0.25)), "man-hinh.png": png(screenshot())}
    resizer = Resizer(files.get, tmp_path, (480, 960))
    for rel in files:
        for v in resizer.get(rel).variants:
            as_png, as_webp = (tmp_path / v.rel).stat().st_size, (tmp_path / v.webp).stat().st_size
            assert as_webp * 1.15 < as_png, (v, as_png, as_webp)
    html = rewrite_images('<img src="t.png" alt="a">', lambda src: "trang.png", resizer, lambda rel: rel)
    assert html.startswith('<picture><source type="image/webp" srcset="assets/img/trang-')
    assert re.search(r'<img src="assets/img/trang-[0-9a-f]{10}-960\.png"', html)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def hand_made_png(width: int, height: int, rows, depth: int = 8, colour: int = 2, extra: bytes = b"") -> bytes:
    """A PNG written chunk by chunk; `rows` (each with its filter byte) compressed as they come,
    so a bomb's pixels are never held at once."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    packer = zlib.compressobj(1)
    data = b"".join(packer.compress(row) for row in rows) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + extra + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def test_hostile_pngs_end_fast_and_their_originals_stay(tmp_path):
    """A PNG bomb (9,000 × 9,000 of zeros: 236 KB) is never decoded by the resizer (the image
    check refuses it with the file's name; here the resizer is asked directly): 2.6 s of CPU and
    243 MB before. A PNG cut short has no variants. A 16-bit colour PNG with a gamma chunk is
    resized like any other."""
    side = 9000
    row = bytes(side * 3 + 1)
    bomb = hand_made_png(side, side, (row for _ in range(side)))
    gradient = [b"\0" + b"".join(struct.pack(">HHH", x * 200, y * 300, 30000) for x in range(300)) for y in range(200)]
    files = {"bom.png": bomb, "cut.png": png(photo(600, 400))[:20_000],
             "sau-muoi-sau-bit.png": hand_made_png(300, 200, gradient, depth=16, extra=_chunk(b"gAMA", struct.pack(">I", 45455)))}
    resizer = Resizer(files.get, tmp_path, (240, 480))
    started = time.process_time()
    assert resizer.get("bom.png") is None and resizer.thumbnail("bom.png") is None
    assert time.process_time() - started < 1.0
    assert resizer.get("cut.png") is None
    made = resizer.get("sau-muoi-sau-bit.png").variants
    assert [v.width for v in made] == [240, 300] and all((tmp_path / v.webp).is_file() for v in made)
