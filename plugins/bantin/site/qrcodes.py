"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black. The
symbol comes from zxing-cpp (C++, best mask chosen, ~0.3 ms); the SVG is one path of
horizontal runs written here (~0.15 ms). segno, pure Python, took ~2 ms per code and a
10,000-article build makes 13,000 of them.
"""

from __future__ import annotations

import re
from concurrent.futures import Future
from functools import cache, lru_cache
from typing import Iterable

import zxingcpp
from markupsafe import Markup, escape

from bantin.workers import background

SCALE, BORDER = 4, 2  # pixels per module at the SVG's own size; light modules around the symbol
# zxing-cpp's image has a byte per module: 0 is dark, 255 light.


def modules(url: str) -> tuple[int, bytes]:
    """(size, one byte per module, row by row) of the QR code of `url`, error level M."""
    symbol = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))
    return image.shape[0], image.tobytes()


@lru_cache(maxsize=4096)
def _svg(url: str) -> str:
    """The code drawn in module units: the viewBox lets the page size it (148 px on screen,
    96 px in print) without cropping it; edges stay crisp for cameras at any scale."""
    size, data = modules(url)
    units = size + 2 * BORDER
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{units * SCALE}" height="{units * SCALE}" '
            f'viewBox="0 0 {units} {units}" class="bt-qr"><path stroke="#000" shape-rendering="crispEdges" '
            f'd="M{BORDER} {BORDER}.5{_runs(size, data)}"/></svg>')


def _runs(size: int, data: bytes) -> str:
    """The dark modules as one relative path: a horizontal line per run, moves in between.

    Rows are joined with a separator byte and cut into runs by one regex; each distinct
    run (dark: 'h3'; light: 'm2 0'; end of row, light around it: 'm-30 1') is formatted
    once per symbol size, so a code costs a few C calls rather than a loop over its runs.
    """
    joined = _ROW.join([data[start:start + size] for start in range(0, size * size, size)]).rstrip(b"\xff")
    return "".join(map(_steps(size).__getitem__, _TOKENS.findall(joined)))


WHAT = "mã QR"  # what a failed worker job was making (background.JobFailed)
_ROW = b"\x01"
_TOKENS = re.compile(rb"\x00+|\xff*\x01\xff*|\xff+")  # a dark run, a row's end, a light run


class _Steps(dict):
    """Run of modules (bytes) -> its path step, for symbols of one size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, run: bytes) -> str:
        if run[0] == 0:
            step = f"h{len(run)}"
        elif _ROW[0] in run:  # light modules ending a row, then starting the next one
            end, start = run.split(_ROW)
            step = f"m{len(start) - self.size + len(end)} 1"
        else:
            step = f"m{len(run)} 0"
        self[run] = step
        return step


@cache
def _steps(size: int) -> _Steps:
    return _Steps(size)


def qr_svg(url: str, label: str) -> Markup:
    """An SVG QR code of `url`; with a label it is an image named for screen readers."""
    return labelled(_svg(url), label)


def labelled(svg: str, label: str) -> Markup:
    """`svg` (our own markup) named by `label`, which may be editor text: it is escaped for
    text and attribute context alike (`&<>"'`), so the result is safe to print as Markup."""
    svg = str(svg)
    if not label:
        return Markup(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))
    title = str(escape(label))
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1).replace(">", f"><title>{title}</title>", 1))


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
            self.ready[url] = background.wait(future, WHAT)[n]
        self.pending.clear()

    def svg(self, url: str, label: str) -> Markup:
        """The SVG of `url`; with a label it is an image named for screen readers."""
        svg = self.ready.get(url)
        if svg is None:
            found = self.pending.get(url)
            svg = self.ready[url] = background.wait(found[0], WHAT)[found[1]] if found else _svg(url)
        return labelled(svg, label)
