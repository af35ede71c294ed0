"""A draft's problems never block publishing (DESIGN §3, issue 14).

A draft is not published, so nothing a reader sees can be wrong because of it: a build or
`bantin check` that leaves drafts out reports each of their problems as a warning that
says so (NOTE) and still fails on every problem of a published file. What counts:

- a file that was read: its `draft: true`;
- a file whose front matter could not be read (bad YAML, a missing `---`): a top-level line
  `draft: true` in what would be its front matter (`declares_draft`). Such a file is never
  published either (it has no page), so trusting the line can only keep a build going, never
  publish something.

Clashes between a draft and a published file (a question id, an address) are the draft's
problem: the published file keeps its id and address, since QR codes and printed links may
already carry them (site/corpus.py lists published items first when looking for clashes).

Builds that show drafts (`bantin serve`, `bantin edit`, the `drafts: true` option) never
fail because of a draft either (finding F1, session 39: one draft's unknown category left
every page of the preview a 404, and `/admin/`, where the category could be chosen, only an
error). There a draft with an error is left out (`failing`): it gets no page, so it can
never take a published page's address, and each of its problems becomes a warning that
says so (PREVIEW_NOTE), which the preview lists at the top of its pages. A draft without
an error is shown, its warnings (NOTE) in a notice on its own page. A draft's category is
the one field whose mistake is only a warning (content/fields.py): listings leave drafts
out, so the page needs none, and a province that renames its categories, or `bantin new`
without `--category`, still gets a draft it can preview.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Mapping

from bantin.problems import WARNING, Problem, Problems

NOTE = "bản nháp, không chặn xuất bản"
FIX_NOTE = "sửa trước khi bỏ dòng `draft: true`"
PREVIEW_NOTE = "bản nháp có lỗi nên chưa hiện trong bản xem trước"
PREVIEW_FIX_NOTE = "lưu tệp sau khi sửa, bản nháp sẽ hiện; các trang khác vẫn xem được như thường"

# `draft: true` (also yes/on, quoted, with a comment): an editor's intent, read without YAML.
_DECLARED = re.compile(r"""draft[ \t]*:[ \t]*(["']?)(?:true|yes|on|có)\1[ \t]*(?:#.*)?""", re.IGNORECASE)
_TYPE = re.compile(r"""type[ \t]*:[ \t]*(["']?)([A-Za-z]+)\1[ \t]*(?:#.*)?""")
_HEAD_LINES = 200  # front matter longer than this is not front matter an editor wrote


def declares_draft(data: bytes) -> bool:
    """True when a file that could not be read says `draft: true` on a top-level line of its
    front matter (`head_lines`)."""
    return any(_DECLARED.fullmatch(line.rstrip()) for line in head_lines(data))


def declared_type(data: bytes) -> str | None:
    """The `type:` a file that could not be read gives on a top-level line of its front matter
    (`head_lines`), unquoted, or None."""
    found = next((m for m in map(_TYPE.fullmatch, head_lines(data)) if m), None)
    return found.group(2) if found else None


def head_lines(data: bytes) -> list[str]:
    """The lines of a file's front matter as an editor wrote them, without YAML: from the
    opening `---` to the closing one, or to the first blank line when the closing `---` is
    missing; none when the file does not open with `---`."""
    text = data[: 64 * 1024].decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return []
    head = lines[1:_HEAD_LINES]
    closing = next((n for n, line in enumerate(head) if line.rstrip() in ("---", "...")), None)
    if closing is None:  # no closing `---`: the front matter ends where the text seems to begin
        closing = next((n for n, line in enumerate(head) if not line.strip()), len(head))
    return head[:closing]


def unpublished_drafts(items: Iterable, unread: Mapping[str, bytes]) -> set[str]:
    """Sources of the drafts a build leaves out: items with `draft: true`, and files that could
    not be read (`unread`: src → bytes) that declare it."""
    found = {item.src for item in items if item.meta.draft}
    return found | {src for src, data in unread.items() if declares_draft(data)}


def as_draft(problem: Problem) -> Problem:
    """`problem` as a draft's: a warning whose message starts with NOTE."""
    if problem.message.startswith(NOTE):
        return problem
    fix = f"{problem.fix} ({FIX_NOTE})" if problem.fix else FIX_NOTE
    return replace(problem, severity=WARNING, message=f"{NOTE}: {problem.message}", fix=fix)


def as_left_out(problem: Problem) -> Problem:
    """`problem` of a draft the preview leaves out: a warning whose message starts with PREVIEW_NOTE."""
    if problem.message.startswith(PREVIEW_NOTE):
        return problem
    message = problem.message[len(NOTE) + 2:] if problem.message.startswith(NOTE + ": ") else problem.message
    fix = f"{problem.fix} ({PREVIEW_FIX_NOTE})" if problem.fix else PREVIEW_FIX_NOTE
    return replace(problem, severity=WARNING, message=f"{PREVIEW_NOTE}: {message}", fix=fix)


def is_draft_problem(problem: Problem) -> bool:
    return problem.message.startswith((NOTE, PREVIEW_NOTE))


def is_left_out(problem: Problem) -> bool:
    """A problem of a draft the preview leaves out (`as_left_out`)."""
    return problem.message.startswith(PREVIEW_NOTE)


def demote(problems: Problems, drafts: set[str]) -> Problems:
    """Every problem of a file in `drafts` as a draft's warning; the others as they are."""
    return Problems([as_draft(p) if p.path in drafts else p for p in problems.items])


def failing(problems: Problems, drafts: set[str]) -> set[str]:
    """The drafts (of `drafts`) with an error: those a build that shows drafts leaves out."""
    return {p.path for p in problems.errors} & drafts


def demote_shown(problems: Problems, drafts: set[str], left_out: set[str]) -> Problems:
    """A build that shows drafts: the problems of a draft in `left_out` as `as_left_out`, those
    of the other drafts (warnings only: a draft with an error is left out) as `as_draft`."""
    return Problems([as_left_out(p) if p.path in left_out else as_draft(p) if p.path in drafts else p
                     for p in problems.items])
