"""The address printed after a link of an editor's text (site/printlinks.py), without MkDocs.

What lands on paper is checked in test_print.py; here, which links get an address, which
address, and that nothing an editor writes in a link's address or text can leave its span.
"""

from __future__ import annotations

import re

import pytest

from bantin.config.settings import UrlPrefixes
from bantin.site.printlinks import address_markup, addresser, print_addresses, short_links, without_print_addresses
from bantin.site.urls import UrlScheme

HOST = "https://stp.example.vn/"


def address_of(page: str = "huong-dan/thu-tuc", directory_urls: bool = True):
    return addresser(UrlScheme(UrlPrefixes(), directory_urls), page, lambda file: HOST + file)


def printed(page_html: str, page: str = "huong-dan/thu-tuc") -> list[str]:
    """The addresses a page prints after its links, as read on paper."""
    spans = re.findall(r'<span class="bt-print-only bt-print-url"> \(((?:[^<]|<wbr>|<span class="bt-nb">[^<]*</span>)*)\)'
                       r'</span>', print_addresses(page_html, address_of(page)))
    return [re.sub(r"<[^>]+>", "", span) for span in spans]


@pytest.mark.parametrize("href, expected", [
    ("../../van-ban/blld-2019/#dieu-113", HOST + "van-ban/blld-2019/#dieu-113"),  # another page's section
    ("../../", HOST),  # the home page
    ("../../tai-lieu/mau-01.docx", HOST + "tai-lieu/mau-01.docx"),  # a file of the site
    ("../../tim-kiem/?q=ly+hon", HOST + "tim-kiem/?q=ly+hon"),
    ("https://thuvienphapluat.vn/van-ban/1", "https://thuvienphapluat.vn/van-ban/1"),  # outside: as written
    ("mailto:stp@example.vn?subject=H%E1%BB%8Fi", "stp@example.vn"),
    ("tel:0238 3 000 111", "0238 3 000 111"),
    ("#buoc-2", None), ("./#buoc-2", None), ("", None),  # a place in the page itself
    ("ftp://files.example.vn/a", None), ("//cdn.example.vn/a.js", None),  # nothing a reader would type
])
def test_each_kind_of_link_prints_the_address_a_reader_types(href, expected):
    assert address_of()(href) == expected


@pytest.mark.parametrize("href, expected", [
    ("../van-ban/blld.html#dieu-5", HOST + "van-ban/blld/#dieu-5"),
    ("../index.html", HOST), ("../van-ban/index.html", HOST + "van-ban/"),
    ("../tai-lieu/mau.pdf", HOST + "tai-lieu/mau.pdf"),
    ("thu-tuc.html#buoc-2", None),  # the page itself, by its file's name
])
def test_the_offline_copy_prints_the_public_addresses(href, expected):
    """From the USB copy, a printed sheet names the page on the public host: `x.html` there is
    `x/` online (UrlScheme.public), or a 404."""
    assert address_of(directory_urls=False)(href) == expected


def test_an_address_prints_once_and_not_after_text_that_shows_it():
    page = ('<p>Xem <a href="../../van-ban/a/">Luật A</a>, <a href="https://cong.example.vn/">cong.example.vn</a>, '
            '<a href="https://cong.example.vn/">Cổng</a>, lại <a href="../../van-ban/a/">Luật A</a>, '
            '<a href="mailto:stp@example.vn">stp@example.vn</a>, <a href="#b">mục B</a>.</p>')
    assert printed(page) == [HOST + "van-ban/a/"]


def test_a_phone_number_shown_in_the_text_prints_nothing():
    """«0238 3 868 686» is the number `tel:02383868686` calls: its digits, however spaced."""
    page = ('<p>Gọi <a href="tel:02383868686">0238 3 868 686</a> hoặc <a href="tel:0238.3.000.111">đường dây nóng</a>,'
            ' <a href="tel:%2B84912345678">0912 345 678</a>.</p>')
    assert printed(page) == ["0238.3.000.111", "+84912345678"]  # +84 is not the 0 a reader dials


def test_a_picture_link_prints_nothing_and_leaves_the_address_to_a_later_text_link():
    page = ('<p><a href="../../tai-lieu/mau.pdf"><img alt="Mẫu đơn" src="m.png"></a></p>'
            '<p><a href="../../tai-lieu/mau.pdf">Tải mẫu đơn</a></p>')
    assert printed(page) == [HOST + "tai-lieu/mau.pdf"]


def test_links_the_build_wrote_print_nothing():
    """A document's number linked to its page (the number is what a reader looks up) and a
    handbook's «Trang riêng» line (print hides it)."""
    page = ('<p>Thông tư số <a class="vanban" href="../../van-ban/226/" title="Thông tư">226/2016/TT-BTC</a>.</p>'
            '<p><a class="bt-qlink" href="la-gi/">Trang riêng của câu hỏi 1</a></p>')
    assert print_addresses(page, address_of()) == page


def test_nothing_in_an_address_or_its_text_leaves_the_span():
    """nh3 writes `<`, `>` and `"` of an attribute as entities; the address is unescaped to be
    read, then escaped again as text: no tag an editor typed in an address reaches the page."""
    hostile = '<p><a href="https://x.example/a?b=&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;c=&quot;">x</a></p>'
    out = print_addresses(hostile, address_of())
    assert "<script" not in out and "</span><script" not in out
    assert printed(hostile) == ['https://x.example/a?b=&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;c="']
    assert without_print_addresses(out) == hostile


def test_the_answer_read_out_of_the_page_is_as_written():
    """JSON-LD reads a question's answer as text: the spans only paper shows come out again,
    wherever they are (in a table, a list, after a link in bold)."""
    page = ('<ul><li><strong><a href="../../van-ban/a/">Luật A</a></strong></li></ul><table><tbody><tr><td>'
            '<a href="https://cong.example.vn/thu-tuc/dang-ky-ket-hon">Cổng</a></td></tr></tbody></table>')
    out = print_addresses(page, address_of())
    assert out.count("bt-print-url") == 2 and without_print_addresses(out) == page


def test_an_unclosed_link_ends_the_work_without_losing_text():
    """nh3 always closes a link; were one left open, the text after it is kept as it is."""
    page = '<p><a href="../../van-ban/a/">Luật A</a> và <a href="../../van-ban/b/">Luật B'
    out = print_addresses(page, address_of())
    assert out.startswith('<p><a href="../../van-ban/a/">Luật A</a><span') and out.endswith("và <a href=\"../../van-ban/b/\">Luật B")


def test_an_address_is_cut_as_every_printed_address():
    """Lines end after a «/» or before a «-» (pagedata.address_pieces), the host whole."""
    assert address_markup("https://stp.example.vn/van-ban/luat-a/") == (
        'https://<wbr>stp.example.vn/<wbr>van<wbr><span class="bt-nb">-ban/</span><wbr>luat<wbr>'
        '<span class="bt-nb">-a/</span>')


def test_an_address_copied_from_the_address_bar_prints_its_letters():
    """A browser copies «Bộ_luật» as `B%E1%BB%99_lu%E1%BA%ADt`: on paper the letters, which a
    reader types and the browser sends as the same address; `%20` and `%2F` stay (hostile review)."""
    page = '<p><a href="https://vi.wikipedia.org/wiki/B%E1%BB%99_lu%E1%BA%ADt_L%C3%A0o?x=a%20b%2Fc">Bách khoa</a></p>'
    assert printed(page) == ["https://vi.wikipedia.org/wiki/Bộ_luật_Lào?x=a%20b%2Fc"]
    shown = '<p><a href="https://vi.wikipedia.org/wiki/B%E1%BB%99_lu%E1%BA%ADt">vi.wikipedia.org/wiki/Bộ_luật</a></p>'
    assert printed(shown) == []  # its text shows it
    broken = '<p><a href="https://x.example/%E1%BB">x</a></p>'  # not UTF-8: left as written
    assert printed(broken) == ["https://x.example/%E1%BB"]


@pytest.mark.parametrize("text, shows", [
    ("z.example/luat", True), ("Xem z.example/luat.", True), ("(https://z.example/luat)", True),
    ("z.example/luat/", True), ("www.Z.example/luat", True),
    ("z.example/luat-dat-dai", False),  # another address that starts the same
    ("baz.example/luat", False), ("z.example/luatx", False),
])
def test_a_text_shows_the_address_only_whole(text, shows):
    page = f'<p><a href="https://z.example/luat">{text}</a></p>'
    assert printed(page) == ([] if shows else ["https://z.example/luat"])


def test_an_href_inside_another_attribute_is_that_attribute():
    """nh3 keeps `title`: its value may say `href=`; the link's own `href` is printed."""
    page = '<p><a title="Xem href=" href="https://thuvienphapluat.vn/luat">Luật</a></p>'
    assert printed(page) == ["https://thuvienphapluat.vn/luat"]


def test_without_a_site_url_the_site_s_links_print_nothing():
    """«/tin-tuc/b/» names no site on paper; outside addresses still print."""
    address_of = addresser(UrlScheme(UrlPrefixes()), "tin-tuc/a", None)
    assert address_of("../b/") is None and address_of("../../") is None
    assert address_of("https://x.example/") == "https://x.example/"


def test_the_footer_s_addresses_are_not_printed_twice():
    """An article linking its own attachment or source in its text: the footer prints them."""
    page = '<p>Tải <a href="../../tai-lieu/mau.pdf">mẫu đơn</a>, theo <a href="https://bao.example/tin/1">báo</a>.</p>'
    footer = [HOST + "tai-lieu/mau.pdf", "https://bao.example/tin/1"]
    assert print_addresses(page, address_of(), footer) == page


def test_a_link_to_a_question_prints_its_short_link():
    """The short link is what a trainer's handouts and QR codes give, and shorter to type than
    the handbook's address with `#id` (a trial, session 56); another anchor of the handbook, or
    an address with a query, prints as it is."""
    urls = UrlScheme(UrlPrefixes())
    shorter = short_links(urls, [("hoi-dap/so-tay", "la-gi")])
    address_of = addresser(urls, "huong-dan/thu-tuc", lambda file: HOST + file, shorter)
    assert address_of("../../hoi-dap/so-tay/#la-gi") == HOST + "q/la-gi/"
    assert address_of("../../hoi-dap/so-tay/la-gi/") == HOST + "q/la-gi/"
    assert address_of("../../hoi-dap/so-tay/#gioi-thieu") == HOST + "hoi-dap/so-tay/#gioi-thieu"
    assert address_of("../../hoi-dap/so-tay/") == HOST + "hoi-dap/so-tay/"
    assert address_of("../../hoi-dap/so-tay/la-gi/#muc-2") == HOST + "hoi-dap/so-tay/la-gi/#muc-2"  # a heading in it
    offline = addresser(UrlScheme(UrlPrefixes(), directory_urls=False), "huong-dan/thu-tuc", lambda f: HOST + f, shorter)
    assert offline("../hoi-dap/so-tay.html#la-gi") == HOST + "q/la-gi/"  # from the USB copy too


@pytest.mark.parametrize("unit", [
    '<p><a href="../../van-ban/luat/#dieu-1">Luật</a> và <a href="https://x.example/a">x.example/ab</a></p>',
    '<a href="../a/">a</a>',  # links only
    '<a title="href=" href="#x">',  # never closed: the work stops at once (nh3 closes every link)
    '<a href="tel:0000000000">0 0 0 0 0 0 0 0 0 0 0</a>',
    '<a href="https://z.example/luat">' + "z.example/luatz.example/luat " * 3 + "</a>",
])
def test_printing_addresses_is_linear_in_the_page(unit):
    """A 2 MB page of links (the largest a page may be, content/pagesize.py) in about a second."""
    from growth import grows_linearly_in_cpu

    address_of = addresser(UrlScheme(UrlPrefixes()), "huong-dan/x", lambda file: HOST + file,
                           short_links(UrlScheme(UrlPrefixes()), [("hoi-dap/s", f"q{n}") for n in range(500)]))
    assert grows_linearly_in_cpu(lambda size: print_addresses(unit * (size // len(unit)), address_of), 100_000)
