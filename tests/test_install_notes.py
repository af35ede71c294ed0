"""pip before 23.3 prints "lxml … does not provide the extra 'html_clean'" on every install of
Bản tin (jusText asks for `lxml[html_clean]`, lxml calls it `html-clean`; a province's trial,
session 41). No pin of ours removes it; the install steps upgrade pip first, and both READMEs
say what the line means (session 42). The package the extra stands for is ours to name."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READMES = [ROOT / "README.md", ROOT / "plugins/bantin/starter/README.md"]


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.parent.name)
def test_every_new_environment_upgrades_pip_before_it_installs(readme):
    blocks = [b for b in _shell_blocks(readme.read_text(encoding="utf-8")) if "-m venv" in b]
    assert blocks
    for block in blocks:
        lines = [line.strip() for line in block.splitlines()]
        upgrade = next(i for i, line in enumerate(lines) if "-m pip install" in line and "--upgrade pip" in line)
        first_install = next(i for i, line in enumerate(lines) if "pip install" in line and "--upgrade pip" not in line)
        assert upgrade < first_install, block


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.parent.name)
def test_the_warning_is_explained_where_the_it_person_reads(readme):
    text = readme.read_text(encoding="utf-8")
    assert "does not provide the extra 'html_clean'" in text and "vô hại" in text and "23.3" in text


def test_the_cleaner_the_extra_stands_for_is_named_and_imports():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.startswith("lxml_html_clean==") for d in dependencies)
    import justext  # imports lxml.html.clean, which lxml 6 left to lxml_html_clean

    assert justext.justext("<p>Một đoạn văn.</p>".encode(), justext.get_stoplist("English")) is not None
