"""The original of a picture pages show only through its variants is not published (session 41).

An outsider's trial: a 19.8 MB scan and a 12.5 MB photo saved as PNG were copied to the site,
though every page, og:image and card named their variants: half of a 38.6 MB site that no
reader could reach. An original any page names otherwise (a link, an attachment, a poster),
mkdocs.yml names, or the resizer does not replace (GIF, APNG) is published as before.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from PIL import Image
from sitekit import article, build, run_bantin, write_site
from linkscan import broken_links
from test_png_photos import photo, png

from bantin.outputs.gate import Gate
from bantin.problems import Problems
from bantin.site import build as site_build
from bantin.site import originals
from bantin.site.images import Resizer, rewrite_images
from bantin.site.urls import UrlScheme
from test_site_build import SETTINGS, inputs


def jpeg(size=(64, 48), colour=(90, 120, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def apng() -> bytes:
    """Two frames: an animation Pillow reads as a PNG whose first frame alone a variant would keep."""
    out = io.BytesIO()
    first, second = Image.new("RGB", (120, 80), "red"), Image.new("RGB", (120, 80), "blue")
    first.save(out, "PNG", save_all=True, append_images=[second], duration=200, loop=0)
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (40, 30), 3).save(out, "GIF")
    return out.getvalue()


USES = """\
![Chỉ hiện](../images/chi-hien.jpg)

<img src="../images/html.png" alt="Ảnh HTML">

![Định nghĩa][h] ![Định nghĩa dùng cả làm liên kết][k] và [xem ảnh][k].

![Có liên kết](../images/co-lien-ket.jpg) [Tải ảnh gốc](../images/co-lien-ket.jpg)

![Có thẻ a](../images/a-href.jpg) <a href="../images/a-href.jpg">tải về</a>

![Đính kèm](../images/dinh-kem.jpg) ![Động](../images/dong.gif) ![Logo](../images/logo.png)

[h]: ../images/dinh-nghia.jpg
[k]: ../images/dinh-nghia-lien-ket.jpg
"""


def test_only_originals_every_page_shows_as_a_picture_are_withdrawn(tmp_path):
    files = {"tin-tuc/a.md": article("A", image="../images/truong.jpg", image_alt="Ảnh đầu bài", body=USES,
                                     attachments=[{"title": "Ảnh gốc", "file": "../images/dinh-kem.jpg"}]),
             "tin-tuc/nhap.md": article("Nháp", draft=True, body="![Riêng](../images/nhap.jpg)\n"),
             "images/logo.png": png(Image.new("RGB", (30, 30), "white")), "images/dong.gif": gif(),
             "images/html.png": png(photo(90, 60))}
    for i, name in enumerate(("chi-hien", "truong", "dinh-nghia", "dinh-nghia-lien-ket", "co-lien-ket",
                              "a-href", "dinh-kem", "nhap")):
        files[f"images/{name}.jpg"] = jpeg((60 + i, 40))
    site = site_build.site_config(SETTINGS, Problems())
    found = site_build.read_site(inputs(tmp_path, files, keep=frozenset({"images/logo.png"})), site,
                                 UrlScheme(site.prefixes), include_drafts=False)
    assert found.problems.errors == [], found.problems.errors
    assert found.pictures == {"images/chi-hien.jpg", "images/truong.jpg", "images/html.png",
                              "images/dinh-nghia.jpg"}
    assert "images/nhap.jpg" in found.withheld  # a draft's: never copied, as before


def test_a_built_site_keeps_no_original_only_variants_show_and_no_reference_breaks(tmp_path):
    files = {"tin-tuc/a.md": article("Ảnh chụp", image="../images/anh-chup.png", image_alt="Hội nghị",
                                     body="![Hội nghị](../images/anh-chup.png)\n\n![Sơ đồ](../images/so-do.jpg)\n\n"
                                          "[Tải sơ đồ bản gốc](../images/so-do.jpg)\n\n![Hình động](../images/dong.png)\n"),
             "tin-tuc/b.md": article("Bài B", image="../images/anh-chup.png", image_alt="Hội nghị"),
             "images/anh-chup.png": png(photo(1600, 1000)), "images/so-do.jpg": jpeg((900, 600)),
             "images/dong.png": apng()}
    root = write_site(tmp_path / "site-thu", files)
    # Two renderers (workers/splitrender.py): the verdict on a picture only the fork's pages showed
    # is asked again in the build's own process before its original goes.
    done = build(root, env={"BANTIN_JOBS": "2"})
    assert "dựng trang trên hai tiến trình" in done.stdout
    site = root / "site"
    assert not (site / "images/anh-chup.png").exists(), done.stdout
    assert (site / "images/so-do.jpg").read_bytes() == files["images/so-do.jpg"]  # linked as a file
    assert (site / "images/dong.png").read_bytes() == files["images/dong.png"]  # an APNG is served as it is
    assert "1 ảnh gốc không đăng" in done.stdout
    page = (site / "tin-tuc/anh-chup/index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta property="og:image" content="https://bantin\.example\.org/assets/img/anh-chup-', page)
    assert re.search(r"<img [^>]*src=\"\.\./\.\./images/dong\.png\"", page) and "anh-chup.png" not in page
    assert broken_links(site) == []
    offline = run_bantin(root, "build", "--offline")
    assert offline.returncode == 0, offline.stdout
    copy = root / "site-offline" / "ban-tin"
    assert not (copy / "images/anh-chup.png").exists() and (copy / "images/so-do.jpg").exists()
    assert broken_links(copy) == []


def test_an_original_the_resizer_did_not_replace_stays_and_empty_folders_go(tmp_path):
    for rel in ("images/a.jpg", "images/b.jpg", "anh/sau/c.jpg"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * 10)
    removed = originals.withdraw({"images/a.jpg", "images/b.jpg", "anh/sau/c.jpg", "khong/co.jpg"}, Gate(tmp_path),
                                 lambda rel: rel != "images/b.jpg")
    assert removed == [("anh/sau/c.jpg", 10), ("images/a.jpg", 10)]
    assert (tmp_path / "images/b.jpg").exists() and not (tmp_path / "anh").exists()


def test_an_animated_png_is_not_resized_to_its_first_frame(tmp_path):
    resizer = Resizer({"images/dong.png": apng()}.get, tmp_path, (480, 960))
    assert resizer.get("images/dong.png") is None
    html = rewrite_images('<img src="dong.png" alt="x">', lambda src: "images/dong.png", resizer, lambda rel: rel)
    assert html.startswith('<img src="dong.png"') and "srcset" not in html


# Session 42: a picture written with a cache-buster (`?v=2`, left by an editor or an import) or a
# fragment got no variants (the rewriter left the address as written) and its original was
# published. Now it is shown through variants like any picture, the query dropped (their names
# carry the photo's hash), and its original goes like any original only variants show.
WITH_QUERY = {
    "query": "![Ảnh](../images/query.jpg?v=2)\n",
    "fragment": "![Ảnh](../images/fragment.jpg#giua)\n",
    "htmlquery": '<img src="../images/htmlquery.jpg?v=2&amp;w=1" alt="Ảnh">\n',
    "both": "![Ảnh](<../images/hai từ.jpg?v=3#x>)\n",
}


def test_a_picture_with_a_query_or_fragment_gets_variants_without_them(tmp_path):
    files = {"tin-tuc/a.md": article("Bài A", body="".join(WITH_QUERY.values()) + "\n![Động](../images/dong.gif?v=2)\n")}
    for i, name in enumerate(WITH_QUERY):
        files[f"images/{'hai từ' if name == 'both' else name}.jpg"] = jpeg((1200 + i, 800))
    files["images/dong.gif"] = gif()
    root = write_site(tmp_path / "site-thu", files)
    done = build(root)  # --strict
    site = root / "site"
    page = (site / "tin-tuc/bai-a/index.html").read_text(encoding="utf-8")
    for name in WITH_QUERY:
        stem = "hai-từ" if name == "both" else name
        tag = next((t for t in re.findall(r"<picture>.*?</picture>", page) if f"/{stem}-" in t), None)
        assert tag is not None, (name, page)  # a <picture> with WebP twins and srcset
        assert "?" not in tag and "#" not in tag, tag  # the variants' addresses carry neither
        srcs = re.findall(r'(?:src|srcset)="([^"]*)"', tag)
        names = {part.split()[0] for s in srcs for part in s.split(", ")}
        assert len(names) == 6, names  # 480, 960 and its own 12xx, as JPEG and WebP
        for address in names:
            assert (site / "tin-tuc/bai-a" / address).resolve().is_file(), address
        assert not (site / f"images/{'hai từ' if name == 'both' else name}.jpg").exists()  # only variants show it
    assert "4 ảnh gốc không đăng" in done.stdout
    assert 'src="../../images/dong.gif?v=2"' in page  # a GIF is served as it is, as written
    assert (site / "images/dong.gif").exists()
    assert broken_links(site) == []


# Session 41 review M1, L1: what the link check reads is not all that names an original. Each of
# these names the picture the page also shows as a picture; the original stayed in the site only
# while it was deleted silently (the build passed --strict).
NAMED_OTHERWISE = {
    "linkquery": "![Ảnh](../images/linkquery.jpg?v=2) [tải về](../images/linkquery.jpg?v=2)\n",
    "www": "![Ảnh](../images/www.jpg)\n\nẢnh gốc: <https://www.bantin.example.org/images/www.jpg>\n",
    "protocol": "![Ảnh](../images/protocol.jpg) [bản gốc](//bantin.example.org/images/protocol.jpg)\n",
    "source": "![Ảnh nguồn](../images/source.jpg)\n",
    "css": "![Ảnh](../images/css.jpg)\n",
    "redirect": "![Ảnh](../images/redirect.jpg)\n",
    "extra": "![Ảnh](../images/extra.jpg)\n",
}


def test_an_original_anything_else_names_stays_published(tmp_path):
    body = "".join(NAMED_OTHERWISE.values()) + "\n![Chỉ hiện](../images/chi-hien.jpg)\n"
    files = {"tin-tuc/a.md": article("Bài A", body=body,
                                     source={"name": "Ảnh gốc", "url": "https://bantin.example.org/images/source.jpg"})}
    for i, name in enumerate([*NAMED_OTHERWISE, "chi-hien"]):
        files[f"images/{name}.jpg"] = jpeg((1200 + i, 800))
    root = write_site(tmp_path / "site-thu", files)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:" not in config and "custom_dir" not in config
    (root / "mkdocs.yml").write_text(config.replace("theme:\n", "theme:\n  custom_dir: theme\n", 1)
                                     + "extra_css:\n  - css/rieng.css\nextra:\n  anh_bia: /images/extra.jpg\n",
                                     encoding="utf-8")
    (root / "theme/css").mkdir(parents=True)
    (root / "theme/css/rieng.css").write_text(".banner { background: url(../images/css.jpg) }\n")
    (root / "redirects").mkdir()
    (root / "redirects/old-host.map").write_text("/uploads/2023/anh-cu.jpg /images/redirect.jpg\n")
    done = build(root)
    site = root / "site"
    for name in NAMED_OTHERWISE:
        assert (site / f"images/{name}.jpg").read_bytes() == files[f"images/{name}.jpg"], (name, done.stdout)
    assert not (site / "images/chi-hien.jpg").exists() and "1 ảnh gốc không đăng" in done.stdout
    page = (site / "tin-tuc/bai-a/index.html").read_text(encoding="utf-8")
    assert 'href="../../images/linkquery.jpg?v=2"' in page  # what keeps it: the link, query and all


def test_mentions_reads_a_file_name_however_an_address_writes_it():
    text = ('<img src="../../images/a.jpg?v=2"> url(../b.JPG) https://www.host/c%20d.png#x '
            '{"u":"\\/images\\/e.jpeg"} xem f.jpg. g.jpg.webp h.jpgx i.png:1 &quot;j.jpg&quot; '
            '/_anh/k-0123456789-480.jpg 480w, Ảnh.jpg url("l.GIF") m.webp?x=1 n.gifs')
    assert originals.mentions(text) == {"a.jpg", "b.jpg", "c d.png", "e.jpeg", "f.jpg", "g.jpg.webp", "i.png",
                                        "j.jpg", "k-0123456789-480.jpg", "ảnh.jpg", "l.gif", "m.webp"}


def test_every_picture_type_content_holds_is_searched_for():
    """A hostile review (session 42): only JPEG and PNG names were searched for, so an unused GIF
    or WebP a stylesheet names was removed from the site and the stylesheet's picture broke."""
    from bantin.content.inventory import IMAGES

    assert originals.mentions(" ".join(f"x{extension}" for extension in IMAGES)) == {f"x{e}" for e in IMAGES}


def test_named_reads_every_text_file_of_the_site_and_no_picture(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css/a.css").write_text("a { background: url(../images/nen.png) }")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/anh.webp").write_bytes(b"RIFF\0\0\0\0WEBP images/trong-anh.jpg")
    (tmp_path / "tep.bin").write_bytes(b"\0 images/nhi-phan.jpg")
    candidates = {"images/nen.png", "anh/trong-anh.jpg", "images/nhi-phan.jpg", "images/khong-ai.jpg"}
    assert originals.named(tmp_path, candidates) == {"images/nen.png"}
