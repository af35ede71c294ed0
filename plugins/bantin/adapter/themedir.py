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

import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.structure.files import File, Files

from bantin.site import themeassets

THEME = str(Path(__file__).resolve().parents[1] / "theme")


def place(theme) -> None:
    """Insert our theme after the site's custom_dir (if any) in `theme.dirs`, once."""
    if THEME in theme.dirs:
        return
    position = 1 if theme.custom_dir and theme.dirs and theme.dirs[0] == theme.custom_dir else 0
    theme.dirs.insert(position, THEME)


MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}  # Material's default: from Google Fonts


def no_default_font(theme) -> None:
    """`font: false` where the site left Material's default, which every page would fetch
    from Google (DESIGN: nothing from any host but the site's own). A font the site names
    itself stays, and the build names it (contentpolicy.other_host_message)."""
    if theme.get("font") == MATERIAL_FONT:
        theme["font"] = False


def serve_lean(files: Files, config) -> themeassets.Served:
    """Our own stylesheets and scripts in MkDocs' file list replaced by what is served
    (site/themeassets.py: no comments, bantin-search.css inside bantin.css); the texts, and
    whether main.html must still link bantin-search.css. MkDocs has added the theme's files
    before `on_files`; only those it took from our package are replaced, never a site's
    custom_dir or content/ file of the same name."""
    ours = {}
    for rel in themeassets.OURS:
        found = files.get_file_from_path(rel)
        if found is not None and found.src_dir is not None and os.path.abspath(found.src_dir) == THEME:
            ours[rel] = found.content_string
    served = themeassets.served(ours)
    for rel, text in served.texts.items():
        files.remove(files.get_file_from_path(rel))
        files.append(File.generated(config, rel, content=text))
    return served


def versions(files: Files) -> dict[str, str]:
    """Path -> `themeassets.version` of what is served there, for each of our stylesheets and
    scripts (the site's own copy when it overrides one), after `serve_lean`."""
    return {rel: themeassets.version(file.content_bytes)
            for rel in themeassets.OURS if (file := files.get_file_from_path(rel)) is not None}


def inline_scripts(served: themeassets.Served) -> dict[str, Markup]:
    """`themeassets.inline_texts` as template values: script text, which HTML escaping would break."""
    return {rel: Markup(text) for rel, text in themeassets.inline_texts(served).items()}


def not_material(name: str | None) -> str:
    """Why a site whose `theme.name` is not Material cannot be built with our templates."""
    return (f"mkdocs.yml, mục theme → name: đang là {name!r}, nhưng giao diện Bản tin dựa trên Material. "
            "Cách sửa: viết 'theme: {name: material, language: vi}' (giao diện riêng của tỉnh đặt trong "
            "custom_dir, ghi đè từng mẫu).")
