"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black.
"""

from __future__ import annotations

import io
from concurrent.futures import Future
from functools import lru_cache
from typing import Iterable

import segno

# segno tries all 8 masks by default (5x the time); one fixed mask is valid and scans fine,
# and a build makes thousands of these.
MASK = 2


@lru_cache(maxsize=4096)
def _svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=MASK).save(buffer, kind="svg", xmldecl=False, svgns=True,
                                               scale=4, border=2, svgclass="bt-qr", lineclass=None)
    return buffer.getvalue().decode("utf-8")


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


class QrCodes:
    """QR codes of every URL a build prints, made in the background worker while pages render.

    A QR code costs ~2 ms of pure Python; 13,000 of them would add 25 s to a 10,000-article
    build. With a worker they are done during Markdown rendering, so templates rarely wait;
    without one they are made on demand.
    """

    CHUNK = 256

    def __init__(self, urls: Iterable[str], worker=None):
        self.pending: dict[str, tuple[Future, int]] = {}
        self.ready: dict[str, str] = {}
        wanted = list(dict.fromkeys(urls)) if worker is not None else []
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
            svg = found[0].result()[found[1]] if found else _svg(url)
        return labelled(svg, label)
