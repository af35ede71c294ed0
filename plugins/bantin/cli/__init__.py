"""The `bantin` command: Vietnamese argument parsing and the subcommands (build, check, serve,
new, ids, import, redirects).
"""
