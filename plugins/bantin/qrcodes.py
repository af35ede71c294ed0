"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black.
"""

from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
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
    """QR codes of every URL a build prints, made in a worker process while pages render.

    A QR code costs ~2 ms of pure Python; 13,000 of them would add 25 s to a 10,000-article
    build. On two cores the worker finishes them during Markdown rendering, so templates
    rarely wait. Small sites (or no fork) make them inline, on demand.
    """

    CHUNK = 256

    def __init__(self, urls: Iterable[str], parallel: bool = True):
        self.pending: dict[str, tuple[Future, int]] = {}
        self.executor = None
        wanted = list(dict.fromkeys(urls))
        if parallel and len(wanted) > self.CHUNK and "fork" in multiprocessing.get_all_start_methods():
            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            for start in range(0, len(wanted), self.CHUNK):
                chunk = wanted[start : start + self.CHUNK]
                future = self.executor.submit(_svgs, chunk)
                self.pending.update((url, (future, n)) for n, url in enumerate(chunk))

    def svg(self, url: str, label: str) -> str:
        """The SVG of `url`; with a label it is an image named for screen readers."""
        found = self.pending.get(url)
        return labelled(found[0].result()[found[1]] if found else _svg(url), label)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
