"""Bullet, numbered and definition lists of an extracted page as Markdown lists.

trafilatura gives `<list rend="ul|ol|dl">` with `<item>`s, a nested list inside the item it
belongs to. Each item keeps its inline markup (links, bold) through the caller's inline
renderer; a nested list is indented four spaces under its item, the indentation
Python-Markdown needs to see it as nested (two spaces would flatten it into its parent).
"""

from __future__ import annotations

from typing import Callable

from bantin.text.vi import fold
from bantin.tools.importer.lines import clean_line, md_escape

# (item element) -> [(markdown, link text)] per paragraph, nested lists left out
Render = Callable[[object], list[tuple[str, str]]]

INDENT = "    "
MAX_DEPTH = 6  # hostile nesting ends in flat text, never in deep recursion


def _children(el, tag: str) -> list:
    return [c for c in el if isinstance(c.tag, str) and c.tag == tag]


def _item_text(item) -> str:
    """The item's own text, its nested lists left out (they are items of their own)."""
    parts = [item.text or ""]
    for child in item:
        if isinstance(child.tag, str) and child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return clean_line("".join(parts))


def list_lines(el, render: Render, depth: int = 0) -> tuple[list[str], list[str], bool]:
    """(Markdown lines, plain texts, every item only a link) of one list and its nested lists."""
    rend = el.get("rend", "ul")
    lines: list[str] = []
    plains: list[str] = []
    all_links = True
    number = 0
    term: str | None = None  # a <dt> waiting for its <dd>
    for item in _children(el, "item"):
        pairs = render(item)
        rendered = [md for md, _ in pairs if md]
        link_text = clean_line(" ".join(lt for _, lt in pairs))
        text = _item_text(item)
        if rendered:
            if not link_text or fold(link_text) != fold(text):
                all_links = False
            plains.append(text)
            md = " ".join(rendered)
            if rend == "dl" and item.get("rend", "").startswith("dt"):
                if term is not None:
                    lines.append(f"{INDENT * depth}- **{term}**")
                term = md
                continue
            if term is not None:
                md, term = f"**{term}**: {md}", None
            number += 1
            marker = f"{number}." if rend == "ol" else "-"
            lines.append(f"{INDENT * depth}{marker} {md}")
        for nested in _children(item, "list"):
            if depth + 1 < MAX_DEPTH:
                sub_lines, sub_plains, sub_links = list_lines(nested, render, depth + 1)
            else:
                text = clean_line("".join(nested.itertext()))
                sub_lines, sub_plains, sub_links = ([f"{INDENT * depth}  {md_escape(text)}"], [text], False) if text else ([], [], True)
            if sub_lines and not lines:  # a nested list with no item text above it
                lines.append(f"{INDENT * depth}-")
            lines += sub_lines
            plains += sub_plains
            all_links = all_links and sub_links
    if term is not None:
        lines.append(f"{INDENT * depth}- **{term}**")
    return lines, plains, all_links
