"""Hỏi - Đáp handbooks: every `## ` heading is a question with a permanent id (DESIGN §3).

The id, not the position or wording, is the question's address, so trainers' printed links
survive reordering and retitling. A missing id is an error; `bantin ids` fills them in.
"""

from __future__ import annotations

import re
from typing import Callable

from bantin.content.model import Question
from bantin.content.anchors import reserved_id
from bantin.text.names import windows_reserved
from bantin.problems import Problems
from bantin.problems import short
from bantin.text.vi import cap_slug, slugify

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^##(?!#)\s+(.*)$")  # text stripped in code: a lazy `(.*?)\s*$` is quadratic
_ID = re.compile(r"#([^\s}]+)")
_NUMBER_PREFIX = re.compile(r"^(?:Câu\s+hỏi|Câu)\s*\d+\s*[:.)–-]\s*", re.IGNORECASE)
LEGAL_BASIS = "Căn cứ pháp lý:"
VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX = 80  # an id is a folder name (/hoi-dap/<handbook>/<id>/) and a printed short link
_ID_FIX = "thêm mã câu hỏi ở cuối dòng tiêu đề, ví dụ `## Câu hỏi 1: … {#hoa-giai-la-gi}`, hoặc chạy `bantin ids` để tự điền"


def heading_lines(body: str) -> list[tuple[int, str]]:
    """(index, text) of `## ` headings outside fenced code blocks."""
    found, fenced = [], False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            found.append((index, match.group(1).rstrip()))
    return found


def _attrs(text: str) -> tuple[int, str] | None:
    r"""(where the attribute list starts, its inside) of a heading ending in `{…}`, or None.

    What `\s*\{:?\s*([^}]*)\}\s*$` found, with `str` searches: that regex rescanned the
    line from every '{' and every space (quadratic on a hostile 300 KB heading).
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    close = len(stripped) - 1
    previous = stripped.rfind("}", 0, close)
    opening = stripped.find("{", previous + 1, close)
    if opening < 0:
        return None
    inner = stripped[opening + 1 : close]
    inner = inner[1:] if inner.startswith(":") else inner
    return len(stripped[:opening].rstrip()), inner.strip()


def split_heading(text: str) -> tuple[str, str]:
    """('question text', 'id' or '') from a heading like 'Câu hỏi 1: … {#id}'."""
    attrs = _attrs(text)
    if not attrs:
        return text.strip(), ""
    ident = _ID.search(attrs[1])
    return text[: attrs[0]].strip(), ident.group(1) if ident else ""


def display_title(heading: str) -> str:
    """The question without its 'Câu hỏi 3:' number, which changes when questions move."""
    return _NUMBER_PREFIX.sub("", heading).strip() or heading


def mark_legal_basis(answer: str) -> tuple[str, str]:
    """(answer with its closing 'Căn cứ pháp lý:' paragraph tagged for styling, that paragraph)."""
    stripped = answer.rstrip()
    start = stripped.rfind("\n\n") + 2 if "\n\n" in stripped else 0
    last = stripped[start:]
    if not last.startswith(LEGAL_BASIS):
        return answer, ""
    return stripped + "\n{: .bt-can-cu }\n", last[len(LEGAL_BASIS):].strip()


def parse_questions(src: str, body: str, body_line: int, problems: Problems) -> tuple[str, tuple[Question, ...]]:
    """(intro Markdown, questions) of a handbook body; bad or missing ids are reported."""
    lines = body.split("\n")
    headings = heading_lines(body)
    if not headings:
        problems.error(src, body_line, "", "sổ tay Hỏi - Đáp chưa có câu hỏi nào",
                       "mỗi câu hỏi là một dòng bắt đầu bằng `## `, ví dụ `## Câu hỏi 1: … {#ma-cau-hoi}`")
        return body, ()
    questions = []
    for number, (index, text) in enumerate(headings, start=1):
        end = headings[number][0] if number < len(headings) else len(lines)
        title, qid = split_heading(text)
        line = body_line + index
        if not qid:
            problems.error(src, line, "", f"câu hỏi \"{short(title)}\" chưa có mã (id)", _ID_FIX)
            continue
        if not VALID_ID.fullmatch(qid):
            problems.error(src, line, "", f"mã câu hỏi `{short(qid)}` không hợp lệ",
                           f"chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ `{{#{cap_slug(slugify(qid), 60)}}}`")
            continue
        if windows_reserved(qid):  # its page would be /hoi-dap/<so-tay>/con/: a name Windows refuses
            problems.error(src, line, "", f"mã câu hỏi `{qid}` là tên Windows dành riêng (con, prn, aux, nul, "
                           "com1…, lpt1…): bản sao trang trên USB không tạo được thư mục này",
                           f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
            continue
        if reserved_id(qid):  # printed as id="…" on the handbook page: a name the page's scripts use
            problems.error(src, line, "", f"mã câu hỏi `{qid}` trùng tên mà mã chạy của trang dùng "
                           "(lunr, module, exports, define, require, ga, gtag, bt-…, bantin-…)",
                           f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
            continue
        if len(qid) > ID_MAX:
            problems.error(src, line, "", f"mã câu hỏi dài {len(qid)} ký tự, quá {ID_MAX} ký tự",
                           f"rút gọn mã, ví dụ `{{#{cap_slug(qid, 60)}}}`: mã là địa chỉ và liên kết ngắn in ra giấy")
            continue
        answer, basis = mark_legal_basis("\n".join(lines[index + 1 : end]).strip("\n"))
        questions.append(Question(qid, display_title(title), number, answer, line, basis))
    return "\n".join(lines[: headings[0][0]]).strip("\n"), tuple(questions)


def fill_ids(body: str, taken: set[str]) -> tuple[str, list[str]]:
    """Body with an id added to every question heading lacking one; ids made from the text.

    `taken` holds ids used anywhere on the site; new ids are added to it so they stay unique.
    """
    lines = body.split("\n")
    added = []
    for index, text in heading_lines(body):
        title, qid = split_heading(text)
        if qid:
            continue
        base = slugify(display_title(title))[:60].strip("-") or "cau-hoi"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        added.append(candidate)
        attrs = _attrs(text)  # keep the editor's own attributes ({: .noi-bat })
        inner = attrs[1] if attrs else ""
        lines[index] = f"## {title} {{: #{candidate}{' ' + inner if inner else ''} }}" if inner else f"## {title} {{#{candidate}}}"
    return "\n".join(lines), added


def handbook_markdown(intro: str, questions: tuple[Question, ...], link: Callable[[Question], str],
                      short_label: Callable[[Question], str]) -> str:
    """The handbook page: every question anchored by its id, with its own page and short link.

    `link` gives the Markdown link target of a question's page (a relative `.md` path, so
    MkDocs checks and rewrites it for either build flavour).
    """
    parts = [intro]
    for q in questions:
        parts.append(f"## {q.number}. {q.title} {{#{q.id}}}\n\n{q.body}\n\n"
                     f"[Trang riêng của câu hỏi]({link(q)}){{: .bt-qlink }} · "
                     f"Liên kết ngắn: `{short_label(q)}`{{: .bt-short }}")
    return "\n\n".join(p for p in parts if p)
