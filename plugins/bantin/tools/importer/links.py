"""An old page's links (step 2): what each `href` names, and how it waits in the body.

Whether a link to another page of the old portal can lead to that page's new file is only
known when every page of the run has its file (`relink`, step 5). Until then a link is a
*marker* in the body's Markdown, `[label](<w:address>)`: imported text never holds a '<'
(`lines.md_escape` writes `&lt;`), so `](<` is ours alone, and the marker is a Markdown link
to every step in between (plain text, losses, lists, tables). An href that must not be a link
(a script, a relative address on a page of unknown address, one too long) waits as a marker
too, so the report can name its line; it is written as its text alone. A link around an
image (`<a href><img></a>`, which trafilatura keeps as the image alone: `htmlpage` reads the
link from the page) waits as a marker whose label is the image, `[![alt](../images/a.jpg)](<…>)`:
refused, the image alone stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from bantin.problems import short, visible
from bantin.tools.importer.urls import normalize_url


HREF_MAX = 2048  # the longest address every browser and server takes; longer ones are not kept

WEB = "w"       # an absolute http(s) address
ROOT = "r"      # a path on the old host (`/tin-tuc/a.html`) of a page whose address is unknown
MAIL = "m"      # mailto: or tel:, which the site's sanitiser keeps
UNSAFE = "u"    # javascript:, data:, vbscript:, file:, any other scheme: never a link
RELATIVE = "l"  # relative to a page whose address is unknown: cannot be followed
LONG = "g"      # longer than HREF_MAX
BROKEN = "b"    # not an address a browser follows (a host that is no host name)
KINDS = (WEB, ROOT, MAIL, UNSAFE, RELATIVE, LONG, BROKEN)

# Documents on the old server: `htmlpage` asks for them to become attachments.
DOCUMENT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z)(\?|$)", re.IGNORECASE)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, stripped as browsers strip them
_SHOWN = 120  # characters of a refused href kept for the report


@dataclass(frozen=True)
class Href:
    """What one `href` of the old page names: `kind` (one of KINDS) and `address`, the
    normalised address for WEB, ROOT and MAIL, else the href as written (shortened) for the
    report."""

    kind: str
    address: str


def read_href(href: str, base: str | None) -> Href | None:
    """The href of a link as browsers read it (tabs and newlines inside dropped, controls and
    spaces around, `\\` in the path as `/`), resolved against the page's address `base` (absolute, or a
    root-relative path given with --url; None when unknown). None for a place on the same
    page (`#muc-2`, empty), which has no address of its own on the new site."""
    written = _TAB_NEWLINE.sub("", href).strip(_EDGES)
    if len(written) > HREF_MAX:
        return Href(LONG, f"{len(written)}:{short(visible(written), 60)}")
    if not written or written.startswith("#"):
        return None
    scheme = _SCHEME.match(written)
    if scheme and scheme.group(1).lower() in ("mailto", "tel"):
        return Href(MAIL, scheme.group(1).lower() + ":" + quote(written[scheme.end():], safe="@.+-_~!$&'*,;=:%?/"))
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return Href(UNSAFE, short(visible(written), _SHOWN))
    path_end = min((i for i in (written.find("?"), written.find("#")) if i >= 0), default=len(written))
    written = written[:path_end].replace("\\", "/") + written[path_end:]  # in the path only, as browsers do
    if base is None and not scheme:
        if written.startswith("//"):
            written = "http:" + written  # another host, scheme unknown: what most old portals ran on
        elif not written.startswith("/"):
            return Href(RELATIVE, short(visible(written), _SHOWN))
    address = normalize_url(written, base)
    if address is None:
        return Href(BROKEN, short(visible(written), _SHOWN))
    address = without_dot_segments(address)
    return Href(ROOT if address.startswith("/") else WEB, address)


def without_dot_segments(address: str) -> str:
    """The address with `.` and `..` segments resolved as browsers do (also `%2e`, any case;
    a `..` at the top stays at the top): `urljoin` leaves them in an absolute address."""
    parts = urlsplit(address)
    segments = parts.path.split("/")[1:]
    kept: list[str] = []
    for index, segment in enumerate(segments):
        dots = unquote(segment) if "%" in segment else segment
        last = index == len(segments) - 1
        if dots in (".", ".."):
            if dots == ".." and kept:
                kept.pop()
            if last:
                kept.append("")
        else:
            kept.append(segment)
    return urlunsplit(parts._replace(path="/" + "/".join(kept)))


def link_markdown(label: str, href: Href | None) -> str:
    """A link as it waits in the body: `label` (Markdown: escaped text, or an image as
    `images.image_markdown` writes it) alone for a place on the same page, else a marker
    `relink` reads. The address holds no '<', '>', space or '|'
    (percent-encoded), so the marker survives lists, tables and quotes."""
    if href is None or not label:
        return label
    return f"[{label}](<{href.kind}:{quote(href.address, safe=_MARKER_SAFE)}>)"


_MARKER_SAFE = "/%:@!$&'*+,;=-._~?#"

# A label's text as `lines.md_escape` writes it: no bare '[' or ']'.
TEXT = r"(?:\\.|[^\[\]\\\n])*"
# An image as `images.image_markdown` writes it, the label of a link around an image: its alt
# escaped text, its path the site's copy (`../images/<slug>.<ext>`: no space, bracket or '<').
IMAGE = r"!\[" + TEXT + r"\]\([^()<>\s]*\)"
# A marker: the label (an image, or escaped text), then `(<kind:address>)`.
MARKER = re.compile(r"\[(" + IMAGE + "|" + TEXT + r")\]\(<([" + "".join(KINDS) + r"]):([^<>\s]*)>\)")


def marker_href(kind: str, address: str) -> Href:
    """The Href a marker carries (the inverse of `link_markdown`'s quoting for what the
    report shows; WEB, ROOT and MAIL addresses are normalised already and pass unchanged)."""
    return Href(kind, address if kind in (WEB, ROOT, MAIL) else unquote(address))
