"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black. The
symbol comes from zxing-cpp (C++, best mask chosen, ~0.3 ms); the SVG is one path of
horizontal runs written here (~0.4 ms). segno, pure Python, took ~2 ms per code and a
10,000-article build makes 13,000 of them.
"""

from __future__ import annotations

import re
from concurrent.futures import Future
from functools import lru_cache
from typing import Iterable

import zxingcpp

SCALE, BORDER = 4, 2  # pixels per module; light modules around the symbol
_DARK = re.compile(rb"\x00+")  # zxing-cpp's image: 0 is a dark module, 255 a light one


def modules(url: str) -> tuple[int, bytes]:
    """(size, one byte per module, row by row) of the QR code of `url`, error level M."""
    symbol = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))
    return image.shape[0], image.tobytes()


@lru_cache(maxsize=4096)
def _svg(url: str) -> str:
    size, data = modules(url)
    pixels = (size + 2 * BORDER) * SCALE
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{pixels}" height="{pixels}" class="bt-qr">'
            f'<path transform="scale({SCALE})" stroke="#000" d="M{BORDER} {BORDER}.5{_runs(size, data)}"/></svg>')


def _runs(size: int, data: bytes) -> str:
    """Each run of dark modules as a relative move and a horizontal line, left to right."""
    width = size + 1  # rows joined with one light module between, so no run spans two rows
    joined = b"\xff".join([data[start:start + size] for start in range(0, size * size, size)])
    steps, x, y = [], 0, 0
    for start, end in [run.span() for run in _DARK.finditer(joined)]:
        row, column = divmod(start, width)
        steps.append(f"m{column - x} {row - y}h{end - start}")
        x, y = column + end - start, row
    return "".join(steps)


def qr_svg(url: str, label: str) -> str:
    """An SVG QR code of `url`; with a label it is an image named for screen readers."""
    return labelled(_svg(url), label)


def labelled(svg: str, label: str) -> str:
    if not label:
        return svg.replace("<svg ", '<svg aria-hidden="true" ', 1)
    title = label.replace("&", "&amp;").replace("<", "&lt;")
    return svg.replace("<svg ", '<svg role="img" ', 1).replace(">", f"><title>{title}</title>", 1)


def _svgs(urls: list[str]) -> list[str]:
    return [_svg(url) for url in urls]


KEPT: dict[str, str] = {}  # `bantin serve`: codes of earlier rebuilds (a code depends on its URL only)


class QrCodes:
    """QR codes of every URL a build prints, made in the background worker while pages render.

    A code costs ~0.5 ms; a 10,000-article build prints 13,000 of them. With a worker they
    are made during Markdown conversion, so templates rarely wait; without one, on demand.
    `kept` (live preview) holds codes made by earlier builds of the same process.
    """

    CHUNK = 256

    def __init__(self, urls: Iterable[str], worker=None, kept: dict[str, str] | None = None):
        self.pending: dict[str, tuple[Future, int]] = {}
        self.ready: dict[str, str] = kept if kept is not None else {}
        wanted = [url for url in dict.fromkeys(urls) if url not in self.ready] if worker is not None else []
        for start in range(0, len(wanted), self.CHUNK):
            chunk = wanted[start : start + self.CHUNK]
            future = worker.submit(_svgs, chunk)
            self.pending.update((url, (future, n)) for n, url in enumerate(chunk))

    def settle(self) -> None:
        """Wait for the worker's codes, so that a forked renderer needs no worker."""
        for url, (future, n) in self.pending.items():
            self.ready[url] = future.result()[n]
        self.pending.clear()

    def svg(self, url: str, label: str) -> str:
        """The SVG of `url`; with a label it is an image named for screen readers."""
        svg = self.ready.get(url)
        if svg is None:
            found = self.pending.get(url)
            svg = self.ready[url] = found[0].result()[found[1]] if found else _svg(url)
        return labelled(svg, label)
