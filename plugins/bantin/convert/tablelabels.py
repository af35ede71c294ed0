"""Column names on each cell of a sanitised table, so a phone can show it row by row.

A table of three columns on a 360 px phone, at the reader's largest text, put one word on
each line ("Văn bản / của / người / làm / chứng …", eight lines a cell; a reader's review,
session 23), and it is the very answer to "cần giấy tờ gì". On a narrow screen bantin.css
shows each row as a block and each cell under its column's name, which CSS can only take
from an attribute: each `<td>` gets `data-label` (its column's header, as plain text) and
the table `data-bt-stack`. Printed and on a wide screen the table is a table.

Only plain tables are labelled: a header row of `<th>` cells in `<thead>`, no `colspan` or
`rowspan`, no table inside another, a `<table>` without attributes (as Markdown writes it).
Anything else is left as it is and scrolls sideways, as before. This runs after the
sanitiser, on its output (nh3 writes tags in lower case and quotes every attribute), and
writes only escaped text: a header's markup becomes its text, and `"`/`<`/`&` in it become
entities, so no label can end its attribute.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_TD_OPEN = re.compile(r"<td\b([^>]*)>")
_TAG = re.compile(r"<[^>]*>")
MAX_LABEL = 80  # characters of a header kept as a label


def label_tables(page: str) -> str:
    """`page` (sanitised HTML) with its plain tables labelled for a narrow screen."""
    if "<table>" not in page:
        return page
    return _TABLE.sub(_labelled, page)


def _labelled(match: re.Match) -> str:
    inner = match.group(1)
    if "<table" in inner or "colspan" in inner or "rowspan" in inner:
        return match.group(0)
    head, body = _HEAD.search(inner), _BODY.search(inner)
    if head is None or body is None:
        return match.group(0)
    labels = [_text(cell) for cell in _TH.findall(head.group(1))]
    if len(labels) < 2 or not any(labels):
        return match.group(0)
    rows = _ROW.sub(lambda row: _row(row, labels), body.group(1))
    inner = inner[:body.start(1)] + rows + inner[body.end(1):]
    return f"<table data-bt-stack>{inner}</table>"


def _row(row: re.Match, labels: list[str]) -> str:
    cells = iter(labels)

    def cell(td: re.Match) -> str:
        label = next(cells, "")
        if not label or "data-label" in td.group(1):
            return td.group(0)
        return f'<td{td.group(1)} data-label="{html.escape(label, quote=True)}">'

    return row.group(0)[:row.start(1) - row.start(0)] + _TD_OPEN.sub(cell, row.group(1)) + "</tr>"


def _text(cell: str) -> str:
    """A header cell's text: tags dropped, entities read, spaces collapsed, length capped."""
    text = " ".join(html.unescape(_TAG.sub(" ", cell)).split())
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"
