"""The site's settings (categories, agency, documents, URL prefixes) as plain data, the
checks that read mkdocs.yml with line numbers before MkDocs does, and the reader that loads
it as MkDocs would (`INHERIT:`, `!ENV`) for commands that run without MkDocs.
"""
