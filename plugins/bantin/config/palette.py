"""Is the Material colour a site names in `theme.palette` readable? (session 41, province trial F5)

`primary: teal` printed the header's white text, the «Tìm» button and the tabs on `#009485`:
3.77:1, under the 4.5:1 that WCAG AA asks of text, and nobody was told. The figures are
computed from Material's own palette stylesheet, found in the theme's folders at each build
(`assets/stylesheets/palette.*.min.css`), never from a table of ours: a Material update that
changes a colour changes the warning with it.

What is measured, for a colour that Material defines (`custom` is ours and passes; any other
name is a province's own CSS, not ours to judge):
- primary: Material's text colour for it (`--md-primary-bg-color`, white or 87 % black) on the
  colour itself (`--md-primary-fg-color`): the header, the tabs, the search button; and the
  links of the text on the white page (`--md-typeset-a-color`, the colour itself unless Material
  gives it another, as for white and grey), which are also every list's headlines since session
  46: `primary: yellow` passed with black header text (9.3) and printed links and headlines at
  2.5:1. The lower of the two is the colour's figure.
- accent: the accent colour as text on the white page (`--md-accent-fg-color` on `#fff`): links
  hovered or focused, the open menu entry.
In the dark scheme (`scheme: slate`, alone or as one half of a light/dark toggle) the page is
Material's dark grey (`--md-default-bg-color` of `[data-md-color-scheme=slate]`), so (session 42):
- primary: besides the header (the same colours in both schemes), the links of the text, which
  are `--md-typeset-a-color`: Material's lighter tone for the colour in slate where it gives one
  (`[data-md-color-scheme=slate][data-md-color-primary=…]`), else the colour itself, on that page.
- accent: the accent colour as text on that page, not on white.
`custom` is read from our own stylesheet (bantin.css, which writes its selectors with quotes)
with the same rules: it passes on the light page; it has no dark tones, and says so in slate.
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
# A colour's selector, in slate or not; `:not([data-md-color-scheme=slate])` after a colour is the
# light page's own (Material gives yellow, lime, amber, orange… darker links there: #b8a500).
_SELECTOR = re.compile(r'(\[data-md-color-scheme="?slate"?\])?(?:\[data-md-color-(primary|accent)="?([a-z0-9-]{1,40})"?\])?'
                       r'(?::not\(\[data-md-color-scheme="?slate"?\]\))?')
_HEX = re.compile(r"#([0-9a-fA-F]{3,8})")
_HSL = re.compile(r"hsla?\(\s*([0-9.]{1,12})(?:deg)?\s*,\s*([0-9.]{1,12})%\s*,\s*([0-9.]{1,12})%\s*(?:,\s*([0-9.]{1,12}))?\s*\)")
_WANTED = {"primary": ("--md-primary-fg-color", "--md-primary-bg-color"),
           "accent": ("--md-accent-fg-color", "--md-accent-bg-color")}
_LINKS = "--md-typeset-a-color"  # the text's links; in slate Material gives some colours a lighter tone
_PAGE = "--md-default-bg-color"
DARK = "slate"  # Material's dark scheme
OURS = "bantin.css"  # our stylesheet: where `custom` is defined

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
    """Material's palette stylesheet from the theme's folders, then our own (bantin.css, for
    `custom`), as one text ("" for a part no folder has)."""
    return _first(theme_dirs, "palette.*.min.css") + "\n" + _first(theme_dirs, OURS)


def _first(theme_dirs: Iterable[str], pattern: str) -> str:
    for folder in theme_dirs:
        for path in sorted(glob.glob(os.path.join(glob.escape(folder), "assets", "stylesheets", pattern))):
            try:
                with open(path, encoding="utf-8") as handle:
                    return handle.read(1_000_000)
            except (OSError, UnicodeDecodeError):
                continue
    return ""


Key = tuple[bool, str, str]  # (in slate, role or "", colour name or "")


def _values(css: str) -> dict[Key, dict[str, str]]:
    """The declarations of the palette's selectors: `[data-md-color-scheme=slate]`, a colour
    (`[data-md-color-primary=teal]`, and `…:not([data-md-color-scheme=slate])`, its light page's,
    which Material writes after it) and a colour in slate; others (descendants) are left."""
    values: dict[Key, dict[str, str]] = {}
    for rule in _without_comments(css).split("}"):
        head, _, body = rule.rpartition("{")
        head = head.rpartition("{")[2]  # inside `@media …{`
        for selector in head.split(","):
            found = _SELECTOR.fullmatch(selector.strip())
            if found is None or not any(found.groups()):
                continue
            key = (found.group(1) is not None, found.group(2) or "", found.group(3) or "")
            for declaration in body.split(";"):
                name, _, value = declaration.partition(":")
                values.setdefault(key, {})[name.strip()] = value.strip()
    return values


def _without_comments(css: str) -> str:
    """`css` without its `/* … */` comments (bantin.css has commas and braces in them), in one pass."""
    kept, start = [], 0
    while (opening := css.find("/*", start)) != -1:
        kept.append(css[start:opening])
        closing = css.find("*/", opening + 2)
        if closing == -1:
            return "".join(kept)
        start = closing + 2
    kept.append(css[start:])
    return "".join(kept)


def colours(css: str, scheme: str = "default") -> dict[tuple[str, str], Colour]:
    """(role, name) → Colour for every primary and accent colour the stylesheet defines: in the
    light scheme, a primary's header text and an accent on the white page; in slate, a
    primary's links and an accent on the dark page."""
    values = _values(css)
    page = parse(values.get((True, "", ""), {}).get(_PAGE, "")) if scheme == DARK else None
    found = {}
    for (dark, role, name), props in values.items():
        if dark or not role:
            continue
        fg_key, bg_key = _WANTED[role]
        if page is None:
            ratio = _ratio(role, props.get(fg_key, ""), props.get(bg_key, ""))
            if role == "primary" and ratio is not None:
                links = _on(props.get(_LINKS) or props.get(fg_key, ""), (*PAGE, 1.0))
                ratio = min(ratio, links) if links is not None else ratio
        else:
            text = values.get((True, role, name), {}).get(_LINKS) if role == "primary" else None
            ratio = _on(text or props.get(fg_key, ""), page)
        if ratio is not None:
            found[(role, name)] = Colour(role, name, round(ratio, 2))
    return found


def _on(text: str, page: RGBA) -> float | None:
    """The contrast of `text` on an opaque `page`, or None when either is not one we can read."""
    colour = parse(text)
    if colour is None:
        return None
    surface = _over(page, (0.0, 0.0, 0.0))
    return contrast(_over(colour, surface), surface)


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


def check(named: Sequence[tuple], css: str, problems: Problems) -> None:
    """A warning on the line of each `primary:`/`accent:` (role, name, line[, scheme]) whose
    Material colour makes text harder to read than AA allows, with the figure and the colours
    that pass. A slate scheme's primary is held to both: its header and its links on the dark page."""
    tables = {scheme: colours(css, scheme) for scheme in ("default", DARK)}
    for role, value, line, *rest in named:
        scheme = DARK if rest and rest[0] == DARK else "default"
        for measured in ((["default", DARK] if role == "primary" else [DARK]) if scheme == DARK else ["default"]):
            _warn(role, value, line, measured, tables[measured], problems)


def _warn(role: str, value: str, line: int, scheme: str, table: dict, problems: Problems) -> None:
    name = value.replace(" ", "-")  # as Material's base.html writes it in the page
    colour = table.get((role, name))
    if colour is None or colour.passes:
        return
    good = sorted((c for c in table.values() if c.role == role and c.passes), key=lambda c: -c.ratio)
    listed = ", ".join(f"{c.name} {_figure(c.ratio)}" for c in good) or "không có"
    what = {("primary", "default"): "chữ trắng (hoặc đen) trên nền màu này ở đầu trang, trên các thẻ và nút «Tìm», "
                                    "hoặc chữ của liên kết trong bài và tiêu đề trong danh sách bài trên nền trắng,",
            ("accent", "default"): "chữ của liên kết màu này khi trỏ chuột hoặc chọn bằng bàn phím, trên nền trắng,",
            ("primary", DARK): "ở giao diện tối (`scheme: slate`), chữ của các liên kết trong bài trên nền tối",
            ("accent", DARK): "ở giao diện tối (`scheme: slate`), chữ của liên kết khi trỏ chuột hoặc chọn bằng "
                              "bàn phím, trên nền tối,"}[(role, scheme)]
    own = ("màu `custom` của bản tin chỉ làm cho nền sáng; " if name == "custom" else "")
    where = "" if scheme == "default" else " cho giao diện tối"
    problems.warn(CONFIG_FILE, line, f"theme.palette.{role}",
                  f"màu `{value[:40]}`{' của Material' if name != 'custom' else ''}: {what} chỉ có độ tương phản "
                  f"{_figure(colour.ratio)}:1, dưới mức 4,5:1 của chuẩn WCAG AA; người mắt kém, người đọc trên "
                  f"điện thoại ngoài nắng khó đọc",
                  f"{own}ghi một màu của Material đủ rõ{where}: {listed}"
                  + (f"; hoặc `{role}: custom` (màu của bản tin)" if scheme == "default" else "; hoặc bỏ giao diện tối")
                  + "; màu riêng của đơn vị: tai-lieu-ban-tin/huong-dan-bien-tap.md, đoạn \"Màu của bản tin\"")


def _figure(ratio: float) -> str:
    """3.77 → "3,8" (Vietnamese decimal comma, as the guide writes the figures)."""
    return f"{ratio:.1f}".replace(".", ",")
