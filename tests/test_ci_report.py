"""`bantin check --format github|gitlab`: problems on their file's line in the web UI, and the
publishing workflows use them (issue 14, item 4)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from bantin.cli import report
from bantin.problems import ERROR, WARNING, Problem
from sitekit import ROOT, article, run_bantin, set_site_url, write_site

# GitLab's Code Quality report, as its documentation describes it ("Code Quality report format",
# docs.gitlab.com/ci/testing/code_quality): a JSON array of objects with description,
# check_name, fingerprint (e.g. an MD5 hash), severity (info, minor, major, critical, blocker),
# location.path (relative) and location.lines.begin (or location.positions.begin.line); no
# byte order mark.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def validate(value, schema, where="$"):
    """The subset of JSON Schema that GITLAB_SCHEMA uses (jsonschema when installed)."""
    try:
        import jsonschema
    except ImportError:
        pass
    else:
        jsonschema.validate(value, schema)
    kind = schema.get("type")
    types = {"array": list, "object": dict, "string": str, "integer": int}
    if kind:
        assert isinstance(value, types[kind]) and not isinstance(value, bool), f"{where}: not {kind}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "minLength" in schema:
        assert len(value) >= schema["minLength"], f"{where}: empty"
    if "minimum" in schema:
        assert value >= schema["minimum"], f"{where}: {value} < {schema['minimum']}"
    for key in schema.get("required", ()):
        assert key in value, f"{where}: {key} missing"
    for key, sub in schema.get("properties", {}).items():
        if key in value:
            validate(value[key], sub, f"{where}.{key}")
    if "items" in schema:
        for n, item in enumerate(value):
            validate(item, schema["items"], f"{where}[{n}]")


PLACES = report.Places(Path("/repo"), Path("/repo/content"), Path("/repo/mkdocs.yml"))


def problem(path="tin-tuc/a.md", line=3, field="date", message="ngày sai", fix="viết 2024-11-21", severity=ERROR):
    return Problem(path, line, field, message, fix, severity)


# --- text and github ------------------------------------------------------------------------

def test_text_line_never_starts_a_workflow_command():
    import io

    out = io.StringIO()
    report.print_text([problem(path="::add-mask::x.md"), problem()], out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(" ::add-mask::x.md:3:") and lines[1].startswith("tin-tuc/a.md:3: [date] lỗi:")


def test_github_command_names_file_line_and_title():
    line = report.github_command(problem(), PLACES)
    assert line == ("::error file=content/tin-tuc/a.md,line=3,title=Bản tin%3A lỗi [date]::"
                    "[date] ngày sai → Cách sửa: viết 2024-11-21")
    warning = report.github_command(problem(path="mkdocs.yml", line=0, field="", severity=WARNING), PLACES)
    assert warning.startswith("::warning file=mkdocs.yml,title=Bản tin%3A cảnh báo::")  # no line: none given


def test_github_escaping_keeps_every_problem_one_command():
    hostile = problem(path="tin-tuc/a,b:c%.md", field="x,y", message="50% xong\r\n::error::giả\nhết",
                      fix="a::b,c")
    line = report.github_command(hostile, PLACES)
    assert "\n" not in line and "\r" not in line
    head, data = line.split("::", 2)[1:]
    assert head == "error file=content/tin-tuc/a%2Cb%3Ac%25.md,line=3,title=Bản tin%3A lỗi [x%2Cy]"
    assert data == "[x,y] 50%25 xong\\r\\n::error::giả\\nhết → Cách sửa: a::b,c"  # controls shown, not obeyed


def test_github_data_and_property_escaping_as_documented():
    assert report.github_data("100%\r\n") == "100%25%0D%0A"
    assert report.github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_paths_from_the_repository_root(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "site").mkdir(parents=True)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    places = report.Places.of(str(repo / "site" / "mkdocs.yml"), str(repo / "site" / "content"), "GITHUB_WORKSPACE")
    assert places.path(problem()) == "site/content/tin-tuc/a.md"
    assert places.path(problem(path="mkdocs.yml")) == "site/mkdocs.yml"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))  # not holding the site: ignored
    places = report.Places.of(str(repo / "site" / "mkdocs.yml"), str(repo / "site" / "content"), "GITHUB_WORKSPACE")
    assert places.path(problem()) == "content/tin-tuc/a.md"


def test_summary_markdown_cannot_carry_links_images_or_html():
    evil = problem(message="[bấm](https://evil.example) ![x](https://t.example/p.gif) <img src=x> | ô", fix="`a`")
    text = report.github_summary([evil], PLACES, "Bản tin: xuất bản 1 article", 1, 0)
    row = text.splitlines()[-1]
    cells = re.split(r"(?<!\\)\|", row)
    assert len(cells) == 6 and cells[0] == cells[-1] == ""  # 4 cells: the editor's `|` stayed text
    for cell in cells[1:-1]:
        assert_all_punctuation_escaped(cell.strip())
    assert "\\[bấm\\]\\(https\\:\\/\\/evil\\.example\\)" in row
    assert text.startswith("### Kiểm tra nội dung: 1 lỗi\n")


def assert_all_punctuation_escaped(text: str) -> None:
    """Every ASCII punctuation mark of `text` is a backslash escape (or the escaped mark)."""
    n = 0
    while n < len(text):
        if text[n] == "\\":
            assert n + 1 < len(text) and text[n + 1].isascii() and not text[n + 1].isalnum(), text[n:]
            n += 2
            continue
        assert not (text[n].isascii() and not text[n].isalnum() and text[n] != " "), text[n:]
        n += 1


def test_summary_lists_at_most_its_rows():
    many = [problem(line=n) for n in range(1, report.SUMMARY_ROWS + 6)]
    text = report.github_summary(many, PLACES, "", len(many), 0)
    assert text.count("\n| content") == report.SUMMARY_ROWS and "… và 5 vấn đề khác" in text


# --- gitlab ---------------------------------------------------------------------------------

def test_gitlab_report_matches_the_documented_format():
    from bantin.content.drafts.policy import as_draft

    issues = report.gitlab_issues([problem(), problem(line=0, severity=WARNING), as_draft(problem(path="b.md")),
                                   problem(path="mkdocs.yml", field="", line=7)], PLACES)
    validate(issues, GITLAB_SCHEMA)
    assert [i["severity"] for i in issues] == ["info", "major", "minor", "major"]
    assert [i["location"]["path"] for i in issues] == ["content/b.md", "mkdocs.yml",
                                                        "content/tin-tuc/a.md", "content/tin-tuc/a.md"]
    assert issues[2]["location"]["lines"]["begin"] == 1  # no line: the file's first
    assert issues[3]["check_name"] == "bantin/date" and issues[1]["check_name"] == "bantin/tep"


def test_gitlab_fingerprint_follows_the_problem_not_its_line():
    first = report.gitlab_issues([problem(line=3)], PLACES)[0]["fingerprint"]
    assert report.gitlab_issues([problem(line=40)], PLACES)[0]["fingerprint"] == first
    assert report.gitlab_issues([problem(message="khác")], PLACES)[0]["fingerprint"] != first
    assert report.gitlab_issues([problem(path="b.md")], PLACES)[0]["fingerprint"] != first
    assert report.gitlab_issues([problem(field="title")], PLACES)[0]["fingerprint"] != first
    twice = report.gitlab_issues([problem(line=3), problem(line=9)], PLACES)  # same mistake twice in one file
    assert len({i["fingerprint"] for i in twice}) == 2 and twice[0]["fingerprint"] == first


def test_gitlab_report_is_never_written_into_content(tmp_path):
    places = report.Places(tmp_path, tmp_path / "content", tmp_path / "mkdocs.yml")
    wrong = report.write_gitlab([problem()], places, str(tmp_path / "content" / "r.json"))
    assert wrong and "content" in wrong and not (tmp_path / "content" / "r.json").exists()
    assert report.write_gitlab([problem()], places, str(tmp_path / "r.json")) is None
    data = (tmp_path / "r.json").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and json.loads(data)[0]["location"]["path"] == "content/tin-tuc/a.md"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


# --- the command ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    """A real address: what publishing would refuse in mkdocs.yml is its own test below."""
    return set_site_url(write_site(tmp_path_factory.mktemp("ci") / "repo", {
        "tin-tuc/dung.md": article("Bài đúng"),
        "tin-tuc/sai.md": article("Bài sai", category="khong-co"),
        "tin-tuc/nhap.md": article("Bài nháp", date="21/11/2024", draft=True),
    }), "https://stp.songlam.gov.vn/")


def test_check_warns_of_what_a_publishing_build_refuses_in_mkdocs_yml(tmp_path):
    """A new site's check said 0 problems while its publishing build stopped on five (a
    hostile review, session 18): the merge request's report now lists them, as warnings."""
    root = write_site(tmp_path / "repo", {"tin-tuc/dung.md": article("Bài đúng")})
    done = run_bantin(root, "check", "--format", "gitlab", env=ci_env(CI_PROJECT_DIR=str(root)))
    assert done.returncode == 0, done.stdout
    assert "[site_url] cảnh báo:" in (done.stdout or "") + (done.stderr or "")
    report = json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert any("site_url" in issue["description"] and issue["severity"] == "minor" for issue in report), report


def ci_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CI_PROJECT_DIR")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def test_check_format_github(broken_site, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("trước\n", encoding="utf-8")
    done = run_bantin(broken_site, "check", "--format", "github",
                      env=ci_env(GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(broken_site)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split("::")[1].split(",")[0] for line in lines if line.startswith("::")] == [
        "warning file=content/tin-tuc/nhap.md", "error file=content/tin-tuc/sai.md"]
    assert any(line.startswith("::error file=content/tin-tuc/sai.md,line=4,") for line in lines)
    assert "title=Bản tin%3A bản nháp%2C không chặn xuất bản [date]" in done.stdout
    assert "1 lỗi, 1 cảnh báo" in done.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("trước\n### Kiểm tra nội dung: 1 lỗi, 1 cảnh báo")  # appended, as GitHub asks
    assert "content\\/tin\\-tuc\\/sai\\.md" in text


def test_check_format_gitlab_writes_the_report_and_prints_the_text(broken_site, tmp_path):
    out = tmp_path / "cq.json"
    done = run_bantin(broken_site, "check", "--format", "gitlab", "--output", str(out), env=ci_env())
    assert done.returncode == 1
    assert "tin-tuc/sai.md:4: [category] lỗi:" in done.stdout and "::" not in done.stdout
    issues = json.loads(out.read_text(encoding="utf-8"))
    validate(issues, GITLAB_SCHEMA)
    assert [(i["location"]["path"], i["severity"]) for i in issues] == [
        ("content/tin-tuc/nhap.md", "info"), ("content/tin-tuc/sai.md", "major")]
    default = run_bantin(broken_site, "check", "--format", "gitlab", env=ci_env())
    assert default.returncode == 1 and (broken_site / report.GITLAB_REPORT).is_file()
    assert json.loads((broken_site / report.GITLAB_REPORT).read_text(encoding="utf-8")) == issues


def test_check_text_is_the_default(broken_site):
    done = run_bantin(broken_site, "check", env=ci_env())
    assert done.returncode == 1 and "tin-tuc/sai.md:4: [category] lỗi:" in done.stdout and "::" not in done.stdout


def test_a_broken_mkdocs_yml_is_an_annotation_too(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\nplugins:\n  - bantin:\n\t page_size: 2\n",
                                         encoding="utf-8")
    done = run_bantin(tmp_path, "check", "--format", "github", env=ci_env())
    assert done.returncode != 0 and "Traceback" not in done.stdout
    commands = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=mkdocs.yml,line=5,title=Bản tin%3A lỗi::")
    assert "Tab" in commands[0] and "→ Cách sửa: xóa khoảng trống đầu dòng" in commands[0]  # the tab message of part 5
    gitlab = run_bantin(tmp_path, "check", "--format", "gitlab", env=ci_env())
    issues = json.loads((tmp_path / report.GITLAB_REPORT).read_text(encoding="utf-8"))
    validate(issues, GITLAB_SCHEMA)
    assert gitlab.returncode != 0 and issues[0]["location"] == {"path": "mkdocs.yml", "lines": {"begin": 5}}


# --- the publishing workflows use them ------------------------------------------------------

def test_github_workflow_checks_with_annotations():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "bantin check --format github" in runs


def test_gitlab_pipeline_uploads_the_code_quality_report():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = pipeline["pages"]
    assert "bantin check --format gitlab" in job["script"]
    assert job["artifacts"]["reports"]["codequality"] == report.GITLAB_REPORT
    assert job["artifacts"]["when"] == "always"  # the report matters most when the check failed
