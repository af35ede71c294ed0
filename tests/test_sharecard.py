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
