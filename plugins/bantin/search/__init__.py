"""Vietnamese site search, bottom-up: what a term is (`terms`, twin of bantin-search.js), the
index file format (`codec`), writing the sharded index the browser loads (`writer`, the build's
entry `build_search_index`) and its Python mirror of the browser search (`reader`).
"""
