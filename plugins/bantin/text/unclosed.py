"""The '<' that nothing after them closes (issue 12, session 38).

Python's HTML parser (before Python 3.13.5 and 3.11.13) scans to the end of the text from each
'<' that starts something never closed, then steps one character: quadratic. Python-Markdown
hands every document to it, and so does the link check (`content.htmlblocks`, which runs
Python-Markdown's own extractor). Both replace these '<' first when there are more than FEW
(`convert.htmlguard` in the build). One pass, counts in C before it.
"""

from __future__ import annotations

import re

FEW = 32  # unclosed '<' the parser may scan past: 32 × 300 KB is still well under a second
_OPENER = re.compile(r"<(?=[A-Za-z/!?])")


def _may_have_many_unclosed(text: str) -> bool:
    """Cheap test (counts in C) before `unclosed_openers`: more than FEW '<' could be unclosed."""
    after_last_tag = text.count("<", text.rfind(">") + 1)
    comments = text.count("<!--", text.rfind("-->") + 1) if "<!--" in text else 0
    cdata = text.count("<![CDATA[", text.rfind("]]>") + 1) if "<![" in text else 0
    return after_last_tag + comments + cdata > FEW


def unclosed_openers(text: str) -> list[int]:
    """Offsets of every '<' that starts a tag-like thing nothing after it closes (one pass)."""
    last_gt = text.rfind(">")
    last_comment = text.rfind("-->")
    last_cdata = text.rfind("]]>")
    found = []
    for match in _OPENER.finditer(text, 0):
        start = match.start()
        if start > last_gt:
            found.append(start)
        elif text.startswith("<!--", start) and last_comment < start + 4:
            found.append(start)
        elif text.startswith("<![CDATA[", start) and last_cdata < start:
            found.append(start)
    return found


def many_unclosed(text: str) -> list[int]:
    """Offsets of the '<' nothing closes, when there are more than FEW (else none): the ones
    `defuse` replaces, and `content.htmlblocks` too before running the same parser."""
    if "<" not in text or not _may_have_many_unclosed(text):
        return []
    openers = unclosed_openers(text)
    return openers if len(openers) > FEW else []
