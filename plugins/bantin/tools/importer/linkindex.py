"""The lines of a handbook's text that link to the old portal, filed by what their addresses hold (session 38).

A `--handbook` run makes the links of its earlier answers to a question's old address links
to that question, in the write that adds it (`handbook._link_back`). Found by reading every
line of the handbook for each question, a run of N questions read N handbooks growing to N
questions: 1,500 linked questions spent half their time there. Here the lines are read once
a run: each written link (`relink.written_addresses`) is filed under its path, lower case,
and under that path with each of its query's parts, lower case (`?ItemID=5&tabid=7`: two);
a question reads only the lines filed under one part of each of its addresses.

Why no line is missed: a link leads to a question when the old server's rules send its
address there (`OldPages.find` → `RuleTable.match`), and every rule matches a request only
on its own path (case aside) and only when the request holds every one of its parameters
(case aside): an address with parameters makes a rule of all of them and, when a part
identifies the page, a fallback of that part and its DotNetNuke scope (`fallback_params`,
some of them). So a link that can lead to it holds each part of that fallback, or each of
its parameters when there is none: the index reads the lines of one of those parts, the one
with fewest lines. An address without parameters matches every request on its path: the
lines of the path are read. An address `urlsplit` cannot read (`http://[…`) is on no host
(`oldpages.host_of`) and matches nothing: it is filed nowhere.

The index follows the text it is given, keyed by the text itself: the next question's text
is usually the last one with a question appended (`_with_question` writes it after the text,
which ends with one line break): its lines are kept, the new ones filed. Any other text (the
handbook edited between two questions, a write refused after a link was made, a handbook that
ended with blank lines) is filed anew, whole. So what it answers never depends on the texts
it saw before, only what it costs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bantin.site.redirectmap import fallback_params, query_params
from bantin.tools.importer.relink import written_addresses

_Key = tuple[str, str]  # (path, one part of the query or "" for the path alone), lower case


def filed_under(address: str) -> set[_Key]:
    """Where a link to `address` is filed: its path, and its path with each part of its query."""
    parts = _split(address)
    if parts is None:
        return set()
    path, query = parts
    return {(path, "")} | {(path, part.lower()) for part in query_params(query)}


def looked_up(address: str) -> list[_Key]:
    """Where the links that can lead to `address` are all filed, each key one choice: the
    parts of its fallback (else of its query); its path alone when it has no query."""
    parts = _split(address)
    if parts is None:
        return []
    path, query = parts
    held = fallback_params(query) or tuple(query_params(query))
    return [(path, part.lower()) for part in held] or [(path, "")]


def _split(address: str) -> tuple[str, str] | None:
    """(path as `RuleTable` files it: lower case, "/" for none; query), None when unreadable."""
    try:
        parts = urlsplit(address)
    except ValueError:  # `http://[…`: on no host (`OldPages.on_portal`), no rule matches it
        return None
    return (parts.path or "/").lower(), parts.query


class LinkIndex:
    """Line numbers (1-based) of one text by the paths and query parts of the links written in them."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._lines: list[str] = []
        self._filed: dict[_Key, set[int]] = {}  # key → numbers of the lines with a link filed under it
        self._keys: dict[int, set[_Key]] = {}  # line number → the keys it is filed under

    def lines(self, text: str, addresses: list[str]) -> list[tuple[int, str]]:
        """(number, line) of lines of `text`, ascending, among them every line with a link
        that can lead to one of `addresses` (few more: those of one part of each address)."""
        self._follow(text)
        numbers: set[int] = set()
        for address in addresses:
            choices = [self._filed.get(key, set()) for key in looked_up(address)]
            numbers |= min(choices, key=len, default=set())
        return [(number, self._lines[number - 1]) for number in sorted(numbers)]

    def line(self, number: int) -> str:
        """Line `number` of the text last given to `lines`."""
        return self._lines[number - 1]

    def replaced(self, changed: dict[int, str]) -> str:
        """The last text with these lines (number → new line) replaced and filed again; the
        text followed from now on. Each line is put in place by its distance from the end,
        counted over the lines after it (the run's links are in its last answers): joining
        every line again was a run's largest cost that grew with the handbook."""
        assert self._text is not None
        text = self._text
        for number, line in changed.items():
            index = number - 1
            start = len(text) - sum(map(len, self._lines[index:])) - (len(self._lines) - 1 - index)
            text = "".join((text[:start], line, text[start + len(self._lines[index]):]))
            self._unfile(number)
            self._lines[index] = line
            self._file(number)
        self._text = text
        return text

    def _follow(self, text: str) -> None:
        """File `text`: from the last text's last line on when it begins with the last text
        (a question appended after it), else whole."""
        if text == self._text:
            return
        if self._text is None or not text.startswith(self._text):
            self._text, self._lines, self._filed, self._keys = text, text.split("\n"), {}, {}
            for number in range(1, len(self._lines) + 1):
                self._file(number)
            return
        kept = len(self._lines) - 1  # the last line may go on in `text`; those above it stand as they were
        start = len(self._text) - len(self._lines[-1])
        self._unfile(kept + 1)
        self._lines[kept:] = text[start:].split("\n")
        for number in range(kept + 1, len(self._lines) + 1):
            self._file(number)
        self._text = text

    def _file(self, number: int) -> None:
        keys = set().union(*map(filed_under, written_addresses(self._lines[number - 1])))
        if keys:
            self._keys[number] = keys
            for key in keys:
                self._filed.setdefault(key, set()).add(number)

    def _unfile(self, number: int) -> None:
        for key in self._keys.pop(number, ()):
            self._filed[key].discard(number)
