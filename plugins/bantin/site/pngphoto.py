"""Whether a picture saved as PNG is a photo, served as JPEG (session 40, outsider trial F6).

Editors get photos as PNG: screenshots of a photo on a phone, pictures saved from Zalo or Word.
Kept as PNG, a 3,000-pixel photo's variants were 200 / 891 / 2,193 KB against 13 / 56 / 158 KB
as JPEG, and a phone at 3 device pixels per CSS pixel takes the widest. A diagram, a chart, a
logo or a screenshot of a form stays PNG: few colours, sharp edges that JPEG blurs, and often
smaller as PNG anyway. A picture with real transparency stays PNG too (JPEG has none).

The rule, measured on the editors' guide's screenshots, 60 screenshots of the site's pages,
the sample's drawings and photos (docs/decisions.md, session 40): the share of distinct colours
among at most SAMPLE_PIXELS pixels picked without blending (nearest neighbour, so no colour is
made up). Screenshots: at most 0.03 (1,850 colours in a 65,000-pixel sample); photos 0.17-1.0.

A screenshot of a portal page with a photo in it has the photo's colours too: at a quarter of
the picture, 0.25, and JPEG softened its text (review finding 8, session 41). Such a picture is
also *flat* (many neighbouring sample pixels alike: the page's background, panels, bars) and
*drawn* (sharp steps between colours that recur: letters, lines, borders); a photo is neither,
a photo between black bars (a phone's screenshot of a Zalo photo) or on a white card is flat
but not drawn. Measured (docs/decisions.md, session 41): screenshots with a photo of 10-50 % of
their area, flat 0.43-0.77 and drawn 0.05-0.22; the guide's screenshots 0.90-0.97 and
0.04-0.06; photos, a photo with a caption bar, in black bars or on a white card: flat at most
0.29 or drawn at most 0.010. A picture both flat and drawn stays PNG (lossless).
"""

from __future__ import annotations

import math

from PIL import Image, ImageChops

SAMPLE_PIXELS = 65_536  # 256 × 256: the count costs the same for a 20-megapixel scan
PHOTO_SHARE = 8  # a photo: at least one pixel in 8 of the sample has a colour of its own
FEW_COLOURS = 256  # at most this many: a drawing (images.py gives its variants a palette again)
TEXT_FLAT = 0.3  # at least this share of neighbouring sample pixels alike: a page, a form, a screen
TEXT_EDGES = 0.015  # and of steps between two recurring colours: letters and lines (photos: 0-0.010)
RECURRING = 4  # a colour met this often in the sample is one the picture was drawn with


def served_as_jpeg(image: Image.Image) -> bool:
    """True for an opaque photo: its variants are JPEG with WebP twins, as a JPEG's are.

    Greyscale (L, I;16), palette and colour-keyed pictures stay PNG: a greyscale PNG is
    nearly always a scan of a text page, which JPEG smears, and a palette holds at most 256
    colours."""
    return _opaque(image) and _photographic(image)


def _opaque(image: Image.Image) -> bool:
    """RGB without a transparent colour key, or RGBA whose alpha is 255 everywhere (what many
    programs write for any picture)."""
    if "transparency" in image.info:
        return False
    if image.mode == "RGB":
        return True
    return image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255)


def _photographic(image: Image.Image) -> bool:
    """Many distinct colours among a sample of pixels taken as they are (no blending), and not
    a page of text or a screen around them (`_drawn`)."""
    scale = min(1.0, math.sqrt(SAMPLE_PIXELS / (image.width * image.height)))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    sample = image.resize(size, Image.NEAREST).convert("RGB")
    pixels = size[0] * size[1]
    colours = sample.getcolors(pixels)  # never None: at most one colour a pixel
    if len(colours) <= FEW_COLOURS or len(colours) * PHOTO_SHARE < pixels:
        return False
    return not (_flat(sample) >= TEXT_FLAT and _drawn(sample, colours) >= TEXT_EDGES)


def _flat(sample: Image.Image) -> float:
    """Share of the sample's pixels whose right neighbour is the same colour (one pass in C)."""
    if sample.width < 2:
        return 0.0
    right, left = sample.crop((1, 0, sample.width, sample.height)), sample.crop((0, 0, sample.width - 1, sample.height))
    red, green, blue = ImageChops.difference(right, left).split()
    same = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()[0]
    return same / ((sample.width - 1) * sample.height)


def _drawn(sample: Image.Image, colours: list) -> float:
    """Share of neighbouring pairs that step between two colours each met RECURRING times: the
    edges of letters, lines and panels. A photo's colours hardly recur (sensor noise), and a bar
    of one colour has no step. At most SAMPLE_PIXELS pairs, whatever the picture's size."""
    recurring = {bytes(colour) for count, colour in colours if count >= RECURRING}
    width, steps = sample.width, 0
    if width < 2 or not recurring:
        return 0.0
    data = sample.tobytes()  # RGB: three bytes a pixel
    pixels = [data[at:at + 3] for at in range(0, len(data), 3)]
    for start in range(0, len(pixels), width):
        row = pixels[start:start + width]
        steps += sum(1 for a, b in zip(row, row[1:]) if a != b and a in recurring and b in recurring)
    return steps / ((width - 1) * sample.height)
