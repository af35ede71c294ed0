"""The site's share picture, drawn with the agency's name (a reader's trial, session 28).

A page without a picture of its own (every question, listing, and article without `image`)
is shared on Zalo or Facebook with the site's picture. The theme's is neutral: a shared
question looked like anyone's. Unless the site names its own (`share_image`), the build
draws one at 1200 × 630: the owning body, the agency and the site's name on the colours of
the theme, the address in the band below. Pillow draws it with DejaVu Sans cut to the
letters Vietnamese needs (fonts/, its licence there); nothing is fetched. The name of the
file carries a digest of what is drawn, so a changed name gets a new address (previews
are cached by address for days) and two builds write the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont, ImageOps

SIZE = (1200, 630)
MARGIN = 80
BAND = 100  # the red band at the bottom, under a gold line
BLUE, GOLD, RED, WHITE, PALE = "#1b4276", "#e8b73c", "#ad1f26", "#ffffff", "#d7e0ee"
FONTS = Path(__file__).resolve().parents[1] / "fonts"
VERSION = "1"  # drawn otherwise: a new address, so previews do not keep the old picture
OUT = "assets/images/bantin-chia-se-{}.png"
TILE, PAD, GAP = 220, 18, 48  # the emblem's white tile, the space inside it, and before the names
EMBLEM_PIXELS = 1000 * 1000  # as config/emblem.py's limit: more is not drawn


@lru_cache(maxsize=8)
def card_path(owner: str, agency: str, site_name: str, site_url: str, emblem: bytes = b"") -> str:
    """The card's path in the site, or "" when there is no agency name to draw (the theme's
    neutral picture then). Kept: every page's og:image asks for it. A new emblem file is a
    new address (a card without one keeps the address it had before emblems were drawn)."""
    if not agency.strip():
        return ""
    drawn = [VERSION, *_texts(owner, agency, site_name, site_url)]
    if emblem:
        drawn.append(hashlib.sha256(emblem).hexdigest())
    return OUT.format(hashlib.sha256("\n".join(drawn).encode()).hexdigest()[:12])


NEUTRAL = Path(__file__).resolve().parents[1] / "theme" / "assets" / "images" / "bantin-chia-se.png"


def render_or_neutral(owner: str, agency: str, site_name: str, site_url: str, emblem: bytes = b"") -> bytes:
    """The card, or the theme's neutral picture where the fonts cannot be read (an install
    that lost its package data): the pages already name the card's address, which must
    not be missing."""
    try:
        return render(owner, agency, site_name, site_url, emblem)
    except OSError:
        return NEUTRAL.read_bytes()


@lru_cache(maxsize=4)
def render(owner: str, agency: str, site_name: str, site_url: str, emblem: bytes = b"") -> bytes:
    """The PNG: the emblem on a white tile at the left when there is one, owning body and
    agency in capitals, the site's name large (up to two lines, smaller if it needs), the
    host in the band. Kept: the live preview rebuilds on every save, and drawing takes some
    20 to 70 ms."""
    owner, agency, site_name, host = _texts(owner, agency, site_name, site_url)
    image = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(image)
    left = MARGIN
    tile = _emblem_tile(emblem)
    if tile is not None:
        image.paste(tile, (MARGIN, (SIZE[1] - BAND - 8 - TILE) // 2), tile)
        left += TILE + GAP
    width = SIZE[0] - MARGIN - left
    y = 96
    if owner:
        y = _lines(draw, [_fit(owner, _font(False, 30), width)], _font(False, 30), PALE, y, 42, left) + 14
    bold = _font(True, 44)
    y = _lines(draw, _wrap(agency, bold, width, 2), bold, GOLD, y, 56, left) + 30
    draw.rectangle((left, y, left + 120, y + 6), fill=GOLD)
    y += 40
    for size in (66, 58, 50, 44, 40):  # the largest that keeps the name within two lines
        big = _font(True, size)
        lines = _wrap(site_name, big, width, 2)  # each line fits; cut with "…" when it has to
        if " ".join(lines) == site_name:
            break
    _lines(draw, lines, big, WHITE, y, int(size * 1.22), left)
    top = SIZE[1] - BAND
    draw.rectangle((0, top - 8, SIZE[0], top), fill=GOLD)
    draw.rectangle((0, top, SIZE[0], SIZE[1]), fill=RED)
    if host:
        small = _font(False, 32)
        draw.text((MARGIN, top + BAND // 2), _fit(host, small, width), font=small, fill=WHITE, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)  # 45 KB in 20 ms; `optimize` saved 10 KB for 90 ms a build
    return out.getvalue()


def _texts(owner: str, agency: str, site_name: str, site_url: str) -> tuple[str, str, str, str]:
    """One line each, capitals where the masthead has them; the host without `www.`. NFC:
    mkdocs.yml is read as typed, and a name pasted in NFD (from a PDF, a Mac) got another
    address and, where Pillow has no raqm (Windows without FriBiDi), marks drawn into the
    capitals («NHÂN», «SÔNG»)."""
    def line(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").split())
    host = (urlsplit(site_url or "").hostname or "").removeprefix("www.")
    return line(owner).upper(), line(agency).upper(), line(site_name) or line(agency), host


@lru_cache(maxsize=None)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold-vi.ttf" if bold else "DejaVuSans-vi.ttf")), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, most: int) -> list[str]:
    """Words on lines of at most `width` pixels; what does not fit in `most` lines is cut with "…"."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most - 1] + [" ".join(lines[most - 1:])]
    if len(lines) == 2:  # two lines of like length, not a last word alone ("Sông / Lam")
        words = text.split()
        splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
        fitting = [pair for pair in splits if max(font.getlength(part) for part in pair) <= width]
        if fitting:
            lines = list(min(fitting, key=lambda pair: max(font.getlength(part) for part in pair)))
    return [_fit(line, font, width) for line in lines]


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text`, cut with "…" where it is wider than `width`."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _lines(draw: ImageDraw.ImageDraw, lines: list[str], font, fill: str, y: int, step: int, x: int = MARGIN) -> int:
    """Draws `lines` from `y` down, from `x`; returns the y under the last."""
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += step
    return y


def _emblem_tile(emblem: bytes) -> Image.Image | None:
    """The emblem fitted on a white rounded tile (an emblem drawn for white paper, dark text
    on a clear background, would vanish on the blue), or None without one or when it does not
    open: config/emblem.py has checked it, and the card is then drawn as without one rather
    than fail a build over a picture the header shows anyway."""
    if not emblem:
        return None
    try:
        with Image.open(io.BytesIO(emblem)) as picture:
            if picture.width * picture.height > EMBLEM_PIXELS:
                return None
            picture.draft("RGB", (TILE, TILE))  # a large JPEG is decoded at a fraction of its size
            art = ImageOps.exif_transpose(picture).convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None
    art.thumbnail((TILE - 2 * PAD, TILE - 2 * PAD), Image.Resampling.LANCZOS)
    tile = Image.new("RGBA", (TILE, TILE), (0, 0, 0, 0))
    ImageDraw.Draw(tile).rounded_rectangle((0, 0, TILE - 1, TILE - 1), radius=24, fill=WHITE, outline=GOLD, width=4)
    tile.alpha_composite(art, ((TILE - art.width) // 2, (TILE - art.height) // 2))
    return tile
