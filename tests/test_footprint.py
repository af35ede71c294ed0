"""The built site's size against the free hosts' limits (outputs/footprint.py): a province that
imports a whole portal learns it before a deployment fails in English (session 18)."""

from __future__ import annotations

import os

from sitekit import article, run_bantin, write_site

from bantin.outputs import footprint


def test_measure_counts_files_and_bytes_and_never_follows_a_link(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.html").write_bytes(b"x" * 1000)
    (tmp_path / "y.js").write_bytes(b"y" * 24)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "big").write_bytes(b"z" * 5000)
    os.symlink(outside, tmp_path / "link")
    os.symlink(outside / "big", tmp_path / "big-link")
    assert footprint.measure(tmp_path) == (2, 1024)


def test_the_limits_named_are_those_passed():
    assert footprint.over_limits(19_999, 999_000_000) == []
    assert footprint.over_limits(20_001, 10) == ["Cloudflare Pages (gói miễn phí) nhận tối đa 20 000 tệp"]
    assert footprint.over_limits(42_792, 1_200_000_000) == [
        "GitHub Pages và GitLab Pages (gitlab.com) nhận trang tối đa 1 GB",
        "Cloudflare Pages (gói miễn phí) nhận tối đa 20 000 tệp"]
    assert footprint.summary(42_792, 1_234_567_890) == "42 792 tệp, 1 234,6 MB"


def test_a_build_ends_with_the_sites_size(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Bài một")})
    done = run_bantin(root, "build", env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""})
    assert done.returncode == 0, done.stdout
    files, size = footprint.measure(root / "site")
    assert f"({footprint.summary(files, size)})" in done.stdout and "lưu ý" not in done.stdout
