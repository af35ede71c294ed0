"""What editors write: the files of content/ and the text in them.

`inventory.py` says what each file under content/ is (a page, a static file we publish,
or a problem); `model.py` what an article, handbook, question or guide is; `frontyaml.py`,
`frontmatter.py` and `fields.py` read and validate front matter; `handbook/` reads Hỏi - Đáp
handbooks (`handbook/reader.py`), its rules one concern per module (its `__init__` lists them).
The body checks read bottom-up: `links.py` finds and rewrites links, `anchors.py` says what
ids a page has, `checks.py` checks links and images against the site; `sanitize.py` keeps
editors' HTML from running script. `drafts/` holds what a draft (`draft: true`) may and may
not do: its problems never block publishing, its files and its address stay off the site (its
`__init__` lists the modules); `placeholders.py` says which template text cannot be published.

Pure Python over strings and paths; problems are collected, never raised (bantin/problems.py).
"""
