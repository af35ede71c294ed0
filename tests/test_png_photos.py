"""A photo saved as PNG is served as JPEG with WebP twins; drawings, screenshots and pictures
with transparency stay PNG (session 40, outsider trial F6: a 3,000-pixel photo as PNG was
served to phones as 200 / 891 / 2,193 KB PNG variants)."""

from __future__ import annotations

import io
import re
import time

from PIL import Image, ImageDraw, ImageFilter

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
            assert v.rel.endswith(".png") and v.webp == "", (rel, v)
            with Image.open(tmp_path / v.rel) as made:
                assert made.format == "PNG"
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
