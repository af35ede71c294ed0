"""The site's share picture drawn with the agency's name (site/sharecard.py): what Zalo and
Facebook show for a shared page without a picture of its own (a reader's trial, session 28)."""

from __future__ import annotations

import io

from PIL import Image, ImageChops

from bantin.site import sharecard

SITE = ("Ủy ban nhân dân tỉnh Sông Lam", "Sở Tư pháp tỉnh Sông Lam", "Bản tin Pháp luật tỉnh Sông Lam",
        "https://www.bantin.songlam.gov.vn/")
VIETNAMESE = "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĐƠƯàáâãèéêìíòóôõùúýăđĩũơư₫"


def picture(*texts) -> Image.Image:
    image = Image.open(io.BytesIO(sharecard.render(*texts)))
    image.load()
    return image


def test_a_png_of_the_size_previews_ask_for_the_same_bytes_each_build():
    image = picture(*SITE)
    assert image.format == "PNG" and image.size == (1200, 630)
    sharecard.render.cache_clear()
    assert sharecard.render(*SITE) == sharecard.render.__wrapped__(*SITE)  # not the cache: drawn alike
    assert len(sharecard.render(*SITE)) < 100_000


def test_its_address_follows_what_is_drawn():
    path = sharecard.card_path(*SITE)
    assert path.startswith("assets/images/bantin-chia-se-") and path.endswith(".png")
    assert sharecard.card_path(*SITE) == path
    assert sharecard.card_path(SITE[0], "Sở Tư pháp tỉnh Khác", *SITE[2:]) != path  # a previewer's cache misses
    assert sharecard.card_path(SITE[0], "  ", *SITE[2:]) == ""  # no agency: the theme's neutral picture


def test_every_vietnamese_letter_has_a_glyph_in_both_fonts():
    for bold in (True, False):
        font = sharecard._font(bold, 40)
        missing = font.getmask("\u4e00")  # a letter the cut font has not: its box
        for letter in VIETNAMESE:
            mask = font.getmask(letter)
            assert mask.getbbox() and bytes(mask) != bytes(missing), (bold, letter)


def test_the_names_are_drawn_and_nothing_runs_past_the_margin():
    plain = picture(SITE[0], "X", "Y", "")
    drawn = picture(*SITE)
    assert ImageChops.difference(plain.convert("RGB"), drawn.convert("RGB")).getbbox()
    long = picture("Ủy ban nhân dân " * 8, "Sở Tư pháp thành phố " * 8, "Bản tin phổ biến giáo dục pháp luật " * 8,
                   "https://" + "rat-dai-" * 20 + ".gov.vn/")
    blue = Image.new("RGB", (sharecard.MARGIN - 10, 630 - sharecard.BAND - 8), sharecard.BLUE)
    right = long.convert("RGB").crop((1200 - sharecard.MARGIN + 10, 0, 1200, 630 - sharecard.BAND - 8))
    assert not ImageChops.difference(right, blue).getbbox()  # the right margin stays empty


def test_a_site_without_its_own_share_picture_is_shared_with_the_agencys(tmp_path):
    """Built: a question (no picture of its own) is shared with the card, which the build
    wrote; an article's own picture stays its own; the offline copy names the public site's
    card (its pages carry the public addresses) and writes none of its own."""
    import re

    from sitekit import article, build, read, write_site

    photo = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(photo, "JPEG")
    root = write_site(tmp_path / "s", {
        "tin-tuc/anh.md": article("Bài có ảnh", image="../images/anh.jpg", image_alt="Ảnh"),
        "hoi-dap/so-tay.md": "---\ntitle: Sổ tay\ntype: qa\ncategory: hoa-giai-o-co-so\ndate: 2024-05-03\n---\n"
                             "## Câu một? {#cau-mot}\n\nTrả lời.\n",
        "images/anh.jpg": photo.getvalue(),
    }, agency={"name": "Sở Tư pháp tỉnh Thử", "owner": "Ủy ban nhân dân tỉnh Thử", "phone": "0238 3 000 000"})
    build(root)

    def og_image(rel: str) -> str:
        return re.search(r'<meta property="og:image" content="([^"]+)"', read(root, rel)).group(1)

    card = sharecard.card_path("Ủy ban nhân dân tỉnh Thử", "Sở Tư pháp tỉnh Thử", "Bản tin thử",
                               "https://bantin.example.org/")
    assert og_image("hoi-dap/so-tay/cau-mot/index.html") == "https://bantin.example.org/" + card
    assert Image.open(root / "site" / card).size == (1200, 630)
    assert "/assets/img/anh-" in og_image("tin-tuc/bai-co-anh/index.html")
    build(root, "--no-directory-urls", "-d", "copy")
    assert not list((root / "copy" / "assets" / "images").glob("bantin-chia-se-*"))
    assert f'property="og:image" content="https://bantin.example.org/{card}"' in \
        (root / "copy" / "index.html").read_text(encoding="utf-8")


def test_fonts_that_cannot_be_read_give_the_neutral_picture_not_a_missing_file(monkeypatch, tmp_path):
    monkeypatch.setattr(sharecard, "FONTS", tmp_path / "nowhere")
    sharecard._font.cache_clear()
    sharecard.render.cache_clear()
    try:
        assert sharecard.render_or_neutral(*SITE) == sharecard.NEUTRAL.read_bytes()
    finally:
        sharecard._font.cache_clear()
        sharecard.render.cache_clear()


def test_a_name_written_in_nfd_is_drawn_and_named_as_in_nfc(monkeypatch):
    """mkdocs.yml is not normalised: a name pasted in NFD got another address, and without
    raqm (Pillow's basic layout, e.g. Windows without FriBiDi) its marks were drawn into the
    capitals."""
    import unicodedata

    from PIL import ImageFont

    nfd = tuple(unicodedata.normalize("NFD", text) for text in SITE)
    assert nfd != SITE and sharecard.card_path(*nfd) == sharecard.card_path(*SITE)
    assert sharecard.render.__wrapped__(*nfd) == sharecard.render.__wrapped__(*SITE)
    real = ImageFont.truetype
    monkeypatch.setattr(ImageFont, "truetype", lambda *a, **k: real(*a, **{**k, "layout_engine": ImageFont.Layout.BASIC}))
    sharecard._font.cache_clear()
    try:
        assert sharecard.render.__wrapped__(*nfd) == sharecard.render.__wrapped__(*SITE)
    finally:
        monkeypatch.undo()
        sharecard._font.cache_clear()


def emblem_png(size=(400, 400), mode="RGBA") -> bytes:
    """A round red emblem with a yellow star on a clear background, as provinces' logos are."""
    from PIL import ImageDraw

    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, size[0] - 10, size[1] - 10), fill="#c8102e")
    draw.regular_polygon((size[0] // 2, size[1] // 2, min(size) // 4), 5, fill="#ffd400")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_agency_s_emblem_is_drawn_on_a_white_tile_left_of_the_names():
    """A card shared on Zalo names the province; with its emblem it looks like the agency's
    (left in session 29: the card had none). The names move right of the tile and still
    keep the right margin empty."""
    card = picture(*SITE, emblem_png()).convert("RGB")
    tile_top = (630 - sharecard.BAND - 8 - sharecard.TILE) // 2
    corner = (sharecard.MARGIN + 8, tile_top + sharecard.TILE // 2)  # inside the tile, left of the round emblem
    assert card.getpixel(corner) == (255, 255, 255)
    middle = (sharecard.MARGIN + 40, tile_top + sharecard.TILE // 2)  # the red ring, left of the star
    red = card.getpixel(middle)
    assert red[0] > 150 and red[1] < 60, red  # the emblem's own colours, not repainted
    plain = picture(*SITE).convert("RGB")
    names_left = sharecard.MARGIN + sharecard.TILE + sharecard.GAP
    column = (sharecard.MARGIN + sharecard.TILE + 4, 0, names_left - 4, 630 - sharecard.BAND - 8)
    assert not ImageChops.difference(card.crop(column), Image.new("RGB", (column[2] - column[0], column[3]),
                                                                   sharecard.BLUE)).getbbox()  # nothing under the tile's edge
    assert ImageChops.difference(plain.crop((names_left, 0, 1200, 500)), card.crop((names_left, 0, 1200, 500))).getbbox()
    long = picture("Ủy ban nhân dân " * 8, "Sở Tư pháp thành phố " * 8, "Bản tin phổ biến giáo dục pháp luật " * 8,
                   "https://" + "rat-dai-" * 20 + ".gov.vn/", emblem_png()).convert("RGB")
    right = long.crop((1200 - sharecard.MARGIN + 10, 0, 1200, 630 - sharecard.BAND - 8))
    assert not ImageChops.difference(right, Image.new("RGB", right.size, sharecard.BLUE)).getbbox()


def test_an_emblem_gets_the_card_a_new_address_and_its_absence_keeps_the_old():
    with_emblem = sharecard.card_path(*SITE, emblem_png())
    assert with_emblem != sharecard.card_path(*SITE)
    assert sharecard.card_path(*SITE, emblem_png((300, 300))) not in (with_emblem, sharecard.card_path(*SITE))
    assert sharecard.card_path(*SITE, b"") == sharecard.card_path(*SITE)
    assert sharecard.card_path(*SITE) == "assets/images/bantin-chia-se-19e7f39c6f6a.png"  # as before emblems


def test_an_emblem_that_does_not_open_is_left_out_not_a_failed_build():
    plain = sharecard.render.__wrapped__(*SITE)
    for broken in (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b"<svg/>", emblem_png()[:200]):
        assert sharecard.render.__wrapped__(*SITE, broken) == plain
    huge = io.BytesIO()
    Image.new("1", (3000, 3000)).save(huge, "PNG")  # 9 megapixels in a few KB: not decoded
    assert sharecard.render.__wrapped__(*SITE, huge.getvalue()) == plain


def test_a_built_site_draws_its_png_emblem_and_not_its_svg_one(tmp_path):
    """Built: `agency.emblem` in PNG is on the card the pages name; an SVG emblem, which Pillow
    cannot draw, leaves the card as without one (and the header still shows it)."""
    import re

    from sitekit import build, read, write_site

    agency = {"name": "Sở Tư pháp tỉnh Thử", "owner": "Ủy ban nhân dân tỉnh Thử", "phone": "0238 3 000 000"}
    texts = ("Ủy ban nhân dân tỉnh Thử", "Sở Tư pháp tỉnh Thử", "Bản tin thử", "https://bantin.example.org/")
    png = write_site(tmp_path / "png", {"images/bieu-trung.png": emblem_png()},
                     agency={**agency, "emblem": "images/bieu-trung.png"})
    build(png)
    card = re.search(r'property="og:image" content="https://bantin.example.org/([^"]+)"', read(png, "index.html")).group(1)
    assert card == sharecard.card_path(*texts, emblem_png()) != sharecard.card_path(*texts)
    drawn = Image.open(png / "site" / card).convert("RGB")
    assert drawn.getpixel((sharecard.MARGIN + 8, (630 - sharecard.BAND - 8) // 2)) == (255, 255, 255)
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">'
           '<circle cx="24" cy="24" r="20" fill="#c8102e"/></svg>')
    other = write_site(tmp_path / "svg", {"images/bieu-trung.svg": svg}, agency={**agency, "emblem": "images/bieu-trung.svg"})
    build(other)
    assert f'content="https://bantin.example.org/{sharecard.card_path(*texts)}"' in read(other, "index.html")
    assert (other / "site" / sharecard.card_path(*texts)).is_file()
