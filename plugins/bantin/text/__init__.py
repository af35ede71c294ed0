"""Vietnamese text rules (NFC, tone-mark folding, slugs, dates) and plain text from HTML/Markdown;
our CSS and JavaScript without comments and indentation, as served (minify).

No other bantin package is needed to use these; every other package leans on them.
"""
