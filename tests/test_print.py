"""Offline copies print working codes (issue 15): the public address in both flavours."""

from __future__ import annotations


# --- the public address, in both flavours (no build) ------------------------------------------------

def test_the_public_address_is_the_online_form_in_both_flavours():
    from bantin.config.settings import UrlPrefixes
    from bantin.site.urls import UrlScheme

    online, offline = UrlScheme(UrlPrefixes()), UrlScheme(UrlPrefixes(), directory_urls=False)
    assert offline.url("q/la-gi") == "q/la-gi.html"  # the USB copy's own file…
    for urls in (online, offline):  # …but paper carries the public site's address
        assert urls.public("q/la-gi") == "q/la-gi/"
        assert urls.public("tin-tuc/ngan") == "tin-tuc/ngan/"
        assert urls.public("") == ""
