"""Bản tin: static legal dissemination bulletins from Markdown, on MkDocs + Material.

The core modules (everything but `plugin.py` and `cli.py`'s build commands) never import
MkDocs, so the content model survives a move to another engine.
"""

__version__ = "0.1.0"
