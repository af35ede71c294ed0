"""The site built from the content: corpus, generated pages, URLs, related lists, the view
templates read, structured data, images, QR codes, the redirect map of the old portal's
addresses, and the files written after the pages.
"""
