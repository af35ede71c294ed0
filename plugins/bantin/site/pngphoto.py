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
"""

from __future__ import annotations

import math

from PIL import Image

SAMPLE_PIXELS = 65_536  # 256 × 256: the count costs the same for a 20-megapixel scan
PHOTO_SHARE = 8  # a photo: at least one pixel in 8 of the sample has a colour of its own
FEW_COLOURS = 256  # at most this many: a drawing (images.py gives its variants a palette again)


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
    """Many distinct colours among a sample of pixels taken as they are (no blending)."""
    scale = min(1.0, math.sqrt(SAMPLE_PIXELS / (image.width * image.height)))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    sample = image.resize(size, Image.NEAREST).convert("RGB")
    pixels = size[0] * size[1]
    colours = sample.getcolors(pixels)  # never None: at most one colour a pixel
    return len(colours) > FEW_COLOURS and len(colours) * PHOTO_SHARE >= pixels
