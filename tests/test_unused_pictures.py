"""A picture no page uses is not published, and `bantin check` names it (site/unusedpictures.py, session 42).

An editor uploads a picture in the web editor, then takes it out of the article: the repository
keeps it, and it was published all the same, at an address anyone could open.
"""

from __future__ import annotations

from linkscan import broken_links
from sitekit import article, build, run_bantin, write_site
from test_originals import gif, jpeg

BODY = "![Hội nghị](../images/dung.jpg)\n\n[Tải bản đồ](../images/ban-do.jpg)\n"


def test_a_picture_nothing_uses_is_not_published_and_is_named(tmp_path):
    # `source:` names nguon.jpg by the site's address: no use the link check reads, but the built
    # page names it, so it stays (when in doubt, keep).
    files = {"tin-tuc/a.md": article("Bài A", body=BODY, source={
                 "name": "Ảnh gốc", "url": "https://bantin.example.org/images/nguon.jpg"}), "images/nguon.jpg": jpeg(),
             "tin-tuc/nhap.md": article("Nháp", draft=True, body="![Riêng](../images/nhap.jpg)\n"),
             "images/dung.jpg": jpeg((900, 600)), "images/ban-do.jpg": jpeg((300, 200)),
             "images/bo-di.jpg": jpeg((1200, 800)), "anh/cu/bo-di.gif": gif(), "images/nhap.jpg": jpeg(),
             "images/nen.jpg": jpeg(), "images/nen-dong.gif": gif(), "images/zalo.jpg": jpeg(), "images/chuyen.jpg": jpeg(), "images/bieu-trung.jpg": jpeg((60, 60))}
    root = write_site(tmp_path / "site-thu", files)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("theme:\n", "theme:\n  custom_dir: theme\n  logo: images/bieu-trung.jpg\n", 1)
                                     + "extra_css:\n  - css/rieng.css\n"
                                     + "# giữ ảnh đã chia sẻ trên Zalo (hướng dẫn, mục 5.5): images/zalo.jpg\n", encoding="utf-8")
    (root / "theme/css").mkdir(parents=True)
    (root / "theme/css/rieng.css").write_text(".banner { background: url(../images/nen.jpg) }\n.moi { background: url(../images/nen-dong.gif) }\n")
    (root / "redirects").mkdir()
    (root / "redirects/old-host.map").write_text("/uploads/anh-cu.jpg /images/chuyen.jpg\n")
    done = build(root)  # --strict: a warning of ours is not one of MkDocs'
    site = root / "site"
    assert not (site / "images/bo-di.jpg").exists() and not (site / "anh").exists(), done.stdout
    assert "2 ảnh không bài nào dùng, không đăng" in done.stdout
    # the build warns of what it removed: not nguon.jpg, which its page names (review M1, session 42)
    warned = [line for line in done.stdout.splitlines() if "không được bài nào dùng" in line]
    assert [line.split("anh/", 1)[-1].split("images/", 1)[-1][:9] for line in warned] == ["cu/bo-di.", "bo-di.jpg"], warned
    for kept in ("images/nguon.jpg", "images/nen.jpg", "images/nen-dong.gif", "images/zalo.jpg", "images/chuyen.jpg", "images/bieu-trung.jpg", "images/ban-do.jpg"):
        assert (site / kept).read_bytes() == files[kept], kept  # a stylesheet, the redirect map, the logo, a link
    assert not (site / "images/nhap.jpg").exists()  # a draft's: withheld as before, and not called unused
    assert broken_links(site) == []
    checked = run_bantin(root, "check")
    assert checked.returncode == 0, checked.stdout
    said = [line for line in checked.stdout.splitlines() if "không được bài nào dùng" in line]
    assert len(said) == 3 and said[0].startswith("anh/cu/bo-di.gif: cảnh báo: ảnh `bo-di.gif`"), said
    assert "images/bo-di.jpg" in said[1] and "`![Mô tả ảnh](../images/bo-di.jpg)`" in said[1], said
    assert said[2].startswith("images/nguon.jpg:")  # the check cannot see the built page: the build keeps it
    offline = run_bantin(root, "build", "--offline")
    assert offline.returncode == 0, offline.stdout
    copy = root / "site-offline" / "ban-tin"
    assert not (copy / "images/bo-di.jpg").exists() and (copy / "images/nen.jpg").exists()
    assert broken_links(copy) == []



def test_a_picture_of_a_page_that_failed_its_checks_is_not_called_unused(tmp_path):
    """A hostile review (session 42): an article whose front matter broke (a date typed wrong)
    is not read, so its picture was «không được bài nào dùng … có thể xóa tệp»: an editor who
    followed that advice lost the picture the article needs once the date is fixed. Its text
    is read for what it names, as a draft's with a slip is (content/drafts/files.py)."""
    files = {"tin-tuc/a.md": article("Bài A", body="![Hội nghị](../images/hoi-nghi.jpg)\n\n[Tờ rơi](../tai-lieu/to-roi.docx)\n"),
             "images/hoi-nghi.jpg": jpeg((900, 600)), "tai-lieu/to-roi.docx": b"PK\x03\x04 docx",
             "images/bo-di.jpg": jpeg()}
    root = write_site(tmp_path / "s", files)
    page = root / "content/tin-tuc/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("date: ", "date: 2024-13-45 #", 1), encoding="utf-8")
    checked = run_bantin(root, "check")
    assert checked.returncode != 0 and "tin-tuc/a.md" in checked.stdout, checked.stdout
    said = [line for line in checked.stdout.splitlines() if "không được bài nào dùng" in line or "không bài nào" in line]
    assert len(said) == 1 and said[0].startswith("images/bo-di.jpg:"), checked.stdout
