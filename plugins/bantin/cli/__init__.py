"""The `bantin` command: Vietnamese argument parsing and the subcommands (build, check, serve,
new, ids, import, redirects).
"""


def main(argv: list[str] | None = None) -> int:
    """The console script `bantin` (pyproject: `bantin.cli:main`), which is also what an
    editable install made before issue 13 still calls (`from bantin.cli import main`).
    The command line is imported only when run, so importing this package costs nothing."""
    from bantin.cli.main import main as run

    return run(argv)
