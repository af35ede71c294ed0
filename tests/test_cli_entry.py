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
