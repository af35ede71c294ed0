"""Reading built HTML as a browser would, for the escaping tests: what runs, what shows.

html.parser tokenises the way HTML does for what matters here (tags, attributes, raw text
of <script>), so a payload that broke out of its context shows up as an element or an
attribute; one that stayed text shows up as text.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from bantin.site import themeassets

URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "content", "srcset"}
# Scripts we ship: Material's bundle, its inline config, ours; JSON-LD is data, not script.
OUR_SCRIPTS = ("assets/javascripts/", "assets/vendor/", "search/")
# Inline scripts of main.html (no-js switch, reading aids), of the header search box (loads
# bantin-search.js on first use), of the search page (loads it under instant navigation) and
# of Material's base.html, as they begin.
INLINE = ('(function(){var r=document.documentElement;r.classList.remove("no-js");r.classList.add("js");try{var f=localStorage',
          '(function () {\n  var form = document.querySelector("[data-bantin-search=box]");',
          'if(window.document$&&!(window.BantinSearch&&window.BantinSearch.createEngine)){var s=document.createElement("script");s.src=',
          'var palette=__md_get("__palette")',
          "var target=document.getElementById(location.hash.slice(1))", "__md_scope=new URL(")


_SEARCH_JS = "assets/javascripts/bantin-search.js"
# The search page carries bantin-search.js inside it, exactly as the build serves the file.
# The redirect pages' one script (templates/redirect.html: the online site opened from file://),
# its text as written: the page's target is in its data-bt-to attribute, never in the text.
_REDIRECT = (Path(themeassets.__file__).resolve().parents[1] / "templates" / "redirect.html").read_text(encoding="utf-8")
REDIRECT_SCRIPT = _REDIRECT.split("<script data-bt-to=\"{{ target }}\">", 1)[1].split("</script>", 1)[0]
SEARCH_SCRIPT = themeassets.served({_SEARCH_JS: (Path(themeassets.__file__).resolve().parents[1] / "theme" / _SEARCH_JS)
                                    .read_text(encoding="utf-8")}).texts[_SEARCH_JS]


class Scan(HTMLParser):
    """Everything executable in a page, and the text of its first <h1> and <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.h1: list[str] | None = None
        self.h1_done = False
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.scripts: list[tuple[dict, str]] = []  # (attributes, raw text)
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRS and value and value.strip().lower().replace("\t", "").startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = found
        if tag == "h1" and self.h1 is None:
            self.h1 = []
        if tag == "meta" and (found.get("property") or found.get("name")):
            self.meta[found.get("property") or found.get("name")] = found.get("content") or ""
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source", "wbr", "path"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "h1" and self.h1 is not None:
            self.h1_done = True
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
            return
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)
        if self.stack and self.stack[-1] == "title":
            self.title.append(data)

    def close(self):
        super().close()
        if self._script is not None:
            self.scripts.append((self._script, ""))

    @property
    def h1_text(self) -> str:
        return "".join(self.h1 or [])

    def foreign_scripts(self) -> list[str]:
        """Scripts that are neither ours nor Material's, and data blocks that are not JSON."""
        bad = []
        for attrs, text in self.scripts:
            src, kind = attrs.get("src") or "", attrs.get("type") or ""
            if kind in ("application/ld+json", "application/json"):
                try:
                    json.loads(text)
                    continue
                except ValueError:
                    pass
            elif src and any(part in src for part in OUR_SCRIPTS) and not text.strip():
                continue
            elif not src and text.startswith(INLINE) and "alert" not in text:
                continue
            elif not src and text == SEARCH_SCRIPT and attrs.keys() == {"data-bantin-early"}:
                continue
            elif not src and text == REDIRECT_SCRIPT and attrs.keys() == {"data-bt-to"}:
                continue
            bad.append(f"<script {attrs}>{text[:80]}")
        return bad


def scan(html: str) -> Scan:
    parser = Scan()
    parser.feed(html)
    parser.close()
    return parser
