"""Build step of the `bantin` package (pyproject.toml, `[tool.setuptools.cmdclass]`): copies
Bản tin's own documents (bantin/tools/sitedocs.py) into the package being built, so every
wheel, whether made by scripts/dist.py or by `pip install git+…`, carries the editors' guide
and the hosting pages that `bantin init` writes into a new site. Not part of the package.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools.command.build_py import build_py as _build_py

ROOT = Path(__file__).resolve().parents[1]


def _sitedocs():
    """bantin/tools/sitedocs.py, loaded by its path: importing `bantin` would need its dependencies."""
    spec = importlib.util.spec_from_file_location("_bantin_sitedocs", ROOT / "plugins/bantin/tools/sitedocs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class build_py(_build_py):  # noqa: N801 (setuptools' command name)
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install runs from the checkout, where sitedocs.py reads the documents
        sitedocs = _sitedocs()
        for place, source in sitedocs.in_repository(ROOT):
            target = Path(self.build_lib) / "bantin" / sitedocs.PACKAGED / place
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))
