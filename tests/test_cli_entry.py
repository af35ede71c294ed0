"""The console script `bantin` (pyproject `bantin.cli:main`) and the one an editable install
made before issue 13 still has: both run `from bantin.cli import main; sys.exit(main())`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "import sys; {before}from bantin.cli import main; sys.exit(main(['--version']))"


@pytest.mark.parametrize("before", ["", "import bantin.cli.commands; ", "import bantin.cli.commands as m; m.main; "])
def test_old_and_new_console_script_run(before):
    """Fresh process: `main` is the package's function, whether or not the command module
    (cli/commands.py) was imported first."""
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(before=before)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "bantin 0.1.0" in done.stdout and "Traceback" not in done.stderr


def test_in_this_process(capsys):
    """Here bantin.cli.commands is already imported (other tests): `main` is still the function."""
    import bantin.cli.commands  # noqa: F401
    from bantin.cli import main

    assert main(["--version"]) == 0
    assert "bantin 0.1.0" in capsys.readouterr().out


def test_pyproject_points_at_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["bantin"] == "bantin.cli:main"
    assert project["project"]["entry-points"]["mkdocs.plugins"]["bantin"] == "bantin.adapter.plugin:BantinPlugin"


def test_python_dash_m_runs_the_command():
    """`python -m bantin.cli`, what tests and a venv without its scripts on PATH use."""
    done = subprocess.run([sys.executable, "-m", "bantin.cli", "--version"], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0 and "bantin 0.1.0" in done.stdout, done.stderr


def test_importing_the_package_does_not_load_the_command_line():
    done = subprocess.run([sys.executable, "-c", "import sys, bantin.cli; print('bantin.cli.commands' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


# The command line, run in a fresh process; then which heavy modules it had loaded.
LOADED = """import sys
from bantin.cli import main
try:
    code = main({argv!r})
except SystemExit as stop:
    code = stop.code
print(code, file=sys.stderr)
heavy = {{"mkdocs", "material", "PIL", "markdown"}}
named = {{"bantin.adapter.engine", "bantin.tools.newcontent", "bantin.content.frontmatter"}}
print(sorted({{m for m in sys.modules if m.split(".")[0] in heavy or m in named}}))
"""


@pytest.mark.parametrize("argv, said", [
    (["--version"], "bantin 0.1.0"),
    (["check"], "mkdocs.yml:2: lỗi: mkdocs.yml viết sai cú pháp YAML"),
    (["serve", "-a", "127.0.0.1:0"], "mkdocs.yml:2: lỗi: mkdocs.yml viết sai cú pháp YAML"),
])
def test_a_command_that_needs_no_engine_loads_none(tmp_path, argv, said):
    """Every `bantin` command paid 0.45 s of CPU importing the content model, PIL and the engine
    before it could say `--version` or that mkdocs.yml does not parse (0.13 s now): what an
    editor waits for at each mistake, and the suite about 150 times. The message is the same."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url https://a.vn/\ntheme: {name: material}\n",
                                         encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", LOADED.format(argv=argv)], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert said in done.stdout + done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout  # none of them loaded


# --- the global -f for every command (session 30, a province's migration trial) ----------------

SITE_YML = """site_name: Thử
docs_dir: noi-dung
theme: {name: material}
plugins:
  - bantin:
      urls:
        article: tin-tuc-su-kien
"""
ARTICLE = "---\ntitle: Tập huấn hòa giải viên\ndate: 2024-03-12\n---\nNội dung.\n"
SAVED = ("<html><head><title>Hội nghị triển khai luật</title></head><body><article><h1>Hội nghị triển khai luật</h1>"
         "<p>Ngày 12/03/2024</p>" + "<p>Sở Tư pháp tổ chức hội nghị triển khai luật mới trong toàn tỉnh.</p>" * 8
         + "</article></body></html>")


def _bantin(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k not in ("NOI_DUNG", "MUC_TIN")}, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(ROOT / "plugins"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "bantin.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _site_below(tmp_path: Path) -> Path:
    """A site in so-tu-phap/ whose content is in noi-dung/ and whose articles are at /tin-tuc-su-kien/."""
    site = tmp_path / "so-tu-phap"
    (site / "noi-dung" / "tin-tuc").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    (site / "noi-dung" / "tin-tuc" / "tap-huan.md").write_text(ARTICLE, encoding="utf-8")
    (site / "redirects").mkdir()
    (site / "redirects" / "old-host.map").write_text(
        "http://stp.example.gov.vn/tin.aspx?ItemID=1 /tin-tuc-su-kien/tap-huan-hoa-giai-vien/\n"
        "http://stp.example.gov.vn/tin.aspx?ItemID=2 /tin-tuc-su-kien/khong-co/\n", encoding="utf-8")
    return site


@pytest.mark.parametrize("option", [["-f", "so-tu-phap/mkdocs.yml"], ["--config-file=so-tu-phap/mkdocs.yml"]])
def test_redirects_reads_the_site_named_by_f(tmp_path, option):
    """From the folder above the site, `-f` printed nothing and exited 2 (`--nginx`: "không hiểu
    tham số"): the map beside that mkdocs.yml, its docs_dir and its `urls:` are used."""
    _site_below(tmp_path)
    done = _bantin(tmp_path, *option, "redirects", "--nginx")
    assert done.returncode == 0, done.stderr
    assert "/tin-tuc-su-kien/tap-huan-hoa-giai-vien/;" in done.stdout and "khong-co" not in done.stdout
    assert "ItemID=2" in done.stderr and "Traceback" not in done.stderr
    helped = _bantin(tmp_path, *option, "redirects", "--help")
    assert helped.returncode == 0 and "--apache" in helped.stdout and "--target-base" in helped.stdout


def test_import_writes_into_the_site_named_by_f(tmp_path):
    site = _site_below(tmp_path)
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html",
                   "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "noi-dung" / "tin-tuc" / "hoi-nghi-trien-khai-luat.md").is_file()
    assert "ItemID=3 /tin-tuc-su-kien/hoi-nghi-trien-khai-luat/" in (site / "redirects" / "old-host.map").read_text(
        encoding="utf-8")
    assert "`bantin -f so-tu-phap/mkdocs.yml redirects --nginx`" in done.stdout
    assert not (tmp_path / "content").exists() and not (tmp_path / "redirects").exists()
    assert "--category" in _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "--help").stdout


def test_a_missing_file_named_by_f_is_said_not_replaced(tmp_path):
    """`bantin -f sai/mkdocs.yml new …` wrote into ./content; import and redirects used the defaults."""
    for command in (["new", "article", "Bài thử"], ["ids"], ["redirects"], ["import", "bai.html"]):
        done = _bantin(tmp_path, "-f", "sai/mkdocs.yml", *command)
        assert done.returncode == 1 and "không có tệp cấu hình `sai/mkdocs.yml`" in done.stderr, (command, done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_new_and_ids_outside_a_site_are_refused_as_build_is(tmp_path):
    """In the folder above the site (where the README puts `.venv`), `bantin new article …`
    wrote a stray content/tin-tuc/….md with `category: chua-phan-loai`, exit 0, while build
    and check refused (an outsiders' trial, session 34). Now all say the same; `--content-dir`
    still names a content folder without mkdocs.yml."""
    built = _bantin(tmp_path, "build")
    said = "không có tệp cấu hình `mkdocs.yml` ở " + str(tmp_path)
    assert built.returncode == 1 and said in built.stderr, built.stderr
    for command in (["new", "article", "Bài thử"], ["ids"]):
        done = _bantin(tmp_path, *command)
        assert done.returncode == 1 and said in done.stderr, (command, done.stderr)
        assert "`bantin -f đường/dẫn/mkdocs.yml`" in done.stderr and "--content-dir" in done.stderr
    assert list(tmp_path.iterdir()) == []
    made = _bantin(tmp_path, "new", "article", "Bài thử", "--content-dir", "noi-dung")
    assert made.returncode == 0 and (tmp_path / "noi-dung" / "tin-tuc" / "bai-thu.md").is_file(), made.stderr


def test_build_strict_says_the_site_already_builds_strict(tmp_path):
    """`mkdocs build --strict` is MkDocs' habit; `bantin build --strict` was refused as an
    unknown option, and `--help` never said why (an outsiders' trial, session 34). It builds,
    saying `strict: true` is already in mkdocs.yml; where it is not, the flag still makes this
    build strict, as MkDocs' does."""
    import yaml
    from sitekit import article, write_site

    site = write_site(tmp_path / "s", {"tin-tuc/a.md": article("Bài một")})
    done = _bantin(site, "build", "--strict")
    assert done.returncode == 0, done.stderr
    assert "không cần `--strict`" in done.stderr and "đã có `strict: true`" in done.stderr
    assert (site / "site" / "index.html").is_file()
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(strict=False, khong_co_muc_nay=1)  # an unknown option: a warning, which strict stops at
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert _bantin(site, "build").returncode == 0
    done = _bantin(site, "build", "--strict")
    assert done.returncode == 1 and "không có `strict: true`" in done.stderr, done.stderr
    shown = _bantin(site, "build", "--help").stdout
    assert "--strict" in shown and "strict: true" in shown


def test_f_before_init_is_refused_with_the_fix(tmp_path):
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "init", "moi")
    assert done.returncode == 2 and "`bantin init THƯ_MỤC`" in done.stderr and not (tmp_path / "moi").exists()


# --- mkdocs.yml as MkDocs reads it: INHERIT and !ENV (session 31) -------------------------------

BASE_YML = """site_name: Bản tin chung
docs_dir: noi-dung
theme: {name: material}
plugins:
  bantin:
    urls:
      article: tin-tuc-su-kien
    categories:
      - title: Hòa giải ở cơ sở
"""


def _site_on_a_base(tmp_path: Path, child: str = "INHERIT: ../chung/base.yml\nsite_name: Thử\n") -> Path:
    """so-tu-phap/ whose content folder, article segment and categories are all in ../chung/base.yml,
    the base several units' sites share (MkDocs' INHERIT)."""
    site = _site_below(tmp_path)
    (tmp_path / "chung").mkdir()
    (tmp_path / "chung" / "base.yml").write_text(BASE_YML, encoding="utf-8")
    (site / "mkdocs.yml").write_text(child, encoding="utf-8")
    return site


def test_import_and_redirects_follow_a_shared_base_file(tmp_path):
    """Read as written, this mkdocs.yml had no docs_dir, no `urls:` and no categories: the import
    wrote into so-tu-phap/docs/ with /tin-tuc/ in the map and refused the category, silently
    wrong for the first two."""
    site = _site_on_a_base(tmp_path)
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html", "--category", "Hòa giải ở cơ sở",
                   "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=3")
    assert done.returncode == 0, done.stdout + done.stderr
    written = site / "noi-dung" / "tin-tuc" / "hoi-nghi-trien-khai-luat.md"
    assert "category: hoa-giai-o-co-so\n" in written.read_text(encoding="utf-8")
    assert "ItemID=3 /tin-tuc-su-kien/hoi-nghi-trien-khai-luat/" in (site / "redirects" / "old-host.map").read_text(
        encoding="utf-8")
    assert not (site / "docs").exists() and not (tmp_path / "chung" / "noi-dung").exists()
    rules = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "redirects", "--nginx")
    assert rules.returncode == 0, rules.stderr
    assert "/tin-tuc-su-kien/tap-huan-hoa-giai-vien/;" in rules.stdout and "khong-co" not in rules.stdout


def test_the_site_file_wins_over_its_base(tmp_path):
    """mergedeep, as MkDocs: `urls:` merged key by key, the site's own value first."""
    site = _site_on_a_base(tmp_path, "INHERIT: ../chung/base.yml\nsite_name: Thử\ndocs_dir: noi-dung\n"
                                     "plugins:\n  bantin:\n    urls: {article: tin-moi, qa: hd}\n")
    (site / "redirects" / "old-host.map").write_text(
        "http://stp.example.gov.vn/tin.aspx?ItemID=1 /tin-moi/tap-huan-hoa-giai-vien/\n", encoding="utf-8")
    rules = _bantin(site, "redirects", "--nginx")
    assert rules.returncode == 0 and "/tin-moi/tap-huan-hoa-giai-vien/;" in rules.stdout, rules.stderr


def test_a_wrong_segment_in_the_base_is_named_in_the_base(tmp_path):
    _site_on_a_base(tmp_path)
    (tmp_path / "chung" / "base.yml").write_text(BASE_YML.replace("tin-tuc-su-kien", "Tin Tức"), encoding="utf-8")
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "chung/base.yml:7: [plugins.bantin.urls.article] lỗi: `article: Tin Tức`" in done.stderr
    assert not (tmp_path / "so-tu-phap" / "noi-dung" / "tin-tuc" / "hoi-nghi-trien-khai-luat.md").exists()


ENV_YML = """site_name: Thử
docs_dir: !ENV NOI_DUNG
theme: {name: material}
plugins:
  - bantin:
      urls:
        article: !ENV [MUC_TIN, tin-tuc]
"""


def test_import_and_redirects_follow_env_variables(tmp_path):
    site = _site_below(tmp_path)
    (site / "mkdocs.yml").write_text(ENV_YML, encoding="utf-8")
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    env = {"NOI_DUNG": "noi-dung", "MUC_TIN": "tin-tuc-su-kien"}
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html",
                   "--url", "http://stp.example.gov.vn/tin.aspx?ItemID=3", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "noi-dung" / "tin-tuc" / "hoi-nghi-trien-khai-luat.md").is_file()
    assert "ItemID=3 /tin-tuc-su-kien/hoi-nghi-trien-khai-luat/" in (site / "redirects" / "old-host.map").read_text(
        encoding="utf-8")
    rules = _bantin(site, "redirects", env=env)
    assert rules.returncode == 0 and "/tin-tuc-su-kien/tap-huan-hoa-giai-vien/;" in rules.stdout, rules.stderr


def test_an_unset_variable_is_named_not_replaced_by_the_default(tmp_path):
    """MkDocs reads `docs_dir: !ENV NOI_DUNG` unset as docs/: the import would write there and
    the map name /tin-tuc/…, where the site, built with the variable set, has nothing."""
    site = _site_below(tmp_path)
    (site / "mkdocs.yml").write_text(ENV_YML.replace("[MUC_TIN, tin-tuc]", "MUC_TIN"), encoding="utf-8")
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    done = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html")
    assert done.returncode == 1 and done.stderr.startswith("so-tu-phap/mkdocs.yml:2: [docs_dir] lỗi: ")
    assert "`NOI_DUNG`" in done.stderr and "export NOI_DUNG=content" in done.stderr
    assert "--content-dir" in done.stderr and not (site / "docs").exists()
    given = _bantin(tmp_path, "-f", "so-tu-phap/mkdocs.yml", "import", "bai.html", "--content-dir",
                    "so-tu-phap/noi-dung")
    assert given.returncode == 1 and "so-tu-phap/mkdocs.yml:7: [plugins.bantin.urls.article] lỗi: " in given.stderr
    assert "export MUC_TIN=tin-tuc" in given.stderr and "Chưa nhập tệp nào" in given.stderr
    assert list((site / "noi-dung" / "tin-tuc").iterdir()) == [site / "noi-dung" / "tin-tuc" / "tap-huan.md"]


def test_a_broken_inherit_stops_import_and_redirects_with_its_line(tmp_path):
    site = _site_on_a_base(tmp_path, "site_name: Thử\nINHERIT: ../chung/base.yml\n")
    (tmp_path / "chung" / "base.yml").write_text("INHERIT: ../so-tu-phap/mkdocs.yml\n", encoding="utf-8")
    for command in (["import", "bai.html"], ["redirects"]):
        done = _bantin(site, *command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("../chung/base.yml:1: [INHERIT] lỗi: các tệp kế thừa nhau thành vòng tròn: "
                                      "mkdocs.yml → ../chung/base.yml → ../so-tu-phap/mkdocs.yml"), done.stderr


def test_import_and_redirects_read_mkdocs_yml_once(tmp_path, monkeypatch, capsys):
    """They read it three times (the content folder, `urls:`, the categories), each with its
    own reading: now once, every file of the chain once."""
    import yaml

    from bantin.cli.importer import main_import, main_redirects

    site = _site_on_a_base(tmp_path)
    (tmp_path / "bai.html").write_text(SAVED, encoding="utf-8")
    composed = []
    real_compose = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda stream, *a, **k: composed.append(stream.name) or real_compose(
        stream, *a, **k))
    monkeypatch.chdir(site)
    assert main_import([str(tmp_path / "bai.html"), "--category", "hoa-giai-o-co-so"]) == 0
    assert composed == ["mkdocs.yml", "../chung/base.yml"]
    composed.clear()
    assert main_redirects([]) == 0
    assert composed == ["mkdocs.yml", "../chung/base.yml"]
    capsys.readouterr()


@pytest.mark.parametrize("args", [["--version"], ["check"]])
def test_a_reader_that_goes_away_gets_no_traceback(tmp_path, args):
    """`bantin --version | head -1` (the site README reads that first line) ended in a 20-line
    BrokenPipeError traceback (a province's trial, session 41). The pipe's reading end is
    closed before the command starts, so its first write fails every time."""
    from sitekit import article, write_site

    write_site(tmp_path, {"tin-tuc/a.md": article("Bài một"), "tin-tuc/b.md": "---\ntitle: B\n---\n"})  # check says things
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "bantin.cli", *args], cwd=tmp_path, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              timeout=120)
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr


def test_import_from_a_folder_without_a_site_says_so_once(tmp_path):
    """A province's trial (session 41): `bantin import *.html` run in the folder of the saved
    pages printed the same "no content folder" error once per page, without `-f`. Now once, as
    `build` says it, and nothing is written."""
    from sitekit import run_bantin

    for name in ("a.html", "b.html", "c.html"):
        (tmp_path / name).write_text("<html><body><h1>Tin</h1><p>Nội dung bài.</p></body></html>", encoding="utf-8")
    done = run_bantin(tmp_path, "import", "a.html", "b.html", "c.html", "--category", "Hòa giải ở cơ sở")
    assert done.returncode == 1 and "Traceback" not in done.stdout, done.stdout
    assert done.stdout.count("không có tệp cấu hình `mkdocs.yml`") == 1, done.stdout
    assert "`bantin -f đường/dẫn/mkdocs.yml`" in done.stdout and "--content-dir" in done.stdout
    assert "không có thư mục nội dung" not in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html", "c.html"]
