"""Import that an editor can trust (issue 14, item 6).

Titles come from what the page declares (<h1>, og:title, <title>) before the lines around
them, and never from a portal's info bar ("Ngày đăng … | Lượt xem …"); a signature at the
end of the text becomes `author`; counters and ratings never reach the article; imported
files carry `slug:`. Pages here are written for these tests in the shape of old portals
(tests/fixtures/import/), sentences our own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bantin.tools.importer.writing import import_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"
INFOBAR = FIXTURES / "songlam-infobar-rating.html"
TODAY = date(2025, 1, 15)

TITLE = "Hội nghị tuyên truyền phòng, chống bạo lực gia đình"
FIRST = ("Ủy ban nhân dân xã vừa tổ chức hội nghị tuyên truyền pháp luật về phòng, chống bạo lực "
         "gia đình cho gần 200 hội viên phụ nữ các thôn.")
SECOND = ("Sau hội nghị, mỗi thôn cử một người làm đầu mối tiếp nhận thông tin, kịp thời báo cho "
          "tổ hòa giải khi phát hiện mâu thuẫn trong gia đình.")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


def imported(page: Path, content: Path, **kwargs) -> tuple[dict, list[str], str]:
    """(front matter, paragraphs a reader sees, body text) of the article a page gives: the
    summary (the page's bold lead) then the body, which never repeats it."""
    result = import_file(page, content, today=TODAY, **kwargs)
    text = result.path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    front = yaml.safe_load(head)
    paragraphs = body.strip("\n").split("\n\n")
    if front.get("summary"):
        assert paragraphs[0] != front["summary"], "the summary is repeated as the first paragraph"
        paragraphs = [front["summary"], *paragraphs]
    return front, paragraphs, body


def text_page(tmp_path: Path, text: str, name: str = "trang.txt") -> Path:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page


# --- Titles ---------------------------------------------------------------------------------


def test_info_bar_between_title_and_text_is_not_the_title(content: Path) -> None:
    front, body, text = imported(INFOBAR, content)
    # The bar's date has no digits-and-slashes form; it was the title before, and no date.
    assert front["title"] == "Xã Tân Lập tổ chức ngày hội hòa giải ở cơ sở"
    assert front["date"] == date(2024, 11, 21)
    assert "draft" not in front
    assert "Ngày đăng" not in text and "Người đăng" not in text and "Quản trị" not in text


@pytest.mark.parametrize("bar", [
    "Ngày đăng: Thứ năm | Người đăng: Quản trị viên | Lượt xem: 1234",
    "Cập nhật: hôm qua | Lượt xem: 56 | Bình luận: 0",
    "Lượt xem: 1.234 | In bài viết | Gửi email",
    "Ngày đăng: Thứ năm",
    "Người đăng: admin",
])
def test_info_bar_in_a_text_copy_is_neither_title_nor_text(bar: str, content: Path, tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\n{bar}\nNgày đăng: 03/02/2024\n\n{FIRST}\n\n{bar}\n\n{SECOND}\n")
    front, body, _ = imported(page, content)
    assert front["title"] == TITLE
    assert body == [FIRST, SECOND]


def test_info_bar_names_the_author(content: Path, tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\nNgày đăng: 03/02/2024 | Tác giả: Minh Hạnh | Lượt xem: 88\n\n"
                               f"{FIRST}\n\n{SECOND}\n")
    front, body, _ = imported(page, content)
    assert (front["title"], front["author"], front["date"]) == (TITLE, "Minh Hạnh", date(2024, 2, 3))
    assert body == [FIRST, SECOND]


def html_page(tmp_path: Path, head: str, above: str) -> Path:
    """A portal page: `head` in <head>, `above` right above the article's text."""
    page = tmp_path / "trang.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>'
        '<div class="top"><h1 class="logo">SỞ TƯ PHÁP TỈNH SÔNG LAM</h1></div>'
        '<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul>'
        f'<div class="main">{above}<div class="content"><p>{FIRST}</p><p>{SECOND}</p>'
        "<p>Hội nghị kết thúc với cam kết của các thôn về việc phát hiện sớm, hòa giải kịp thời "
        "những mâu thuẫn nhỏ trong gia đình trước khi chúng trở thành bạo lực.</p></div></div>"
        '<div class="footer">Cơ quan chủ quản: Sở Tư pháp tỉnh Sông Lam</div></body></html>',
        encoding="utf-8",
    )
    return page


SECTION = '<div class="cat">Tin hoạt động - Hòa giải ở cơ sở</div>'
CAPTION = '<div class="sub">Toàn cảnh hội nghị tại nhà văn hóa thôn Đông</div>'


@pytest.mark.parametrize(("head", "above"), [
    # The article's <h1>, confirmed by <title>, over the section line right above the text.
    (f"<title>{TITLE} - Sở Tư pháp tỉnh Sông Lam</title>", f"<h1>{TITLE}</h1>{SECTION}"),
    # og:title names the line, though a caption sits nearer the text.
    (f'<meta property="og:title" content="{TITLE}"><title>Tin tức</title>',
     f'<div class="name">{TITLE}</div>{CAPTION}'),
    # <title> alone, its portal part left aside.
    (f"<title>Sở Tư pháp tỉnh Sông Lam | {TITLE}</title>", f'<div class="name">{TITLE}</div>{CAPTION}'),
    # An <h1> that nothing contradicts, on a page without og:title or <title>.
    ("", f"<h1>{TITLE}</h1>{CAPTION}"),
    # The section's name in an <h1>, which <title> names too, is not the article's title.
    (f"<title>{TITLE} - Tin hoạt động - Sở Tư pháp tỉnh Sông Lam</title>",
     f"<h1>Tin hoạt động</h1><h2>{TITLE}</h2>{CAPTION}"),
])
def test_declared_title_wins_over_nearer_lines(head: str, above: str, content: Path, tmp_path: Path) -> None:
    front, body, _ = imported(html_page(tmp_path, head, above), content)
    assert front["title"] == TITLE
    assert body[0] == FIRST


def test_portal_name_in_h1_is_not_the_title(content: Path, tmp_path: Path) -> None:
    head = ('<meta property="og:site_name" content="SỞ TƯ PHÁP TỈNH SÔNG LAM">'
            f'<title>{TITLE} - SỞ TƯ PHÁP TỈNH SÔNG LAM</title>')
    front, _, _ = imported(html_page(tmp_path, head, f'<div class="name">{TITLE}</div>'), content)
    assert front["title"] == TITLE


# --- Bylines --------------------------------------------------------------------------------


@pytest.mark.parametrize(("ending", "author"), [
    (f"{SECOND[:-1]}./.\n\nNguyễn Văn A - Phòng PBGDPL", "Nguyễn Văn A - Phòng PBGDPL"),
    (f"{SECOND}\n\n./.\n\nMinh Hạnh", "Minh Hạnh"),
    (f"{SECOND[:-1]}./.\n\nThS. Trần Văn Bình", "ThS. Trần Văn Bình"),
    (f"{SECOND[:-1]}./. Minh Hạnh", "Minh Hạnh"),
    (f"{SECOND[:-1]}./.\n\nMinh Hạnh\n\nLượt xem: 1234\n\nĐánh giá bài viết\n\n★★★★☆\n\n"
     "In bài viết | Gửi email", "Minh Hạnh"),
])
def test_signature_at_the_end_becomes_the_author(ending: str, author: str, content: Path,
                                                 tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\nNgày đăng: 03/02/2024\n\n{FIRST}\n\n{ending}\n")
    front, body, _ = imported(page, content)
    assert front["author"] == author
    assert body[0] == FIRST and len(body) == 2
    assert body[1].startswith(SECOND[:-1]) and author not in body[1]


def test_signature_of_an_html_page_leaves_the_body(content: Path) -> None:
    front, body, text = imported(INFOBAR, content)
    assert front["author"] == "Minh Hạnh"
    assert body[-1].endswith("theo quy định./.")
    assert "Minh Hạnh" not in text


# --- Counters and ratings -------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "Lượt xem: 1234", "Số lượt xem: 1.234", "1.234 lượt xem", "Đã xem: 56", "Hits: 77",
    "Đánh giá: 4,5/5 (12 lượt đánh giá)", "Bình chọn: 4 điểm", "★★★★☆", "(4.5/5 - 12 bình chọn)",
    "1 2 3 4 5", "Rất hay | Hay | Bình thường", "In bài viết", "Gửi email",
    "In bài viết | Gửi email | Về đầu trang", "Lượt xem: 1234 | In bài viết | Gửi email",
    "Gửi bài viết qua email", "Phóng to | Thu nhỏ",
])
def test_counters_and_ratings_are_removed(line: str, content: Path, tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\nNgày đăng: 03/02/2024\n{line}\n\n{FIRST}\n\n{line}\n\n{SECOND}\n\n"
                               f"{line}\n")
    front, body, text = imported(page, content)
    assert front["title"] == TITLE
    assert body == [FIRST, SECOND]


@pytest.mark.parametrize("line", ["Đánh giá", "Đánh giá bài viết", "Bình chọn", "Đánh giá bài viết:"])
def test_a_rating_box_ends_the_article(line: str, content: Path, tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\nNgày đăng: 03/02/2024\n\n{FIRST}\n\n{SECOND}\n\n{line}\n\n"
                               "Rất hữu ích\n\nBình thường\n")
    _, body, _ = imported(page, content)
    assert body == [FIRST, SECOND]


def test_counters_and_ratings_of_an_html_page_are_removed(content: Path) -> None:
    _, body, text = imported(INFOBAR, content)
    assert len(body) == 3
    for gone in ("Lượt xem", "1.234", "In bài viết", "Gửi email", "Đánh giá", "★", "bình chọn",
                 "Về đầu trang", "Tin khác"):
        assert gone not in text, gone


@pytest.mark.parametrize("line", [
    "Đánh giá kết quả thực hiện",  # a section heading, not a rating
    "Ngày đăng ký kết hôn được ghi vào sổ hộ tịch ngay khi hai bên ký tên.",
])
def test_lines_that_only_look_like_furniture_stay(line: str, content: Path, tmp_path: Path) -> None:
    page = text_page(tmp_path, f"{TITLE}\nNgày đăng: 03/02/2024\n\n{FIRST}\n\n{line}\n\n{SECOND}\n")
    _, body, _ = imported(page, content)
    assert body == [FIRST, line, SECOND]


# --- slug: written once ------------------------------------------------------------------------


def site_meta(path: Path, content: Path):
    """The article's metadata as the site reads it (its address comes from `meta.slug`)."""
    from bantin.config.settings import SiteConfig
    from bantin.content import frontmatter
    from bantin.problems import Problems

    problems = Problems()
    parsed = frontmatter.read(path.relative_to(content).as_posix(), path.read_bytes(), SiteConfig(),
                              problems, lambda _: False)
    return parsed.meta


def test_imported_file_keeps_its_address_when_retitled(content: Path) -> None:
    result = import_file(INFOBAR, content, today=TODAY)
    text = result.path.read_text(encoding="utf-8")
    head = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    assert list(head)[:2] == ["title", "slug"]
    assert head["slug"] == result.path.stem == "xa-tan-lap-to-chuc-ngay-hoi-hoa-giai-o-co-so"
    retitled = text.replace(f"title: {head['title']}", "title: Ngày hội hòa giải ở xã Tân Lập")
    result.path.write_text(retitled, encoding="utf-8")
    meta = site_meta(result.path, content)
    assert meta.title == "Ngày hội hòa giải ở xã Tân Lập" and meta.slug == head["slug"]


def test_a_slug_in_use_by_another_file_is_not_taken(content: Path) -> None:
    folder = content / "tin-tuc"
    folder.mkdir()
    other = folder / "bai-cu.md"
    other.write_text("---\ntitle: Bài cũ\nslug: xa-tan-lap-to-chuc-ngay-hoi-hoa-giai-o-co-so\n"
                     "date: 2020-01-02\ncategory: x\n---\n\nMột bài khác.\n", encoding="utf-8")
    front, _, _ = imported(INFOBAR, content)
    assert front["slug"] == "xa-tan-lap-to-chuc-ngay-hoi-hoa-giai-o-co-so-2"


def test_a_long_title_with_a_suffix_stays_within_the_slug_limit(content: Path, tmp_path: Path) -> None:
    title = "Hội nghị " + " ".join(["tuyên truyền pháp luật về hòa giải ở cơ sở"] * 2) + " cho hội viên các thôn"
    for n in (1, 2):
        page = text_page(tmp_path, f"{title}\nNgày đăng: 0{n}/02/2024\n\n{FIRST}\n\n{SECOND} {n}\n", f"t{n}.txt")
        front, _, _ = imported(page, content)
        assert len(front["slug"]) <= 80, front["slug"]
    assert front["slug"].endswith("-2"), front["slug"]
    meta = site_meta(content / "tin-tuc" / f"{front['slug']}.md", content)
    assert meta.slug == front["slug"]


def test_redirect_map_target_is_the_articles_address(content: Path, tmp_path: Path) -> None:
    from bantin.tools.importer.redirectmap import read_redirect_map
    from bantin.tools.importer.writing import import_files

    redirect_map = tmp_path / "redirects" / "old-host.map"
    [result] = import_files([INFOBAR], content, today=TODAY, redirect_map=redirect_map)
    front = yaml.safe_load(result.path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)[0])
    old = "http://stp.songlam.gov.vn/tin-tuc/chi-tiet.html?id=2031&cat=5&page=2"
    assert read_redirect_map(redirect_map) == [(old, f"/tin-tuc/{front['slug']}/")]
