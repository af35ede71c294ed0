"""The province or city a Department of Justice serves, read from the agency's name (`bantin init`).

A Sở Tư pháp belongs to its province's or centrally-run city's People's Committee, so
"Sở Tư pháp tỉnh Hà Giang" gives the owner, "Ủy ban nhân dân tỉnh Hà Giang", and the site's
name, "Bản tin Pháp luật tỉnh Hà Giang". Names are written as people type them: an outsider's
trial (session 39) typed "Sở Tư pháp TP. Hồ Chí Minh" and got "Ủy ban nhân dân tỉnh …" (on the
share image in capitals) and a site named "… TP. Hồ Chí Minh". So "TP.", "Tp.", "T.P.", "TP"
and "thành phố" are read as a city, and the six centrally-run cities (Nghị quyết
202/2025/QH15: Hà Nội, Huế, Hải Phòng, Đà Nẵng, Cần Thơ, Hồ Chí Minh) are cities however they
are introduced, or with nothing before them ("Sở Tư pháp Hà Nội").

Written as Nghị định 30/2020/NĐ-CP (Phụ lục II) writes administrative names: the kind in lower
case ("tỉnh Nam Định", "thành phố Hà Nội"), but "Thành phố Hồ Chí Minh", a city named after a
person, with its capital. A bare name that is not one of the cities ("Sở Tư pháp Nghệ An") is
not guessed at: the owner stays the visible placeholder for the province to fill in.
"""

from __future__ import annotations

import re

from bantin.text.vi import fold

# The centrally-run cities (thành phố trực thuộc trung ương) since 1 July 2025, by folded name.
CITIES = {fold(name): name for name in ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh")}
ABBREVIATIONS = {"hcm": "Hồ Chí Minh", "hn": "Hà Nội"}  # "TP.HCM", "TP. HN": as common as the names
NAMED_AFTER_A_PERSON = {"Hồ Chí Minh"}  # "Thành phố" is then part of the name (NĐ 30/2020, Phụ lục II)

# Each group takes characters no other group can, so a match never backtracks over the text.
_DEPARTMENT = re.compile(r"sở\s+tư\s+pháp\s+(.+)", re.IGNORECASE)
_KIND = re.compile(r"(tỉnh|thành\s+phố|t\.\s*p\.?|tp\.?)(?:\s+|(?<=\.))(\S.*)", re.IGNORECASE)


def place(agency: str) -> str | None:
    """"tỉnh Hà Giang" of "Sở Tư pháp tỉnh Hà Giang", "Thành phố Hồ Chí Minh" of "Sở Tư pháp
    TP.HCM"; None when the agency is not a Department of Justice or its place is not named
    (or is the starter's placeholder "…")."""
    found = _DEPARTMENT.fullmatch(agency.strip())
    if not found or "…" in found.group(1):
        return None
    rest = " ".join(found.group(1).split())
    kind = _KIND.fullmatch(rest)
    name = kind.group(2) if kind else rest
    city = CITIES.get(fold(name)) or ABBREVIATIONS.get(fold(name).replace(".", "").replace(" ", ""))
    if city:
        return f"{'Thành phố' if city in NAMED_AFTER_A_PERSON else 'thành phố'} {city}"
    if not kind:
        return None
    return f"{'tỉnh' if fold(kind.group(1)) == 'tinh' else 'thành phố'} {name}"
