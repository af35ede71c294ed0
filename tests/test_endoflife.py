"""Material's end of life, told to maintainers (CI logs, `bantin --version`), never to editors."""

from __future__ import annotations

import io
import os
from datetime import date

from sitekit import article, run_bantin, write_site

from bantin.cli import endoflife

MARK = "Ghi chú cho người bảo trì"


def test_the_notice_names_the_date_and_the_plan_and_changes_on_the_day():
    before = endoflife.notice(date(2026, 12, 1))
    assert "5/5/2027" in before and "docs/platform.md" in before and "còn 155 ngày" in before
    after = endoflife.notice(date(2027, 5, 5))
    assert "đã ngừng được bảo trì từ ngày 5/5/2027" in after and "bản vá bảo mật" in after
    assert "ngày, đến đó" not in after  # no countdown once the day has come


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


def test_ci_build_logs_carry_it_and_check_and_the_site_do_not(tmp_path):
    root = write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true"}
    built = run_bantin(root, "build", env=env)
    assert built.returncode == 0 and MARK in built.stdout
    checked = run_bantin(root, "check", env=env)
    assert checked.returncode == 0 and MARK not in checked.stdout
    for path in (root / "site").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"docs/platform.md" not in data and MARK.encode() not in data, path
