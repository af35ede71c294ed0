"""The publishing templates' previews never replace the live site (issue 14, operators).

GitLab Free ignores `pages.path_prefix`, so a merge request's `pages` job there would
publish over the live site. `.gitlab-ci.yml` is parsed and its rules evaluated for the
pipelines that happen: a push to the default branch, a merge request on Free, one on
Premium with BANTIN_PAGES_PREVIEW=parallel, a push to another branch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITLAB = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
GITHUB = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))

_COMPARE = re.compile(r'^\s*(\$\w+)\s*(==|!=)\s*("(?:[^"]*)"|\$\w+)\s*$')


def evaluate(expression: str, variables: dict[str, str]) -> bool:
    """GitLab's `rules:if` for the forms the template uses: `$A == $B`, `$A != "x"`, joined by
    `&&` or `||` (no parentheses). Anything else fails the test: extend this, not the guess."""
    def value(term: str) -> str | None:
        return variables.get(term[1:]) if term.startswith("$") else term.strip('"')

    def compare(part: str) -> bool:
        match = _COMPARE.match(part)
        assert match, f"rules:if form not understood by this test: {part!r}"
        left, op, right = match.groups()
        equal = value(left) == value(right) if right != '""' else not value(left)
        return equal if op == "==" else not equal

    return any(all(compare(p) for p in alt.split("&&")) for alt in expression.split("||"))


def matching_rule(job: dict, variables: dict[str, str]) -> dict | None:
    """The first rule that matches (GitLab's order), or None: the job does not run."""
    for rule in job["rules"]:
        assert "if" in rule, f"a rule without `if` runs in every pipeline: {rule}"
        if evaluate(rule["if"], variables):
            return None if rule.get("when") == "never" else rule
    return None


PUSH_MAIN = {"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main", "CI_PIPELINE_SOURCE": "push"}
PUSH_BRANCH = {"CI_COMMIT_BRANCH": "bai-moi", "CI_DEFAULT_BRANCH": "main", "CI_PIPELINE_SOURCE": "push"}
MR_FREE = {"CI_DEFAULT_BRANCH": "main", "CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7"}
MR_PREMIUM = {**MR_FREE, "BANTIN_PAGES_PREVIEW": "parallel"}


def pages_jobs() -> dict[str, dict]:
    """Every job that deploys GitLab Pages: named `pages`, or with the `pages:` keyword."""
    return {name: job for name, job in GITLAB.items()
            if isinstance(job, dict) and "script" in job and (name == "pages" or job.get("pages"))}


def test_only_the_default_branch_publishes_the_live_site():
    for name, job in pages_jobs().items():
        for pipeline in (MR_FREE, PUSH_BRANCH):
            assert matching_rule(job, pipeline) is None, (name, pipeline)
    rule = matching_rule(GITLAB["pages"], PUSH_MAIN)
    assert rule and rule["variables"]["PAGES_PREFIX"] == "" and rule["variables"]["BANTIN_PURPOSE"] == "--publish"
    assert any("bantin build $BANTIN_PURPOSE" in line for line in GITLAB["pages"]["script"])


def test_premium_parallel_previews_are_under_their_own_prefix_and_not_published_builds():
    rule = matching_rule(GITLAB["pages"], MR_PREMIUM)
    assert rule is not None
    assert rule["variables"]["PAGES_PREFIX"].startswith("mr-") and rule["variables"]["BANTIN_PURPOSE"] == "--preview"
    assert GITLAB["pages"]["pages"]["path_prefix"] == "$PAGES_PREFIX"
    assert matching_rule(GITLAB["preview"], MR_PREMIUM) is None  # one preview per merge request


def test_free_previews_are_artifacts_linked_from_the_merge_request():
    preview = GITLAB["preview"]
    assert "pages" not in preview  # never a Pages deployment
    assert matching_rule(preview, MR_FREE) is not None
    for pipeline in (PUSH_MAIN, PUSH_BRANCH):
        assert matching_rule(preview, pipeline) is None
    build = [line for line in preview["script"] if line.startswith("bantin build")]
    assert build and "--preview" in build[0] and "--offline" in build[0] and "--site-dir preview" in build[0]
    assert any(line.startswith("bantin check") for line in preview["script"])
    artifacts = preview["artifacts"]
    # expose_as needs the trailing slash to link a folder (gitlab-org/gitlab#366867).
    # GitLab checks the label with Ruby's ASCII-only \\w and refuses the whole file otherwise
    # (lib/gitlab/ci/config/entry/artifacts.rb EXPOSE_AS_REGEX): "Bản xem trước" stopped every pipeline.
    assert re.fullmatch(r"[A-Za-z0-9_][-A-Za-z0-9_ ]*", artifacts["expose_as"])
    assert artifacts["expose_as"] and artifacts["paths"] == ["preview/"] and artifacts.get("expire_in")
    assert artifacts["reports"]["dotenv"] == "preview.env" and preview["environment"]["url"] == "$PREVIEW_URL"
    url = next(line for line in preview["script"] if "PREVIEW_URL=" in line)
    assert "/-/jobs/${CI_JOB_ID}/artifacts/preview/ban-tin/index.html" in url  # the home page of the copy and "> preview.env" in url


@pytest.mark.parametrize("event, flag", [("push", "--publish"), ("pull_request", "--preview")])
def test_github_previews_are_preview_builds(event, flag):
    steps = GITHUB["jobs"]["build"]["steps"]
    build = next(step["run"] for step in steps if str(step.get("run", "")).startswith("bantin build"))
    expression = re.search(r"\$\{\{(.*)\}\}", build).group(1)
    match = re.fullmatch(r"\s*github\.event_name == '(\w+)' && '([-\w]+)' \|\| '([-\w]+)'\s*", expression)
    assert match, build
    assert (match.group(2) if event == match.group(1) else match.group(3)) == flag
