"""A draft's address holds its title's words: no form of a link to it may leave the address in
the published site, not in the page, its description, the feeds or the search index (session 38,
security review F3-F5). Each form below published `ban-nhap-bi-mat` before: a reference link or
a raw `<a>` whose words are the address lost the link and kept the words; an autolink to the
draft in another link's words stayed as its words; the preview's autolink there stayed a live
link to the reader's own computer; and an autolink in a link's title was rewritten into Markdown
in the title."""

from __future__ import annotations

import pytest

from bantin.content.links import Autolink, _read, autolinks, files_for_addresses
from sitekit import article, build as mkdocs_build, read, run_bantin, write_site
from bantin.site.printlinks import without_print_addresses

SITE = "https://bantin.example.org"
DRAFT_ADDRESS = f"{SITE}/tin-tuc/ban-nhap-bi-mat/"
PREVIEW = "http://127.0.0.1:8000/tin-tuc/ban-nhap-bi-mat/"
LINKING = "tin-tuc/lien-ket.md"
# Front matter is 5 lines: the body's lines are 6, 8, 10, …
BODY = (f"Mot [{DRAFT_ADDRESS}][r] và [bài nháp][r] ở đây.\n\n"                   # 6: a reference link (F3)
        f'Hai <a href="nhap.md">{DRAFT_ADDRESS}</a> ở đây.\n\n'                  # 8: raw HTML (F3)
        f"Ba [xem <{DRAFT_ADDRESS}>](khac.md) ở đây.\n\n"                        # 10: autolink in words
        f"Bon [xem <{PREVIEW}>](khac.md) ở đây.\n\n"                             # 12: the preview's (F4)
        f'Nam [a](khac.md "<{SITE}/tin-tuc/trang-khac/>") ở đây.\n\n'            # 14: in a title (F5)
        f"Sau [xem <{DRAFT_ADDRESS}>][k] ở đây.\n\n"                             # 16: in a reference's words
        "Bay [xem <http://127.0.0.1:8000/tin-tuc/trang-khac/>](khac.md) ở đây.\n\n"  # 18: a page's, preview
        "[r]: nhap.md\n"                                                          # 20
        "[k]: khac.md\n")
FILES = {
    LINKING: article("Liên kết", body=BODY),
    "tin-tuc/khac.md": article("Trang khác"),
    "tin-tuc/nhap.md": article("Bản nháp bí mật", draft=True),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("draftaddress"), FILES)


def test_a_strict_build_publishes_no_form_of_the_draft_s_address(site):
    mkdocs_build(site)  # --strict: fails the test when the build fails
    page = without_print_addresses(read(site, "tin-tuc/lien-ket/index.html"))  # the screen's
    for shown in ("<p>Mot  và bài nháp ở đây.</p>", "<p>Hai  ở đây.</p>",
                  '<p>Ba <a href="../trang-khac/">xem </a> ở đây.</p>', '<p>Bon <a href="../trang-khac/">xem </a> ở đây.</p>',
                  f'<p>Nam <a href="../trang-khac/" title="&lt;{SITE}/tin-tuc/trang-khac/&gt;">a</a> ở đây.</p>',
                  '<p>Sau <a href="../trang-khac/">xem </a> ở đây.</p>',
                  '<p>Bay <a href="../trang-khac/">xem http://127.0.0.1:8000/tin-tuc/trang-khac/</a> ở đây.</p>'):
        assert shown in page, (shown, page)
    assert 'href="http://127.0.0.1' not in page  # no link to the reader's own computer
    feed, search = read(site, "feed.xml"), read(site, "assets/search/d/0-0.js")
    said = "Mot và bài nháp ở đây. Hai ở đây. Ba xem ở đây. Bon xem ở đây."
    assert f"<summary>{said}" in feed and f'"x":"{said}' in search
    texts = [path for path in (site / "site").rglob("*") if path.suffix in (".html", ".xml", ".js", ".json", ".txt")]
    leaked = [str(path.relative_to(site)) for path in texts if "ban-nhap-bi-mat" in path.read_text(encoding="utf-8")]
    assert leaked == []  # page, description, feeds, search, sitemap


def test_the_warnings_say_the_address_goes_with_the_link(site):
    done = run_bantin(site, "check")
    assert done.returncode == 0, done.stdout
    warned = {line.split(": cảnh báo: ")[0].split(":")[1]: line for line in done.stdout.splitlines()
              if line.startswith(LINKING) and "trang đang là bản nháp" in line}
    assert sorted(warned, key=int) == ["8", "10", "12", "16", "20"], done.stdout
    for number in ("8", "10", "12", "16"):
        assert "liên kết và địa chỉ của nó được bỏ khỏi trang" in warned[number], warned[number]
    # the definition: one use keeps its words, the other is the address and goes
    assert ("liên kết hiện thành chữ thường, không bấm được; chỗ nào chữ của liên kết là một địa chỉ web thì "
            "bỏ cả chữ (địa chỉ của bản nháp để lộ tên bài chưa đăng)") in warned["20"]
    assert f"{LINKING}:12: cảnh báo: liên kết `{PREVIEW}` là địa chỉ của bản xem trước" in done.stdout


def test_the_preview_s_address_of_no_page_in_a_link_s_words_is_an_error(tmp_path):
    """It was a live link, nested in the other, to the reader's own computer (F4)."""
    files = {**FILES, LINKING: article("Liên kết", body="Xem\n[xem <http://127.0.0.1:8000/tin-tuc/khong-co/>](khac.md).\n")}
    done = run_bantin(write_site(tmp_path / "s", files), "check")
    assert done.returncode != 0
    assert (f"{LINKING}:7: lỗi: liên kết `http://127.0.0.1:8000/tin-tuc/khong-co/` là địa chỉ của bản xem trước"
            in done.stdout), done.stdout


@pytest.mark.parametrize("body, found", [
    ('[a](b.md "<https://a.org/x>")', []),  # a title is text (F5)
    ("[a](<b.md> '<https://a.org/x>') <https://a.org/y>", [Autolink(32, 49, "https://a.org/y", False)]),
    ("[xem <https://a.org/x>][r]\n\n[r]: b.md\n", [Autolink(5, 22, "https://a.org/x", True)]),
    ("[<https://a.org/x>]\n\n[<https://a.org/x>]: b.md\n", [Autolink(1, 18, "https://a.org/x", True)]),
    ("[xem <https://a.org/x>][khong]", [Autolink(5, 22, "https://a.org/x", False)]),  # no such label: no link
])
def test_autolinks_in_titles_and_reference_words(body, found):
    """As Python-Markdown reads them (checked against it: the title is an attribute, a defined
    reference's words hold a nested `<a>`, an undefined one's do not)."""
    assert autolinks(_read(body)) == found


def test_an_autolink_to_a_draft_is_dropped_wherever_it_is_written():
    files = {DRAFT_ADDRESS: "nhap.md", f"{SITE}/tin-tuc/trang-khac/": "khac.md"}
    body = f"[xem <{DRAFT_ADDRESS}>](khac.md) <{DRAFT_ADDRESS}> [xem <{SITE}/tin-tuc/trang-khac/>](b.md)"
    assert files_for_addresses(body, files, {DRAFT_ADDRESS}) == \
        r"[xem ](khac.md)  [xem https://bantin\.example\.org/tin\-tuc/trang\-khac/](b.md)"  # as written, escaped


EMPHASISED = (f"Mot [**{DRAFT_ADDRESS}**](nhap.md) ở đây.\n\n"
              f"Hai [*{DRAFT_ADDRESS}*](nhap.md) ở đây.\n\n"
              f"Ba [`{DRAFT_ADDRESS}`](nhap.md) ở đây.\n\n"
              f"Bon [**{DRAFT_ADDRESS}**][r] ở đây.\n\n"
              f'Nam <a href="nhap.md">_{DRAFT_ADDRESS}_</a> ở đây.\n\n'
              f'Sau <a href="nhap.md">{DRAFT_ADDRESS}\n\n'
              f'Bay <a href="nhap.md">{DRAFT_ADDRESS}<a href="khac.md">khác</a> ở đây.\n\n'
              "Tam [bài nháp](nhap.md) ở đây.\n\n"
              "[r]: nhap.md\n")


def test_an_address_in_bold_italic_or_code_or_an_unclosed_a_goes_with_the_link(tmp_path):
    """The second review of session 38 (F1): words that are the draft's address in bold,
    italics or code, and a raw `<a>` no `</a>` closes (the browser ends it at another `<a` or
    at the paragraph's end), kept the address in the page, its description, the feeds and the
    search index. Words that are not an address stay, as before."""
    site = write_site(tmp_path, {**FILES, LINKING: article("Liên kết", body=EMPHASISED)})
    mkdocs_build(site)
    page = read(site, "tin-tuc/lien-ket/index.html")
    assert "<p>Tam bài nháp ở đây.</p>" in page and '<a href="../trang-khac/">khác</a>' in page
    texts = [path for path in (site / "site").rglob("*") if path.suffix in (".html", ".xml", ".js", ".json", ".txt")]
    leaked = [str(path.relative_to(site)) for path in texts if "ban-nhap-bi-mat" in path.read_text(encoding="utf-8")]
    assert leaked == []


def test_an_attribute_list_goes_with_the_link_it_was_written_for(tmp_path):
    """`[a](nhap.md){: title="…"}`: the link to the draft became its words and its attribute
    list stayed as text, so the page showed «Xem bài chi tiết{ .md-button }» and a title holding
    the draft's address published it (second review of session 38, F4)."""
    body = ("Mot [Xem bài chi tiết](nhap.md){ .md-button } ở đây.\n\n"
            f'Hai [bài]({"nhap.md"}){{: title="{DRAFT_ADDRESS}"}} ở đây.\n\n'
            "Ba [bài][r]{: .md-button } ở đây.\n\n"
            "Bon [trang khác](khac.md){: .md-button } ở đây.\n\n"
            "[r]: nhap.md\n")
    site = write_site(tmp_path, {**FILES, LINKING: article("Liên kết", body=body)})
    mkdocs_build(site)
    page = without_print_addresses(read(site, "tin-tuc/lien-ket/index.html"))  # the screen's
    for shown in ("<p>Mot Xem bài chi tiết ở đây.</p>", "<p>Hai bài ở đây.</p>", "<p>Ba bài ở đây.</p>",
                  'href="../trang-khac/">trang khác</a> ở đây.</p>'):  # a page's link: attr_list reads its list
        assert shown in page, (shown, page)
    texts = [path for path in (site / "site").rglob("*") if path.suffix in (".html", ".xml", ".js", ".json", ".txt")]
    assert [str(p.relative_to(site)) for p in texts if "ban-nhap-bi-mat" in p.read_text(encoding="utf-8")] == []
