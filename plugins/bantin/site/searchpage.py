"""The search page carries its own search script and the index's manifest (issue 16).

A reader who opens /tim-kiem/?q=… on a slow line used to wait four round trips, one after the
other: the page, then bantin-search.js and manifest.js, then the question's term files, then
the first results' documents. On Chrome's Fast 3G preset (562.5 ms a round trip) that was 3.0 s
at 10,000 articles. Both files of the second round trip now travel inside the page, which
saves one (measured 3.0 -> 2.3 s, docs/performance.md):

- the script, as the build serves it (`inline_script`), written by the page's template;
- the manifest, written into the built page once the search index is done (`embed_manifest`):
  it depends on the whole index, which the second core builds while pages are rendered.

The two files stay where they were, for the header box of every other page, for Material's
instant navigation (which runs no head script of the new page) and for a page kept in the
browser's cache across a build (the script sees that the manifest it holds no longer fits
the term files and fetches manifest.js, as before).

Editors' text (category titles) is part of the manifest. It goes into a
`<script type="application/json">` element, which the browser never runs, with every `<`,
`>` and `&` written as a JSON escape: nothing in it can close the element or open a comment.
A site's own bantin-search.js stays a file (adapter/themedir.inline_scripts), and so would
ours if it ever held text that ends or rereads a script element (`inline_script`).
"""

from __future__ import annotations

import re

MANIFEST_ID = "bantin-search-manifest"

# Past this the manifest (about 4 bytes an item, plus the term bounds) would hold back the
# page's first paint more than the round trip it saves: above roughly 60,000 items the page
# keeps fetching manifest.js itself.
INLINE_LIMIT = 256 * 1024

_ELEMENT = re.compile(r'<script type="application/json" id="' + MANIFEST_ID + r'"[^<>]*>([^<]*)</script>')
_UNSAFE_IN_SCRIPT = re.compile(r"<!--|</?script", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TO_ESCAPE = re.compile("[<>&\u2028\u2029]")


def inline_script(text: str) -> str | None:
    """`text` if it can stand between `<script>` and `</script>` as it is, else None.

    The HTML parser ends a script element at the first `</script` whatever the JavaScript
    means by it, and `<!--` followed by `<script` changes how it looks for that end.
    """
    return None if _UNSAFE_IN_SCRIPT.search(text) else text


def manifest_data(manifest_json: str) -> str:
    """The manifest's JSON as the text of a data element: the same value for JSON.parse,
    without a character that HTML reads as markup. Outside strings JSON has none of these."""
    return _TO_ESCAPE.sub(lambda m: _JSON_ESCAPES[m.group()], manifest_json)


def embed_manifest(html: str, manifest_json: str) -> str | None:
    """`html` (the built search page) with `manifest_json` in its manifest element.

    None when nothing should be written: the page has no such element (a site's own
    template), or the manifest is past INLINE_LIMIT (the element stays empty and the script
    fetches manifest.js). Writing again replaces the previous manifest (live preview)."""
    if not manifest_json or len(manifest_json) > INLINE_LIMIT:
        return None
    data = manifest_data(manifest_json)
    found = _ELEMENT.search(html)
    if found is None:
        return None
    return html[:found.start(1)] + data + html[found.end(1):]
