"""QR codes for trainers' printed and projected questions (issue 4), made at build time.

SVG inline in the page: no request, sharp at any projector size, prints in black.
"""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, label: str) -> str:
    """An accessible SVG QR code of `url` (the <title> tells screen readers what it is)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", xmldecl=False, svgns=True, title=label,
                                     scale=4, border=2, svgclass="bt-qr", lineclass=None)
    svg = buffer.getvalue().decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" ', 1)
