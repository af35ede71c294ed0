"""A publishing build refuses a placeholder `site_url` (issue 14, operators): QR codes, short
links, the sitemap and feeds would carry it. Previews (an editor's machine, `--preview` in CI)
only warn, so `make site` on the sample (https://bantin.example.org/) keeps working."""

from __future__ import annotations

import unicodedata

import os

import pytest
from sitekit import article, build, run_bantin, set_site_url, write_site

from bantin.config.siteurl import placeholder_reason, site_url_problem

PLACEHOLDERS = [
    None, "", "   ", "https://bantin.example.org/", "https://example.org/", "http://EXAMPLE.COM/",
    "https://a.b.example.net/bantin/", "https://bantin.example.org./", "https://tinh.example/",
    "https://site.test/", "https://x.invalid/", "http://localhost:8000/", "http://app.localhost/",
    "http://127.0.0.1:8000/", "http://[::1]/", "http://0.0.0.0/", "http://may-chu.local/",
    "bantin.songlam.gov.vn", "ftp://bantin.songlam.gov.vn/", "https:///", "http://[::1/",
    # malformed, seen when a province typed its address (session 18's review)
    "https://https://stp.songlam.gov.vn/", "https://stp.songlam.gov.vn/ ", " https://stp.songlam.gov.vn/",
    "https://stp.songlam.gov.vn/tin tuc/", "https://stp.songlam.gov.vn/?a=1", "https://stp.songlam.gov.vn/#dau",
    "https://stp.songlam.gov.vn/?", "http://phapluat/", "https://stp.songlam.gov.vn/\n",
]
REAL = ["https://stp.songlam.gov.vn/", "https://songlam.gov.vn/ban-tin/", "http://10.0.0.5/", "http://[fd00::5]/",
        "https://stp.songlam.gov.vn:8443/", "http://192.168.1.20:8080/ban-tin/",
        "https://myexample.org/", "https://example.org.vn/", "https://tỉnh.vn/", "https://user.github.io/repo/"]


@pytest.mark.parametrize("url", PLACEHOLDERS)
def test_placeholders_are_named(url):
    assert placeholder_reason(url)


@pytest.mark.parametrize("url", REAL)
def test_real_addresses_pass(url):
    assert placeholder_reason(url) is None


def test_the_error_names_the_line_and_says_what_to_type(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Thử\n\nsite_url: https://bantin.example.org/\n", encoding="utf-8")
    error = site_url_problem(str(config), "https://bantin.example.org/", publishing=True)
    text = str(error)
    assert error.is_error and text.startswith(f"{config}:3: [site_url] lỗi:")
    assert "example.org" in text and "mã QR" in text and "site_url: https://" in text and "--preview" in text
    warning = site_url_problem(str(config), "https://bantin.example.org/", publishing=False)
    assert not warning.is_error and "--publish" in str(warning)
    assert site_url_problem(str(config), "https://stp.songlam.gov.vn/", publishing=True) is None
    missing = site_url_problem(None, None, publishing=True)
    assert str(missing).startswith("mkdocs.yml: [site_url] lỗi: chưa có `site_url`")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("siteurl"), {"tin-tuc/a.md": article("Bài một")})


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def test_publishing_builds_stop_before_building(site):
    for args, env in ((["--publish"], _env()), ([], _env(CI="true")), ([], _env(CI="1"))):
        done = run_bantin(site, "build", "-d", "out", *args, env=env)
        assert done.returncode == 1, (args, done.stdout)
        assert "[site_url] lỗi:" in done.stdout and "example.org" in done.stdout
        assert "Traceback" not in done.stdout
        assert not (site / "out").exists()  # nothing built, nothing replaced


def test_previews_build_and_warn(site):
    """An editor's machine (`make site`) and a merge request's preview in CI."""
    for args, env in (([], _env()), (["--preview"], _env(CI="true")), ([], _env(CI="false"))):
        done = run_bantin(site, "build", "-d", "out", *args, env=env)
        assert done.returncode == 0, (args, done.stdout)
        assert "[site_url] cảnh báo:" in done.stdout
        assert (site / "out" / "index.html").is_file()


def test_a_real_address_publishes_in_ci_without_a_word(tmp_path):
    root = set_site_url(write_site(tmp_path, {"tin-tuc/a.md": article("Bài một")}), "https://stp.songlam.gov.vn/")
    done = run_bantin(root, "build", env=_env(CI="true"))
    assert done.returncode == 0, done.stdout
    assert "site_url" not in done.stdout


def test_preview_and_publish_exclude_each_other(site):
    done = run_bantin(site, "build", "--preview", "--publish", env=_env())
    assert done.returncode == 2 and "không dùng được --publish cùng với --preview" in done.stdout


@pytest.mark.parametrize("cname, warned", [(b"phapluat.thu.gov.vn\n", False), (b"PhapLuat.Thu.gov.vn.\r\n", False),
                                           (b"phapluat.khac.gov.vn\n", True), (b"", False), (None, False)])
def test_cname_must_name_the_site_urls_host(cname, warned):
    """GitHub Pages serves the CNAME's domain; QR codes carry site_url's (session 20)."""
    from bantin.config.siteurl import cname_problem

    problem = cname_problem("https://phapluat.thu.gov.vn/", cname)
    assert (problem is not None) is warned
    if warned:
        assert problem.path == "CNAME" and problem.severity == "cảnh báo" and "phapluat.khac.gov.vn" in problem.message


@pytest.mark.parametrize("site_url, cname", [("https://bảntin.vn/", "bảntin.vn"), ("https://bảntin.vn/", "xn--bntin-v11b.vn"),
                                            ("https://xn--bntin-v11b.vn/", "bảntin.vn")])
def test_a_cname_and_a_site_url_naming_one_vietnamese_domain_agree(site_url, cname):
    """The build reads `site_url` with its host as IDNA (siteurl.as_uri, the session 41 review
    M3): a CNAME naming the same domain in letters or as `xn--…` is no mismatch."""
    from bantin.config.siteurl import as_uri, cname_problem

    assert cname_problem(as_uri(site_url), cname.encode()) is None
    assert cname_problem(as_uri(site_url), "khác.vn".encode()) is not None


@pytest.mark.parametrize("preview", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/",
                                     "http://127.0.0.2:8000/", "http://[::ffff:127.0.0.1]:8000/"])
def test_the_live_preview_s_own_address_is_no_cname_mismatch(preview):
    """`bantin serve` / `bantin edit` put their own address into site_url: the province's
    domain in CNAME is right (a province's trial read the warning as a fault)."""
    from bantin.config.siteurl import cname_problem

    assert cname_problem(preview, b"pbgdpl.hatinh.gov.vn\n") is None


@pytest.mark.parametrize("url, refused", [("https://stp.quangtri.gov.vn/ban-tin/", True),
                                          ("https://stp.quangtri.gov.vn/ban-tin", True),
                                          ("https://stp.quangtri.gov.vn/a/b/", True),
                                          ("https://stp.quangtri.gov.vn/", False),
                                          ("https://stp.quangtri.gov.vn", False),
                                          ("http://127.0.0.1:8000/ban-tin/", False)])
def test_cname_with_a_site_url_under_a_path_is_an_error(url, refused):
    """GitHub Pages serves a custom domain at its root: with a path in site_url every QR code,
    short link, canonical and sitemap address 404s (an outsiders' trial, session 34)."""
    from bantin.config.siteurl import cname_problem

    problem = cname_problem(url, b"stp.quangtri.gov.vn\n")
    assert (problem is not None) is refused
    if refused:
        text = str(problem)
        assert problem.is_error and problem.path == "CNAME"
        assert "gốc" in text and "`site_url: https://stp.quangtri.gov.vn/`" in text and "xóa" in text
        assert "tên miền con" in text and "`bantin.stp.quangtri.gov.vn`" in text and "content/CNAME" in text


def test_cname_with_a_path_stops_check_and_build(tmp_path):
    root = set_site_url(write_site(tmp_path, {"tin-tuc/a.md": article("Bài một"), "CNAME": "stp.quangtri.gov.vn\n"}),
                        "https://stp.quangtri.gov.vn/ban-tin/")
    for command in ("check", "build"):
        done = run_bantin(root, command, env=_env())
        assert done.returncode != 0, done.stdout
        assert "CNAME:1: lỗi: có tệp content/CNAME" in done.stdout and "/ban-tin/" in done.stdout, done.stdout
    assert not (root / "site" / "index.html").exists()


GITHUB = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "stp-quangtri/bantin-quangtri"}


@pytest.mark.parametrize("url, warned", [
    ("https://stp-quangtri.github.io", True), ("https://stp-quangtri.github.io/", True),
    ("https://stp-quangtri.github.io/ban-tin/", True), ("https://khac.github.io/bantin-quangtri/", True),
    ("https://stp-quangtri.github.io/bantin-quangtri/", False), ("https://stp-quangtri.github.io/bantin-quangtri", False),
    ("https://STP-QuangTri.github.io/Bantin-QuangTri/", False),
    ("https://fluffy-disco-9x3k.pages.github.io/", False),  # Enterprise Cloud private Pages: a name GitHub picks
    ("https://stp.quangtri.gov.vn/", False), ("https://stp.quangtri.gov.vn/bantin-quangtri/", False),
    ("https://bantin.example.org/", False)])  # a placeholder: site_url_problem's own error
def test_a_github_pages_site_url_other_than_the_repository_s_address_is_a_warning(url, warned):
    """A province's trial (session 41): `https://stp-quangtri.github.io` for the repository
    stp-quangtri/bantin-quangtri published; pages opened (relative links) while every QR code,
    short link, feed and sitemap address and the 404 page's styles lacked `/bantin-quangtri/`.
    A warning naming both addresses and how to tell which answers, never an error: the same
    `site_url` is right when the workflow pushes to the organisation's `<owner>.github.io`
    repository (the session 41 review, M2). A custom domain is the province's choice: no word."""
    from bantin.config.siteurl import pages_address_problem

    found = pages_address_problem("mkdocs.yml", url, GITHUB, cname=False)
    assert (found is not None) == warned, (url, found)
    if warned:
        assert not found.is_error
        assert "`site_url: https://stp-quangtri.github.io/bantin-quangtri/`" in str(found) and "mã QR" in str(found)
        assert f"mở `{url.rstrip('/')}/`" in found.fix or f"mở `{url}`" in found.fix  # how to tell which is right
        assert "external_repository" in found.message
        assert pages_address_problem("mkdocs.yml", url, GITHUB, cname=True) is None
        assert pages_address_problem("mkdocs.yml", url, {}, cname=False) is None  # not in CI
    root = pages_address_problem("mkdocs.yml", "https://stp-quangtri.github.io/x/",
                                 {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "STP-QuangTri/stp-quangtri.github.io"},
                                 cname=False)
    assert root is not None and "`site_url: https://stp-quangtri.github.io/`" in str(root)


@pytest.mark.parametrize("repository, url", [
    ("stp-quangtri/bantin", "https://stp-quangtri.github.io/"),  # actions-gh-pages' external_repository
    ("nguyenvana/bantin-quangtri", "https://stp-quangtri.github.io/bantin-quangtri/"),  # a fork's build
    ("stp-quangtri/bantin", "https://fluffy-disco-9x3k.pages.github.io/")])  # private Pages
def test_real_github_layouts_publish(tmp_path, repository, url):
    """The session 41 review (M2): a site built in `stp-quangtri/bantin` and pushed to the
    organisation's `stp-quangtri.github.io` repository, a fork building the province's copy and
    Enterprise Cloud's private Pages were each stopped by the CI check with a wrong fix. The
    build cannot know where its workflow publishes: it builds, and says at most a warning."""
    root = set_site_url(write_site(tmp_path, {"tin-tuc/a.md": article("Bài một")}), url)
    done = run_bantin(root, "build", "-d", "out", env=_env(CI="true", GITHUB_ACTIONS="true", GITHUB_REPOSITORY=repository))
    assert done.returncode == 0 and "] lỗi:" not in done.stdout, done.stdout
    assert (root / "out" / "index.html").is_file()


def test_a_gitlab_pages_site_url_other_than_ci_pages_url_is_a_warning():
    """GitLab's CI_PAGES_URL may be a unique domain while the namespace address still serves the
    site: a warning, never a stopped publication."""
    from bantin.config.siteurl import pages_address_problem

    env = {"GITLAB_CI": "true", "CI_PAGES_URL": "https://stp-quangtri.gitlab.io/bantin-quangtri"}
    found = pages_address_problem("mkdocs.yml", "https://stp-quangtri.gitlab.io/", env, cname=False)
    assert found is not None and not found.is_error and "https://stp-quangtri.gitlab.io/bantin-quangtri/" in str(found)
    assert "unique domain" in found.message and "github.io" not in found.message
    assert pages_address_problem("mkdocs.yml", "https://stp-quangtri.gitlab.io/bantin-quangtri/", env, cname=False) is None
    assert pages_address_problem("mkdocs.yml", "https://stp.quangtri.gov.vn/", env, cname=False) is None


def test_github_actions_warns_on_a_site_url_that_lacks_the_repository(tmp_path):
    """End to end as the province's workflow runs it: `bantin build` in CI says on the
    `site_url` line both addresses and builds; `bantin check` warns too; the repository's own
    address says nothing."""
    root = set_site_url(write_site(tmp_path, {"tin-tuc/a.md": article("Bài một")}), "https://stp-quangtri.github.io")
    env = _env(CI="true", **GITHUB)
    done = run_bantin(root, "build", "-d", "out", env=env)
    line = next(n for n, text in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("site_url:"))
    assert done.returncode == 0 and "Traceback" not in done.stdout
    assert f"mkdocs.yml:{line}: [site_url] cảnh báo: `site_url` là `https://stp-quangtri.github.io/`" in done.stdout, done.stdout
    assert "`site_url: https://stp-quangtri.github.io/bantin-quangtri/`" in done.stdout
    assert (root / "out" / "index.html").is_file()
    checked = run_bantin(root, "check", env=env)
    assert checked.returncode == 0 and "[site_url] cảnh báo:" in checked.stdout, checked.stdout
    set_site_url(root, "https://stp-quangtri.github.io/bantin-quangtri/")
    done = run_bantin(root, "build", "-d", "out", env=env)
    assert done.returncode == 0 and "site_url" not in done.stdout, done.stdout


def test_a_vietnamese_site_url_path_reaches_every_output_percent_encoded(tmp_path):
    """The session 41 review (M3): `site_url: https://stp.gov.vn/bản-tin/` built, and MkDocs wrote
    it as given into canonical links, the sitemap (whose `<loc>` must be a URI), feeds, sharing
    tags and QR codes. Now each carries `/b%E1%BA%A3n-tin/`; a link to the site's own page by
    its full address, pasted either way, is still a link to that page."""
    body = ("Xem [bài hai](https://stp.gov.vn/bản-tin/tin-tuc/bai-hai/) và "
            "[lần nữa](https://stp.gov.vn/b%E1%BA%A3n-tin/tin-tuc/bai-hai/).\n")
    root = set_site_url(write_site(tmp_path, {"tin-tuc/bai-mot.md": article("Bài một", body=body),
                                              "tin-tuc/bai-hai.md": article("Bài hai")}), "https://stp.gov.vn/bản-tin/")
    build(root)
    site = root / "site"
    written = {path: path.read_text(encoding="utf-8") for path in site.rglob("*") if path.suffix in (".html", ".xml")}
    assert not [str(path) for path, text in written.items() if "stp.gov.vn/bản" in text]
    assert '<link rel="canonical" href="https://stp.gov.vn/b%E1%BA%A3n-tin/tin-tuc/bai-mot/">' in written[
        site / "tin-tuc" / "bai-mot" / "index.html"]
    assert "<loc>https://stp.gov.vn/b%E1%BA%A3n-tin/tin-tuc/bai-hai/</loc>" in written[site / "sitemap.xml"]
    assert "Disallow: /b%E1%BA%A3n-tin/admin/" in (site / "robots.txt").read_text(encoding="utf-8")
    page = written[site / "tin-tuc" / "bai-mot" / "index.html"]
    assert page.count('href="../bai-hai/"') >= 2, page  # both pasted forms are the site's own page


@pytest.mark.parametrize("pasted", ["https://bảntin.vn/bản-tin/tin-tuc/a/", "https://xn--bntin-v11b.vn/b%E1%BA%A3n-tin/tin-tuc/a/",
                                    "https://BẢNTIN.vn/b%e1%ba%a3n-tin/tin-tuc/a/",
                                    unicodedata.normalize("NFD", "https://bảntin.vn/bản-tin/tin-tuc/a/")])  # macOS
def test_an_own_address_pasted_in_letters_or_encoded_is_the_site_s(pasted):
    """site_url reaches the build as `siteurl.as_uri` gives it (`xn--…`, `%XX`); an editor's
    link to the site's own page, pasted in either form, names that page."""
    from bantin.config.siteurl import as_uri
    from bantin.content.ownaddress import OwnAddress

    own = OwnAddress(as_uri("https://bảntin.vn/bản-tin/"))
    assert own.path(pasted) == "tin-tuc/a/"
    assert own.path("https://khac.vn/bản-tin/tin-tuc/a/") is None
    assert own.path("https://bảntin.vn/b%E1%BA%A3n-tin%2Ftin-tuc/a/") is None
