"""Legal document numbers and citations: parsing, the registry of documents a site cites,
and the Python-Markdown extension that links citations.
"""
