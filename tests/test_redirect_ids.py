"""Old addresses match by their identifying parameter (issue 14, item 6).

A portal address is recorded with every parameter it had when it was saved
(`chi-tiet.html?id=2031&cat=5&page=2`), but readers and search engines arrive with fewer
(`?id=2031`). The generated nginx and Apache rules (and the site's own redirect pages, see
test_redirect_pages.py) match every recorded parameter first, then the identifying one alone.
"""

from __future__ import annotations


import pytest

from bantin.site.redirectmap import identifying_param, matching_rule, query_rules
from bantin.tools.importer.webserver import apache_redirects, nginx_redirects
from redirectkit import apache_target, nginx_target

PAIRS = [
    ("http://stp.songlam.gov.vn/tin-tuc/chi-tiet.html?id=2031&cat=5&page=2", "/tin-tuc/ngay-hoi/"),
    ("http://stp.songlam.gov.vn/Pages/chi-tiet-tin.aspx?ItemID=1487&CateID=12", "/tin-tuc/boi-duong/"),
    ("http://stp.songlam.gov.vn/index.php?option=com_content&task=view&id=321&Itemid=45", "/tin-tuc/tro-giup/"),
    ("http://stp.songlam.gov.vn/index.php", "/"),
    # one id on one path naming two pages: no guess
    ("http://stp.songlam.gov.vn/xem.php?id=5&loai=tin", "/tin-tuc/bai-tin/"),
    ("http://stp.songlam.gov.vn/xem.php?id=5&loai=vanban", "/van-ban/bai-van-ban/"),
    # DotNetNuke numbers ItemID per module: its tab stays beside it in the fallback
    ("http://stp.songlam.gov.vn/tin-tuc-su-kien/Default.aspx?tabid=123&ItemID=456&mctl=ViewDetail",
     "/tin-tuc/hoi-nghi/"),
]


@pytest.mark.parametrize(("request_uri", "expected"), [
    ("/tin-tuc/chi-tiet.html?id=2031&cat=5&page=2", "/tin-tuc/ngay-hoi/"),
    ("/tin-tuc/chi-tiet.html?id=2031", "/tin-tuc/ngay-hoi/"),
    ("/tin-tuc/chi-tiet.html?page=1&ID=2031", "/tin-tuc/ngay-hoi/"),
    ("/tin-tuc/chi-tiet.html?id=20310", None),
    ("/tin-tuc/chi-tiet.html?cat=5&page=2", None),
    ("/Pages/chi-tiet-tin.aspx?ItemID=1487", "/tin-tuc/boi-duong/"),
    ("/Pages/chi-tiet-tin.aspx?CateID=12", None),
    # Joomla: `id` is the article, `Itemid` only the menu it was shown under
    ("/index.php?id=321", "/tin-tuc/tro-giup/"),
    ("/index.php?option=com_content&id=321&Itemid=99", "/tin-tuc/tro-giup/"),
    ("/index.php?Itemid=45", "/"),  # the bare /index.php line, which comes after every other
    ("/index.php", "/"),
    ("/xem.php?id=5&loai=tin", "/tin-tuc/bai-tin/"),
    ("/xem.php?loai=vanban&id=5", "/van-ban/bai-van-ban/"),
    ("/xem.php?id=5", None),
    ("/tin-tuc-su-kien/Default.aspx?tabid=123&ItemID=456", "/tin-tuc/hoi-nghi/"),
    ("/tin-tuc-su-kien/Default.aspx?ItemID=456&TabId=123&mctl=x", "/tin-tuc/hoi-nghi/"),
    ("/tin-tuc-su-kien/Default.aspx?tabid=130&ItemID=456", None),  # another module's item 456
    ("/tin-tuc-su-kien/Default.aspx?ItemID=456", None),
])
def test_identifying_parameter_alone_finds_the_page(request_uri: str, expected) -> None:
    assert nginx_target(nginx_redirects(PAIRS), request_uri) == expected
    path, _, query = request_uri.partition("?")
    assert apache_target(apache_redirects(PAIRS), path, query) == expected
    # `bantin import` knows an old article's links by the same rules (links of imported pages)
    rule = matching_rule(query_rules(PAIRS)[0], path, query)
    assert (rule.target if rule else None) == expected


def test_an_ambiguous_identifier_is_said_in_the_configuration() -> None:
    rules, notes = query_rules(PAIRS)
    assert notes == ["`id=5` ở /xem.php ứng với 2 trang mới (/tin-tuc/bai-tin/, /van-ban/bai-van-ban/): chỉ địa "
                     "chỉ cũ ghi đủ tham số mới được chuyển hướng"]
    for config in (nginx_redirects(PAIRS), apache_redirects(PAIRS)):
        assert f"# Lưu ý: {notes[0]}\n" in config
    assert [r.params for r in rules if r.fallback] == [("ItemID=1487",), ("id=321",), ("tabid=123", "ItemID=456"),
                                                       ("id=2031",)]


@pytest.mark.parametrize(("query", "expected"), [
    ("id=2031&cat=5", "id=2031"),
    ("cat=5&ItemID=7", "ItemID=7"),
    ("option=com_content&Itemid=45&id=321", "id=321"),
    ("Itemid=45", "Itemid=45"),
    ("p=12", "p=12"),
    ("cat=5&page=2", None),
    ("id=&cat=5", None),
])
def test_identifying_parameter(query: str, expected) -> None:
    assert identifying_param(query) == expected
