"""The output gate (issue 12): no path it accepts leaves the output folder, no output is
written twice, aliases and slugs that cannot be files are problems, not tracebacks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.site import artifacts
from bantin.site.corpus import build_corpus
from bantin.content.fields import alias_problem
from bantin.site.images import Resizer
from bantin.outputs.gate import Gate, OutputError, foreign_folder_problem, path_problem, site_dir_problem
from bantin.text.names import windows_reserved
from bantin.site.pages import check_addresses, generated_pages
from bantin.text.vi import slugify

from test_pages_urls import FILES, HTTP, SITE

# --- path rules -----------------------------------------------------------------------------

BAD = ["", "/etc/passwd", "C:/x", "../x", "a/../../x", "a/./b", "a//b", "a/", "a\\..\\b", "a\x00b", "a\nb",
       "a\x7fb", "x" * 256, "é" * 128, "con", "NUL.txt", "a/com1/b.html", "lpt9.tar.gz", "Aux"]


@pytest.mark.parametrize("rel", BAD)
def test_bad_paths_are_refused_in_vietnamese(rel, tmp_path):
    assert path_problem(rel)
    with pytest.raises(OutputError) as caught:
        Gate(tmp_path).write(rel, "x", "thử")
    assert "Cách sửa" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("rel", ["index.html", "tin-tuc/a/index.html", "a.b/c", "con-1/index.html", "console.js",
                                 "x" * 255, "tin-tuc/đất-đai.html"])
def test_plain_paths_are_accepted(rel, tmp_path):
    assert path_problem(rel) is None
    assert Gate(tmp_path).write(rel, "x", "thử").read_text() == "x"


def test_windows_reserved_names():
    assert all(windows_reserved(n) for n in ("con", "CON", "prn.html", "aux.x.y", "nul", "com1", "LPT9.txt", "com0"))
    assert not any(windows_reserved(n) for n in ("cons", "con-1", "icon", "com10", "lpt", "nul-1.html"))


segment = st.text(st.characters(codec="utf-8"), min_size=0, max_size=12) | st.sampled_from(["..", ".", "", "con", "%2e%2e"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(segment, min_size=1, max_size=6), lead=st.sampled_from(["", "/", "//", "../"]))
def test_no_accepted_path_leaves_the_output_folder(tmp_path, parts, lead):
    """Whatever the name, an accepted write lands inside the root and nowhere else."""
    root = tmp_path / "site"
    root.mkdir(exist_ok=True)
    rel = lead + "/".join(parts)
    gate = Gate(root)
    try:
        path = gate.target(rel, "thử")
    except OutputError:
        return
    real = Path(os.path.realpath(path))
    assert Path(os.path.realpath(root)) in real.parents
    assert not rel.startswith("/") and ".." not in rel.split("/")


@settings(max_examples=200)
@given(alias=st.text(st.characters(codec="utf-8"), max_size=40))
def test_every_accepted_alias_is_a_file_inside_the_site(alias):
    """An alias frontmatter accepts is a redirect file the gate accepts, inside the folder."""
    alias = "/" + alias
    if "://" in alias or "?" in alias or alias_problem(alias):
        return
    rel = HTTP.redirect_file(alias)
    assert rel == "index.html" or path_problem(rel) is None
    assert not os.path.isabs(rel) and ".." not in rel.split("/")


@settings(max_examples=500)
@given(rel=st.text(st.sampled_from("aZ09_-./ \\:cCoOnNuUlLpPrRxX"), max_size=30) | st.text(max_size=300))
def test_fast_path_agrees_with_the_segment_rules(rel):
    from bantin.outputs.gate import _path_problem

    assert (path_problem(rel) is None) == (_path_problem(rel) is None)


def test_symlinked_folder_does_not_lead_out(tmp_path):
    root, outside = tmp_path / "site", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "tin-tuc").symlink_to(outside)
    with pytest.raises(OutputError, match="symlink"):
        Gate(root).write("tin-tuc/x/index.html", "x", "thử")
    assert list(outside.iterdir()) == []


def test_dangling_symlinked_folder_is_refused(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "tin-tuc").symlink_to(tmp_path / "chua-co")
    with pytest.raises(OutputError, match="symlink"):
        Gate(root).write("tin-tuc/x/index.html", "x", "thử")
    assert not (tmp_path / "chua-co").exists()


def test_symlinked_file_is_replaced_not_followed(tmp_path):
    root, secret = tmp_path / "site", tmp_path / "secret.txt"
    root.mkdir()
    secret.write_text("giữ nguyên")
    (root / "robots.txt").symlink_to(secret)
    Gate(root).write("robots.txt", "User-agent: *", "thử")
    assert secret.read_text() == "giữ nguyên" and (root / "robots.txt").read_text() == "User-agent: *"


def test_second_writer_and_prefix_clashes_are_refused(tmp_path):
    gate = Gate(tmp_path)
    gate.own("assets/search", "tìm kiếm")
    gate.write("feed.xml", "a", "nguồn tin")
    gate.write("feed.xml", "b", "nguồn tin")  # the same writer again: allowed
    for rel, who in [("feed.xml", "bí danh"), ("feed.xml/x/index.html", "bí danh"), ("assets/search/d/1.js", "bí danh"),
                     ("assets", "bí danh")]:
        with pytest.raises(OutputError):
            gate.write(rel, "x", who)
    gate.write("assets/search/d/1.js", "ok", "tìm kiếm")
    assert (tmp_path / "feed.xml").read_text() == "b"


def test_image_variants_go_through_the_gate(tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "red").save(buffer, "JPEG")
    gate = Gate(tmp_path)
    resizer = Resizer(lambda rel: buffer.getvalue(), gate, (480, 960))
    long_name = "a" * 250 + ".jpg"
    made = resizer.get(f"anh/{long_name}").variants + resizer.get("anh/con.jpg").variants
    assert all((tmp_path / v.rel).is_file() and path_problem(v.rel) is None for v in made)
    assert all(gate.files[v.rel] for v in made)


# --- aliases, slugs ---------------------------------------------------------------------------

@pytest.mark.parametrize("alias", ["/../mkdocs.yml", "/../content/x.md", "/../../../X", "/a/%2e%2e/b", "/a/%2E/b",
                                   "/a//b", "//host/x", "/a\\b", "/a%5c..%5cb", "/a\x08b", "/a%00b", "/a%2fb",
                                   "/" + "x" * 300, "/con/", "/tin/NUL.html", "/a:b", "/a./", "/.htaccess",
                                   "/.well-known/x", "/%2ehtaccess"])
def test_bad_aliases(alias):
    assert alias_problem(alias)


@pytest.mark.parametrize("alias", ["/tin-cu/bai.html", "/tin-tuc/ten-cu/", "/TinTuc/Bai-1.aspx", "/tin-tuc/%C4%91at.html", "/"])
def test_good_aliases(alias):
    assert alias_problem(alias) is None


def test_percent_encoded_alias_is_written_decoded():
    assert HTTP.redirect_file("/tin-tuc/%C4%91at.html") == "tin-tuc/đat.html"


def test_reserved_and_long_slugs():
    assert slugify("Con") == "con-1" and slugify("NUL") == "nul-1" and slugify("COM1") == "com1-1"
    assert slugify("Cơn mưa") == "con-mua"
    assert len(slugify("Hòa giải ở cơ sở " * 40)) <= 200


# --- check_addresses against every output ---------------------------------------------------

OUTPUTS = [("assets/search/", "chỉ mục tìm kiếm"), ("assets/img/", "ảnh thu nhỏ"), ("404.html", "giao diện (404.html)"),
           ("assets/javascripts/bantin.js", "giao diện (assets/javascripts/bantin.js)"),
           ("images/anh.jpg", "images/anh.jpg"), ("tai-lieu/a.pdf", "tai-lieu/a.pdf"), ("tai-lieu/v1.0/b.pdf", "tai-lieu/v1.0/b.pdf")]


def clashes(alias):
    corpus, problems = build_corpus(FILES, SITE, HTTP)
    check_addresses(corpus, generated_pages(corpus, HTTP), HTTP, problems, [(alias.strip("/"), "tin-tuc/a.md")], OUTPUTS)
    return [p for p in problems.errors if p.path == "tin-tuc/a.md"]


@pytest.mark.parametrize("alias", ["/feed.xml", "/sitemap.xml", "/sitemap.xml.gz", "/robots.txt", "/404.html",
                                   "/assets/javascripts/bantin.js", "/assets/search/manifest.js", "/assets/search/u/0.js",
                                   "/assets/img/anh-123-480.jpg", "/images/anh.jpg", "/tai-lieu/a.pdf", "/feed.xml/x",
                                   "/chuyen-muc/dat-dai/feed.xml", "/tai-lieu/a.pdf/x.html", "/assets/img", "/tai-lieu/v1.0"])
def test_alias_over_any_output_is_a_problem_on_its_file(alias):
    found = clashes(alias)
    assert len(found) == 1 and found[0].field == "aliases", found
    assert "Cách sửa:" in str(found[0])


def test_outputs_that_differ_by_case_only_clash():
    assert len(clashes("/Feed.xml")) == 1 and len(clashes("/Tin-Tuc/Bai-A/")) == 1


def test_two_aliases_of_one_file_that_differ_by_case_clash():
    """`aliases: ['/Q/', '/q/']` passed `bantin check` (one writer, the file, claimed both) and
    stopped the build when its redirect pages were written, naming no file (hostile review,
    session 53). Each alias is a writer of its own; the same one twice is no clash."""
    corpus, problems = build_corpus(FILES, SITE, HTTP)
    check_addresses(corpus, generated_pages(corpus, HTTP), HTTP, problems,
                    [("Q/", "tin-tuc/a.md"), ("q/", "tin-tuc/a.md"), ("cu/", "tin-tuc/a.md"), ("cu/", "tin-tuc/a.md")],
                    OUTPUTS)
    [found] = problems.errors
    assert found.path == "tin-tuc/a.md" and found.field == "aliases"
    assert "`/q`" in found.message and "`/Q`" in found.message and "chữ hoa và chữ thường" in found.message


def test_alias_beside_outputs_is_fine():
    assert clashes("/tin-cu/bai-a.html") == [] and clashes("/assets/khac.html") == []
    assert clashes("/images/") == []  # images/index.html: a file beside the images, no clash


def test_content_file_that_shadows_a_theme_asset_is_reported():
    corpus, problems = build_corpus(FILES, SITE, HTTP)
    outputs = [("assets/javascripts/bantin.js", "giao diện (assets/javascripts/bantin.js)"),
               ("assets/javascripts/bantin.js", "assets/javascripts/bantin.js")]
    check_addresses(corpus, generated_pages(corpus, HTTP), HTTP, problems, [], outputs)
    assert [p.path for p in problems.errors] == ["assets/javascripts/bantin.js"]


def test_question_id_that_is_a_reserved_name_is_a_problem():
    files = dict(FILES)
    files["hoi-dap/so-tay.md"] = ("---\ntitle: Sổ tay\ndate: 2024-01-01\ncategory: dat-dai\ntype: qa\n---\n"
                                  "## Câu hỏi một? {#con}\n\nTrả lời.\n").encode()
    corpus, problems = build_corpus(files, SITE, HTTP)
    check_addresses(corpus, generated_pages(corpus, HTTP), HTTP, problems)
    assert any(p.path == "hoi-dap/so-tay.md" and "con" in p.message for p in problems.errors), problems.errors


def test_write_all_refuses_an_alias_over_the_feed_even_unchecked(tmp_path):
    from bantin.site.views import SiteView

    corpus, _ = build_corpus(FILES, SITE, HTTP)
    gate = Gate(tmp_path)
    with pytest.raises(OutputError):
        artifacts.write_all(SiteView(corpus, HTTP), generated_pages(corpus, HTTP), gate,
                            [("feed.xml", "tin-tuc/bai-a", "A")])


# --- the output folder ---------------------------------------------------------------------------

def test_output_folder_rules(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "theme").mkdir()
    config = str(tmp_path / "mkdocs.yml")
    check = lambda d: site_dir_problem(str(tmp_path / d), config, str(tmp_path / "content"), str(tmp_path / "theme"))  # noqa: E731
    for bad in (".", "content", ".git", "theme", "..", "content/x", ".git/x", "theme/x"):
        assert check(bad) and "Cách sửa" in check(bad), bad
    for good in ("site", "public", "../elsewhere", "site-offline"):
        assert check(good) is None, good


def test_a_foreign_folder_is_not_replaced(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "thu.docx").write_bytes(b"x")
    assert foreign_folder_problem(str(tmp_path / "documents"))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x")
    assert foreign_folder_problem(str(tmp_path / "site")), "index.html alone is anybody's site (review finding 2)"
    (tmp_path / "site" / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "site" / "assets" / "javascripts" / "bantin.js").write_text("x")
    assert foreign_folder_problem(str(tmp_path / "site"), default_dir=True) is None  # earlier version: no mark
    assert foreign_folder_problem(str(tmp_path / "site")), "only the project's own site_dir (review 2, finding 3)"
    assert foreign_folder_problem(str(tmp_path / "missing")) is None
    (tmp_path / "empty").mkdir()
    assert foreign_folder_problem(str(tmp_path / "empty")) is None


@pytest.mark.parametrize("extra", [".git/HEAD", ".well-known/security.txt", "tin-tuc/.htaccess", ".nojekyll"])
def test_a_folder_with_files_a_build_never_writes_is_refused_even_when_marked(tmp_path, extra):
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bantin.js").write_text("x")
    (site / "index.html").write_text("x")
    (site / extra).parent.mkdir(parents=True, exist_ok=True)
    (site / extra).write_text("x")
    mark = {"names": sorted(p.name for p in site.iterdir())}
    problem = foreign_folder_problem(str(site), mark)
    assert problem and extra.split("/")[0] in problem and "Cách sửa" in problem and "GitHub" in problem


@pytest.mark.parametrize("extra", ["web.config", "_headers", "uploads"])
def test_host_files_and_foreign_folders_beside_an_old_build_are_refused(tmp_path, extra):
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bantin.js").write_text("x")
    (site / "index.html").write_text("x")
    (site / extra).write_text("x")
    assert foreign_folder_problem(str(site), {"names": ["assets", "index.html"]})  # marked: not ours
    if extra != "uploads":  # unmarked (earlier version): a host file is not ours either
        assert foreign_folder_problem(str(site))
    assert foreign_folder_problem(str(site), {"names": ["assets", "index.html", extra]}) is None


def test_overlong_explicit_slug_and_question_id_are_problems_not_tracebacks():
    from test_pages_urls import doc

    files = dict(FILES)
    files["tin-tuc/dai.md"] = doc("Bài dài", slug="a" * 300)
    files["hoi-dap/dai.md"] = doc("Sổ tay dài", body="## Câu hỏi? {#" + "b" * 300 + "}\n\nĐáp.\n")
    corpus, problems = build_corpus(files, SITE, HTTP)
    check_addresses(corpus, generated_pages(corpus, HTTP), HTTP, problems)
    # A written slug over 80 characters is cut, with a warning (fields._slug); an id is not.
    assert {p.path for p in problems.errors} == {"hoi-dap/dai.md"}, problems.errors
    assert {p.path for p in problems.warnings} == {"tin-tuc/dai.md"}
    assert corpus.by_src("tin-tuc/dai.md").meta.slug == "a" * 80
    assert all("Cách sửa:" in str(p) and p.fix for p in problems.items)


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    from bantin.outputs.publish import exchange

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x").write_text(name)
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no RENAME_EXCHANGE here")
    assert (tmp_path / "a" / "x").read_text() == "b" and (tmp_path / "b" / "x").read_text() == "a"


def test_an_offline_copy_says_it_is_one_and_how_recent_its_items_are(tmp_path):
    """A USB copy is read for years: a replaced law in it looked current (a reader's trial,
    session 28). The offline flavour says on its home page and in every footer that it is a
    copy, the date of its newest item (not the build's: the output stays the same for the
    same content), and where the site is read online; the online site says none of it."""
    from sitekit import article, build, read, write_site

    root = write_site(tmp_path / "s", {
        "tin-tuc/cu.md": article("Tin cũ", "2024-03-01"),
        "tin-tuc/moi.md": article("Tin mới", "2024-05-02", updated="2024-11-15"),
        # neither the site's own pages nor an item dated ahead date the copy (hostile review)
        "trang/gioi-thieu.md": "---\ntitle: Giới thiệu\ndate: 2025-01-01\n---\n\nTrang giới thiệu.\n",
        "tin-tuc/tuong-lai.md": article("Tin đặt nhầm năm", "2031-01-01"),
    })
    build(root, "--no-directory-urls", "--site-dir", "copy")
    build(root)
    note = "Bản sao đọc không cần mạng, có các bài đến ngày 15/11/2024. Bản mới nhất: "
    link = '<a href="https://bantin.example.org/">https://bantin.example.org/</a>'
    for page in ("index.html", "tin-tuc/tin-cu.html"):
        html = (root / "copy" / page).read_text(encoding="utf-8")
        assert note + link in html, page
    home = (root / "copy" / "index.html").read_text(encoding="utf-8")
    assert home.count(note) == 2  # above the masthead and in the footer
    assert "Tin đặt nhầm năm" in home  # published (a warning), yet not the copy's date
    assert "Bản sao đọc không cần mạng" not in read(root, "index.html") + read(root, "tin-tuc/tin-cu/index.html")


def test_an_empty_listing_says_so_once(tmp_path):
    """"0 mục" above "Chưa có bài nào trong mục này." said it twice (a province's trial,
    session 28); a listing with items keeps its count. An empty one is not for search
    engines (noindex)."""
    from sitekit import article, build, read, write_site

    root = write_site(tmp_path / "s", {"tin-tuc/a.md": article("Tin một")})
    build(root)
    empty = read(root, "huong-dan/index.html")
    assert "Chưa có bài nào trong mục này." in empty and "0 mục" not in empty
    assert "1 mục" in read(root, "tin-tuc/index.html")
    # Left out of the sitemap, and a crawler that finds it by a link does not list it either.
    robots = '<meta name="robots" content="noindex">'
    assert robots in empty and "huong-dan/" not in read(root, "sitemap.xml")
    assert all(robots not in read(root, p) for p in ("tin-tuc/index.html", "index.html", "tin-tuc/tin-mot/index.html"))
