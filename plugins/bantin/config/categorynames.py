"""The categories mkdocs.yml registers, for commands that run without a build.

`bantin import --category "Tin tức"` wrote `category: tin-tuc` for a site without that
category, and only the next build failed, once per imported file. The command now checks
the name first, against the plugin's `categories:` folded as the build folds them
(`build_categories`, `SiteConfig.find_category`: title or slug, any spelling that folds
to the same slug). mkdocs.yml is read as MkDocs reads it, without MkDocs (config/sitefile.py).
"""

from __future__ import annotations

from bantin.config.precheck import ConfigError
from bantin.config.settings import CONFIG_FILE, Category, build_categories
from bantin.config.sitefile import SiteFile, load
from bantin.problems import Problems

PLUGIN = ("plugins", "bantin")


def configured_categories(site: SiteFile | str | None = CONFIG_FILE,
                          problems: Problems | None = None) -> tuple[Category, ...] | None:
    """The registered categories; None when there is no readable mkdocs.yml with the
    `bantin` plugin (nothing to check against: the caller keeps the name as given). `site`:
    the file as loaded (config/sitefile.py: categories in an inherited base, titles from
    `!ENV`), or its name. A title or slug whose `!ENV` is unset is added to `problems`."""
    if isinstance(site, str):
        try:
            site = load(site)
        except ConfigError:
            return None
    if site is None or site.plugin("bantin") is None:
        return None
    entries = site.get(*PLUGIN, "categories")
    kept = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        for key in ("title", "slug"):
            unset = site.unset_problem((*PLUGIN, "categories", index, key), f"categories[{index + 1}].{key}",
                                       "Hòa giải ở cơ sở" if key == "title" else "hoa-giai")
            if unset is not None and problems is not None:
                problems.extend([unset])
        if isinstance(entry, dict):  # values of another type are the build's to report
            kept.append({k: v for k, v in entry.items() if k in ("title", "slug") and isinstance(v, str)})
    return build_categories(kept, Problems())  # a broken entry is the build's to report


def category_names(categories: tuple[Category, ...]) -> str:
    """'Title (slug)' of each category, for a message listing the valid names."""
    return "; ".join(f"{c.title} ({c.slug})" for c in categories)
