"""Is a file what its extension says? Static files and images checked by their bytes, so
nothing a browser would run or sniff as HTML is published (docs/security.md, "Reads").
"""
