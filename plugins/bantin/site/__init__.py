"""The site built from the content: corpus, generated pages, URLs, related lists, the view
templates read, structured data, images, QR codes and the files written after the pages.
"""
