"""Which top tab a page outside the navigation belongs to (the reader's trial, session 51).

Material marks the tab of the section that holds the page in the navigation. An article, a
question, a document's page or a year's list is in no navigation entry, so no tab was marked:
a reader on an article of «Tin tức» saw the tabs as on no section at all. Such a page belongs
to the tab whose address its own address continues (`tin-tuc/` → `tin-tuc/bai-mot/`), the
longest if several do; the home page's tab (the site's root) holds every page and so marks
none.

Addresses, not content folders: a site may publish `content/tin-tuc/` under another segment
(config/urlprefixes.py). Read from the written file's path the same way whichever
`use_directory_urls` a site sets: `tin-tuc/index.html` and `tin-tuc.html` are both the
address `tin-tuc`. Plain function of paths: tests need no build.
"""

from __future__ import annotations


def address(dest_uri: str) -> tuple[str, ...]:
    """The segments of the address a written page stands for, as folders per page would
    write it: `tin-tuc/index.html`, `tin-tuc.html` → ('tin-tuc',); `index.html` → ()."""
    path = dest_uri[:-len(".html")] if dest_uri.endswith(".html") else dest_uri
    parts = [part for part in path.split("/") if part]
    if parts and parts[-1] == "index":
        parts.pop()
    return tuple(parts)


def section_tab(page_dest: str, tab_dests: list[str | None]) -> int | None:
    """Index of the tab whose address the page's continues (the longest such), or None.

    `tab_dests[i]` is the `dest_uri` of the page tab i opens, None for a tab that opens no
    page of the site (a link elsewhere). A tab at the site's root holds every page: skipped;
    of two tabs at one address, the first."""
    page = address(page_dest)
    best, depth = None, 0
    for index, dest in enumerate(tab_dests):
        if dest is None:
            continue
        target = address(dest)
        if len(target) > depth and page[:len(target)] == target:
            best, depth = index, len(target)
    return best
