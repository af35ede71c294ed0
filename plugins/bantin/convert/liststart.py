"""A numbered list keeps the number it starts with (`3.` after a paragraph stays 3).

Python-Markdown ignores a list's first number by default (`LAZY_OL`): steps 3 and 4 of a
procedure written after a paragraph that interrupts the list were published as 1 and 2,
with no word to the editor (a guide editor's trial, session 55). CommonMark and GitHub's
preview keep the first number, and a reader of a legal procedure must
see the number the text names ("bước 3"). Only the first number counts, as in HTML's
`<ol start>`: the items after it follow on from it.
"""

from __future__ import annotations

from markdown.extensions import Extension


class ListStartExtension(Extension):
    """Turns off `LAZY_OL` on this Markdown instance's ordered-list processor only."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        olist = md.parser.blockprocessors["olist"]
        olist.LAZY_OL = False


def makeExtension(**kwargs) -> ListStartExtension:  # noqa: N802 (Python-Markdown's name)
    return ListStartExtension(**kwargs)
