"""A content folder MkDocs would refuse is refused before anything is read (session 32).

Review of session 32, H4: with `docs_dir:` the absolute path of the site's parent folder,
`bantin import --handbook` created `<parent>/hoi-dap/so-tay.md`, outside the site, where no
build reads it (MkDocs refuses that docs_dir); with `docs_dir: /` it read every `.md` on
the disk and ended in a FileNotFoundError traceback on /proc. Now `config/docsdir.py` holds
MkDocs 1.6's rules (DocsDir, SiteDir) and one more (never mkdocs.yml's folder or above),
and the refusal names mkdocs.yml's line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bantin.cli.importer import main_import, main_redirects
from bantin.tools.importer import handbookchoice, writing
from test_importer_handbook import MKDOCS, qa_page

ARGS = ["--handbook", "so-tay", "--handbook-title", "Hỏi đáp", "--category", "pbgdpl"]


@pytest.fixture
def nested(tmp_path: Path, monkeypatch) -> Path:
    """A site folder `outer/site` (mkdocs.yml, content/, a saved page), as the current folder."""
    site = tmp_path / "outer" / "site"
    (site / "content").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (site / "q.html").write_text(qa_page(), encoding="utf-8")
    monkeypatch.chdir(site)
    return site


def with_docs_dir(site: Path, value: str, extra: str = "") -> None:
    text = MKDOCS.replace("docs_dir: content\n", f"docs_dir: {value}\n{extra}")
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def nothing_read(monkeypatch) -> None:
    """Any reading of the content folder fails the test: the refusal comes first."""
    def read(*args, **kwargs):
        raise AssertionError("the content folder was read")
    monkeypatch.setattr(handbookchoice, "known_handbooks", read)
    monkeypatch.setattr(writing, "_prepare", read)


def mkdocs_refuses(site: Path, docs_dir: str, site_dir: str = "site") -> bool:
    """Does MkDocs 1.6 itself refuse this docs_dir (the rules mirrored)?"""
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=str(site / "mkdocs.yml"))
    config.load_dict({"site_name": "x", "docs_dir": docs_dir, "site_dir": site_dir})
    failed, _ = config.validate()
    return any(key in ("docs_dir", "site_dir") for key, _ in failed)


@pytest.mark.parametrize("written", ["ABS_PARENT", "..", "/", ".", "site/content", "up"])
def test_a_docs_dir_mkdocs_refuses_is_refused_with_its_line(written: str, nested: Path, capsys, monkeypatch) -> None:
    parent = nested.parent
    value = {"ABS_PARENT": str(parent)}.get(written, written)
    if written == "up":  # a link to the site's parent: the same folders, read through a link
        (nested / "up").symlink_to(parent, target_is_directory=True)
    if written == "site/content":
        (nested / "site" / "content").mkdir(parents=True)
    with_docs_dir(nested, value)
    before = files_under(parent)
    nothing_read(monkeypatch)
    for command in (lambda: main_import(["q.html", *ARGS]), lambda: main_redirects([])):
        code = command()
        out = capsys.readouterr()
        assert code == 1 and "Traceback" not in out.out + out.err
        assert out.err.startswith("mkdocs.yml:2: [docs_dir] lỗi: thư mục nội dung ")
        assert "MkDocs không dựng trang từ thư mục như vậy" in out.err
        assert "Cách sửa: ghi tên một thư mục con, cạnh mkdocs.yml, ví dụ `docs_dir: content`" in out.err
    assert files_under(parent) == before
    if written != "up":  # MkDocs compares the paths as written: a link is ours to see through
        assert mkdocs_refuses(nested, value)


def test_a_docs_dir_above_the_site_is_refused_even_with_site_dir_elsewhere(nested: Path, capsys, monkeypatch,
                                                                        tmp_path: Path) -> None:
    with_docs_dir(nested, str(nested.parent), f"site_dir: {tmp_path / 'www'}\n")
    nothing_read(monkeypatch)
    code = main_import(["q.html", *ARGS])
    err = capsys.readouterr().err
    assert code == 1 and f"chứa thư mục của trang {nested}" in err and "mkdocs.yml:2: [docs_dir]" in err


def test_a_content_dir_given_above_the_site_is_refused(nested: Path, capsys, monkeypatch) -> None:
    nothing_read(monkeypatch)
    code = main_import(["q.html", "--content-dir", "..", *ARGS])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("lỗi: --content-dir ..: thư mục nội dung ")
    assert "ví dụ `--content-dir content`" in err


def test_without_mkdocs_yml_the_current_folder_is_no_content_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "q.html").write_text(qa_page(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    nothing_read(monkeypatch)
    code = main_import(["q.html", "--content-dir", ".", *ARGS])
    err = capsys.readouterr().err
    assert code == 1 and "là chính thư mục của trang" in err and not (tmp_path / "hoi-dap").exists()


@pytest.mark.parametrize("where", ["inside", "beside"])
def test_a_docs_dir_mkdocs_builds_from_is_used(where: str, nested: Path, capsys) -> None:
    """Not over-eager: a content folder of another name, or one outside the site that does
    not hold it (MkDocs builds from both), is imported into."""
    folder = nested / "noi-dung" if where == "inside" else nested.parent / "noi-dung"
    folder.mkdir()
    with_docs_dir(nested, "noi-dung" if where == "inside" else str(folder))
    assert not mkdocs_refuses(nested, str(folder))
    code = main_import(["q.html", *ARGS])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert (folder / "hoi-dap" / "so-tay.md").is_file()
    assert os.listdir(nested / "content") == []
