"""Page paths and URLs (DESIGN §4).

A *path* is the site-root-relative address without decoration: 'tin-tuc/slug', '' for the
home page. The URL and output file follow from it and from the build flavour: directory
URLs ('tin-tuc/slug/' → 'tin-tuc/slug/index.html') for http hosting, file URLs
('tin-tuc/slug.html') for the offline copy opened from file://.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote
from dataclasses import dataclass

from bantin.config.settings import UrlPrefixes


def join(*parts: str) -> str:
    return "/".join(p.strip("/") for p in parts if p and p.strip("/"))


_FOLDER_PAGES = frozenset({"index", "README"})  # MkDocs' File: the stem of a folder's own page


@dataclass(frozen=True)
class UrlScheme:
    prefixes: UrlPrefixes
    directory_urls: bool = True

    # --- paths ------------------------------------------------------------------------
    def item(self, kind: str, slug: str) -> str:
        return join(getattr(self.prefixes, kind), slug)

    def question(self, handbook_path: str, qid: str) -> str:
        return join(handbook_path, qid)

    def short(self, qid: str) -> str:
        return join(self.prefixes.short, qid)

    def paged(self, base: str, page: int) -> str:
        """Page N of a listing: 'chuyen-muc/x' then 'chuyen-muc/x/trang/2'."""
        return base if page <= 1 else join(base, self.prefixes.pagination, str(page))

    def category(self, slug: str = "") -> str:
        return join(self.prefixes.category, slug)

    def tag(self, slug: str = "") -> str:
        return join(self.prefixes.tag, slug)

    def year(self, year: int | str = "") -> str:
        return join(self.prefixes.year, str(year))

    def document(self, slug: str = "") -> str:
        return join(self.prefixes.document, slug)

    def search(self) -> str:
        return self.prefixes.search

    def feed(self, category_slug: str = "") -> str:
        """The site's Atom feed, or a category's: 'feed.xml', 'chuyen-muc/<slug>/feed.xml'."""
        return join(self.category(category_slug), "feed.xml") if category_slug else "feed.xml"

    # --- URLs and files ---------------------------------------------------------------
    def url(self, path: str) -> str:
        """Site-root-relative URL of a page path, as MkDocs' `url` filter expects it."""
        if not path:
            return "./" if self.directory_urls else "index.html"
        return path + "/" if self.directory_urls else path + ".html"

    @staticmethod
    def public(path: str) -> str:
        """The page's address on the public site, relative to `site_url`, in the online
        flavour's form ('tin-tuc/slug/', '' for the home page) whatever this build's flavour.

        QR codes, printed links, feeds and JSON-LD carry it. The offline copy's own URL
        ('tin-tuc/slug.html') exists only on the USB stick: a code printed from that copy
        must still open the page on the public host, where that name is a 404 (issue 15).
        The online flavour is the directory form: a build without it is the offline one
        (adapter.plugin drops `site_url` there)."""
        return path + "/" if path else ""

    @staticmethod
    def page_of(address: str) -> str:
        """The page path of an address or output file, whichever flavour wrote it: 'a/b/',
        'a/b/index.html' and 'a/b.html' are 'a/b'; '', 'index.html' the home page ''. One key
        for the paths that end up in one output file."""
        clean = address.strip("/")
        for suffix in ("/index.html", "index.html", ".html"):
            if clean.endswith(suffix):
                return clean[: -len(suffix)].strip("/")
        return clean

    def dest(self, path: str) -> str:
        """Output file of a page path."""
        if not path:
            return "index.html"
        return path + "/index.html" if self.directory_urls else path + ".html"

    def src_uri(self, path: str) -> str:
        """Virtual source name of a generated page; MkDocs derives `dest` from it.

        MkDocs writes a source named `index.md` (or `README.md`) as its folder's page, so a
        generated page whose last segment is one of those names (the tag «Index»: 'the/index')
        gets one folder more with directory URLs, where MkDocs would have written it over the
        folder's own page ('the/index.html', the list of tags: the whole build stopped on one
        tag, hostile review, session 53). The offline flavour's `the/index.html` is already
        apart from the list's `the.html`."""
        if not path:
            return "index.md"
        if self.directory_urls and posixpath.basename(path) in _FOLDER_PAGES:
            return path + "/index.md"
        return path + ".md"

    @staticmethod
    def redirect_file(old_path: str, directory_urls: bool = True) -> str:
        """Output file for a redirect from an old path: keeps '.html' names as they were.

        Percent-decoded: the web server decodes `/tin-tuc/%C4%91at.html` before it looks
        for the file, so the file is `tin-tuc/đat.html`."""
        clean = unquote(old_path).strip("/")
        if posixpath.splitext(clean)[1]:
            return clean
        if not clean:
            return "index.html"
        return clean + "/index.html" if directory_urls else clean + ".html"
