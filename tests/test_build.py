"""End-to-end: small fixture sites built with `mkdocs build --strict`, HTML checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from sitekit import article, build, read, write_site

HANDBOOK = """---
title: Sổ tay hòa giải ở cơ sở
date: 2024-06-01
category: hoa-giai-o-co-so
---
Những câu hỏi thường gặp.

## Câu hỏi 1: Hòa giải ở cơ sở là gì? {#hoa-giai-la-gi}

Là việc hòa giải viên giúp các bên tự thỏa thuận.

Căn cứ pháp lý: Điều 2 Luật Hòa giải ở cơ sở năm 2013.

## Câu hỏi 2: Ai được bầu làm hòa giải viên? {#ai-la-hoa-giai-vien}

Công dân Việt Nam thường trú tại cơ sở.

## Câu hỏi 3: Tổ hòa giải có bao nhiêu người? {#to-hoa-giai-bao-nhieu-nguoi}

Từ ba hòa giải viên trở lên.
"""


def titles(html: str) -> list[str]:
    return re.findall(r'class="bt-card__title" href="[^"]*">([^<]+)</a>', html)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    files = {f"tin-tuc/bai-{n:02d}.md": article(f"Tin hòa giải số {n:02d}", f"2024-01-{n:02d}",
                                                tags=["hòa giải"] if n % 2 else ["hoà giải"])
             for n in range(1, 26)}
    files["tin-tuc/dat.md"] = article("Tin đất đai", "2024-03-01", "Đất đai", tags=["đất đai"])
    files["tin-tuc/nhap.md"] = article("Bản nháp bí mật", "2024-04-01", draft=True)
    files["tin-tuc/cu.md"] = article("Tin năm cũ", "2021-07-04 08:30", "dat-dai", aliases=["/tin-cu.html", "/tin-tuc/ten-cu/"],
                                     tags=["dịch vụ công"])
    files["hoi-dap/so-tay.md"] = HANDBOOK
    files["trang/gioi-thieu.md"] = "---\ntitle: Giới thiệu\ndate: 2024-01-01\n---\nVề chúng tôi.\n"
    write_site(root, files)
    result = build(root)
    return root, result.stdout


def test_build_prints_counts_by_type(site):
    _, log = site
    assert "xuất bản 27 tin bài, 1 trang, 1 sổ tay hỏi - đáp; 1 bản nháp; 0 tệp có lỗi" in log  # editors' words


def test_category_lists_exactly_its_items_newest_first_paginated(site):
    root, _ = site
    first = titles(read(root, "chuyen-muc/hoa-giai-o-co-so/index.html"))
    second = titles(read(root, "chuyen-muc/hoa-giai-o-co-so/trang/2/index.html"))
    assert first[0] == "Sổ tay hòa giải ở cơ sở"
    assert first[1:] == [f"Tin hòa giải số {n:02d}" for n in range(25, 6, -1)]
    assert second == [f"Tin hòa giải số {n:02d}" for n in range(6, 0, -1)]
    assert "Tin đất đai" not in first + second
    assert not (root / "site/chuyen-muc/hoa-giai-o-co-so/trang/3").exists()
    assert titles(read(root, "chuyen-muc/dat-dai/index.html")) == ["Tin đất đai", "Tin năm cũ"]


def test_article_page_header_and_footer(site):
    root, _ = site
    html = read(root, "tin-tuc/tin-nam-cu/index.html")
    assert "Chủ Nhật, 04/07/2021" in html
    assert 'lang="vi"' in html
    assert "Sở Tư pháp tỉnh Thử" in html and "Nguyễn Thị Biên Tập" in html
    assert "Ghi rõ nguồn khi phát lại thông tin từ website này." in html


def test_tags_that_fold_together_are_one_tag(site):
    root, _ = site
    assert len(titles(read(root, "the/hoa-giai/index.html"))) == 20
    assert not (root / "site/the/hoa-giai-2").exists()
    index = read(root, "the/index.html")
    assert index.count('href="hoa-giai/"') == 1


def test_the_keyword_list_is_in_the_vietnamese_alphabet(site):
    """đ after d: «dịch vụ công» before «đất đai» (a reader's trial, session 51)."""
    root, _ = site
    index = read(root, "the/index.html")
    at = [index.index(f'href="{slug}/"') for slug in ("dich-vu-cong", "dat-dai", "hoa-giai")]
    assert at == sorted(at), at  # slugify put «dat-dai» first


def test_question_pages_at_stable_urls_with_short_links(site):
    root, _ = site
    page = read(root, "hoi-dap/so-tay-hoa-giai-o-co-so/ai-la-hoa-giai-vien/index.html")
    assert "Ai được bầu làm hòa giải viên?" in page
    assert "Câu hỏi 2/3" in page
    assert 'href="../hoa-giai-la-gi/"' in page and 'href="../to-hoa-giai-bao-nhieu-nguoi/"' in page
    assert "https://bantin.example.org/q/ai-la-hoa-giai-vien/" in page
    assert "<svg" in page and "bt-qr" in page
    short = read(root, "q/ai-la-hoa-giai-vien/index.html")
    assert 'url=../../hoi-dap/so-tay-hoa-giai-o-co-so/ai-la-hoa-giai-vien/"' in short
    handbook = read(root, "hoi-dap/so-tay-hoa-giai-o-co-so/index.html")
    for qid in ("hoa-giai-la-gi", "ai-la-hoa-giai-vien", "to-hoa-giai-bao-nhieu-nguoi"):
        assert f'id="{qid}"' in handbook
    assert 'class="bt-can-cu"' in handbook


def test_aliases_redirect(site):
    root, _ = site
    assert 'url=tin-tuc/tin-nam-cu/"' in read(root, "tin-cu.html")
    assert 'url=../tin-nam-cu/"' in read(root, "tin-tuc/ten-cu/index.html")


def test_redirect_pages_share_one_script_that_reads_its_target_from_the_page(site):
    """The script that takes a copy opened from file:// to the target's index.html
    (templates/redirect.html) is one text on every redirect page, so one hash in their policy:
    its address is an attribute, escaped as any other, and comes before the refresh."""
    from bantin.site.contentpolicy import inline_scripts

    root, _ = site
    pages = [read(root, rel) for rel in ("tin-cu.html", "tin-tuc/ten-cu/index.html", "q/ai-la-hoa-giai-vien/index.html")]
    scripts = [inline_scripts(html) for html in pages]
    assert all(len(s) == 1 for s in scripts) and scripts[0] == scripts[1] == scripts[2]
    for html in pages:
        target = re.search(r'content="0; url=([^"]*)"', html).group(1)
        assert f'<script data-bt-to="{target}">' in html and f'<a href="{target}">' in html
        assert html.index("<script") < html.index('http-equiv="refresh"')


def test_drafts_never_reach_site_feeds_or_sitemap(site):
    root, _ = site
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in (root / "site").rglob("*")
                         if p.suffix in (".html", ".xml", ".js", ".json") and p.is_file())
    assert "Bản nháp bí mật" not in everything
    assert not (root / "site/tin-tuc/ban-nhap-bi-mat").exists()


def test_sitemap_dates_come_from_front_matter(site):
    root, _ = site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(root / "site/sitemap.xml")
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.getroot()}
    assert lastmod["https://bantin.example.org/tin-tuc/tin-nam-cu/"] == "2021-07-04"
    assert lastmod["https://bantin.example.org/chuyen-muc/dat-dai/"] == "2024-03-01"
    assert "https://bantin.example.org/q/hoa-giai-la-gi/" not in lastmod
    assert (root / "site/huong-dan/index.html").is_file()  # no guide published: the section's page is there,
    assert "https://bantin.example.org/huong-dan/" not in lastmod  # but crawlers are not sent to an empty list
    assert "https://bantin.example.org/tin-tuc/" in lastmod


def test_feeds_parse_with_dates_from_front_matter(site):
    root, _ = site
    feed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title == "Sổ tay hòa giải ở cơ sở"
    assert feed.feed.updated.startswith("2024-06-01")
    category = feedparser.parse((root / "site/chuyen-muc/dat-dai/feed.xml").read_bytes())
    assert [e.title for e in category.entries] == ["Tin đất đai", "Tin năm cũ"]
    assert category.entries[1].published.startswith("2021-07-04T08:30:00+07:00")


def test_offline_flavour_uses_file_urls(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A"), "hoi-dap/s.md": HANDBOOK})
    build(root, "--no-directory-urls")
    home = read(root, "index.html")
    assert 'href="tin-tuc/bai-a.html"' in home
    question = read(root, "hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-la-gi.html")
    assert 'href="../so-tay-hoa-giai-o-co-so.html#hoa-giai-la-gi"' in question
    assert 'url=../hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-la-gi.html"' in read(root, "q/hoa-giai-la-gi.html")


# --- failures: every one names the file and line, and the build exits non-zero ---------

def failing(tmp_path, files) -> str:
    root = write_site(tmp_path, files)
    done = build(root, check=False)
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stdout
    return done.stdout


def test_question_without_id_fails_the_build(tmp_path):
    log = failing(tmp_path, {"hoi-dap/s.md": HANDBOOK.replace(" {#ai-la-hoa-giai-vien}", "")})
    assert "hoi-dap/s.md:14:" in log and "chưa có mã" in log


def test_the_build_warns_of_a_question_an_unclosed_details_swallows(tmp_path):
    """A hostile review (session 32): a handbook's `<details>` left open made the questions after
    it raw text on the handbook page, and the build said nothing."""
    root = write_site(tmp_path, {"hoi-dap/s.md": HANDBOOK.replace(
        "Từ ba hòa giải viên", "<details><summary>Xem thêm</summary>\n\n## Câu hỏi 4: Bốn? {#bon}\n\nTừ ba")})
    log = build(root).stdout
    assert "hoi-dap/s.md:22: cảnh báo: câu hỏi «Câu hỏi 4: Bốn?» nằm trong khối HTML `<details>` mở ở dòng 20" in log
    assert 'id="bon"' not in read(root, "hoi-dap/so-tay-hoa-giai-o-co-so/index.html")  # what the warning is about


def test_a_link_to_a_file_with_errors_says_so_not_that_it_is_missing(tmp_path):
    """A province's review: the handbook lacked an id, and the article linking it was told
    "trỏ tới tệp không có" though the file was there (session 23)."""
    log = failing(tmp_path, {"hoi-dap/s.md": HANDBOOK.replace(" {#ai-la-hoa-giai-vien}", ""),
                             "tin-tuc/a.md": article("A", body="Xem [sổ tay](../hoi-dap/s.md).")})
    assert "hoi-dap/s.md:14:" in log and "chưa có mã" in log
    line = next(line for line in log.splitlines() if "tin-tuc/a.md:" in line)
    assert "content/hoi-dap/s.md, tệp này không được xuất bản (xem lỗi của chính tệp đó)" in line
    assert "không có" not in line


def _write_config(root, config: dict) -> None:
    """mkdocs.yml written back from `config`, as an IT person's edit leaves it."""
    import yaml

    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _line_of(root, key: str) -> int:
    """The line of mkdocs.yml where `key:` is written (the line the build's message names)."""
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(key + ":"))


def _built_with_theme(root, **theme):
    """mkdocs.yml's `theme:` given these keys (logo, favicon), then a build that may fail:
    (the config written, the build's result)."""
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {**config["theme"], **theme}
    _write_config(root, config)
    return config, build(root, check=False)


def test_a_missing_logo_or_favicon_is_named_with_its_line(tmp_path):
    """A province's review: `favicon: images/favicon.ico` with no such file passed `check` and
    the build, and every page linked an icon that answered 404 (session 23)."""
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 60, 120)).save(png, "PNG")
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A"), "images/logo.png": png.getvalue()})
    config, done = _built_with_theme(root, logo="images/logo.png", favicon="images/favicon.ico")
    assert done.returncode != 0 and "Traceback" not in done.stdout
    favicon = _line_of(root, "favicon")
    assert f"mkdocs.yml:{favicon}: [theme.favicon] lỗi: không có tệp `images/favicon.ico`" in done.stdout
    assert "theme.logo" not in done.stdout  # the logo is there
    config["theme"]["favicon"] = "images/logo.png"
    _write_config(root, config)
    build(root)


def test_a_heavy_or_huge_logo_or_favicon_is_refused_as_the_emblem_is(tmp_path):
    """A province's trial (session 41): the design office's 3000×3000 logo (26 MB) as
    `theme.logo` or `favicon` was published without a word and loaded by every page, while the
    same file as `agency.emblem` was refused. Both now have the emblem's limits, 200 KB and
    1000×1000 pixels, with the line and the fix; a 64×64 icon still builds."""
    import io
    import os

    from PIL import Image

    def png(image):
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    heavy = png(Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)))  # ~470 KB, small in pixels
    huge = png(Image.new("RGB", (1600, 1200), (20, 60, 120)))  # a few KB, 1.9 megapixels
    assert len(heavy) > 200 * 1024 and len(huge) < 200 * 1024
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A"), "images/logo.png": heavy,
                                 "images/icon.png": huge, "images/small.png": png(Image.new("RGB", (64, 64)))})
    config, done = _built_with_theme(root, logo="images/logo.png", favicon="images/icon.png")
    assert done.returncode != 0 and "Traceback" not in done.stdout
    logo = _line_of(root, "logo")
    favicon = _line_of(root, "favicon")
    assert (f"mkdocs.yml:{logo}: [theme.logo] lỗi: biểu trưng ở đầu trang (logo) `images/logo.png` nặng "
            f"{len(heavy) // 1024} KB, quá 200 KB: mọi trang đều tải ảnh này") in done.stdout, done.stdout
    assert (f"mkdocs.yml:{favicon}: [theme.favicon] lỗi: biểu tượng trên thẻ trình duyệt (favicon) `images/icon.png` "
            "lớn 1600×1200 điểm ảnh") in done.stdout, done.stdout
    assert "thu nhỏ ảnh" in done.stdout
    assert not (root / "site").exists()  # nothing published
    config["theme"].update(logo="images/small.png", favicon="images/small.png")
    _write_config(root, config)
    build(root)


def test_a_sites_own_stylesheet_comes_after_ours_so_its_colours_win(tmp_path):
    """A province's trial (session 41): its own colour, `[data-md-color-primary="custom"]
    { --md-primary-fg-color: #7a1f1f }` in its custom_dir's `extra_css`, changed nothing,
    because bantin.css came after the site's stylesheet and set the same variables with the same
    specificity. Ours now comes right after Material's and before `extra_css`, on every page
    (the home page, an article, the 404 page, rendered through the shell cache or not)."""
    import yaml

    from sitekit import override_template

    (tmp_path / "overrides" / "css").mkdir(parents=True)
    root = override_template(write_site(tmp_path, {"tin-tuc/a.md": article("A")}), "css/mau-tinh.css",
                             '[data-md-color-primary="custom"] { --md-primary-fg-color: #7a1f1f; }\n')
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra_css"] = ["css/mau-tinh.css"]
    _write_config(root, config)
    build(root)
    for rel in ("index.html", "tin-tuc/a/index.html", "404.html", "chuyen-muc/index.html"):
        page = read(root, rel)
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
        names = [href.rsplit("/", 1)[-1].split("?")[0] for href in sheets]
        assert names.count("bantin.css") == 1 and names[-1] == "mau-tinh.css", (rel, names)
        assert names.index("bantin.css") > max(i for i, n in enumerate(names) if n.startswith(("main.", "palette."))), names


def test_a_logo_and_favicon_written_with_windows_backslashes(tmp_path):
    """`favicon: images\\favicon.png` is read with `/`, as `emblem:` is (config/backslash.py):
    MkDocs warned in English ("uses OS-specific separator"), and `--strict` failed on it. In
    double quotes YAML reads `\\f` as a form feed: said as typed, with the line to write."""
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 60, 120)).save(png, "PNG")
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A"), "images/logo.png": png.getvalue(),
                                 "images/favicon.png": png.getvalue()})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    plain = config.replace("theme:\n", "theme:\n  favicon: images\\favicon.png\n  logo: 'images\\logo.png'\n")
    (root / "mkdocs.yml").write_text(plain, encoding="utf-8")
    done = build(root)
    assert "OS-specific" not in done.stdout, done.stdout
    page = read(root, "tin-tuc/a/index.html")
    assert 'rel="icon" href="../../images/favicon.png"' in page and 'src="../../images/logo.png"' in page, page[:3000]
    assert (root / "site/images/favicon.png").is_file()
    quoted = config.replace("theme:\n", 'theme:\n  favicon: "images\\favicon.png"\n')
    (root / "mkdocs.yml").write_text(quoted, encoding="utf-8")
    done = build(root, check=False)
    line = next(n for n, text in enumerate(quoted.splitlines(), 1) if "favicon:" in text)
    assert done.returncode != 0 and "Traceback" not in done.stdout
    assert (f'mkdocs.yml:{line}: [theme.favicon] lỗi: `favicon: "images\\favicon.png"` viết đường dẫn bằng dấu `\\` '
            "(cách viết của Windows)") in done.stdout, done.stdout
    assert "không cần dấu ngoặc kép: `favicon: images/favicon.png`" in done.stdout


def test_a_path_written_with_windows_backslashes_in_double_quotes_yaml_refuses():
    """`emblem: "images\\logo.png"`: `\\l` is no escape YAML knows, so mkdocs.yml does not read;
    the advice was to double the `\\`. For a path: write `/`."""
    from bantin.text.yamlerrors import CONFIG, explain

    lines = ["plugins:", "- bantin:", "    agency:", '      emblem: "images\\logo.png"  # biểu trưng']
    index, message, fix = explain(lines, 3, "found unknown escape character 'l'", "while scanning a double-quoted scalar",
                                  wording=CONFIG)
    assert index == 3 and "Windows" in message
    assert fix.endswith("`emblem: images/logo.png`"), fix
    _, message, fix = explain(['summary: "a\\qb"'], 0, "found unknown escape character 'q'", "", wording=CONFIG)
    assert "Windows" not in message and "`\\\\`" in fix  # no path: the advice as before


def test_broken_front_matter_fails_with_file_and_line(tmp_path):
    bad = "---\ntitle: Tin\ndate: 2024-01-01\ncategory: [hoa-giai\n---\nNội dung\n"
    log = failing(tmp_path, {"tin-tuc/hong.md": bad, "tin-tuc/tot.md": article("Tốt")})
    assert re.search(r"tin-tuc/hong\.md:\d+:", log)
    assert "YAML" in log


def test_unknown_field_suggests_the_right_one(tmp_path):
    log = failing(tmp_path, {"tin-tuc/a.md": article("A", catgory="x")})
    assert "tin-tuc/a.md:5: [catgory]" in log and "`category`" in log


def test_slug_collision_names_both_files(tmp_path):
    log = failing(tmp_path, {"tin-tuc/a.md": article("Hòa giải"), "tin-tuc/b.md": article("Hoà giải")})
    assert "tin-tuc/b.md" in log and "tin-tuc/a.md" in log and "trùng địa chỉ" in log


def test_alias_collision_with_a_page_is_an_error(tmp_path):
    log = failing(tmp_path, {"tin-tuc/a.md": article("A"), "tin-tuc/b.md": article("B", aliases=["/tin-tuc/a/"])})
    assert "tin-tuc/b.md" in log and "aliases" in log


@pytest.mark.parametrize("flag, doc", [((), "van-ban/35-2013-qh13/"), (("--no-directory-urls",), "van-ban/35-2013-qh13.html")])
def test_links_to_a_document_page_are_relative_from_every_depth(tmp_path, flag, doc):
    """Document links are looked up once per build (PageLinks) and made relative per page."""
    cite = "Theo Luật Hòa giải ở cơ sở số 35/2013/QH13, hòa giải viên được hỗ trợ."
    body = HANDBOOK.replace("Căn cứ pháp lý: Điều 2 Luật Hòa giải ở cơ sở năm 2013.", cite)
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài A", body=cite + " Xem [bài B](/tin-tuc/b.md#y).\n"),
                                 "tin-tuc/b.md": article("Bài B", body="## Ý {#y}\n\n" + cite + "\n"),
                                 "hoi-dap/s.md": body})
    build(root, *flag)
    ext = ".html" if flag else "/index.html"
    pages = {"tin-tuc/bai-a": "../../", "tin-tuc/bai-b": "../../", "hoi-dap/so-tay-hoa-giai-o-co-so": "../../",
             "hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-la-gi": "../../../"}
    if flag:
        pages = {path: up[3:] for path, up in pages.items()}
    for path, up in pages.items():
        assert f'<a class="vanban" href="{up}{doc}"' in read(root, path + ext), path
    linked = "bai-b.html#y" if flag else "../bai-b/#y"
    assert f'href="{linked}"' in read(root, "tin-tuc/bai-a" + ext)


def test_page_numbers_are_a_window_on_a_long_listing(tmp_path):
    files = {f"tin-tuc/bai-{n:02d}.md": article(f"Tin số {n:02d}", f"2024-01-{n:02d}") for n in range(1, 13)}
    write_site(tmp_path, files, page_size=1)
    build(tmp_path)
    html = read(tmp_path, "tin-tuc/trang/6/index.html")
    nav = re.search(r'<nav class="bt-pages" aria-label="Phân trang">(.*?)</nav>', html, re.S).group(1)
    shown = re.findall(r'>(\d+|…)</(?:a|span)>', nav)
    assert shown == ["1", "…", "4", "5", "6", "7", "8", "…", "12"]
    assert '<span aria-current="page">6</span>' in nav
    assert 'href="../../"' in nav and 'href="../12/"' in nav and 'href="../4/"' in nav
    assert 'rel="prev" href="../5/"' in nav and 'rel="next" href="../7/"' in nav
    heard = [re.sub(r'<span aria-hidden="true">.*?</span>|<[^>]+>', "", a) for a in re.findall(r'<a rel="\w+"[^>]*>(.*?)</a>', nav)]
    assert heard == ["Trang trước", "Trang sau"]  # the arrows are seen, not read out (session 47)
    first = read(tmp_path, "tin-tuc/index.html")
    assert re.findall(r'>(\d+|…)</(?:a|span)>', first.split('aria-label="Phân trang"')[1].split("</nav>")[0]) == \
        ["1", "2", "3", "…", "12"]


def test_a_body_that_begins_like_metadata_is_printed_whole(tmp_path):
    """MkDocs' own meta parser took a first line "Hotline: 1900 1234" for metadata and dropped
    it; the plugin hands MkDocs no text to parse, so every line an editor wrote is printed."""
    root = write_site(tmp_path / "s", {
        "tin-tuc/lien-he.md": article("Đường dây nóng", body="Hotline: 1900 1234\nEmail: stp@example.org\n\nGọi khi cần.\n"),
        "hoi-dap/so-tay.md": HANDBOOK.replace("Những câu hỏi thường gặp.", "Website: sotuphap.example.org\n\nNhững câu hỏi thường gặp."),
    })
    build(root)

    def body(rel: str) -> str:  # the printed text, not the page's description
        return read(root, rel).split('<div class="bt-body">', 1)[1]

    assert "<p>Hotline: 1900 1234\nEmail: stp@example.org</p>" in body("tin-tuc/duong-day-nong/index.html")
    assert "<p>Website: sotuphap.example.org</p>" in body("hoi-dap/so-tay-hoa-giai-o-co-so/index.html")
