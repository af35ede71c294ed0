"""`bantin check --format text|github|gitlab`: problems where editors look (issue 14).

- text (default): one line per problem, as editors read it in a terminal.
- github: GitHub workflow commands (`::error file=…,line=…,title=…::message`), so each problem
  is an annotation on its file's line in the pull request and the run; plus a table in
  `$GITHUB_STEP_SUMMARY` when set (GitHub shows at most 10 errors and 10 warnings per step as
  annotations: the table lists them all).
- gitlab: a Code Quality report (JSON array, GitLab's documented subset of the Code Climate
  format) written to a file for `artifacts: reports: codequality:`, and the text as well.

Paths are relative to the repository: `$GITHUB_WORKSPACE` / `$CI_PROJECT_DIR` when set and
holding the site, else the folder of mkdocs.yml; content paths gain their `docs_dir`
(`content/tin-tuc/a.md`). Everything an editor typed passes through `visible()` and the
escaping of its format: no file name or message can start a workflow command of its own or
break the JSON or the summary's Markdown.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, TextIO

from bantin.config.settings import CONFIG_FILE
from bantin.content.drafts.policy import NOTE, is_draft_problem
from bantin.problems import Problem, visible

FORMATS = ("text", "github", "gitlab")
GITLAB_REPORT = "gl-code-quality-report.json"
SUMMARY_ROWS = 300  # a step summary holds at most 1 MiB; the rest is counted, not listed


@dataclass(frozen=True)
class Places:
    """Where the site's files are, to name each problem's file from the repository root."""

    root: Path  # repository root
    docs_dir: Path  # content/
    config_file: Path  # mkdocs.yml

    @classmethod
    def of(cls, config_file: str, docs_dir: str, ci_root_variable: str = "") -> "Places":
        config = Path(config_file or CONFIG_FILE).absolute()
        root = config.parent
        ci_root = os.environ.get(ci_root_variable, "") if ci_root_variable else ""
        if ci_root and (Path(ci_root).absolute() == root or Path(ci_root).absolute() in root.parents):
            root = Path(ci_root).absolute()
        return cls(root, Path(docs_dir).absolute(), config)

    def path(self, problem: Problem) -> str:
        """The problem's file, relative to the repository root, with forward slashes."""
        target = self.config_file if problem.path == CONFIG_FILE else self.docs_dir / problem.path
        try:
            return Path(os.path.normpath(target)).relative_to(self.root).as_posix()
        except ValueError:  # outside the repository (a docs_dir elsewhere): the path as it is
            return Path(os.path.normpath(target)).as_posix()


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line))


def _text(problem: Problem) -> str:
    """Problem text without its file and line (the format gives those separately)."""
    subject = f"[{visible(problem.field)}] " if problem.field else ""
    fix = f" → Cách sửa: {visible(problem.fix)}" if problem.fix else ""
    return f"{subject}{visible(problem.message)}{fix}"


# --- text ---------------------------------------------------------------------------------

def print_text(problems: Iterable[Problem], out: TextIO) -> None:
    for problem in ordered(problems):
        line = str(problem)
        # A line starting with `::` is a command to GitHub's runner: never let a file name make one.
        print(f" {line}" if line.startswith("::") else line, file=out)


# --- github -------------------------------------------------------------------------------

def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner requires."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (file, title): also `:` and `,`, which end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem, places: Places) -> str:
    kind = "error" if problem.is_error else "warning"
    title = "Bản tin: " + ("lỗi" if problem.is_error else NOTE if is_draft_problem(problem) else "cảnh báo")
    title += f" [{problem.field}]" if problem.field else ""
    props = [f"file={github_property(visible(places.path(problem)))}"]
    if problem.line > 0:
        props.append(f"line={problem.line}")
    props.append(f"title={github_property(visible(title))}")
    return f"::{kind} {','.join(props)}::{github_data(_text(problem))}"


def print_github(problems: Iterable[Problem], places: Places, out: TextIO) -> None:
    for problem in ordered(problems):
        print(github_command(problem, places), file=out)


def markdown_text(text: str) -> str:
    """Text shown as text in GitHub's Markdown: every ASCII punctuation mark backslash-escaped
    (CommonMark allows it for all of them), so no link, image, HTML or table cell can begin."""
    return "".join(f"\\{c}" if c.isascii() and not c.isalnum() and c not in " " else c
                   for c in visible(text).replace("\n", " "))


def github_summary(problems: list[Problem], places: Places, counts: str, errors: int, warnings: int) -> str:
    """The Markdown of `$GITHUB_STEP_SUMMARY`: counts, then a table of every problem."""
    head = "### Kiểm tra nội dung: " + ("không có lỗi" if not errors else f"{errors} lỗi")
    lines = [head + (f", {warnings} cảnh báo" if warnings else ""), ""]
    if counts:
        lines += [markdown_text(counts), ""]
    if not problems:
        return "\n".join(lines) + "\n"
    lines += ["| Tệp | Dòng | Mức | Vấn đề và cách sửa |", "| --- | --- | --- | --- |"]
    for problem in ordered(problems)[:SUMMARY_ROWS]:
        level = "lỗi" if problem.is_error else "cảnh báo"
        lines.append(f"| {markdown_text(places.path(problem))} | {problem.line or ''} | {level} | "
                     f"{markdown_text(_text(problem))} |")
    if len(problems) > SUMMARY_ROWS:
        lines += ["", f"… và {len(problems) - SUMMARY_ROWS} vấn đề khác: chạy `bantin check` để xem hết."]
    return "\n".join(lines) + "\n"


def write_github_summary(text: str) -> None:
    """Append to `$GITHUB_STEP_SUMMARY` when GitHub set it; a failure is said, never fatal."""
    target = os.environ.get("GITHUB_STEP_SUMMARY", "")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"Không ghi được bảng tóm tắt vào GITHUB_STEP_SUMMARY ({exc.strerror}); "
              "các lỗi vẫn ở trong nhật ký.", file=sys.stderr)


# --- gitlab -------------------------------------------------------------------------------

SEVERITY = {"error": "major", "warning": "minor", "draft": "info"}


def gitlab_issues(problems: Iterable[Problem], places: Places) -> list[dict]:
    """Code Quality issues. The fingerprint is a hash of file, field and message, not the
    line: a problem keeps its identity when lines above it move, so GitLab's merge request
    widget shows it as old, not as fixed and new. The same message twice in one file is told
    apart by its rank in the file."""
    issues, seen = [], {}
    for problem in ordered(problems):
        path = places.path(problem)
        key = (path, problem.field, problem.message)
        seen[key] = seen.get(key, 0) + 1
        identity = "\0".join((path, problem.field, problem.message)) + (f"\0{seen[key]}" if seen[key] > 1 else "")
        kind = "error" if problem.is_error else "draft" if is_draft_problem(problem) else "warning"
        issues.append({
            "description": _text(problem),
            "check_name": f"bantin/{problem.field or 'tep'}",
            "fingerprint": hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": SEVERITY[kind],
            "location": {"path": path, "lines": {"begin": max(problem.line, 1)}},
        })
    return issues


def write_gitlab(problems: Iterable[Problem], places: Places, output: str) -> str | None:
    """Write the report to `output` (through a temporary file, replaced in one step; never into
    content/, which would publish it). Returns a Vietnamese error message, or None."""
    target = Path(output).absolute()
    if target == places.docs_dir or places.docs_dir in target.parents:
        return (f"{visible(output)}: không ghi báo cáo vào thư mục nội dung {visible(places.docs_dir)} "
                "(tệp trong đó sẽ được xuất bản); chọn tệp khác với --output")
    data = json.dumps(gitlab_issues(problems, places), ensure_ascii=False, indent=1) + "\n"
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        temporary.write_text(data, encoding="utf-8")  # no byte order mark: GitLab refuses one
        os.replace(temporary, target)
    except OSError as exc:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return f"{visible(output)}: không ghi được báo cáo Code Quality ({exc.strerror})"
    return None


_CONFIG_MESSAGE = re.compile(r"(?s)(?P<path>.*?)(?::(?P<line>\d+))?:(?: \[(?P<field>[^\]]*)\])? lỗi: (?P<what>.*?)"
                             r"(?: → Cách sửa: (?P<fix>.*))?")


def config_problem(message: str, config_file: str = CONFIG_FILE) -> Problem:
    """A configuration error that stopped `bantin check` before any content was read
    ("mkdocs.yml:6: lỗi: … → Cách sửa: …", config/precheck.py) as a problem of mkdocs.yml,
    or of the base it inherits when the message names that file (`../chung/base.yml:3: …`:
    the annotation goes on the base's line, not on mkdocs.yml's line 3)."""
    found = _CONFIG_MESSAGE.fullmatch(message.strip())
    if found is None:
        return Problem(CONFIG_FILE, 0, "", message.strip(), "")
    line = int(found["line"]) if found["line"] else 0
    named = found["path"].strip()
    path = CONFIG_FILE if not named or os.path.abspath(named) == os.path.abspath(config_file) else os.path.abspath(named)
    return Problem(path, line, found["field"] or "", found["what"].strip(), (found["fix"] or "").strip())
