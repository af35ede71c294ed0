"""Re-importing after `urls: article:` changed, and old addresses the redirect map already
sends elsewhere: one thing said of each old address (a province's migration trial, session
30, left to session 31).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bantin.cli.importer import main_import

TODAY = date(2025, 1, 15)
HOST = "http://stp.songlam.gov.vn"
DNN = f"{HOST}/tin-tuc-su-kien/Default.aspx?tabid=123&ItemID=456"  # a DotNetNuke news item
PLAIN = f"{HOST}/tin-tuc/tap-huan-789.html"  # a page at a plain path (an alias on the new site)
FIRST = ("Sáng ngày 10/12, Sở Tư pháp tỉnh Sông Lam tổ chức hội nghị tổng kết công tác phổ biến, "
         "giáo dục pháp luật năm 2024 và triển khai nhiệm vụ năm 2025.")
LAST = ("Phát biểu tại hội nghị, Giám đốc Sở Tư pháp đề nghị các đơn vị tiếp tục phát huy những "
        "kết quả đạt được trong năm 2025.")
TITLE_A = "Hội nghị tổng kết công tác hòa giải năm 2024"
TITLE_B = "Tập huấn kỹ năng cho hòa giải viên cơ sở"
SLUG_A = "hoi-nghi-tong-ket-cong-tac-hoa-giai-nam-2024"
SLUG_B = "tap-huan-ky-nang-cho-hoa-giai-vien-co-so"


def saved(folder: Path, name: str, title: str | None, address: str | None, *links: str, first: str = FIRST) -> Path:
    """A saved portal page: one paragraph of text around each link (`<a …>…</a>` as written)."""
    head = f"<link rel='canonical' href='{address}'>" if address else ""
    head += f"<title>{title}</title>" if title else ""  # no title anywhere: a draft
    heading = f"<h1>{title}</h1>" if title else ""
    header = "<div class='header'>Cổng thông tin điện tử tỉnh Sông Lam</div>" if title else ""
    paragraphs = "".join(f"<p>Nội dung liên quan được trình bày trong {link} của Sở Tư pháp tỉnh.</p>"
                         for link in links)
    page = folder / name
    page.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body>{header}<div class='content'>"
                    f"{heading}<div class='date'>Ngày đăng: 12/12/2024</div><p>{first}</p>{paragraphs}"
                    f"<p>{LAST}</p><p>Minh Anh</p></div></body></html>", encoding="utf-8")
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "trang-cu").mkdir()
    return tmp_path


# --- 4. Re-importing after `urls: article:` changed ------------------------------------------------


def test_reimport_after_the_article_segment_changed_says_one_thing(site: Path, monkeypatch, capsys) -> None:
    """Imported under `article: tin-tuc-su-kien`, then `tin-tuc-sk` chosen, the article
    deleted and imported again: the map's line named the old segment, and the import said
    three things (kept the old line; the old server must redirect to the new address; the
    addresses were written). Now the line follows the article, and one line says so."""
    monkeypatch.chdir(site)
    config = site / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: content\nplugins:\n  - bantin:\n      urls:\n"
                      "        article: tin-tuc-su-kien\n", encoding="utf-8")
    page = saved(site / "trang-cu", "a.html", TITLE_A, DNN)
    assert main_import([str(page)]) == 0
    capsys.readouterr()
    config.write_text(config.read_text(encoding="utf-8").replace("tin-tuc-su-kien", "tin-tuc-sk"), encoding="utf-8")
    (site / "content" / "tin-tuc" / f"{SLUG_A}.md").unlink()
    assert main_import([str(page)]) == 0
    out, err = capsys.readouterr()
    about = [line for line in (out + err).splitlines() if "ItemID=456" in line]
    assert len(about) == 1, about
    assert f"/tin-tuc-sk/{SLUG_A}/" in about[0] and f"/tin-tuc-su-kien/{SLUG_A}/" in about[0]
    assert "đã sửa" in about[0] and "không đổi" not in about[0]
    lines = [l for l in (site / "redirects" / "old-host.map").read_text(encoding="utf-8").splitlines()
             if not l.startswith("#")]
    assert lines == [f"{DNN} /tin-tuc-sk/{SLUG_A}/"]


def test_a_real_conflict_in_the_map_is_said_once_and_not_contradicted(site: Path, monkeypatch, capsys) -> None:
    """An old address the map already sends to another article keeps its line: the conflict is
    the only thing said about it (no "the old server must redirect it to …" beside it, and no
    "written into the map" when nothing was)."""
    monkeypatch.chdir(site)
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_text(f"{DNN} /tin-tuc/bai-khac/\n", encoding="utf-8")
    assert main_import([str(saved(site / "trang-cu", "a.html", TITLE_A, DNN))]) == 0
    out, err = capsys.readouterr()
    about = [line for line in (out + err).splitlines() if "ItemID=456" in line]
    assert len(about) == 1 and "/tin-tuc/bai-khac/" in about[0], about
    assert "đã được ghi vào" not in out
