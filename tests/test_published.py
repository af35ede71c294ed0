"""The published site's addresses kept (site/published.py): an address the last build served
redirects to where its page is now, or is named in a warning when no page has it any more
(a province's second-year trial, session 53: 74 addresses, every printed /q/ QR code among
them, vanished with 0 warnings when a `urls:` prefix changed)."""

from __future__ import annotations

import json
import re

from sitekit import article, read, run_bantin, write_site

from bantin.problems import Problems
from bantin.site import published
from bantin.site.published import Record, Served, compare, read_record, record_json

SERVED = Served(pages={"tin-tuc/moi": "page:tin-tuc/a.md", "huong-dan/b": "page:huong-dan/b.md",
                       "hoi-dap/so-tay/x": "q:x", "hoi-dap/so-tay/ban-in": "print:hoi-dap/so-tay.md"},
                redirects={"q/x": "q:x", "tin-cu/a.html": "page:tin-tuc/a.md"},
                sources={"page:tin-tuc/a.md": "tin-tuc/a.md", "page:huong-dan/b.md": "huong-dan/b.md",
                         "q:x": "hoi-dap/so-tay.md", "print:hoi-dap/so-tay.md": "hoi-dap/so-tay.md"})


def test_a_moved_page_is_redirected_by_its_key_or_its_file_name():
    old = Record({"tin-tuc/cu": "page:tin-tuc/a.md",  # slug changed
                  "tin-tuc/b": "page:tin-tuc/b.md",  # the file moved to huong-dan/ under its name
                  "hoi-dap/so-tay-cu/x": "q:x", "hd/x": "q:x",  # handbook renamed, short prefix changed
                  "hoi-dap/so-tay-cu/ban-in": "print:hoi-dap/so-tay.md",
                  "q/x": "q:x", "tin-tuc/moi": "page:tin-tuc/a.md"}, {})  # still served: nothing to do
    moved, lost = compare(old, SERVED, frozenset())
    assert lost == []
    assert moved == [("hd/x", "hoi-dap/so-tay/x", "q:x"), ("hoi-dap/so-tay-cu/ban-in", "hoi-dap/so-tay/ban-in",
                                                          "print:hoi-dap/so-tay.md"),
                     ("hoi-dap/so-tay-cu/x", "hoi-dap/so-tay/x", "q:x"),
                     ("tin-tuc/b", "huong-dan/b", "page:huong-dan/b.md"),
                     ("tin-tuc/cu", "tin-tuc/moi", "page:tin-tuc/a.md")]


def test_what_no_page_serves_is_lost_once_per_page_and_an_output_is_never_replaced():
    old = Record({"q/y": "q:y", "hoi-dap/so-tay/y": "q:y", "tin-tuc/xoa": "page:tin-tuc/xoa.md",
                  "the/cu": "page:tin-tuc/a.md"},  # moved, but a tag's page is there now
                 {"q:y": "hoi-dap/so-tay.md"})
    moved, lost = compare(old, SERVED, frozenset({"the/cu/index.html"}))
    assert moved == []
    inside = Record({"admin/cu": "page:tin-tuc/a.md", "con/a": "page:tin-tuc/a.md", "tin-cu/b": "page:tin-tuc/a.md"}, {})
    assert compare(inside, SERVED, frozenset({"admin/"}))[0] == [("tin-cu/b", "tin-tuc/moi", "page:tin-tuc/a.md")]
    assert [(one.key, one.source, one.paths) for one in lost] == [
        ("q:y", "hoi-dap/so-tay.md", ("hoi-dap/so-tay/y", "q/y")), ("page:tin-tuc/xoa.md", "", ("tin-tuc/xoa",))]
    src, message, fix = published.lost_message(lost[0])
    assert src == "hoi-dap/so-tay.md" and "/q/y/" in message and "mã QR" in message and "`{#y}`" in fix
    src, message, fix = published.lost_message(lost[1])
    assert src == "tin-tuc/xoa.md" and "/tin-tuc/xoa/" in message and "aliases:" in fix


def test_a_record_keeps_its_redirects_and_reads_back_only_what_could_be_a_redirect():
    text = record_json(SERVED, [("tin-tuc/cu", "page:tin-tuc/a.md")])
    record = read_record(text.encode())
    assert record.addresses["tin-tuc/cu"] == "page:tin-tuc/a.md" and record.carried == {"tin-tuc/cu"}
    assert record.addresses["q/x"] == "q:x" and record.sources["q:x"] == "hoi-dap/so-tay.md"
    assert published.moved_line([("tin-cu", "tin-tuc/moi", "page:tin-tuc/a.md")], record.carried)
    assert published.moved_line([("tin-tuc/cu", "tin-tuc/moi", "page:tin-tuc/a.md")], record.carried) == ""
    hostile = {"ban-tin": 1, "dia-chi": {"../x": "q:x", "/abs": "q:x", "a/../b": "q:x", "a?b": "q:x", "ok": 3,
                                         "fine/path": "q:x"}}
    assert read_record(json.dumps(hostile).encode()).addresses == {"fine/path": "q:x"}
    for bad in (b"", b"\xff", b"[]", b'{"ban-tin": 2, "dia-chi": {}}', b'{"ban-tin": 1, "dia-chi": []}', b"[" * 100000):
        assert read_record(bad) is None


def test_an_unreadable_record_is_a_warning_and_an_absent_one_is_nothing(tmp_path):
    problems = Problems()
    assert published.read_file(str(tmp_path / "none.json"), problems) is None and problems.items == []
    (tmp_path / "bad.json").write_text("<html>404</html>")
    assert published.read_file(str(tmp_path / "bad.json"), problems) is None
    [warning] = problems.items
    assert not warning.is_error and "không so được" in warning.message
    assert published.read_file(str(tmp_path), Problems()) is None  # a folder


HANDBOOK = ("---\ntitle: {title}\ndate: 2024-05-01\ncategory: hoa-giai-o-co-so\n---\n\n"
            "## Câu hỏi 1: Hòa giải viên là ai? {{#hoa-giai-vien}}\n\nTrả lời một.\n\n"
            "## Câu hỏi 2: Phí hòa giải bao nhiêu? {{#phi-hoa-giai}}\n\nTrả lời hai.\n")


def redirect_target(root, path: str) -> str:
    return re.search(r'url=([^"]+)"', read(root, path + "/index.html"))[1]


def test_the_second_years_changes_keep_every_printed_address(tmp_path):
    """Built with `bantin build` twice, as a province does (the second compares with the
    site it replaces): a slug changed, a handbook renamed, a prefix changed keep their old
    addresses as redirects; a question removed is a warning naming its QR address."""
    files = {"tin-tuc/bai.md": article("Tập huấn hòa giải", slug="tap-huan"),
             "hoi-dap/so-tay.md": HANDBOOK.format(title="Sổ tay hòa giải")}
    root = write_site(tmp_path, files)
    done = run_bantin(root, "build")
    assert done.returncode == 0, done.stdout
    record = json.loads(read(root, published.RECORD))
    assert record["dia-chi"]["q/phi-hoa-giai"] == "q:phi-hoa-giai"
    assert record["dia-chi"]["tin-tuc/tap-huan"] == "page:tin-tuc/bai.md"

    (root / "content/tin-tuc/bai.md").write_text(article("Tập huấn hòa giải", slug="tap-huan-2024"), encoding="utf-8")
    (root / "content/hoi-dap/so-tay.md").write_text(
        HANDBOOK.format(title="Sổ tay hòa giải ở cơ sở").split("## Câu hỏi 2")[0], encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - bantin:\n", "  - bantin:\n      urls:\n        short: hd\n"),
                                     encoding="utf-8")
    done = run_bantin(root, "build")
    assert done.returncode == 0, done.stdout
    assert redirect_target(root, "tin-tuc/tap-huan") == "../tap-huan-2024/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai") == "../so-tay-hoa-giai-o-co-so/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/hoa-giai-vien") == "../../so-tay-hoa-giai-o-co-so/hoa-giai-vien/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/ban-in") == "../../so-tay-hoa-giai-o-co-so/ban-in/"
    assert redirect_target(root, "q/hoa-giai-vien") == "../../hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-vien/"
    assert "địa chỉ đã đăng nay ở địa chỉ mới" in done.stdout
    warning = [line for line in done.stdout.splitlines() if "phi-hoa-giai" in line]
    assert len(warning) == 1 and "hoi-dap/so-tay.md" in warning[0] and "/q/phi-hoa-giai/" in warning[0], done.stdout
    assert not (root / "site/q/phi-hoa-giai").exists()

    done = run_bantin(root, "build")  # once more, nothing changed: the redirects stay, nothing is said again
    assert done.returncode == 0 and "phi-hoa-giai" not in done.stdout and "địa chỉ mới" not in done.stdout, done.stdout
    assert redirect_target(root, "tin-tuc/tap-huan") == "../tap-huan-2024/"
    assert redirect_target(root, "q/hoa-giai-vien") == "../../hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-vien/"
    check = run_bantin(root, "check")
    assert check.returncode == 0 and "phi-hoa-giai" not in check.stdout, check.stdout


def test_a_renamed_handbook_s_alias_keeps_its_questions_and_printout(tmp_path):
    """The guide's fix for a renamed handbook, its old address in `aliases:`, saved the
    handbook's page alone: its question pages (the addresses readers share) and `ban-in/`
    stayed lost (a province's second-year trial, session 53). An old file address (`.aspx`)
    has no folder of questions."""
    from sitekit import build

    handbook = HANDBOOK.format(title="Sổ tay hòa giải ở cơ sở").replace(
        "---\n\n", "aliases: [/hoi-dap/so-tay-hoa-giai/, /hoi-dap/chi-tiet.aspx]\n---\n\n", 1)
    root = write_site(tmp_path, {"hoi-dap/so-tay.md": handbook})
    build(root)
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai") == "../so-tay-hoa-giai-o-co-so/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/phi-hoa-giai") == "../../so-tay-hoa-giai-o-co-so/phi-hoa-giai/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/ban-in") == "../../so-tay-hoa-giai-o-co-so/ban-in/"
    assert not (root / "site/hoi-dap/chi-tiet.aspx/phi-hoa-giai").exists()
    record = json.loads(read(root, published.RECORD))["dia-chi"]
    assert record["hoi-dap/so-tay-hoa-giai/phi-hoa-giai"] == "q:phi-hoa-giai"


def test_the_ci_names_the_published_record_and_the_offline_copy_has_none(tmp_path):
    """BANTIN_PUBLISHED names the published site's record (the site's CI takes it from the
    published branch or host); `bantin check` says what the build would lose."""
    import os

    root = write_site(tmp_path / "site", {"tin-tuc/bai.md": article("Tập huấn hòa giải")})
    record = tmp_path / "live.json"
    record.write_text(json.dumps({"ban-tin": 1, "dia-chi": {"tin-tuc/da-go": "page:tin-tuc/da-go.md",
                                                            "tin-cu/bai": "page:tin-tuc/bai.md"}}), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BANTIN_PUBLISHED": str(record)}
    check = run_bantin(root, "check", env=env)
    assert check.returncode == 0 and "tin-tuc/da-go.md" in check.stdout and "/tin-tuc/da-go/" in check.stdout
    done = run_bantin(root, "build", env=env)
    assert done.returncode == 0, done.stdout
    assert redirect_target(root, "tin-cu/bai") == "../../tin-tuc/tap-huan-hoa-giai/"
    done = run_bantin(root, "build", "--offline", env=env)
    assert done.returncode == 0 and "da-go" not in done.stdout, done.stdout
    assert not (root / "site-offline/ban-tin" / published.RECORD).exists()


# --- the site's CI takes the published record: its own lines, run -------------------------

def _ci_lines():
    import yaml

    from sitekit import ROOT

    github = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    [step] = [s for s in github["jobs"]["build"]["steps"] if "dia-chi-da-dang.json" in s.get("run", "")]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    [line] = [s for s in gitlab["pages"]["script"] if "dia-chi-da-dang.json" in s]
    return step["run"], line


def test_github_s_step_takes_the_record_from_the_gh_pages_branch(tmp_path):
    """The step as written, in a clone made as actions/checkout makes it (one commit), with
    the published branch on the remote, then without it (a first publication)."""
    import subprocess

    run, _ = _ci_lines()
    remote, clone = tmp_path / "remote.git", tmp_path / "clone"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    work = tmp_path / "work"
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    (work / "README.md").write_text("x")
    subprocess.run([*git, "-C", str(work), "add", "."], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "main"], check=True)
    subprocess.run([*git, "-C", str(work), "push", "-q", str(remote), "main"], check=True)
    subprocess.run([*git, "clone", "-q", "--depth", "1", f"file://{remote}", str(clone)], check=True)

    def step() -> tuple[str, Path]:
        env_file, temp = tmp_path / "github_env", tmp_path / "runner_temp"
        env_file.write_text("")
        temp.mkdir(exist_ok=True)
        done = subprocess.run(["bash", "-e", "-c", run], cwd=clone, text=True, capture_output=True,
                              env={"PATH": "/usr/bin:/bin", "GITHUB_ENV": str(env_file), "RUNNER_TEMP": str(temp),
                                   "HOME": str(tmp_path)})
        assert done.returncode == 0, done.stderr
        return env_file.read_text() + done.stdout, temp / "dia-chi-da-dang.json"

    said, _ = step()
    assert "BANTIN_PUBLISHED" not in said and "lần đăng đầu" in said
    subprocess.run([*git, "-C", str(work), "checkout", "-q", "--orphan", "gh-pages"], check=True)
    (work / "dia-chi-da-dang.json").write_text('{"ban-tin": 1, "dia-chi": {}}')
    subprocess.run([*git, "-C", str(work), "add", "."], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "site"], check=True)
    subprocess.run([*git, "-C", str(work), "push", "-q", str(remote), "gh-pages"], check=True)
    said, record = step()
    assert said.strip() == f"BANTIN_PUBLISHED={record}" and read_record(record.read_bytes()) is not None


def test_gitlab_s_line_takes_the_record_from_the_pages_address(tmp_path):
    """The line as written, in bash (GitLab's runner shell), the site served here."""
    import subprocess
    import sys

    from browser import serve

    _, line = _ci_lines()
    script = line + '\necho "BANTIN_PUBLISHED=${BANTIN_PUBLISHED:-}"\n'
    python = str(tmp_path / "bin")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").symlink_to(sys.executable)
    site = tmp_path / "public"
    site.mkdir()
    url, stop = serve(site)
    try:
        def run() -> str:
            done = subprocess.run(["bash", "-c", script], cwd=tmp_path, text=True, capture_output=True,
                                  env={"PATH": f"{python}:/usr/bin:/bin", "CI_PAGES_URL": url.rstrip("/")})
            assert done.returncode == 0, done.stderr
            return done.stdout

        assert "lần đăng đầu" in run() and "BANTIN_PUBLISHED=\n" in run()  # a 404: none yet
        (site / "dia-chi-da-dang.json").write_text('{"ban-tin": 1, "dia-chi": {}}')
        said = run()
        assert f"BANTIN_PUBLISHED={tmp_path}/.dia-chi-da-dang.json\n" in said
        assert read_record((tmp_path / ".dia-chi-da-dang.json").read_bytes()) is not None
    finally:
        stop()
