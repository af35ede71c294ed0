"""The engine as the `bantin` command uses it: load, build, serve, and the inputs of a
check (issue 13).

The CLI imports MkDocs through this module only (and imports this module lazily). It still
reads a few attributes of the loaded configuration itself (site_dir, docs_dir, the theme's
custom_dir, the plugin's drafts switch) and filters MkDocs' "Config value" log lines: those
are next to move here, so that swapping the engine touches the adapter alone. What
`bantin check` runs is site/build.py's `check`; this module only translates the loaded
configuration.
"""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException as EngineError

from bantin.adapter import translate
from bantin.site.build import Inputs, Settings

__all__ = ["EngineError", "load_config", "build", "serve", "plugin", "settings", "check_inputs"]


def build(config) -> None:
    """A whole build of a loaded configuration (raises EngineError when it fails)."""
    from mkdocs.commands.build import build as run

    run(config)


def serve(config_file: str, address: str) -> None:
    """Live preview of `config_file` at `address`, rebuilt on every change."""
    from mkdocs.commands.serve import serve as run

    run(config_file, dev_addr=address, livereload=True)


def plugin(config):
    """Our plugin's instance in a loaded configuration, or None when mkdocs.yml omits it."""
    return config.plugins.get("bantin")


def settings(config) -> Settings:
    """The options site/build.py reads, from a loaded configuration that names our plugin."""
    return translate.settings(plugin(config).config, config)


def check_inputs(config) -> Inputs:
    """What a build of `config` would read, for `bantin check` (translate.check_inputs)."""
    return translate.check_inputs(config)
