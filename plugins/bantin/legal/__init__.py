"""Legal document numbers and citations, bottom-up: `numbers` (parsing, canonical numbers,
identity), `registry` (the documents a site registers in its configuration), and `markdown`
(the Python-Markdown extension that links citations and records what a page cites).
"""
