"""MkDocs' objects → the plain inputs of site/build.py (issue 13).

The order of a build lives in `bantin.site.build`, which never sees MkDocs: the plugin
and the `bantin` command hand it what these functions make of MkDocs' configuration and
file list, and nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, set_exclusions

from bantin.adapter import themedir
from bantin.config import sitefile
from bantin.content.inventory import Inventory, take_inventory
from bantin.site.build import Inputs, Settings, SourceFile
from bantin.site.redirectmap import DEFAULT_REDIRECT_MAP


def instant_navigation(config: MkDocsConfig) -> bool:
    """Material's `navigation.instant`: pages are swapped into the first one, whose
    Content-Security-Policy then holds for scripts of pages it never saw (contentpolicy.py)."""
    return "navigation.instant" in (config.theme.get("features") or ())


def fetched_elsewhere(config: MkDocsConfig) -> tuple:
    """(theme font, analytics, {option: paths}) as loaded, for contentpolicy.other_hosts
    (Material's own default font is turned off before this, themedir.no_default_font)."""
    addresses = {option: [str(getattr(entry, "path", entry)) for entry in getattr(config, option)]
                 for option in ("extra_javascript", "extra_css")}
    return config.theme.get("font"), (config.extra or {}).get("analytics"), addresses


def site_file(config: MkDocsConfig) -> sitefile.SiteFile | None:
    """mkdocs.yml parsed for its lines and text, once a build (None when it cannot be: MkDocs
    has just loaded it, and the CLI says why first); handed to `settings` and `inputs`."""
    return sitefile.loaded(config.config_file_path)


def settings(plugin_config, config: MkDocsConfig, serving: bool = False,
             site: sitefile.SiteFile | None = None) -> Settings:
    """The plugin's options and the site's name and address; in the live preview, whose
    site_url MkDocs sets to its own address, also the one mkdocs.yml gives (`published_url`).
    `site`: mkdocs.yml as `site_file` parsed it."""
    return Settings(
        config_file=config.config_file_path,
        site_file=site,
        site_url=config.site_url or "",
        published_url=_written_site_url(site) if serving else "",
        site_name=config.site_name,
        site_description=config.site_description or "",
        share_image=plugin_config.share_image,
        categories=[dict(cat) for cat in plugin_config.categories],
        agency=dict(plugin_config.agency),
        documents=plugin_config.documents,
        page_size=plugin_config.page_size,
        feed_size=plugin_config.feed_size,
        image_max_kb=plugin_config.image_max_kb,
        iframe_hosts=tuple(plugin_config.iframe_hosts),
        content_policy=plugin_config.content_policy and not instant_navigation(config),
        editor=dict(plugin_config.editor),
        urls=dict(plugin_config.urls),
        docs_dir=_relative_docs(config),
    )


def _relative_docs(config: MkDocsConfig) -> str:
    """content/'s path from mkdocs.yml's folder, '/'-separated (the web editor's folders are
    named from the repository's top, where mkdocs.yml is)."""
    base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    try:
        return os.path.relpath(os.path.abspath(config.docs_dir), base).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): outside, as the editor's check says
        return "../" + os.path.basename(config.docs_dir)


def configured_files(config: MkDocsConfig) -> frozenset[str]:
    """Files of content/ that mkdocs.yml names (logo, favicon, extra_css, extra_javascript):
    whoever controls mkdocs.yml publishes them, whatever their type and whoever links them."""
    named = [config.theme.get("logo"), config.theme.get("favicon"), *config.extra_css,
             *(getattr(s, "path", s) for s in config.extra_javascript), *_agency_images(config)]
    return frozenset(posixpath.normpath(str(n)).lstrip("/") for n in named
                     if n and "://" not in str(n) and not str(n).startswith("//"))


def _agency_images(config: MkDocsConfig) -> list[str]:
    """agency.emblem and agency.banner of the bantin plugin (config/emblem.py checks them)."""
    plugin = config.plugins.get("bantin") if config.plugins else None
    agency = getattr(getattr(plugin, "config", None), "agency", None) or {}
    return [str(agency.get(name) or "").replace("\\", "/") for name in ("emblem", "banner")]


def source_files(files: Files, config: MkDocsConfig) -> list[SourceFile]:
    """MkDocs' file list, in its order: where each file comes from and where it goes."""
    root = os.path.abspath(config.docs_dir)
    return [SourceFile(f.src_uri, f.dest_uri,
                       from_content=f.src_dir is not None and os.path.abspath(f.src_dir) == root,
                       page=f.is_documentation_page(), excluded=f.inclusion.is_excluded())
            for f in files]


def reader(files: Files):
    """Bytes of a file of MkDocs' list by its path (None when absent)."""
    def read(rel: str) -> bytes | None:
        found = files.get_file_from_path(rel)
        return found.content_bytes if found is not None else None
    return read


def inputs(files: Files, config: MkDocsConfig, inventory: Inventory | None = None,
           site: sitefile.SiteFile | None = None) -> Inputs:
    """What a build reads: MkDocs' files at `on_files`; `site`: mkdocs.yml as `site_file` parsed it."""
    return Inputs(config.docs_dir, config.site_dir, source_files(files, config), reader(files),
                  keep=configured_files(config), static_templates=list(config.theme.static_templates),
                  extra_templates=list(config.extra_templates), theme_dirs=list(config.theme.dirs),
                  inventory=inventory, redirect_map=redirect_map(config), theme_images=theme_images(config, site),
                  theme_palette=theme_palette(config, site), config_text=config_text(config, site),
                  custom_dir=config.theme.custom_dir or "", published=os.environ.get(PUBLISHED_ENV) or None)


PUBLISHED_ENV = "BANTIN_PUBLISHED"  # the published site's address record (site/published.py), set by CI or `bantin`


def config_text(config: MkDocsConfig, site: sitefile.SiteFile | None) -> str:
    """mkdocs.yml's text: the parsed file's, else as written ("" when it cannot be read: MkDocs
    has just read it)."""
    if site is not None:
        return site.text
    try:
        return Path(config.config_file_path).read_text("utf-8", "replace") if config.config_file_path else ""
    except OSError:
        return ""


def slashed_theme_paths(config: MkDocsConfig) -> None:
    """theme.logo and theme.favicon written with Windows' `\\` (`favicon: images\\favicon.png`)
    are read with `/`, as the paths of our own block of mkdocs.yml are (config/backslash.py).
    MkDocs warned in English on every build ("uses OS-specific separator"), which `--strict`
    made a failure, and announces it will stop reading them."""
    for key in ("logo", "favicon"):
        value = config.theme.get(key)
        if isinstance(value, str) and "\\" in value:
            config.theme[key] = value.replace("\\", "/")


def theme_images(config: MkDocsConfig, site: sitefile.SiteFile | None) -> tuple[tuple[str, str, int], ...]:
    """(key, path, line in mkdocs.yml) of theme.logo and theme.favicon, for the build to check."""
    line = sitefile.lines(site, under=("theme",))
    return tuple((key, str(value), line(key)) for key in ("logo", "favicon") if (value := config.theme.get(key)))


def theme_palette(config: MkDocsConfig, site: sitefile.SiteFile | None) -> tuple[tuple[str, str, int, str], ...]:
    """(role, colour, line in mkdocs.yml, scheme) of each `primary:` and `accent:` of theme.palette,
    a mapping or a list of schemes (light and dark), for the build to check (config/palette.py);
    the scheme is the entry's `scheme:` (`slate` is the dark one), "default" when not written."""
    palette = config.theme.get("palette")
    schemes = [(None, palette)] if isinstance(palette, dict) else list(enumerate(palette)) if isinstance(palette, list) else []
    line = sitefile.lines(site, under=("theme", "palette"))
    return tuple((role, value, line(*([] if index is None else [index]), role), _scheme(scheme))
                 for index, scheme in schemes if isinstance(scheme, dict)
                 for role in ("primary", "accent") if isinstance(value := scheme.get(role), str) and value)


def _scheme(entry: dict) -> str:
    scheme = entry.get("scheme")
    return scheme if isinstance(scheme, str) and scheme else "default"


def redirect_map(config: MkDocsConfig) -> str | None:
    """The redirect map beside mkdocs.yml (`bantin import` writes it there)."""
    if not config.config_file_path:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), DEFAULT_REDIRECT_MAP)


def check_inputs(config: MkDocsConfig, site: sitefile.SiteFile | None) -> Inputs:
    """What `bantin check` reads: the files a build would list, without building.

    MkDocs' own walk follows symbolic links; the inventory lists what a build would read,
    and MkDocs then says which of them `exclude_docs` leaves out and adds the theme's
    assets (they are outputs too).
    """
    themedir.place(config.theme)
    keep = configured_files(config)
    inventory = take_inventory(config.docs_dir, keep)
    files = Files([File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
                   for src in sorted(inventory.accepted)])
    set_exclusions(files, config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return inputs(files, config, inventory, site)


def _written_site_url(site: sitefile.SiteFile | None) -> str:
    """mkdocs.yml's `site_url` as written (MkDocs' serve replaced it in the config); "" when
    it could not be parsed (the build then says why)."""
    value = site.get("site_url") if site is not None else None
    return value if isinstance(value, str) else ""
