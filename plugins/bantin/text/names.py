"""File and folder names every host can hold: the names Windows refuses.

A site built here may be copied to a USB stick or served from a Windows host, and a slug is
a folder name: `con`, `NUL.txt` or `com1` cannot be created there. Slugs (text/vi.py), question
ids (content/handbook/ids.py) and every written path (outputs/gate.py) share this one rule.
"""

WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def windows_reserved(segment: str) -> bool:
    """`con`, `NUL.txt`, `com1.tar.gz`: names Windows will not create (any case, any extension)."""
    return segment.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED
