"""The province or city of a Department of Justice, read from the agency's name as people type
it (tools/place.py; an outsider's trial, session 39: "Sở Tư pháp TP. Hồ Chí Minh" got the
owner "Ủy ban nhân dân tỉnh …")."""

from __future__ import annotations

import time

import pytest

from bantin.tools.place import place


@pytest.mark.parametrize("agency, expected", [
    ("Sở Tư pháp tỉnh Hà Giang", "tỉnh Hà Giang"),
    ("Sở Tư pháp Tỉnh  Hà Giang", "tỉnh Hà Giang"),  # the kind in lower case, spaces as one
    ("Sở Tư Pháp tỉnh Nghệ An", "tỉnh Nghệ An"),
    ("Sở Tư pháp TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),  # named after a person: NĐ 30/2020
    ("Sở Tư pháp Tp. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Sở Tư pháp T.P. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Sở Tư pháp TP.HCM", "Thành phố Hồ Chí Minh"),
    ("Sở Tư pháp TP HCM", "Thành phố Hồ Chí Minh"),
    ("Sở Tư pháp thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Sở Tư pháp Thành phố Hà Nội", "thành phố Hà Nội"),
    ("Sở Tư pháp Hà Nội", "thành phố Hà Nội"),  # a centrally-run city needs no "thành phố"
    ("Sở Tư pháp TP. Hải Phòng", "thành phố Hải Phòng"),
    ("Sở Tư pháp Đà Nẵng", "thành phố Đà Nẵng"),
    ("Sở Tư pháp tp. Cần Thơ", "thành phố Cần Thơ"),
    ("Sở Tư pháp Huế", "thành phố Huế"),  # a centrally-run city since 2025
    ("Sở Tư pháp tỉnh Hà Nội", "thành phố Hà Nội"),  # a city, whatever it is called
    ("Sở Tư pháp thành phố Sông Lam", "thành phố Sông Lam"),  # said to be a city: one, as written
    ("Sở Tư pháp tỉnh Thừa Thiên Huế", "tỉnh Thừa Thiên Huế"),  # the province before 2025, as written
])
def test_a_departments_place(agency, expected):
    assert place(agency) == expected


@pytest.mark.parametrize("agency", [
    "Sở Tư pháp tỉnh …", "Sở Tư pháp TP. …", "Phòng Tư pháp huyện Thử", "Sở Tư pháp", "Sở Tư pháp tỉnh",
    "Sở Tư pháp Nghệ An",  # a bare name that is not a city: not guessed at
    "Ủy ban nhân dân TP. Hồ Chí Minh", "",
])
def test_no_place_is_guessed(agency):
    assert place(agency) is None


def test_a_long_hostile_name_is_read_in_linear_time():
    for unit in ("Sở Tư pháp ", " ", "tp.", "t. ", "thành phố "):
        hostile = "Sở Tư pháp " + unit * (300_000 // len(unit)) + "x"
        started = time.process_time()
        place(hostile)
        assert time.process_time() - started < 4.0, unit
