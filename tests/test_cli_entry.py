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


@pytest.mark.parametrize("before", ["", "import bantin.cli.main; ", "import bantin.cli.main as m; m.main; "])
def test_old_and_new_console_script_run(before):
    """Fresh process: `main` is the package's function, or, once cli/main.py was imported
    (which rebinds the package's `main` to the module), the callable module."""
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(before=before)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "bantin 0.1.0" in done.stdout and "Traceback" not in done.stderr


def test_in_this_process(capsys):
    """Here bantin.cli.main is already imported (other tests): `main` is the callable module."""
    import bantin.cli.main  # noqa: F401
    from bantin.cli import main

    assert main(["--version"]) == 0
    assert "bantin 0.1.0" in capsys.readouterr().out


def test_pyproject_points_at_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["bantin"] == "bantin.cli:main"
    assert project["project"]["entry-points"]["mkdocs.plugins"]["bantin"] == "bantin.adapter.plugin:BantinPlugin"


def test_the_package_and_the_module_give_one_main():
    done = subprocess.run([sys.executable, "-c", "import bantin.cli as c; m = c.main; import bantin.cli.main as n; "
                           "print(m is n, m.atomic_build is n.atomic_build)"], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_importing_the_package_does_not_load_the_command_line():
    done = subprocess.run([sys.executable, "-c", "import sys, bantin.cli; print('bantin.cli.main' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
