"""The categories mkdocs.yml registers, for commands that run without a build.

`bantin import --category "Tin tức"` wrote `category: tin-tuc` for a site without that
category, and only the next build failed, once per imported file. The command now checks
the name first, against the plugin's `categories:` folded as the build folds them
(`build_categories`, `SiteConfig.find_category`: title or slug, any spelling that folds
to the same slug). mkdocs.yml is read as written, without MkDocs (like `urlprefixes`).
"""

from __future__ import annotations

from bantin.config.precheck import ConfigError, compose, is_written, length_of, read_text, value_of
from bantin.config.settings import CONFIG_FILE, Category, build_categories
from bantin.problems import Problems

PLUGIN = ("plugins", "bantin")


def configured_categories(config_file: str = CONFIG_FILE) -> tuple[Category, ...] | None:
    """The registered categories; None when there is no readable mkdocs.yml with the
    `bantin` plugin (nothing to check against: the caller keeps the name as given)."""
    try:
        node = compose(config_file, read_text(config_file))
    except ConfigError:
        return None
    if not is_written(node, *PLUGIN):
        return None
    entries = []
    for index in range(length_of(node, *PLUGIN, "categories")):
        entry = {key: value_of(node, *PLUGIN, "categories", index, key) for key in ("title", "slug")}
        entries.append({k: v for k, v in entry.items() if v is not None})
    return build_categories(entries, Problems())  # a broken entry is the build's to report


def category_names(categories: tuple[Category, ...]) -> str:
    """'Title (slug)' of each category, for a message listing the valid names."""
    return "; ".join(f"{c.title} ({c.slug})" for c in categories)
