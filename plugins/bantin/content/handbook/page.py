"""The handbook page's Markdown, and an answer's headings moved under its question.

One handbook page holds every question, anchored by its id, with its own page's link and
short link; its groups are `##` and their questions `###`. An answer's headings shift so the
page's outline has no skipped level, on the handbook, a question's page and the print.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from bantin.content.model import Group, Question
from bantin.content.handbook.headings import unfenced

_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")  # an ATX heading's marks (CommonMark: up to 3 spaces before)
_HTML_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def shift_headings(markdown: str, top: int) -> str:
    """An answer's headings moved so the highest becomes level `top`, the others keeping their
    steps below it (capped at 6); code blocks untouched.

    A question is `##` on its handbook and the `<h1>` of its own page, so one `###` in an
    answer is right on the handbook and skips a level on the question page (issue 15):
    answers are shifted to start at 3 on the handbook and at 2 on the question page. A `#`
    an editor put in an answer becomes level 3 on the handbook, under its question."""
    lines = markdown.split("\n")
    found = [(index, match) for index, line in unfenced(lines) if (match := _ATX.match(line))]
    if not found:
        return markdown
    delta = top - min(len(match.group(2)) for _, match in found)
    for index, match in found:
        level = min(6, len(match.group(2)) + delta)
        lines[index] = match.group(1) + "#" * level + lines[index][match.end():]
    return "\n".join(lines)


def demote_html_headings(html: str, by: int) -> str:
    """Sanitised HTML with every heading `by` levels lower (capped at 6): a question page's
    answer (headings from h2) placed under an `<h2>` question, as on the printable handbook."""
    return _HTML_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html)


def handbook_markdown(intro: str, questions: tuple[Question, ...], link: Callable[[Question], str],
                      short_label: Callable[[Question], str], groups: tuple[Group, ...] = ()) -> str:
    """The handbook page: every question anchored by its id, with its own page and short link.

    The link to a question's page names its number ("Trang riêng của câu hỏi 3"): a screen
    reader's list of links shows names only, and eleven alike led to eleven pages.

    A group is a `##` heading (its intro under it) and its questions `###` under it, their
    answers' headings from level 4: the page's outline, and so its table of contents, holds
    each group with its questions. Questions before any group stay `##`, beside the groups.

    `link` gives the Markdown link target of a question's page (a relative `.md` path, so
    MkDocs checks and rewrites it for either build flavour).
    """
    parts = [intro]
    entries = sorted([(g.line, g) for g in groups] + [(q.line, q) for q in questions], key=lambda entry: entry[0])
    for _, entry in entries:
        if isinstance(entry, Group):
            parts.append(f"## {entry.heading or entry.title} {{: #{entry.id} .bt-group }}")
            parts.append(shift_headings(entry.intro, 3))
            continue
        level = 3 if entry.group else 2
        parts.append(f"{'#' * level} {entry.number}. {entry.heading or entry.title} {{#{entry.id}}}\n\n"
                     f"{shift_headings(entry.body, level + 1)}\n\n"
                     f"[Trang riêng của câu hỏi {entry.number}]({link(entry)}){{: .bt-qlink }} · "
                     f"Liên kết ngắn: {_short_html(short_label(entry))}")
    return "\n\n".join(p for p in parts if p)


def _short_html(address: str) -> str:
    """A short address as small text that may wrap after each "/" (`<wbr>`, which a copied
    address does not carry): as a code span it broke inside a word at the largest text on a
    320 px phone; never inside «https://» (a line ending «https:/» read as an address of its
    own). Escaped by construction, though our own addresses hold no markup."""
    scheme, found, rest = address.partition("://")
    start = html.escape(scheme + found) + "<wbr>" if found else ""
    return '<code class="bt-short">' + start + "/<wbr>".join(html.escape(p) for p in (rest if found else address).split("/")) + "</code>"


# Where a group's intro starts in the printable handbook's Markdown (`print_markdown`): a
# paragraph of a private-use character around the group's place, which neither Markdown nor
# the sanitiser changes; `split_print_html` cuts the page's HTML there. An editor may type or
# paste that character (session 41's review, L3: text vanished from the print, or printed under
# the wrong group): `print_markdown` drops it from the editor's text, so only its own cuts hold it.
_CUT = "\ue000"
_CUT_HTML = re.compile("(?:<p>)?" + _CUT + r"bantin-nhom-(\d{1,9})" + _CUT + "(?:</p>)?")


def print_markdown(intro: str, groups: tuple[Group, ...]) -> str:
    """The printable handbook's Markdown: the handbook's intro, then each group's intro after
    a cut, its headings from level 3 as on the handbook page (the group's name is the print's
    `<h2>`). Rendered with the page, a group's intro reads as it does on the handbook page,
    paragraphs, lists and links (its links checked and rewritten by the engine), where it was
    printed as plain text (session 41). The cut's character is dropped from the editor's
    text (`_uncut`): a cut typed in an intro cut the print there."""
    parts = [_uncut(intro)]
    for n, group in enumerate(groups):
        if group.intro.strip():
            parts += [f"{_CUT}bantin-nhom-{n}{_CUT}", shift_headings(_uncut(group.intro), 3)]
    return "\n\n".join(parts)


def _uncut(text: str) -> str:
    """An editor's text without the cut's private-use character, which shows no letter (a box
    at most) and which only `print_markdown`'s cuts may hold (session 41's review, L3)."""
    return text.replace(_CUT, "")


def split_print_html(rendered: str) -> tuple[str, dict[int, str]]:
    """(the handbook intro's HTML, each group intro's HTML by the group's place) of the
    printable handbook's rendered Markdown (`print_markdown`); each part to be sanitised on
    its own, which closes what a part left open."""
    pieces = _CUT_HTML.split(rendered)
    return pieces[0], {int(pieces[n]): pieces[n + 1].strip() for n in range(1, len(pieces) - 1, 2)}
