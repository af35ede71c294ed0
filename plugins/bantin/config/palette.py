"""Is the Material colour a site names in `theme.palette` readable? (session 41, province trial F5)

`primary: teal` printed the header's white text, the «Tìm» button and the tabs on `#009485`:
3.77:1, under the 4.5:1 that WCAG AA asks of text, and nobody was told. The figures are
computed from Material's own palette stylesheet, found in the theme's folders at each build
(`assets/stylesheets/palette.*.min.css`), never from a table of ours: a Material update that
changes a colour changes the warning with it.

What is measured, for a colour that Material defines (`custom` is ours and passes; any other
name is a province's own CSS, not ours to judge):
- primary: Material's text colour for it (`--md-primary-bg-color`, white or 87 % black) on the
  colour itself (`--md-primary-fg-color`): the header, the tabs, the search button.
- accent: the accent colour as text on the white page (`--md-accent-fg-color` on `#fff`): links
  hovered or focused, the open menu entry.
A colour with transparency is laid over what it is drawn on first (WCAG's relative luminance
needs an opaque colour). Parsing is a split on `}` `{` `;` and `,` and anchored patterns on
short pieces: linear in the stylesheet's length.
"""

from __future__ import annotations

import colorsys
import glob
import os
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from bantin.config.settings import CONFIG_FILE
from bantin.problems import Problems

AA = 4.5  # WCAG 2.1 AA, normal text (1.4.3)
PAGE = (1.0, 1.0, 1.0)  # Material's light page (`--md-default-bg-color: #fff`)
HUE = 225.0  # Material's `--md-hue` (its grey and black are tinted by it)
_SELECTOR = re.compile(r"\[data-md-color-(primary|accent)=([a-z0-9-]{1,40})\]")
_HEX = re.compile(r"#([0-9a-fA-F]{3,8})")
_HSL = re.compile(r"hsla?\(\s*([0-9.]{1,12})(?:deg)?\s*,\s*([0-9.]{1,12})%\s*,\s*([0-9.]{1,12})%\s*(?:,\s*([0-9.]{1,12}))?\s*\)")
_WANTED = {"primary": ("--md-primary-fg-color", "--md-primary-bg-color"),
           "accent": ("--md-accent-fg-color", "--md-accent-bg-color")}

RGBA = tuple[float, float, float, float]


@dataclass(frozen=True)
class Colour:
    """One Material colour as a site may name it, and how readable its text is."""

    role: str  # "primary" or "accent"
    name: str
    ratio: float

    @property
    def passes(self) -> bool:
        return self.ratio >= AA


def stylesheet(theme_dirs: Iterable[str]) -> str:
    """Material's palette stylesheet from the theme's folders ("" when none has one)."""
    for folder in theme_dirs:
        for path in sorted(glob.glob(os.path.join(glob.escape(folder), "assets", "stylesheets", "palette.*.min.css"))):
            try:
                with open(path, encoding="utf-8") as handle:
                    return handle.read(1_000_000)
            except (OSError, UnicodeDecodeError):
                continue
    return ""


def colours(css: str) -> dict[tuple[str, str], Colour]:
    """(role, name) → Colour for every primary and accent colour the stylesheet defines for the
    light scheme (the dark scheme keeps the same header colours)."""
    values: dict[tuple[str, str], dict[str, str]] = {}
    for rule in css.split("}"):
        head, _, body = rule.rpartition("{")
        head = head.rpartition("{")[2]  # inside `@media …{`
        for selector in head.split(","):
            if (found := _SELECTOR.fullmatch(selector.strip())) is None:
                continue
            role, name = found.groups()
            for declaration in body.split(";"):
                key, _, value = declaration.partition(":")
                if key.strip() in _WANTED[role]:
                    values.setdefault((role, name), {})[key.strip()] = value.strip()
    found = {}
    for (role, name), props in values.items():
        fg_key, bg_key = _WANTED[role]
        if (ratio := _ratio(role, props.get(fg_key, ""), props.get(bg_key, ""))) is not None:
            found[(role, name)] = Colour(role, name, round(ratio, 2))
    return found


def _ratio(role: str, fg: str, bg: str) -> float | None:
    """The contrast of the role's text, or None when a colour is not one we can read."""
    colour = parse(fg)
    if colour is None:
        return None
    surface = _over(colour, PAGE)
    if role == "accent":
        return contrast(surface, PAGE)
    text = parse(bg)
    return contrast(_over(text, surface), surface) if text is not None else None


def parse(value: str) -> RGBA | None:
    """A CSS colour of Material's stylesheet (`#fff`, `#000000de`, `hsl(…)`, `hsla(var(--md-hue), …)`)."""
    value = value.replace("var(--md-hue)", str(HUE)).strip()
    if (found := _HEX.fullmatch(value)) is not None:
        digits = found.group(1)
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        if len(digits) not in (6, 8):
            return None
        channels = [int(digits[i:i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 1.0)
    if (found := _HSL.fullmatch(value)) is not None:
        hue, sat, light, alpha = found.groups()
        r, g, b = colorsys.hls_to_rgb(float(hue) % 360 / 360, float(light) / 100, float(sat) / 100)
        return (r, g, b, float(alpha) if alpha else 1.0)
    return None


def _over(colour: RGBA, below: tuple[float, float, float]) -> tuple[float, float, float]:
    """`colour` laid over an opaque `below`."""
    r, g, b, a = colour
    return (r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a))


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    """WCAG 2.1 contrast ratio of two opaque colours (1 to 21)."""
    a, b = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def check(named: Sequence[tuple[str, str, int]], css: str, problems: Problems) -> None:
    """A warning on the line of each `primary:`/`accent:` (role, name, line) whose Material colour
    makes text harder to read than AA allows, with the figure and the colours that pass."""
    table = colours(css)
    for role, value, line in named:
        name = value.replace(" ", "-")  # as Material's base.html writes it in the page
        colour = table.get((role, name))
        if colour is None or colour.passes:
            continue
        good = sorted((c for c in table.values() if c.role == role and c.passes), key=lambda c: -c.ratio)
        listed = ", ".join(f"{c.name} {_figure(c.ratio)}" for c in good) or "không có"
        what = ("chữ trắng (hoặc đen) trên nền màu này ở đầu trang, trên các thẻ và nút «Tìm»" if role == "primary"
                else "chữ của liên kết màu này khi trỏ chuột hoặc chọn bằng bàn phím, trên nền trắng,")
        problems.warn(CONFIG_FILE, line, f"theme.palette.{role}",
                      f"màu `{value[:40]}` của Material: {what} chỉ có độ tương phản {_figure(colour.ratio)}:1, "
                      f"dưới mức 4,5:1 của chuẩn WCAG AA; người mắt kém, người đọc trên điện thoại ngoài "
                      f"nắng khó đọc",
                      f"ghi `{role}: custom` (màu của bản tin) hoặc một màu của Material đủ rõ: {listed}; "
                      f"màu riêng của đơn vị: tai-lieu-ban-tin/huong-dan-bien-tap.md, đoạn \"Màu của bản tin\"")


def _figure(ratio: float) -> str:
    """3.77 → "3,8" (Vietnamese decimal comma, as the guide writes the figures)."""
    return f"{ratio:.1f}".replace(".", ",")
