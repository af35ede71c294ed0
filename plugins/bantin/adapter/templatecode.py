"""Compiled templates kept between builds, so a build does not compile ~40 templates again.

MkDocs makes a new template environment for every build, and Jinja compiles each template
it loads (~0.45 s of a small site's ~1 s build). Two builds keep that work:
- `bantin serve`: its rebuilds run in one process, so the code stays in memory
  (`SERVE_TEMPLATES`);
- builds in separate processes that name a folder in `BANTIN_TEMPLATE_CACHE`: the test suite
  sets it for its hundreds of fixture-site builds (tests/conftest.py), to a fresh folder of
  the run. It is an operator's setting, never read from a site: the folder's files are loaded
  as Python code, so only a folder nobody else can write may be named.

Jinja checks each template's source checksum, so an edited template is compiled anew. The
key also holds what else changes the compiled code, which Jinja's own key leaves out: Jinja's
version, the environment's settings (autoescape, the extensions, the delimiters) and which
filters and tests take the context; a build with others never gets code compiled for ours.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache

VARIABLE = "BANTIN_TEMPLATE_CACHE"


def _settings(environment) -> str | None:
    """What of `environment` shapes compiled code, as text; None when it cannot be told (a
    callable autoescape or finalize decides per template: such code is never kept)."""
    if callable(environment.autoescape) or environment.finalize is not None:
        return None
    passing = sorted((kind, name, str(getattr(function, "jinja_pass_arg", "")))  # @pass_context is compiled in
                     for kind, table in (("filter", environment.filters), ("test", environment.tests))
                     for name, function in table.items())
    return repr((jinja2.__version__, passing, environment.autoescape, sorted(environment.extensions),
                 environment.block_start_string,
                 environment.block_end_string, environment.variable_start_string,
                 environment.variable_end_string, environment.comment_start_string,
                 environment.comment_end_string, environment.line_statement_prefix,
                 environment.line_comment_prefix, environment.trim_blocks, environment.lstrip_blocks,
                 environment.newline_sequence, environment.keep_trailing_newline,
                 environment.optimized, environment.is_async))


class _SettingsKeyed:
    """Mixin: the bucket's key holds the environment's settings besides the template's name."""

    def get_bucket(self, environment, name, filename, source):
        settings = _settings(environment)
        if settings is None:
            return _Unkept(environment)
        return super().get_bucket(environment, f"{name}\0{settings}", filename, source)

    def set_bucket(self, bucket) -> None:
        if not isinstance(bucket, _Unkept):
            super().set_bucket(bucket)


class _Unkept:
    """A bucket that holds nothing and is never stored: Jinja compiles the template itself."""

    def __init__(self, environment) -> None:
        self.environment, self.code = environment, None


class KeptBytecode(_SettingsKeyed, BytecodeCache):
    """Compiled templates in memory, for the rebuilds of one process (`bantin serve`)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class FolderBytecode(_SettingsKeyed, FileSystemBytecodeCache):
    """Compiled templates in a folder, shared by the processes that name it (Jinja writes each
    file whole, then renames it: a reader never sees half of one). A cache never fails a
    build: a file it cannot read as code is compiled again, one it cannot write (a full disk,
    a folder of another user) is not kept."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (any unreadable entry, e.g. pickle's errors after a valid header)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


SERVE_TEMPLATES = KeptBytecode()


def for_build(serving: bool) -> BytecodeCache | None:
    """The cache a build's environment uses: the folder `BANTIN_TEMPLATE_CACHE` names when it
    can be made, else memory while serving, else none (a single build compiles what it needs)."""
    raw = os.environ.get(VARIABLE, "").strip()
    if raw:
        folder = Path(raw).expanduser().absolute()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = None
        if folder is not None and folder.is_dir():
            return FolderBytecode(str(folder))
    return SERVE_TEMPLATES if serving else None
