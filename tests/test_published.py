"""The published site's addresses kept (site/published.py): an address the last build served
redirects to where its page is now, or is named in a warning when no page has it any more
(a province's second-year trial, session 53: 74 addresses, every printed /q/ QR code among
them, vanished with 0 warnings when a `urls:` prefix changed)."""

from __future__ import annotations

import json
import os
import re

from sitekit import article, read, run_bantin, write_site

from bantin.problems import Problems
from bantin.site import published
from bantin.site.published import Record, Served, compare, read_record, record_json

A, B = published.page_key("tin-tuc/a.md"), published.page_key("huong-dan/b.md")
PRINT = published.print_key("hoi-dap/so-tay.md")
SERVED = Served(pages={"tin-tuc/moi": A, "huong-dan/b": B, "hoi-dap/so-tay/x": "q:x", "hoi-dap/so-tay/ban-in": PRINT,
                       "hoi-dap/so-tay": published.page_key("hoi-dap/so-tay.md")},
                redirects={"q/x": "q:x", "tin-cu/a.html": A},
                sources={A: "tin-tuc/a.md", B: "huong-dan/b.md", published.page_key("hoi-dap/so-tay.md"): "hoi-dap/so-tay.md"})


def test_a_moved_page_is_redirected_by_its_key():
    old = Record({"tin-tuc/cu": A,  # slug changed
                  "hoi-dap/so-tay-cu/x": "q:x", "hd/x": "q:x",  # handbook renamed, short prefix changed
                  "hoi-dap/so-tay-cu/ban-in": PRINT,
                  "q/x": "q:x", "tin-tuc/moi": A})  # still served: nothing to do
    found = compare(old, SERVED, frozenset())
    assert found.warnings == [] and found.lost == {}
    assert found.moved == [("hd/x", "hoi-dap/so-tay/x", "q:x"), ("hoi-dap/so-tay-cu/ban-in", "hoi-dap/so-tay/ban-in", PRINT),
                           ("hoi-dap/so-tay-cu/x", "hoi-dap/so-tay/x", "q:x"), ("tin-tuc/cu", "tin-tuc/moi", A)]
    assert "4 địa chỉ đã đăng nay ở địa chỉ mới" in found.line


def test_the_keys_in_the_public_record_name_no_file():
    """The record is public; a file's name may be its first title (hostile review, session 53)."""
    text = record_json(SERVED, [], {}, {})
    assert ".md" not in text and "tin-tuc/a" not in text.replace('"tin-tuc/moi"', "")


def test_what_no_page_serves_is_said_once_and_kept_to_come_back():
    """A page deleted, or made a draft for a correction: warned once; published again, its old
    addresses redirect to it again (hostile review, session 53: they were forgotten)."""
    gone = published.page_key("tin-tuc/xoa.md")
    old = Record({"q/y": "q:y", "hoi-dap/so-tay/y": "q:y", "tin-tuc/xoa": gone, "tin-tuc/xoa-cu": gone},
                 handbooks={"q:y": "hoi-dap/so-tay"})
    found = compare(old, SERVED, frozenset())
    assert found.moved == [] and found.lost == {"q/y": "q:y", "hoi-dap/so-tay/y": "q:y", "tin-tuc/xoa": gone,
                                                 "tin-tuc/xoa-cu": gone}
    (pages_src, pages, pages_fix), (q_src, question, q_fix) = found.warnings
    assert pages_src == "mkdocs.yml" and "2 địa chỉ" in pages and "/tin-tuc/xoa/, /tin-tuc/xoa-cu/" in pages
    assert "aliases:" in pages_fix and "bản nháp" in pages_fix
    assert q_src == "hoi-dap/so-tay.md" and "`y`" in question and "/q/y/" in question and "mã QR" in question
    # the next build: said no more; the one after, the page is back under a new slug
    again = Record({"tin-tuc/moi": A}, lost=found.lost, handbooks=old.handbooks)
    assert compare(again, SERVED, frozenset()).warnings == []
    back = Served({**SERVED.pages, "tin-tuc/xoa-2": gone}, SERVED.redirects, SERVED.sources)
    returned = compare(again, back, frozenset())
    assert [(o, n) for o, n, _ in returned.moved] == [("tin-tuc/xoa", "tin-tuc/xoa-2"), ("tin-tuc/xoa-cu", "tin-tuc/xoa-2")]
    assert returned.lost == {"q/y": "q:y", "hoi-dap/so-tay/y": "q:y"} and returned.warnings == []


def test_a_file_with_an_error_is_told_by_its_error_not_as_lost():
    """A category mistyped: the article and the handbook are not served in that build, and the
    build said their printed QR codes would break and to write `aliases:` (a trial, session 56).
    Their errors say what to mend; another page truly gone is still warned of."""
    broken, handbook, gone = (published.page_key(src) for src in ("tin-tuc/loi.md", "hoi-dap/loi.md", "tin-tuc/xoa.md"))
    old = Record({"tin-tuc/loi": broken, "hoi-dap/loi": handbook, "hoi-dap/loi/z": "q:z", "q/z": "q:z",
                  "tin-tuc/xoa": gone}, handbooks={"q:z": "hoi-dap/loi"})
    found = compare(old, SERVED, frozenset(), published.failing_keys(["tin-tuc/loi.md", "hoi-dap/loi.md"]))
    [(src, message, _)] = found.warnings
    assert src == "mkdocs.yml" and "1 địa chỉ" in message and "/tin-tuc/xoa/" in message and "loi" not in message
    assert set(found.lost) == set(old.addresses)  # kept, as every address not served is
    assert len(compare(old, SERVED, frozenset()).warnings) == 2  # without the errors: both warned of


def test_a_deleted_page_never_goes_to_another_of_the_same_file_name():
    """`tin-tuc/2023/ke-hoach.md` deleted while `tin-tuc/2024/ke-hoach.md` stays: its address
    is lost, not sent to the 2024 plan (hostile review, session 53)."""
    old = Record({"tin-tuc/ke-hoach-2023": published.page_key("tin-tuc/2023/ke-hoach.md")})
    served = Served({"tin-tuc/ke-hoach-2024": published.page_key("tin-tuc/2024/ke-hoach.md")}, {}, {})
    found = compare(old, served, frozenset())
    assert found.moved == [] and "/tin-tuc/ke-hoach-2023/" in found.warnings[0][1]


def test_a_redirect_is_written_only_where_an_alias_could_be_and_no_output_is():
    """Addresses read from a record are decoded as the build writes them, and kept off every
    output, the folders above them, a writer's folder, dotfiles, host files, `pr-preview/`;
    two spellings of one file are written once (hostile review, session 53)."""
    olds = {"admin/cu": A, "con/a": A, "tin-cu/b": A, "a/%2e%2e/%2e%2e/b": A, "anh/logo.png/x": A,
            ".well-known/security.txt": A, "CNAME": A, "pr-preview/pr-1": A, "tin-cu/%C4%91at": A, "tin-cu/đat": A,
            "tin-tuc/T%61p": A, "web.config": A}
    found = compare(Record(olds), SERVED, frozenset({"admin/", "anh/logo.png", "tin-tuc/tap/index.html"}))
    assert [old for old, _, _ in found.moved] == ["tin-cu/%C4%91at", "tin-cu/b"]


def test_a_record_reads_back_only_what_it_should():
    text = record_json(SERVED, [("tin-tuc/cu", A)], {"tin-tuc/xoa": "page:x"}, {"q:x": "hoi-dap/so-tay"})
    record = read_record(text.encode())
    assert record.addresses["tin-tuc/cu"] == A and record.carried == {"tin-tuc/cu"}
    assert record.lost == {"tin-tuc/xoa": "page:x"} and record.handbooks == {"q:x": "hoi-dap/so-tay"}
    assert published.moved_line([("tin-cu", "tin-tuc/moi", A)], record.carried)
    assert published.moved_line([("tin-tuc/cu", "tin-tuc/moi", A)], record.carried) == ""
    assert "/tin-cu/bai.html → /tin-tuc/moi/" in published.moved_line([("tin-cu/bai.html", "tin-tuc/moi", A)],
                                                                      frozenset())
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
    os.mkfifo(tmp_path / "fifo")
    assert published.read_file(str(tmp_path / "fifo"), Problems()) is None  # never opened: it would block


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
    assert record["dia-chi"]["tin-tuc/tap-huan"] == published.page_key("tin-tuc/bai.md")

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
    assert json.loads(read(root, published.RECORD))["mat"]["q/phi-hoa-giai"] == "q:phi-hoa-giai"  # kept, to come back
    assert not (root / "site/q/phi-hoa-giai").exists()

    done = run_bantin(root, "build")  # once more, nothing changed: the redirects stay, nothing is said again
    assert done.returncode == 0 and "phi-hoa-giai" not in done.stdout and "địa chỉ mới" not in done.stdout, done.stdout
    assert redirect_target(root, "tin-tuc/tap-huan") == "../tap-huan-2024/"
    assert redirect_target(root, "q/hoa-giai-vien") == "../../hoi-dap/so-tay-hoa-giai-o-co-so/hoa-giai-vien/"
    check = run_bantin(root, "check")
    assert check.returncode == 0 and "phi-hoa-giai" not in check.stdout, check.stdout


def test_a_mistyped_category_is_one_error_not_lost_addresses(tmp_path):
    """A trial (session 56): a handbook's category mistyped gave, above its error, two warnings
    that its printed QR codes would break and to write `aliases:`. Built as a province does."""
    files = {"hoi-dap/so-tay.md": HANDBOOK.format(title="Sổ tay hòa giải")}
    root = write_site(tmp_path, files)
    assert run_bantin(root, "build").returncode == 0
    (root / "content/hoi-dap/so-tay.md").write_text(
        HANDBOOK.format(title="Sổ tay hòa giải").replace("hoa-giai-o-co-so", "Hoà giải cơ sở"), encoding="utf-8")
    done = run_bantin(root, "build")
    assert done.returncode != 0 and "category" in done.stdout, done.stdout
    assert "đã đăng nay không còn" not in done.stdout and "aliases:" not in done.stdout, done.stdout


def test_a_renamed_handbook_s_alias_keeps_its_questions_and_printout(tmp_path):
    """The guide's fix for a renamed handbook, its old address in `aliases:`, saved the
    handbook's page alone: its question pages (the addresses readers share) and `ban-in/`
    stayed lost (a province's second-year trial, session 53). An old file address (`.aspx`)
    has no folder of questions."""
    from sitekit import build

    handbook = HANDBOOK.format(title="Sổ tay hòa giải ở cơ sở").replace(
        "---\n\n", "aliases: [/hoi-dap/so-tay-hoa-giai/, /hoi-dap/chi-tiet.aspx, /q/cu/, "
                     "/hoi-dap/so-tay-hoa-giai-o-co-so/cau-da-go/]\n---\n\n", 1)
    root = write_site(tmp_path, {"hoi-dap/so-tay.md": handbook})
    build(root)
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai") == "../so-tay-hoa-giai-o-co-so/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/phi-hoa-giai") == "../../so-tay-hoa-giai-o-co-so/phi-hoa-giai/"
    assert redirect_target(root, "hoi-dap/so-tay-hoa-giai/ban-in") == "../../so-tay-hoa-giai-o-co-so/ban-in/"
    assert not (root / "site/hoi-dap/chi-tiet.aspx/phi-hoa-giai").exists()
    # a removed question's addresses, as its warning says to list them: no folder of questions under them
    assert redirect_target(root, "q/cu") == "../../hoi-dap/so-tay-hoa-giai-o-co-so/"
    assert not (root / "site/q/cu/phi-hoa-giai").exists()
    assert not (root / "site/hoi-dap/so-tay-hoa-giai-o-co-so/cau-da-go/ban-in").exists()
    record = json.loads(read(root, published.RECORD))["dia-chi"]
    assert record["hoi-dap/so-tay-hoa-giai/phi-hoa-giai"] == "q:phi-hoa-giai"


def test_the_ci_names_the_published_record_and_the_offline_copy_has_none(tmp_path):
    """BANTIN_PUBLISHED names the published site's record (the site's CI takes it from the
    published branch or host); `bantin check` says what the build would lose."""
    import os

    root = write_site(tmp_path / "site", {"tin-tuc/bai.md": article("Tập huấn hòa giải")})
    record = tmp_path / "live.json"
    record.write_text(json.dumps({"ban-tin": 1, "dia-chi": {"tin-tuc/da-go": published.page_key("tin-tuc/da-go.md"),
                                                            "tin-cu/bai": published.page_key("tin-tuc/bai.md")}}),
                      encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BANTIN_PUBLISHED": str(record)}
    check = run_bantin(root, "check", env=env)
    assert check.returncode == 0 and "mkdocs.yml: cảnh báo: 1 địa chỉ đã đăng" in check.stdout
    assert "/tin-tuc/da-go/" in check.stdout
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
    # the merge request's preview job checks against the live site too, before its check
    assert gitlab["preview"]["script"][1:3] == [line, "bantin check --format gitlab"]
    return step["run"], line


def test_github_s_step_takes_the_record_from_the_gh_pages_branch(tmp_path):
    """The step as written, in a clone made as actions/checkout makes it (one commit), with
    the published branch on the remote, then without it (a first publication)."""
    import subprocess

    run, _ = _ci_lines()
    remote, clone = tmp_path / "remote.git", tmp_path / "clone"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "-C", str(remote), "config", "uploadpack.allowFilter", "true"], check=True)  # as GitHub
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
        def run(**variables) -> str:
            done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, text=True, capture_output=True,
                                  env={"PATH": f"{python}:/usr/bin:/bin", "CI_PAGES_URL": url.rstrip("/"), **variables})
            assert done.returncode == 0, done.stderr
            return done.stdout

        assert "lần đăng đầu" in run() and "BANTIN_PUBLISHED=\n" in run()  # a 404: none yet
        (site / "dia-chi-da-dang.json").write_text("<html>Đăng nhập</html>")  # a sign-in page served with 200
        assert "BANTIN_PUBLISHED=\n" in run()
        (site / "dia-chi-da-dang.json").write_text('{"ban-tin": 1, "dia-chi": {}}')
        said = run()
        assert f"BANTIN_PUBLISHED={tmp_path}/.dia-chi-da-dang.json\n" in said
        assert read_record((tmp_path / ".dia-chi-da-dang.json").read_bytes()) is not None
        # a merge request's pages job (GitLab 17.9+: CI_PAGES_URL ends with its prefix) reads the live site's
        (tmp_path / ".dia-chi-da-dang.json").unlink()
        said = run(CI_PAGES_URL=url + "mr-12", CI_MERGE_REQUEST_IID="12")
        assert f"BANTIN_PUBLISHED={tmp_path}/.dia-chi-da-dang.json\n" in said
    finally:
        stop()


def test_check_compares_with_the_folder_a_build_writes_elsewhere(tmp_path):
    """A province's own server builds with `--site-dir /var/www/…`: `check --site-dir` compares
    with that site, as the build does (review F6, session 53)."""
    root = write_site(tmp_path / "site", {"tin-tuc/bai.md": article("Tập huấn hòa giải"),
                                          "tin-tuc/hai.md": article("Hội nghị tổng kết")})
    www = tmp_path / "www"
    assert run_bantin(root, "build", "--site-dir", str(www)).returncode == 0
    (root / "content/tin-tuc/hai.md").unlink()
    assert "/tin-tuc/hoi-nghi-tong-ket/" not in run_bantin(root, "check").stdout  # site/ has no record
    check = run_bantin(root, "check", "--site-dir", str(www))
    assert check.returncode == 0 and "1 địa chỉ đã đăng nay không còn" in check.stdout
    assert "/tin-tuc/hoi-nghi-tong-ket/" in check.stdout
