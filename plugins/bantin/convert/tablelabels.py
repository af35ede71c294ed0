"""Column names on each cell of a sanitised table, so a phone can show it row by row.

A table of three columns on a 360 px phone, at the reader's largest text, put one word on
each line ("Văn bản / của / người / làm / chứng …", eight lines a cell; a reader's review,
session 23), and it is the very answer to "cần giấy tờ gì". On a narrow screen bantin.css
shows each row as a block and each cell under its column's name, which CSS can only take
from an attribute: each `<td>` gets `data-label` (its column's header, as plain text) and
the table `data-bt-stack`. Printed and on a wide screen the table is a table.

Only plain tables are labelled: one header row of `<th>` cells in `<thead>`, no `colspan` or
`rowspan`, no table inside another and no iframe inside (its text is kept raw, not escaped,
so a `<td>` written there is not a cell), a `<table>` without attributes (as Markdown writes
it); every `<tbody>` of it is labelled.
Anything else is left as it is and scrolls sideways, as before. This runs after the
sanitiser, on its output (nh3 writes tags in lower case and quotes every attribute), and
writes only escaped text: a header's markup becomes its text, and `"`/`<`/`&` in it become
entities, so no label can end its attribute.
"""

from __future__ import annotations

import bisect
import html
import re

_TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>")
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL_OPEN = re.compile(r"<(td|th)\b([^>]*)>")
_BREAK = re.compile(r"<br\b[^>]*>|</?(?:p|div|li|ul|ol)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
MAX_LABEL = 80  # characters of a header kept as a label


def label_tables(page: str) -> str:
    """`page` (sanitised HTML) with its plain tables labelled for a narrow screen.

    One pass over the table tags, so the work is linear in the page: a table is labelled only
    when it is a bare `<table>` at the outermost level with no table inside it (an outer
    table's depth is counted whatever its attributes)."""
    if "<table>" not in page:
        return page
    frames = _frames(page)
    out, done, depth, start, plain = [], 0, 0, -1, True
    for tag in _TABLE_TAG.finditer(page):
        if frames and _inside(frames, tag.start()):
            if depth:
                plain = False  # an iframe's raw text in the table: not read as markup
            continue
        if tag.group(0) != "</table>":
            if depth == 0:
                start, plain = tag.start(), tag.group(0) == "<table>"
            else:
                plain = False  # a table inside: neither is labelled
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0 and plain:
                out += [page[done:start], _labelled(page[start + 7:tag.start()])]
                done = tag.end()
    return "".join(out) + page[done:] if out else page


def _frames(page: str) -> list[tuple[int, int]]:
    """Spans of `<iframe …>…</iframe>`, whose text the sanitiser keeps raw (not escaped): a
    `<td>` or `<table>` there is not markup (a hostile review)."""
    spans, at = [], page.find("<iframe")
    while at >= 0:
        end = page.find("</iframe>", at)
        end = len(page) if end < 0 else end + 9
        spans.append((at, end))
        at = page.find("<iframe", end)
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    index = bisect.bisect_right(spans, (at, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _labelled(inner: str) -> str:
    """One plain table (its inside), labelled when it has a header row and no merged cells."""
    whole = f"<table>{inner}</table>"
    if "colspan" in inner or "rowspan" in inner or "<iframe" in inner:
        return whole
    head = _HEAD.search(inner)
    if head is None or "<tbody>" not in inner or head.group(1).count("<tr") != 1:
        return whole  # no header row, or two (which one names a cell?)
    labels = [_text(cell) for cell in _TH.findall(head.group(1))]
    if len(labels) < 2 or not any(labels):
        return whole
    bodies = _BODY.sub(lambda body: "<tbody>" + _ROW.sub(lambda row: _row(row, labels), body.group(1)) + "</tbody>",
                       inner)  # every <tbody>
    return f"<table data-bt-stack>{bodies}</table>"


def _row(row: re.Match, labels: list[str]) -> str:
    """A body row with each data cell labelled by its column: a header cell starting the row
    (a row's own name) takes its column's label too, so the cells after it keep theirs."""
    cells = iter(labels)

    def cell(opened: re.Match) -> str:
        label = next(cells, "")
        if opened.group(1) != "td" or not label:
            return opened.group(0)
        return f'<td{opened.group(2)} data-label="{html.escape(label, quote=True)}">'

    return row.group(0)[:row.start(1) - row.start(0)] + _CELL_OPEN.sub(cell, row.group(1)) + "</tr>"


def _text(cell: str) -> str:
    """A header cell's text: inline tags dropped as they are (m<sup>2</sup> is "m2"), line
    breaks and blocks as spaces, entities read, spaces collapsed, length capped."""
    text = " ".join(html.unescape(_TAG.sub("", _BREAK.sub(" ", cell))).split())
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"
