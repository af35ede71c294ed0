"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black.
"""

from __future__ import annotations

import io
from functools import lru_cache

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
    svg = _svg(url)
    if not label:
        return svg.replace("<svg ", '<svg aria-hidden="true" ', 1)
    title = label.replace("&", "&amp;").replace("<", "&lt;")
    return svg.replace("<svg ", '<svg role="img" ', 1).replace(">", f"><title>{title}</title>", 1)
