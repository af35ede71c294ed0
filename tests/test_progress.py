"""The import's progress line (cli/progress.py): on a terminal only, one line rewritten in
place, cleared before the report; called for each page of a run, failed pages too."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from bantin.cli.importer import main_import
from bantin.cli.progress import Progress
from bantin.tools.importer.handbook import import_questions
from bantin.tools.importer.handbookchoice import find_handbook
from bantin.tools.importer.writing import import_files


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_is_rewritten_in_place_and_cleared(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    screen = Terminal()
    progress = Progress(screen)
    progress("Đang nhập", 1, 1500, Path("trang-cu/hd00.html"))
    progress("Đang nhập", 2, 1500, Path("b.html"))
    assert screen.getvalue() == "\rĐang nhập 1/1500: trang-cu/hd00.html\rĐang nhập 2/1500: b.html" + " " * 12
    progress.clear()
    assert screen.getvalue().endswith("b.html" + " " * 12 + "\r" + " " * 24 + "\r")


def test_a_long_or_hostile_file_name_neither_wraps_nor_drives_the_terminal(monkeypatch):
    """A line longer than the terminal wraps, and `\\r` then goes back over the last row only:
    the screen filled with copies. A name is shown with its control characters written out."""
    monkeypatch.setenv("COLUMNS", "40")
    screen = Terminal()
    Progress(screen)("Đang đọc", 3, 9, Path("\x1b[2J\x1b]0;pwned\x07" + "x" * 80 + ".html"))
    line = screen.getvalue()
    assert "\x1b" not in line and "\x07" not in line and "\\x1b[2J" in line
    assert len(line) == 1 + 39 and line.endswith("…")


def test_nothing_is_written_where_nobody_watches_a_terminal():
    log = io.StringIO()
    progress = Progress(log)
    progress("Đang nhập", 1, 2, Path("a.html"))
    progress.clear()
    assert log.getvalue() == ""


def _pages(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"hd{i}.html"
        path.write_text(f"<html><head><meta charset='utf-8'><title>Câu hỏi số {i} về hòa giải là gì?</title></head>"
                        f"<body><h1>Câu hỏi số {i} về hòa giải là gì?</h1><p>Trả lời: hòa giải viên số {i} được "
                        "hưởng thù lao theo vụ việc, theo quy định của pháp luật về hòa giải ở cơ sở.</p></body></html>",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_each_page_of_a_run_is_told_failed_ones_too(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    pages = _pages(tmp_path / "cu", 2) + [tmp_path / "cu" / "khong-co.html"]
    told = []
    import_files(pages, content, today=date(2025, 1, 15), progress=lambda *a: told.append(a))
    assert told == [("Đang đọc", 1, 3, pages[0]), ("Đang đọc", 2, 3, pages[1]), ("Đang đọc", 3, 3, pages[2]),
                    ("Đang ghi", 1, 3, pages[0]), ("Đang ghi", 2, 3, pages[1])]  # the third was refused
    handbook, _ = find_handbook(content, "hd", title="Hỏi đáp", category="hoa-giai")
    told = []
    results = import_questions(pages, content, handbook, progress=lambda *a: told.append(a))
    assert told == [("Đang nhập", n, 3, page) for n, page in enumerate(pages, 1)]
    assert [bool(r.question) for r in results] == [True, True, False]


def test_the_report_of_a_run_in_a_log_has_no_progress_line(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    assert main_import([str(p) for p in _pages(tmp_path / "cu", 2)]) == 0
    out, err = capsys.readouterr()
    assert "Đang" not in out + err and "\r" not in out + err and "2 tệp đã nhập" in out


def test_a_terminal_too_narrow_for_a_useful_line_gets_none(monkeypatch):
    """In 10 columns every line wrapped and left a row behind (hostile review, session 33)."""
    monkeypatch.setenv("COLUMNS", "10")
    screen = Terminal()
    Progress(screen)("Đang nhập", 1, 9, Path("a.html"))
    assert screen.getvalue() == ""


def test_wide_characters_are_measured_in_columns(monkeypatch):
    """A name in Chinese takes two columns a character: counted as one, the line wrapped."""
    monkeypatch.setenv("COLUMNS", "40")
    screen = Terminal()
    Progress(screen)("Đang đọc", 1, 2, Path("法律问答" * 10 + ".html"))
    line = screen.getvalue()[1:]
    assert line.endswith("…") and 38 <= sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in line) <= 39


def test_the_width_is_the_terminal_s_written_to_not_standard_output_s(monkeypatch):
    """`bantin import … > bao-cao.txt` in a 50-column terminal: standard output is a file, whose
    size Python gives as 80, and the line wrapped."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    monkeypatch.delenv("COLUMNS", raising=False)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
    with os.fdopen(slave, "w", encoding="utf-8") as stream:
        Progress(stream)("Đang nhập", 1, 2, Path("x" * 200 + ".html"))
    shown = os.read(master, 4096).decode("utf-8")
    os.close(master)
    assert shown.startswith("\rĐang nhập 1/2: xxx") and len(shown) == 1 + 49


def test_ctrl_c_in_the_middle_says_what_was_kept_and_the_same_command_carries_on(tmp_path: Path, monkeypatch,
                                                                                capsys):
    """Ctrl-C while the second page was being written: a traceback, and nothing said of the
    first page, written and kept (hostile review, session 33)."""
    import bantin.cli.importer as cli

    class Interrupted(Progress):
        def __call__(self, what, done, total, path):
            if (what, done) == ("Đang ghi", 2):
                raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    pages = [str(p) for p in _pages(tmp_path / "cu", 3)]
    monkeypatch.setattr(cli, "Progress", Interrupted)
    try:
        code = main_import(pages)
    except KeyboardInterrupt:  # not raised out of the test: it would stop the whole run
        pytest.fail("Ctrl-C went out of `bantin import` as a traceback")
    assert code == 130
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "đã dừng giữa chừng (Ctrl+C): các trang đã nhập vẫn còn nguyên" in err
    assert len(list((tmp_path / "content" / "tin-tuc").glob("*.md"))) == 1
    monkeypatch.setattr(cli, "Progress", Progress)
    assert main_import(pages) == 0
    out, _ = capsys.readouterr()
    assert "2 tệp đã nhập, 1 tệp đã nhập từ trước nên bỏ qua" in out
    assert len(list((tmp_path / "content" / "tin-tuc").glob("*.md"))) == 3


def test_the_report_writes_out_a_file_name_s_control_characters(tmp_path: Path, monkeypatch, capsys):
    """A saved page named with a newline and an escape sequence turned the terminal red and
    split the report's line (hostile review, session 33): the report writes them out."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (page,) = _pages(tmp_path / "cu", 1)
    named = page.with_name("tên\nxuống-dòng-\x1b[31mđỏ.html")
    page.rename(named)
    assert main_import([str(named)]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "tên\\nxuống-dòng-\\x1b[31mđỏ.html: đã nhập thành bài" in out


def test_ctrl_c_while_the_report_is_printed_says_the_import_is_done(tmp_path: Path, monkeypatch, capsys):
    """The report into a pager not yet read (`| less`), then Ctrl-C: a traceback (second review,
    session 33). The import is done by then: said so."""
    import bantin.cli.importer as cli

    def interrupted(results):
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    monkeypatch.setattr(cli, "_count_line", interrupted)
    try:
        code = main_import([str(p) for p in _pages(tmp_path / "cu", 2)])
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C went out of `bantin import` as a traceback")
    assert code == 130 and "đã dừng khi đang in báo cáo (Ctrl+C): việc nhập đã xong" in capsys.readouterr().err


def test_a_report_piped_into_a_reader_that_stops_ends_quietly(tmp_path: Path):
    """`bantin import … | head -1`: once `head` has its line, Python's writes fail (BrokenPipeError)
    and ended in a traceback."""
    import os
    import subprocess
    import sys

    (tmp_path / "content").mkdir()
    pages = [p.name for p in _pages(tmp_path, 120)]
    plugins = Path(__file__).resolve().parents[1] / "plugins"
    command = [sys.executable, "-m", "bantin.cli", "import", "--content-dir", "content", *pages]
    run = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env={**os.environ, "PYTHONPATH": str(plugins)})
    first = run.stdout.readline()
    run.stdout.close()  # the reader stops after one line, as `head -1` does
    err = run.stderr.read().decode("utf-8")
    assert run.wait(timeout=120) == 1 and b"hd0.html" in first
    assert "Traceback" not in err and "BrokenPipe" not in err, err
