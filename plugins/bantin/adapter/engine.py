"""The engine as the `bantin` command uses it: load, build, serve, and the inputs of a
check (issues 13 and 15).

The CLI imports MkDocs through this module only (and imports this module lazily), and never
reads MkDocs' configuration object: `load` gives it a `Project` of plain values (folders,
site_url, the plugin's `editor` option) with the engine's object inside, handed back to the
functions here. MkDocs' English "Config value" log lines are caught here too, for the CLI
to reword. Swapping the engine touches the adapter alone. What `bantin check` runs is
site/build.py's `check`; this module only translates the loaded configuration.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException as EngineError

from bantin.adapter import translate
from bantin.site.build import Inputs, Settings

__all__ = ["EngineError", "LoadFailed", "Project", "load", "build", "serve", "plugin", "settings",
           "check_inputs", "set_drafts", "stop_helpers"]


@dataclass(frozen=True)
class Project:
    """A loaded mkdocs.yml as the CLI needs it. `engine_config` is the engine's own object:
    the CLI passes it back to this module and reads nothing in it."""
    config_file: str
    site_dir: str
    docs_dir: str
    custom_dir: str | None
    site_url: str
    has_plugin: bool
    editor: object  # the plugin's `editor` option as written (config/editor.py reads it)
    engine_config: object
    # what every page shows, as loaded (INHERIT, !ENV applied): site_name, site_description and
    # the agency's fields under plugins.bantin.agency.* (config/unfilled.py)
    details: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # MkDocs' "Config value" warnings of a load that went on (not strict)
    strict: bool = False  # `strict: true`: a warning stops the build (`bantin build --strict` says so)
    site_file: object = None  # mkdocs.yml as the CLI parsed it (config/sitefile.SiteFile), for `settings` and `check_inputs`


class LoadFailed(Exception):
    """mkdocs.yml was refused: `messages` are the engine's own (English) validation lines,
    `error` what it raised; the CLI rewords both with the option's line (config/precheck.py)."""

    def __init__(self, messages: list[str], error: BaseException, names: dict[str, tuple[str, ...]] | None = None):
        super().__init__(str(error))
        self.messages = messages
        self.error = error
        self.names = names or {}  # the options each part of mkdocs.yml may have, for "did you mean"


def load(config_file: str, site_file=None, **overrides) -> Project:
    """Load and validate `config_file` (with `overrides` of its options); LoadFailed when refused.
    `site_file`: the same file as config/sitefile.py parsed it, kept for `settings` and
    `check_inputs` (parsed again there when None)."""
    import yaml

    errors = _ConfigErrors()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(errors)
    try:
        config = load_config(config_file, **overrides)
    except (EngineError, yaml.YAMLError, OSError, ValueError, TypeError) as exc:
        raise LoadFailed(errors.messages + errors.warnings, exc, option_names()) from None
    finally:
        logger.removeFilter(errors)
    found = plugin(config)
    return Project(config_file=config.config_file_path or config_file, site_dir=config.site_dir,
                   docs_dir=config.docs_dir, custom_dir=config.theme.custom_dir, site_url=config.site_url or "",
                   has_plugin=found is not None, editor=found.config.editor if found else None,
                   engine_config=config, details=_details(config, found), warnings=tuple(errors.warnings),
                   strict=bool(config.strict), site_file=site_file)


def _details(config, found) -> dict:
    """The loaded values of what every page shows (config/unfilled.py checks them)."""
    details = {"site_name": config.site_name or "", "site_description": config.site_description or ""}
    agency = found.config.agency if found else {}
    details.update((f"plugins.bantin.agency.{key}", str(value or "")) for key, value in agency.items())
    return details


class _ConfigErrors:
    """Logging filter keeping MkDocs' "Config value …" errors and warnings (reworded by the CLI)
    off the screen. A warning (an unknown option: `agnecy:`) stops a strict build; a build that
    is not strict goes on, and the CLI shows it reworded (`Project.warnings`)."""

    def __init__(self):
        self.messages: list[str] = []
        self.warnings: list[str] = []

    def filter(self, record) -> bool:
        if record.levelname in ("ERROR", "WARNING") and str(record.msg).startswith("Config value"):
            (self.messages if record.levelname == "ERROR" else self.warnings).append(record.getMessage())
            return False
        return True


def option_names() -> dict[str, tuple[str, ...]]:
    """The options mkdocs.yml may hold, by where they are written: "" for the top level,
    "plugins.bantin" and its sections. The CLI suggests the nearest to a misspelt one."""
    from mkdocs.config.defaults import MkDocsConfig

    from bantin.adapter.plugin import AgencyConfig, BantinConfig, CategoryConfig

    def names(config) -> tuple[str, ...]:
        return tuple(name for name, _ in config._schema if name not in ("config_file_path", "pages"))

    return {"": names(MkDocsConfig), "plugins.bantin": names(BantinConfig),
            "plugins.bantin.agency": names(AgencyConfig), "plugins.bantin.categories": names(CategoryConfig)}


def build(project: Project) -> None:
    """A whole build of a loaded project (raises EngineError when it fails).

    A template the site overrides (`custom_dir`) that Jinja refuses is the site's input too:
    it is said in Vietnamese with its file and line, not as Jinja's traceback (a hostile
    review, session 23)."""
    import jinja2
    from mkdocs.commands.build import build as run

    try:
        run(project.engine_config)
    except jinja2.TemplateError as exc:
        raise EngineError(template_problem(exc)) from None


def template_problem(exc: Exception) -> str:
    """A Jinja error as `bantin` says problems: which template and line, what, how to fix it.

    A syntax error names its file; an error met while rendering (an undefined name) is named
    by the last template frame of its traceback (Jinja rewrites them to the template's line);
    a template that is not found names the missing one. A file outside the project (Material's
    own) is not offered for editing: the site's own templates that call it are."""
    import jinja2

    what = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.TemplateNotFound):
        return (f"không tìm thấy mẫu giao diện `{exc.name}` (Jinja: {what}) → Cách sửa: một mẫu trong thư mục "
                "giao diện riêng của trang (`custom_dir` trong mkdocs.yml) gọi tới mẫu này bằng `include`, "
                "`import` hoặc `extends`: sửa tên cho đúng, hoặc thêm tệp đó")
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__ if not path else None
    while tb is not None:  # the last template frame: where the error was met
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt", ".j2")):
            path, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if not path:
        path = getattr(exc, "name", None)
    own = bool(path) and os.path.abspath(path).startswith(os.getcwd() + os.sep)
    shown = os.path.relpath(path) if own else (os.path.basename(path) if path else "một mẫu giao diện")
    where = f"{shown}:{line}" if line else shown
    fix = ("sửa tệp mẫu này trong thư mục giao diện riêng của trang (`custom_dir` trong mkdocs.yml), hoặc xóa nó "
           "để dùng mẫu có sẵn") if own else (
           "đây là mẫu có sẵn của giao diện: xem lại các mẫu trong thư mục giao diện riêng của trang (`custom_dir` "
           "trong mkdocs.yml), nơi gọi tới nó; không có thư mục đó thì báo người phụ trách kỹ thuật")
    return f"{where}: lỗi mẫu giao diện (Jinja: {what}) → Cách sửa: {fix}"


def set_drafts(project: Project, drafts: bool) -> None:
    """Show drafts (under their banner) in this build: `bantin build -d` of a preview."""
    plugin(project.engine_config).config.drafts = drafts


def stop_helpers(project: Project | None) -> None:
    """End the build's forked helpers before their folder is deleted (MkDocs calls
    on_build_error for errors, not for an interrupt)."""
    found = plugin(project.engine_config) if project is not None else None
    if found is not None:
        found.on_build_error(error=None)


def serve(config_file: str, address: str) -> None:
    """Live preview of `config_file` at `address`, rebuilt on every change; a failed build is
    listed at the top of each page instead of holding it (adapter/preview.py)."""
    from bantin.adapter import preview

    preview.serve(config_file, address)


def plugin(config):
    """Our plugin's instance in a loaded configuration, or None when mkdocs.yml omits it."""
    return config.plugins.get("bantin")


def settings(project: Project) -> Settings:
    """The options site/build.py reads, from a loaded project that names our plugin."""
    config = project.engine_config
    return translate.settings(plugin(config).config, config, site=_site_file(project))


def check_inputs(project: Project) -> Inputs:
    """What a build of `project` would read, for `bantin check` (translate.check_inputs)."""
    return translate.check_inputs(project.engine_config, _site_file(project))


def _site_file(project: Project):
    """mkdocs.yml as parsed when the project was loaded, else parsed now."""
    return project.site_file if project.site_file is not None else translate.site_file(project.engine_config)
