"""The web editor in Chromium: pictures and documents an editor uploads. A phone photo made
web-sized and upright, a PNG photo and a bracketed document name stored as the site needs
them, a name like another article's picture replacing nothing, 20 MB refused with advice,
nothing deleted from the media library (webeditor_kit.py: `bantin edit` on a small site)."""

from __future__ import annotations

import os
import shutil

import pytest
import yaml

from webeditor_kit import (
    _add_component, _front_matter_written, _jpeg_written, _new_article_with_picture, _publish,
    _shot, _title_category_text, _until, _use_upload,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_an_upload_named_like_another_article_s_picture_replaces_nothing(admin, editing, tmp_path):
    """Every iPhone names its photo `image.jpg`: a second upload of that name replaced the
    first article's picture, without a word (outside trial, session 25). The library now
    lists the pictures already there, and the upload is kept under the next free name."""
    from PIL import Image

    page, root = admin, editing[0]
    old = (root / "content/images/anh-cu.jpg").read_bytes()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    page.get_by_label("Tiêu đề").fill("Ảnh mới cùng tên")
    page.get_by_label("Chuyên mục").click()
    page.get_by_text("Hòa giải ở cơ sở", exact=True).click()
    page.get_by_text("Chọn một hình").click()
    page.get_by_text("anh-cu.jpg", exact=True).wait_for()  # the library is not empty
    upload = page.locator("input[type=file]").first
    for n, colour in ((2, (20, 160, 60)), (3, (90, 90, 200))):
        picture = tmp_path / f"{n}" / "Ảnh cũ.jpg"  # the same name as the library's picture
        picture.parent.mkdir()
        Image.new("RGB", (320, 200), colour).save(picture, quality=85)
        upload.set_input_files(str(picture))
        page.get_by_text(f"anh-cu-{n}.jpg", exact=True).wait_for()
    _shot(page, "tai-anh-trung-ten-1280")
    page.locator("div:has(> p:text-is('anh-cu-2.jpg'))").first.click()
    page.get_by_role("button", name="Dùng tệp đã chọn").click()
    page.get_by_label("Mô tả ảnh").fill("Ảnh thử")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Ảnh chụp bằng điện thoại.")
    _publish(page)
    saved = root / "content/tin-tuc/anh-moi-cung-ten.md"
    _until(lambda: _front_matter_written(saved))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert meta["image"] == "../images/anh-cu-2.jpg"
    assert (root / "content/images/anh-cu.jpg").read_bytes() == old  # the other article's picture
    _until(lambda: _jpeg_written(root / "content/images/anh-cu-2.jpg"))
    with Image.open(root / "content/images/anh-cu-2.jpg") as kept:
        assert kept.getpixel((10, 10))[1] > 120  # the green one, uploaded first
    assert dialogs == []  # Decap's English "replace?" never reached the editor


def test_a_phone_photo_is_made_web_sized_and_upright_before_it_uploads(admin, editing, tmp_path):
    """A phone's photo (here 3,000 × 2,000 px of noise, 5 MB, taken sideways: EXIF orientation
    6) drew a build warning over image_max_kb that a phone cannot fix (editor's trial)."""
    from PIL import Image

    page, root = admin, editing[0]
    photo = tmp_path / "anh-dien-thoai.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera held upright: shown rotated, 2,000 px wide and 3,000 high
    Image.frombytes("RGB", (3000, 2000), os.urandom(3000 * 2000 * 3)).save(photo, quality=95, exif=exif)
    assert photo.stat().st_size > 3_000_000
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _new_article_with_picture(page, "Ảnh chụp bằng điện thoại", photo, "anh-dien-thoai.jpg")
    page.get_by_label("Mô tả ảnh").fill("Ảnh thử chụp bằng điện thoại")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Nội dung.")
    _publish(page)
    saved = root / "content/images/anh-dien-thoai.jpg"
    _until(lambda: _jpeg_written(saved))
    with Image.open(saved) as kept:
        assert kept.size == (1067, 1600), kept.size  # upright, 1,600 px on its longer side
        assert not kept.getexif().get(0x0112)  # drawn upright: no orientation left to apply
    assert saved.stat().st_size < 1_500_000  # under the build's image_max_kb


def test_a_photo_saved_as_png_and_a_document_named_with_brackets_are_stored_as_the_site_needs(admin, editing, tmp_path):
    """Outsider trial F5, F6. A photo saved as PNG (12 MB for 3,000 px) was uploaded as it was,
    and served to phones as PNG variants of 0.9-2 MB: it is now made a 1,600-pixel JPEG, named
    `.jpg`, as a phone's JPEG is. A screenshot of a form stays PNG. "(bản cuối).docx" was
    stored as `…-ban-cuoi-.docx`; an attachment's labels said its name was optional and a
    save without it was refused: they now say when each is needed."""
    from PIL import Image

    from test_png_photos import photo, screenshot

    page, root = admin, editing[0]
    shot_png, form_png = tmp_path / "Ảnh chụp (bản gốc).png", tmp_path / "man-hinh.png"
    photo(3000, 2000).save(shot_png)
    screenshot(1600, 1400).save(form_png)
    assert shot_png.stat().st_size > 3_000_000
    Image.open(form_png).save(form_png, compress_level=0)  # over 1 MB, so the browser looks at it
    assert form_png.stat().st_size > 1_000_000
    plan = tmp_path / "Kế hoạch tuyên truyền 2026 (bản cuối).pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    _title_category_text(page, "Ảnh chụp lưu dạng PNG")
    page.get_by_text("Chọn một hình").click()
    # A screenshot of a form (few colours) goes as it is: PNG.
    page.locator("input[type=file]").first.set_input_files(str(form_png))
    page.get_by_text("man-hinh.png", exact=True).wait_for()
    page.locator("input[type=file]").first.set_input_files(str(shot_png))
    _use_upload(page, "anh-chup-ban-goc.jpg")
    page.get_by_label("Mô tả ảnh").fill("Ảnh chụp lưu dạng PNG")
    assert page.locator("label[for^='category-field-']").text_content() == "Chuyên mục (bắt buộc khi công bố)"
    page.get_by_role("button", name="Thêm tệp").click()
    title_label = page.locator("label[for^='title-field-']", has_text="Tên tài liệu")
    expect(title_label).to_have_text("Tên tài liệu (bắt buộc khi có tệp)")
    expect(page.locator("label[for^='file-field-']")).to_have_text("Tệp (bắt buộc khi có tên tài liệu)")
    page.get_by_label("Tên tài liệu").fill("Kế hoạch tuyên truyền năm 2026")
    page.get_by_text("Chọn một tập tin").first.click()
    page.locator("input[type=file]").first.set_input_files(str(plan))
    _use_upload(page, "ke-hoach-tuyen-truyen-2026-ban-cuoi.pdf")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Nội dung.")
    _publish(page)
    saved = root / "content/tin-tuc/anh-chup-luu-dang-png.md"
    _until(lambda: _front_matter_written(saved))
    meta = yaml.safe_load(saved.read_text(encoding="utf-8").split("---")[1])
    assert meta["image"] == "../images/anh-chup-ban-goc.jpg"
    assert meta["attachments"] == [{"title": "Kế hoạch tuyên truyền năm 2026", "file": "../tai-lieu/ke-hoach-tuyen-truyen-2026-ban-cuoi.pdf"}]
    photo_file = root / "content/images/anh-chup-ban-goc.jpg"
    _until(lambda: _jpeg_written(photo_file))
    with Image.open(photo_file) as kept:
        assert kept.format == "JPEG" and kept.size == (1600, 1067), (kept.format, kept.size)
    assert photo_file.stat().st_size < 1_500_000 and not (root / "content/images/anh-chup-ban-goc.png").exists()
    _until(lambda: (root / "content/tai-lieu/ke-hoach-tuyen-truyen-2026-ban-cuoi.pdf").is_file())
    form_file = root / "content/images/man-hinh.png"  # saved with the article, as every upload of it
    _until(lambda: form_file.is_file() and form_file.stat().st_size == form_png.stat().st_size)
    assert form_file.read_bytes() == form_png.read_bytes()


def _enabled_within(locator, ms: int) -> bool:
    try:
        expect(locator).to_be_enabled(timeout=ms)
        return True
    except AssertionError:
        return False


def test_the_media_library_deletes_nothing(admin, editing):
    """A picture may be shown by other articles: deleting it is a git matter, as deleting an
    entry is. The editor says why instead of deleting."""
    page, root = admin, editing[0]
    said = []
    page.on("dialog", lambda dialog: (said.append((dialog.type, dialog.message)), dialog.accept()))
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    page.get_by_text("Chọn một hình").click()
    card = page.locator("div:has(> p:text-is('anh-cu.jpg'))").first
    deleting = page.get_by_role("button", name="Xóa tệp đã chọn")
    card.click()
    if not _enabled_within(deleting, 5_000):  # a click as the library was still loading selected nothing (a loaded run)
        card.click()
    deleting.click()
    page.wait_for_timeout(1500)  # time for a deletion to reach decap-server, if one were sent
    assert [kind for kind, _ in said] == ["alert"] and "Không xóa tệp ở đây" in said[0][1], said
    assert (root / "content/images/anh-cu.jpg").is_file()
    assert page.get_by_text("anh-cu.jpg", exact=True).is_visible()


def test_an_upload_not_yet_saved_can_be_deleted(admin, editing, tmp_path):
    """Decap saves every upload of an entry with it, the ones not chosen too: a photo uploaded
    by mistake (an ID card) was published and could not be taken back (editor's trial)."""
    from PIL import Image

    page, root = admin, editing[0]
    wrong = tmp_path / "can-cuoc.jpg"
    Image.new("RGB", (300, 200), (90, 90, 90)).save(wrong, quality=85)
    said = []
    page.on("dialog", lambda dialog: (said.append((dialog.type, dialog.message)), dialog.accept()))
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    page.get_by_text("Chọn một hình").click()
    page.locator("input[type=file]").first.set_input_files(str(wrong))
    card = page.locator("div:has(> p:text-is('can-cuoc.jpg'))").first
    card.wait_for()
    page.get_by_text("Lưu cùng bài").first.wait_for()
    if page.get_by_role("button", name="Dùng tệp đã chọn").is_disabled():  # uploads come selected
        card.click()
    page.get_by_role("button", name="Xóa tệp đã chọn").click()
    page.get_by_text("can-cuoc.jpg", exact=True).wait_for(state="detached")
    assert [kind for kind, _ in said] == ["confirm"], said  # Decap's own question, no refusal
    assert not (root / "content/images/can-cuoc.jpg").exists()


def test_uploads_over_20_mb_are_refused_with_advice(admin, editing, tmp_path):
    """The picture field, the text's "Ảnh" block (which had no limit) and the top bar's
    media page (which had none either)."""
    page, root = admin, editing[0]
    big = tmp_path / "anh-qua-lon.jpg"
    with big.open("wb") as out:
        out.truncate(21_000_000)
    said = []  # the alerts for a file too large (the question on leaving an entry is accepted)
    page.on("dialog", lambda dialog: (said.append(dialog.message) if dialog.type == "alert" else None,
                                      dialog.accept()))
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    page.get_by_text("Chọn một hình").click()

    def alerts(count: int) -> None:  # dialog events reach Python only while Playwright is called
        for _ in range(75):
            if len(said) >= count:
                return
            page.wait_for_timeout(200)
        raise AssertionError(f"{count} alerts expected: {said}")

    page.locator("input[type=file]").first.set_input_files(str(big))
    alerts(1)  # a .jpg goes to the photo shrinker first, which finds no JPEG in it
    page.get_by_role("button", name="Đóng").or_(page.locator("[class*=-CloseButton]")).first.click()
    page.locator("[data-slate-editor]").first.click()
    _add_component(page, "Ảnh")
    page.get_by_text("Chọn một hình").last.click()
    page.locator("input[type=file]").first.set_input_files(str(big))
    alerts(2)
    page.get_by_role("button", name="Đóng").or_(page.locator("[class*=-CloseButton]")).first.click()
    page.goto(editing[1] + "admin/#/collections/tin-tuc")
    page.get_by_role("button", name="Tập tin").click()  # the top bar's media page: no field, no limit of Decap's
    document = tmp_path / "tai-lieu-qua-lon.pdf"
    shutil.copyfile(big, document)
    page.locator("input[type=file]").first.set_input_files(str(document))
    alerts(3)
    assert all(m.startswith("Tệp lớn quá: mỗi tệp tải lên phải nhỏ hơn 20 MB. Ảnh: thu nhỏ") for m in said), said
    assert not (root / "content/images/anh-qua-lon.jpg").exists()
    assert not (root / "content/images/tai-lieu-qua-lon.pdf").exists()
    assert not page.get_by_text("anh-qua-lon.jpg").count()


def test_a_picture_uploaded_into_the_text_is_no_missing_file(admin, editing, tmp_path):
    """A picture uploaded in the text ("+" → Ảnh → Tải lên) is in no build yet (tep.json does not
    know it): it goes with the entry (Decap's media files), so the save's link check lets it
    through, and the file is saved with its picture."""
    from PIL import Image

    picture = tmp_path / "anh-moi-trong-bai.jpg"
    Image.new("RGB", (400, 250), (40, 90, 160)).save(picture, quality=85)
    page, root = admin, editing[0]
    page.goto(editing[1] + "admin/#/collections/tin-tuc/new")
    expect(page.get_by_label("Tiêu đề")).to_have_value("")
    _title_category_text(page, "Ảnh mới tải lên trong bài", "Đoạn đầu tự gõ.")
    _add_component(page, "Ảnh")
    page.get_by_text("Chọn một hình").last.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    _use_upload(page, "anh-moi-trong-bai.jpg")
    page.get_by_label("Mô tả ảnh (bắt buộc, cho người khiếm thị)").fill("Ảnh mới trong bài")
    _publish(page)
    saved = root / "content/tin-tuc/anh-moi-tai-len-trong-bai.md"
    _until(lambda: _front_matter_written(saved))
    assert "![Ảnh mới trong bài](../images/anh-moi-trong-bai.jpg)" in saved.read_text(encoding="utf-8")
    _until(lambda: _jpeg_written(root / "content/images/anh-moi-trong-bai.jpg"))
