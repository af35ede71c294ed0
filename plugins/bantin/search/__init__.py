"""Vietnamese site search: what a term is (terms.py, twin of bantin-search.js) and the
sharded index the browser loads (index.py).
"""
