"""The build's messages about question ids: missing, written wrong, taken, shared.

Each names the line and gives the whole heading line to paste in its place, with an id that
is free: an editor in a web editor cannot run `bantin ids`. Kept apart from the id rules
(`ids`) because the site (`site/corpus.py`, ids shared across handbooks) and the handbook
reader (`reader.read_question`) both word them.
"""

from __future__ import annotations

from bantin.content.anchors import reserved_id
from bantin.content.handbook.asks import looks_like_group
from bantin.content.handbook.headings import attribute_list, split_heading
from bantin.content.handbook.ids import (
    ID_MAX, ID_SUGGESTED, VALID_ID, WrittenId, free_id, id_words, misread_id, new_id, paste_line,
)
from bantin.problems import Problem, Problems, short
from bantin.text.names import windows_reserved
from bantin.text.vi import cap_slug, slugify

NO_ID = "chưa có mã (id)"  # the end of a missing id's message (site/corpus.py makes its id unique site-wide)


def misread_problem(src: str, line: int, text: str, written: WrittenId, taken: set[str]) -> Problem:
    """An id the build does not read as written: the whole line to paste, with the id meant
    (kept: it may be printed already), or made from its words when not an id as it stands."""
    qid = free_id(written.meant, taken)
    if VALID_ID.fullmatch(written.words):
        what = (f"mã câu hỏi `{short(written.words)}` viết chưa đúng dạng (`{short(written.written)}`), "
                "nên trang không đọc được mã này")
    else:
        what = f"mã câu hỏi `{short(written.words)}` không hợp lệ"
    return Problem(src, line, "", what, "mã viết trong ngoặc nhọn, ngay sau dấu `#`, không dấu cách; chỉ dùng chữ "
                   f"thường không dấu, số và dấu gạch ngang: {replace_line(line, text, qid)} (hoặc chạy `bantin ids` "
                   "để tự sửa)")


def missing_id(src: str, line: int, text: str, taken: set[str]) -> Problem:
    """A question without id: the whole heading line to paste in its place, with a new id
    (not in `taken`, then added to it). An editor in a web editor cannot run `bantin ids`."""
    title = split_heading(text)[0]
    qid = new_id(title, taken)
    fix = replace_line(line, text, qid) + "; mã là địa chỉ cố định của câu hỏi, đừng đổi sau khi đăng (hoặc chạy `bantin ids` để tự điền)"
    if looks_like_group(title):  # «## II. THỦ TỤC» from Word's Heading 2: made a question, it had a page, a QR code, no answer
        fix = (f"nếu đây là tên một nhóm câu hỏi (một phần của sổ tay), không phải câu hỏi: thay cả dòng {line} bằng "
               f"dòng này: `# {short(title, 300)}` (một dấu `#`); nếu đây là một câu hỏi: {fix}")
    return Problem(src, line, "", f"câu hỏi \"{short(title)}\" {NO_ID}", fix)


def taken_id(src: str, line: int, qid: str, text: str, owner: str, taken: set[str]) -> Problem:
    """A question of a draft whose id a published question has: the draft changes (the
    published one's address and QR code may be printed; the draft's are not published).
    `owner` is 'file:line' of the published one."""
    fresh = new_id(split_heading(text)[0], taken)
    return Problem(src, line, "", f"mã câu hỏi `{qid}` đã dùng ở {owner}, một câu hỏi đã đăng (địa chỉ và mã QR "
                   "của nó có thể đã được in ra giấy, nên câu đó giữ mã)",
                   "đổi mã của câu hỏi này (trong bản nháp, chưa đăng), không đổi câu kia: " + replace_line(line, text, fresh))


def shared_id(qid: str, here: tuple[str, int, str], others: list[tuple[str, int, str]]) -> Problem:
    """One of two (or more) published questions with one id, at `here`, naming the `others`
    ((file, line, line to paste) each). Nothing the build reads tells which was published
    first: a handbook's `date:` is not when a question was added, and the common mistake is a
    question copied into an older handbook, so a message that picked by `date:` told the
    editor to change the printed id (an editors' trial, session 34). So each place is named,
    with the line to paste for each, and the editor, who knows which one they just added,
    changes that one."""
    src, line, paste = here
    where = ", ".join(_place(other, line_, src) for other, line_, _ in others)
    fixes = "; ".join([f"nếu câu vừa thêm là câu này: thay cả dòng {line} bằng dòng này: `{paste}`"] +
                      [f"nếu là câu ở {_place(other, line_, src)}: thay cả dòng đó bằng dòng này: `{text}`"
                       for other, line_, text in others])
    count = "hai" if len(others) == 1 else str(len(others) + 1)
    return Problem(src, line, "", f"mã câu hỏi `{qid}` dùng cho {count} câu hỏi: câu này và câu ở {where}",
                   "một mã chỉ dùng cho một câu hỏi. Câu hỏi đã đăng từ trước phải giữ mã (địa chỉ và mã QR của "
                   "nó có thể đã được in ra giấy); đổi mã của câu vừa thêm hoặc vừa chép vào (ngày `date:` của sổ "
                   f"tay không cho biết câu nào có trước). {fixes[0].upper()}{fixes[1:]}")


def warn_stray_words(src: str, line: int, text: str, qid: str, taken: set[str], problems: Problems) -> None:
    """`{#le phi}`: the build reads `le` (attr_list makes `phi` an attribute), so the question's
    address is /q/le/ while the editor may print /q/le-phi/. A warning, not an error, and no
    id changed by itself: published, `le` may be printed already; the editor knows."""
    attrs = attribute_list(text)
    words = id_words(attrs[1]) if attrs else None
    if words is None or words == qid or not words.startswith(qid + " "):
        return
    meant = cap_slug(slugify(words), ID_SUGGESTED)
    whole = free_id(meant, set(taken)) if meant != qid else meant
    problems.warn(src, line, "", f"sau mã câu hỏi `{qid}` còn chữ `{short(words[len(qid):].strip())}` trong ngoặc "
                  f"nhọn: trang chỉ đọc mã `{qid}` (địa chỉ và liên kết ngắn của câu hỏi theo `{qid}`), phần sau dấu cách bị bỏ",
                  f"nếu câu hỏi chưa đăng và mã là `{whole}`: {replace_line(line, text, whole)}; nếu đã đăng (liên kết ngắn "
                  f"có thể đã in ra giấy), giữ mã: {replace_line(line, text, qid)}")


def _place(src: str, line: int, here: str) -> str:
    """Where another question is, as a message names it: its line alone in the same file."""
    return f"dòng {line} (cùng tệp)" if src == here else f"{src}:{line}"


def replace_line(line: int, text: str, qid: str) -> str:
    """A fix's words: the whole heading line `line` to paste in its place, with `qid`."""
    return f"thay cả dòng {line} bằng dòng này: `{paste_line(text, qid)}`"


def refused_id(src: str, line: int, text: str, taken: set[str], problems: Problems) -> bool:
    """Whether the build refuses the id of the question heading `text` (at `line`), each
    refusal reported: written in a form it does not read as meant, missing, not an id,
    a name Windows or the page's scripts keep, too long to print."""
    title, qid = split_heading(text)
    if (written := misread_id(text)) is not None:
        problems.items.append(misread_problem(src, line, text, written, taken))
    elif not qid:
        problems.items.append(missing_id(src, line, text, taken))
    elif not VALID_ID.fullmatch(qid):  # no letter nor digit to make an id of (`{#!!!}`): one from the question
        problems.error(src, line, "", f"mã câu hỏi `{short(qid)}` không hợp lệ",
                       "chỉ dùng chữ thường không dấu, số và dấu gạch ngang: " + replace_line(line, text, new_id(title, taken)))
    elif windows_reserved(qid):  # its page would be /hoi-dap/<so-tay>/con/: a name Windows refuses
        problems.error(src, line, "", f"mã câu hỏi `{qid}` là tên Windows dành riêng (con, prn, aux, nul, "
                       "com1…, lpt1…): bản sao trang trên USB không tạo được thư mục này",
                       f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
    elif reserved_id(qid):  # printed as id="…" on the handbook page: a name the page's scripts use
        problems.error(src, line, "", f"mã câu hỏi `{qid}` trùng tên mà mã chạy của trang dùng "
                       "(lunr, module, exports, define, require, ga, gtag, bt-…, bantin-…)",
                       f"đổi mã, ví dụ `{{#cau-hoi-{qid}}}`")
    elif len(qid) > ID_MAX:
        problems.error(src, line, "", f"mã câu hỏi dài {len(qid)} ký tự, quá {ID_MAX} ký tự",
                       f"rút gọn mã, ví dụ `{{#{cap_slug(qid, ID_SUGGESTED)}}}`: mã là địa chỉ và liên kết ngắn in ra giấy")
    else:
        return False
    return True
