"""The Content-Security-Policy every published page carries in its own head (DESIGN §7).

Why in the page and not in the host's headers: the free static hosts a province uses
(GitHub Pages, GitLab Pages) let nobody set headers, so a policy written only in
docs/hosting.md protected no site that followed the README. A `<meta http-equiv>` policy
travels with the page to any host.

What it refuses, whatever reached a page: script from any host but the site's own, inline
event handlers (`onerror=`) and `javascript:` addresses (no `'unsafe-inline'`, no
`'unsafe-hashes'`), plugins, a `<base>` that moves the page's links, forms sent elsewhere,
frames but from `iframe_hosts`, and pictures, fonts or data from other hosts (DESIGN's rule
"nothing fetched from any host but the site's own", enforced in the reader's browser).

Which inline scripts run: those the templates wrote, by the SHA-256 of their text. Trust is
decided by where a script's text comes from, not by what the page holds: `OwnScripts` puts
the text of every `<script>` element of the templates' *source* through a Jinja filter
that records it as rendered; a script element that reached a page any other way (a title
printed unescaped, a sanitiser slip) has no hash and the browser refuses it, and the build
says which page holds it (`foreign`).

Not on the offline copy (browsers disagree about what 'self' is for a `file://` page), under
`bantin serve` (MkDocs' live reload is an inline script added after the build), nor with
Material's `navigation.instant` (later pages are swapped into the first, under its policy).
Styles keep `'unsafe-inline'`: Material's script writes style attributes through markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from html import escape
from typing import Iterable, NamedTuple, Sequence

from jinja2 import BaseLoader, Environment, TemplateSyntaxError
from markupsafe import Markup

from bantin.config.settings import HOST_NAME
from bantin.content.checks import OTHER_HOST

# Script elements are found in steps, as an HTML tokenizer does, in one pass (linear): a start
# tag "<script" ends at the first ">" outside quotes; its text runs to "</script" followed by
# a space, "/" or ">" (an end tag may carry junk up to its ">").
_OPEN = re.compile(r"<script(?=[\t\n\f\r />])", re.IGNORECASE)
_START_REST = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_CLOSE = re.compile(r"</script[\t\n\f\r />]", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^<>]*>", re.IGNORECASE)
# Types a browser never runs: data blocks. Any other type counts as script (the policy
# governs it or the browser ignores it; either way it is no data of ours).
_DATA = {"application/json", "application/ld+json"}
# Jinja's own constructs in a template's source: a "<script>" inside one is not an element.
_JINJA = re.compile(r"{%-?\s*raw\s*-?%}.*?{%-?\s*endraw\s*-?%}|{#.*?#}|{{.*?}}|{%.*?%}", re.DOTALL)
FILTER = "bt_own_script"


class OwnScripts:
    """The texts of the inline scripts the site's templates wrote in this process.

    `install` wraps an environment's loader so that every template's script elements pass
    their rendered text through the `FILTER` filter (`record`), which keeps it; no text
    reaches this set but through a template's own script element (never a data block).
    Rendered parts cached by the adapter were recorded when first rendered; a forked
    renderer inherits the set.
    """

    def __init__(self) -> None:
        self.texts: set[str] = set()
        self._hashes: dict[str, str] = {}

    def hash(self, text: str) -> str:
        """`script_hash` of a recorded text, computed once (the search page's is 40 KB)."""
        found = self._hashes.get(text)
        if found is None:
            found = self._hashes[text] = script_hash(text)
        return found

    def record(self, text: str) -> str:
        self.texts.add(str(text))
        return text if isinstance(text, Markup) else Markup(text)  # already rendered: not escaped again

    def install(self, env: Environment) -> Environment:
        """`env` with its templates' script texts recorded here as they render; call it
        before the first template compiles."""
        env.loader = _MarkingLoader(env.loader)
        env.filters[FILTER] = self.record
        if env.cache is not None:
            env.cache.clear()
        return env


OWN = OwnScripts()  # one per process: it only ever holds template text


def marked(source: str) -> str:
    """Template source with the text of each script element inside a `FILTER` block: what
    renders is unchanged (the block's tags print nothing), and it is recorded."""
    pieces, pos = [], 0
    jinja = [m.span() for m in _JINJA.finditer(source)] if "{" in source else []
    for attrs, (start, end) in _elements(source):
        if start == end or not _runs(attrs):  # a file's element, or data (JSON-LD of editors' fields)
            continue
        if any(a < start <= b for a, b in jinja):  # "<script>" in a raw block, a string, a comment
            continue
        pieces += [source[pos:start], f"{{% filter {FILTER} %}}", source[start:end], "{% endfilter %}"]
        pos = end
    return "".join(pieces) + source[pos:]


class _MarkingLoader(BaseLoader):
    """A loader whose templates are `inner`'s with their script texts marked."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment, template):
        """The marked source, or the source as written when marking would not compile (a
        `<script>` in a Jinja comment or string of a site's own template): its scripts
        are then unrecorded, and the build names the pages they reach (`foreign`)."""
        source, filename, uptodate = self.inner.get_source(environment, template)
        text = marked(source)
        if text != source:
            try:
                environment.parse(text, template, filename)
            except TemplateSyntaxError:
                return source, filename, uptodate
        return text, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def _elements(html: str):
    """(attributes, (start, end) of the text) of each script element, in order."""
    pos = 0
    while (start := _OPEN.search(html, pos)) is not None:
        rest = _START_REST.match(html, start.end())
        if rest is None:  # a start tag never closed: nothing after it is a tag
            return
        close = _CLOSE.search(html, rest.end())
        if close is None:
            return
        yield html[start.end():rest.end() - 1], (rest.end(), close.start())
        gt = html.find(">", close.end() - 1)
        pos = len(html) if gt < 0 else gt + 1


@lru_cache(maxsize=1024)
def _runs(attrs: str) -> bool:
    """Whether a script element with these attributes is inline script, not data nor a file.

    Remembered: a site's pages repeat a few start tags (`type="application/ld+json"`, the
    theme's `src="../assets/…"` at each depth) thousands of times, and reading their attributes
    anew was a fifth of the policy's cost per page (session 41)."""
    names = {m[1].lower(): next((v for v in m.groups()[1:] if v is not None), "") for m in _ATTR.finditer(attrs)}
    return "src" not in names and names.get("type", "").strip().lower() not in _DATA


def inline_scripts(html: str) -> list[str]:
    """The texts of the page's inline scripts a browser would run, in order.

    A pattern, not a parser (Python's HTMLParser takes 30 times longer, seconds on a large
    site): in our pages "<script" only starts a tag, since every producer writes "<" as
    "&lt;" in text and attribute values alike: Jinja's autoescape, and the sanitiser (nh3,
    tested in tests/test_contentpolicy.py, so an upgrade that stops doing it is caught).
    """
    return [html[start:end] for attrs, (start, end) in _elements(html) if _runs(attrs)]


def script_hash(text: str) -> str:
    """CSP's source for one inline script: the SHA-256 of its text as the parser sees it
    (CR LF and lone CR are read as LF)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def frame_sources(hosts: Sequence[str]) -> str:
    """`frame-src` for `iframe_hosts`: each host and its subdomains over https, as the
    sanitiser keeps them (`sanitize.host_allowed`); none when the list is empty. The
    configuration refuses anything but a host name (`settings.check_iframe_hosts`); a name
    that slipped past it is left out rather than read as a directive."""
    named = [h for h in hosts if HOST_NAME.fullmatch(h)]
    if not named:
        return "'none'"
    return " ".join(f"https://{h}:* https://*.{h}:*" for h in named)  # any port, as the sanitiser keeps


def policy(hashes: Iterable[str], frame_hosts: Sequence[str] = ()) -> str:
    """The policy's text for a page whose own inline scripts have these `script_hash`es."""
    hashes = sorted(set(hashes))
    return "; ".join((
        "default-src 'self'",
        " ".join(["script-src 'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        f"frame-src {frame_sources(frame_hosts)}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ))


class Secured(NamedTuple):
    html: str  # the page with its policy
    foreign: list[str]  # its inline scripts no template wrote: the policy refuses them


def with_policy(html: str, frame_hosts: Sequence[str] = (), own: OwnScripts = OWN) -> Secured:
    """The page with its policy as the first element after `<meta charset>` (a policy in a
    meta element governs only what comes after it), or after `<head>`. A text without a head
    is not a page and is returned as it is."""
    found = _CHARSET.search(html, 0, 2048) or _HEAD.search(html, 0, 2048)
    if found is None:
        return Secured(html, [])
    scripts = inline_scripts(html)
    hashes = [own.hash(s) for s in scripts if s in own.texts]
    text = escape(policy(hashes, frame_hosts), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    return Secured(html[: found.end()] + "\n    " + meta + html[found.end():],
                   [s for s in scripts if s not in own.texts])


INSTANT_NOTE = ("Bản tin: các trang không mang chính sách an toàn nội dung (Content-Security-Policy) vì "
                "`navigation.instant` của Material đang bật: trang mới được ghép vào trang đầu tiên, nên "
                "chính sách của trang đầu sẽ chặn mã của các trang sau. Bỏ `navigation.instant` khỏi "
                "`theme.features` để có lại chính sách (docs/security.md).")


def other_hosts(font, analytics, addresses: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(option, what) of each thing a site's configuration asks readers' browsers to fetch
    from another host: a font of Material's (any `theme.font` but false: Google Fonts), its
    analytics, and the scripts or styles of `addresses` (option → paths) given as addresses."""
    found = [("theme.font", "Google Fonts")] if font is not False else []
    if analytics:
        found.append(("extra.analytics", str((analytics or {}).get("provider", "")) or "analytics"))
    found += [(option, path) for option, paths in addresses.items() for path in paths
              if path.lower().startswith(OTHER_HOST)]
    return found


def other_host_message(option: str, what: str) -> str:
    """What the build says of an option of mkdocs.yml that needs another host (the policy
    refuses it in readers' browsers; DESIGN: nothing from any host but the site's own)."""
    fixes = {"theme.font": "ghi `font: false` trong khối `theme` (chữ hiển thị bằng phông của máy người đọc)"}
    fix = fixes.get(option, f"xóa `{what}` khỏi `{option}`, hoặc chép tệp vào trang và ghi đường dẫn của nó")
    return (f"mkdocs.yml: `{option}` ({what}) cần tải từ máy chủ khác; chính sách an toàn nội dung "
            f"(Content-Security-Policy) của mỗi trang sẽ khiến trình duyệt chặn nó. → Cách sửa: {fix}; "
            "hoặc, nếu đơn vị chấp nhận cho trang tải từ nơi khác, đặt `content_policy: false` trong khối `bantin`.")


class ForeignReport:
    """The build's words on scripts no template wrote: each script named on its first
    `SHOWN` pages, not on each of thousands when a plugin adds it to every page."""

    SHOWN = 3

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def messages(self, page: str, foreign: list[str]) -> list[str]:
        found = []
        for text in foreign:
            self.seen[text] = seen = self.seen.get(text, 0) + 1
            if seen <= self.SHOWN:
                last = " (Các trang khác có cùng đoạn mã không được kể thêm.)" if seen == self.SHOWN else ""
                found.append(foreign_message(page, text) + last)
        return found


def foreign_message(page: str, text: str) -> str:
    """What the build says of a page holding a script no template wrote (`foreign`)."""
    shown = " ".join(text.split())[:80]
    return (f"{page}: trang có một đoạn mã <script> mà không mẫu giao diện nào viết («{shown}»); trình duyệt "
            "sẽ không chạy nó vì chính sách an toàn nội dung (Content-Security-Policy) của trang. Bài viết không "
            "thể đưa mã vào trang (bộ lọc gỡ mọi thẻ <script>), nên đoạn mã do một plugin hay hook trong "
            "mkdocs.yml thêm vào sau khi trang được dựng. → Cách sửa: nếu đó là chủ ý của người quản trị, "
            "đặt `content_policy: false` trong khối `bantin` (xem docs/security.md); nếu không ai chủ ý "
            "thêm, đó là lỗi an toàn: báo ngay cho người quản trị kỹ thuật.")
