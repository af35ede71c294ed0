"""Which files under content/ may be published: the inventory walk and the checks of
static files and images by their bytes (docs/security.md, "Reads").
"""
