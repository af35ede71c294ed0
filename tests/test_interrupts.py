"""Ctrl-C held back while a page or a file is written (session 34, `files/interrupts.py`).

A real SIGINT is sent to this process at the moment the test wants (inside `mkstemp`, while
a page's picture is copied, while a question is written): Python runs its handler there, as
for a Ctrl-C typed in the terminal. Before, a Ctrl-C inside `mkstemp` left a hidden file beside
the handbook, and one while a page's picture was copied left the picture without its article.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
from pathlib import Path

import pytest

from bantin.cli.importer import main_import
from bantin.files import interrupts
from bantin.files.replace import replace_file
from bantin.tools.importer import handbook as handbook_module
from bantin.tools.importer import images as images_module
from bantin.tools.importer.redirectmap import read_redirect_map
from test_importer_handbook import site  # noqa: F401 (the fixture)
from test_importer_images import jpeg
from test_importer_interrupted import HOST, articles, handbook_questions, mapped, questions


def ctrl_c() -> None:
    """What typing Ctrl-C in the terminal does to this process."""
    os.kill(os.getpid(), signal.SIGINT)


@pytest.fixture(autouse=True)
def python_s_own_handler():
    """Python's SIGINT handler (KeyboardInterrupt), whatever the test runner set."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.is_file())


# --- the primitives --------------------------------------------------------------------------------------------


def test_held_gives_the_ctrl_c_back_when_its_block_ends() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts.held():
            ctrl_c()
            steps.append("after the Ctrl-C, inside")
    assert steps == ["after the Ctrl-C, inside"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_nested_blocks_hold_until_the_outermost_ends() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts.held():
            with interrupts.held():
                ctrl_c()
            steps.append("the inner block ended, still held")
    assert steps == ["the inner block ended, still held"]


def test_a_block_without_ctrl_c_raises_nothing_and_an_ignored_one_stays_ignored() -> None:
    with interrupts.held():
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with interrupts.held():
        ctrl_c()
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_a_page_turn_stops_at_once_before_its_writes_and_after_them_once_they_began() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts.page_turn():
            ctrl_c()
            steps.append("read on after a Ctrl-C before any write")
    assert steps == []
    with pytest.raises(KeyboardInterrupt):
        with interrupts.page_turn():
            interrupts.hold_from_here()
            ctrl_c()
            steps.append("wrote on")
    assert steps == ["wrote on"]
    interrupts.hold_from_here()  # no turn open: nothing held
    with pytest.raises(KeyboardInterrupt):
        ctrl_c()


def test_a_ctrl_c_inside_mkstemp_leaves_no_hidden_file_and_the_file_whole(tmp_path: Path, monkeypatch) -> None:
    """Session 33's once-in-18: `mkstemp` had made the file when the KeyboardInterrupt came."""
    path = tmp_path / "so-tay.md"
    path.write_text("cũ\n", encoding="utf-8")
    real = tempfile.mkstemp

    def made_then_interrupted(*args, **kwargs):
        made = real(*args, **kwargs)
        ctrl_c()
        return made

    monkeypatch.setattr(tempfile, "mkstemp", made_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_file(path, "mới\n".encode("utf-8"), 0o644)
    assert path.read_text(encoding="utf-8") == "mới\n" and hidden_files(tmp_path) == []


# --- the importer ----------------------------------------------------------------------------------------------


def interrupted_at(monkeypatch, module, name: str, call: int) -> None:
    """`module.name` sends a Ctrl-C at the start of its `call`-th call, then does its work."""
    real, calls = getattr(module, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            ctrl_c()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def test_a_ctrl_c_while_a_question_is_written_stops_after_it_and_its_map_line(site: Path, monkeypatch,
                                                                                capsys) -> None:
    pages = questions(site / "trang-cu", 4)
    args = [*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]
    interrupted_at(monkeypatch, handbook_module, "replace_file", 2)  # the third question's write
    assert main_import(args) == 130
    assert "đã dừng giữa chừng (Ctrl+C)" in capsys.readouterr().err
    assert len(handbook_questions(site)) == 3  # the third written whole, the fourth not started
    assert sorted(mapped(site)) == [f"{HOST}/Pages/hoi-dap.aspx?ItemID={1000 + n}" for n in range(3)]
    assert hidden_files(site / "content") == []
    assert main_import(args) == 0  # the same command carries on (the wrapper sends no second Ctrl-C)
    assert capsys.readouterr().out.splitlines()[-1] == ("1 tệp đã nhập, 3 tệp đã nhập từ trước nên bỏ qua, "
                                                        "0 tệp không nhập được")


def test_a_ctrl_c_while_reading_a_question_writes_nothing_of_it(site: Path, monkeypatch) -> None:
    pages = questions(site / "trang-cu", 3)
    interrupted_at(monkeypatch, handbook_module, "_analyse", 2)
    assert main_import([*(str(p) for p in pages), "--handbook", "hd", "--handbook-title", "Hỏi đáp",
                        "--category", "pbgdpl"]) == 130
    assert len(handbook_questions(site)) == 1 and len(mapped(site)) == 1


def with_picture(page: Path, n: int) -> None:
    """The saved article `page` shows a picture saved beside it."""
    folder = page.parent / f"{page.stem}_files"
    folder.mkdir()
    (folder / "anh.jpg").write_bytes(jpeg((20 * n % 255, 90, 40)))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</div></body>", f"<p><img src='{folder.name}/anh.jpg' alt='Hội nghị số {n}'>"
                                 "</p></div></body>"), encoding="utf-8")


def test_a_ctrl_c_while_a_picture_is_copied_writes_its_article_first(site: Path, monkeypatch) -> None:
    """Held inside `write_new` alone, the Ctrl-C came out after the picture was copied and
    before its article was written: a picture no article shows (session 33's attempt)."""
    pages = articles(site / "trang-cu", 3)
    for n, page in enumerate(pages):
        with_picture(page, n)
    interrupted_at(monkeypatch, images_module, "write_new", 2)  # the second article's picture
    assert main_import([*(str(p) for p in pages), "--category", "pbgdpl"]) == 130
    written = sorted((site / "content" / "tin-tuc").glob("*.md"))
    shown = {name for path in written for name in
             re.findall(r"\(\.\./images/([^)]+)\)", path.read_text(encoding="utf-8"))}
    pictures = {p.name for p in (site / "content" / "images").iterdir() if not p.name.startswith(".")}
    assert len(written) == 2 and shown == pictures and len(pictures) == 2
    assert len(read_redirect_map(site / "redirects" / "old-host.map")) == 2
    assert hidden_files(site / "content") == []
