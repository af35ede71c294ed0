"""Hostile review of issue 15 (a bulletin's design, standards, print, phones, first view):
inputs an editor can set that the five parts did not survive. One small site, unit tests
for the rest."""

from __future__ import annotations

import io
import posixpath
import re
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from bantin.site.images import Resizer
from sitekit import article, build, read, write_site


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "steelblue").save(out, "PNG")
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (120, 80)).save(out, "GIF")
    return out.getvalue()


def grey16(width: int = 1200, height: int = 800) -> bytes:
    """A 16-bit greyscale PNG (scanners save documents so): a left-to-right ramp, dark at left."""
    row = b"".join(struct.pack("<H", x * 65535 // (width - 1)) for x in range(width))
    out = io.BytesIO()
    Image.frombytes("I;16", (width, height), row * height).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("review15")
    files = {"images/logo sở #1.png": png(96, 96), "images/băng rôn?.png": png(1400, 300),
             "tin-tuc/bai.md": article("Bài thử", "2024-05-03"),
             "tin-tuc/anh/ảnh động #2.gif": gif(), "tin-tuc/dong.md": article("Ảnh động", "2024-05-02",
                                                                            image="anh/ảnh động #2.gif", image_alt="Ảnh")}
    write_site(root, files, agency={"name": "Sở Tư pháp tỉnh Thử", "emblem": "images/logo sở #1.png",
                                    "banner": "images/băng rôn?.png"})
    build(root)
    return root


def _srcs(html: str, cls: str) -> list[str]:
    return [re.search(r'src="([^"]*)"', tag).group(1) for tag in re.findall(rf'<img [^>]*class="{cls}"[^>]*>', html)]


@pytest.mark.parametrize("page", ["index.html", "tin-tuc/bai-thu/index.html"])
def test_an_emblem_or_banner_named_with_a_space_hash_or_question_mark_still_shows(site, page):
    """`#` and `?` in a file name ended the <img>'s path (the rest was read as a fragment or
    a query): the header showed a broken picture and the build said nothing. Each src must
    name the published file once the browser has parsed it."""
    html = read(site, page)
    found = {"bt-emblem": _srcs(html, "bt-emblem"), "bt-masthead__banner": _srcs(html, "bt-masthead__banner")}
    assert found["bt-emblem"] and (page != "index.html" or found["bt-masthead__banner"]), found
    for src in found["bt-emblem"] + found["bt-masthead__banner"]:
        parts = urlsplit(src.replace("&#34;", '"'))
        assert not parts.query and not parts.fragment and " " not in src, src
        file = site / "site" / posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        assert file.is_file(), src


def test_webp_twin_and_thumbnail_of_a_16_bit_greyscale_png_keep_its_picture(tmp_path):
    """Pillow turns 16-bit greyscale ('I;16') into RGB by clipping each value at 255: every
    pixel but pure black came out white, so browsers (which take the WebP twin) and the
    listing's thumbnail showed a blank picture where the PNG variant showed the scan."""
    files = {"quet.png": grey16()}
    resizer = Resizer(files.get, tmp_path, (480, 960))
    responsive = resizer.get("quet.png")
    thumb = resizer.thumbnail("quet.png")
    # PNGs' variants get no WebP twin since the variants' speed-up; the thumbnail has one (a JPEG's).
    for rel in [v.webp or v.rel for v in responsive.variants] + [thumb.rel, thumb.webp]:
        with Image.open(tmp_path / rel) as made:
            grey = made.convert("L")
            left, middle = grey.getpixel((1, 1)), grey.getpixel((made.width // 2, made.height // 2))
            assert left < 40 and 90 < middle < 170, (rel, left, middle)


def test_variants_of_a_photo_named_with_spaces_or_a_hash_have_names_srcset_and_og_image_can_hold(tmp_path):
    """Phones and Windows name photos 'ảnh hội nghị.jpg'. Variant names kept the spaces, and a
    srcset splits on spaces: every candidate of the <img> and of the WebP <source> was dropped
    (the browser fell back to the 1440-pixel original on every phone), and og:image carried
    the space or, for 'ảnh #1.jpg', lost the name's end to a fragment."""
    from bantin.site.images import rewrite_images

    name = "anh/ảnh hội nghị #1 & 'x'.jpg"
    out = io.BytesIO()
    Image.new("RGB", (1600, 900), "steelblue").save(out, "JPEG")
    resizer = Resizer({name: out.getvalue()}.get, tmp_path, (480, 960))
    made = [v.rel for v in resizer.get(name).variants] + [v.webp for v in resizer.get(name).variants]
    made.append(resizer.thumbnail(name).rel)
    for rel in made:
        assert not re.search(r"[\s#?%\"'<>&]", rel) and (tmp_path / rel).is_file(), rel
    html = rewrite_images('<article><img src="anh/ảnh hội nghị #1 &amp; \'x\'.jpg" alt="x"></article>',
                          lambda src: name, resizer, lambda rel: rel)
    srcsets = re.findall(r'srcset="([^"]*)"', html)
    assert len(srcsets) == 2  # the WebP <source> and the <img>
    for srcset in srcsets:
        assert all(len(candidate.split()) == 2 for candidate in srcset.split(", ")), srcset


@pytest.mark.parametrize("size", ['viewBox="0 0 inf 100"', 'width="1e999" height="10"', 'width="-300" height="-100"',
                                  'viewBox="0 0 1e300 1e300"'])
def test_a_banner_svg_with_a_size_no_image_has_is_drawn_without_width_and_height(tmp_path, size):
    """`inf` or `1e999` in the banner SVG's viewBox stopped the build with a traceback
    (OverflowError from round()); a negative size was printed as width="-300"."""
    from bantin.config.emblem import check_agency_images
    from bantin.config.settings import Agency
    from bantin.problems import Problems

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "bang-ron.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" {size}><rect width="10" height="10"/></svg>', encoding="utf-8")
    problems = Problems()
    agency = check_agency_images(Agency(banner="images/bang-ron.svg"), tmp_path, problems)
    assert agency.banner == "images/bang-ron.svg" and agency.banner_size == (0, 0) and not problems.items


@pytest.mark.parametrize("value", [".rieng/logo.png", "templates/logo.png", "images/.logo.png"])
def test_an_emblem_where_nothing_is_published_is_a_problem(tmp_path, value):
    """content/ files in a hidden folder or under a top `templates/` are never published
    (content/inventory._hidden): the check passed them, and every page showed a broken emblem."""
    from bantin.config.emblem import check_agency_images
    from bantin.config.settings import Agency
    from bantin.problems import Problems

    (tmp_path / value).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / value).write_bytes(png(96, 96))
    problems = Problems()
    agency = check_agency_images(Agency(emblem=value), tmp_path, problems)
    [error] = problems.errors
    assert "không được xuất bản" in error.message and agency.emblem == "" and agency.emblem_src == ""


@pytest.mark.parametrize("written, fix", [("content/images/bieu-trung.png", "ghi `emblem: images/bieu-trung.png`"),
                                          ("images/Bieu-Trung.PNG", "ghi `emblem: images/bieu-trung.png`"),
                                          ("images/khong-co.png", "chép ảnh vào content/images/khong-co.png")])
def test_a_missing_emblem_says_what_to_write_instead(tmp_path, written, fix):
    """A province wrote the path from the repository's top, or in another case (session 18)."""
    from bantin.config.emblem import check_agency_images
    from bantin.config.settings import Agency
    from bantin.problems import Problems

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "bieu-trung.png").write_bytes(png(96, 96))
    problems = Problems()
    check_agency_images(Agency(emblem=written), tmp_path, problems)
    [error] = problems.errors
    assert "không có tệp biểu trưng" in error.message and fix in error.fix, error.fix


@pytest.mark.browser
def test_home_at_1024px_uses_the_width_and_shows_an_emblem_named_with_a_hash(site, page):
    """From 60em to 76.25em (a 1024-pixel laptop or tablet) Material keeps the table of contents
    column, empty on the home page: the front page filled three quarters of the screen beside
    a blank 242-pixel strip. One load also sees the emblem named `logo sở #1.png` drawn."""
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto((site / "site" / "index.html").as_uri())
    found = page.evaluate("""() => {
        const toc = document.querySelector('.md-sidebar--secondary');
        const content = document.querySelector('.md-content').getBoundingClientRect();
        const emblem = document.querySelector('.bt-masthead img, .md-header img.bt-emblem');
        return {toc: toc ? getComputedStyle(toc).display : 'none', right: content.right,
                emblem: [...document.querySelectorAll('img.bt-emblem')].map(i => i.complete && i.naturalWidth)};
    }""")
    assert found["toc"] == "none" and found["right"] > 1000, found
    assert found["emblem"] and all(found["emblem"]), found


@pytest.mark.browser
def test_the_printout_says_the_day_it_is_printed_not_the_day_the_tab_was_opened(site, page):
    """An office PC keeps a tab open for days: 'In ngày' was stamped when the page loaded."""
    page.goto((site / "site" / "tin-tuc" / "bai-thu" / "index.html").as_uri())
    page.evaluate("""() => { const Real = Date;
        window.Date = function (...a) { return a.length ? new Real(...a) : new Real(2031, 0, 2, 9, 0); };
        window.dispatchEvent(new Event('beforeprint')); }""")
    assert page.text_content("[data-bt-print-date] span") == "02/01/2031"


@pytest.mark.parametrize("svg", [
    b'<?xml-stylesheet href="http://example.org/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(http://example.org/a.svg#a)}</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>@\\69mport "http://example.org/x.css";</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:\\75 rl(http://example.org/a.svg#a)"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="xlink:href" to="https://example.org/"/></a></svg>',
])
def test_an_emblem_svg_that_fetches_from_another_host_when_opened_is_refused(svg):
    """The emblem and banner (issue 15) may be SVG files published on the bulletin's own
    address: opened directly, these fetched another host (Chromium did) past svg_problem."""
    from bantin.files.filecheck import svg_problem

    assert svg_problem("images/bieu-trung.svg", svg) is not None


def test_a_plain_svg_emblem_with_a_declaration_and_an_internal_gradient_is_kept():
    from bantin.files.filecheck import svg_problem

    svg = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
           b'<defs><linearGradient id="g"/></defs><style>.a{fill:url(#g);font-family:"A\\"B"}</style>'
           b'<rect class="a" width="10" height="10" style="fill:url(#g)"/></svg>')
    assert svg_problem("images/bieu-trung.svg", svg) is None


def test_og_image_of_a_picture_served_as_it_is_is_a_whole_address(site):
    """A GIF (not resized) named 'ảnh động #2.gif' was shared as '…/anh/ảnh động #2.gif':
    a preview fetched '…/ảnh động ' and showed nothing."""
    html = read(site, "tin-tuc/anh-dong/index.html")
    og = re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1)
    ld = re.search(r'"image": \["([^"]*)"\]', html).group(1)
    assert og == ld == "https://bantin.example.org/tin-tuc/anh/%E1%BA%A3nh%20%C4%91%E1%BB%99ng%20%232.gif", (og, ld)


def test_a_photo_whose_name_has_an_ampersand_or_apostrophe_is_resized_like_any_other(tmp_path):
    """Templates and Markdown print 'hội nghị & tập huấn.jpg' as '…&amp;…' in the src; the
    resizer looked that text up as a file name, found none, and every reader downloaded the
    original (here 1600 pixels; a phone's photo is 4000)."""
    from bantin.site.images import rewrite_images

    out = io.BytesIO()
    Image.new("RGB", (1600, 900), "steelblue").save(out, "JPEG")
    files = {"anh/hop & tap-huan.jpg": out.getvalue(), "anh/l'anh.jpg": out.getvalue()}
    resizer = Resizer(files.get, tmp_path, (480, 960))
    html = rewrite_images('<p><img src="anh/hop &amp; tap-huan.jpg" alt="a"><img src="anh/l&#39;anh.jpg" alt="b"></p>',
                          lambda src: src if src in files else None, resizer, lambda rel: rel)
    assert html.count("<picture>") == 2 and html.count("srcset=") == 4, html


@pytest.mark.parametrize("field, size", [("emblem", (4000, 4000)), ("banner", (11811, 2000))])
def test_an_emblem_or_banner_of_many_pixels_but_few_bytes_is_refused(tmp_path, field, size):
    """A logo exported from a vector at 4000×4000, or a banner at print resolution, is a flat
    PNG of a few dozen KB: the byte limits let it through, and every phone decoded 16 or 24
    megapixels (64-94 MB of memory) for a header picture two centimetres wide."""
    from bantin.config.emblem import check_agency_images
    from bantin.config.settings import Agency
    from bantin.problems import Problems

    (tmp_path / "images").mkdir()
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 200 * 1024
    (tmp_path / "images" / "anh.png").write_bytes(out.getvalue())
    problems = Problems()
    agency = check_agency_images(Agency(**{field: "images/anh.png"}), tmp_path, problems)
    [error] = problems.errors
    assert "megapixel" in error.message and getattr(agency, field) == ""
