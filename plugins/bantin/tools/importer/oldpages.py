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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from bantin.config.settings import UrlPrefixes
from bantin.content.model import FOLDER_KINDS, KIND_FOLDERS
from bantin.site.ruletable import RuleTable
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
    """The host an address names, as one portal: lower case, no `www.` ('' for a path, and for
    an address no browser could follow, `http://[…` without its `]`: `urlsplit` refuses it, and
    one written in any file of the content folder made every import end in a traceback)."""
    try:
        return (urlsplit(address).netloc or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def portal_hosts(addresses: Iterable[str]) -> frozenset[str]:
    """The hosts of addresses on the old portal (the pages' own, the map's): the portal's."""
    return frozenset(host_of(address) for address in addresses) - {""}


class OldPages:
    """Old addresses → new pages, and the hosts that are the old portal's.

    Grows with `add` (a run's table, built once, `site.ruletable`) and can be read with a
    few pages more over it (`over`), neither copying nor changing it: a handbook run asked
    `query_rules` for its whole table once a question, and grew with the square of its length."""

    def __init__(self, known: Iterable[tuple[str, NewPage]], hosts: frozenset[str], *,
                 under: OldPages | None = None, published: str = "") -> None:
        """`known`: (old address, new page) pairs; `hosts`: the portal's (`portal_hosts`);
        `under`: the table these pages are over; `published`: a file whose pages are read as
        published (the handbook a question is written into: its own links stay links)."""
        self.hosts = hosts
        self._under, self._published = under, published
        self._pages: dict[str, NewPage] = {}
        self._rules = RuleTable(parent=under._rules if under else None)
        self.add(known)

    def add(self, known: Iterable[tuple[str, NewPage]]) -> None:
        """More pages; for a target named twice, the later page is the one found."""
        known = list(known)
        for _, page in known:
            self._pages[page.target] = page
        self._rules.add((old, page.target) for old, page in known)

    def over(self, known: Iterable[tuple[str, NewPage]], hosts: frozenset[str], published: str = "") -> OldPages:
        """These pages over this table's, hosts added (read before this table changes again)."""
        return OldPages(known, self.hosts | hosts, under=self, published=published)

    def on_portal(self, address: str) -> bool:
        """An absolute address on the portal's host, or a path on it (a root-relative link
        of a page whose host is unknown)."""
        return address.startswith("/") or host_of(address) in self.hosts

    def find(self, address: str) -> NewPage | None:
        """The new page an address of the portal became, None when none did."""
        parts = urlsplit(address)
        rule = self._rules.match(parts.path or "/", parts.query)
        if rule is None:
            return None
        page = self._page(rule.target)
        return replace(page, draft=False) if self._published and page.file == self._published else page

    def _page(self, target: str) -> NewPage:
        """The page of a target: this table's last, else the one's below."""
        table: OldPages | None = self
        while table is not None:
            if target in table._pages:
                return table._pages[target]
            table = table._under
        raise KeyError(target)  # every rule's target is a page's


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
