"""A province's `tai-lieu-ban-tin/` across upgrades (tools/docscopy.py, docsnotes.py; session 42).

A site made by an older Bản tin never learnt of the folder, and an upgrade left an existing one
at the old version (session 41's trial). `bantin check` now says so with the command, and
`bantin init --update-docs` replaces Bản tin's unedited files, keeps (and names) the ones the
province edited, and never writes outside the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bantin.cli.init import main_init
from bantin.tools import docscopy, docsnotes, sitedocs, starter

REQUIREMENT = "bantin @ git+https://git.example.vn/so/bantin@1a2b3c4\n"


def _site(tmp_path: Path, name: str = "s") -> Path:
    """A site as `init` writes it, with a requirement that installs Bản tin as a package."""
    root = tmp_path / name
    starter.create(root, starter.Answers(package=REQUIREMENT.strip(), version="bantin 0.1.0 (git 1a2b3c4)"))
    return root


def _docs() -> list[tuple[str, bytes]]:
    return docscopy.installed()


def _newer(documents: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """A later Bản tin's documents: hosting.md changed, one picture gone, a new page."""
    changed = [(p, d + "\nThêm.\n".encode() if p == "hosting.md" else d) for p, d in documents if p != "anh/editor-so-tay-390.png"]
    return changed + [("moi.md", "# Trang mới\n".encode())]


def test_init_lists_what_it_copied_and_the_copy_is_current(tmp_path):
    root = _site(tmp_path)
    version, listed = docscopy.read_manifest(root / sitedocs.FOLDER)
    assert version == "bantin 0.1.0 (git 1a2b3c4)"
    assert listed == {place: docscopy.digest(data) for place, data in _docs()}
    assert not docscopy.compare(root / sitedocs.FOLDER, _docs()).behind
    assert docsnotes.notes(root, root / "content") == []


def test_a_site_made_before_the_folder_is_told_the_command(tmp_path):
    root = _site(tmp_path)
    (root / "README.md").write_text("# Trang\n\nCấu hình máy chủ: tệp `docs/hosting.md` trong kho mã Bản tin.\n"
                                    "Hướng dẫn: <https://github.com/so/bantin/blob/abc/content/bien-tap/huong-dan-bien-tap.md>\n",
                                    encoding="utf-8")
    _remove(root / sitedocs.FOLDER)
    said = docsnotes.notes(root, root / "content")
    assert [(p.path, p.line) for p in said] == [("../tai-lieu-ban-tin/", 0), ("../README.md", 3), ("../README.md", 4)]
    assert all(p.severity == "cảnh báo" for p in said)
    assert "bantin init --update-docs" in said[0].fix and "tai-lieu-ban-tin/hosting.md" in said[1].fix
    assert "tai-lieu-ban-tin/huong-dan-bien-tap.md" in said[2].fix


def test_bantin_s_own_repository_and_a_site_without_a_package_line_are_not_told(tmp_path):
    root = _site(tmp_path)
    _remove(root / sitedocs.FOLDER)
    (root / "requirements.txt").write_text("# Bản tin itself\n-e .\n", encoding="utf-8")
    assert docsnotes.notes(root, root / "content") == []
    (root / "requirements.txt").write_text("bantin-tools==1.0\nbantinx\n", encoding="utf-8")  # another package
    assert docsnotes.notes(root, root / "content") == []
    for line in ("./vendor/bantin-0.1.0+20260501.g1a2b3c4-py3-none-any.whl", "bantin==0.1.0", "Bantin @ https://x.vn/b.whl"):
        (root / "requirements.txt").write_text(line + "\n", encoding="utf-8")
        assert docsnotes.notes(root, root / "content") != [], line


def test_update_brings_a_folder_from_the_list_to_a_later_bantin(tmp_path):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    (folder / "security.md").write_text("Ghi chú riêng của tỉnh.\n", encoding="utf-8")  # edited by the province
    (folder / "cua-tinh.md").write_text("Tệp riêng.\n", encoding="utf-8")  # never Bản tin's
    newer = _newer(_docs())
    state = docscopy.compare(folder, newer)
    assert (state.missing, state.outdated, state.edited, state.obsolete) == (
        ("moi.md",), ("hosting.md",), ("security.md",), ("anh/editor-so-tay-390.png",))
    done = docscopy.update(root, newer, "bantin 0.2.0")
    assert (done.added, done.replaced, done.removed, done.kept) == (
        ("moi.md",), ("hosting.md",), ("anh/editor-so-tay-390.png",), ("security.md",))
    assert (folder / "hosting.md").read_bytes() == dict(newer)["hosting.md"]
    assert (folder / "security.md").read_text(encoding="utf-8") == "Ghi chú riêng của tỉnh.\n"
    assert (folder / "cua-tinh.md").is_file() and not (folder / "anh/editor-so-tay-390.png").exists()
    again = docscopy.compare(folder, newer)
    assert not again.behind and again.edited == ("security.md",)  # still the province's, after the new list
    assert docscopy.update(root, newer, "bantin 0.2.0", overwrite=True).replaced == ("security.md",)
    assert (folder / "security.md").read_bytes() == dict(newer)["security.md"]


def test_a_folder_written_before_the_list_is_read_against_the_earlier_versions(tmp_path, monkeypatch):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    (folder / docscopy.MANIFEST).unlink()
    (folder / "hosting.md").write_bytes("# hosting of an earlier Bản tin\n".encode())
    (folder / "security.md").write_bytes(b"# edited\n")
    earlier = dict(docscopy.EARLIER)
    earlier["hosting.md"] = frozenset({docscopy.digest("# hosting of an earlier Bản tin\n".encode())[:16]})
    monkeypatch.setattr(docscopy, "EARLIER", earlier)
    said = docsnotes.notes(root, root / "content")
    assert len(said) == 1 and "1 tệp là bản của một Bản tin khác (hosting.md)" in said[0].message
    done = docscopy.update(root, _docs(), "bantin 0.2.0")
    assert done.replaced == ("hosting.md",) and done.kept == ("security.md",) and done.listed_anew
    assert "security.md" not in docscopy.read_manifest(folder)[1]  # unknown: stays the province's


def test_the_real_earlier_versions_are_known(tmp_path):
    """Every document of this Bản tin, as written by the sessions before the list (or now), is
    Bản tin's own when a folder has no list: the frozen table holds this version's files."""
    root = _site(tmp_path)
    (root / sitedocs.FOLDER / docscopy.MANIFEST).unlink()
    for place, data in _docs():
        if place in docscopy.EARLIER:
            # (the table is frozen at session 42: the guide, hosting.md and security.md changed since,
            # session 51 hosting.md, session 53 security.md)
            changed = (sitedocs.GUIDE, sitedocs.HOSTING, "security.md")
            assert docscopy.digest(data)[:16] in docscopy.EARLIER[place] or place in changed, place


def test_the_command_updates_says_what_it_kept_and_a_second_run_changes_nothing(tmp_path, capsys, monkeypatch):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    _remove(folder / "anh")
    (folder / "hosting.md").write_text("sửa tay\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main_init(["--update-docs"]) == 0
    out = capsys.readouterr().out
    pictures = len(list((Path(__file__).parents[1] / "content" / "bien-tap" / "anh").glob("*.png")))
    assert f"thêm {pictures} tệp: anh/editor-bai-moi-1280.png" in out and "giữ nguyên 1 tệp mà trang đã tự sửa" in out
    assert "hosting.md" in out and "--overwrite" in out and "git add -A tai-lieu-ban-tin" in out
    assert main_init(["--update-docs"]) == 0
    out = capsys.readouterr().out  # the kept file said again, and no "already the installed one's" beside it
    assert "giữ nguyên 1 tệp" in out and "các tệp khác đã là của Bản tin đang cài; không tệp nào được đổi" in out
    assert "không đổi gì" not in out


@pytest.mark.parametrize("argv, said", [
    (["--update-docs", "khong-co"], "không có mkdocs.yml"),
    (["--update-docs", "--agency", "X"], "không dùng với --update-docs"),
    (["--overwrite"], "--overwrite chỉ dùng với --update-docs"),
    ([], "thiếu THƯ_MỤC"),
])
def test_the_command_s_refusals_say_the_fix(tmp_path, capsys, monkeypatch, argv, said):
    monkeypatch.chdir(tmp_path)
    assert main_init(argv) in (1, 2)
    err = capsys.readouterr().err
    assert said in err and "Cách sửa" in err
    assert list(tmp_path.iterdir()) == []


def test_update_never_writes_or_removes_outside_the_folder(tmp_path):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    outside = tmp_path / "ngoai"
    outside.mkdir()
    picture = dict(_docs())["anh/editor-so-tay-390.png"]
    (outside / "editor-so-tay-390.png").write_bytes(picture)
    _remove(folder / "anh")
    (folder / "anh").symlink_to(outside)  # a linked sub-folder
    lines = (folder / docscopy.MANIFEST).read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_bytes((root / "mkdocs.yml").read_bytes())
    lines += f"{docscopy.digest((root / 'mkdocs.yml').read_bytes())}  ../mkdocs.yml\n"  # a hand-edited list
    (folder / docscopy.MANIFEST).write_text(lines, encoding="utf-8")
    state = docscopy.compare(folder, _newer(_docs()))
    assert "anh/editor-bai-moi-1280.png" in state.edited and not state.obsolete
    done = docscopy.update(root, _newer(_docs()), "v")
    assert (outside / "editor-so-tay-390.png").read_bytes() == picture and len(list(outside.iterdir())) == 1
    assert (root / "mkdocs.yml").is_file() and "anh/editor-bai-moi-1280.png" in done.kept
    with pytest.raises(docscopy.DocsError, match="liên kết tượng trưng"):
        docscopy.update(root, _newer(_docs()), "v", overwrite=True)
    assert len(list(outside.iterdir())) == 1


def test_a_linked_or_file_folder_is_refused(tmp_path):
    root = _site(tmp_path)
    _remove(root / sitedocs.FOLDER)
    (tmp_path / "khac").mkdir()
    (root / sitedocs.FOLDER).symlink_to(tmp_path / "khac")
    with pytest.raises(docscopy.DocsError, match="liên kết tượng trưng"):
        docscopy.update(root, _docs(), "v")
    assert list((tmp_path / "khac").iterdir()) == []


def test_an_update_killed_half_way_is_finished_by_running_it_again(tmp_path, monkeypatch):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    newer = _newer(_docs())
    (folder / ("moi.md" + docscopy._TEMP)).write_bytes(b"half")  # what a kill leaves
    real_write, calls = docscopy._write, []

    def dying(folder_, place, data):
        if len(calls) == 1:
            raise KeyboardInterrupt
        calls.append(place)
        real_write(folder_, place, data)

    monkeypatch.setattr(docscopy, "_write", dying)
    with pytest.raises(KeyboardInterrupt):
        docscopy.update(root, newer, "v2")
    monkeypatch.setattr(docscopy, "_write", real_write)
    done = docscopy.update(root, newer, "v2")
    assert not docscopy.compare(folder, newer).behind and done.kept == ()
    assert not list(folder.rglob("*" + docscopy._TEMP))


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
        return
    for child in sorted(path.rglob("*"), key=lambda p: -len(p.parts)):
        child.unlink() if child.is_file() or child.is_symlink() else child.rmdir()
    path.rmdir()


def test_check_reports_it_where_ci_shows_it(tmp_path, monkeypatch):
    """`bantin check`, which CI runs on every push, carries the warning (end to end)."""
    from bantin.cli.commands import main

    root = _site(tmp_path)
    _remove(root / sitedocs.FOLDER)
    monkeypatch.chdir(root)
    env_keys = [k for k in os.environ if k.startswith(("GITHUB_", "GITLAB_", "CI_"))]
    for key in env_keys:
        monkeypatch.delenv(key)
    import io
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check"])
    assert "tai-lieu-ban-tin/" in out.getvalue() and "bantin init --update-docs" in out.getvalue()


def test_the_global_f_with_update_docs_names_the_site_folder(tmp_path, capsys):
    from bantin.cli.commands import main

    assert main(["-f", "so tu phap/mkdocs.yml", "init", "--update-docs"]) == 2
    assert "`bantin init --update-docs 'so tu phap'`" in capsys.readouterr().err


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


@pytest.mark.parametrize("respelt", [_crlf, lambda d: b"\xef\xbb\xbf" + d, lambda d: b"\xef\xbb\xbf" + _crlf(d),
                                     lambda d: d.replace(b"\n", b"\r")], ids=["crlf", "bom", "bom-crlf", "cr"])
def test_line_ends_or_a_bom_are_not_the_province_s_edit(tmp_path, capsys, monkeypatch, respelt):
    """Windows, git's autocrlf or a web editor rewrite line ends (and may add a BOM) without anyone
    editing a word: the file is still Bản tin's copy, current or outdated, never «đã tự sửa»
    (a hostile review, session 42: such a province never got an update again)."""
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    for name in (sitedocs.GUIDE, "security.md", docscopy.MANIFEST):
        (folder / name).write_bytes(respelt((folder / name).read_bytes()))
    state = docscopy.compare(folder, _docs())
    assert state.edited == () and not state.behind  # current, as respelt
    monkeypatch.chdir(root)
    assert main_init(["--update-docs"]) == 0
    assert "không đổi gì" in capsys.readouterr().out
    newer = [(p, d + "\n## Mới\n".encode() if p == "security.md" else d) for p, d in _docs()]
    state = docscopy.compare(folder, newer)
    assert (state.outdated, state.edited) == (("security.md",), ())  # an older copy, respelt: updated
    assert docscopy.update(root, newer, "v2").replaced == ("security.md",)
    assert (folder / "security.md").read_bytes() == dict(newer)["security.md"]


def test_a_folder_before_the_list_with_crlf_is_read_against_the_earlier_versions(tmp_path, monkeypatch):
    root = _site(tmp_path)
    folder = root / sitedocs.FOLDER
    (folder / docscopy.MANIFEST).unlink()
    earlier_text = "# hosting of an earlier Bản tin\n".encode()
    (folder / "hosting.md").write_bytes(_crlf(earlier_text))
    monkeypatch.setattr(docscopy, "EARLIER", {**docscopy.EARLIER, "hosting.md": frozenset({docscopy.digest(earlier_text)[:16]})})
    assert docscopy.compare(folder, _docs()).outdated == ("hosting.md",)


def test_a_picture_is_compared_byte_for_byte(tmp_path):
    """A PNG whose CRLF bytes git rewrote is a broken picture, not Bản tin's copy."""
    root = _site(tmp_path)
    picture = root / sitedocs.FOLDER / "anh/editor-so-tay-390.png"
    data = picture.read_bytes()
    assert b"\r\n" in data  # every PNG's signature has one
    picture.write_bytes(data.replace(b"\r\n", b"\n"))
    assert docscopy.compare(root / sitedocs.FOLDER, _docs()).edited == ("anh/editor-so-tay-390.png",)


def test_a_copy_of_another_version_is_called_different_not_older(tmp_path, capsys, monkeypatch):
    """A folder another Bản tin wrote may be newer (a province that went back a version): check
    and the command say «khác» and «bản của Bản tin đang cài», never «cũ» nor «bản mới»."""
    root = _site(tmp_path)
    newer = _newer(_docs())
    docscopy.update(root, newer, "bantin 0.9.0 (git 9f9f9f9)")  # written by a later Bản tin, then downgraded
    said = docsnotes.notes(root, root / "content")
    assert len(said) == 1 and "khác tài liệu của Bản tin đang cài (thư mục ghi: bantin 0.9.0" in said[0].message
    assert "1 tệp là bản của một Bản tin khác (hosting.md)" in said[0].message
    (root / sitedocs.FOLDER / "security.md").write_text("sửa tay\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main_init(["--update-docs"]) == 0
    out = capsys.readouterr().out
    assert "thay bằng bản của Bản tin đang cài 1 tệp: hosting.md" in out and "Bản của Bản tin đang cài chưa vào" in out
    for problem in said:
        assert " cũ" not in problem.message + problem.fix, problem
    assert " cũ" not in out and "bản mới" not in out.lower()


OLD_README_LINES = [  # the starter's README before session 39 (git history before 070d8d9), each must be warned
    "     `docs/hosting.md` của kho Bản tin. Trang phải được dựng lại mỗi khi có bài mới: ví dụ một",
    "tệp `content/bien-tap/huong-dan-bien-tap.md` trong kho mã Bản tin (cùng phiên bản ghi trong `requirements.txt`). "
    "Hãy đọc hướng dẫn ở đó, đúng phiên bản Bản tin mà trang này cài. Hướng dẫn được viết",
    "     tệp `docs/hosting.md` trong kho https://git.example.vn/so/bantin (phiên bản `1a2b3c4`) (trang nằm dưới",
    "<https://github.com/so/bantin/blob/1a2b3c4/content/bien-tap/huong-dan-bien-tap.md>. Hãy đọc hướng dẫn ở đó,",
    "  (<https://gitlab.com/so/bantin/-/blob/1a2b3c4/docs/hosting.md>).",
    "     `docs/hosting.md` của kho Bản tin. Trang phải được dựng lại".replace("ả", "a\u0309"),  # saved on macOS (NFD)
    "Máy chủ: xem [hướng dẫn](https://git.example.vn/so/bantin/blob/main/docs/hosting.md) trong kho Bản tin.",
]
PROVINCE_README_LINES = [  # a province's own words about files of the same names: never warned
    "Hướng dẫn biên tập: [content/bien-tap/huong-dan-bien-tap.md](content/bien-tap/huong-dan-bien-tap.md) "
    "(Sở đã chép vào trang, xem tại /huong-dan-bien-tap/).",
    "Cấu hình máy chủ của Sở: `docs/hosting.md` trong kho này (tài liệu riêng của đơn vị).",
    "Quy chế an toàn thông tin nội bộ: docs/security.md.",
    "Xem <https://github.com/stp-songlam/trang-phap-luat/blob/main/docs/hosting.md> (kho của Sở).",
    "Cấu hình máy chủ web: [hướng dẫn](./tai-lieu-ban-tin/hosting.md) (trước đây là `docs/hosting.md` của kho Bản tin).",
    "(trước đây là docs/hosting.md trong kho Bản tin)",
    "Cấu hình máy chủ: [`docs/hosting.md`](docs/hosting.md), chép từ Bản tin và sửa cho máy chủ của Sở.",
]


@pytest.mark.parametrize("requirement", [REQUIREMENT, "bantin @ git+https://github.com/so/bantin.git@1a2b3c4\n",
                                         "bantin @ git+https://gitlab.com/so/bantin@1a2b3c4\n"])
def test_the_readme_warning_is_for_the_old_starter_s_forms_only(tmp_path, requirement):
    """The warning on README.md fires on the forms the starter wrote before session 39 (a mirror
    of Bản tin's repository, same name, included), not on a province's own lines that merely name
    `docs/hosting.md` or the guide's path (a hostile review, session 42: its copy of the guide in
    content/, its own docs/, its own repository's links)."""
    root = _site(tmp_path)
    (root / "requirements.txt").write_text(requirement, encoding="utf-8")
    (root / "README.md").write_bytes("\r\n".join(["# Trang", *PROVINCE_README_LINES, *OLD_README_LINES]).encode())
    said = docsnotes.readme_notes(root, root)
    first = 2 + len(PROVINCE_README_LINES)
    assert [p.line for p in said] == list(range(first, first + len(OLD_README_LINES)))
    assert "tai-lieu-ban-tin/huong-dan-bien-tap.md" in said[1].fix and "tai-lieu-ban-tin/hosting.md" in said[0].fix


def test_a_link_into_another_repository_is_the_province_s(tmp_path):
    root = _site(tmp_path)
    (root / "README.md").write_text("Xem <https://github.com/so/trang/blob/main/docs/hosting.md>.\n", encoding="utf-8")
    assert docsnotes.readme_notes(root, root) == []
    (root / "requirements.txt").write_text("./vendor/bantin-0.1.0-py3-none-any.whl\n", encoding="utf-8")
    assert docsnotes.readme_notes(root, root) == []


@pytest.mark.parametrize("requirement, line, warned", [
    # a province's own repository named like Bản tin's, under its own owner (a hostile review, session 43)
    ("bantin @ git+https://github.com/bantin-vn/bantin@v1.2\n",
     "Xem <https://github.com/stp-quangtri/bantin/blob/main/docs/hosting.md> (cấu hình máy chủ của tỉnh).", False),
    ("bantin @ git+https://github.com/bantin-vn/bantin@v1.2\n",
     "<https://github.com/bantin-vn/bantin/blob/v1.2/docs/hosting.md>", True),
    ("bantin @ git+https://git.tinh.gov.vn/bantin-vn/bantin.git@v1.2\n",  # a mirror: the same owner and name
     "<https://github.com/bantin-vn/bantin/blob/v1.2/docs/hosting.md>", True),
    # the wheel route names no repository: the old starter's link to Bản tin's is still the old form
    ("bantin==1.3\n", "<https://github.com/bantin-vn/bantin/blob/v1.2/docs/hosting.md>", True),
    ("./vendor/bantin-1.3-py3-none-any.whl\n", "<https://gitlab.com/so/BanTin/-/blob/v1.2/docs/hosting.md>", True),
    ("bantin==1.3\n", "<https://github.com/stp/trang-phap-luat/blob/main/docs/hosting.md>", False),
])
def test_whose_repository_a_readme_link_is_in(tmp_path, requirement, line, warned):
    root = _site(tmp_path)
    (root / "requirements.txt").write_text(requirement, encoding="utf-8")
    (root / "README.md").write_text(f"# Trang\n{line}\n", encoding="utf-8")
    assert [p.line for p in docsnotes.readme_notes(root, root)] == ([2] if warned else [])
