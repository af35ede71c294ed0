"""The `bantin` command: Vietnamese argument parsing and the subcommands (build, check, serve,
new, ids, import, redirects).
"""


def __getattr__(name: str):
    """`bantin.cli.main`, loaded when first asked for, so importing this package costs nothing.

    The console script (pyproject `bantin.cli:main`, and the one an editable install made
    before issue 13 still has) runs `from bantin.cli import main; sys.exit(main())`; tests
    and tools use the same name for the module (`main.atomic_build`). One object serves
    both: the module cli/main.py, which is callable (its `_Command`). A function `main`
    here would be replaced by the module as soon as anything imported cli/main.py, and
    would be the wrong object for the callers wanting the module before that."""
    if name == "main":
        import bantin.cli.main as command

        return command
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
