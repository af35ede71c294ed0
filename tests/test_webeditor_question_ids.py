"""A question id used twice is refused by the web editor before it saves (session 35).

An editors' trial (session 34, F3) typed in a question block's "Mã câu hỏi" an id another
question already had: Decap said "Mục đã được lưu", then `bantin check` and the build failed
on it (handbook.idproblems.shared_id). `bantin edit` on a site with two handbooks, one with a hostile title; in
Chromium the save is refused, naming the other question, its handbook and file, and saying
what to type; the file stays as it was; the fix then saves.
"""

from __future__ import annotations

import pytest

from sitekit import article, write_site
from webeditor_kit import (_add_component, _caret_at_end, _entry_open, _publish,
                           _two_empty_lines_then_the_upper, _until, edit_running, logged_in_page)

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

# A handbook title that would run script if the message were put into the page as markup.
HOSTILE = "Sổ tay <img src=x onerror=\"window.__hit=1\"> 'đất đai'"
DAT_DAI = "Mở đầu.\n\n## Câu hỏi 1: Cấp sổ đỏ ở đâu? {#cap-so-do}\n\nỞ Văn phòng đăng ký đất đai.\n"
HOA_GIAI = ("Mở đầu sổ tay.\n\n## Câu hỏi 1: Hòa giải là gì? {#hoa-giai-la-gi}\n\nLà giúp các bên tự thỏa thuận.\n\n"
            "## Câu hỏi 2: Ai hòa giải? {#ai-hoa-giai}\n\nTổ hòa giải ở thôn.\n")
NEW_QUESTION = "Câu hỏi 3: Hòa giải viên được cấp thẻ ở đâu?"


@pytest.fixture(scope="module")
def two_handbooks(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("ids") / "site", {
        "hoi-dap/dat-dai.md": article(HOSTILE, body=DAT_DAI),
        "hoi-dap/hoa-giai.md": article("Sổ tay hòa giải", body=HOA_GIAI),
    })
    with edit_running(root) as (url, _):
        yield root, url


@pytest.fixture
def page(fresh_tabs, two_handbooks):
    with logged_in_page(fresh_tabs, two_handbooks[1]) as page:
        yield page


def _refused(page, words: str) -> str:
    """The refusal's notice, read as soon as it shows (it closes by itself: read after the
    pause, it had gone in a loaded run), then a moment in which a save would have been written."""
    notice = page.locator(".Toastify__toast").filter(has_text=words).first
    notice.wait_for(timeout=15_000)
    said = notice.inner_text()
    page.wait_for_timeout(1500)
    return said


def test_an_id_of_another_handbook_is_refused_naming_it_then_a_free_one_saves(page, two_handbooks):
    root, url = two_handbooks
    saved = root / "content/hoi-dap/hoa-giai.md"
    before = saved.read_bytes()
    page.goto(url + "admin/#/collections/hoi-dap/entries/hoa-giai")
    editor = _entry_open(page, "Tổ hòa giải ở thôn.")
    _caret_at_end(page, editor.get_by_text("Tổ hòa giải ở thôn."))
    _two_empty_lines_then_the_upper(page, editor)
    _add_component(page, "Câu hỏi")
    page.get_by_label("Câu hỏi", exact=True).last.fill(NEW_QUESTION)
    page.get_by_label("Mã câu hỏi").last.fill("cap-so-do")  # the id of the other handbook's question
    page.wait_for_timeout(500)
    _publish(page)
    said = _refused(page, "Không lưu: mã câu hỏi `cap-so-do`")
    assert (f"của câu «{NEW_QUESTION}» đã dùng cho câu «Cấp sổ đỏ ở đâu?» trong sổ tay «{HOSTILE}» "
            "(tệp content/hoi-dap/dat-dai.md)") in said, said
    assert "in trên tài liệu phát tay" in said and "ví dụ `hoa-giai-vien-duoc-cap-the-o-dau`" in said, said
    assert page.evaluate("window.__hit") is None and page.locator("img[src=x]").count() == 0  # text, not markup
    assert saved.read_bytes() == before and not page.dialogs
    page.get_by_label("Mã câu hỏi").last.click()  # emptied as the message says: the id is made from the question
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_timeout(500)
    _publish(page)
    _until(lambda: "{#hoa-giai-vien-duoc-cap-the-o-dau}" in saved.read_text(encoding="utf-8"))
    text = saved.read_text(encoding="utf-8")
    assert "{#hoa-giai-la-gi}" in text and "{#ai-hoa-giai}" in text  # its own ids kept, not refused


def test_an_id_of_the_same_handbook_is_refused_with_the_question_s_own_id(page, two_handbooks):
    """An old question given another's id by mistake: the message gives back its own id."""
    root, url = two_handbooks
    saved = root / "content/hoi-dap/hoa-giai.md"
    before = saved.read_bytes()
    page.goto(url + "admin/#/collections/hoi-dap/entries/hoa-giai")
    _entry_open(page, "Tổ hòa giải ở thôn.")
    page.get_by_label("Mã câu hỏi").nth(1).fill("hoa-giai-la-gi")  # question 2 takes question 1's id
    page.wait_for_timeout(500)
    _publish(page)
    said = _refused(page, "dùng cho hai câu trong sổ tay này")
    assert "«Câu hỏi 1: Hòa giải là gì?» và «Câu hỏi 2: Ai hòa giải?»" in said, said
    assert "gõ lại mã cũ của câu này: `ai-hoa-giai`" in said, said  # printed, so not a new one
    assert saved.read_bytes() == before


def test_a_published_question_s_id_changed_asks_first_naming_its_short_link(page, two_handbooks):
    """Its page and its printed `/q/` link would go (a province's second-year trial, session
    53: the build only warns, in a log the editor never reads). Cancel keeps the file as it
    was; OK saves, and is not asked again for it."""
    root, url = two_handbooks
    saved = root / "content/hoi-dap/hoa-giai.md"
    before = saved.read_bytes()
    page.goto(url + "admin/#/collections/hoi-dap/entries/hoa-giai")
    _entry_open(page, "Tổ hòa giải ở thôn.")
    page.get_by_label("Mã câu hỏi").nth(1).fill("ai-hoa-giai-o-thon")
    page.wait_for_timeout(500)
    page.answers.append(False)  # Cancel
    _publish(page)
    said = _refused(page, "Chưa lưu: bạn đã bấm Hủy nên các câu hỏi đã đăng vẫn còn")
    assert "gõ lại mã cũ" in said
    [asked] = page.dialogs
    assert asked.startswith("Lưu sổ tay này mà bỏ 1 câu hỏi đang đăng?\n\n• «Ai hòa giải?» (liên kết ngắn "
                            "/q/ai-hoa-giai/)\n\n"), asked
    assert "mã QR đã in" in asked and "Hòa giải là gì?" not in asked
    assert saved.read_bytes() == before
    page.answers.append(True)  # OK
    _publish(page)
    _until(lambda: "{#ai-hoa-giai-o-thon}" in saved.read_text(encoding="utf-8"))
    assert len(page.dialogs) == 2 and "{#hoa-giai-la-gi}" in saved.read_text(encoding="utf-8")
    saved.write_bytes(before)  # the module's other tests read the handbook as it was
