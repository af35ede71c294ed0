"""Converted Markdown kept between the rebuilds of `bantin serve` (live preview).

MkDocs' `serve` rebuilds the whole site after every save, and converting Markdown is a
third of a build although a save usually changes one file. A page's HTML depends on its
Markdown, its own address, the address of every page it may link to, the Markdown
settings and the documents the site cites; the first two are the key, the rest the
build's `signature`. Nothing stale can be shown: when the signature changes every page is
converted again, and a page is reused only with the very Markdown it was converted from.
The log lines a conversion wrote (a broken link) are kept and written again on reuse.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bantin.workers.logrecords import Record, recording, replay


@dataclass
class Conversion:
    """What converting one page leaves on it (MkDocs' `Page.render`), and what it logged."""

    content: str
    toc: object
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None  # target src_uri -> anchor -> link as written
    records: list[Record] = field(default_factory=list)


class ConversionCache:
    """One build's conversions, offered to the next build of the same process."""

    def __init__(self) -> None:
        self.signature: str | None = None
        self.previous: dict[tuple, Conversion] = {}
        self.current: dict[tuple, Conversion] = {}
        self.hits = self.misses = 0

    def start(self, signature: str) -> None:
        """A new build; only the last build's conversions are kept, and only if nothing
        they depend on globally has changed."""
        self.previous = self.current if signature == self.signature else {}
        self.current, self.signature = {}, signature
        self.hits = self.misses = 0

    def get(self, key: tuple) -> Conversion | None:
        found = self.previous.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.current[key] = found
        replay(found.records)
        return found

    def put(self, key: tuple, conversion: Conversion) -> None:
        self.current[key] = conversion

    def get_or_convert(self, key: tuple, convert: Callable[[], Conversion], logger: logging.Logger) -> Conversion:
        """The last build's conversion of `key`, else a new one, kept with what it logged."""
        found = self.get(key)
        if found is None:
            with recording(logger) as recorder:
                found = convert()
            found.records = recorder.records
            self.put(key, found)
        return found


def signature(addresses: list[tuple[str, str]], extensions: list, settings: dict, cited: list[str],
              documents: list[dict]) -> str:
    """Everything global a page's conversion depends on, as one string."""
    names = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}" for e in extensions]
    return json.dumps([sorted(addresses), names, settings, sorted(cited), documents], sort_keys=True,
                      default=lambda o: getattr(o, "__qualname__", type(o).__qualname__), ensure_ascii=False)


SERVE = ConversionCache()  # lives as long as the `bantin serve` process


class ServedSite:
    """The folder `bantin serve` shows, holding its last good build, while the next one is built
    beside it (adapter/preview.py); None outside a preview rebuild. The build reuses the picture
    variants found there (site/images.py Resizer._from_previous)."""

    path: Path | None = None


SERVED = ServedSite()
