"""Bản tin: static legal dissemination bulletins from Markdown, on MkDocs + Material.

One subpackage per concern; read them in this order: `text` (Vietnamese rules), `content`
(what editors write), `config` (the site's settings), `legal` (document citations), `inputs`
and `outputs` (what may be read and written), `site` (the site built from the content),
`search`, `convert` (Markdown to HTML), `workers` (the second core), `adapter` (the only
package importing MkDocs), `cli` and `tools`. docs/decisions.md explains the layout.
"""

__version__ = "0.1.0"
