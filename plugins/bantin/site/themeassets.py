"""What the build serves in place of our theme's own stylesheets and scripts (issue 15).

An article's first view must stay under 100 KB gzipped (DESIGN §6). Our four files are served
without comments and indentation (text/minify.py), and bantin-search.css, which styles the
search box in every page's header, travels inside bantin.css: one request less on every
first visit. It is still served on its own, for a province's template that links it.

Only files that come from our package are rewritten: a site that overrides one of them in its
`custom_dir` (or in content/) gets its own bytes as written, and then the two stylesheets stay
apart, so main.html links both (`styles_apart`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bantin.site import searchpage
from bantin.text import minify

STYLES = "assets/stylesheets/bantin.css"
SEARCH_STYLES = "assets/stylesheets/bantin-search.css"
SCRIPTS = ("assets/javascripts/bantin.js", "assets/javascripts/bantin-search.js")
OURS = (STYLES, SEARCH_STYLES, *SCRIPTS)
INLINED = ("assets/javascripts/bantin-search.js",)  # inside the search page too (site/searchpage.py)


@dataclass(frozen=True)
class Served:
    texts: dict[str, str] = field(default_factory=dict)  # path → what to serve there instead
    styles_apart: bool = True  # main.html must link bantin-search.css itself


def served(ours: dict[str, str]) -> Served:
    """Our files' served texts, given the text of each of OURS that the build takes from our package."""
    texts = {rel: (minify.css if rel.endswith(".css") else minify.js)(text)
             for rel, text in ours.items() if rel in OURS}
    together = STYLES in texts and SEARCH_STYLES in texts
    if together:
        texts[STYLES] = texts[STYLES] + "\n" + texts[SEARCH_STYLES]
    return Served(texts, styles_apart=not together)


def inline_texts(served: Served) -> dict[str, str]:
    """Path -> served text of each of INLINED that a page may carry inside it: only what
    `served` made of our package's own file (a site's copy may not be UTF-8 or may expect to
    be a file), and only text that can stand inside a script element (searchpage.inline_script)."""
    return {rel: served.texts[rel] for rel in INLINED
            if rel in served.texts and searchpage.inline_script(served.texts[rel]) is not None}


def version(data: bytes) -> str:
    """"?v=" and ten hex digits of the file's SHA-256: its address changes with its content, so
    hosts may let browsers keep it (docs/hosting.md, "Bộ nhớ đệm trình duyệt": browser cache)."""
    return "?v=" + hashlib.sha256(data).hexdigest()[:10]
