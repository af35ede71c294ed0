"""Throwaway sites for end-to-end tests: write a few content files, build with --strict.

Mirrors how mkdocs' own tests build small sites; every fixture site uses the project's
real theme and plugin, so the tests exercise exactly what editors get.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

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
        "theme": {"name": "material", "custom_dir": str(ROOT / "theme"), "language": "vi", "font": False},
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


def build(root: Path, *extra: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in root; returns the finished process (stdout+stderr in .stdout)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run([*MKDOCS, "build", "--strict", *extra], cwd=root, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"build failed ({done.returncode}):\n{done.stdout}")
    return done


def read(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")
