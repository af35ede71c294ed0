"""The site's settings (categories, agency, documents, URL prefixes) as plain data, and the
checks that read mkdocs.yml with line numbers before MkDocs does.
"""
