"""Issue 15, a bulletin's design: card thumbnails, the home page's items each in one place,
the agency's emblem and banner settings, and one small site built end to end."""

from __future__ import annotations

import io
import os
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from bantin.config.emblem import check_agency_images
from bantin.config.settings import Agency
from bantin.problems import Problems
from bantin.site import pagedata
from bantin.site.images import Resizer, Variant
from sitekit import article, build, read, write_site


def jpeg(width: int, height: int, colour="steelblue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


def png_rgba(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 0)).save(out, "PNG")
    return out.getvalue()


# --- thumbnails ----------------------------------------------------------------------------

def test_thumbnails_are_small_cropped_cached_and_never_enlarged(tmp_path):
    files = {"a/anh.jpg": jpeg(1600, 600), "nho.jpg": jpeg(200, 100), "trong.png": png_rgba(600, 400),
             "hong.jpg": b"not an image", "dong.gif": b"GIF89a"}
    resizer = Resizer(files.get, tmp_path, (480, 960))
    big = resizer.thumbnail("a/anh.jpg")
    assert big.width == 300 and big.height == 200 and re.fullmatch(r"assets/img/anh-[0-9a-f]{10}-300x200\.jpg", big.rel)
    with Image.open(tmp_path / big.rel) as made:
        assert made.size == (300, 200) and made.format == "JPEG"
    # Its WebP twin, offered first by the card (issue 15: 2.3 KB against 5.4 for the sample's photo).
    assert big.webp == big.rel[:-len(".jpg")] + ".webp"
    with Image.open(tmp_path / big.webp) as made:
        assert made.size == (300, 200) and made.format == "WEBP"
    small = resizer.thumbnail("nho.jpg")
    assert small == Variant(small.rel, 150, 100, small.webp)  # 3:2 inside, not enlarged
    with Image.open(tmp_path / resizer.thumbnail("trong.png").rel) as flat:
        assert flat.mode == "RGB" and flat.getpixel((5, 5)) == (255, 255, 255)  # transparent → white, not black
    assert resizer.thumbnail("hong.jpg") is None and resizer.thumbnail("dong.gif") is None
    assert resizer.thumbnail("khong-co.jpg") is None
    # A later build reuses the file (same name from the same bytes) without writing it again.
    before = [os.stat(tmp_path / rel).st_mtime_ns for rel in (big.rel, big.webp)]
    again = Resizer(files.get, tmp_path, (480, 960)).thumbnail("a/anh.jpg")
    assert again == big and [os.stat(tmp_path / rel).st_mtime_ns for rel in (big.rel, big.webp)] == before
    # A folder built before the twins existed gets the WebP next to the JPEG it already has.
    os.remove(tmp_path / big.webp)
    assert Resizer(files.get, tmp_path, (480, 960)).thumbnail("a/anh.jpg") == big and (tmp_path / big.webp).is_file()


def _item(path, image="", featured=False, category="a"):
    meta = SimpleNamespace(image=image, image_alt="Ảnh " + path if image else "", summary="Tóm tắt " + path,
                           featured=featured)
    return SimpleNamespace(path=path, title="Bài " + path, kind="article", meta=meta, date=datetime(2024, 5, 1),
                           category=SimpleNamespace(slug=category, title="Chuyên mục " + category))


class FakeView:
    """What pagedata reads of a SiteView, for items given newest first."""

    def __init__(self, items, thumbs=None):
        self.items, self.cards, self.thumbs = items, {}, thumbs or {}
        cats = sorted({i.category.slug for i in items})
        self.corpus = SimpleNamespace(categories=[SimpleNamespace(slug=c) for c in cats])

    def featured(self, n):
        return tuple(i for i in self.items if i.meta.featured)[:n]

    def latest(self, n):
        return tuple(self.items[:n])

    def latest_in(self, category, n):
        return tuple(i for i in self.items if i.category.slug == category.slug)[:n]

    def thumbnail(self, image):
        return self.thumbs.get(image)

    def absolute(self, path):
        return "https://bantin.example.org/" + path

    def item_url(self, item):
        return item.path + "/"

    def category_url(self, category):
        return "chuyen-muc/" + category.slug + "/"


def test_home_shows_each_item_once_led_by_the_newest_featured_with_a_picture():
    items = [_item("f1", featured=True), _item("n1"), _item("f2", image="f2.jpg", featured=True),
             _item("n2", category="b"), _item("f3", featured=True, category="b")]
    items += [_item(f"x{n}", category="ab"[n % 2]) for n in range(12)]
    home = pagedata.home_items(FakeView(items))
    assert home.lead.path == "f2"  # f1 is newer but has no picture
    assert [i.path for i in home.featured] == ["f1", "f3"]
    assert [i.path for i in home.latest] == ["n1", "n2", "x0", "x1", "x2"]
    shown = [home.lead.path] + [i.path for i in home.featured + home.latest]
    shown += [i.path for block in home.by_category.values() for i in block]
    assert len(shown) == len(set(shown)), shown
    assert [i.path for i in home.by_category["a"]] == ["x4", "x6", "x8"]


def test_a_card_carries_its_thumbnail_and_a_card_without_one_stays_text():
    with_picture, without = _item("co-anh", image="anh/a.jpg"), _item("khong-anh")
    broken = _item("anh-hong", image="anh/hong.jpg")  # the resizer could not read it
    view = FakeView([with_picture, without, broken], {"anh/a.jpg": Variant("assets/img/a-0123456789-300x200.jpg", 300, 200)})
    card = pagedata.card(view, with_picture)
    assert (card.thumb, card.thumb_width, card.thumb_height) == ("assets/img/a-0123456789-300x200.jpg", 300, 200)
    assert (card.image, card.image_alt) == ("anh/a.jpg", "Ảnh co-anh")
    assert pagedata.card(view, with_picture) is card  # made once per build
    assert card.address == "https://bantin.example.org/" + with_picture.path  # printed under the title
    for plain in (pagedata.card(view, without), pagedata.card(view, broken)):
        assert (plain.thumb, plain.image, plain.thumb_width) == ("", "", 0)


# --- emblem and banner settings --------------------------------------------------------------

@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "logo.png").write_bytes(png_rgba(120, 120))
    (root / "images" / "gia.png").write_text("<html><script>alert(1)</script>", encoding="utf-8")
    noise = Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3))
    noise.save(root / "images" / "nang.jpg", "JPEG", quality=85)  # about 270 KB: noise does not compress
    (root / "images" / "xau.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    (tmp_path / "ngoai.png").write_bytes(png_rgba(10, 10))
    try:
        (root / "images" / "loi-tat.png").symlink_to(tmp_path / "ngoai.png")
    except OSError:
        pass
    return root


def test_a_sound_emblem_is_kept_in_its_normal_form(content):
    problems = Problems()
    agency = check_agency_images(Agency(name="Sở", emblem="./images/logo.png", banner="images\\logo.png"), content, problems)
    assert problems.items == [] and (agency.emblem, agency.banner, agency.name) == ("images/logo.png", "images/logo.png", "Sở")
    assert agency.banner_size == (120, 120)  # width and height of the banner's <img>: no layout shift


@pytest.mark.parametrize("typed, slashed", [("images\\bieu-trung.png", "images/bieu-trung.png"),
                                             ("images\\favicon.png", "images/favicon.png"),
                                             ("a\\tep\\new\\bieu.png", "a/tep/new/bieu.png")])
def test_an_emblem_in_double_quotes_with_windows_backslashes_is_told_as_typed(content, typed, slashed):
    """`emblem: "images\\bieu-trung.png"`: YAML reads `\\b` as a backspace before we see it; the
    build said "no file `images\\x08ieu…`" and to copy it there (session 34, left)."""
    import yaml

    value = yaml.safe_load(f'emblem: "{typed}"')["emblem"]
    assert "\\" not in value  # what reaches the check: YAML ate the backslashes
    problems = Problems()
    agency = check_agency_images(Agency(emblem=value), content, problems, lambda *keys: 7)
    [error] = problems.errors
    assert error.line == 7 and error.field == "plugins.bantin.agency.emblem" and agency.emblem == ""
    assert f'`emblem: "{typed}"`' in error.message and "Windows" in error.message, error.message
    assert error.fix.endswith(f"`emblem: {slashed}`"), error.fix
    assert not any(c in error.message + error.fix for c in "\x08\x0c\t\n")  # said as typed, no control character


@pytest.mark.parametrize("value, said", [
    ("images/khong-co.png", "không có tệp"),
    ("../ngoai.png", "nằm ngoài thư mục content/"),
    ("/etc/passwd.png", "nằm ngoài thư mục content/"),
    ("https://example.org/logo.png", "địa chỉ trên mạng"),
    ("images/logo.html", "không phải tệp ảnh"),
    ("images/gia.png", "không phải ảnh đọc được"),
    ("images/xau.svg", "SVG"),
    ("images/loi-tat.png", "lối tắt"),
])
def test_a_wrong_emblem_is_a_problem_that_says_what_to_type(content, value, said):
    if value.endswith("loi-tat.png") and not (content / "images" / "loi-tat.png").is_symlink():
        pytest.skip("no symbolic links here")
    problems = Problems()
    agency = check_agency_images(Agency(emblem=value), content, problems, lambda *keys: 42 if keys == ("agency", "emblem") else 0)
    [error] = problems.errors
    assert said in error.message and error.line == 42 and error.field == "plugins.bantin.agency.emblem"
    assert error.fix and agency.emblem == ""  # the default emblem shows meanwhile


def test_a_heavy_banner_is_refused(content):
    problems = Problems()
    check_agency_images(Agency(banner="images/nang.jpg", emblem="images/nang.jpg"), content, problems)
    assert 200 * 1024 < (content / "images" / "nang.jpg").stat().st_size < 600 * 1024
    assert [e.field for e in problems.errors] == ["plugins.bantin.agency.emblem"]  # too heavy for an emblem only
    assert "quá 200 KB" in problems.errors[0].message


# --- one small site --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("design")
    files = {"images/logo.png": png_rgba(96, 96), "tin-tuc/anh/hop.jpg": jpeg(1600, 1000), "tin-tuc/anh/le.jpg": jpeg(900, 900, "red")}
    files["tin-tuc/noi-bat-co-anh.md"] = article("Nổi bật có ảnh", "2024-05-03", featured=True, image="anh/hop.jpg",
                                                 image_alt="Hội nghị", summary="Tóm tắt bài nổi bật.")
    files["tin-tuc/noi-bat-chu.md"] = article("Nổi bật không ảnh", "2024-05-04", featured=True)
    for n in range(14):
        extra = {"image": "anh/le.jpg", "image_alt": "Lễ"} if n % 3 == 0 else {}
        files[f"tin-tuc/bai-{n}.md"] = article(f"Bài số {n}", f"2024-04-{n + 1:02d}",
                                               category=["hoa-giai-o-co-so", "dat-dai", "cai-cach-hanh-chinh"][n % 3], **extra)
    agency = {"name": "Sở Tư pháp tỉnh Thử", "owner": "Ủy ban nhân dân tỉnh Thử", "emblem": "images/logo.png",
              "banner": "images/logo.png"}
    write_site(root, files, agency=agency)
    build(root)
    return root


def test_the_home_page_shows_each_item_once_led_by_the_story_with_its_picture(site):
    home = read(site, "index.html")
    links = re.findall(r'class="bt-card__title" href="([^"]+)"', home)
    lead = re.search(r'<article class="bt-story bt-story--pic">.*?</article>', home, re.S).group(0)
    links += re.findall(r'<h3 class="bt-story__title"><a href="([^"]+)"', lead)
    assert len(links) == len(set(links)) and len(links) >= 10, links
    assert "tin-tuc/noi-bat-co-anh/" in re.search(r'bt-story__title"><a href="([^"]+)"', lead).group(1)
    img = re.search(r"<img [^>]*>", lead).group(0)
    assert 'loading="eager"' in img and "srcset=" in img and 'width="' in img
    banner = re.search(r'<img class="bt-masthead__banner"[^>]*>', home).group(0)
    assert 'alt="Ủy ban nhân dân tỉnh Thử – Sở Tư pháp tỉnh Thử"' in banner and 'width="96" height="96"' in banner
    logo = re.search(r'class="md-header__button md-logo".*?</a>', home, re.S).group(0)
    assert 'src="images/logo.png"' in logo and "srcset" not in logo  # the configured emblem, as it is


def test_listings_show_thumbnails_with_their_size_and_text_cards_stay_text(site):
    listing = read(site, "chuyen-muc/hoa-giai-o-co-so/index.html")
    thumbs = re.findall(r'<a class="bt-card__thumb"[^>]*><picture><source type="image/webp" srcset="[^"]+-300x200\.webp">'
                        r'<img ([^>]*)></picture></a>', listing)
    assert thumbs and all('width="300" height="200"' in t and "-300x200.jpg" in t for t in thumbs)
    # The page's first picture loads at once (issue 15, first view: images.rewrite_images); the rest when scrolled to.
    assert 'loading="eager"' in thumbs[0] and all('loading="lazy"' in t for t in thumbs[1:])
    for t in thumbs:
        src = re.search(r'src="([^"]+)"', t).group(1)
        assert (site / "site" / "chuyen-muc" / "hoa-giai-o-co-so" / src).resolve().stat().st_size < 20_000
    cards = listing.count('<li class="bt-card')
    assert cards > len(thumbs)  # the items without a picture are text cards


def test_a_diagram_of_few_colours_stays_small_when_resized(tmp_path):
    """Resizing blends new colours into a flat drawing; saved as a full-colour PNG its 480-pixel
    copy was four times the original's bytes (the sample's lead picture: 8 KB → 31 KB). A PNG of
    at most 256 colours gets a palette again; a photo saved as PNG keeps its colours."""
    import random

    drawing = Image.new("RGB", (900, 560), "white")
    for i in range(40):
        drawing.paste((i * 6, 90, 200 - i * 4), (i * 20, i * 12, i * 20 + 60, i * 12 + 40))
    noisy = Image.new("RGB", (900, 560))
    rng = random.Random(1)
    noisy.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(900 * 560)])
    files = {}
    for name, picture in (("ve.png", drawing), ("anh.png", noisy)):
        out = io.BytesIO()
        picture.save(out, "PNG")
        files[name] = out.getvalue()
    resizer = Resizer(files.get, tmp_path, (480, 960))
    small = resizer.get("ve.png").variants[0]
    with Image.open(tmp_path / small.rel) as made:
        assert made.mode == "P" and made.width == 480
    assert (tmp_path / small.rel).stat().st_size < 1.5 * len(files["ve.png"])  # full colour: 2-4 times
    with Image.open(tmp_path / resizer.get("anh.png").variants[0].rel) as made:
        assert made.mode == "RGB"
