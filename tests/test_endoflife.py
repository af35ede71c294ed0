"""Material's end of life, told to technical maintainers (the end of a successful CI build,
`bantin --version`), never to editors: a failed build's log is theirs, for their own errors."""

from __future__ import annotations

import io
import os
from datetime import date

from sitekit import article, run_bantin, set_site_url, write_site

from bantin.cli import commands as main, endoflife

MARK = "Ghi chú cho người quản trị kỹ thuật"
CI = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true"}
PUBLIC = "https://stp.songlam.gov.vn/"  # a CI build publishes: the placeholder address is refused (test_site_url.py)


def test_the_notice_names_the_date_and_the_plan_and_stays_calm_on_the_day():
    before = endoflife.notice(date(2026, 12, 1))
    assert "5/5/2027" in before and "docs/platform.md" in before and "còn 155 ngày" in before
    after = endoflife.notice(date(2027, 5, 5))
    assert "đã ngừng được bảo trì từ ngày 5/5/2027" in after and "docs/platform.md" in after
    assert "còn 155 ngày" not in after and "ngày)" not in after  # no countdown once the day has come
    for text in (before, after):
        assert text.startswith(MARK) and "biên tập viên không cần làm gì" in text
        assert "vẫn dựng và chạy bình thường" in text and "cập nhật Bản tin" in text
        assert "bảo mật" not in text and "không còn bản vá" not in text  # nothing to alarm an editor


def test_editors_machines_never_see_it(monkeypatch):
    for value in (None, "", "false", "0"):
        if value is None:
            monkeypatch.delenv("CI", raising=False)
        else:
            monkeypatch.setenv("CI", value)
        out = io.StringIO()
        endoflife.tell_maintainers(out)
        assert out.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    out = io.StringIO()
    endoflife.tell_maintainers(out)
    assert out.getvalue().startswith(MARK)


def test_version_lists_the_engines_and_the_notice(tmp_path):
    done = run_bantin(tmp_path, "--version")
    assert done.returncode == 0
    first, second = done.stdout.splitlines()[:2]
    assert first.startswith("bantin ") and "mkdocs " in first and "mkdocs-material " in first
    assert second.startswith(MARK) and "5/5/2027" in second


def test_a_successful_ci_build_ends_with_it_and_the_site_does_not_carry_it(tmp_path):
    root = set_site_url(write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")}), PUBLIC)
    built = run_bantin(root, "build", env=CI)
    assert built.returncode == 0 and MARK in built.stdout
    assert built.stdout.rstrip().splitlines()[-1].startswith(MARK)  # after the build, not before
    for path in (root / "site").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"docs/platform.md" not in data and MARK.encode() not in data, path


def test_a_failed_ci_build_shows_the_editors_errors_and_not_the_notice(tmp_path):
    root = set_site_url(write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một", date="không phải ngày")}),
                        PUBLIC)
    built = run_bantin(root, "build", env=CI)
    assert built.returncode == 1 and "tin-tuc/a.md" in built.stdout
    assert MARK not in built.stdout and "docs/platform.md" not in built.stdout


def test_check_new_and_ids_never_print_it_even_in_ci(tmp_path):
    root = write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")})
    for args in (("check",), ("new", "article", "Bài hai"), ("ids",)):
        done = run_bantin(root, *args, env=CI)
        assert done.returncode == 0, (args, done.stdout)
        assert MARK not in done.stdout and "docs/platform.md" not in done.stdout, args


def test_only_a_successful_build_calls_it(monkeypatch, capsys):
    """The dispatch itself, serve included (a real `bantin serve` never returns)."""
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(main, "_logging", lambda: None)
    for name in ("run_check", "run_serve", "run_new", "run_ids"):
        monkeypatch.setattr(main, name, lambda *args: 0)
    for argv in (["check"], ["serve"], ["new", "article", "Bài"], ["ids"]):
        assert main.main(argv) == 0
        assert MARK not in capsys.readouterr().err, argv
    for status, told in ((1, False), (2, False), (0, True)):
        monkeypatch.setattr(main, "atomic_build", lambda *args, status=status, **kwargs: status)
        assert main.main(["build"]) == status
        assert (MARK in capsys.readouterr().err) is told, status


def test_version_names_the_commit_pip_installed_from_git():
    """Every commit is 0.1.0 so far: the commit is what tells an administrator an upgrade took."""
    import json

    record = {"url": "https://git.example.org/bantin", "vcs_info": {"vcs": "git", "requested_revision": "v0.2.0",
                                                                    "commit_id": "9ed9377" + "0" * 33}}
    assert endoflife.origin(json.dumps(record)) == " (git 9ed9377, v0.2.0)"
    record["vcs_info"]["requested_revision"] = "9ed9377" + "0" * 33  # a commit asked: shown once
    assert endoflife.origin(json.dumps(record)) == " (git 9ed9377)"
    record["vcs_info"]["requested_revision"] = "v1\n<script>"  # odd text is left out
    assert endoflife.origin(json.dumps(record)) == " (git 9ed9377)"
    assert endoflife.origin(json.dumps({"url": "file:///tmp/bantin.whl", "archive_info": {}})) == ""
    assert endoflife.origin("not json") == "" and endoflife.origin("[]") == ""
