"""The `bantin` command: Vietnamese argument parsing and the subcommands (build, check, serve,
new, ids, import, redirects). The command itself is in commands.py.
"""


def main(argv: list[str] | None = None) -> int:
    """The console script `bantin` (pyproject `bantin.cli:main`, also what an install made
    before issue 13 still calls). Imported when called, so importing this package costs
    nothing."""
    from bantin.cli.commands import main as run

    return run(argv)
