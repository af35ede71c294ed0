"""Taking down a page other pages link to asks first, in the web editor (session 35).

An editors' trial (session 34, F4) ticked "Bản nháp (chưa đăng)" on a published article that
other published articles linked to and saved: Decap said "Đã lưu", and at the next build
those links became plain words (checks._to_draft, deliberately not an error). `bantin edit`
on a site where two articles link one (one with a title that would run script if put into
the page as markup): in Chromium the save asks first, naming them; Cancel leaves the file
byte for byte as it was; OK saves it as a draft.
"""

from __future__ import annotations

import pytest

from sitekit import article, write_site
from webeditor_kit import _entry_open, _until, edit_running, logged_in_page

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

HOSTILE = "Bài <img src=x onerror=\"window.__hit=1\"> 'hòa giải'"


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("takedown") / "site", {
        "tin-tuc/dich.md": article("Kết quả hòa giải năm 2024", date="2024-01-01", body="Mười vụ việc thành công.\n"),
        "tin-tuc/dan.md": article(HOSTILE, date="2024-03-01", body="Xem [kết quả](dich.md).\n"),
        "tin-tuc/dan-html.md": article("Tập huấn hòa giải viên", date="2024-02-01",
                                       body='Xem <a href="dich.md">kết quả</a>.\n'),
        "tin-tuc/le.md": article("Bài không ai dẫn tới", date="2024-01-02", body="Một bài lẻ.\n"),
    })
    with edit_running(root) as (url, _):
        yield root, url


@pytest.fixture
def page(fresh_tabs, linked_site):
    with logged_in_page(fresh_tabs, linked_site[1]) as page:  # page.answers: OK (True) or Cancel (False), in turn
        yield page


def _save_as_draft(page) -> None:
    page.get_by_label("Bản nháp (chưa đăng)").click()
    page.get_by_text("Đang bật: bài là bản nháp, không hiện trên trang.").wait_for()
    page.get_by_role("button", name="Lưu bản nháp", exact=True).click()
    page.get_by_text("Lưu ngay", exact=True).click()


def test_a_takedown_of_a_linked_article_asks_naming_the_pages_then_cancel_keeps_ok_saves(page, linked_site):
    root, url = linked_site
    saved = root / "content/tin-tuc/dich.md"
    before = saved.read_bytes()
    page.goto(url + "admin/#/collections/tin-tuc/entries/dich")
    _entry_open(page, "Mười vụ việc thành công.")
    page.answers.append(False)  # Cancel
    _save_as_draft(page)
    notice = page.locator(".Toastify__toast").filter(has_text="Chưa lưu: bạn đã bấm Hủy").first
    notice.wait_for(timeout=15_000)
    page.wait_for_timeout(1500)  # a moment in which a save would have been written
    assert len(page.dialogs) == 1, page.dialogs
    asked = page.dialogs[0]
    assert asked.startswith("Gỡ «Kết quả hòa giải năm 2024» khỏi trang web (bản nháp)?\n\n2 trang đang đăng có "
                            f"liên kết tới trang này:\n• «{HOSTILE}»\n• «Tập huấn hòa giải viên»\n\n"), asked
    assert "liên kết hiện thành chữ thường" in asked and "Bài không ai dẫn tới" not in asked
    assert saved.read_bytes() == before  # Cancel: nothing written
    assert page.get_by_text("Đang bật: bài là bản nháp, không hiện trên trang.").is_visible()  # the form as it was
    assert page.evaluate("window.__hit") is None and page.locator("img[src=x]").count() == 0
    page.answers.append(True)  # OK
    page.get_by_role("button", name="Lưu bản nháp", exact=True).click()
    page.get_by_text("Lưu ngay", exact=True).click()
    _until(lambda: "draft: true" in saved.read_text(encoding="utf-8"))
    assert len(page.dialogs) == 2 and page.dialogs[1] == asked
    assert "Mười vụ việc thành công." in saved.read_text(encoding="utf-8")


def test_a_page_nothing_links_to_is_taken_down_without_a_question(page, linked_site):
    root, url = linked_site
    saved = root / "content/tin-tuc/le.md"
    page.goto(url + "admin/#/collections/tin-tuc/entries/le")
    _entry_open(page, "Một bài lẻ.")
    _save_as_draft(page)
    _until(lambda: "draft: true" in saved.read_text(encoding="utf-8"))
    assert not page.dialogs
