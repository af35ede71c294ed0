"""The web editor in Chromium (issue 14 item 3): `bantin edit` on a git copy of a small site.

decap-server on 127.0.0.1 (a free port), the live preview beside it; through the UI an
editor creates an article with an uploaded picture, adds a question to a handbook and a guide,
edits one paragraph of rich text without changing the rest. The files land in content/, pass
`bantin check`, and the rebuilt site shows them. The editor's other browser tests, each file
on its own `bantin edit` (webeditor_kit.py): test_webeditor_screen_browser.py (its words,
hosts and layout), test_webeditor_upload_browser.py (pictures and documents),
test_webeditor_paste_browser.py (Word), test_webeditor_reload_browser.py (typed work kept).
The screenshots go to content/bien-tap/anh/ for the editors' guide (BANTIN_SCREENSHOTS=1).
"""

from __future__ import annotations

import datetime

import re
import subprocess
import unicodedata
import urllib.request
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
import yaml

from browser import serve
from sitekit import ROOT, article, build, read, run_bantin, write_site
from webeditor_kit import (
    _add_component, _caret_at_end, CONSTRUCTS, DECAP_IDLE, _entry_open, _front_matter_written,
    _hosts, _jpeg_written, _new_article_with_picture, _paste, _publish, _served, _shot,
    _title_category_text, _two_empty_lines_then_the_upper, _until, _use_upload, _word,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


TITLE = "Tập huấn hòa giải viên ở xã Đông Sơn"
SLUG = "tap-huan-hoa-giai-vien-o-xa-dong-son"
QUESTION = "Câu hỏi 2: Ai được bầu làm hòa giải viên?"
QUESTION_ID = "ai-duoc-bau-lam-hoa-giai-vien"


def test_a_new_article_with_an_uploaded_picture(admin, editing, tmp_path):
    from PIL import Image

    picture = tmp_path / "Ảnh lớp tập huấn.jpg"  # saved under an ASCII name
    Image.new("RGB", (800, 500), (40, 100, 160)).save(picture, quality=85)
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _new_article_with_picture(page, TITLE, picture, "anh-lop-tap-huan.jpg", shot="tai-anh-1280")
    assert not page.get_by_text("Bản nháp", exact=True).count()  # the upload's badge is not "a draft"
    page.get_by_label("Từ khóa (thẻ)").fill("hòa giải, tập huấn")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Sáng 20/11, bốn mươi hòa giải viên của xã Đông Sơn dự lớp tập huấn.")
    _publish(page)  # no description of the picture yet: refused, said on the field, nothing written
    refusal = page.locator("[class*='-ControlErrorsList'] li", has_text="chưa có “Mô tả ảnh”")
    refusal.wait_for()
    assert refusal.inner_text().startswith("Có ảnh minh họa nhưng"), refusal.inner_text()
    page.get_by_text("Chưa lưu được: có ô cần sửa").wait_for()  # Decap said nothing of a field's own check
    expect(page.get_by_label("Mô tả ảnh")).to_be_focused()  # the field to fill, brought into view
    _shot(page, "thieu-mo-ta-anh-1280")
    assert not (root / f"content/tin-tuc/{SLUG}.md").exists()
    page.get_by_label("Mô tả ảnh").fill("Hòa giải viên xã Đông Sơn tại lớp tập huấn")
    refusal.wait_for(state="hidden", timeout=15000)  # filled: the field's message goes
    page.get_by_label("Tiêu đề").scroll_into_view_if_needed()
    _shot(page, "bai-moi-1280")
    _publish(page)
    saved = root / f"content/tin-tuc/{SLUG}.md"
    _until(lambda: _front_matter_written(saved))
    text = saved.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["title"] == TITLE and meta["slug"] == SLUG and meta["category"] == "hoa-giai-o-co-so"
    assert meta["image"] == "../images/anh-lop-tap-huan.jpg" and meta["image_alt"].startswith("Hòa giải viên")
    assert meta["tags"] == ["hòa giải", "tập huấn"] and "summary" not in meta  # empty fields left out
    assert "bốn mươi hòa giải viên" in text
    _until(lambda: _jpeg_written(root / "content/images/anh-lop-tap-huan.jpg"))
    assert (root / "content/images/anh-lop-tap-huan.jpg").read_bytes() == picture.read_bytes()


def test_every_missing_field_is_said_in_one_round(admin, editing, tmp_path):
    """A picture without its description, no category, no text: one press of "Công bố" says
    all three on their fields (the description came in a second round, after the others were
    fixed); removing the picture lifts its description's demand."""
    from PIL import Image

    picture = tmp_path / "mot-luot.jpg"
    Image.new("RGB", (400, 250), (90, 140, 60)).save(picture, quality=85)
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    page.get_by_label("Tiêu đề").fill("Bài thiếu nhiều thứ")
    page.get_by_text("Chọn một hình").click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    _use_upload(page, "mot-luot.jpg")
    _publish(page)
    said = page.locator("[class*='-ControlErrorsList'] li")
    said.filter(has_text="chưa có “Mô tả ảnh”").wait_for()
    # its label said "(không bắt buộc)" above the message saying it is needed
    assert page.locator("label[for^='image_alt-field-']").text_content() == "Mô tả ảnh (bắt buộc khi có ảnh)"
    texts = said.all_inner_texts()
    assert any(t.startswith("Chưa có Chuyên mục") for t in texts) and any(t.startswith("Chưa có Nội dung") for t in texts), texts
    _title_category_text(page, "", "Nội dung bài.")  # the title is there
    page.get_by_role("button", name="Gỡ bỏ hình").click()  # no picture: no description needed
    _publish(page)
    saved = root / "content/tin-tuc/bai-thieu-nhieu-thu.md"
    _until(lambda: _front_matter_written(saved))
    assert "image" not in yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])


def test_a_draft_is_saved_without_a_category(admin, editing):
    """The category's check refused a draft ("cần điền hoặc chọn trước khi công bố") while the
    editor was saving a draft (outsider trial F4); the build only warns of a draft's. Turned
    back from a draft, the article is refused without one, on the field."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/huong-dan/new")
    page.get_by_label("Tiêu đề").fill("Hướng dẫn còn viết dở")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Phần đầu.")
    page.get_by_label("Bản nháp (chưa đăng)").click()
    page.get_by_text("Đang bật: bài là bản nháp").wait_for()
    page.get_by_role("button", name="Lưu bản nháp", exact=True).click()
    page.get_by_text("Lưu ngay", exact=True).click()
    saved = root / "content/huong-dan/huong-dan-con-viet-do.md"
    _until(lambda: _front_matter_written(saved))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert meta["draft"] is True and "category" not in meta
    page.get_by_role("button", name="Đã lưu (bản nháp)").wait_for()  # the save has ended (the page moved to the entry's)
    page.get_by_label("Bản nháp (chưa đăng)").click()
    page.get_by_text("Đang tắt: bấm Công bố").wait_for()
    page.get_by_role("button", name="Công bố", exact=True).wait_for()
    _publish(page)
    refusal = page.locator("[class*='-ControlErrorsList'] li", has_text="Chưa có Chuyên mục")
    refusal.wait_for()
    assert "trước khi công bố" in refusal.inner_text()
    assert yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])["draft"] is True  # not published


def test_view_live_opens_the_entry_s_own_page(admin, editing):
    page = admin
    page.goto(editing[1] + f"admin/#/collections/tin-tuc/entries/{SLUG}")
    link = page.get_by_role("link", name="Xem bản hoàn chỉnh")
    link.wait_for()
    assert link.get_attribute("href") == editing[1] + f"tin-tuc/{SLUG}", link.get_attribute("href")

    def opened() -> str:  # once the live preview has rebuilt with the new article
        try:
            with urllib.request.urlopen(link.get_attribute("href"), timeout=5) as answer:
                return answer.geturl() if TITLE in answer.read().decode() else ""
        except OSError:
            return ""

    _until(opened, 60)
    assert opened().endswith(f"/tin-tuc/{SLUG}/")  # the preview server added the slash


def test_view_live_appears_after_a_new_article_s_first_save(admin, editing):
    """Decap loads the link when an entry opens and after a save of an opened entry; a new
    article's first save only moved it from …/new to its address, so "Xem bản hoàn chỉnh"
    came after a reload (editor's trial; scripts/patch_decap.py)."""
    page, slug = admin, "lich-tro-giup-phap-ly-luu-dong-thang-12"
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Lịch trợ giúp pháp lý lưu động tháng 12", "Đoàn trợ giúp pháp lý về xã ngày 10/12.")
    _publish(page)
    page.wait_for_url(lambda url: url.endswith(f"#/collections/tin-tuc/entries/{slug}"))  # saved, not reloaded
    link = page.get_by_role("link", name="Xem bản hoàn chỉnh")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == editing[1] + f"tin-tuc/{slug}", link.get_attribute("href")


def test_a_picture_without_description_and_an_unknown_number_are_refused_at_save(admin, editing):
    """The outsider's trial (session 40, F8, F11): a picture put in the text ("+" → Ảnh)
    without its description, and «Nghị định 102» in "Văn bản được trích dẫn", were saved, then
    the build failed for every editor. Now each save is refused, saying what to write; the
    file stays as it was until both are right, then it saves."""
    page, root = admin, editing[0]
    saved = root / "content/tin-tuc/anh-trong-bai.md"
    before = saved.read_bytes()
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/anh-trong-bai")
    _entry_open(page, "Đoạn cuối của bài.")
    _add_component(page, "Ảnh")
    page.get_by_text("Chọn một hình").last.click()
    page.locator("div:has(> p:text-is('anh-cu.jpg'))").first.click()
    page.get_by_role("button", name="Dùng tệp đã chọn").click()
    _publish(page)
    notice = page.locator(".Toastify__toast").filter(has_text="chưa có mô tả cho người khiếm thị")
    notice.first.wait_for(timeout=15_000)
    assert "Mô tả ảnh (bắt buộc, cho người khiếm thị)" in notice.first.inner_text()
    page.get_by_label("Mô tả ảnh (bắt buộc, cho người khiếm thị)").fill("Toàn cảnh buổi hòa giải")
    page.get_by_label("Văn bản được trích dẫn").fill("Nghị định 102")
    _publish(page)
    page.locator(".Toastify__toast").filter(has_text="`Nghị định 102` không phải số hiệu văn bản").first.wait_for(
        timeout=15_000)
    assert saved.read_bytes() == before  # nothing written by either refusal
    page.get_by_label("Văn bản được trích dẫn").fill("102/2024/NĐ-CP")
    _publish(page)
    _until(lambda: saved.read_bytes() != before)
    _until(lambda: "102/2024/NĐ-CP" in saved.read_text(encoding="utf-8"))
    text = saved.read_text(encoding="utf-8")
    assert "![Toàn cảnh buổi hòa giải](" in text, text  # `bantin check` reads it (test_saved_files_pass_check…)


def test_a_year_before_1945_and_a_link_to_a_missing_page_are_refused_at_save(admin, editing):
    """Session 40's list of the build's errors the editor still saved, the two most likely: a
    year typed wrong in the date box («1024»; a year of fewer digits never reaches the form,
    yearBeingTyped keeps it from Decap), and a link to a page the site does not have. Each
    save is refused, on the field, saying what to write; nothing is written until both are right."""
    page, root = admin, editing[0]
    saved = root / "content/tin-tuc/ngay-va-lien-ket.md"
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    expect(page.get_by_label("Tiêu đề")).to_have_value("")
    _title_category_text(page, "Ngày và liên kết", "Đoạn đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, _word("<p class=MsoNormal>Xem <a href=\"../tin-tuc/bai-khong-co.md\">bài kia</a>.</p>\n"), "x")
    box = page.get_by_label("Ngày đăng")
    box.focus()
    for key in "03051024":  # typed by hand (mm/dd/yyyy here), 1024 for 2024
        page.keyboard.type(key)
        page.wait_for_timeout(60)
    page.get_by_text("Thứ Sáu, ngày 5 tháng 3 năm 1024").wait_for()  # the form has it, not only the box
    notices = page.locator(".Toastify__toast")
    _publish(page)
    said = notices.filter(has_text="“Ngày đăng”: năm 1024 không hợp lệ").first
    said.wait_for(timeout=15_000)
    assert "gõ năm đủ bốn chữ số" in said.inner_text() and "Ngay lúc này" in said.inner_text(), said.inner_text()
    # The same words stay under the field once the notice has gone (an editor's trial, session
    # 52), until the field is typed in.
    kept = page.locator(".bantin-refused")
    expect(kept).to_have_count(1)
    assert "năm 1024 không hợp lệ" in kept.inner_text()
    assert kept.evaluate("(note, box) => note.previousElementSibling.contains(box)", box.element_handle())
    box.fill("")  # what typing into the year part, or day first where the box reads month first, leaves (F4)
    expect(kept).to_have_count(0)
    page.get_by_text("Ô ngày đang trống: ngày gõ chưa đủ").wait_for()
    box.fill("2024-03-05")
    page.get_by_text("Thứ Ba, ngày 5 tháng 3 năm 2024").wait_for()
    _publish(page)
    # Chromium hands a pasted link over made absolute, on the editor's own address: the
    # preview's (`http://127.0.0.1:…/tin-tuc/bai-khong-co.md`), of no page (checks._PREVIEW)
    said = notices.filter(has_text="là địa chỉ của bản xem trước").first
    said.wait_for(timeout=15_000)
    assert f"liên kết `{editing[1]}tin-tuc/bai-khong-co.md` (dòng 3 của Nội dung)" in said.inner_text(), said.inner_text()
    expect(kept.locator("code").first).to_have_text(f"{editing[1]}tin-tuc/bai-khong-co.md")  # `…` as code, under Nội dung
    expect(kept).to_contain_text("Dòng tính như khi bật “Markdown”")  # the formatted view shows no lines
    _shot(page, "tu-choi-duoi-o-1280")
    assert not saved.exists()  # nothing written by any refusal
    editor = page.locator("[data-slate-editor]").first
    # the paragraph with the link taken out, as a hand does it (a click on its first word, not
    # the link; End, Shift+Home, Backspace, with the pauses Slate needs to learn the selection)
    editor.locator("p", has_text="bài kia").first.click(position={"x": 3, "y": 5})
    for key in ("End", "Shift+Home", "Backspace"):
        page.wait_for_timeout(300)
        page.keyboard.press(key)
    expect(editor.get_by_text("bài kia")).to_have_count(0)
    # written again with a link to a page the site has, by its preview address
    _paste(page, _word(f"<p class=MsoNormal>Và <a href=\"{editing[1]}tin-tuc/bai-cu/\">bài cũ</a>.</p>\n"), "x")
    editor.get_by_text("bài cũ").first.wait_for()
    _publish(page)
    _until(lambda: _front_matter_written(saved))
    text = saved.read_text(encoding="utf-8")
    # saved as the link to the page's file, as the build would publish it (outsider trial F2,
    # session 43: the address was saved, and every build warned of it)
    assert "date: 2024-03-05" in text and "[bài cũ](bai-cu.md)" in text and "khong-co" not in text, text
    done = run_bantin(root, "check")
    assert not [line for line in done.stdout.splitlines() if "ngay-va-lien-ket.md" in line], done.stdout


def test_a_question_added_to_a_handbook(admin, editing):
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/hoi-dap/entries/so-tay")
    editor = _entry_open(page, "Là việc giúp các bên tự thỏa thuận.")
    _caret_at_end(page, editor.get_by_text("Là việc giúp các bên tự thỏa thuận."))
    _two_empty_lines_then_the_upper(page, editor)
    assert editor.get_by_text("Là việc giúp các bên tự thỏa thuận.", exact=True).count() == 1  # not split
    assert page.get_by_title("Đậm").is_visible() and page.get_by_title("Bold").count() == 0  # words we added
    _add_component(page, "Câu hỏi")
    page.get_by_label("Câu hỏi", exact=True).last.fill(QUESTION)
    answer = "Công dân Việt Nam thường trú ở cơ sở, tự nguyện làm hòa giải viên."
    page.wait_for_timeout(500)  # the block just went in: the editor re-renders the lines below it
    line = editor.locator(":scope > p").last  # a locator: found again at each use
    typed = lambda: line.inner_text().strip("\ufeff \n")  # noqa: E731
    for _ in range(3):  # it may still re-render under the caret and drop what was typed
        _caret_at_end(page, line)
        page.keyboard.type(answer[len(typed()):])
        page.wait_for_timeout(300)
        if typed() == answer:
            break
    assert typed() == answer, "the answer could not be typed into the editor"
    page.get_by_label("Câu hỏi", exact=True).last.scroll_into_view_if_needed()
    _shot(page, "cau-hoi-1280")
    _publish(page)
    saved = root / "content/hoi-dap/so-tay.md"
    _until(lambda: QUESTION_ID in saved.read_text(encoding="utf-8"))
    text = saved.read_text(encoding="utf-8")
    assert f"## {QUESTION} {{#{QUESTION_ID}}}\n\nCông dân Việt Nam" in text
    assert "## Câu hỏi 1: Hòa giải ở cơ sở là gì? {#hoa-giai-o-co-so-la-gi}\n\nLà việc giúp" in text  # kept


def test_a_question_after_an_answer_that_ends_in_a_list(admin, editing):
    """The first Enter after a list makes an empty bullet; the guide's step 2 still ends with
    the block outside the list (`* ## …` would be no question: `bantin check` says so)."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/hoi-dap/entries/so-tay-danh-sach")
    editor = _entry_open(page, "hỗ trợ kinh phí.")
    _caret_at_end(page, editor.get_by_text("hỗ trợ kinh phí."))
    _two_empty_lines_then_the_upper(page, editor)
    _add_component(page, "Câu hỏi")
    page.get_by_label("Câu hỏi", exact=True).last.fill("Câu hỏi 2: Ai chi trả kinh phí?")
    page.wait_for_timeout(500)
    _caret_at_end(page, editor.locator(":scope > p").last)
    page.keyboard.type("Ngân sách xã.")
    page.wait_for_timeout(300)
    _publish(page)
    saved = root / "content/hoi-dap/so-tay-danh-sach.md"
    _until(lambda: "ai-chi-tra-kinh-phi" in saved.read_text(encoding="utf-8"))
    text = saved.read_text(encoding="utf-8")
    assert "\n\n## Câu hỏi 2: Ai chi trả kinh phí? {#ai-chi-tra-kinh-phi}\n\nNgân sách xã." in text, text
    assert "hỗ trợ kinh phí." in text


LAST_QUESTION = "Câu hỏi 3: Hòa giải viên được hỗ trợ những gì?"


def test_a_block_left_last_is_answered_in_markdown_mode(admin, editing):
    """The guide's way out when a question block ends the handbook: Decap's editor gives no
    line under a last block (a click there, Enter or ↓ in the block: nothing is typed), so
    the answer is written in Markdown mode under the block's `## …` line."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/hoi-dap/entries/so-tay")
    editor = _entry_open(page, "Là việc giúp các bên tự thỏa thuận.")
    _caret_at_end(page, editor.locator(":scope > p").last)
    page.keyboard.press("Enter")  # one empty line, which the block takes: nothing under it
    _add_component(page, "Câu hỏi")
    page.get_by_label("Câu hỏi", exact=True).last.fill(LAST_QUESTION)
    page.wait_for_timeout(500)
    assert editor.locator(":scope > *").last.get_attribute("data-slate-void") == "true"
    toggle = page.locator("button[role=switch][class*=ToolbarToggle]")  # "Văn bản định dạng | Markdown"
    toggle.click()
    raw = page.get_by_role("textbox").filter(has_text="{#hoa-giai-vien-duoc-ho-tro-nhung-gi}").last
    # the whole question in the Markdown before the caret goes there: under load (make test on
    # 2 cores) the text came a moment later and moved the caret into "đượ|c" (session 28)
    expect(raw).to_contain_text(f"{LAST_QUESTION} {{#hoa-giai-vien-duoc-ho-tro-nhung-gi}}")
    _caret_at_text_end(page, raw.get_by_text("{#hoa-giai-vien-duoc-ho-tro-nhung-gi}").last)
    for key in ("Enter", "Enter"):  # a blank line between the question and its answer
        page.keyboard.press(key)
    page.keyboard.type("Được bồi dưỡng kỹ năng và hỗ trợ kinh phí.")
    toggle.click()
    editor.get_by_text("Được bồi dưỡng kỹ năng").wait_for()  # back in rich text, under the block
    _publish(page)
    saved = root / "content/hoi-dap/so-tay.md"
    _until(lambda: "hoa-giai-vien-duoc-ho-tro-nhung-gi" in saved.read_text(encoding="utf-8"))
    text = saved.read_text(encoding="utf-8")
    assert (f"## {LAST_QUESTION} {{#hoa-giai-vien-duoc-ho-tro-nhung-gi}}\n\n"
            "Được bồi dưỡng kỹ năng và hỗ trợ kinh phí.") in text


GUIDE = "Hướng dẫn chứng thực bản sao từ bản chính"
GUIDE_SLUG = "huong-dan-chung-thuc-ban-sao-tu-ban-chinh"


def test_a_new_guide(admin, editing):
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/huong-dan/new")
    _title_category_text(page, GUIDE, "Người dân mang bản chính và bản sao đến Ủy ban nhân dân cấp xã.")
    page.get_by_label("Tiêu đề").scroll_into_view_if_needed()
    _shot(page, "huong-dan-1280")
    _publish(page)
    saved = root / f"content/huong-dan/{GUIDE_SLUG}.md"
    _until(lambda: _front_matter_written(saved))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert meta["title"] == GUIDE and meta["slug"] == GUIDE_SLUG and meta["category"] == "hoa-giai-o-co-so"


def _add_to_paragraph(page, editing, slug: str, paragraph: str, collection: str = "tin-tuc") -> tuple[str, str]:
    """(the article's file before, after) « Thêm câu.» is typed at the end of `paragraph` in
    the web editor and the article published."""
    saved = editing[0] / f"content/{collection}/{slug}.md"
    before = saved.read_text(encoding="utf-8")
    page.goto(editing[1] + f"admin/#/collections/{collection}/entries/{slug}")
    _caret_at_end(page, _entry_open(page, paragraph).get_by_text(paragraph))
    page.keyboard.type(" Thêm câu.")
    _publish(page)
    _until(lambda: "Thêm câu." in saved.read_text(encoding="utf-8"))
    return before, saved.read_text(encoding="utf-8")


def test_editing_one_paragraph_keeps_the_rest_as_written(admin, editing):
    """Every line but the one changed is saved as written; a Tab, as the site reads it, as the
    spaces to its column (a note `[//]:⇥# (…)` was dropped, session 38's review)."""
    before, after = _add_to_paragraph(admin, editing, "mo-rong", "Đoạn đầu.")
    assert after.split("Đoạn đầu. Thêm câu.\n", 1)[1] == before.split("Đoạn đầu.\n", 1)[1].expandtabs(4)
    # its address, now written as the build made it (the browser's slugify says "womens")
    assert "slug:" not in before and "\nslug: bai-co-khoi-mo-rong-women-s-day\n" in after, after


def test_a_note_written_in_the_rich_text_editor_stays_hidden(admin, editing):
    """Guide §5.3: in rich text mode a note is typed as `<!-- … -->`, or `[//]: # (…)` put in a
    "Markdown giữ nguyên" block; both are saved as the hidden lines they are. (`[//]: # (…)`
    typed as words was measured saved escaped, `\\[//]: # (…)`, shown: the guide says not to.)"""
    page, saved = admin, editing[0] / "content/tin-tuc/ghi-chu.md"
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/ghi-chu")
    editor = _entry_open(page, "Đoạn cuối.")
    _caret_at_end(page, editor.get_by_text("Đoạn cuối."))
    page.keyboard.press("Enter")
    page.keyboard.type("<!-- Chờ chị Hạnh duyệt -->")
    _add_component(page, "Markdown giữ nguyên")
    page.get_by_label("Markdown (lưu đúng như viết)").last.fill("[//]: # (Chờ anh Tùng xem số liệu)")
    page.wait_for_timeout(300)  # Decap takes the field's text on its next render
    _publish(page)
    _until(lambda: "Chờ anh Tùng" in saved.read_text(encoding="utf-8"))
    body = saved.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ("Đoạn đầu.\n\nĐoạn cuối.\n\n<!-- Chờ chị Hạnh duyệt -->\n\n"
                    "[//]: # (Chờ anh Tùng xem số liệu)\n"), body
    html = markdown.markdown(body)
    assert "Chờ" not in re.sub(r"<!--.*?-->", "", html), html


def test_a_markdown_table_is_kept_byte_for_byte_when_another_paragraph_changes(admin, editing):
    """The guide (§5.4) tells editors to write tables as `| … |` lines: opened in the rich
    text editor and saved after a word elsewhere changed, the table stays as written."""
    before, after = _add_to_paragraph(admin, editing, "co-bang", "Đoạn cuối.")
    body = before.split("---\n", 2)[2]
    assert after.split("---\n", 2)[2] == body.replace("Đoạn cuối.", "Đoạn cuối. Thêm câu."), after
    _shot(admin, "bang-1280")


# Typed into a "Bảng" block: what a cell may hold, hostile text included.
TYPED_TABLE = """| Ô | Liên kết |
| --- | ---: |
| **Đậm** và *nghiêng*, `mã` | [Luật](https://vbpl.vn/luat "Luật Hòa giải") |
| <script>window.chay = 1</script> | [bấm](javascript:window.chay=2) |
| <img src=x onerror="window.chay=3"> | [trang](../hoi-dap/so-tay.md) |
| a \\| b | [xa](//evil.example/a) [thư](mailto:stp@example.org) |
| `a | b` | [js](<\u00a0javascript:window.chay=4>) [bấm](&#160;javascript:window.chay=5) [xa](&#12288;//evil.example/x) |
| 10<sup>2</sup> m<br>H<sub>2</sub>O | <sup onclick="window.chay=6">3</sup> |"""


def test_the_table_block_s_preview_shows_the_table_as_the_site_does(admin, editing):
    """The "Bảng" block's preview showed `**Đồng Mây**` and `[80](…)` as typed (session 36,
    left): bold, italic, code and links are shown, as text nodes in elements; a cell's `<script>`
    and `<img onerror>` are words and run nothing; only http(s), mailto, tel and the site's own
    paths are links (`javascript:`, `//host`: the words alone, also behind U+00A0 or U+3000,
    session 38's review); a path relative to the page is its words, not followed; `<br>`,
    `<sup>`, `<sub>` without attributes are shown as the site shows them; a `|` in code is the
    code's."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/co-bang")
    _entry_open(page, "Đoạn đầu.")
    preview = page.frame_locator("iframe").first.locator("table.bantin-bang")
    expect(preview.locator("strong")).to_have_text("Đồng Mây", timeout=15_000)
    expect(preview.locator("span.bantin-lien-ket")).to_have_attribute("data-lien-ket", "../hoi-dap/so-tay.md")
    assert preview.locator("a").count() == 0
    expect(preview.locator("td").nth(5)).to_have_text("80 | 83,3%")
    assert "**" not in preview.text_content() and "](" not in preview.text_content()
    expect(preview.locator("td").nth(1)).to_have_css("text-align", "right")  # `---:`
    page.get_by_label("Bảng (mỗi hàng một dòng, các ô ngăn bằng dấu |)").first.fill(TYPED_TABLE)
    expect(preview.locator("td").nth(2)).to_have_text("<script>window.chay = 1</script>", timeout=15_000)
    expect(preview.locator("td").nth(4)).to_have_text('<img src=x onerror="window.chay=3">')
    assert preview.locator("strong").all_text_contents() == ["Đậm"]
    assert preview.locator("em").all_text_contents() == ["nghiêng"]
    expect(preview.locator("td").nth(11)).to_have_text("3")
    assert preview.locator("code").all_text_contents() == ["mã", "a | b"]
    assert preview.locator("script, img").count() == 0
    links = preview.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["Luật", "https://vbpl.vn/luat"], ["thư", "mailto:stp@example.org"]], links
    expect(preview.locator("span.bantin-lien-ket")).to_have_text("trang")
    expect(preview.locator("td").nth(9)).to_have_text("js bấm xa")
    assert preview.locator("sup").all_text_contents() == ["2", "3"]
    assert preview.locator("sub").all_text_contents() == ["2"]
    assert preview.locator("td").nth(10).evaluate("td => td.querySelectorAll('br').length") == 1
    assert preview.locator("sup").nth(1).evaluate("sup => sup.attributes.length") == 0
    expect(preview.locator("td").nth(3)).to_have_text("bấm")
    expect(preview.locator("td").nth(7)).to_have_text("xa thư")
    expect(preview.locator("td").nth(6)).to_have_text("a | b")
    assert page.frame_locator("iframe").first.locator("body").evaluate("() => window.chay") is None
    assert page.evaluate("() => window.chay") is None
    _shot(page, "bang-xem-truoc-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    if page.get_by_role("button", name="Xem trước bài").count():
        page.get_by_role("button", name="Xem trước bài").click()
    expect(preview.locator("code").first).to_have_text("mã")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    frame = page.frame_locator("iframe").first.locator(".bantin-bang-khung")  # long words break: no scrolling
    assert frame.evaluate("box => box.scrollWidth <= box.clientWidth"), frame.evaluate("b => [b.scrollWidth, b.clientWidth]")
    _shot(page, "bang-xem-truoc-390")


def test_a_nested_list_written_by_hand_is_kept_when_another_paragraph_changes(admin, editing):
    """Decap wrote a nested list back 2 spaces in, after a blank line: saving a word changed
    elsewhere made the site show it as one flat list (scripts/patch_decap.py LIST_INDENT)."""
    before, after = _add_to_paragraph(admin, editing, "ds-long", "Đoạn cuối.")
    body = before.split("---\n", 2)[2]
    assert after.split("---\n", 2)[2] == body.replace("Đoạn cuối.", "Đoạn cuối. Thêm câu."), after


def test_a_save_changes_only_the_lines_whose_values_changed(admin, editing):
    """Editor's trial F6: one answer changed in a handbook written by hand, and the commit showed
    its whole front matter rewritten (keys reordered, `[a, b]` as a block list, the summary
    folded anew, the comment and the blank line after `---` gone) and every `- ` written `* `.
    Now the file differs by the words typed, and the address Decap adds (`slug`, a value it
    did not have) comes after the key the form puts before it."""
    page = admin
    page.evaluate("""() => {  // Decap's own front matter format, kept for the checks after the save
        const kept = window.bantinKeptFrontMatter;
        window.bantinKeptFrontMatter = (...given) => { window.__bantinFormat = given.slice(2); return kept(...given); };
    }""")
    before, after = _add_to_paragraph(page, editing, "giu-dong", "Trả lời một.", collection="hoi-dap")
    assert "slug:" not in before
    expected = before.replace("Trả lời một.", "Trả lời một. Thêm câu.").replace(
        "title: Sổ tay giữ nguyên dòng\n", "title: Sổ tay giữ nguyên dòng\nslug: so-tay-giu-nguyen-dong\n")
    assert after == expected, after
    assert yaml.safe_load(after.split("---\n")[1])["tags"] == ["hòa giải", "hộ tịch"]
    _kept_as_decap_reads(page)


LONG = ("Mười một câu hỏi thường gặp về hòa giải ở cơ sở, hòa giải viên và tổ hòa giải, trả lời theo Luật Hòa giải"
        " ở cơ sở năm 2013 và Nghị định số 15/2014/NĐ-CP.")
# Decap's format at work on files as editors leave them: (file as loaded, Decap's text of the
# form, what is saved). `@` stands for Decap's text unchanged.
KEPT_CASES = [
    # a changed value gets Decap's lines at its place; the rest keeps its own
    ("---\ntitle: 'Cũ'\ntags: [a, b]\n---\n\nThân.\n", {"title": "Mới", "tags": ["a", "b"], "body": "Thân.\n"},
     "---\ntitle: Mới\ntags: [a, b]\n---\n\nThân.\n"),
    # a key gone is gone, with the comment above it; a comment above a kept key stays
    ("---\n# về a\na: 1\n# về b\nb: [x]\n---\nThân.\n", {"b": ["x"], "body": "Thân.\n"},
     "---\n# về b\nb: [x]\n---\nThân.\n"),
    # Windows line ends and a byte order mark: the lines kept, written with Decap's ends
    ("\ufeff---\r\ntitle: A\r\ntags: [a]\r\n---\r\n\r\nThân.\r\n", {"title": "A", "tags": ["a"], "body": "Thân.\n"},
     "---\ntitle: A\ntags: [a]\n---\n\nThân.\n"),
    # a new key first in the form's order goes first; a date quoted by hand stays quoted
    ("---\ntags: [a]\ndate: '2024-05-01'\n---\nThân.\n", {"title": "A", "date": "2024-05-01", "tags": ["a"], "body": "Thân.\n"},
     "---\ntitle: A\ntags: [a]\ndate: '2024-05-01'\n---\nThân.\n"),
    # what cannot be split into plain keys is left to Decap: a quoted key, a line under no key,
    # a comment between a list's items
    ('---\n"title": A\n---\nThân.\n', {"title": "A", "body": "Thân.\n"}, "@"),
    ("---\n  lề: 1\ntitle: A\n---\nThân.\n", {"title": "A", "body": "Thân.\n"}, "@"),
    ("---\ntags:\n- a\n# giữa\n- b\n---\nThân.\n", {"tags": ["a", "b"], "body": "Thân.\n"}, "@"),
    # a file Decap's reader refuses: Decap's text (the editor refuses such a save before this)
    ("---\ntitle: A: B\n---\n", {"title": "A", "body": ""}, "@"),
    # a new file
    ("", {"title": "A", "body": "Thân.\n"}, "@"),
    # a summary written on one line stays on one line when changed, in its own quoting, where
    # Decap folds it at 80 columns (session 46); one that only reads back in Decap's way is Decap's
    ("---\ntitle: A\nsummary: Ngắn.\n---\n\nThân.\n", {"title": "A", "summary": LONG, "body": "Thân.\n"},
     "---\ntitle: A\nsummary: " + LONG + "\n---\n\nThân.\n"),
    ("---\nsummary: 'Ngắn.'\n---\nThân.\n", {"summary": LONG + " Gọi là 'mẫu'.", "body": "Thân.\n"},
     "---\nsummary: '" + LONG + " Gọi là ''mẫu''.'\n---\nThân.\n"),
    ('---\nsummary: "Ngắn."\n---\nThân.\n', {"summary": LONG + ' Gọi là "mẫu".', "body": "Thân.\n"},
     '---\nsummary: "' + LONG + ' Gọi là \\"mẫu\\"."\n---\nThân.\n'),
    ("---\ntitle: A\nsummary: Ngắn.\n---\nThân.\n", {"title": "A", "summary": "Hòa giải: " + LONG, "body": "Thân.\n"},
     "@"),
]


def _kept_as_decap_reads(page) -> None:
    """bantin-frontmatter.js with Decap's format, as the save just made called it: lines kept
    only where Decap reads the same value, and Decap's text whenever its reader would read
    the result otherwise (a reader that sees another value in any other text)."""
    got = page.evaluate("""(cases) => cases.map(([raw, data]) => {
        const [format, order, comments] = window.__bantinFormat;
        const written = format.toFile(data, order, comments);
        const saved = window.bantinFrontMatter.kept(raw, written, format, order, comments);
        const other = {fromFile: (t) => t === written ? {v: 1} : {v: 2}, toFile: format.toFile.bind(format)};
        return [saved === written ? "@" : saved, window.bantinFrontMatter.kept(raw, written, other, order, comments)
                === written];
    })""", [case[:2] for case in KEPT_CASES])
    for (raw, data, want), (saved, guarded) in zip(KEPT_CASES, got):
        assert saved == want, (raw, saved)
        assert guarded, raw


# Written so that the site showed it otherwise than Decap's editor (and its preview) did: saved,
# it is what the editor showed. `Gồm:` then `- một;` on the next line is one paragraph to
# Python-Markdown (a list needs a blank line before it) and a list to Decap; a line ending in
# `\` is a line break to Decap, a `\` to Python-Markdown.
# Two more, whatever a Tab or spaces indent them (a Tab is expanded first, by Decap now as by
# Python-Markdown, so each reads as its spaces): a list item 2 columns into the item above
# (`>⇥- một a.` is `>` and 3 spaces: the quote's space, then 2) is nested to Decap, a line of
# that item to Python-Markdown, which nests at 4; `- Mục hai` right under an item's indented
# second paragraph is an item to Decap, words of that paragraph to Python-Markdown.
CHANGED_AS_SHOWN = {
    "list-after-words": "<p>Gồm:</p> <ul> <li>một;</li> <li>hai.</li> </ul>",
    "hard-break-backslash": "<p>Dòng một<br /> Dòng hai.</p>",
    "tab-quote-tab-list": "<blockquote> <ul> <li>Một:<ul> <li>một a.</li> </ul> </li> <li>Hai.</li> </ul> </blockquote>",
    "tab-continuation": "<ul> <li> <p>Mục một</p> <p>Đoạn thứ hai của mục một.</p> </li> <li> <p>Mục hai</p> </li> </ul>",
}


def _site_extensions() -> tuple[list[str], dict]:
    """The Markdown extensions the site builds with: MkDocs' own builtins (toc, tables and
    fenced_code, which every MkDocs site has whatever mkdocs.yml lists), the plugin's
    (REQUIRED_EXTENSIONS) and the sample mkdocs.yml's, with its settings."""
    from mkdocs.config.defaults import MkDocsConfig

    from bantin.adapter.plugin import REQUIRED_EXTENSIONS

    sample = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    configs = {name: config or {} for entry in sample if isinstance(entry, dict) for name, config in entry.items()}
    names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in sample]
    builtins = MkDocsConfig.markdown_extensions.builtins
    return [name for name in dict.fromkeys([*builtins, *names, *REQUIRED_EXTENSIONS])], configs


def _as_site_shows(body: str) -> dict[str, str]:
    """The HTML of each construct of EVERY_CONSTRUCT as the site makes it (NFC, as the build
    reads every file; the site's Markdown extensions), by construct name, spaces folded."""
    extensions, configs = _site_extensions()
    html = markdown.markdown(unicodedata.normalize("NFC", body), extensions=extensions, extension_configs=configs)
    parts = re.split(r"<p>Mốc (\d+)\.</p>", html)
    shown = {CONSTRUCTS[int(n) - 1][0]: " ".join(part.split()) for n, part in zip(parts[1::2], parts[2::2])}
    return shown | {"(đầu)": " ".join(parts[0].split())}


def test_every_construct_renders_as_before_when_another_paragraph_changes(admin, editing):
    """Decap's rich text editor reads the whole body into its own tree and writes it back on
    any save: twice that silently changed a published page (session 35: tables; session 36:
    nested lists). One word changed in the first paragraph, saved, then one in the last, saved
    again (a change that grows with each save shows on the second): every construct the site
    reads renders as before (tests/data/rich-text-constructs.txt), but those Decap's editor
    showed otherwise all along, which a save now publishes as shown (CHANGED_AS_SHOWN). Indented
    code in a list item or a quote stays code (it was saved as a fence, inline code there to the
    site: scripts/patch_decap.py CODE_INDENTED_IN_CONTAINERS). Rendered with the site's own
    extensions (_site_extensions)."""
    before, _ = _add_to_paragraph(admin, editing, "moi-cau-truc", "Đoạn đầu.")
    _, after = _add_to_paragraph(admin, editing, "moi-cau-truc", "Đoạn cuối.")
    was = _as_site_shows(before.split("---\n", 2)[2])
    now = _as_site_shows(after.split("---\n", 2)[2].replace(" Thêm câu.", ""))
    expected = CHANGED_AS_SHOWN
    changed = {name: (was[name], now.get(name)) for name in was if expected.get(name, was[name]) != now.get(name)}
    assert not changed, "\n".join(f"{name}:\n  trước: {old}\n  sau:   {new}" for name, (old, new) in changed.items()) \
        + "\n" + after


def test_saved_files_pass_check_and_are_published(editing):
    root, preview = editing[0], editing[1]
    assert (root / f"content/tin-tuc/{SLUG}.md").exists(), "run with the tests above"

    _until(lambda: _served(f"{preview}tin-tuc/{SLUG}/", TITLE), 60)  # the preview rebuilt after the save
    done = run_bantin(root, "check")
    assert done.returncode == 0 and "0 lỗi" in done.stdout, done.stdout
    build(root)
    assert TITLE in read(root, f"tin-tuc/{SLUG}/index.html")
    assert "anh-lop-tap-huan" in read(root, f"tin-tuc/{SLUG}/index.html")
    assert QUESTION.split(": ", 1)[1] in read(root, f"hoi-dap/so-tay-hoa-giai/{QUESTION_ID}/index.html")
    assert (root / f"site/q/{QUESTION_ID}/index.html").exists()
    assert "bản chính và bản sao" in read(root, f"huong-dan/{GUIDE_SLUG}/index.html")
    assert not (root / "site/admin").exists()  # a plain build of a local-only site has no editor
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    assert "content/tin-tuc/" in status  # saved as files; committing stays the editor's choice


def test_a_published_gitlab_editor_asks_no_other_host_before_login(chromium, tmp_path):
    root = write_site(tmp_path, {"tin-tuc/bai.md": article("Bài")},
                      editor={"backend": "gitlab", "repo": "stp/ban-tin", "app_id": "abc",
                              "api_root": "https://git.songlam.gov.vn/api/v4"})
    build(root)
    url, stop = serve(root / "site")
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    gitlab = []
    page.route("https://git.songlam.gov.vn/**", lambda route: (gitlab.append(route.request.url),
                                                               route.fulfill(body="GitLab", content_type="text/plain")))
    try:
        page.goto(url + "admin/")
        login = page.get_by_role("button", name="Đăng nhập bằng GitLab")
        login.wait_for()
        page.wait_for_timeout(500)
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
        assert page.get_by_text("Trang biên tập").is_visible()  # whose editor, not Decap's logo
        assert page.locator("[class*=-StyledAuthenticationPage] img").get_attribute("src").startswith("data:image/svg")
        assert _hosts(requests) == {"127.0.0.1"}, sorted(requests)
        login.click()  # PKCE: to the self-hosted GitLab's authorize page, no secret anywhere
        page.wait_for_url("https://git.songlam.gov.vn/**")
    finally:
        context.close()
        stop()
    query = parse_qs(urlsplit(gitlab[0]).query)
    assert gitlab[0].startswith("https://git.songlam.gov.vn/oauth/authorize?")
    assert query["client_id"] == ["abc"] and query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["redirect_uri"][0].startswith(url) and "client_secret" not in query


def _caret_at_text_end(page, line) -> None:
    """The caret at the end of the whole text, as `_caret_at_end` puts it at a line's end, with
    Ctrl+End. A click lands at the middle of a wrapped line, and a key pressed within Slate's
    100 ms wait after Ctrl+End went to the click's place: the answer was typed into "đư|ợc"
    of the question (CI, session 35, the pause after Ctrl+End missing)."""
    line.click()
    page.wait_for_timeout(300)
    page.keyboard.press("Control+End")
    page.wait_for_timeout(300)
    at_end = page.evaluate("""() => {
        const s = getSelection(), box = s.anchorNode && s.anchorNode.parentElement
            && s.anchorNode.parentElement.closest('[contenteditable=true]');
        if (!box || !s.isCollapsed) return false;
        const after = document.createRange();
        after.setStart(s.anchorNode, s.anchorOffset);
        after.setEnd(box, box.childNodes.length);
        return after.toString() === '';
    }""")
    assert at_end, "Ctrl+End did not put the caret at the end of the text"


def test_a_draft_s_toolbar_says_saved_not_published(admin, editing):
    """Decap's toolbar said "Đã công bố" of a saved draft, which the site does not show, and
    linked "Xem bản hoàn chỉnh" to a page that does not exist."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/chua-xong")
    page.get_by_role("button", name="Đã lưu (bản nháp)").wait_for()
    assert not page.get_by_text("Đã công bố").count()
    assert not page.get_by_role("link", name="Xem bản hoàn chỉnh").is_visible()  # no page yet
    page.get_by_label("Tiêu đề").fill("Bài chưa xong (sửa)")
    save = page.get_by_role("button", name="Lưu bản nháp", exact=True)
    save.click()
    page.get_by_text("Lưu ngay", exact=True).wait_for()
    assert not page.get_by_text("Công bố ngay").count()
    page.keyboard.press("Escape")
    page.get_by_text("Đang bật: bài là bản nháp, không hiện trên trang.").wait_for()  # the switch's state, in words
    page.get_by_label("Bản nháp (chưa đăng)").click()  # off: the article will be published
    page.get_by_role("button", name="Công bố", exact=True).wait_for()
    page.get_by_text("Đang tắt: bấm Công bố là bài được đăng.").wait_for()
    assert not page.get_by_text("Lưu bản nháp").count()
    page.get_by_label("Bản nháp (chưa đăng)").click()  # on again, and never saved here
    save.wait_for()


def test_the_entry_search_finds_words_typed_without_tone_marks(admin, editing):
    """Decap matched «bai chua xong» letter by letter against «Bài chưa xong»: nothing
    (scripts/patch_decap.py folds both, as the site's search does)."""
    page = admin
    box = page.get_by_placeholder("Tìm kiếm")  # in the list of Tin bài
    box.fill("bai chua xong")
    box.press("Enter")
    page.get_by_text("Bài chưa xong", exact=False).first.wait_for()
    assert not page.get_by_text("Bài cũ", exact=False).count()
    box.fill("BÀI CÓ KHỐI")  # marks and capitals on the other side
    box.press("Enter")
    page.get_by_text("Bài có khối mở rộng", exact=False).first.wait_for()
    box.fill("bai cu")  # each word, not its letters anywhere in order («Bài chưa xong» has b-a-i c-u)
    box.press("Enter")
    page.get_by_text("Bài cũ", exact=False).first.wait_for()
    page.wait_for_function(DECAP_IDLE)  # the search's answer all in (a fixed 500 ms before)
    assert not page.get_by_text("Bài chưa xong", exact=False).count()


def test_a_date_is_said_in_words_under_its_field(admin, editing):
    """The browser's date input shows its language's order (Chromium here: 05/01/2024 for
    1 May); the words under it leave no doubt which day was chosen."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/bai-cu")
    said = page.locator(".bantin-date-said")
    said.first.wait_for()
    assert said.first.inner_text() == "Thứ Tư, ngày 1 tháng 5 năm 2024"  # the article's 2024-05-01
    page.get_by_label("Ngày đăng").fill("2026-12-04")
    page.get_by_text("Thứ Sáu, ngày 4 tháng 12 năm 2026").wait_for()
    box = page.get_by_label("Ngày đăng")  # typed by hand, as on a computer: month, day, then the year
    box.focus()
    for key in "03052026":  # Chromium here orders mm/dd/yyyy
        page.keyboard.type(key)
        page.wait_for_timeout(60)
    page.get_by_text("Thứ Năm, ngày 5 tháng 3 năm 2026").wait_for()  # it was 1906 (Decap read "0002" as 1902)
    assert box.input_value() == "2026-03-05"
    assert "tương lai" not in said.first.inner_text()
    # More than two days ahead, the build's warning: the page is published at once, first in
    # every list, and no day is waited for (an editor's trial, session 52).
    ahead = datetime.date.today() + datetime.timedelta(days=30)
    box.fill(ahead.isoformat())
    expect(said.first).to_contain_text("ngày ở tương lai: bài được đăng ngay khi lưu")
    _shot(page, "ngay-tuong-lai-1280")
    box.fill((datetime.date.today() + datetime.timedelta(days=1)).isoformat())  # a day ahead: a zone's width
    expect(said.first).not_to_contain_text("tương lai")
    # «Ngày cập nhật» orders nothing and is not warned by the build: no such words under it (review).
    page.get_by_label("Ngày cập nhật").fill(ahead.isoformat())
    expect(said).to_have_count(2)
    assert not [text for text in said.all_inner_texts() if "tương lai" in text], said.all_inner_texts()


def test_a_refusal_s_note_leaves_with_its_own_field_s_mending_only(admin, editing):
    """Review of session 52: «Ngay lúc này» mended the date without an input event and left its
    note; the date's stale listener then took a later note on the body away. Each note now goes
    with its own field's change."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Ghi chú dưới ô", "Đoạn đầu tự gõ.")
    page.keyboard.press("Enter")
    _paste(page, _word("<p class=MsoNormal>Xem <a href=\"../tin-tuc/bai-khong-co.md\">bài kia</a>.</p>\n"), "x")
    box = page.get_by_label("Ngày đăng")
    box.focus()
    for key in "03051024":
        page.keyboard.type(key)
        page.wait_for_timeout(60)
    page.get_by_text("Thứ Sáu, ngày 5 tháng 3 năm 1024").wait_for()
    _publish(page)
    kept = page.locator(".bantin-refused")
    expect(kept).to_contain_text("năm 1024 không hợp lệ")
    page.locator("[data-testid=now-button]").first.click()
    expect(kept).to_have_count(0)
    _publish(page)
    expect(kept).to_contain_text("là địa chỉ của bản xem trước")
    box.focus()
    page.keyboard.press("ArrowUp")  # typed in the date: the body's note stays
    page.wait_for_timeout(300)
    expect(kept).to_have_count(1)


def test_the_list_of_example_words_stays_under_the_title_until_the_next_save(admin, editing):
    """One key in the title took away the list of every example word left, under it (review of
    session 52): a list of several fields' problems stays until the next save."""
    page = admin
    kept = page.locator(".bantin-refused")
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Bài X (sửa tiêu đề này)", "Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.")
    page.get_by_label("Tóm tắt").fill("Một hai câu tóm tắt bài, hiện ở trang chủ và trong kết quả tìm kiếm.")
    _publish(page)
    expect(kept).to_contain_text("(còn 3 chỗ của tệp mẫu)")
    assert "Dòng tính như khi bật" not in kept.inner_text()  # under the title: no word of the body's lines
    page.get_by_label("Tiêu đề").press("End")
    page.keyboard.type("a")
    page.wait_for_timeout(300)
    expect(kept).to_contain_text("3) “Nội dung”")


def test_a_long_title_is_counted_as_the_build_counts_it(admin, editing):
    """170 letters typed with combining marks (Unikey's «Unicode tổ hợp», a PDF's text) are 220
    code points; the build counts them as NFC, under 200 (review of session 52)."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    title = ("Hướng dẫn thực hiện Nghị định số 123/2024/NĐ-CP về đăng ký hộ tịch, chứng thực bản sao từ bản chính, "
             "chứng thực chữ ký và chứng thực hợp đồng, giao dịch trên địa bàn tỉnh")
    decomposed = unicodedata.normalize("NFD", title)
    assert len(title) <= 200 < len(decomposed)
    page.get_by_label("Tiêu đề").fill(decomposed)
    page.get_by_label("Tiêu đề").fill(decomposed + " x" * 20)  # 210 once composed: said
    expect(page.locator(".bantin-title-long")).to_contain_text("Tiêu đề dài 210 ký tự")
    page.get_by_label("Tiêu đề").fill(decomposed)
    expect(page.locator(".bantin-title-long")).to_have_count(0)


def test_a_new_day_keeps_the_time_of_day_the_date_had(admin, editing):
    """A file's date with a time of day (it orders one day's news): another day chosen in the
    field, which shows days only, keeps that time; a file untouched keeps it as written."""
    page, root = admin, editing[0]
    saved = root / "content/tin-tuc/co-gio.md"
    saved.write_text(article("Bài có giờ đăng", date="2024-03-05 08:30+07:00"), encoding="utf-8")
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/co-gio")
    page.get_by_text("Thứ Ba, ngày 5 tháng 3 năm 2024").wait_for()
    page.get_by_label("Ngày đăng").fill("2024-03-07")
    page.get_by_text("Thứ Năm, ngày 7 tháng 3 năm 2024").wait_for()
    _publish(page)
    _until(lambda: "2024-03-07" in saved.read_text(encoding="utf-8"))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert str(meta["date"]) == "2024-03-07 08:30+07:00", meta["date"]

    page.reload()  # "Ngay lúc này" is now: no old time after today's date, which could lie ahead
    page.get_by_text("Thứ Năm, ngày 7 tháng 3 năm 2024").wait_for()
    now = page.locator("[data-testid=now-button]").first  # the date's, before "updated"'s
    assert now.get_attribute("aria-label") == "Điền ngày hôm nay vào ô này"  # was "Đặt date là bây giờ"
    now.click()
    _publish(page)
    _until(lambda: _front_matter_written(saved) and "2024-03-07" not in saved.read_text(encoding="utf-8"))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert "08:30" not in str(meta["date"]) and len(str(meta["date"])) == 10, meta["date"]


def test_a_folded_question_block_shows_its_question(admin, editing):
    """Its bar was empty: folded, a handbook's blocks said nothing of which question they held."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/hoi-dap/entries/so-tay-danh-sach")
    editor = _entry_open(page, "hỗ trợ kinh phí.")
    editor.locator("[class*=TopBar] button").first.click()
    bar = editor.locator("[class*=TopBar]").first
    bar.get_by_text("Câu hỏi 1: Hòa giải viên được gì?").wait_for()
    assert not editor.get_by_label("Mã câu hỏi").first.is_visible()  # folded: its fields are hidden


def test_an_empty_attachment_row_does_not_block_publishing(admin, editing):
    """One tap on "Thêm tệp" left a row whose required fields blocked "Công bố" (editor's
    trial); an empty row is now dropped, a half-filled one named."""
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Thông báo lịch tiếp công dân tháng 12", "Lịch tiếp công dân.")
    page.get_by_role("button", name="Thêm tệp").click()
    page.get_by_label("Tên tài liệu").fill("Lịch tiếp")  # a name, no file: refused, with the row
    _publish(page)
    page.get_by_text("Tệp đính kèm thứ 1: chưa chọn “Tệp”").wait_for()
    name = page.get_by_label("Tên tài liệu")  # now an empty row: dropped
    name.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.wait_for_timeout(300)
    assert name.input_value() == ""
    _publish(page)
    saved = root / "content/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-12.md"
    _until(lambda: _front_matter_written(saved))
    assert "attachments" not in yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])


# Typed into a "Bảng" block of an entry whose definitions are elsewhere (EXTENDED): reference
# links, raw HTML the site keeps, and hostile text (session 39).
REFERENCED_TABLE = """| Ô | Liên kết |
| --- | --- |
| <b>Đậm</b> và <span class="noi-bat" style="color:red">nhịp</span> | [Biên bản][bien-ban] |
| <u>gạch</u><!-- ghi chú --> | [ho-so] và [không có][khong] |
| <a href="https://vbpl.vn/luat" title="Luật">Luật</a> | <a href="javascript:window.chay=1">bấm</a> <a href="&#106;avascript:window.chay=5">bấm</a> |
| <img src=x onerror="window.chay=2"> <script>window.chay=3</script> | [x][bien-ban-4] <b onclick="window.chay=4">b</b> |"""


def test_the_table_block_s_preview_resolves_references_and_shows_the_html_the_site_keeps(admin, editing):
    """The "Bảng" block's preview showed `[Biên bản][bien-ban]` (its definition elsewhere in the
    entry) and raw `<b>`, `<span>` as typed; the site shows a link, bold, the words (session 38,
    left). Decap gives the block's preview the entry's tree (scripts/patch_decap.py
    PREVIEW_GETS_TREE), and the preview shows the link (its definition in the entry's kept
    block, also with its address on the next line) and the text-level elements the site's
    sanitiser keeps, without their attributes; `javascript:` behind a raw `<a>` (as an entity
    too) is the words alone, `<img onerror>` and `<script>` stay words, nothing runs. A line of
    100 KB of references and bold is shown too."""
    page = admin
    page.goto(editing[1] + "admin/#/collections/tin-tuc/entries/mo-rong")
    editor = _entry_open(page, "Đoạn đầu.")
    _caret_at_end(page, editor.get_by_text("Đoạn đầu."))
    _add_component(page, "Bảng")
    page.get_by_label("Bảng (mỗi hàng một dòng, các ô ngăn bằng dấu |)").first.fill(REFERENCED_TABLE)
    preview = page.frame_locator("iframe").first.locator("table.bantin-bang")
    expect(preview.locator("td").nth(1)).to_have_text("Biên bản", timeout=15_000)
    links = preview.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["Biên bản", "https://drive.google.com/file/d/1AbC"], ["ho-so", "https://drive.google.com/drive/folders/3QrS"],
                     ["Luật", "https://vbpl.vn/luat"], ["x", "https://drive.google.com/file/d/4Tab"]], links
    expect(preview.locator("a").first).to_have_attribute("title", "Biên bản nội bộ")
    expect(preview.locator("td").nth(3)).to_have_text("ho-so và [không có][khong]")
    assert preview.locator("b").all_text_contents() == ["Đậm", "b"]
    expect(preview.locator("td").nth(0)).to_have_text("Đậm và nhịp")
    assert preview.locator("span").evaluate_all("spans => spans.map(s => [s.textContent, s.attributes.length])") == [["nhịp", 0]]
    assert preview.locator("u").all_text_contents() == ["gạch"]
    expect(preview.locator("td").nth(2)).to_have_text("gạch")  # the comment is nothing, as on the site
    expect(preview.locator("td").nth(5)).to_have_text("bấm bấm")
    expect(preview.locator("td").nth(6)).to_have_text('<img src=x onerror="window.chay=2"> <script>window.chay=3</script>')
    assert preview.locator("script, img, [onclick], [onerror], [style*=color], .noi-bat").count() == 0
    assert page.frame_locator("iframe").first.locator("body").evaluate("() => window.chay") is None
    assert page.evaluate("() => window.chay") is None
    long_row = "| " + "[x][bien-ban] <b>đậm</b> " * 4_000 + "| y |"
    page.get_by_label("Bảng (mỗi hàng một dòng, các ô ngăn bằng dấu |)").first.fill(
        "| Ô | Liên kết |\n| --- | --- |\n" + long_row)
    expect(preview.locator("td").first.locator("a")).to_have_count(4_000, timeout=30_000)
    assert preview.locator("td").first.locator("b").count() == 4_000
