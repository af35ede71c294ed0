"""Our templates and assets on the engine's template path, from inside the installed package.

A province installs Bản tin (a wheel, or pip from a git URL) and writes only
`theme: {name: material, language: vi}` and `plugins: [bantin]`: the theme ships in the package
(`bantin/theme/`) and the plugin puts it on the path itself, so no site copies or forks it and
an upgrade is a `pip install -U` (issue 14). Order of precedence, first wins:

1. the site's own `custom_dir`, so a province can still override one template or partial;
2. our theme;
3. Material, then MkDocs' own templates (what `Theme` already holds).
"""

from __future__ import annotations

from pathlib import Path

THEME = str(Path(__file__).resolve().parents[1] / "theme")


def place(theme) -> None:
    """Insert our theme after the site's custom_dir (if any) in `theme.dirs`, once."""
    if THEME in theme.dirs:
        return
    position = 1 if theme.custom_dir and theme.dirs and theme.dirs[0] == theme.custom_dir else 0
    theme.dirs.insert(position, THEME)


def not_material(name: str | None) -> str:
    """Why a site whose `theme.name` is not Material cannot be built with our templates."""
    return (f"mkdocs.yml, mục theme → name: đang là {name!r}, nhưng giao diện Bản tin dựa trên Material. "
            "Cách sửa: viết 'theme: {name: material, language: vi}' (giao diện riêng của tỉnh đặt trong "
            "custom_dir, ghi đè từng mẫu).")
