"""The tools that print or show `site_url` agree with the build, which writes it percent-encoded
(config/siteurl.as_uri): `bantin redirects` (its `--target-base` and the path it puts before
every target) and the offline copy's note, which shows the address readable while its link
stays the encoded one (session 42, province task 4 and 5)."""

from __future__ import annotations

import unicodedata

from pathlib import Path

import pytest

from bantin.cli.importer import main_redirects

SITE = "https://stp.gov.vn/bản-tin/"
ENCODED = "https://stp.gov.vn/b%E1%BA%A3n-tin"
NFD = unicodedata.normalize("NFD", SITE)  # `bản` as macOS types it: `a` + U+0309


def _site(tmp_path: Path, site_url: str) -> str:
    """A site with one published article and a map sending one old address to it."""
    (tmp_path / "content" / "tin-tuc").mkdir(parents=True)
    (tmp_path / "content" / "tin-tuc" / "b.md").write_text("---\ntitle: B\nslug: xong\n---\n", encoding="utf-8")
    (tmp_path / "redirects").mkdir()
    (tmp_path / "redirects" / "old-host.map").write_text("https://old/a.aspx?id=1 /tin-tuc/xong/\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: B\nsite_url: {site_url}\ndocs_dir: content\n", encoding="utf-8")
    return str(tmp_path / "mkdocs.yml")


def _redirects(config: str, capsys, *options: str) -> tuple[int, str, str]:
    status = main_redirects(["--redirect-map", str(Path(config).parent / "redirects" / "old-host.map"), *options],
                            config_file=config)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("site_url", [SITE, "https://stp.gov.vn/b%e1%ba%a3n-tin/", "https://stp.gov.vn/b%E1%BA%A3n-tin/", NFD])
def test_the_site_path_before_every_target_is_the_one_pages_carry(tmp_path, capsys, site_url):
    status, out, err = _redirects(_site(tmp_path, site_url), capsys)
    assert status == 0, err
    assert " /b%E1%BA%A3n-tin/tin-tuc/xong/;" in out


@pytest.mark.parametrize("base", [SITE, "https://stp.gov.vn/bản-tin", "https://stp.gov.vn/b%e1%ba%a3n-tin/",
                                  "https://STP.gov.vn/b%E1%BA%A3n-tin", NFD, NFD.rstrip("/")])
@pytest.mark.parametrize("server", ["--nginx", "--apache", "--caddy"])
def test_a_target_base_naming_the_site_in_any_spelling_is_the_site(tmp_path, capsys, base, server):
    """Typed with its letters, the site's own address was refused as "another path" and, on
    another host, pasted raw into the rules (nginx would send UTF-8 bytes in `Location`)."""
    config = _site(tmp_path, SITE)
    status, out, err = _redirects(config, capsys, server, "--target-base", base)
    assert status == 0, err
    rules = [line for line in out.splitlines() if not line.lstrip().startswith("#")]
    written = "b%E1%BA%A3n-tin/tin-tuc/xong/".replace("%", "\\%" if server == "--apache" else "%")  # mod_rewrite's `\%`
    assert written in out and all(line.isascii() for line in rules)


def test_a_vietnamese_target_base_on_another_host_is_encoded(tmp_path, capsys):
    config = _site(tmp_path, "https://bantin.stp.gov.vn/")
    status, out, err = _redirects(config, capsys, "--target-base", "https://bảntin.vn/bản-tin/")
    assert status == 0, err
    assert " https://xn--bntin-v11b.vn/b%E1%BA%A3n-tin/tin-tuc/xong/;" in out


def test_a_target_base_typed_in_nfd_is_the_same_address_as_in_nfc(tmp_path, capsys):
    """On another host (not compared with site_url) and against an NFD `site_url`: the same
    address typed two ways gives the same rules (a hostile review, session 42)."""
    typed = "https://bảntin.vn/bản-tin/"
    outputs = []
    for n, (site_url, base) in enumerate([("https://bantin.stp.gov.vn/", typed),
                                          ("https://bantin.stp.gov.vn/", unicodedata.normalize("NFD", typed)),
                                          (NFD, SITE), (SITE, NFD), (NFD, NFD)]):
        status, out, err = _redirects(_site(tmp_path / str(n), site_url), capsys, "--target-base", base)
        assert status == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1] and " https://xn--bntin-v11b.vn/b%E1%BA%A3n-tin/tin-tuc/xong/;" in outputs[0]
    assert outputs[2] == outputs[3] == outputs[4] and " https://stp.gov.vn/b%E1%BA%A3n-tin/tin-tuc/xong/;" in outputs[2]


@pytest.mark.parametrize("base", ["https://stp.gov.vn/", "https://stp.gov.vn/ban-tin"])
def test_a_target_base_leaving_out_the_vietnamese_path_is_refused_with_the_address_to_type(tmp_path, capsys, base):
    status, out, err = _redirects(_site(tmp_path, SITE), capsys, "--target-base", base)
    assert status == 1 and out == ""
    assert f"`--target-base {ENCODED}`" in err and "mkdocs.yml:2" in err


def test_a_target_base_on_the_site_host_written_as_idna_is_judged(tmp_path, capsys):
    """`bảntin.vn` in site_url and `xn--bntin-v11b.vn` typed are one host: the missing path is said."""
    status, out, err = _redirects(_site(tmp_path, "https://bảntin.vn/bản-tin/"), capsys,
                                  "--target-base", "https://xn--bntin-v11b.vn")
    assert status == 1 and "`--target-base https://xn--bntin-v11b.vn/b%E1%BA%A3n-tin`" in err


@pytest.mark.parametrize("site_url, shown, link", [
    (SITE, "https://stp.gov.vn/bản-tin/", "https://stp.gov.vn/b%E1%BA%A3n-tin/"),
    ("https://bảntin.vn/", "https://bảntin.vn/", "https://xn--bntin-v11b.vn/"),
    # an escape of an ASCII character, or of one that does not print, names something else: kept
    ("https://stp.gov.vn/a%2Fb%E2%80%AEc/", "https://stp.gov.vn/a%2Fb%E2%80%AEc/", "https://stp.gov.vn/a%2Fb%E2%80%AEc/"),
])
def test_the_offline_copy_shows_the_public_address_readable_and_links_it_encoded(tmp_path, site_url, shown, link):
    """The note of a USB copy is read by a commune official who types the address: it showed
    `/b%E1%BA%A3n-tin/`. Its text is now the address as written, its link the encoded one."""
    from sitekit import article, build, set_site_url, write_site

    root = write_site(tmp_path / "s", {"tin-tuc/moi.md": article("Tin mới", "2024-05-02")})
    set_site_url(root, site_url)
    build(root, "--no-directory-urls", "--site-dir", "copy")
    html = (root / "copy" / "index.html").read_text(encoding="utf-8")
    assert f'Bản mới nhất: <a href="{link}">{shown}</a>' in html
