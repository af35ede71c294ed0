"""The Python-Markdown extension that links document numbers and records what a page cites.

Plain Python-Markdown (no MkDocs): a treeprocessor finds numbers in prose with
``bantin.legal.numbers``, never inside code, links or headings, wraps the author's text in a
link when the build gives an address for it, and lists every reference on ``md.bantin_refs``.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from bantin.legal.numbers import DocRef, find_references
from bantin.legal.registry import Registry

__all__ = ["LegalRefsExtension"]


# Content never scanned (not prose) and elements whose text is recorded but never linked.
_CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
_NO_LINK_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "option"})
# One optional '/' between the spaces and no lazy scan before `\s*>`: linear on any tag.
_RAW_TAG = re.compile(r"<\s*(?:(/)\s*)?([a-zA-Z]+)\b([^<>]*)>", re.DOTALL)
_INLINE_MARK = "\u2060"  # stands for an inline tag boundary: stops a number, not a sentence
_BLOCK_MARK = "\n\n"  # a block boundary: a date in the next paragraph does not count


class _LegalRefsTreeprocessor(Treeprocessor):
    """Finds references in the final tree and wraps them in ``<a class="vanban">`` (or, with no
    page to link to, ``<span class="vanban-so">``).

    The text of the whole document is concatenated (inline tags as an invisible mark, block
    tags as a line break) so that "**Nghị định** số 42/2022/NĐ-CP ngày …" keeps its context
    across tags and one scan serves the page.
    """

    def __init__(self, md, extension: LegalRefsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        refs: list[DocRef] = []
        self.md.bantin_refs = refs
        pieces: list[str] = []
        # One slot per text or tail: (start in plain text, length, element, parent when it is
        # a tail, linkable, raw-HTML marks or None). Marks are (offset, inside <a>, inside <code>).
        slots: list[tuple[int, int, etree.Element, etree.Element | None, bool, list | None]] = []
        raw = [0, 0]  # raw-HTML <a> and <code>-like tags open at this point
        length = 0
        is_block = self.md.is_block_level
        stash = self.md.htmlStash.rawHtmlBlocks

        def add(element, parent, text, nolink):
            nonlocal length
            marks = None
            if raw[0] or raw[1] or "\x02" in text:
                marks = [(0, raw[0] > 0, raw[1] > 0)]
                for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
                    if _track_raw_tag(stash, int(placeholder.group(1)), raw):
                        marks.append((placeholder.end(), raw[0] > 0, raw[1] > 0))
            linkable = not nolink and not isinstance(text, AtomicString)
            slots.append((length, len(text), element, parent, linkable, marks))
            pieces.append(text)
            length += len(text)

        def walk(element, code, nolink):
            nonlocal length
            if element.text and not code:
                add(element, None, element.text, nolink)
            for child in element:
                tag = child.tag
                if isinstance(tag, str):
                    child_code = code or tag in _CODE_TAGS
                    mark = _BLOCK_MARK if is_block(tag) else _INLINE_MARK
                    pieces.append(mark)
                    length += len(mark)
                    walk(child, child_code, nolink or child_code or tag in _NO_LINK_TAGS)
                    pieces.append(mark)
                    length += len(mark)
                if child.tail and not code:
                    add(child, element, child.tail, nolink)

        walk(root, False, False)
        plain = "".join(pieces)
        if "/" not in plain:
            return
        starts = [slot[0] for slot in slots]
        resolve, registry = self.extension.resolve, self.extension.registry
        links: dict[int, list[tuple[int, int, str, str]]] = {}
        for ref in find_references(plain, registry):
            index = bisect.bisect_right(starts, ref.start) - 1
            if index < 0:
                continue
            start, size, _element, _parent, linkable, marks = slots[index]
            local, local_end = ref.start - start, ref.end - start
            if local_end > size:
                continue  # spans two text nodes: the marks prevent it, but never link across
            in_a = in_code = False
            for offset, a, c in marks or ():
                if offset > local:
                    break
                in_a, in_code = a, c
            if in_code:
                continue
            refs.append(ref)
            if linkable and not in_a and resolve is not None:
                url = resolve(ref) or ""
                title = self.extension.title_for(ref) if url else ""
                links.setdefault(index, []).append((local, local_end, url, title))
        for index, found in links.items():
            _start, _size, element, parent, _linkable, _marks = slots[index]
            text = element.tail if parent is not None else element.text
            _wrap(element, parent, text, found)


def _track_raw_tag(stash: list, index: int, raw: list[int]) -> bool:
    """Update the open raw <a>/<code> counts for one stashed inline HTML tag; True if changed."""
    html = stash[index] if index < len(stash) else None
    tag = _RAW_TAG.fullmatch(html.strip()) if isinstance(html, str) else None
    if tag is None or tag.group(3).rstrip().endswith("/"):  # not a single tag, or self-closing
        return False
    name = tag.group(2).lower()
    which = 0 if name == "a" else 1 if name in _CODE_TAGS else None
    if which is None:
        return False
    raw[which] = max(0, raw[which] + (-1 if tag.group(1) else 1))
    return True


def _wrap(element, parent, text: str, found: list[tuple[int, int, str, str]]) -> None:
    """Replace the text (or tail) of ``element`` by text and ``<a class="vanban">`` elements.

    A number the build has no page for (``url`` empty) is wrapped in ``<span class="vanban-so">``
    instead: the style sheet keeps it on one line as it does a linked one, since browsers break
    after the hyphen of «15/2014/NĐ-CP» and a phone showed «NĐ-» at a line's end (session 48)."""
    anchors = []
    for position, (start, end, url, title) in enumerate(found):
        if url:
            anchor = etree.Element("a", {"href": url, "class": "vanban", "title": title})
        else:
            anchor = etree.Element("span", {"class": "vanban-so"})
        anchor.text = AtomicString(text[start:end])  # keeps abbr/smarty out of the number
        following = found[position + 1][0] if position + 1 < len(found) else len(text)
        anchor.tail = text[end:following]
        anchors.append(anchor)
    head = text[: found[0][0]]
    if parent is None:
        element.text = head
        at = 0
        container = element
    else:
        element.tail = head
        at = next(i for i, child in enumerate(parent) if child is element) + 1
        container = parent
    for offset, anchor in enumerate(anchors):
        container.insert(at + offset, anchor)


class LegalRefsExtension(Extension):
    """Python-Markdown extension: link document numbers and record what a page cites.

    ``resolve(ref)`` returns the href for a reference or None to leave it as text (it is still
    recorded). After each conversion ``md.bantin_refs`` lists every reference found outside
    code, in order (repeats included), so the build knows which documents a page cites.
    Links are not made inside existing links (Markdown or raw HTML ``<a>``) or headings (the
    table of contents and permalinks wrap heading text in links of their own).
    """

    #: Runs after inline parsing (20) and before attr_list (8), abbr (7), smarty (6), toc (5)
    #: and MkDocs' link rewriting (0), which therefore also validates and relativises our hrefs.
    PRIORITY = 9

    def __init__(
        self,
        resolve: Callable[[DocRef], str | None] | None = None,
        registry: Registry | None = None,
        name: Callable[[DocRef], str] | None = None,
        **kwargs,
    ) -> None:
        self.resolve = resolve
        self.registry = registry
        self.name = name  # a law's name as the site's pages write it (legal/names.py), else ""
        self.md = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        self.md = md
        md.bantin_refs = []
        md.registerExtension(self)
        md.treeprocessors.register(_LegalRefsTreeprocessor(md, self), "bantin_legalrefs", self.PRIORITY)

    def reset(self) -> None:
        """Forget the previous conversion's references (``Markdown.reset()`` calls this)."""
        if self.md is not None:
            self.md.bantin_refs = []

    def title_for(self, ref: DocRef) -> str:
        """Tooltip: the registered title, else the name the site's pages write before the
        number, and the status when out of force."""
        document = self.registry.get(ref.key) if self.registry is not None else None
        title = document.title if document is not None and document.title else ""
        if not title and self.name is not None:
            title = self.name(ref)
        text = f"{title} ({ref.number})" if title else ref.label
        if document is not None and not document.in_force and document.status_label:
            text += f" – {document.status_label.lower()}"
        return text


def makeExtension(**kwargs) -> LegalRefsExtension:  # noqa: N802 (Python-Markdown's name)
    """Entry point for ``markdown.Markdown(extensions=["bantin.legal.markdown"])``: records only."""
    return LegalRefsExtension(**kwargs)
