"""Markdown to HTML, faster and safely: Python-Markdown extensions of ours (linear HTML
parsing, the inline fast path) and the live preview's conversion cache.
"""
