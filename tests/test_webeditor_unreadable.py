"""The web editor and the live preview while files are broken (editor's trial, session 34).

`bantin edit` on a small site; after its first build, three articles come whose front matter
cannot be read, as an editor leaves them on GitLab or in a text editor: a colon in an unquoted
title, a Tab, a missing closing `---`. The rebuild fails, so every preview page carries the
red box of the build's errors. In Chromium:

- F1: Decap read such a file as an entry with no fields: listed as "· Invalid Date", opened as
  an empty form, and "Công bố" replaced the file with the form (the text lost). Now it is
  listed by its file name, opens on what is wrong and how to fix it, and no save writes it.
- F2: the red box was put on /admin/ too, over Decap's top bar: "Công bố" could not be pressed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitekit import article, write_site
from test_webeditor_browser import _log_in, _served, _until, edit_running

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

BROKEN = {  # file → (its text, the line the page names, words of the advice)
    "bai-loi-hai-cham.md": ("---\ntitle: Luật Đất đai 2024: những điểm mới về bồi thường\ndate: 2026-12-05\n"
                            "category: hoa-giai-o-co-so\n---\n\nNội dung bài không được mất.\n",
                            "Dòng 2: title: Luật Đất đai 2024: những điểm mới về bồi thường",
                            'title: "Luật Đất đai 2024: những điểm mới về bồi thường"'),
    "bai-co-tab.md": ("---\ntitle: Hội nghị tổng kết năm 2026\ndate: 2026-12-05\ncategory: hoa-giai-o-co-so\n"
                      "tags:\n\t- hòa giải\n---\n\nNội dung bài không được mất.\n",
                      "Dòng 6:", "ký tự Tab"),
    "bai-thieu-dong.md": ("---\ntitle: Hội nghị tổng kết năm 2026\ndate: 2026-12-05\ncategory: hoa-giai-o-co-so\n\n"
                          "Sáng 5/12, Sở Tư pháp tổ chức hội nghị.\n\n---\n\n*Ảnh: Minh Hạnh*\n",
                          "Dòng 6: Sáng 5/12, Sở Tư pháp tổ chức hội nghị.", "thiếu dòng `---` đóng"),
}
GOOD = "tap-huan-hoa-giai-vien"
SHOTS = Path(os.environ["BANTIN_REPRO_SHOTS"]) if os.environ.get("BANTIN_REPRO_SHOTS") else None


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    """(project folder, preview URL): `bantin edit` on a site whose last build failed on the
    three BROKEN files, added after the first build (a first build that fails has no /admin/)."""
    root = write_site(tmp_path_factory.mktemp("broken") / "site", {
        f"tin-tuc/{GOOD}.md": article("Tập huấn hòa giải viên", body="Bài đọc được.\n"),
    })
    with edit_running(root) as (url, _):
        for name, (text, _line, _advice) in BROKEN.items():
            (root / "content/tin-tuc" / name).write_text(text, encoding="utf-8")
        _until(lambda: _served(url + f"tin-tuc/{GOOD}/", "data-bantin-preview-errors"), 60)
        yield root, url


def _browser_page(chromium, width: int):
    phone = width < 800
    context = chromium.new_context(locale="vi-VN", viewport={"width": width, "height": 844 if phone else 800},
                                   is_mobile=phone, has_touch=phone)
    return context, context.new_page()


def _shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_the_build_s_error_box_leaves_the_editor_s_top_bar_free(chromium, broken_site, width):
    root, url = broken_site
    assert _served(url + f"tin-tuc/{GOOD}/", "Bản xem trước chưa cập nhật")  # the preview keeps its box
    context, page = _browser_page(chromium, width)
    try:
        _log_in(page, url)
        page.goto(url + f"admin/#/collections/tin-tuc/entries/{GOOD}")
        page.get_by_label("Tiêu đề").wait_for()
        assert page.locator("[data-bantin-preview-errors]").count() == 0
        page.get_by_label("Tiêu đề").fill(f"Tập huấn hòa giải viên (sửa {width})")
        publish = page.get_by_role("button", name="Công bố", exact=True)
        box = publish.bounding_box()
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[role=button], button') !== null",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit, "something lies over the publish button"
        _shot(page, f"error-box-off-editor-{width}")
        publish.click(timeout=5000)
        page.get_by_text("Công bố ngay").click(timeout=5000)
        saved = root / f"content/tin-tuc/{GOOD}.md"
        _until(lambda: f"(sửa {width})" in saved.read_text(encoding="utf-8"), 20)
    finally:
        context.close()
