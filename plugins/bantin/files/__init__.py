"""Files on disk: is a file what its extension says? Static files and images checked by
their bytes, so nothing a browser would run or sniff as HTML is published (docs/security.md,
"Reads"); a file of the project replaced whole or not at all (`replace`); one writer at a
time in a folder (`folderlock`).
"""
