"""The site built from the content: corpus, generated pages, URLs, related lists, the view
templates read, structured data, images, QR codes, the redirect map of the old portal's
addresses, what is served in place of our theme's CSS and JavaScript, each page's
Content-Security-Policy, and the files written after the pages.
"""
