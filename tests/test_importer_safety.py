"""Importer safety (issue 12): old-portal text stays text, old addresses never leave the
site, drafts get no redirects, and no pattern on imported text is quadratic."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import markdown
import pytest

from bantin.tools.importer.bylines import _BYLINE_SPLIT, _TRAILING_CREDIT
from bantin.cli.importer import main_redirects
from bantin.tools.importer.htmlpage import _plain_of_markdown
from bantin.tools.importer.lines import md_escape
from bantin.tools.importer.result import ImportFailure
from bantin.tools.importer.urls import classify_old_url
from bantin.tools.importer.writing import import_file, import_files

TODAY = date(2025, 1, 15)
LEAD = "Đoạn mở đầu đủ dài để làm tóm tắt của bài viết này, nói về những điều quan trọng nhất."


def page(tmp_path: Path, body: str, head: str = "", title: str = "Cảnh giác với lừa đảo qua mạng") -> Path:
    path = tmp_path / "trang.html"
    path.write_text(f"<html><head><title>{title}</title>{head}</head><body><h1>{title}</h1>"
                    f"<p class='date'>Ngày đăng: 02/05/2024</p><div class='content'><p>{LEAD}</p>"
                    f"{body}</div></body></html>", encoding="utf-8")
    return path


def _content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)
    return folder


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def rendered(path: Path) -> str:
    return markdown.markdown(body_of(path), extensions=["tables", "md_in_html", "attr_list"])


@pytest.mark.parametrize("href", [
    "http://x)<a href=https:evil.example>Nộp hồ sơ<iframe src=https:evil.example>(",
    "http://x/a)<a href=https:evil.example>Nộp hồ sơ<iframe src=https:evil.example>(",
    "http://u@x/", "http://x:99999/",
])
def test_a_links_address_cannot_carry_markup_into_the_import(tmp_path, href):
    """The host part was copied as written into `[label](address)`: an old page's href could
    close the link and plant its own link and frame (a hostile review, session 20)."""
    html = f"<p>Xem <a href=\"{href}\">liên kết</a> này.</p>"
    result = import_file(page(tmp_path, html), _content(tmp_path), today=TODAY)
    out = rendered(result.path)
    assert "<iframe" not in out and 'href="https:evil' not in out and "liên kết" in out


@pytest.mark.parametrize("html", [
    "<p>Kẻ gian gửi &lt;img src=x onerror=alert(1)&gt; đi kèm.</p>",
    "<p><strong>Đậm &lt;img src=x onerror=alert(1)&gt;</strong></p>",
    "<ul><li>Mục &lt;img src=x onerror=alert(1)&gt;</li></ul>",
    "<table><tr><td>Ô &lt;img src=x onerror=alert(1)&gt;</td></tr></table>",
    "<p><a href='https://x.vn/'>liên kết &lt;img src=x onerror=alert(1)&gt;</a></p>",
    "<blockquote>Trích &lt;img src=x onerror=alert(1)&gt;</blockquote>",
])
def test_escaped_markup_on_the_old_page_stays_text(tmp_path, html):
    result = import_file(page(tmp_path, html), _content(tmp_path), today=TODAY)
    out = rendered(result.path)
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out  # shown as the characters the old page showed


def test_entities_written_as_text_on_the_old_page_stay_as_written(tmp_path):
    """`&amp;lt;b&amp;gt;` showed "&lt;b&gt;" on the old page; it must not become "<b>"."""
    result = import_file(page(tmp_path, "<p>Viết &amp;lt;b&amp;gt; và &amp;#60;i&amp;#62; và A &amp; B.</p>"),
                         _content(tmp_path), today=TODAY)
    out = rendered(result.path)
    assert "Viết &amp;lt;b&amp;gt; và &amp;#60;i&amp;#62; và A &amp; B." in out


def test_md_escape_direct():
    assert md_escape("<b> & &lt; &#60; &x") == "&lt;b&gt; & &amp;lt; &amp;#60; &x"
    assert md_escape("> trích") == "\\&gt; trích" or md_escape("> trích").startswith("&gt;")


def test_page_text_that_reads_as_markup_stays_text(tmp_path):
    """A hostile review (session 32): `!!! danger` became a warning box (the sample site enables
    admonitions), `_x_` and `__x__` italic and bold with the underscores lost, and `\\===`
    showed its backslash. Each shows as the old page wrote it; `tên_tệp` is left unescaped."""
    body = ("<p>!!! danger \"Cảnh báo giả\"</p><p>__chữ đậm__ và _nghiêng_ và tên_tệp_của_tôi.</p>"
            "<p>Dòng một</p><p>===</p><p>## Câu hỏi 9: giả</p><p>Ngôn ngữ C# ###</p>")
    result = import_file(page(tmp_path, body), _content(tmp_path), today=TODAY)
    written = body_of(result.path)
    assert "tên_tệp_của_tôi" in written
    out = markdown.markdown(written, extensions=["tables", "md_in_html", "attr_list", "admonition"])
    assert "admonition" not in out and "<em>" not in out and "<strong>" not in out and "<h" not in out
    for text in ('!!! danger "Cảnh báo giả"', "__chữ đậm__ và _nghiêng_ và tên_tệp_của_tôi.", "<p>===</p>",
                 "## Câu hỏi 9: giả", "Ngôn ngữ C# ###"):
        assert text.replace('"', "&quot;") in out or text in out, text
    assert "\\" not in out


@pytest.mark.parametrize("text", ["Lập trình C# ###", "#", "a \\#", "---", "- - -", "___", "!!! note", "_x_ và x_y"])
def test_md_escape_shows_every_character_as_written(text):
    out = markdown.markdown(md_escape(text), extensions=["admonition", "attr_list"])
    assert out == f"<p>{text}</p>"
    heading = markdown.markdown(f"## {md_escape(text)} {{#ma}}", extensions=["attr_list"])
    assert heading == f'<h2 id="ma">{text}</h2>'


def test_a_page_imported_before_the_new_escapes_is_still_known(tmp_path):
    """Imported before `md_escape` escaped `_` (its file reads `_nghiêng_`) and retitled since:
    importing the page again is refused as the same text, not written twice (session 32)."""
    source = page(tmp_path, "<p>Kẻ gian viết _nghiêng_ và __đậm__ trong tin nhắn để lừa người dân nhẹ dạ.</p>")
    first = import_file(source, _content(tmp_path), today=TODAY)
    text = first.path.read_text(encoding="utf-8")
    assert "\\_nghiêng\\_" in text
    first.path.write_text(text.replace("\\_", "_").replace("title: Cảnh giác", "title: Đã sửa: Cảnh giác"),
                          encoding="utf-8")
    with pytest.raises(ImportFailure, match="đã được nhập thành"):
        import_file(source, _content(tmp_path), today=TODAY)
    assert len(list(_content(tmp_path).rglob("*.md"))) == 1


def test_summary_is_the_plain_text(tmp_path):
    result = import_file(page(tmp_path, "", title="Tin thử"), _content(tmp_path), today=TODAY)
    assert result.fields["summary"] == LEAD
    path = tmp_path / "b.html"
    path.write_text("<html><body><h1>Tin thử hai</h1><p class='date'>Ngày đăng: 02/05/2024</p><div class='content'>"
                    "<p>Kẻ gian gửi &lt;b&gt; và A &amp;amp; B cho người dân, đoạn đủ dài làm tóm tắt bài viết.</p>"
                    "</div></body></html>", encoding="utf-8")
    result = import_file(path, _content(tmp_path), today=TODAY)
    assert "Kẻ gian gửi <b> và A &amp; B" in result.fields["summary"]  # plain text: `&amp;` was text


@pytest.mark.parametrize("url", ["https://old.example.org/../theme/main.html", "https://old.example.org/a/../../x.html",
                                 "https://old.example.org/%2e%2e/x.html", "https://old.example.org/./a.html",
                                 "https://old.example.org/a/..%2F..%2Fx.html"])
def test_dot_segments_are_never_aliases(url):
    assert classify_old_url(url)[0] == "outside"


def test_canonical_link_leaving_the_site_is_refused_with_a_warning(tmp_path):
    head = "<link rel='canonical' href='https://old.example.org/../theme/main.html'>"
    result = import_file(page(tmp_path, "", head=head), _content(tmp_path), today=TODAY)
    text = result.path.read_text(encoding="utf-8")
    assert "aliases" not in text and ".." not in text
    assert any("`..`" in w for w in result.warnings)
    assert result.redirects == []


@pytest.mark.parametrize("href, why", [("http://cu.gov.vn/.well-known/x.html", "dấu chấm"),
                                       ("http://cu.gov.vn/tin.aspx?id=5&q=$(reboot);x={a}", "quy tắc máy chủ")])
def test_an_old_address_the_build_would_refuse_is_left_out_with_a_warning(tmp_path, href, why):
    """Written anyway, a hidden-folder alias stopped the next build and a `$` in the map stopped
    `bantin redirects` (a hostile review, session 20)."""
    head = f"<link rel='canonical' href='{href}'>"
    result = import_file(page(tmp_path, "", head=head), _content(tmp_path), today=TODAY)
    assert "aliases" not in result.path.read_text(encoding="utf-8") and result.redirects == []
    assert any(why in w and "đã bỏ qua địa chỉ cũ" in w for w in result.warnings), result.warnings


def test_plain_canonical_link_still_an_alias(tmp_path):
    head = "<link rel='canonical' href='https://old.example.org/tin-tuc/bai-cu.html'>"
    result = import_file(page(tmp_path, "", head=head), _content(tmp_path), today=TODAY)
    assert "/tin-tuc/bai-cu.html" in result.path.read_text(encoding="utf-8")


def test_a_drafts_redirect_is_not_in_the_map(tmp_path):
    """No title → the import is a draft; its ?ItemID= address must not be redirected yet."""
    path = tmp_path / "draft.html"
    path.write_text("<html><head><link rel='canonical' href='https://old.example.org/Pages/tin.aspx?ItemID=7'>"
                    "</head><body><div class='content'><p>Ngày đăng: 02/05/2024</p><p>" + LEAD + "</p></div>"
                    "</body></html>", encoding="utf-8")
    redirect_map = tmp_path / "chuyen-huong.txt"
    [result] = import_files([path], _content(tmp_path), today=TODAY, redirect_map=redirect_map)
    assert "draft: true" in result.path.read_text(encoding="utf-8")
    assert result.redirects == []
    assert not redirect_map.exists() or "ItemID=7" not in redirect_map.read_text(encoding="utf-8")
    assert any("bản nháp" in w and "ItemID=7" in w for w in result.warnings)


def test_redirects_command_leaves_out_draft_targets(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "tin-tuc").mkdir(parents=True)
    # Addresses come from `slug:` (else the title), not file names (issue 14).
    (content / "tin-tuc" / "a.md").write_text("---\ntitle: A\nslug: nhap\ndraft: true\n---\n", encoding="utf-8")
    (content / "tin-tuc" / "b.md").write_text("---\ntitle: B\nslug: xong\n---\n", encoding="utf-8")
    redirect_map = tmp_path / "map.txt"
    redirect_map.write_text("https://old/a.aspx?id=1 /tin-tuc/nhap/\nhttps://old/a.aspx?id=2 /tin-tuc/xong/\n",
                            encoding="utf-8")
    assert main_redirects(["--redirect-map", str(redirect_map), "--content-dir", str(content)]) == 0
    out, err = capsys.readouterr()
    assert "/tin-tuc/xong/" in out and "/tin-tuc/nhap/" not in out
    assert "bản nháp" in err


def test_redirects_reads_each_content_folder_once(tmp_path, capsys, monkeypatch):
    """A map of a few hundred lines read the whole articles' folder again for each line
    (`dict.setdefault` evaluates its default every time): minutes on a migrated portal."""
    import bantin.cli.importer as cli

    content = tmp_path / "content"
    (content / "tin-tuc").mkdir(parents=True)
    (content / "tin-tuc" / "b.md").write_text("---\ntitle: B\nslug: xong\n---\n", encoding="utf-8")
    redirect_map = tmp_path / "map.txt"
    redirect_map.write_text("".join(f"https://old/a.aspx?id={n} /tin-tuc/xong/\n" for n in range(30)), encoding="utf-8")
    reads = []
    monkeypatch.setattr(cli, "drafts_by_address", lambda folder: reads.append(folder) or {"xong": False})
    assert main_redirects(["--redirect-map", str(redirect_map), "--content-dir", str(content)]) == 0
    assert "id=29" in capsys.readouterr().out and len(reads) == 1


def test_redirects_reads_the_map_as_check_does(tmp_path, capsys):
    """`bantin redirects` holds the map to `bantin check`'s rules: never through a symbolic link
    (it would print another file's lines into server configuration and CI logs), not a folder,
    not bigger than MAX_MAP_BYTES; each refusal says what to do."""
    secret = tmp_path / "secret.txt"
    secret.write_text("https://old/a.aspx?id=1 /tin-tuc/bi-mat/\n", encoding="utf-8")
    link = tmp_path / "old-host.map"
    link.symlink_to(secret)
    assert main_redirects(["--redirect-map", str(link)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "bi-mat" not in err and "liên kết tượng trưng" in err
    assert main_redirects(["--redirect-map", str(tmp_path)]) == 1
    assert "đây là một thư mục, không phải tệp" in capsys.readouterr().err
    big = tmp_path / "big.map"
    with big.open("wb") as handle:
        handle.truncate(20_000_001)
    assert main_redirects(["--redirect-map", str(big)]) == 1
    assert "20 MB" in capsys.readouterr().err


@pytest.mark.parametrize("base", [
    "https://x.vn; return 200",            # nginx: the rest of the line would be configuration
    "https://x.vn/$1",                       # a variable / back reference
    "https://x.vn/%{HTTP_HOST}",            # an Apache variable
    "javascript:alert(1)", "//x.vn", "x.vn", "https://user@x.vn", "https://x.vn/?a=1", "https://x.vn/#a",
    "https://x.vn/ b", "https://x.vn\n",
])
def test_target_base_is_an_address_never_configuration(tmp_path, capsys, base):
    redirect_map = tmp_path / "old-host.map"
    redirect_map.write_text("https://old/a.aspx?id=1 /tin-tuc/xong/\n", encoding="utf-8")
    for server in ("--nginx", "--apache"):
        assert main_redirects([server, "--redirect-map", str(redirect_map), "--content-dir", str(tmp_path),
                               "--target-base", base]) == 1
        out, err = capsys.readouterr()
        assert out == "" and "--target-base" in err and "lỗi" in err


def test_a_good_target_base_goes_before_every_target(tmp_path, capsys):
    redirect_map = tmp_path / "old-host.map"
    redirect_map.write_text("https://old/a.aspx?id=1 /tin-tuc/xong/\n", encoding="utf-8")
    assert main_redirects(["--redirect-map", str(redirect_map), "--content-dir", str(tmp_path),
                           "--target-base", "https://stp.songlam.gov.vn/bantin/"]) == 0
    assert " https://stp.songlam.gov.vn/bantin/tin-tuc/xong/;" in capsys.readouterr().out


# --- linear patterns on imported text ---------------------------------------------------------

@pytest.mark.parametrize("unit", ["a" + " " * 20, "[a](", "\\[", "Tin:  ", " (", "- "])
def test_patterns_on_imported_text_are_linear(unit):
    """Safety regression, not a benchmark: 300 KB in a few seconds (quadratic took minutes)."""
    text = unit * (300_000 // len(unit))
    started = time.process_time()
    _TRAILING_CREDIT.search(text)
    _BYLINE_SPLIT.split(text, maxsplit=1)
    _plain_of_markdown(text)
    md_escape(text)
    assert time.process_time() - started < 5


def test_invisible_characters_of_the_old_page_are_not_imported(tmp_path):
    """`&#x7;` (BEL) and `&#x202E;` (right-to-left override) on the old page would be reported
    by `bantin check` in the imported file, or turn text around on screen: they are dropped."""
    result = import_file(page(tmp_path, "<p>Chuông&#x7; và chữ &#x202E;ngược&#x202C; hết.</p>"),
                         _content(tmp_path), today=TODAY)
    text = result.path.read_text(encoding="utf-8")
    assert "Chuông và chữ ngược hết." in text
    assert not any(c in text for c in "\x07\u202e\u202c")


def test_a_broken_link_address_does_not_stop_the_import(tmp_path):
    """`http://[::1/` made urlsplit raise and the whole page failed (hostile review, session 20)."""
    result = import_file(page(tmp_path, "<p>Xem <a href='http://[::1/'>đây</a>.</p>"), _content(tmp_path), today=TODAY)
    assert "đây" in body_of(result.path)


@pytest.mark.parametrize("url, host", [
    ("http://faß.de/a", "xn--fa-hia.de"),  # IDNA 2003 made it fass.de, another host
    ("https://Sởtưpháp.vn/tin", "xn--stphp-0qa06lv43k.vn"),
    ("https://SO-TU-PHAP.vn/", "so-tu-phap.vn"),
    # IDNA 2008 refuses these; browsers follow them, and so did the importer before (IDNA 2003).
    ("http://i\u2764.ws/", "xn--i-7iq.ws"),
    ("http://\U0001f600.vn/", "xn--e28h.vn"),
])
def test_a_link_keeps_the_host_a_browser_resolves(url, host):
    from urllib.parse import urlsplit

    from bantin.tools.importer.urls import normalize_url

    assert urlsplit(normalize_url(url)).netloc == host


@pytest.mark.parametrize("url", ["http://a\u200db.vn/", "http://s\u1edf..vn/", "http://" + "\u1edf" * 70 + ".vn/"])
def test_a_host_idna_refuses_is_no_link(url):
    """A joiner (IDNA 2003 would delete it: another host), an empty label, a label too long:
    no host a browser would go to, so no link."""
    from bantin.tools.importer.urls import normalize_url

    assert normalize_url(url) is None


def test_a_protocol_relative_address_names_its_host_with_a_scheme():
    """`//host/x` (a canonical written without its scheme) was kept as a "root-relative path",
    and the redirect map got a line no server rule matches (session 32's hostile review)."""
    from bantin.tools.importer.urls import normalize_url

    assert normalize_url("//stp.songlam.gov.vn/Pages/a.aspx?ItemID=6") == "http://stp.songlam.gov.vn/Pages/a.aspx?ItemID=6"
    assert normalize_url("//stp.songlam.gov.vn/a", "https://stp.songlam.gov.vn/") == "https://stp.songlam.gov.vn/a"
    assert normalize_url("/Pages/a.aspx?ItemID=6") == "/Pages/a.aspx?ItemID=6"


def test_a_canonical_on_another_host_than_the_page_was_saved_from_is_not_its_old_address():
    """A portal that republishes an article points its canonical at the source (another site):
    that is not an address of the old portal, and a rule for its path on the portal's server
    would send an unrelated page of the portal to the article. The address the page was saved
    from names the portal; the other host's address is said, not mapped."""
    from bantin.tools.importer.htmlpage import analyse_html

    page = ("<!-- saved from url=(0048)https://stp.songlam.gov.vn/tin-tuc/bai-123.html -->\n"
            "<html><head><meta charset='utf-8'><title>Tập huấn hòa giải</title>"
            "<link rel='canonical' href='https://baochinhphu.vn/tap-huan-hoa-giai-102.htm'></head><body>"
            "<h1>Tập huấn hòa giải viên ở huyện Đông Sơn</h1><p>Tham dự hội nghị có hơn 120 hòa giải viên của 15 "
            "xã, thị trấn trên địa bàn huyện, cùng đại diện Ủy ban nhân dân các xã.</p><p>Tại hội nghị, báo cáo "
            "viên đã giới thiệu <a href='/tin-tuc/bai-99.html'>Luật Hòa giải ở cơ sở</a> và các văn bản hướng "
            "dẫn thi hành.</p></body></html>")
    found = analyse_html(page)
    assert found.urls == ["https://stp.songlam.gov.vn/tin-tuc/bai-123.html"]
    assert any("baochinhphu.vn" in w and "stp.songlam.gov.vn" in w for w in found.warnings), found.warnings
    assert "https://stp.songlam.gov.vn/tin-tuc/bai-99.html" in " ".join(b.markdown for b in found.body)


# --- A page longer than any article (decisions.md, "Session 33: a page too long …") -----------


def test_a_page_showing_more_text_than_any_article_is_refused_before_it_is_analysed(tmp_path):
    """Review of session 32: a 15 MB page became a 14 MB article, or was refused as a question
    only after 215 s of analysis. Refused on the text it shows, with nothing written."""
    path = page(tmp_path, PARAGRAPH * 32_000)  # 2.2 million characters shown, spaces aside
    content = _content(tmp_path)
    with pytest.raises(ImportFailure) as caught:
        import_file(path, content, today=TODAY)
    message = str(caught.value)
    assert re.search(r"trang\.html: trang có 2\.\d{3}\.\d{3} ký tự \(không kể dấu cách\), quá giới hạn 2\.000\.000 "
                     "ký tự", message), message
    assert "chép phần cần giữ vào một tệp .txt" in message
    assert list(content.iterdir()) == []


PARAGRAPH = "<p>Hòa giải viên có quyền được hưởng thù lao theo vụ việc, được bồi dưỡng kỹ năng.</p>\n"


def test_a_text_copy_is_counted_as_its_page_is(tmp_path):
    """The message advises a .txt copy: a page refused as HTML was counted without its spaces, its
    copy with them, so the two disagreed on the same words (hostile review, session 33)."""
    html = page(tmp_path, PARAGRAPH * 32_000)
    copy = tmp_path / "ban-chep.txt"
    copy.write_text("Cảnh giác với lừa đảo qua mạng\n\n" + "\n\n".join(
        re.sub(r"</?p>", "", line) for line in (f"Ngày đăng: 02/05/2024\n{LEAD}\n" + PARAGRAPH * 32_000).splitlines()),
        encoding="utf-8")
    counts = []
    for path in (html, copy):
        with pytest.raises(ImportFailure) as caught:
            import_file(path, _content(tmp_path), today=TODAY)
        counts.append(re.search(r"trang có ([\d.]+) ký tự", str(caught.value)).group(1))
    assert counts[0] == counts[1], counts


def test_text_no_reader_sees_is_not_counted(tmp_path):
    """A short article whose page carries two million characters in <noscript>, <textarea> and
    <template> was refused with a count the editor could not find on the page."""
    hidden = "chữ" * 350_000
    path = page(tmp_path, f"<noscript>{hidden}</noscript><textarea>{hidden}</textarea><template>{hidden}</template>"
                          "<p>Đoạn thứ hai của bài viết.</p>")
    result = import_file(path, _content(tmp_path), today=TODAY)
    assert "Đoạn thứ hai của bài viết." in body_of(result.path)


def test_an_xhtml_page_with_its_xml_declaration_imports(tmp_path):
    """lxml refuses a text that declares an encoding: an XHTML page saved with its
    `<?xml … encoding?>` was refused as having no paragraph (hostile review, session 33)."""
    path = tmp_path / "xhtml.html"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
                    'Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Hội nghị phổ biến pháp luật</title></head>'
                    f"<body><h1>Hội nghị phổ biến pháp luật</h1><p>{LEAD}</p><p>Đoạn thứ hai của bài viết.</p>"
                    "</body></html>", encoding="utf-8")
    result = import_file(path, _content(tmp_path), today=TODAY)
    assert "Đoạn thứ hai của bài viết." in body_of(result.path)


def test_one_paragraph_longer_than_libxml2_reads_is_measured_whole(tmp_path):
    """libxml2 stops a text node over 10 MB short unless told otherwise: a page of one 11 MB
    paragraph measured 0 characters and went on to minutes of analysis."""
    path = tmp_path / "mot-doan.html"
    path.write_text("<html><body><h1>Một đoạn rất dài</h1><p>" + "chữ " * 2_800_000 + "</p></body></html>",
                    encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"trang có 8\.400\.\d{3} ký tự \(không kể dấu cách\)"):
        import_file(path, _content(tmp_path), today=TODAY)


def test_a_page_whose_size_is_its_pictures_and_scripts_still_imports(tmp_path):
    """The limit counts the text shown, not the file: 3 MB of a picture written into the page
    (a data: address) and of script is no reason to refuse an ordinary article."""
    picture = "<img alt='' src='data:image/png;base64," + "A" * 1_500_000 + "'>"
    script = "<script>var x = '" + "b" * 1_500_000 + "';</script>"
    path = page(tmp_path, f"<p>Đoạn thứ hai của bài viết.</p>{picture}{script}")
    result = import_file(path, _content(tmp_path), today=TODAY)
    assert "Đoạn thứ hai của bài viết." in body_of(result.path)


def _nested(tag: str, n: int = 300) -> str:
    return "".join(f"<{tag}>Đoạn số {i}. Người dân được hướng dẫn thủ tục tại Sở Tư pháp tỉnh.<br><br>\n"
                   for i in range(n)) + "<p>Câu cuối cùng của bài.</p>"


def test_a_font_tag_left_open_in_every_paragraph_loses_nothing(tmp_path):
    """FrontPage-era pages open <font> in each paragraph and never close it: past 256 levels
    libxml2 stopped reading, and the last 47 of 300 paragraphs were dropped without a word
    (hostile review, session 33)."""
    result = import_file(page(tmp_path, _nested("font face=Arial")), _content(tmp_path), today=TODAY)
    body = body_of(result.path)
    assert "Đoạn số 299." in body and "Câu cuối cùng của bài." in body


def test_other_tags_nested_past_what_the_parser_reads_are_said(tmp_path):
    """A tag other than <font> left open as deep: what the parser did not read cannot be found
    by the loss check, so the report says the page is too deep to be read whole."""
    result = import_file(page(tmp_path, _nested("span")), _content(tmp_path), today=TODAY)
    assert "Câu cuối cùng của bài." not in body_of(result.path)
    assert any("không đọc hết (thẻ lồng nhau hơn 256 lớp" in line for line in result.report(tmp_path / "content"))


def test_a_font_tag_in_a_comment_or_an_attribute_of_an_ordinary_page_is_left_as_it_is(tmp_path):
    """Taken out of every page, `<font` inside a comment ate the comment's end and every
    paragraph after it, and inside an attribute its paragraph (second review, session 33):
    only a page too deep to read loses its <font> tags."""
    body = ("<!-- cũ: <font size=2 --><p>Đoạn sau chú thích vẫn phải có trong bài nhập.</p>"
            "<p title='chữ <font'>Đoạn có thuộc tính vẫn phải có trong bài nhập.</p>")
    text = body_of(import_file(page(tmp_path, body), _content(tmp_path), today=TODAY).path)
    assert "Đoạn sau chú thích vẫn phải có" in text and "Đoạn có thuộc tính vẫn phải có" in text


def test_a_script_over_what_the_parser_reads_in_one_piece_is_said(tmp_path):
    """libxml2 stops at one text over 10 MB (a script, a picture written into the page): the
    paragraphs after it were dropped without a word (second review, session 33)."""
    body = "<script>var x = '" + "a" * 11_000_000 + "';</script><p>Đoạn sau đoạn mã của trang.</p>"
    result = import_file(page(tmp_path, body), _content(tmp_path), today=TODAY)
    assert any("libxml2 không đọc hết" in line for line in result.report(tmp_path / "content"))
