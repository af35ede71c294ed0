"""A question's id: read as the editor meant it, made from its words, written into its heading.

The id, not the position or wording, is the question's address (`/hoi-dap/<so-tay>/<id>/`,
`/q/<id>/`), so trainers' printed links survive reordering and retitling (DESIGN §3). This
module says what a valid id is, which ids written slightly wrong mean (`misread_id`), how a
new one is made (`new_id`) and how `bantin ids` fills them in (`fill_ids`); the messages
about ids are `idproblems`'.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bantin.content.handbook.asks import looks_like_group
from bantin.content.handbook.headings import attribute_list, display_title, heading_lines, split_heading
from bantin.problems import short
from bantin.text.vi import cap_slug, slugify

# One token of an attribute list as attr_list reads it: `key="a b"`, `key='…'`, `key=v`, a word.
# A quote closes at its next own character, so an unclosed one is scanned once: linear.
_ATTR_TOKEN = re.compile(r"""[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+""")
VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_WORDS = re.compile(r"[\w-]+(?: [\w-]+){0,2}")  # an id's words written by hand (`_unclosed_id`)
ID_MAX = 80  # an id is a folder name (/hoi-dap/<handbook>/<id>/) and a printed short link
ID_SUGGESTED = 60  # an id made from a question (bantin ids, the importer, the web editor's ID_MAX): shorter to print


class WrittenId(NamedTuple):
    """A question's id written in a form the build does not read as the editor meant it:
    `written` as it stands in the heading (`{# ngoai-gia-thu }`), `words` the id's words in it
    (`ngoai-gia-thu`, `Lệ phí`), `meant` the id to write instead (`le-phi`)."""

    written: str
    words: str
    meant: str


def misread_id(text: str) -> WrittenId | None:
    """The id a heading's editor meant when the build would not read it as written, or None
    (a well-formed valid `{#id}`, or no id written at all). Found by an outsider's trial
    (session 39): `{# ngoai-gia-thu }` and `{ngoai-gia-thu}` were read as no id, `{#Lệ phí}` as
    `Lệ`, `(#ngoai-gia-thu)` as part of the question; the line suggested to paste kept the
    stray words (`{: #… ngoai-gia-thu }`) or dropped «phí». The words meant are the id
    token's and the bare words after it (attr_list makes those attributes named like
    themselves), or the bare words of a list with no `#`; `.lop` and `key=value` stay.

    A valid id the build reads is never re-read (`{#le phi}` is `le`): the question may be
    published under it, and its address and QR code printed."""
    if VALID_ID.fullmatch(split_heading(text)[1]):  # read, so maybe published and printed: kept as read
        return None
    attrs = attribute_list(text)
    words = id_words(attrs[1]) if attrs else None
    if words is not None:
        written, said = text[attrs[0]:].strip(), words  # the whole `{…}`, as the message quotes it
    elif (found := _parenthesised_id(text[: attrs[0]] if attrs else text)) is not None:
        written, said = found
    elif not attrs and (found := _unclosed_id(text)) is not None:
        written, said = found
    else:
        return None
    meant = said if VALID_ID.fullmatch(said) else cap_slug(slugify(said), ID_SUGGESTED)
    return WrittenId(written, said, meant) if meant else None


def id_words(inner: str) -> str | None:
    """The id's words of an attribute list's inside, or None when it names none (`.noi-bat`,
    `lang=vi`)."""
    tokens = _ATTR_TOKEN.findall(inner)
    start = next((n for n, token in enumerate(tokens) if "#" in token), None)  # where `split_heading` reads
    if start is None:
        words = [token for token in tokens if _bare(token)]
    else:
        end = start + 1
        while end < len(tokens) and _bare(tokens[end]):
            end += 1
        words = [tokens[start].split("#", 1)[1]] + tokens[start + 1 : end]
    said = " ".join(words).strip()
    return said or None


def _bare(token: str) -> bool:
    """A word of an attribute list that is no class, id nor `key=value`: an id's stray word."""
    return not token.startswith((".", ":")) and "=" not in token and "#" not in token


def _parenthesised_id(title: str) -> tuple[str, str] | None:
    """`(#ngoai-gia-thu)` at the end of a question: (what is written, the id's words)."""
    stripped = title.rstrip()
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(")
    said = stripped[opening + 1 : -1].strip()
    if opening < 0 or not said.startswith("#"):
        return None
    said = said[1:].strip()
    return (stripped[opening:], said) if said else None


def _unclosed_id(title: str) -> tuple[str, str] | None:
    """`{#thu-lao-hoa-giai-vien` at the end of a question, its `}` forgotten (a trial, session
    56: `bantin ids` kept it in the question as `&#123;#thu-lao…` and gave the question another
    id, printed and published): (what is written, the id's words). Only a `{#` after a space,
    after the last `}` of the line, followed by what an id's words look like: one to three words
    of letters, digits, `-` and `_`, no longer than an id (`Hỏi '{#b`, `Ký hiệu {# là gì trong
    văn bản?` and `{#abc <span>` stay the question's text, as the build shows them; review)."""
    opening = title.rfind("{#")
    if opening < 1 or not title[opening - 1].isspace() or "}" in title[opening:]:
        return None
    said = title[opening + 2:].strip()
    return (title[opening:].rstrip(), said) if _ID_WORDS.fullmatch(said) and len(said) <= ID_MAX else None


def question_title(text: str) -> str:
    """The question of a heading without any id, however written (`(#…)`, `{#…` unclosed included)."""
    title = split_heading(text)[0]
    written = misread_id(text)
    if written is not None and written.written.startswith(("(", "{#")) and title.endswith(written.written):
        title = title[: -len(written.written)].rstrip()
    return title


class TakenIds(set):
    """The ids a handbook's questions hold or were given, which also remembers, for each id a
    new one was made from, the number to try next (`free_id`): 2,000 bold questions suggesting
    one id each counted up from the bare id again (0.85 s, quadratic; session 42, noticed).
    The answer is the same as counting from the start: every number below the remembered one
    was taken, and stays taken while nothing is removed; any removal forgets them all."""

    def __init__(self, ids=()) -> None:
        super().__init__(ids)
        self.next_number: dict[str, int] = {}


def _forgetting(name: str):
    """The set method `name`, which may remove ids, made to forget the numbers remembered first."""
    method = getattr(set, name)

    def forget(self, *args):
        self.next_number.clear()
        return method(self, *args)

    forget.__name__ = name
    return forget


for _name in ("remove", "discard", "pop", "clear", "difference_update", "intersection_update",
              "symmetric_difference_update", "__isub__", "__iand__", "__ixor__"):
    setattr(TakenIds, _name, _forgetting(_name))


def free_id(qid: str, taken: set[str]) -> str:
    """`qid`, or `qid-2`, `-3`… when another question has it; added to `taken`. A `TakenIds`
    starts from the number after the last it gave for `qid` (all below are taken): linear."""
    start = taken.next_number.get(qid) if isinstance(taken, TakenIds) else None
    candidate, n = (qid, 2) if start is None else (f"{qid}-{start}", start + 1)
    while candidate in taken:
        candidate, n = f"{qid}-{n}", n + 1
    taken.add(candidate)
    if isinstance(taken, TakenIds):
        taken.next_number[qid] = n
    return candidate


def new_id(title: str, taken: set[str]) -> str:
    """An id from the question's text (without its number), unique among `taken`, added to it."""
    base = cap_slug(slugify(display_title(title)), ID_SUGGESTED) or "cau-hoi"  # cut between words: a printed link
    return free_id(base, taken)


def heading_with_id(text: str, qid: str) -> str:
    """The heading line `## <text>` with `qid` as its only id; the editor's own attributes
    (`{: .noi-bat }`, `lang=vi`) are kept, the words of an id written wrong are not (`misread_id`)."""
    attrs = attribute_list(text)
    inner = " ".join(part for part in _ATTR_TOKEN.findall(attrs[1] if attrs else "")
                     if not part.startswith("#") and not _bare(part))
    title = question_title(text)
    if "{" in title[title.rfind("}") + 1 :]:  # `attribute_list` would read the id list from that `{` on: shown the same
        title = title.replace("{", "&#123;")
    return f"## {title} {{: #{qid} {inner} }}" if inner else f"## {title} {{#{qid}}}"


def paste_line(text: str, qid: str) -> str:
    """The heading line `## <text>` with `qid`, as a message quotes it."""
    return short(heading_with_id(text, qid), 300)


def reads_as(text: str, qid: str) -> bool:
    """Whether a heading's text reads as the question with the id `qid`, written as the build
    reads it (what `bantin ids` checks of each line it writes)."""
    return split_heading(text)[1] == qid and misread_id(text) is None


def fill_ids(body: str, taken: set[str], rewritten: list[str] | None = None,
             groups: list[tuple[int, str]] | None = None) -> tuple[str, list[str]]:
    """Body with an id added to every question heading lacking one; ids made from the text.
    An id written in a form the build does not read (`misread_id`) is written as it reads
    it, the editor's id kept (it may be printed), with `-2` when another question has it.

    `taken` holds ids used anywhere on the site; new ids are added to it so they stay unique.
    The ids of lines rewritten that way are also added to `rewritten`, when given: `bantin
    ids` says "viết lại", not "thêm", of an id the editor chose.

    A heading with no id that reads as a part's name (`looks_like_group`: «## II. THỦ TỤC»
    pasted from Word) gets none: given one, it would be a question (page, QR code, no answer)
    without a word, what the build's message leaves to the editor (session 40). Its (index,
    text) goes to `groups`, when given, for the command to name.
    """
    lines = body.split("\n")
    added = []
    given, taken = taken, taken if isinstance(taken, TakenIds) else TakenIds(taken)  # linear: `TakenIds`
    for index, text in heading_lines(body):
        title, qid = split_heading(text)
        written = misread_id(text)
        if qid and written is None:
            continue
        if written is None and looks_like_group(title):
            if groups is not None:
                groups.append((index, title))
            continue
        candidate = free_id(written.meant, taken) if written else new_id(title, taken)
        line = heading_with_id(text, candidate)  # keeps the editor's own attributes ({: .noi-bat })
        if not reads_as(line[3:], candidate):  # never a line worse than the one read: left for `check` to name
            taken.discard(candidate)
            continue
        added.append(candidate)
        if written is not None and rewritten is not None:
            rewritten.append(candidate)
        lines[index] = line
    given |= taken  # the caller's set holds the ids given here too (only ids added here were discarded)
    return "\n".join(lines), added
