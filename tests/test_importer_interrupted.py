"""An import stopped midway (a kill, a Ctrl-C, a power cut) loses no redirect line (session 31).

The redirect map was written once, after the last page: a kill after 162 of 200 questions left
162 questions in the handbook and no map, and running the command again refused those 162 as
already imported without writing their lines, so their old addresses were never redirected and
nothing said so. Now each page's lines go into the map as soon as its file is written, and a
page refused as imported before adds the line the map still lacks towards its question or
article, and says so.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bantin
from bantin.cli.importer import main_import
from bantin.tools.importer.redirectmap import RedirectMap
from bantin.tools.importer import handbook as handbook_module
from bantin.tools.importer import writing
from bantin.tools.importer.redirectmap import read_redirect_map
from test_importer_handbook import qa_page, site  # noqa: F401 (site: the fixture)

HOST = "http://stp.songlam.gov.vn"
PLUGINS = Path(bantin.__file__).resolve().parents[1]  # the child runs the bantin this test imports


def questions(folder: Path, count: int) -> list[Path]:
    """`count` saved Q&A pages, each with its own `?ItemID=` address."""
    folder.mkdir(exist_ok=True)
    pages = []
    for n in range(count):
        body = (f"<p>Trả lời số {n}: hòa giải viên được hưởng thù lao theo vụ việc {n}, mức do Hội đồng nhân dân "
                f"tỉnh quy định.</p><p>Căn cứ Điều {n} Luật Hòa giải ở cơ sở.</p>")
        page = folder / f"q{n:03}.html"
        page.write_text(qa_page(f"Câu hỏi thứ {n} về thù lao của hòa giải viên?", body,
                                address=f"{HOST}/Pages/hoi-dap.aspx?ItemID={1000 + n}"), encoding="utf-8")
        pages.append(page)
    return pages


def articles(folder: Path, count: int) -> list[Path]:
    """`count` saved news pages, each with its own `?ItemID=` address."""
    folder.mkdir(exist_ok=True)
    pages = []
    for n in range(count):
        page = folder / f"tin{n:03}.html"
        page.write_text(
            f"<html><head><meta charset='utf-8'><title>Hội nghị hòa giải lần thứ {n}</title>"
            f"<link rel='canonical' href='{HOST}/Pages/tin-tuc.aspx?ItemID={2000 + n}'></head><body>"
            f"<div class='content'><h1>Hội nghị hòa giải lần thứ {n}</h1><div class='date'>Ngày đăng: 12/12/2024"
            f"</div><p>Sáng ngày 10/12, Sở Tư pháp tổ chức hội nghị số {n} về công tác hòa giải ở cơ sở.</p>"
            f"<p>Hội nghị đã đánh giá kết quả {n} năm thực hiện Luật Hòa giải ở cơ sở.</p></div></body></html>",
            encoding="utf-8")
        pages.append(page)
    return pages




def mapped(site: Path) -> dict[str, str]:
    path = site / "redirects" / "old-host.map"
    return dict(read_redirect_map(path)) if path.exists() else {}


def killed_midway(site: Path, args: list[str], written) -> None:
    """Run `bantin import` as its own process and SIGKILL it once `written()` says some pages
    are written: what a kill -9, a closed terminal or a power cut does (no handler runs)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGINS), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "bantin.cli", "import", *args], cwd=site, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not written() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the import ended before it could be killed midway"


def handbook_questions(site: Path) -> list[str]:
    path = site / "content" / "hoi-dap" / "hd.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [line.rsplit("{#", 1)[1].rstrip("}") for line in text.split("\n") if line.startswith("## ")]


def test_a_killed_handbook_import_loses_no_redirect_line(site: Path, capsys) -> None:
    pages = questions(site / "trang-cu", 80)
    args = [*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]
    killed_midway(site, args, lambda: len(handbook_questions(site)) >= 5)
    written = handbook_questions(site)
    assert 5 <= len(written) < len(pages)
    # Each question's line is in the map once the handbook holding it is written: at most the
    # question whose writing the kill fell between has none yet.
    assert len(mapped(site)) >= len(written) - 1
    code = main_import([*(str(p) for p in pages), "--handbook", "hd"])
    out = capsys.readouterr()
    # Run again, the pages written before are notes, not errors (session 32): exit 0, no «lỗi:».
    assert code == 0 and "Traceback" not in out.out + out.err and not out.err, out.err
    notes = [line for line in out.out.splitlines() if line.startswith("lưu ý: ") and "đã có trong sổ tay" in line]
    assert len(notes) == len(written)
    assert out.out.splitlines()[-1] == (f"{len(pages) - len(written)} tệp đã nhập, {len(written)} tệp đã nhập từ "
                                        "trước nên bỏ qua, 0 tệp không nhập được")
    lines = mapped(site)
    assert sorted(lines) == sorted(f"{HOST}/Pages/hoi-dap.aspx?ItemID={1000 + n}" for n in range(len(pages)))
    ids = handbook_questions(site)
    assert len(ids) == len(pages) and set(lines.values()) == {f"/hoi-dap/hd/{qid}/" for qid in ids}


def test_a_killed_article_import_loses_no_redirect_line(site: Path, capsys) -> None:
    pages = articles(site / "trang-cu", 120)
    folder = site / "content" / "tin-tuc"
    args = [*(str(p) for p in pages), "--category", "pbgdpl"]
    killed_midway(site, args, lambda: folder.is_dir() and any(folder.glob("*.md")))
    written = list(folder.glob("*.md"))
    assert 1 <= len(written) < len(pages)
    assert len(mapped(site)) >= len(written) - 1
    code = main_import(args)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and code == 0 and not out.err, out.err
    assert f", {len(written)} tệp đã nhập từ trước nên bỏ qua, 0 tệp không nhập được" in out.out.splitlines()[-1]
    lines = mapped(site)
    assert sorted(lines) == sorted(f"{HOST}/Pages/tin-tuc.aspx?ItemID={2000 + n}" for n in range(len(pages)))
    assert set(lines.values()) == {f"/tin-tuc/{path.stem}/" for path in folder.glob("*.md")}
    assert len(list(folder.glob("*.md"))) == len(pages)


def ctrl_c_at_the_third_write(monkeypatch, module) -> None:
    """`module._write` raises KeyboardInterrupt on its third call: two pages are written."""
    real, calls = module._write, []

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(module, "_write", interrupted)


def test_a_ctrl_c_after_two_questions_leaves_their_lines_in_the_map(site: Path, monkeypatch) -> None:
    pages = questions(site / "trang-cu", 5)
    ctrl_c_at_the_third_write(monkeypatch, handbook_module)
    assert main_import([*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                        "--category", "pbgdpl"]) == 130  # Ctrl-C: said, exit code 130 (session 33)
    assert sorted(mapped(site)) == [f"{HOST}/Pages/hoi-dap.aspx?ItemID={1000 + n}" for n in range(2)]


def test_a_ctrl_c_after_two_articles_leaves_their_lines_in_the_map(site: Path, monkeypatch) -> None:
    pages = articles(site / "trang-cu", 5)
    ctrl_c_at_the_third_write(monkeypatch, writing)
    assert main_import([*(str(p) for p in pages), "--category", "pbgdpl"]) == 130
    assert sorted(mapped(site)) == [f"{HOST}/Pages/tin-tuc.aspx?ItemID={2000 + n}" for n in range(2)]


def test_a_question_refused_as_imported_adds_its_missing_line_and_says_so(site: Path, capsys) -> None:
    [page] = questions(site / "trang-cu", 1)
    assert main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]) == 0
    [qid] = handbook_questions(site)
    old, new = f"{HOST}/Pages/hoi-dap.aspx?ItemID=1000", f"/hoi-dap/hd/{qid}/"
    (site / "redirects" / "old-host.map").unlink()  # as a kill before the map was written left it
    capsys.readouterr()
    assert main_import([str(page), "--handbook", "hd"]) == 0  # nothing left to fix: a note, not an error
    said = capsys.readouterr()
    assert not said.err and said.out.startswith(f"lưu ý: {page}: câu hỏi này đã có trong sổ tay hoi-dap/hd.md"), said
    assert f"đã thêm vào bảng chuyển hướng dòng `{old} {new}`" in said.out, said.out
    assert mapped(site) == {old: new}
    # Imported again with its line there: refused, and nothing more is said or written.
    before = (site / "redirects" / "old-host.map").read_bytes()
    assert main_import([str(page), "--handbook", "hd"]) == 0
    assert "bảng chuyển hướng" not in capsys.readouterr().out
    assert (site / "redirects" / "old-host.map").read_bytes() == before


def test_a_question_refused_in_a_draft_handbook_names_the_lines_for_publishing(site: Path, capsys) -> None:
    [page] = questions(site / "trang-cu", 1)
    assert main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]) == 0
    [qid] = handbook_questions(site)
    (site / "redirects" / "old-host.map").unlink()
    book = site / "content" / "hoi-dap" / "hd.md"
    book.write_text(book.read_text(encoding="utf-8").replace("---\n\n", "draft: true\n---\n\n", 1), encoding="utf-8")
    capsys.readouterr()
    assert main_import([str(page), "--handbook", "hd"]) == 0  # the lines a draft has none of: named, not failed
    out = capsys.readouterr().out
    assert f"`{HOST}/Pages/hoi-dap.aspx?ItemID=1000 /hoi-dap/hd/{qid}/`" in out and "bản nháp" in out, out
    assert not (site / "redirects" / "old-host.map").exists()


def test_an_article_refused_as_imported_adds_its_missing_line_and_says_so(site: Path, capsys) -> None:
    [page] = articles(site / "trang-cu", 1)
    assert main_import([str(page), "--category", "pbgdpl"]) == 0
    [article] = (site / "content" / "tin-tuc").glob("*.md")
    old, new = f"{HOST}/Pages/tin-tuc.aspx?ItemID=2000", f"/tin-tuc/{article.stem}/"
    assert mapped(site) == {old: new}
    (site / "redirects" / "old-host.map").unlink()
    capsys.readouterr()
    assert main_import([str(page), "--category", "pbgdpl"]) == 0
    out = capsys.readouterr().out
    assert f"lưu ý: {page}: trang này đã được nhập thành" in out
    assert f"đã thêm vào bảng chuyển hướng dòng `{old} {new}`" in out, out
    assert mapped(site) == {old: new}
    assert main_import([str(page), "--category", "pbgdpl"]) == 0
    assert "bảng chuyển hướng" not in capsys.readouterr().out
    # A draft article names the line to add on publishing, and writes none.
    (site / "redirects" / "old-host.map").unlink()
    article.write_text(article.read_text(encoding="utf-8").replace("---\n\n", "draft: true\n---\n\n", 1),
                       encoding="utf-8")
    assert main_import([str(page), "--category", "pbgdpl"]) == 0
    out = capsys.readouterr().out
    assert f"`{old} {new}`" in out and "bản nháp" in out and not (site / "redirects" / "old-host.map").exists()


def test_a_line_someone_else_wrote_meanwhile_is_kept_and_not_claimed(site: Path, capsys, monkeypatch) -> None:
    """The map changed between reading and writing (an editor, `git checkout`): the run's
    writer reads it again, keeps that line, and the refused page does not claim it added its
    own line towards the question when the map sends the address elsewhere."""
    [page] = questions(site / "trang-cu", 1)
    assert main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]) == 0
    old = f"{HOST}/Pages/hoi-dap.aspx?ItemID=1000"
    (site / "redirects" / "old-host.map").unlink()
    capsys.readouterr()
    real = RedirectMap.add

    def edited_meanwhile(self, pairs, *more):
        self.path.parent.mkdir(exist_ok=True)
        self.path.write_text(f"{old} /tin-tuc/bai-khac/\n", encoding="utf-8")
        return real(self, pairs, *more)

    monkeypatch.setattr(RedirectMap, "add", edited_meanwhile)
    assert main_import([str(page), "--handbook", "hd"]) == 1  # its old address leads elsewhere: still an error
    err = capsys.readouterr().err
    assert mapped(site) == {old: "/tin-tuc/bai-khac/"}
    assert "đã thêm vào bảng chuyển hướng" not in err and "không đổi sang" in err, err
    assert err.startswith(f"lỗi: {page}: "), err


def test_a_page_imported_before_whose_line_cannot_be_written_is_an_error(site: Path, capsys) -> None:
    """Refused as imported before is a note only when its map lines are there or were just
    added: a map that cannot be written leaves its old address leading nowhere, an error
    (exit 1) that names the lines to add. A real error beside notes still fails the run."""
    [page] = questions(site / "trang-cu", 1)
    assert main_import([str(page), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]) == 0
    (site / "redirects" / "old-host.map").unlink()
    (site / "redirects" / "old-host.map").mkdir()  # cannot be written
    capsys.readouterr()
    assert main_import([str(page), "--handbook", "hd"]) == 1
    said = capsys.readouterr()
    assert said.err.startswith(f"lỗi: {page}: câu hỏi này đã có") and "chưa ghi được bảng chuyển hướng" in said.err
    assert said.out.splitlines()[-1] == "0 tệp đã nhập, 1 tệp không nhập được"
    (site / "redirects" / "old-host.map").rmdir()
    broken = site / "trang-cu" / "hong.html"
    broken.write_bytes(b"%PDF-1.4 not a page")
    assert main_import([str(page), str(broken), "--handbook", "hd"]) == 1
    said = capsys.readouterr()
    assert said.err.startswith(f"lỗi: {broken}: ") and f"lưu ý: {page}: " in said.out, said
    assert said.out.splitlines()[-1] == "0 tệp đã nhập, 1 tệp đã nhập từ trước nên bỏ qua, 1 tệp không nhập được"


# Run in the child: the second article's bytes are half written when the process is SIGKILLed,
# whichever way the importer opens the file (`open`, or `os.fdopen`, which calls `io.open`).
_DIES_WRITING = """
import builtins, io, os, signal, sys
real = io.open
seen = []

class Dying:
    def __init__(self, handle):
        self.handle = handle
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def __getattr__(self, name):
        return getattr(self.handle, name)

def opening(file, mode="r", *args, **kwargs):
    handle = real(file, mode, *args, **kwargs)
    where = os.readlink(f"/proc/self/fd/{handle.fileno()}") if isinstance(file, int) else str(file)
    if any(m in mode for m in "wxa") and "tin-tuc" in where and ".map" not in where:
        seen.append(where)
        if len(seen) == 2:
            return Dying(handle)
    return handle

builtins.open = io.open = opening
from bantin.cli import main
sys.exit(main())
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd")
def test_a_kill_while_an_article_is_written_leaves_no_half_article(site: Path, capsys) -> None:
    """The article was opened under its name, then written: a kill in between (6 kills in 40
    in a trial of SIGKILLs at random moments) left an empty or half `.md`, which the next run
    took for another page and imported again as `…-2` beside it. Now it is written whole
    under a hidden name first and linked to its name, as images and new handbooks are."""
    pages = articles(site / "trang-cu", 3)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGINS), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _DIES_WRITING, "import", *(str(p) for p in pages), "--category",
                           "pbgdpl"], cwd=site, env=env, capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    folder = site / "content" / "tin-tuc"
    assert sorted(p.name for p in folder.glob("*.md")) == ["hoi-nghi-hoa-giai-lan-thu-0.md"]
    assert main_import([*(str(p) for p in pages), "--category", "pbgdpl"]) == 0  # the first: imported before
    assert sorted(p.name for p in folder.glob("*.md")) == [f"hoi-nghi-hoa-giai-lan-thu-{n}.md" for n in range(3)]
    assert len(mapped(site)) == 3
