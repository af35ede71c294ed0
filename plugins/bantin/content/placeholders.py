"""The template's placeholder text cannot be published (issue 14).

`bantin new` writes a draft (`draft: true`) whose body holds these sentences, each standing
where the editor must write. Once `draft: true` is gone, a file that still holds one of them
is an error on its line: half-written articles stay off the site. Drafts are not checked
(the sentences are their to-do list).

The marker is the exact sentences below, not a pattern: a pattern ("Viết … ở đây") would
one day match a real sentence and block a real article. tools/newcontent.py builds its
templates from these constants, so the two cannot drift apart (tests/test_drafts_policy.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bantin.content.model import Meta, Question
from bantin.content.handbook.ids import new_id
from bantin.problems import Problems, short

LEAD = "Viết đoạn mở đầu (sapo) ở đây: một hai câu nói điều quan trọng nhất của tin."
ARTICLE_TEXT = "Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống."
HANDBOOK_INTRO = "Giới thiệu ngắn về sổ tay Hỏi - Đáp này."
QUESTIONS = ("Viết câu hỏi thứ nhất ở đây?", "Viết câu hỏi thứ hai ở đây?")
ANSWER = "Viết câu trả lời ở đây."
LEGAL_BASIS = "Điều … Luật … năm …"
GUIDE_INTRO = "Giới thiệu ngắn: tài liệu này hướng dẫn ai, làm việc gì."
GUIDE_TEXT = "Viết nội dung ở đây."
PAGE_TEXT = "Viết nội dung trang ở đây."  # the example page of `bantin init` (tools/starter.py)

PLACEHOLDERS = (LEAD, ARTICLE_TEXT, HANDBOOK_INTRO, *QUESTIONS, ANSWER, LEGAL_BASIS, GUIDE_INTRO, GUIDE_TEXT, PAGE_TEXT)

# The examples `bantin init` writes (starter/content/) name what to change in their title and
# summary too; published with them, the home page, the feed and the search show "(sửa tiêu đề
# này)". tests/test_init.py publishes every example and finds each refused.
TITLE_MARK = "(sửa tiêu đề này)"
STARTER_SUMMARIES = (
    "Một hai câu tóm tắt bài, hiện ở trang chủ và trong kết quả tìm kiếm.",
    "Sổ tay mẫu, mỗi câu hỏi có trang và đường dẫn ngắn riêng để in và chia sẻ.",
    "Hướng dẫn từng bước một thủ tục cho người dân.",
)


# Addresses the examples carry: published, they would be printed in QR codes for good.
STARTER_SLUGS = ("bai-tin-mau", "so-tay-hoi-dap-mau", "huong-dan-mau")
STARTER_ID_PREFIX = "so-tay-mau-cau-"


def starter_fields(title: str | None, summary: str | None) -> list[tuple[str, str]]:
    """(field, the example's text) for a title or summary still as `bantin init` wrote it."""
    found = []
    if title and TITLE_MARK in title:
        found.append(("title", title))
    if summary and " ".join(summary.split()) in STARTER_SUMMARIES:
        found.append(("summary", summary))
    return found


def report_addresses(src: str, meta: Meta, questions: Sequence[Question], problems: Problems) -> None:
    """An error on the example's `slug:` and on each example question id still in a published
    file: the address is made once and printed in QR codes."""
    slug = meta.slug
    if slug in STARTER_SLUGS:
        problems.error(src, meta.lines.get("slug", 1), "slug", f"`slug: {slug}` là địa chỉ của tệp mẫu; xuất bản thì địa chỉ này "
                       "được in trong mã QR và không đổi được nữa",
                       "sửa thành địa chỉ theo tiêu đề thật (chữ thường không dấu, gạch ngang), hoặc xóa dòng "
                       "`slug:` để địa chỉ được tạo từ tiêu đề")
    for question in questions:
        if question.id.startswith(STARTER_ID_PREFIX):
            problems.error(src, question.line, "", f"mã câu hỏi `{question.id}` là mã của tệp mẫu; xuất bản thì mã "
                           "này thành liên kết ngắn in trong mã QR và không đổi được nữa",
                           f"đổi mã theo câu hỏi thật, ví dụ `{{#{new_id(question.title, set())}}}`")


def report(src: str, body: str, body_line: int, problems: Problems) -> None:
    """An error on every line of `body` that still holds a placeholder sentence."""
    if not any(text in body for text in PLACEHOLDERS):  # nearly every file: no line to look at
        return
    for offset, line in enumerate(body.split("\n")):
        found = next((text for text in PLACEHOLDERS if text in line), None)
        if found is not None:
            problems.error(src, body_line + offset, "",
                           f"còn chữ mẫu «{short(found, 60)}» của tệp mẫu: bài chưa viết xong thì không được xuất bản",
                           "thay chữ mẫu ở dòng này bằng nội dung thật (hoặc xóa dòng); nếu bài chưa xong, "
                           "thêm lại dòng `draft: true` vào phần khai báo")
