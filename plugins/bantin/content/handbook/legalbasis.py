"""An answer's legal basis: its closing paragraph that begins with `Căn cứ pháp lý:` (DESIGN §3).

The paragraph is tagged for its box on the page and kept apart for the question's page and
print; Word's bold or italics around it are read as the plain form (session 40).
"""

from __future__ import annotations

from bantin.content.handbook.headings import emphasis_mark

LEGAL_BASIS = "Căn cứ pháp lý:"


def mark_legal_basis(answer: str) -> tuple[str, str]:
    """(answer with its closing 'Căn cứ pháp lý:' paragraph tagged for styling, that paragraph)."""
    stripped = answer.rstrip()
    start = stripped.rfind("\n\n") + 2 if "\n\n" in stripped else 0
    found = _legal_basis(stripped[start:])
    if found is None:
        return answer, ""
    paragraph, basis = found
    return stripped[:start] + paragraph + "\n{: .bt-can-cu }\n", basis


def _legal_basis(paragraph: str) -> tuple[str, str] | None:
    """(the paragraph as its box shows it, the basis) of a 'Căn cứ pháp lý:' paragraph, or None.

    Word italicises or bolds that line, so a paste gives `*Căn cứ pháp lý: …*`, `**Căn cứ
    pháp lý:** …`, `_Căn cứ pháp lý:_ …`, `**Căn cứ pháp lý**: …`: read as the plain form, the
    box is the emphasis (an outsider's trial, session 40: they lost their box without a
    word). The label's marks go; a paragraph emphasised whole loses its marks, unless they
    close inside it (`*…: Điều 7* và *Điều 8*`: kept as written, no box)."""
    if paragraph.startswith(LEGAL_BASIS):
        return paragraph, paragraph[len(LEGAL_BASIS):].strip()
    mark = emphasis_mark(paragraph)
    label = LEGAL_BASIS[:-1]
    if not mark or not paragraph.startswith(label, len(mark)):
        return None
    rest = paragraph[len(mark) + len(label):]
    if rest.startswith((":" + mark, mark + ":")):  # the label alone: `**Căn cứ pháp lý:** Điều 7.`
        basis = rest[len(mark) + 1:].strip()
    elif rest.startswith(":") and paragraph.endswith(mark) and mark not in rest[1: len(rest) - len(mark)]:
        basis = rest[1: len(rest) - len(mark)].strip()  # the whole paragraph: `*Căn cứ pháp lý: Điều 7.*`
    else:
        return None
    return f"{LEGAL_BASIS} {basis}".rstrip(), basis
