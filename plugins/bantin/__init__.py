"""Bản tin: static legal dissemination bulletins from Markdown, on MkDocs + Material.

One subpackage per concern, each importing only those before it in this list (enforced by
tests/test_architecture.py): `problems.py` (how every package tells people what is wrong),
`text` (Vietnamese rules), `legal` (document citations), `files` (a file's bytes match its
name), `outputs` (the gate for every written file, atomic publish), `workers` (the second
core), `config` (the site's settings), `content` (what editors write), `convert` (Markdown
to HTML), `search`, `site` (the site built from the content, and the order of a build),
`adapter` (the only package importing MkDocs), `tools` and `cli`. docs/decisions.md
explains the layout.
"""

__version__ = "0.1.0"
