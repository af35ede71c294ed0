"""Responsive images: phone photos resized at build time (issue 4, DESIGN §6).

Editors upload 3000-pixel photos straight from a phone; readers on metered connections
get a width that fits their screen (`srcset`), with width and height set so the page
does not jump, and `loading="lazy"` but for the first image of the page's article, which loads
at once. Output names carry a hash of the original, so a changed photo gets a new name and two
builds write identical bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import shutil
import stat
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Callable

from PIL import Image, ImageOps

from bantin.files.colourprofile import to_srgb
from bantin.files.imagecheck import MAX_PIXELS
from bantin.outputs.gate import MAX_SEGMENT_BYTES, Gate
from bantin.site.imagecache import ImageCache
from bantin.site.pngphoto import served_as_jpeg
from bantin.text.names import windows_reserved

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
OUT_DIR = "assets/img"
SIZES = "(max-width: 45em) 100vw, 45em"
# Listing thumbnails (issue 15): cropped to 3:2, shown at 150×100 CSS px in listings and up to
# about 300 px wide in the home page's grid; one small JPEG instead of a 480-pixel variant.
THUMB = (300, 200)
# WebP's own default (cwebp -q 75): 15-45 % fewer bytes than 80 on the sample photos, and the
# same picture at 100 % (docs/performance.md, "Under 100 KB"). The JPEGs stay at 80: only
# browsers without WebP fetch them.
WEBP_QUALITY = 75
# A PNG's twin is lossless WebP (every pixel kept: text stays sharp), at effort method 2 / 50:
# as small as the default 4 / 80 within 3 % on screenshots, in half its time, about what the PNG
# itself costs; 19-57 % fewer bytes than the PNG (docs/decisions.md, session 41).
WEBP_LOSSLESS = {"lossless": True, "method": 2, "quality": 50}
_ORIENTATION = 0x0112  # EXIF: 5-8 turn the picture a quarter, swapping width and height
# `[^<>]*` then `>`: from each '<img' the scan stops at the next '<' or '>' (linear; the
# old lazy `[^>]*?\s*/?>` rescanned to the end of the text from every '<img').
_IMG = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'(?<![a-zA-Z_:-])([a-zA-Z_:-]+)="([^"]*)"')  # a name tried from its start only
WHO = "ảnh thu nhỏ (assets/img/)"
# In a variant's name: what a file name cannot hold, and what an address cannot hold as it is
# (a space ends a srcset candidate, '#' and '?' end the path, '%' starts an escape, quotes and
# '&' need escaping in attributes): 'ảnh hội nghị.jpg' → 'ảnh-hội-nghị-<hash>-480.jpg'.
_UNSAFE_NAME = re.compile(r"[\\\x00-\x1f\x7f\s#?%\"'<>&]+")


@dataclass(frozen=True)
class Variant:
    rel: str  # site-root-relative path
    width: int
    height: int
    webp: str = ""  # its WebP twin (issue 15: a photo in WebP is less than half the JPEG's bytes)


@dataclass(frozen=True)
class Responsive:
    variants: tuple[Variant, ...]  # narrowest first

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


class Resizer:
    """Makes (once per build) the variants of each content image that pages use."""

    def __init__(self, read: Callable[[str], bytes | None], site_dir: Path | Gate, widths: tuple[int, ...],
                 previous: Path | None = None, cache: ImageCache | None = None):
        self.gate = site_dir if isinstance(site_dir, Gate) else Gate(site_dir)
        self.read, self.site_dir, self.widths = read, self.gate.root, tuple(sorted(widths))
        self.previous = previous  # `bantin serve`: the folder of its last good build (_from_previous)
        self.cache = cache  # BANTIN_IMAGE_CACHE: variants other builds encoded (site/imagecache.py)
        self.done: dict[str, Responsive | None] = {}
        self.thumbs: dict[str, Variant | None] = {}
        self.digests: dict[str, str] = {}  # content path → sha256 of its bytes, for variants and thumbnail alike

    def get(self, rel: str) -> Responsive | None:
        """Variants of content image `rel` (path relative to content/), or None to leave it be."""
        if rel not in self.done:
            self.done[rel] = self._make(rel)
        return self.done[rel]

    def thumbnail(self, rel: str) -> Variant | None:
        """The 3:2 thumbnail of content image `rel` for cards, or None (no readable JPEG/PNG).

        Made once per build; a later build finds the file by its hash-carrying name and
        reads only the image's header (size and orientation), never its pixels."""
        if rel not in self.thumbs:
            self.thumbs[rel] = self._thumbnail(rel)
        return self.thumbs[rel]

    def _source(self, rel: str) -> tuple[str, bytes] | None:
        """Pillow's format name and the bytes of content image `rel`, or None (not JPEG/PNG, missing)."""
        fmt = FORMATS.get(posixpath.splitext(rel)[1].lower())
        data = self.read(rel) if fmt else None
        return (fmt, data) if data else None

    def _thumbnail(self, rel: str) -> Variant | None:
        source = self._source(rel)
        if source is None:
            return None
        fmt, data = source
        try:
            with Image.open(io.BytesIO(data)) as opened:
                if _too_big(opened):
                    return None
                width, height = opened.size
                # JPEG only: a PNG's EXIF may follow its pixels, and Pillow decodes them to find it.
                if fmt == "JPEG" and opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
                    width, height = height, width
                size = _thumb_size(width, height)
                source_hash = self._digest(rel, data)
                name = f"{OUT_DIR}/{_stem(posixpath.splitext(posixpath.basename(rel))[0])}-" \
                       f"{source_hash[:10]}-{size[0]}x{size[1]}.jpg"
                target = self.gate.target(name, WHO)
                webp = name[:-len(".jpg")] + ".webp"  # its WebP twin, 40-60 % smaller (issue 15)
                webp_target = self.gate.target(webp, WHO)
                have_jpeg = self._reuse(name, target, source_hash)
                have_webp = self._reuse(webp, webp_target, source_hash)
                if not (have_jpeg and have_webp):
                    fitted = ImageOps.fit(ImageOps.exif_transpose(opened), size, Image.LANCZOS)
                    image = _flatten(to_srgb(fitted, opened.info.get("icc_profile")))
                    if not have_jpeg:
                        _save_jpeg(image, target, quality=75)
                        self._keep(name, target, source_hash)
                    if not have_webp:
                        _save(image, webp_target, "WEBP", {"quality": WEBP_QUALITY, "method": 4})
                        self._keep(webp, webp_target, source_hash)
        except (OSError, ValueError, Image.DecompressionBombError):
            return None  # not an image we can read: the card stays text
        return Variant(name, *size, webp)

    def _digest(self, rel: str, data: bytes) -> str:
        """Hashed once per build: a card's thumbnail and the article's variants read the same photo.
        Names carry its first 10 digits; a cache entry's key the whole hash."""
        if rel not in self.digests:
            self.digests[rel] = hashlib.sha256(data).hexdigest()
        return self.digests[rel]

    def _reuse(self, rel: str, target: Path, source_hash: str) -> bool:
        """Whether variant `rel` is in place without encoding: made already this build, copied
        from the preview's last build or from the cache folder."""
        self._from_previous(rel, target)
        if not target.exists() and self.cache is not None:
            self.cache.fetch(self.cache.key(source_hash, rel), target)
        return target.exists()

    def _keep(self, rel: str, target: Path, source_hash: str) -> None:
        """A variant just encoded, left in the cache folder for the next build."""
        if self.cache is not None:
            self.cache.store(self.cache.key(source_hash, rel), target)

    def _make(self, rel: str) -> Responsive | None:
        source = self._source(rel)
        if source is None:
            return None
        fmt, data = source
        digest = self._digest(rel, data)
        stem = posixpath.splitext(posixpath.basename(rel))[0]
        try:
            with Image.open(io.BytesIO(data)) as opened:
                if getattr(opened, "is_animated", False) or _too_big(opened):  # an APNG: its variants
                    return None  # would be its first frame
                found = self._made_already(opened, stem, digest) if fmt == "JPEG" else None
                if found is not None:
                    return found
                icc = opened.info.get("icc_profile")  # Display P3, Adobe RGB: files/colourprofile.py
                image = ImageOps.exif_transpose(opened)
                image.load()
        except (OSError, ValueError, Image.DecompressionBombError):
            return None  # not an image we can read: the original is served as it is
        if fmt == "PNG" and served_as_jpeg(image):  # a photo saved as PNG (outsider trial F6)
            fmt, image = "JPEG", image.convert("RGB")
        # A diagram or screenshot of at most 256 colours: its resized copies are given a palette
        # again (resizing blends new colours in, and the PNG grew 2-4 times: 8 KB → 31 KB).
        palette = fmt == "PNG" and image.mode in ("RGB", "L", "P") and image.getcolors(256) is not None
        return Responsive(tuple(self._write(image, stem, digest, w, fmt, palette, icc)
                                for w in self._widths(image.width)))

    def _widths(self, width: int) -> list[int]:
        """Each configured width below the original's, then the original's capped at the widest."""
        widths = [w for w in self.widths if w < width]
        return widths + ([] if widths and widths[-1] == self.widths[-1] else [min(width, self.widths[-1])])

    def _made_already(self, opened: Image.Image, stem: str, digest: str) -> Responsive | None:
        """A photo's variants when every file is in place without encoding (this build's, the
        preview's last build's, the cache's), read from the JPEG's header alone: its size and its
        EXIF turn (5-8 swap width and height, as exif_transpose does), never its pixels. Decoding
        a 3000-pixel photo was most of what a build with every variant cached still spent on it.
        None when one is missing: the photo is decoded and the missing ones made."""
        width, height = opened.size
        if opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
            width, height = height, width
        variants = []
        for w in self._widths(width):
            rel, webp = _variant_names(stem, digest, w, "JPEG")
            if not (self._reuse(rel, self.gate.target(rel, WHO), digest)
                    and self._reuse(webp, self.gate.target(webp, WHO), digest)):
                return None
            variants.append(Variant(rel, w, max(1, round(height * w / width)), webp))
        return Responsive(tuple(variants))

    def _write(self, image: Image.Image, stem: str, digest: str, width: int, fmt: str, palette: bool = False,
               icc: bytes | None = None) -> Variant:
        height = max(1, round(image.height * width / image.width))
        rel, webp = _variant_names(stem, digest, width, fmt)
        target = self.gate.target(rel, WHO)
        webp_target = self.gate.target(webp, WHO)
        have = self._reuse(rel, target, digest)
        have_webp = self._reuse(webp, webp_target, digest)
        if have and have_webp:
            return Variant(rel, width, height, webp)
        # Resized once for both files: LANCZOS from a 3000-pixel photo is most of the cost. Then
        # in sRGB: converting the variant costs a third of converting the original first.
        resized = image.resize((width, height), Image.LANCZOS) if width != image.width else image
        resized = to_srgb(resized, icc)
        flat = _eight_bit(resized)  # a 16-bit scan: 8 bits are all a screen shows
        flat = flat.convert("RGB").quantize(256) if palette and width != image.width else flat
        if not have:
            flat = flat.convert("RGB") if fmt == "JPEG" and flat.mode not in ("RGB", "L") else flat
            options = {"quality": 80, "optimize": True, "progressive": True} if fmt == "JPEG" else {"optimize": True}
            _save(flat, target, fmt, options)
            self._keep(rel, target, digest)
        if not have_webp:
            if fmt == "JPEG":
                _save(_webp_mode(resized), webp_target, "WEBP", {"quality": WEBP_QUALITY, "method": 4})
            else:  # the PNG's own pixels (its palette too), without loss
                _save(_webp_mode(flat), webp_target, "WEBP", WEBP_LOSSLESS)
            self._keep(webp, webp_target, digest)
        return Variant(rel, width, height, webp)

    def _from_previous(self, rel: str, target: Path) -> None:
        """`rel` copied from the previous build's folder when it is there as a plain file and not
        yet in this build's. A variant's name carries its photo's hash and its width, so a file of
        that name is the same picture: `bantin serve` (and `bantin edit`'s preview, rebuilt at
        every save) encoded every photo of the site again on each rebuild, about 0.2 s of WebP a
        photo. Only the names this build asks for are copied: nothing of a photo no page uses now
        comes along. Any failure leaves the variant to be made as before."""
        if self.previous is None or target.exists():
            return
        source = self.previous / rel
        partial = target.with_name(f".{target.name[:200]}.{os.getpid()}")
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):  # a link planted there is not followed
                return
            if not source.resolve().is_relative_to(self.previous.resolve()):  # nor a linked folder on the way
                return
            shutil.copyfile(source, partial, follow_symlinks=False)
            os.replace(partial, target)
        except OSError:
            try:
                os.unlink(partial)
            except OSError:
                pass


def _variant_names(stem: str, digest: str, width: int, fmt: str) -> tuple[str, str]:
    """A variant's site path and its WebP twin's. A photo's twin is lossy WebP, half the JPEG's
    bytes; a PNG's (a screenshot, a diagram, a logo) lossless WebP, 19-57 % under the PNG for
    about the PNG's own encoding time (session 41). (A photo saved as PNG comes here as JPEG:
    site/pngphoto.py.)"""
    rel = f"{OUT_DIR}/{_stem(stem)}-{digest[:10]}-{width}.{'jpg' if fmt == 'JPEG' else 'png'}"
    return rel, rel.rsplit(".", 1)[0] + ".webp"


def _save(image: Image.Image, target: Path, fmt: str, options: dict) -> None:
    """Write through a partial file, then rename: both renderers may make the same variant."""
    partial = target.with_name(f".{target.name[:200]}.{os.getpid()}")
    image.save(partial, fmt, icc_profile=None, **options)  # never a profile: its numbers are sRGB (to_srgb)
    os.replace(partial, target)


def _webp_mode(image: Image.Image) -> Image.Image:
    """A picture as WebP takes it (RGB, RGBA, L, LA): a palette or 16-bit PNG converted, its
    transparency kept."""
    image = _eight_bit(image)
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    return image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")


def _too_big(image: Image.Image) -> bool:
    """More pixels than the image check lets a page use (a PNG of 9,000 × 9,000 zeros is 236 KB,
    and its variants 2.6 s of CPU and 243 MB): never decoded here, whoever asks."""
    return image.width * image.height > MAX_PIXELS


def _thumb_size(width: int, height: int) -> tuple[int, int]:
    """THUMB, or the largest 3:2 box inside a smaller picture (never enlarged)."""
    scale = min(1.0, width / THUMB[0], height / THUMB[1])
    return max(1, round(THUMB[0] * scale)), max(1, round(THUMB[1] * scale))


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit greyscale (a scanner's PNG: Pillow's 'I;16' or 'I') as 8-bit 'L', scaled. Pillow's
    own conversion to RGB or L clips each value at 255: all but black came out white."""
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda v: v / 256).convert("L")
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG; a transparent PNG on white (its transparent parts were black)."""
    image = _eight_bit(image)
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _save_jpeg(image: Image.Image, target: Path, quality: int) -> None:
    """Written beside the target then renamed: both renderers may make the same file."""
    partial = target.with_name(f".{target.name[:200]}.{os.getpid()}")
    image.save(partial, "JPEG", quality=quality, optimize=True, progressive=True, icc_profile=None)
    os.replace(partial, target)


def _stem(stem: str) -> str:
    """A file name stem that leaves room for '-<hash>-<width>.jpg' and is no reserved name."""
    stem = _UNSAFE_NAME.sub("-", stem)
    cut = stem.encode("utf-8")[: MAX_SEGMENT_BYTES - 40].decode("utf-8", "ignore")
    return "anh" if not cut or windows_reserved(cut) or cut.startswith(".") else cut


# A picture this many times taller than wide is a page or a form (an A4 scan is 1.41) more often
# than a photo: printed larger than photos are (bantin.css, `bt-tall`), since a scanned form
# kept to a photo's 65 mm printed 16 mm wide, unreadable (a trainer's trial, session 54).
TALL = 1.38


def img_attributes(responsive: Responsive, link: Callable[[str], str]) -> dict[str, str]:
    """src, srcset, sizes, width and height for an <img>; `link` makes a URL relative to the page."""
    biggest = responsive.largest
    attrs = {"src": link(biggest.rel), "width": str(biggest.width), "height": str(biggest.height)}
    if len(responsive.variants) > 1:
        attrs["srcset"] = ", ".join(f"{link(v.rel)} {v.width}w" for v in responsive.variants)
        attrs["sizes"] = SIZES
    return attrs


def _picture(img: str, responsive: Responsive, link: Callable[[str], str]) -> str:
    """<picture> with the WebP twins first; browsers without WebP use the <img> as it is."""
    if not all(v.webp for v in responsive.variants):
        return img
    srcset = ", ".join(f"{link(v.webp)} {v.width}w" for v in responsive.variants)
    sizes = f' sizes="{SIZES}"' if len(responsive.variants) > 1 else ""
    return f'<picture><source type="image/webp" srcset="{srcset}"{sizes}>{img}</picture>'


def file_part(src: str) -> str:
    """An address without its `?…` and `#…`: the file it names. A `?v=2` is a cache-buster an
    editor or an old portal's import left, so that browsers fetch a changed file again; a static
    host serves the same file whatever the query. The variants do not carry it: their names hold
    the photo's hash, so a changed photo gets new addresses anyway, and a query on them would
    only make a browser fetch the same bytes again when an editor bumps it. A fragment (`#giua`)
    means nothing to a JPEG or PNG. An address whose picture is served as it is (a GIF, an
    unreadable file) keeps both, as written."""
    return src.split("#", 1)[0].split("?", 1)[0]


def rewrite_images(html: str, resolve: Callable[[str], str | None], resizer: Resizer,
                   link: Callable[[str], str]) -> str:
    """Give every local <img> its responsive attributes plus lazy loading.

    `resolve` turns an img src (relative to the page) into a content path, or None for
    images that are not ours (other hosts, data: URLs). The first image of the page's
    <article> (an article's top photo, a home page's lead story) is on the first screen and
    is its largest paint: it loads at once with high priority, never lazily (issue 15, LCP).
    Resized images come in a <picture> whose WebP source browsers that read WebP take.
    """
    article = html.find("<article")
    first = [article] if article >= 0 else []

    def replace(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        if "data-bt-fixed" in match.group(1):  # the emblem: a small file served as it is, eager
            return match.group(0)
        rel = resolve(file_part(unescape(attrs.get("src", ""))))  # as the browser reads it: 'a&amp;b.jpg' is a&b.jpg
        responsive = resizer.get(rel) if rel else None
        if responsive is not None:
            attrs.update(img_attributes(responsive, link))
            if responsive.largest.height >= TALL * responsive.largest.width:
                attrs["class"] = (attrs.get("class", "") + " bt-tall").strip()
        if first and match.start() > first[0]:
            first.clear()
            attrs.update(loading="eager", fetchpriority="high")
        attrs.setdefault("loading", "lazy")
        attrs.setdefault("decoding", "async")
        img = "<img " + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + ">"
        return _picture(img, responsive, link) if responsive is not None else img

    return _IMG.sub(replace, html)
