"""The home page's "Tin nổi bật" with one, two or three stories besides the lead, some with a
picture and some without, from a phone to a wide screen (a reader's trial, session 34: at
1024 px two cards 183 px wide sat in the left 40 % of the row, the rest blank, their titles
120 px apart in height; an `auto-fill` grid kept empty tracks and `auto-fit` blew a single
card's picture up to 490 px)."""

from __future__ import annotations

import pytest

from sitekit import article, build, write_site
from test_design import jpeg

WIDTHS = [360, 390, 768, 1024, 1280, 1600]
SECONDARY = [  # newest first; the lead (newest with a picture) comes before them all
    ("Phổ biến Luật Đất đai năm 2024 cho cán bộ cơ sở", "anh/hop.jpg"),
    ("Kiểm tra công tác cải cách hành chính năm 2024 tại Sở Tư pháp", ""),
    ("Yêu cầu cấp Phiếu lý lịch tư pháp qua ứng dụng VNeID", ""),
]
MEASURE = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top + scrollY, width: r.width}; };
  const list = document.querySelector('.bt-featured ul.bt-cards');
  const em = parseFloat(getComputedStyle(list).fontSize);
  return {
    em, list: box(list), page: document.documentElement.scrollWidth, view: innerWidth,
    cards: [...list.children].map(c => ({box: box(c), title: box(c.querySelector('.bt-card__title')),
                                         img: c.querySelector('img') ? box(c.querySelector('img')) : null})),
    column: box(document.querySelector('.bt-featured')),
    lead: box(document.querySelector('.bt-story__title')),
    leadImg: box(document.querySelector('.bt-story__pic img')),
    latest: box(document.querySelector('#bt-moi-nhat')),
  };
}"""


@pytest.fixture(scope="module", params=[1, 2, 3], ids=lambda n: f"{n}-more")
def site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"featured{request.param}")
    files = {"tin-tuc/anh/hop.jpg": jpeg(1600, 1000), "tin-tuc/anh/le.jpg": jpeg(1200, 800, "darkred")}
    files["tin-tuc/dau.md"] = article("Xã Thạch Nguyên kiện toàn tổ hòa giải sau sắp xếp thôn, tổ dân phố", "2024-06-01",
                                      featured=True, image="anh/le.jpg", image_alt="Lễ",
                                      summary="Sau khi sáp nhập thôn, xã đã kiện toàn 42 tổ hòa giải với 276 hòa giải viên.")
    for n, (title, image) in enumerate(SECONDARY[:request.param]):
        extra = {"image": image, "image_alt": "Hội nghị"} if image else {}
        files[f"tin-tuc/noi-bat-{n}.md"] = article(title, f"2024-05-{20 - n:02d}", featured=True,
                                                   summary="Tóm tắt của bài nổi bật, hai dòng là đủ.", **extra)
    for n in range(6):
        files[f"tin-tuc/bai-{n}.md"] = article(f"Bài mới cập nhật số {n}", f"2024-04-{n + 1:02d}")
    write_site(root, files)
    build(root)
    return root, request.param


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_other_featured_stories_fill_their_row_with_small_pictures_and_aligned_titles(site, page, width):
    """Each row of cards spans the list from edge to edge (no blank columns), a card's picture
    stays a thumbnail (at most 10em wide, not the column's width), every title starts at the
    same left edge whether its card has a picture or not, and nothing is wider than the screen."""
    root, count = site
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((root / "site" / "index.html").as_uri())
    m = page.evaluate(MEASURE)
    assert len(m["cards"]) == count and m["page"] <= m["view"], m
    rows = {}
    for card in m["cards"]:
        rows.setdefault(round(card["box"]["top"]), []).append(card["box"])
    for row in rows.values():
        assert min(b["left"] for b in row) <= m["list"]["left"] + 1, (width, rows)
        assert max(b["right"] for b in row) >= m["list"]["right"] - 1, (width, rows)
    assert m["list"]["width"] >= m["column"]["width"] - 1, m  # the list is the column's width
    pictures = [c["img"]["width"] for c in m["cards"] if c["img"]]
    assert pictures and max(pictures) <= 10 * m["em"], (width, pictures, m["em"])
    assert len({round(c["title"]["left"]) for c in m["cards"]}) == 1, (width, m["cards"])


@pytest.mark.browser
@pytest.mark.parametrize("width", [1024, 1280, 1600])
def test_a_laptop_sees_the_lead_story_and_the_newest_items_on_its_first_screen(site, page, width):
    """From 60em "Mới cập nhật" stands beside the featured stories, not under them: at 1024 px
    it began 1,082 px down, below a 800-pixel screen. The lead's picture stays at most 60 %
    of its column and 30em wide."""
    root, _ = site
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((root / "site" / "index.html").as_uri())
    m = page.evaluate(MEASURE)
    assert m["lead"]["top"] < 800 and m["latest"]["top"] < 800, m
    assert m["leadImg"]["width"] <= min(.6 * m["column"]["width"], 30 * m["em"]) + 1, m
