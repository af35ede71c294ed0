"""`bantin check` reports redirect-map lines whose new address no page has (issue 14, item 6).

The map beside mkdocs.yml (`redirects/old-host.map`, written by `bantin import`) sends old
portal addresses to pages of this site. Renaming a file without `slug:`, changing `slug:` or
deleting the article leaves a line that sends readers to a missing page: `check` names the
line, says why and what to type. Engine-free (site/build.check) except one CLI run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitekit import article, write_site
from test_site_build import SETTINGS, inputs

from bantin.site import build

MAP = "redirects/old-host.map"
OLD = "http://stp.songlam.gov.vn/tin-tuc/chi-tiet.html?id="


def check(tmp_path: Path, files: dict, lines: list[str] | None):
    if lines is not None:
        (tmp_path / "redirects").mkdir(exist_ok=True)
        (tmp_path / MAP).write_text("# ghi chú\n" + "\n".join(lines) + "\n", encoding="utf-8")
    _, problems = build.check(SETTINGS, inputs(tmp_path, files, redirect_map=str(tmp_path / MAP)))
    return [p for p in problems.items if p.path == MAP], problems


FILES = {
    "tin-tuc/ngay-hoi.md": article("Ngày hội hòa giải", slug="ngay-hoi-hoa-giai"),
    "tin-tuc/doi-ten.md": article("Bài đã đổi slug", slug="slug-moi"),
    "tin-tuc/nhap.md": article("Bài nháp", draft=True),
    "hoi-dap/so-tay.md": article("Sổ tay", body="## Hỏi gì? {#cau-1}\n\nĐáp.\n"),
    "tai-lieu/quy-che.pdf": b"%PDF-1.4\n%%EOF\n",
}


def test_targets_that_exist_say_nothing(tmp_path: Path) -> None:
    found, problems = check(tmp_path, FILES, [
        f"{OLD}1 /tin-tuc/ngay-hoi-hoa-giai/",
        f"{OLD}2 /tin-tuc/ngay-hoi-hoa-giai",
        f"{OLD}3 /",
        f"{OLD}4 /chuyen-muc/hoa-giai-o-co-so/",
        f"{OLD}5 /tai-lieu/quy-che.pdf",
        f"{OLD}6 /tin-tuc/ngay-hoi-hoa-giai/#anh",
    ])
    assert found == [], [str(p) for p in found]


def test_missing_renamed_and_draft_targets_are_warnings(tmp_path: Path) -> None:
    found, problems = check(tmp_path, FILES, [
        f"{OLD}1 /tin-tuc/ngay-hoi-hoa-giai/",
        f"{OLD}2 /tin-tuc/bai-da-xoa/",
        f"{OLD}3 /tin-tuc/doi-ten/",
        f"{OLD}4 /tin-tuc/bai-nhap/",
        "một dòng hỏng",
    ])
    assert not problems.errors  # the map serves the old host: never blocks a publication
    by_line = {p.line: p for p in found}
    assert sorted(by_line) == [3, 4, 5, 6]
    deleted, renamed, draft, broken = by_line[3], by_line[4], by_line[5], by_line[6]
    assert str(deleted).startswith(f"{MAP}:3: cảnh báo: địa chỉ cũ {OLD}2 chuyển tới /tin-tuc/bai-da-xoa/, "
                                   "nhưng không còn trang nào ở địa chỉ đó")
    assert "sửa địa chỉ mới trên dòng 3 thành địa chỉ hiện nay của bài" in deleted.fix
    assert renamed.fix == "trang đó có lẽ nay ở /tin-tuc/slug-moi/: sửa địa chỉ mới trên dòng 4 thành /tin-tuc/slug-moi/"
    assert "còn là bản nháp" in draft.message and "tin-tuc/nhap.md" in draft.message
    assert "xóa dòng `draft: true` trong tin-tuc/nhap.md" in draft.fix
    assert "dòng có 3 phần, không phải 2" in broken.message


def test_no_map_no_word(tmp_path: Path) -> None:
    found, problems = check(tmp_path, FILES, None)
    assert found == [] and not problems.items


def test_a_map_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu bí mật /x/\n", encoding="utf-8")
    (tmp_path / "redirects").mkdir()
    (tmp_path / MAP).symlink_to(secret)
    found, _ = check(tmp_path, FILES, None)
    assert len(found) == 1 and "không đọc được bảng chuyển hướng" in found[0].message
    assert "mật khẩu" not in str(found[0])


def test_bantin_check_prints_them(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"tin-tuc/ngay-hoi.md": article("Ngày hội hòa giải", slug="ngay-hoi")})
    (root / "redirects").mkdir()
    (root / MAP).write_text(f"{OLD}1 /tin-tuc/ngay-hoi/\n{OLD}2 /tin-tuc/ngay-hoi-cu/\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "check"], cwd=root, capture_output=True,
                          text=True, env=os.environ)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{MAP}:2: cảnh báo: địa chỉ cũ {OLD}2 chuyển tới /tin-tuc/ngay-hoi-cu/" in done.stdout
    assert f"{MAP}:1:" not in done.stdout


def test_bantin_redirects_follows_the_pages_addresses(tmp_path: Path, capsys) -> None:
    """`bantin redirects` finds a target's page by its address (`slug:`, else its title), so a
    renamed file keeps its redirect and a target no page has any more is left out, said why."""
    from bantin.cli.importer import main_redirects

    content = tmp_path / "content"
    (content / "tin-tuc").mkdir(parents=True)
    (content / "tin-tuc" / "ten-tep-moi.md").write_text(article("Ngày hội hòa giải", slug="ngay-hoi"), encoding="utf-8")
    (content / "tin-tuc" / "khong-slug.md").write_text(article("Tập huấn hòa giải viên"), encoding="utf-8")
    (tmp_path / "map").write_text(f"{OLD}1 /tin-tuc/ngay-hoi/\n{OLD}2 /tin-tuc/tap-huan-hoa-giai-vien/\n"
                                  f"{OLD}3 /tin-tuc/khong-slug/\n{OLD}4 /trang/gioi-thieu/\n", encoding="utf-8")
    assert main_redirects(["--redirect-map", str(tmp_path / "map"), "--content-dir", str(content)]) == 0
    out, err = capsys.readouterr()
    assert "/tin-tuc/ngay-hoi/;" in out and "/tin-tuc/tap-huan-hoa-giai-vien/;" in out
    assert "/trang/gioi-thieu/;" in out  # no such folder here: not ours to judge
    assert "/tin-tuc/khong-slug/" not in out
    assert f"bỏ qua {OLD}3 → /tin-tuc/khong-slug/: không còn bài nào ở địa chỉ này" in err


def test_bantin_redirects_sends_to_the_pages_under_the_sites_path(tmp_path: Path, capsys) -> None:
    """A site at `https://stp.songlam.gov.vn/ban-tin/`: the map's targets are paths on the site
    (`/tin-tuc/a/`), so the rules put the path of `site_url` before them; sent as written they
    led to the portal's root, where no page is (session 36). A `--target-base` on the site's
    host without that path is refused, naming `site_url`'s line; one with it, or another
    host, is taken as given."""
    from sitekit import set_site_url

    from bantin.cli.importer import main_redirects

    root = set_site_url(write_site(tmp_path / "trang", {"tin-tuc/a.md": article("Ngày hội", slug="ngay-hoi")}),
                        "https://stp.songlam.gov.vn/ban-tin/")
    (root / "redirects").mkdir()
    (root / MAP).write_text(f"{OLD}1 /tin-tuc/ngay-hoi/\n", encoding="utf-8")
    config = str(root / "mkdocs.yml")
    assert main_redirects(["--nginx"], config_file=config) == 0
    out = capsys.readouterr().out
    assert '"~*^/tin-tuc/chi-tiet\\.html\\?(?=(?:.*&)?id=1(?:&|$))" /ban-tin/tin-tuc/ngay-hoi/;' in out, out
    assert "được ghép sau /ban-tin (trang mới ở /ban-tin/)" in out
    assert main_redirects(["--apache"], config_file=config) == 0
    assert "RewriteRule ^/?tin-tuc/chi-tiet\\.html$ /ban-tin/tin-tuc/ngay-hoi/? [NC,NE,R=301,L]" in capsys.readouterr().out
    for base in ("https://stp.songlam.gov.vn", "https://STP.songlam.gov.vn/bantin/"):
        assert main_redirects(["--target-base", base], config_file=config) == 1
        out, err = capsys.readouterr()
        assert out == "" and "`--target-base https://stp.songlam.gov.vn/ban-tin`" in err.replace("STP", "stp"), err
        assert "mkdocs.yml:" in err and "site_url" in err
    for base in ("https://stp.songlam.gov.vn/ban-tin/", "https://bantin.songlam.gov.vn"):
        assert main_redirects(["--target-base", base], config_file=config) == 0
        assert f" {base.rstrip('/')}/tin-tuc/ngay-hoi/;" in capsys.readouterr().out
    # Letters and signs of a path are an address in the rules, never configuration.
    set_site_url(root, "https://stp.songlam.gov.vn/bản tin;'{x}/")
    assert main_redirects(["--nginx"], config_file=config) == 0
    assert " /b%E1%BA%A3n%20tin%3B%27%7Bx%7D/tin-tuc/ngay-hoi/;" in capsys.readouterr().out
    set_site_url(root, "https://stp.songlam.gov.vn/")
    assert main_redirects(["--nginx"], config_file=config) == 0
    out = capsys.readouterr().out
    assert '" /tin-tuc/ngay-hoi/;' in out and "ghép sau" not in out
