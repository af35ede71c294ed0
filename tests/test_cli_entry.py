"""The console script `bantin` (pyproject `bantin.cli:main`) and the one an editable install
made before issue 13 still has: both run `from bantin.cli import main; sys.exit(main())`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "import sys; {before}from bantin.cli import main; sys.exit(main(['--version']))"


@pytest.mark.parametrize("before", ["", "import bantin.cli.commands; ", "import bantin.cli.commands as m; m.main; "])
def test_old_and_new_console_script_run(before):
    """Fresh process: `main` is the package's function, whether or not the command module
    (cli/commands.py) was imported first."""
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(before=before)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "bantin 0.1.0" in done.stdout and "Traceback" not in done.stderr


def test_in_this_process(capsys):
    """Here bantin.cli.commands is already imported (other tests): `main` is still the function."""
    import bantin.cli.commands  # noqa: F401
    from bantin.cli import main

    assert main(["--version"]) == 0
    assert "bantin 0.1.0" in capsys.readouterr().out


def test_pyproject_points_at_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["bantin"] == "bantin.cli:main"
    assert project["project"]["entry-points"]["mkdocs.plugins"]["bantin"] == "bantin.adapter.plugin:BantinPlugin"


def test_python_dash_m_runs_the_command():
    """`python -m bantin.cli`, what tests and a venv without its scripts on PATH use."""
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "--version"], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0 and "bantin 0.1.0" in done.stdout, done.stderr


def test_importing_the_package_does_not_load_the_command_line():
    done = subprocess.run([sys.executable, "-c", "import sys, bantin.cli; print('bantin.cli.commands' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


# --- the global -f for every command (session 30, a province's migration trial) ----------------

SITE_YML = """site_name: Thử
docs_dir: noi-dung
theme: {name: material}
plugins:
  - bantin:
      urls:
        article: tin-tuc-su-kien
"""
ARTICLE = "---\ntitle: Tập huấn hòa giải viên\ndate: 2024-03-12\n---\nNội dung.\n"
SAVED = ("<html><head><title>Hội nghị triển khai luật</title></head><body><article><h1>Hội nghị triển khai luật</h1>"
         "<p>Ngày 12/03/2024</p>" + "<p>Sở Tư pháp tổ chức hội nghị triển khai luật mới trong toàn tỉnh.</p>" * 8
         + "</article></body></html>")


def _bantin(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run([sys.executable, "-m", "bantin.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _site_below(tmp_path: Path) -> Path:
    """A site in so-tu-phap/ whose content is in noi-dung/ and whose articles are at /tin-tuc-su-kien/."""
    site = tmp_path / "so-tu-phap"
    (site / "noi-dung" / "tin-tuc").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    (site / "noi-dung" / "tin-tuc" / "tap-huan.md").write_text(ARTICLE, encoding="utf-8")
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_text(
        "http://stp.example.gov.vn/tin.aspx?ItemID=1 /tin-tuc-su-kien/tap-huan-hoa-giai-vien/\n"
        "http://stp.example.gov.vn/tin.aspx?ItemID=2 /tin-tuc-su-kien/khong-co/\n", encoding="utf-8")
    return site


@pytest.mark.parametrize("option", [["-f", "so-tu-phap/mkdocs.yml"], ["--config-file=so-tu-phap/mkdocs.yml"]])
def test_redirects_reads_the_site_named_by_f(tmp_path, option):
    """From the folder above the site, `-f` printed nothing and exited 2 (`--nginx`: "không hiểu
    tham số"): the map beside that mkdocs.yml, its docs_dir and its `urls:` are used."""
    _site_below(tmp_path)
    done = _bantin(tmp_path, *option, "redirects", "--nginx")
    assert done.returncode == 0, done.stderr
    assert "/tin-tuc-su-kien/tap-huan-hoa-giai-vien/;" in done.stdout and "khong-co" not in done.stdout
    assert "ItemID=2" in done.stderr and "Traceback" not in done.stderr
    helped = _bantin(tmp_path, *option, "redirects", "--help")
    assert helped.returncode == 0 and "--apache" in helped.stdout and "--target-base" in helped.stdout


def test_import_writes_into_the_site_named_by_f(tmp_path):
    site = _site_below(tmp_path)
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html",
                   "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "noi-dung" / "tin-tuc" / "hoi-nghi-trien-khai-luat.md").is_file()
    assert "ItemID=3 /tin-tuc-su-kien/hoi-nghi-trien-khai-luat/" in (site / "redirects" / "old-host.map").read_text(
        encoding="utf-8")
    assert "`bantin -f so-tu-phap/mkdocs.yml redirects --nginx`" in done.stdout
    assert not (tmp_path / "content").exists() and not (tmp_path / "redirects").exists()
    assert "--category" in _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "--help").stdout


def test_a_missing_file_named_by_f_is_said_not_replaced(tmp_path):
    """`bantin -f sai/mkdocs.yml new …` wrote into ./content; import and redirects used the defaults."""
    for command in (["new", "article", "Bài thử"], ["ids"], ["redirects"], ["import", "bai.html"]):
        done = _bantin(tmp_path, "-f", "sai/mkdocs.yml", *command)
        assert done.returncode == 1 and "không có tệp cấu hình `sai/mkdocs.yml`" in done.stderr, (command, done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_f_before_init_is_refused_with_the_fix(tmp_path):
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "init", "moi")
    assert done.returncode == 2 and "`bantin init THƯ_MỤC`" in done.stderr and not (tmp_path / "moi").exists()


def test_a_docs_dir_this_reading_cannot_see_asks_for_content_dir(tmp_path):
    """`!ENV` or `INHERIT:` set docs_dir where import and redirects do not look: not guessed."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: !ENV [DOCS, noi-dung]\n", encoding="utf-8")
    done = _bantin(tmp_path, "redirects")
    assert done.returncode == 1 and done.stderr.startswith("mkdocs.yml:2: ") and "--content-dir" in done.stderr
