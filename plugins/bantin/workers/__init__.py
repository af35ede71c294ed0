"""Work on the second core: the forked background worker (QR codes, search index), the
forked page renderer, and the log records they send back.
"""
