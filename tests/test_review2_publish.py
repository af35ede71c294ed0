"""Second hostile review of issue 12: publishing, importer, CLI (findings 2, 3, 4, 6, 8, 13)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import article, run_bantin, write_site

from bantin.outputs import publish
from bantin.outputs.gate import foreign_folder_problem
from bantin.problems import Problem

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


bantin = run_bantin


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("du-an"), {"tin-tuc/a.md": article("Bài A", slug="bai-a")})


# --- finding 2: the lock file is never followed through a symlink ---------------------------------

def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(project, tmp_path):
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH=/usr/bin\n")
    out = tmp_path / "site"
    publish.lock_path(out).symlink_to(victim)
    done = bantin(project, "build", "-d", str(out))
    assert done.returncode == 1 and "liên kết tượng trưng" in done.stdout and "Cách sửa" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout
    assert victim.read_text() == "export PATH=/usr/bin\n" and not out.exists()
    assert publish.read_mark(out) is None


def test_a_lock_file_that_is_a_folder_or_fifo_is_refused(tmp_path):
    target = tmp_path / "site"
    publish.lock_path(target).mkdir()
    with pytest.raises(publish.NotRegular):
        publish.Publishing(target).__enter__()
    fifo = tmp_path / "b"
    os.mkfifo(publish.lock_path(fifo))
    with pytest.raises(publish.NotRegular):
        publish.Publishing(fifo).__enter__()


def test_a_symlink_named_like_a_leftover_is_never_moved_or_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.txt").write_text("x")
    (tmp_path / ".site.old-1").symlink_to(tmp_path / "elsewhere")
    assert publish.leftovers(tmp_path / "site") == []


# --- finding 3: an unmarked folder is replaced only where it is the project's own site_dir -------

def _old_build(folder: Path, *extra: str) -> None:
    (folder / "assets" / "javascripts").mkdir(parents=True)
    (folder / "assets" / "javascripts" / "bantin.js").write_text("x")
    (folder / "index.html").write_text("x")
    for name in extra:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")


def test_a_web_root_with_an_old_build_copied_in_is_not_wiped(project, tmp_path):
    www = tmp_path / "www"
    _old_build(www, "uploads/private/ho-so.pdf", "app/index.php", "app/web.config")
    done = bantin(project, "build", "-d", str(www))
    assert done.returncode == 2 and "Cách sửa" in done.stdout, done.stdout
    assert (www / "uploads" / "private" / "ho-so.pdf").exists() and (www / "app" / "index.php").exists()


@pytest.mark.parametrize("extra", ["app/index.php", "app/web.config", "x/y/Default.ASPX"])
def test_even_the_default_folder_with_a_server_application_is_kept(tmp_path, extra):
    _old_build(tmp_path / "site", extra)
    problem = foreign_folder_problem(str(tmp_path / "site"), default_dir=True)
    assert problem and extra.split("/")[-1] in problem


def test_an_unmarked_old_build_elsewhere_is_refused_with_the_reason(tmp_path):
    _old_build(tmp_path / "public")
    problem = foreign_folder_problem(str(tmp_path / "public"))
    assert problem and "site_dir" in problem and "Cách sửa" in problem
    assert foreign_folder_problem(str(tmp_path / "public"), default_dir=True) is None


# --- finding 8: control characters in file names are shown, never sent to the terminal -----------

def test_problem_text_shows_control_characters_visibly():
    shown = str(Problem("tin-tuc/a\x1b[2J\n::error file=x::giả.md", 3, "ti\ttle", "sai\x07", "sửa\r"))
    assert "\x1b" not in shown and "\n" not in shown and "\x07" not in shown and "\r" not in shown
    assert "a\\x1b[2J\\n::error" in shown and "\\x07" in shown
    assert str(Problem("tin-tuc/bài.md", 1, "", "đúng", "—")).startswith("tin-tuc/bài.md:1:")


# --- finding 4: import, ids and new never write through a symlink or outside the project ----------

HANDBOOK = "---\ntitle: Sổ tay\ndate: 2024-11-21\ncategory: dat-dai\n---\n## Câu hỏi 1: Hỏi gì?\n\nTrả lời.\n"
OLD_PAGE = ("<html><head><title>Tin cũ</title><meta property=\"article:published_time\" content=\"2024-03-12\">"
            "</head><body><h1>Tập huấn hòa giải viên</h1>"
            "<p>Ngày 12/3/2024, Phòng Tư pháp tổ chức tập huấn cho hòa giải viên ở cơ sở của huyện.</p>"
            "<p>Hội nghị có hơn một trăm đại biểu tham dự và trao đổi nhiều tình huống thực tế.</p></body></html>")


def test_ids_never_writes_through_a_symlinked_handbook(tmp_path):
    outside = tmp_path / "ngoai.md"
    outside.write_text(HANDBOOK, encoding="utf-8")
    folder = tmp_path / "du-an" / "content" / "hoi-dap"
    folder.mkdir(parents=True)
    (folder / "x.md").symlink_to(outside)
    (folder / "that.md").write_text(HANDBOOK, encoding="utf-8")
    done = bantin(tmp_path / "du-an", "ids", "--content-dir", "content")
    assert done.returncode == 0 and "that.md" in done.stdout and "x.md" not in done.stdout, done.stdout
    assert outside.read_text(encoding="utf-8") == HANDBOOK
    named = bantin(tmp_path / "du-an", "ids", "--content-dir", "content", "content/hoi-dap/x.md")
    assert named.returncode == 1 and "liên kết tượng trưng" in named.stdout and "Traceback" not in named.stdout
    assert outside.read_text(encoding="utf-8") == HANDBOOK


def test_ids_refuses_a_file_outside_content_and_reads_docs_dir(tmp_path):
    project = write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A", slug="bai-a")})
    stray = tmp_path / "khac.md"
    stray.write_text(HANDBOOK, encoding="utf-8")
    done = bantin(project, "ids", str(stray))
    assert done.returncode == 1 and "không phải sổ tay" in done.stdout
    assert stray.read_text(encoding="utf-8") == HANDBOOK
    docs = project / "noi-dung"
    os.rename(project / "content", docs)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: noi-dung")
                      if "docs_dir:" in config.read_text(encoding="utf-8")
                      else "docs_dir: noi-dung\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "hoi-dap").mkdir(exist_ok=True)
    (docs / "hoi-dap" / "s.md").write_text(HANDBOOK, encoding="utf-8")
    done = bantin(project, "ids")
    assert done.returncode == 0 and "s.md" in done.stdout, done.stdout
    made = bantin(project, "new", "article", "Tin mới")
    assert made.returncode == 0 and (docs / "tin-tuc" / "tin-moi.md").exists(), made.stdout
    assert not (project / "content").exists()


def test_new_never_writes_through_a_dangling_symlink(tmp_path):
    (tmp_path / "content" / "tin-tuc").mkdir(parents=True)
    (tmp_path / "content" / "tin-tuc" / "tin-moi.md").symlink_to(tmp_path / "ngoai.md")
    done = bantin(tmp_path, "new", "article", "Tin mới", "--content-dir", "content")
    assert done.returncode == 1 and not (tmp_path / "ngoai.md").exists()


def test_import_never_writes_the_redirect_map_through_a_symlink(tmp_path):
    outside = tmp_path / "outside.map"
    outside.write_text("# của người khác\n", encoding="utf-8")
    project = tmp_path / "du-an"
    (project / "content" / "tin-tuc").mkdir(parents=True)
    (project / "redirects").mkdir()
    (project / "redirects" / "old-host.map").symlink_to(outside)
    (project / "old.html").write_text(OLD_PAGE, encoding="utf-8")
    done = bantin(project, "import", "old.html", "--url", "http://cu.gov.vn/tin.aspx?ItemID=12")
    assert "Traceback" not in done.stdout
    assert outside.read_text(encoding="utf-8") == "# của người khác\n"
    assert "liên kết tượng trưng" in done.stdout, done.stdout


def test_import_never_writes_an_article_into_a_symlinked_folder(tmp_path):
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    project = tmp_path / "du-an"
    (project / "content").mkdir(parents=True)
    (project / "content" / "tin-tuc").symlink_to(elsewhere)
    (project / "old.html").write_text(OLD_PAGE, encoding="utf-8")
    done = bantin(project, "import", "old.html")
    assert done.returncode == 1 and "liên kết tượng trưng" in done.stdout and list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("linked", ["content/tin-tuc", "redirects"])
def test_import_from_another_folder_never_writes_through_a_link_in_the_project(tmp_path, linked):
    """The check once stopped at the current folder: run from elsewhere with absolute paths, a
    committed link in the project decided where the article or the map landed (session 20)."""
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    (elsewhere / "old-host.map").write_text("# của người khác\n", encoding="utf-8")
    project = tmp_path / "du-an"
    (project / "content" / "tin-tuc").mkdir(parents=True)
    (project / linked).parent.mkdir(parents=True, exist_ok=True)
    if (project / linked).exists():
        (project / linked).rmdir()
    (project / linked).symlink_to(elsewhere)
    page = tmp_path / "old.html"
    page.write_text(OLD_PAGE, encoding="utf-8")
    done = bantin(tmp_path, "import", str(page), "--content-dir", str(project / "content"),
                  "--redirect-map", str(project / "redirects" / "old-host.map"),
                  "--url", "http://cu.gov.vn/tin.aspx?ItemID=12")
    assert "Traceback" not in done.stdout and "liên kết tượng trưng" in done.stdout, done.stdout
    assert sorted(p.name for p in elsewhere.iterdir()) == ["old-host.map"]
    assert (elsewhere / "old-host.map").read_text(encoding="utf-8") == "# của người khác\n"


def test_import_never_reads_through_a_linked_article(tmp_path):
    """A committed content/tin-tuc/<name>.md linking to /dev/zero: the duplicate check read it
    until memory ran out (a hostile review, session 20)."""
    project = tmp_path / "du-an"
    (project / "content" / "tin-tuc").mkdir(parents=True)
    (project / "content" / "tin-tuc" / "tap-huan-hoa-giai-vien.md").symlink_to("/dev/zero")
    (project / "old.html").write_text(OLD_PAGE, encoding="utf-8")
    limit = (2_000_000_000, 2_000_000_000)  # 2 GB of address space: the old reading died of it, not the machine
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "import", "old.html"], cwd=project, env=ENV, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, limit))
    assert "Traceback" not in done.stdout and "MemoryError" not in done.stdout, done.stdout
    assert (project / "content" / "tin-tuc" / "tap-huan-hoa-giai-vien-2.md").is_file(), done.stdout


def test_a_web_archive_imports_in_a_fresh_process(tmp_path):
    """`bantin import trang.mht` failed on every archive (email.policy was never imported; the
    in-process test had loaded it through email.mime)."""
    project = tmp_path / "du-an"
    (project / "content" / "tin-tuc").mkdir(parents=True)
    boundary = "ranh-gioi"
    archive = (f"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"{boundary}\"\n\n--{boundary}\n"
               "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
               f"{OLD_PAGE}\n--{boundary}--\n")
    (project / "trang.mht").write_bytes(archive.encode("utf-8"))
    done = bantin(project, "import", "trang.mht", "--category", "dat-dai")
    assert done.returncode == 0 and "Traceback" not in done.stdout and "sự cố" not in done.stdout, done.stdout
    assert [p.name for p in (project / "content" / "tin-tuc").iterdir()] == ["tap-huan-hoa-giai-vien.md"]


def test_import_refuses_a_path_that_climbs_back_through_a_link(tmp_path):
    """`--content-dir lnk/../content` passed a check on the normalised text while the write
    followed the link (the hostile review of session 20); a leading `../` still works."""
    outside = tmp_path / "ngoai"
    (outside / "sub").mkdir(parents=True)
    (outside / "content" / "tin-tuc").mkdir(parents=True)
    here = tmp_path / "o-day"
    here.mkdir()
    (here / "lnk").symlink_to(outside / "sub")
    (here / "old.html").write_text(OLD_PAGE, encoding="utf-8")
    done = bantin(here, "import", "old.html", "--content-dir", "lnk/../content")
    assert "Traceback" not in done.stdout and "`..`" in done.stdout, done.stdout
    assert list((outside / "content" / "tin-tuc").iterdir()) == []
    beside = tmp_path / "du-an"
    (beside / "content" / "tin-tuc").mkdir(parents=True)
    done = bantin(here, "import", "old.html", "--content-dir", "../du-an/content")
    assert done.returncode == 0 and len(list((beside / "content" / "tin-tuc").iterdir())) == 1, done.stdout


def test_new_never_writes_into_a_symlinked_content_folder(tmp_path):
    (tmp_path / "ngoai").mkdir()
    (tmp_path / "content").symlink_to(tmp_path / "ngoai")
    done = bantin(tmp_path, "new", "article", "Tin mới", "--content-dir", "content")
    assert done.returncode == 1 and "liên kết tượng trưng" in done.stdout and list((tmp_path / "ngoai").iterdir()) == []


# --- finding 6: redirect targets are paths on this site, every bad line reported -------------------

@pytest.mark.parametrize("line, expected", [
    ("http://old/b.aspx?id=2 https://evil.example/", "bắt đầu bằng `/`"),
    ("http://old/b.aspx?id=2 //evil.example/", "bắt đầu bằng `/`"),
    ("http://old/b.aspx?id=2 /a/$http_cookie", "`$`"),
    ("http://old/b.aspx?id=2 /a/%{HTTP_COOKIE}", "`%{`"),
    ("http://old/b.aspx?id=2 /a/\";return", "`\"`"),
    ("http://old/b.aspx?id=2 /a/;", "`;`"),
    ("http://old/b.aspx?id=\"2 /a/", "`\"`"),
    ("http://old/b.aspx?id=2 /a/ /b/", "3 phần"),
    ("http://old/b.aspx?id=2", "1 phần"),
])
def test_bad_redirect_lines_are_reported_with_their_line_and_no_rules_printed(tmp_path, line, expected):
    (tmp_path / "redirects").mkdir()
    (tmp_path / "redirects" / "old-host.map").write_text(f"# ghi chú\n{line}\nhttp://old/a.aspx?id=1 /tin-tuc/a/\n",
                                                         encoding="utf-8")
    for server in ("--nginx", "--apache", "--caddy"):
        done = bantin(tmp_path, "redirects", server)
        assert done.returncode == 1 and "old-host.map:2:" in done.stdout and expected in done.stdout, done.stdout
        assert "evil" not in done.stdout.split("Cách sửa")[-1] and "return 301" not in done.stdout
        assert "RewriteRule" not in done.stdout and "redir " not in done.stdout


def test_a_good_redirect_map_still_makes_rules(tmp_path):
    (tmp_path / "redirects").mkdir()
    (tmp_path / "redirects" / "old-host.map").write_text("http://old/a.aspx?id=1 /tin-tuc/a/\n", encoding="utf-8")
    done = bantin(tmp_path, "redirects", "--nginx")
    assert done.returncode == 0 and "/tin-tuc/a/;" in done.stdout


def test_import_keeps_bad_lines_of_the_map_for_redirects_to_report(tmp_path):
    from bantin.tools.importer.redirectmap import update_redirect_map

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        path = Path("old-host.map")
        path.write_text("x y z\nhttp://old/a.aspx?id=1 /tin-tuc/a/\n", encoding="utf-8")
        update_redirect_map(path, [("http://old/b.aspx?id=2", "/tin-tuc/b/")], Path("."))
        text = path.read_text(encoding="utf-8")
    finally:
        os.chdir(cwd)
    assert "x y z" in text and "http://old/b.aspx?id=2 /tin-tuc/b/" in text and "/tin-tuc/a/" in text


# --- finding 13: Vietnamese usage, errors and summaries ------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["new"], "thiếu tham số bắt buộc LOẠI, TIÊU_ĐỀ"),
    (["new", "foo", "Tiêu đề"], "LOẠI không nhận giá trị 'foo'"),
    (["build", "--xyz"], "không hiểu tham số --xyz"),
    (["frob"], "LỆNH không nhận giá trị 'frob'"),
    ([], "thiếu tham số bắt buộc LỆNH"),
])
def test_usage_errors_are_vietnamese(tmp_path, args, expected):
    done = bantin(tmp_path, *args)
    assert done.returncode == 2 and expected in done.stdout and "Cách dùng: bantin" in done.stdout, done.stdout
    assert "usage:" not in done.stdout and "error:" not in done.stdout


def test_a_failed_build_ends_with_a_vietnamese_reason(tmp_path):
    project = write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A", slug="bai-a", category="khong-co")})
    done = bantin(project, "build")
    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 1 and last.startswith("Dựng trang thất bại") and "Lý do:" in last, done.stdout
    assert "Aborted" not in last
    # The first build of a site keeps no "old site" (a province's review, session 23).
    assert "chưa có trang nào được ghi vào" in last and "trang cũ" not in last, last
    (project / "content/tin-tuc/a.md").write_text(article("Bài A", slug="bai-a"), encoding="utf-8")
    assert bantin(project, "build").returncode == 0
    (project / "content/tin-tuc/a.md").write_text(article("Bài A", slug="bai-a", category="khong-co"), encoding="utf-8")
    last = bantin(project, "build").stdout.strip().splitlines()[-1]
    assert "trang cũ trong" in last and "vẫn giữ nguyên" in last, last


def _front(yaml_text: str) -> list[str]:
    from bantin.content import frontmatter
    from bantin.problems import Problems

    problems = Problems()
    frontmatter.parse_yaml("tin-tuc/a.md", yaml_text, problems)
    return [str(p) for p in problems.items]


def test_a_python_tag_is_one_clear_error():
    found = _front("title: !!python/object/apply:os.system ['id']\ndate: 2024-01-01")
    assert len(found) == 1 and "!!python/object/apply:os.system" in found[0] and "danh sách" not in found[0]


def test_an_unclosed_bracket_in_mkdocs_yml_is_named():
    from bantin.config import precheck as configcheck

    with pytest.raises(configcheck.ConfigError) as caught:
        configcheck.compose("mkdocs.yml", "site_name: [\n")
    assert "mkdocs.yml:1:" in str(caught.value) and "không đóng" in str(caught.value) and "`?`" not in str(caught.value)


def test_quoted_flag_and_group_value_messages(tmp_path):
    files = {"tin-tuc/a.md": article("Bài A", slug="bai-a").replace("slug: bai-a", "slug: bai-a\ndraft: 'false'"),
             "tin-tuc/b.md": article("Bài B", slug="bai-b").replace("slug: bai-b", "slug: bai-b\nimage: {x: 1}")}
    project = write_site(tmp_path / "du-an", files)
    done = bantin(project, "check")
    assert "viết không có dấu ngoặc: `draft: false`" in done.stdout, done.stdout
    image = [line for line in done.stdout.splitlines() if "[image]" in line]
    assert image and "nhóm" in image[0] and "danh sách" not in image[0], done.stdout


def test_a_sites_broken_template_is_named_not_a_traceback(tmp_path):
    """A hostile review (session 23): a template in the site's custom_dir that Jinja refuses
    ended `bantin build` with Jinja's traceback."""
    from sitekit import BROKEN_TEMPLATE, override_template

    project = override_template(write_site(tmp_path / "du-an", {"tin-tuc/a.md": article("Bài A", slug="bai-a")}),
                                "main.html", BROKEN_TEMPLATE)
    done = bantin(project, "build")
    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 1 and "Traceback" not in done.stdout, done.stdout[-2000:]
    assert "overrides/main.html:2: lỗi mẫu giao diện (Jinja: No filter named 'khong_co'.)" in last, last


def test_template_errors_name_the_template_and_line_met(tmp_path, monkeypatch):
    """A second hostile review: an error met while rendering named no file, a missing include
    told to edit the missing file, and a syntax error showed the whole path."""
    import jinja2

    from bantin.adapter.engine import template_problem

    monkeypatch.chdir(tmp_path)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/a.html").write_text("<p>\n{{ x.y }}</p>", encoding="utf-8")
    (tmp_path / "overrides/b.html").write_text('{% include "khong-co.html" %}', encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "overrides")), undefined=jinja2.StrictUndefined)
    for name, expected in (("a.html", "overrides/a.html:2: lỗi mẫu giao diện (Jinja: 'x' is undefined)"),
                           ("b.html", "không tìm thấy mẫu giao diện `khong-co.html`")):
        with pytest.raises(jinja2.TemplateError) as raised:
            env.get_template(name).render()
        assert template_problem(raised.value).startswith(expected), template_problem(raised.value)
