"""The `bantin` command: Vietnamese argument parsing and the subcommands (build, check, serve,
new, ids, import, redirects). The command itself is in commands.py.
"""


def main(argv: list[str] | None = None) -> int:
    """The console script `bantin` (pyproject `bantin.cli:main`, also what an install made
    before issue 13 still calls). Imported when called, so importing this package costs
    nothing."""
    from bantin.cli.commands import main as run

    try:
        return run(argv)
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of our output went away (`bantin --version | head -1`, which the site's README
    suggests for its first line; `bantin check | head`): nothing more to say, and no traceback
    (a province's trial, session 41). Python's own recipe: what is still buffered goes to
    /dev/null, so the flush at exit does not fail again."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (embedded, closed)
        pass
    return 1
