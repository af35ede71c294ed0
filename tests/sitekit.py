"""Throwaway sites for end-to-end tests: write a few content files, build with --strict.

Mirrors how mkdocs' own tests build small sites; every fixture site uses the project's
real theme and plugin, so the tests exercise exactly what editors get.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

import forkrun

ROOT = Path(__file__).resolve().parent.parent


def script_module(name: str):
    """scripts/<name>.py as a module (the scripts are not a package), registered under its name
    so its dataclasses and pickles resolve."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
MKDOCS = [sys.executable, "-m", "mkdocs"]
# A build that encodes every picture itself, taking nothing from the run's variant cache
# (conftest.py, site/imagecache.py): one side of each byte-identical comparison, so two real
# encodings are compared (the other side's may come from the cache, itself an encoding).
ENCODE = {"BANTIN_IMAGE_CACHE": ""}

CATEGORIES = [
    {"title": "Hòa giải ở cơ sở", "description": "Tổ hòa giải và hòa giải viên."},
    {"title": "Đất đai"},
    {"title": "Cải cách hành chính"},
]


def site_config(**plugin_options) -> dict:
    options = {"page_size": 20, "categories": CATEGORIES,
               "agency": {"name": "Sở Tư pháp tỉnh Thử", "editor": "Nguyễn Thị Biên Tập",
                          "phone": "0238 3 000 000", "email": "stp@example.org",
                          "notice": "Ghi rõ nguồn khi phát lại thông tin từ website này."}}
    options.update(plugin_options)
    return {
        "site_name": "Bản tin thử", "site_url": "https://bantin.example.org/",
        "docs_dir": "content", "strict": True,
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": [{"bantin": options}],
    }


def article(title: str, date: str = "2024-05-01", category: str = "hoa-giai-o-co-so",
            body: str = "Nội dung bài viết.", **fields) -> str:
    meta = {"title": title, "date": date, "category": category, **fields}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + textwrap.dedent(body)


def write_site(root: Path, files: dict[str, str | bytes], **plugin_options) -> Path:
    """Write mkdocs.yml and content/<path> files under root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(site_config(**plugin_options), allow_unicode=True), encoding="utf-8")
    for rel, data in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def set_site_url(root: Path, url: str) -> Path:
    """Give a fixture site a real-looking address: a publishing build (CI, `bantin build
    --publish`) refuses the placeholder https://bantin.example.org/ (config/siteurl.py)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = url
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


BROKEN_TEMPLATE = '{% extends "base.html" %}\n{% block content %}{{ page.content | khong_co }}{% endblock %}'


def override_template(root: Path, name: str, text: str) -> Path:
    """Give a fixture site a theme folder of its own (`custom_dir: overrides`) holding `name`."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def build(root: Path, *extra: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in root; returns the finished process (stdout+stderr in .stdout)."""
    fresh = env is not None and ENCODE.items() <= env.items()  # compared with a real process (forkrun.py)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = forkrun.run("mkdocs", ["build", "--strict", *extra], root, env, fresh=fresh)
    if check and done.returncode != 0:
        raise AssertionError(f"build failed ({done.returncode}):\n{done.stdout}")
    return done


def read(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


def run_bantin(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`bantin …` in root, as an editor runs it; stdout and stderr together in .stdout."""
    env = env or {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return forkrun.run("bantin.cli", list(args), root, env)


def shell_and_whole_builds(root: Path, out: Path, monkeypatch) -> tuple[list[Path], list[Path], list]:
    """The site built twice in each flavour, in one process: with pages filled into Material's
    shared shell (rendering.ShellCache) and with every page rendered whole. Returns
    (shell builds, whole builds, one entry per shell rendered) for byte comparisons."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from bantin.adapter import rendering

    filled = []
    real = rendering.ShellCache._capture

    def counting(self, *args):
        filled.append(1)
        return real(self, *args)

    def built(name, **options):
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(out / name), **options))
        return out / name

    monkeypatch.setenv("BANTIN_JOBS", "1")
    monkeypatch.setattr(rendering.ShellCache, "_capture", counting)
    shared = [built("shared"), built("shared-offline", use_directory_urls=False)]
    monkeypatch.setattr(rendering.ShellCache, "wanted", staticmethod(lambda page, nav: False))
    whole = [built("whole"), built("whole-offline", use_directory_urls=False)]
    return shared, whole, filled
