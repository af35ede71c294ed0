"""Which old portal pages already have a page on the new site, and which host is the portal.

An old address has a new page when an article of this run was saved from it, or when an
earlier import recorded it: a plain path in a page's `aliases:`, an address with a query in
the redirect map (`old /tin-tuc/<slug>/`, the slug a page's `slug:`; `old /hoi-dap/<handbook>/
<id>/`, a question: its handbook's file with the id as anchor). A link is known by the
rules the old host's server would apply (`site.redirectmap.query_rules`, `matching_rule`):
all the parameters recorded in any order and case, else the identifying one with its
DotNetNuke `tabid` beside it; never by a guess of our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from bantin.config.settings import UrlPrefixes
from bantin.content.model import FOLDER_KINDS, KIND_FOLDERS
from bantin.site.redirectmap import matching_rule, query_rules
from bantin.tools.importer.redirectmap import TARGET, moved_article
from bantin.tools.importer.sitepages import SitePage, folder_pages, handbook_questions


@dataclass(frozen=True)
class NewPage:
    """A page of the new site: its file relative to the content folder ('/'-separated),
    whether it is a draft (a published page must not link to one: the build stops), and for
    a question the id it has in its handbook (`anchor`)."""

    file: str
    draft: bool
    anchor: str = ""

    @property
    def target(self) -> str:
        """The file, and `#id` for a question: what a Markdown link names."""
        return f"{self.file}#{self.anchor}" if self.anchor else self.file


def host_of(address: str) -> str:
    """The host an address names, as one portal: lower case, no `www.` ('' for a path)."""
    return (urlsplit(address).netloc or "").lower().removeprefix("www.")


def portal_hosts(addresses: Iterable[str]) -> frozenset[str]:
    """The hosts of addresses on the old portal (the pages' own, the map's): the portal's."""
    return frozenset(host_of(address) for address in addresses) - {""}


class OldPages:
    """Old addresses → new pages, and the hosts that are the old portal's."""

    def __init__(self, known: Iterable[tuple[str, NewPage]], hosts: frozenset[str]) -> None:
        """`known`: (old address, new page) pairs; `hosts`: the portal's (`portal_hosts`)."""
        known = list(known)
        self.hosts = hosts
        self._pages = {page.target: page for _, page in known}
        self._rules = query_rules((old, page.target) for old, page in known)[0]

    def on_portal(self, address: str) -> bool:
        """An absolute address on the portal's host, or a path on it (a root-relative link
        of a page whose host is unknown)."""
        return address.startswith("/") or host_of(address) in self.hosts

    def find(self, address: str) -> NewPage | None:
        """The new page an address of the portal became, None when none did."""
        parts = urlsplit(address)
        rule = matching_rule(self._rules, parts.path or "/", parts.query)
        return self._pages[rule.target] if rule else None


# A map target that names a question: `/<urls: qa>/<handbook's address>/<id>/`.
QUESTION = re.compile(r"/([a-z0-9-]+)/([a-z0-9-]+)/([a-z0-9-]+)/?")


def recorded(content_dir: Path, map_pairs: Iterable[tuple[str, str]],
             prefixes: UrlPrefixes) -> list[tuple[str, NewPage]]:
    """(old address, new page) for what earlier imports recorded in `content_dir` and the
    redirect map. A map target names a page by its address (`/<segment>/<slug>/`): the
    segment says the folder (`urls:`), a segment none of the site's is the articles' of
    before (`moved_article`); or a question (`/<urls: qa>/<handbook>/<id>/`, `bantin import
    --handbook`'s lines). A target no page has is left out (`bantin check` names it)."""
    pages = folder_pages(content_dir)
    known = [(alias, NewPage(page.file, page.draft)) for page in pages for alias in page.aliases]
    by_address: dict[tuple[str, str], SitePage] = {}
    for page in pages:
        top = page.file.split("/", 1)[0]
        by_address.setdefault((top, page.address), page)
    folders = {getattr(prefixes, kind): folder for folder, kind in FOLDER_KINDS.items() if kind != "page"}
    questions: dict[str, SitePage] | None = None
    for old, new in map_pairs:
        match = TARGET.fullmatch(new)
        if match is None:
            question = QUESTION.fullmatch(new)
            if question is not None and question.group(1) == prefixes.qa:
                if questions is None:  # read once, and only for a map with questions
                    questions = handbook_questions(content_dir) or {}
                book = questions.get(f"{question.group(2)}/{question.group(3)}")
                if book is not None:
                    known.append((old, NewPage(book.file, book.draft, question.group(3))))
            continue
        slug = moved_article(new, prefixes)
        folder = KIND_FOLDERS["article"] if slug else folders.get(match.group(1))
        page = by_address.get((folder, match.group(2))) if folder else None
        if page is not None:
            known.append((old, NewPage(page.file, page.draft)))
    return known
