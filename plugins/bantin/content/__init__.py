"""What editors write: the content model, front matter, Q&A handbooks, body checks and sanitising.

The body checks read bottom-up: `links.py` finds and rewrites links, `anchors.py` says what
ids a page has, `checks.py` checks links and images against the site.

Pure Python over strings and paths; problems are collected, never raised (problems.py).
"""
