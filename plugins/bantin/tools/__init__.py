"""Editors' and maintainers' tools that the build does not use: new files from templates,
question ids, and the importer of pages saved from old portals.
"""
